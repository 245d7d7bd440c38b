"""Benchmark of the Verso Blueprint reader (issue #15, phase 1: reading only).

For each Verso Blueprint at hand (FLT and markoff-modp from tests/data/verso, and the
checkouts of the projects folder: verso-noperthedron, verso-sphere-packing, ...), times
finding the blueprint and reading it whole (discovery, every included document parsed, the
nodes, edges and reading order), best of `--repeat` runs, each from the texts alone. The
baseline, measured in the same run on the same files, is our Lean scanner (`scan_lean`, a
stage every build already runs) over the blueprint's documents: the ratio says what reading
the blueprint costs next to it. Phase 2's goal, a whole cold build of the largest project
under 2 s, needs the reading to stay a small share of that.

    python bench/bench_verso.py [--repeat 5] [PROJECT_FOLDER ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blueprint.lean.scanner import scan_lean
from blueprint.readers.verso.project import (
    find_verso_project,
    read_verso_project,
)
from tests.verso_texts import project_texts, projects_folder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "verso"
CHECKOUTS = ("verso-noperthedron", "verso-sphere-packing", "markoff-modp", "flt")


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def folders(given: list[Path]) -> list[Path]:
    if given:
        return given
    found = [DATA / "flt", DATA / "markoff-modp"]
    projects = projects_folder()
    if projects is not None:
        found += [projects / name for name in CHECKOUTS if (projects / name).is_dir()]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| project | documents | lines | nodes | edges | load texts | read blueprint "
          "| scan_lean (baseline) | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    largest: tuple[int, str, float] | None = None
    for folder in folders(args.folders):
        start = time.perf_counter()
        texts, paths = project_texts(folder)
        load = time.perf_counter() - start
        project = find_verso_project(texts, paths)
        if project is None:
            print(f"| {folder.name} | no Verso Blueprint |")
            continue

        def read(project=project, texts=texts):  # type: ignore[no-untyped-def]
            return read_verso_project(project, texts)

        blueprint = read()
        seconds = best(args.repeat, read)
        documents = blueprint.files
        lines = sum(texts[p].count("\n") + 1 for p in documents)
        def scan(texts=texts, documents=documents):  # type: ignore[no-untyped-def]
            return [scan_lean(texts[p], p, p) for p in documents]

        baseline = best(args.repeat, scan)
        where = f"{folder.parent.name}/{folder.name}"
        print(f"| {where} | {len(documents)} | {lines:,} | {len(blueprint.nodes)} "
              f"| {len(blueprint.edges())} | {load:.3f} s | {seconds:.3f} s "
              f"| {baseline:.3f} s | {seconds / baseline:.1f}x |")
        if largest is None or lines > largest[0]:
            largest = (lines, where, seconds)
    if largest is not None:
        lines, where, seconds = largest
        print(f"\nLargest: {where} ({lines:,} lines of documents) read in {seconds:.3f} s, "
              f"{seconds / 2:.0%} of the 2 s goal for a whole cold build.")


if __name__ == "__main__":
    main()
