"""Soak `blueprint watch`: random edits to a copy of the sample project, then compare.

    python bench/soak_watch.py                    # 1,000 edits, seed 1
    python bench/soak_watch.py --edits 5000 --seed 9 --keep /tmp/soak

Edits are valid (titles, `\\leanok`, prose, `\\uses` removed, Lean proofs and sorries, new
files) and invalid (half-saved and truncated files, unbalanced braces, unclosed
environments, duplicate labels, bytes that are not UTF-8, binary Lean files, a broken
`blueprint.toml`), written in place, in two halves, as editors' atomic saves (a temporary
file renamed over the file) or by deleting and recreating files, alone or in bursts. A
reader fetches pages all along. At the end every file is given its last valid content, the
session settles, and every file of a fresh `build()` of the final files is fetched over
HTTP from the watch server: the bytes must be the same (the injected live-reload tag
aside), the served folder must hold no other file, the watch must still run and no rebuild
may have failed on an exception of ours.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from blueprint.build import build  # noqa: E402
from blueprint.live.server import SiteServer  # noqa: E402
from blueprint.live.watch import Rebuild, watch  # noqa: E402
from blueprint.model import Severity, StatusSource  # noqa: E402

SAMPLE = REPO / "sample_project"
LIVERELOAD_TAG = re.compile(rb'<script src="/__blueprint__/livereload\.js" data-build="[^"]*">'
                            rb"</script>\n")  # fmt: skip
SETTLE = 0.1  # the watcher's settle time
QUIET = 1.0  # seconds without a rebuild that count as settled


@dataclass
class SoakReport:
    edits: Counter[str] = field(default_factory=Counter)
    rebuilds: int = 0
    failed_rebuilds: int = 0
    internal_errors: list[str] = field(default_factory=list)
    slowest_rebuild: float = 0.0
    page_fetches: int = 0
    bad_fetches: list[str] = field(default_factory=list)  # during the edits: not 200
    compared: int = 0
    mismatches: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # served, but not in a fresh build
    final_errors: list[str] = field(default_factory=list)  # of the fresh build
    crashed: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        problems = [self.internal_errors, self.bad_fetches, self.mismatches, self.extra]
        return not any(problems) and not self.final_errors and self.crashed is None


@dataclass
class Session:
    """A running `watch` and what it reported."""

    project: Path
    url: str = ""
    server: SiteServer | None = None
    rebuilds: list[tuple[float, Rebuild]] = field(default_factory=list)  # (finished at, ...)
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    error: BaseException | None = None

    def start(self) -> None:
        ready = threading.Event()

        def on_ready(server: SiteServer) -> None:
            self.server, self.url = server, server.url
            ready.set()

        def run() -> None:
            try:
                watch(self.project, "127.0.0.1", 0, StatusSource.AUTO,
                      lambda r: self.rebuilds.append((time.monotonic(), r)), on_ready,
                      stop=self.stop, settle=SETTLE)  # fmt: skip
            except BaseException as error:  # reported, not raised in a thread
                self.error = error
                ready.set()

        self.thread = threading.Thread(target=run, name="soak-watch", daemon=True)
        self.thread.start()
        if not ready.wait(60) or self.server is None:
            raise RuntimeError(f"watch did not start: {self.error!r}")

    def settle(self, since: float, timeout: float = 120.0) -> bool:
        """Wait for a rebuild begun after `since`, then QUIET seconds without another."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if not self.rebuilds:
                continue
            finished, last = self.rebuilds[-1]
            began = finished - last.seconds
            if began > since and time.monotonic() - finished >= QUIET:
                return True
        return False

    def close(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(30)


def get(url: str, path: str) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# -- edits ----------------------------------------------------------------------------------


class Editor:
    """Random edits; `valid` holds each file's last valid content (None: absent)."""

    def __init__(self, project: Path, rng: random.Random) -> None:
        self.project = project
        self.rng = rng
        chapters = project / "blueprint" / "src" / "chapter"
        self.tex = sorted(chapters.glob("*.tex"))
        self.lean = sorted((project / "Sample").glob("*.lean"))
        self.toml = project / "blueprint.toml"
        self.content = project / "blueprint" / "src" / "content.tex"
        self.valid: dict[Path, bytes | None] = {p: p.read_bytes() for p in self.tex + self.lean}
        self.valid[self.content] = self.content.read_bytes()
        self.valid[self.toml] = None
        self.broken: set[Path] = set()  # files whose content is not their valid one
        self.count = 0
        self.last_write = 0.0  # time.monotonic() of the last change on disk

    def edit(self) -> str:
        """One random edit; its kind."""
        self.count += 1
        kinds: list[tuple[float, Callable[[], str]]] = [
            (4, self.valid_tex),
            (3, self.invalid_tex),
            (3, self.valid_lean),
            (1, self.invalid_lean),
            (1, self.delete_and_maybe_recreate),
            (1, self.new_chapter),
            (0.5, self.broken_toml),
            (6 + 3 * len(self.broken) if self.broken else 0, self.fix),  # the user finishes typing
        ]
        chosen = self.rng.choices([k for _, k in kinds], [w for w, _ in kinds])[0]
        return chosen()

    def current(self, path: Path) -> str:
        data = self.valid.get(path)
        return (data or b"").decode("utf-8")

    def write(self, path: Path, data: bytes, valid: bool) -> str:
        """Write as an editor would: in place, in two halves, or atomically."""
        if valid:
            self.valid[path] = data
            self.broken.discard(path)
        else:
            self.broken.add(path)
        mode = self.rng.choice(["plain", "halves", "atomic", "atomic"])
        self.last_write = time.monotonic()
        if mode == "plain":
            path.write_bytes(data)
        elif mode == "halves":
            cut = self.rng.randint(0, len(data))
            with path.open("wb") as file:
                file.write(data[:cut])
                file.flush()
                time.sleep(self.rng.uniform(0, 0.03))
                file.write(data[cut:])
        else:
            temporary = path.with_name(f".{path.name}.{self.count}.tmp")
            temporary.write_bytes(data)
            temporary.replace(path)
        return mode

    def valid_tex(self) -> str:
        path = self.rng.choice(self.tex)
        text = self.current(path)
        if not text:
            return "skipped"
        choice = self.rng.randrange(4)
        if choice == 0:
            titles = list(re.finditer(r"\\begin\{\w+\}\[([^\]]*)\]", text))
            if titles:
                title = self.rng.choice(titles)
                text = text[: title.start(1)] + f"Edited {self.count}" + text[title.end(1) :]
        elif choice == 1:
            if "\\leanok\n" in text and self.rng.random() < 0.5:
                text = text.replace("\\leanok\n", "", 1)
            else:
                labels = list(re.finditer(r"\\label\{[^}]*\}\n", text))
                if labels:
                    at = self.rng.choice(labels).end()
                    text = text[:at] + "  \\leanok\n" + text[at:]
        elif choice == 2:
            text += f"\nProse of edit {self.count}, with $x^{{{self.count}}}$.\n"
        else:
            uses = list(re.finditer(r"\\uses\{[^}]*\}", text))
            if uses:
                use = self.rng.choice(uses)
                text = text[: use.start()] + text[use.end() :]
        return "valid tex, " + self.write(path, text.encode(), valid=True)

    def invalid_tex(self) -> str:
        path = self.rng.choice([*self.tex, self.content])
        text = self.current(path)
        breakages: list[Callable[[str], bytes]] = [
            lambda t: t[: self.rng.randint(0, len(t))].encode(),  # half-saved
            lambda t: (t + "\n\\begin{lemma}\\label{half-written}\n{").encode(),
            lambda t: (t + "\n\\begin{lemma}\\label{def:prime}x\\end{lemma}\n").encode(),
            lambda t: t.encode() + b"\n\xff\xfe caf\xe9\n",
            lambda t: b"",
            lambda t: t.replace("\\end{", "\\end {", 1).replace("}", "", 1).encode(),
        ]
        data = self.rng.choice(breakages)(text)
        return "invalid tex, " + self.write(path, data, valid=False)

    def valid_lean(self) -> str:
        path = self.rng.choice(self.lean)
        text = self.current(path)
        if not text:
            return "skipped"
        if "sorry" in text and self.rng.random() < 0.5:
            text = text.replace("sorry", "trivial", 1)
        elif "trivial" in text and self.rng.random() < 0.5:
            text = text.replace("trivial", "sorry", 1)
        else:
            text += f"\ntheorem soak_{self.count} : True := trivial\n"
        return "valid lean, " + self.write(path, text.encode(), valid=True)

    def invalid_lean(self) -> str:
        path = self.rng.choice(self.lean)
        data = self.rng.choice([bytes(range(256)), self.current(path).encode()[:40] + b"\xff"])
        return "invalid lean, " + self.write(path, data, valid=False)

    def delete_and_maybe_recreate(self) -> str:
        path = self.rng.choice([*self.tex, *self.lean])
        path.unlink(missing_ok=True)
        self.last_write = time.monotonic()
        self.broken.add(path)
        if self.rng.random() < 0.5:
            time.sleep(self.rng.uniform(0, 0.2))
            self.write(path, self.valid.get(path) or b"", valid=True)
            return "deleted and recreated"
        return "deleted"

    def fix(self) -> str:
        path = self.rng.choice(sorted(self.broken))
        data = self.valid.get(path)
        if data is None:
            path.unlink(missing_ok=True)
            self.last_write = time.monotonic()
            self.broken.discard(path)
            return "fixed (removed)"
        return "fixed, " + self.write(path, data, valid=True)

    def new_chapter(self) -> str:
        name = f"extra{self.count}"
        path = self.project / "blueprint" / "src" / "chapter" / f"{name}.tex"
        body = f"\\section{{Extra {self.count}}}\n\\begin{{lemma}}[Extra]\n"
        body += f"  \\label{{extra:{self.count}}}\n  \\uses{{def:prime}}\n  A statement.\n"
        body += "\\end{lemma}\n"
        self.write(path, body.encode(), valid=True)
        self.tex.append(path)
        content = self.current(self.content) + f"\\input{{chapter/{name}}}\n"
        return "new chapter, " + self.write(self.content, content.encode(), valid=True)

    def broken_toml(self) -> str:
        if self.toml.exists():
            self.toml.unlink()
            self.last_write = time.monotonic()
            self.broken.discard(self.toml)
            return "blueprint.toml removed"
        self.write(self.toml, b'[project\ntitle = "broken', valid=False)
        return "broken blueprint.toml"

    def restore(self) -> None:
        """Give every file its last valid content (or remove it)."""
        for path, data in self.valid.items():
            if data is None and path.exists():
                path.unlink()
                self.last_write = time.monotonic()
            elif data is not None and (not path.is_file() or path.read_bytes() != data):
                path.write_bytes(data)
                self.last_write = time.monotonic()


# -- the run --------------------------------------------------------------------------------


def run_soak(
    edits: int,
    seed: int = 1,
    folder: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> SoakReport:
    """`edits` random edits against a watch session on a copy of the sample project."""
    rng = random.Random(seed)
    report = SoakReport()
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        root = folder or Path(scratch)
        project = root / "sample"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns(".blueprint-cache"))
        session = Session(project)
        session.start()
        reader_stop = threading.Event()
        reader = threading.Thread(target=_read_pages, args=(session, report, reader_stop),
                                  daemon=True)  # fmt: skip
        reader.start()
        try:
            editor = Editor(project, rng)
            _edit(editor, edits, rng, report, progress)
            reader_stop.set()
            reader.join(30)
            if not session.settle(editor.last_write):
                report.crashed = "the session did not settle after the last edit"
            _compare(session, root / "fresh", report)
        finally:
            reader_stop.set()
            session.close()
        _tally_rebuilds(session, report)
        if session.thread is not None and session.thread.is_alive():
            report.crashed = "watch did not stop"
        if session.error is not None:
            report.crashed = f"watch raised {session.error!r}"
    report.seconds = time.monotonic() - began
    return report


def _edit(
    editor: Editor,
    edits: int,
    rng: random.Random,
    report: SoakReport,
    progress: Callable[[str], None] | None,
) -> None:
    done = 0
    while done < edits:
        burst = rng.randint(2, 8) if rng.random() < 0.25 else 1
        for _ in range(min(burst, edits - done)):
            report.edits[editor.edit()] += 1
            done += 1
        time.sleep(rng.uniform(0, 0.25))
        if progress is not None and done % 100 < burst:
            progress(f"{done} edits")
    editor.restore()


def _read_pages(session: Session, report: SoakReport, stop: threading.Event) -> None:
    """Fetch pages all along: each answer must be 200 and whole (a real page)."""
    pages = ["/", "/graph.html", "/chapter-1.html", "/static/site.css"]
    index = 0
    while not stop.wait(0.05):
        path = pages[index % len(pages)]
        index += 1
        try:
            status, body = get(session.url, path)
        except OSError as error:
            report.bad_fetches.append(f"{path}: {error!r}")
            continue
        report.page_fetches += 1
        if status != 200 or (path.endswith((".html", "/")) and b"</html>" not in body):
            report.bad_fetches.append(f"{path}: {status}, {len(body)} bytes")


def _compare(session: Session, fresh: Path, report: SoakReport) -> None:
    """The served site against a fresh build of the final files, byte for byte."""
    analysis = build(session.project, fresh)
    report.final_errors = [str(d) for d in analysis.diagnostics if d.severity is Severity.ERROR]
    expected = {p.relative_to(fresh).as_posix(): p for p in fresh.rglob("*") if p.is_file()}
    for relative, path in sorted(expected.items()):
        status, body = get(session.url, "/" + urllib.parse.quote(relative))
        served = LIVERELOAD_TAG.sub(b"", body) if relative.endswith(".html") else body
        report.compared += 1
        if status != 200 or served != path.read_bytes():
            report.mismatches.append(f"{relative} ({status}, {len(body)} bytes)")
    assert session.server is not None
    root = session.server.root
    if root is not None:
        served_files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        report.extra = sorted(served_files - set(expected))


def _tally_rebuilds(session: Session, report: SoakReport) -> None:
    for _, rebuild in session.rebuilds:
        report.rebuilds += 1
        report.failed_rebuilds += not rebuild.ok
        report.slowest_rebuild = max(report.slowest_rebuild, rebuild.seconds)
        report.internal_errors += [p.message for p in rebuild.problems if "internal" in p.message]


def print_report(report: SoakReport) -> None:
    print(f"edits: {sum(report.edits.values()):,} in {report.seconds:.0f} s")
    for kind, count in report.edits.most_common():
        print(f"  {count:>6,}  {kind}")
    print(f"rebuilds: {report.rebuilds:,} ({report.failed_rebuilds:,} kept the last good site "
          f"for errors in the files); slowest {report.slowest_rebuild:.2f} s")  # fmt: skip
    print(f"internal errors (exceptions of ours): {len(report.internal_errors)}")
    for message in report.internal_errors[:10]:
        print(f"  {message}")
    print(f"pages fetched during the edits: {report.page_fetches:,}, "
          f"not 200 or not whole: {len(report.bad_fetches)}")  # fmt: skip
    for bad in report.bad_fetches[:10]:
        print(f"  {bad}")
    print(f"final site: {report.compared} files compared with a fresh build, "
          f"{len(report.mismatches)} differ, {len(report.extra)} extra served")  # fmt: skip
    for line in [*report.mismatches, *report.extra, *report.final_errors][:20]:
        print(f"  {line}")
    print(f"crash: {report.crashed or 'none'}")
    print("RESULT: " + ("ok" if report.ok else "FAILED"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder, keep it")
    args = parser.parse_args()
    report = run_soak(args.edits, args.seed, args.keep, lambda line: print(line, flush=True))
    print_report(report)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
