"""Speed of the LeanArchitect reader on a whole project, against the Lean scanner.

Reads every .lean file of a project (default: PrimeNumberTheoremAnd@e94b9fb5, 236 files,
9.7 MB, 996 `@[blueprint]` attributes), then times, best of --repeat, in this process:

1. reading the files from disk (what any build does first);
2. the Lean scanner, `scan_lean`, on every file (what a build with status from Lean does
   anyway): the baseline the reader is compared with;
3. the LeanArchitect reader, `read_lean_file`, on every file;
4. `index_modules` over the records (nodes by label, uses resolved).

Goal (issue #14): the project's whole cold build under 3 s, so the reader (3 + 4) well
under 1 s. Times are process CPU seconds (other jobs on the machine do not count), with
wall seconds beside them.

    python bench/bench_leanarchitect.py [PROJECT] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from blueprint.lean.scanner import scan_lean
from blueprint.readers.leanarchitect.index import index_modules
from blueprint.readers.leanarchitect.records import LeanArchitectFile
from blueprint.readers.leanarchitect.source import read_lean_file

DEFAULT = Path("/work/projects/PrimeNumberTheoremAnd")


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
    args = ap.parse_args()
    root: Path = args.project
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


if __name__ == "__main__":
    main()
