"""Verso Blueprints built whole and watched (issue #15, phase 2 goals: a cold build of the
largest under 2 s; editing a node's text reloads in under 0.5 s).

For each project (by default the checkouts of the projects folder that are Verso
Blueprints: verso-sphere-packing, the largest, verso-noperthedron, markoff-modp; else
tests/data/verso/checked), from a fresh copy:

- cold: `blueprint build COPY -o SITE` as a user runs it (no cache, a new process), best of
  `--repeat`; baseline in the same run: `blueprint --help` (the start-up every command pays);
- edit: `watch` running, a word added to a node's statement; the time from the file write
  to the `reload` event a browser receives, median of `--repeat` edits (the watcher waits
  0.03 s after a finished save); baseline in the same run: the same edit in a chapter's prose.

With --baseline DIR (a checkout of another revision, `git archive main | tar -x -C DIR`),
both are measured with its code too, in the same run, and the table gives the ratios.

    python bench/bench_verso_build.py [--repeat 3] [--baseline DIR] [PROJECT ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import baseline
from bench.bench_watch import next_reload
from blueprint.live.server import SiteServer
from blueprint.live.watch import watch
from blueprint.model import StatusSource
from tests.helpers import EventStream
from tests.verso_texts import projects_folder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "verso"
CHECKOUTS = ("verso-sphere-packing", "verso-noperthedron", "markoff-modp")
_STATEMENT_RE = re.compile(r"^:::+(?:theorem|lemma_|definition)\b[^\n]*\n(?!%%%)", re.M)


def blueprint(*args: str, code: Path | None = None) -> float:
    start = time.perf_counter()
    baseline.run(code, *args, check=True)
    return time.perf_counter() - start


def cold(
    project: Path, work: Path, repeat: int, code: Path | None = None
) -> tuple[float, float, float | None]:
    """Best of `repeat` cold builds, of `blueprint --help`, and of cold builds with the
    `code` of a baseline (taking turns with ours), if given."""
    times, startup, theirs = [], [], []
    for run in range(repeat):
        for name, found, with_code in (("ours", times, None), ("base", theirs, code)):
            if name == "base" and code is None:
                continue
            copy = work / f"cold-{name}-{run}"
            shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".lake", ".git",
                                                                           ".blueprint-cache"))
            found.append(blueprint("build", str(copy), "-o", str(work / f"site-{name}-{run}"),
                                   code=with_code))
        startup.append(blueprint("--help"))
    return min(times), min(startup), min(theirs) if theirs else None


def edit_times(project: Path, repeat: int) -> list[float]:
    """`edits` in a folder of its own, on a free port: [node edit, prose edit]."""
    from tests.helpers import free_port

    with tempfile.TemporaryDirectory() as folder:
        return list(edits(project, Path(folder), repeat, free_port()))


def edits(project: Path, work: Path, repeat: int, port: int) -> tuple[float, float]:
    root = work / "watched"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns(".lake", ".git",
                                                                 ".blueprint-cache"))
    chapters = [p for p in sorted(root.rglob("*.lean"))
                if ".lake" not in p.parts and _STATEMENT_RE.search(p.read_text())]
    chapter = max(chapters, key=lambda p: len(_STATEMENT_RE.findall(p.read_text())))
    ready, stop = threading.Event(), threading.Event()
    found: dict[str, str] = {}

    def on_ready(server: SiteServer) -> None:
        found["url"] = server.url
        ready.set()

    thread = threading.Thread(
        target=watch, args=(root, "127.0.0.1", port, StatusSource.AUTO, lambda r: None,
                            on_ready), kwargs={"stop": stop}, daemon=True)
    thread.start()
    if not ready.wait(120):
        raise SystemExit("watch did not start")
    events = EventStream(found["url"], timeout=60)
    next_reload(events)
    node, prose = [], []
    for attempt in range(repeat):
        text = chapter.read_text()
        m = list(_STATEMENT_RE.finditer(text))[attempt % len(_STATEMENT_RE.findall(text))]
        begin = time.perf_counter()
        chapter.write_text(text[: m.end()] + f"Edited {attempt}. " + text[m.end():])
        next_reload(events)
        node.append(time.perf_counter() - begin)
        text = chapter.read_text()
        at = text.index("=>\n") + 3  # the first prose of the chapter
        begin = time.perf_counter()
        chapter.write_text(text[:at] + f"\nProse {attempt}.\n" + text[at:])
        next_reload(events)
        prose.append(time.perf_counter() - begin)
    events.close()
    stop.set()
    thread.join(30)
    return statistics.median(node), statistics.median(prose)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("projects", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout of the revision to compare")
    args = parser.parse_args()
    projects = list(args.projects)
    if not projects:
        folder = projects_folder()
        projects = [folder / n for n in CHECKOUTS if folder and (folder / n).is_dir()]
        projects = projects or [DATA / "checked"]
    code: Path | None = args.baseline
    print(f"({baseline.load()}{'; baseline ' + str(code) if code else ''})")
    print("| project | cold build | start-up | goal (2 s) | node edit | prose edit | goal "
          "(0.5 s) |")
    print("|---|---|---|---|---|---|---|")
    for project in projects:
        with tempfile.TemporaryDirectory() as folder:
            build, startup, before = cold(project, Path(folder), args.repeat, code)
        node, prose = cast(list[float], baseline.call(  # a session in a process of its own
            None, "bench.bench_verso_build", "edit_times", project, args.repeat
        ))
        build_cell, node_cell = f"{build:.2f} s", f"{node:.2f} s"
        if code is not None and before is not None:
            node_before, _ = cast(list[float], baseline.call(
                code, "bench.bench_verso_build", "edit_times", project, args.repeat
            ))
            build_cell += f" (baseline {before:.2f} s, {before / build:.1f}x)"
            node_cell += f" (baseline {node_before:.2f} s, {node_before / node:.1f}x)"
        print(f"| {project.name} | {build_cell} | {startup:.2f} s | "
              f"{'ok' if build < 2 else 'MISS'} | {node_cell} | {prose:.2f} s | "
              f"{'ok' if node < 0.5 else 'MISS'} |")


if __name__ == "__main__":
    main()
