"""Time of `blueprint diff` on a real repository: two adjacent commits, cold and cached.

Each pair is diffed by the command as a user runs it (a fresh process, Python's start-up
included), on commits that changed the blueprint: cold (an empty cache folder: both commits
read from git objects, every Lean file scanned once), then again (both sides from the
history's cache), then cold with the picture (`--svg`, dot included). The baseline, in the
same run: a cold `blueprint build` of a checkout of the newest pair's second commit, what the
CI pays anyway. The goal on a 2-core machine: a diff of two adjacent commits of a pfr-sized
project under 2 s cold.

    python bench/bench_diff.py REPO [--pairs 4] [--touching '*.lean']

REPO is a clone with its history (the `fetch` tool's copy of github:teorth/pfr, cloned).
Nothing is written into it: caches, the checkout and the site live in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blueprint.history.git import open_repository


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-P", "-m", "blueprint", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"blueprint {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds


def pairs(repo: Path, count: int, touching: str = "*.tex") -> list[tuple[str, str]]:
    """`count` first-parent commits that changed a file `touching` matches (the blueprint's:
    `*.tex`; a Verso or LeanArchitect blueprint's are `*.lean`), spread over the history,
    each with its parent; the newest first."""
    repository = open_repository(repo)
    touched = repository.git("log", "--first-parent", "--format=%H %P", "HEAD", "--",
                             touching).decode().split("\n")
    found = [(line.split()[1], line.split()[0]) for line in touched if len(line.split()) >= 2]
    step = max(1, len(found) // count)
    return found[::step][:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--touching", default="*.tex",
                        help="the pairs' commits change a file this matches (Verso, "
                             "LeanArchitect: *.lean)")
    args = parser.parse_args()
    repo = args.repo.resolve()
    print(f"blueprint diff on {repo}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        chosen = pairs(repo, args.pairs, args.touching)
        checkout = tmp / "checkout"
        subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", str(repo),
                        str(checkout)], check=True)
        subprocess.run(["git", "-C", str(checkout), "checkout", "-q", "--detach",
                        chosen[0][1]], check=True)
        build = timed(["build", str(checkout), "-o", str(tmp / "site"), "--cache-dir",
                       str(tmp / "build-cache")], tmp)
        print(f"  baseline: cold build of {chosen[0][1][:8]}: {build:.2f} s")
        print(f"  {'pair':17} {'cold':>7} {'cached':>7} {'cold+svg':>9} {'cold/build':>10}")
        colds = []
        for index, (base, head) in enumerate(chosen):
            cache = tmp / f"cache-{index}"
            diff = ["diff", base, head, "-p", str(repo), "--cache-dir", str(cache)]
            cold = timed(diff, tmp)
            cached = timed(diff, tmp)
            picture = timed([*diff[:-1], str(tmp / f"svg-cache-{index}"), "--svg",
                             str(tmp / f"diff-{index}.svg")], tmp)
            colds.append(cold)
            print(f"  {base[:8]}..{head[:8]} {cold:6.2f}s {cached:6.2f}s {picture:8.2f}s "
                  f"{cold / build:9.2f}x")
        print(f"  median cold diff {statistics.median(colds):.2f} s (goal: under 2 s)")


if __name__ == "__main__":
    main()
