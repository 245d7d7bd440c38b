"""Verso Blueprints built whole and watched (issue #15, phase 2 goals: a cold build of the
largest under 2 s; editing a node's text reloads in under 0.5 s).

For each project (by default the checkouts of the projects folder that are Verso
Blueprints: verso-sphere-packing, the largest, verso-noperthedron, markoff-modp; else
tests/data/verso/checked), from a fresh copy:

- cold: `blueprint build COPY -o SITE` as a user runs it (no cache, a new process), best of
  `--repeat`; baseline in the same run: `blueprint --help` (the start-up every command pays);
- edit: `watch` running, a word added to a node's statement; the time from the file write
  to the `reload` event a browser receives, median of `--repeat` edits (the watcher's settle
  time of 100 ms included); baseline in the same run: the same edit in a chapter's prose.

    python bench/bench_verso_build.py [--repeat 3] [PROJECT ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_watch import next_reload
from blueprint.live.server import SiteServer
from blueprint.live.watch import watch
from blueprint.model import StatusSource
from tests.helpers import EventStream
from tests.verso_texts import projects_folder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "verso"
CHECKOUTS = ("verso-sphere-packing", "verso-noperthedron", "markoff-modp")
_STATEMENT_RE = re.compile(r"^:::+(?:theorem|lemma_|definition)\b[^\n]*\n(?!%%%)", re.M)


def blueprint(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "blueprint", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold(project: Path, work: Path, repeat: int) -> tuple[float, float]:
    times, startup = [], []
    for run in range(repeat):
        copy = work / f"cold-{run}"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".lake", ".git",
                                                                       ".blueprint-cache"))
        times.append(blueprint("build", str(copy), "-o", str(work / f"site-{run}")))
        startup.append(blueprint("--help"))
    return min(times), min(startup)


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
    args = parser.parse_args()
    projects = list(args.projects)
    if not projects:
        folder = projects_folder()
        projects = [folder / n for n in CHECKOUTS if folder and (folder / n).is_dir()]
        projects = projects or [DATA / "checked"]
    print("| project | cold build | start-up | goal (2 s) | node edit | prose edit | goal "
          "(0.5 s) |")
    print("|---|---|---|---|---|---|---|")
    for index, project in enumerate(projects):
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            build, startup = cold(project, work, args.repeat)
            node, prose = edits(project, work, args.repeat, 8790 + index)
        print(f"| {project.name} | {build:.2f} s | {startup:.2f} s | "
              f"{'ok' if build < 2 else 'MISS'} | {node:.2f} s | {prose:.2f} s | "
              f"{'ok' if node < 0.5 else 'MISS'} |")


if __name__ == "__main__":
    main()
