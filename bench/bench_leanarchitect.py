"""Speed of a LeanArchitect blueprint read from the Lean sources, on a whole project.

Default: PrimeNumberTheoremAnd@e94b9fb5 (236 files, 9.7 MB, 996 `@[blueprint]` attributes).
In this process, best of --repeat (process CPU seconds, wall seconds beside them):

1. reading the files from disk (what any build does first);
2. the Lean scanner, `scan_lean`, on every file (what a build with status from Lean does
   anyway): the baseline the reader is compared with;
3. the LeanArchitect reader, `read_lean_file`, on every file;
4. `index_modules` over the records (nodes by label, uses resolved).

With --build, as a user runs them (issue #14's goals):

5. the whole project's cold build, `blueprint build PROJECT -o SITE` with an empty cache
   folder (wall seconds, best of --repeat; goal: under 3 s), against the cold build of the
   LaTeX blueprint the project had before LeanArchitect (tests/corpus/PrimeNumberTheoremAnd,
   266 nodes) in the same run, and the same build in process, stage by stage, with the CPU
   seconds of dot alone (the floor: the whole graph's layout is one dot run);
6. `blueprint watch` on a copy of the project: a statement doc comment edited, timed from
   the file write to the browser's reload event (median; goal: under 0.5 s).

With --baseline DIR (a checkout of another revision, `git archive main | tar -x -C DIR`),
5 and 6 are measured with its code too, in the same run (the cold builds taking turns),
and the table gives the ratio. --watch measures 6 alone (and the floor of a rebuild),
with the baseline's when given: what a change to watch is judged by, in a minute or two.

    python bench/bench_leanarchitect.py [PROJECT] [--repeat 5] [--build | --watch]
                                        [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import baseline
from blueprint.lean.scanner import scan_lean
from blueprint.readers.leanarchitect.index import index_modules
from blueprint.readers.leanarchitect.records import LeanArchitectFile
from blueprint.readers.leanarchitect.source import read_lean_file
from tests.helpers import CORPUS

DEFAULT = Path("/work/projects/PrimeNumberTheoremAnd")
#: the statement doc comment the watch measurement edits (PrimeNumberTheoremAnd's)
EDITED = ("PrimeNumberTheoremAnd/Wiener.lean", "is integrable and $x > 0$, then")


def best(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """The least CPU and wall seconds of `repeat` runs of `work`."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        work()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return min(cpu), min(wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("project", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--build", action="store_true", help="also the cold build and watch")
    ap.add_argument("--watch", action="store_true", help="watch's reload alone")
    ap.add_argument("--baseline", type=Path, help="a checkout of the revision to compare with")
    args = ap.parse_args()
    root: Path = args.project
    if args.watch:
        print(f"({baseline.load()})")
        watch(root, args.repeat, args.baseline)
        return
    paths = sorted(p for p in root.rglob("*.lean") if ".lake" not in p.parts)
    if not paths:
        raise SystemExit(f"no .lean files under {root}")
    rels = [p.relative_to(root).as_posix() for p in paths]
    modules = [r.removesuffix(".lean").replace("/", ".") for r in rels]
    texts = [p.read_text(encoding="utf-8") for p in paths]

    def read_files() -> None:
        for p in paths:
            p.read_text(encoding="utf-8")

    def scan() -> None:
        for text, module, rel in zip(texts, modules, rels, strict=True):
            scan_lean(text, module, rel)

    records: list[LeanArchitectFile] = []

    def read() -> None:
        records[:] = [
            read_lean_file(text, module, rel)
            for text, module, rel in zip(texts, modules, rels, strict=True)
        ]

    t_files = best(args.repeat, read_files)
    t_scan = best(max(1, args.repeat // 2), scan)
    t_read = best(args.repeat, read)
    t_index = best(args.repeat, lambda: index_modules(records))
    index = index_modules(records)
    attributes = sum(len(f.declarations) for f in records)
    size = sum(len(t.encode()) for t in texts)
    print(
        f"{root.name}: {len(paths)} files, {size / 1e6:.1f} MB, {attributes} attributes "
        f"in {sum(1 for f in records if f.declarations)} files, {len(index.nodes)} nodes"
    )
    print(f"{'step':<34}{'cpu':>8}{'wall':>8}{'vs scanner':>12}")
    rows = [
        ("read the files", t_files),
        ("Lean scanner (baseline)", t_scan),
        ("LeanArchitect reader", t_read),
        ("index: nodes, uses", t_index),
        ("reader + index", (t_read[0] + t_index[0], t_read[1] + t_index[1])),
    ]
    for label, (cpu, wall) in rows:
        print(f"{label:<34}{cpu:>7.3f}s{wall:>7.3f}s{cpu / t_scan[0]:>11.2f}x")
    total = t_read[0] + t_index[0]
    verdict = "ok" if total < 0.5 else "SLOW"
    print(f"goal: reader + index well under 1 s (here < 0.5 s): {total:.3f} s {verdict}")
    if args.build:
        whole_project(root, args.repeat, args.baseline)


def cold_build(project: Path, repeat: int, baseline: Path | None = None) -> float:
    """Wall seconds of the best of `repeat` cold `blueprint build`s (no cache), with the
    code of `baseline` when given."""
    return min(cold_builds(project, repeat, [baseline])[0])


def cold_builds(
    project: Path, repeat: int, codes: list[Path | None]
) -> list[list[float]]:
    """Wall seconds of `repeat` cold builds with each code (None: ours), taking turns."""
    times: list[list[float]] = [[] for _ in codes]
    for _ in range(repeat):
        for code, found in zip(codes, times, strict=True):
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                baseline.run(code, "build", str(project), "-o", f"{folder}/site",
                             "--cache-dir", f"{folder}/cache")
                found.append(time.perf_counter() - start)
                if not Path(folder, "site", "index.html").is_file():
                    raise SystemExit(f"blueprint build {project} wrote no site")
    return times


def watch_reload(project: Path, repeat: int) -> list[float]:
    """Seconds from a statement doc comment saved to the browser's reload, in a watch
    session on a copy of `project` (its .lean files and blueprint)."""
    from tests.helpers import EventStream, watching

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / project.name
        shutil.copytree(project, root, ignore=shutil.ignore_patterns(".git", ".lake"))
        file, anchor = EDITED
        lean = root / file
        times = []
        with watching(root, cache_dir=Path(folder) / "cache") as session:
            events = EventStream(session.url, timeout=60)
            events.until("reload", "build-error", timeout=60)  # the state on connection
            for attempt in range(repeat):
                text = lean.read_text(encoding="utf-8")
                if anchor not in text:
                    raise SystemExit(f"{file} has no {anchor!r} to edit")
                begin = time.perf_counter()
                lean.write_text(text.replace(anchor, f"{anchor} ({attempt})", 1), "utf-8")
                name, data = events.until("reload", "build-error", timeout=60)
                if name == "build-error":
                    raise SystemExit(f"the rebuild failed: {str(data)[:300]}")
                times.append(time.perf_counter() - begin)
            events.close()
    return times


def stages(root: Path) -> tuple[dict[str, float], float, float, float]:
    """One cold build in this process, at a command's collector pace: seconds per stage,
    wall, our CPU, children's CPU (the Lean scan's workers, dot)."""
    from blueprint import collector
    from blueprint.build import build
    from blueprint.timings import Timings

    timings = Timings()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    collector.for_one_shot()
    with tempfile.TemporaryDirectory() as folder:
        start, cpu = time.perf_counter(), time.process_time()
        build(root, Path(folder) / "site", timings=timings, cache_dir=Path(folder) / "cache")
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    collector.for_long_running()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return timings.seconds, wall, cpu, children


def dot_seconds(root: Path) -> tuple[float, float, int]:
    """CPU seconds of dot on the whole graph and on all the other graph views of the
    project, one after the other in this process, and the whole graph's node count."""
    from blueprint.build import analyze
    from blueprint.site.layout import compute_layout, request_for
    from blueprint.site.views import plan_views

    with tempfile.TemporaryDirectory() as folder:
        analysis = analyze(root, cache_dir=Path(folder))
    jobs = plan_views(analysis)[1]
    seconds = []
    for job in jobs:
        request = json.loads(json.dumps(request_for(job.nodes, job.edges)))  # as a worker
        start = time.process_time()
        compute_layout(request)
        seconds.append(time.process_time() - start)
    return seconds[0], sum(seconds[1:]), len(jobs[0].nodes)


def unchanged_rebuild(root: Path, repeat: int) -> float:
    """The floor of a watch rebuild: analysis and site again, nothing read again (median,
    in process)."""
    from blueprint import collector
    from blueprint.build import BuildCache, analyze
    from blueprint.site.make import SiteMemo, make_site

    collector.for_one_shot()  # as in a watch session
    cache, memo, times = BuildCache(), SiteMemo(), []
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(repeat + 1):
            start = time.perf_counter()
            make_site(analyze(root, cache=cache, cache_dir=Path(folder)), memo=memo)
            if attempt:
                times.append(time.perf_counter() - start)
    return statistics.median(times)


def whole_project(root: Path, repeat: int, base: Path | None = None) -> None:
    latex = CORPUS / "PrimeNumberTheoremAnd"
    print(f"({baseline.load()})")
    ours, *theirs = cold_builds(root, repeat, [None, *([base] if base else [])])
    line = f"{'cold build, whole project (command)':<34}{min(ours):>15.2f}s"
    if theirs:
        line += f"   baseline {min(theirs[0]):.2f} s ({min(theirs[0]) / min(ours):.1f}x faster)"
    if latex.is_dir():
        plain = cold_build(latex, repeat)
        line += f"   LaTeX blueprint of 266 nodes: {plain:.2f} s"
    print(f"{line}   goal < 3 s: {'ok' if min(ours) < 3 else 'MISS'}")
    seconds, wall, cpu, children = stages(root)
    shown = ", ".join(f"{name} {value:.2f}" for name, value in seconds.items() if value >= 0.01)
    print(
        f"{'  the same, in process':<34}{wall:>15.2f}s   {shown}; CPU {cpu:.2f} s ours,"
        f" {children:.2f} s in dot and the scan's workers"
    )
    whole, others, count = dot_seconds(root)
    print(
        f"{'  dot alone (CPU, one process)':<34}{whole:>15.2f}s   the whole graph ({count}"
        f" nodes), one dot run that no other work can shorten; {others:.2f} s the other views"
    )
    watch(root, repeat, base)


def watch(root: Path, repeat: int, base: Path | None = None) -> None:
    """The reload after a statement doc comment is edited, with our code and the baseline's
    (each session in a process of its own, ours and the baseline's alike; with a baseline,
    two sessions each, taking turns, as the machine's speed drifts)."""
    codes = [None, *([base] if base else [])]
    found: list[list[float]] = [[] for _ in codes]
    for _ in range(2 if base else 1):
        for code, reloads in zip(codes, found, strict=True):
            reloads += cast(list[float], baseline.call(
                code, "bench.bench_leanarchitect", "watch_reload", root, repeat
            ))
    ours = found[0]
    middle = statistics.median(ours)
    line = (
        f"{'watch: statement edited to reload':<34}{middle:>15.2f}s   median of {len(ours)}"
        f" (the watcher waits 0.03 s after a finished save; best {min(ours):.2f} s)"
    )
    if base is not None:
        before = statistics.median(found[1])
        line += f"   baseline {before:.2f} s ({before / middle:.1f}x faster)"
    print(f"{line}   goal < 0.5 s: {'ok' if middle < 0.5 else 'MISS'}")
    floor = unchanged_rebuild(root, repeat)
    print(
        f"{'  rebuild with nothing read again':<34}{floor:>15.2f}s   (in process, median:"
        " the analysis and the site of every rebuild)"
    )


if __name__ == "__main__":
    main()
