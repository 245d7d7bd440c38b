"""Time of the progress history on a real repository: cold (empty cache), then cached.

Two walks: the first-parent chain, as `blueprint history` reads it (pfr's has 789 commits),
and the newest N commits of the whole history in date order (`git log --date-order`), so that
N = 1,000 can be timed on pfr too. Each commit is read from git objects: tree, blueprint,
lakefile and Lean files, then its status counts, then the cache. The goal on a 2-core
machine: 1,000 commits in under 60 s cold, under 2 s cached.

    python bench/bench_history.py REPO [--commits 1000] [--checkouts 6]

REPO is a clone or a bare repository (the `fetch` tool's copy of github:teorth/pfr is one),
of a project in any format (LaTeX, LeanArchitect, Verso Blueprint). With `--checkouts N`, N
commits spread over the first-parent chain are also checked out (in a clone) and built
(`analyze`): each one's counts must be the history's, read from git objects.
Nothing is written into it: the caches, the clone and its checkouts live in a temporary folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from blueprint.history.git import LOG_FORMAT, open_repository, parse_log
from blueprint.history.walk import collect_history, walk_commits


def first_parent(repo: Path, cache: Path) -> None:
    for label in ("cold", "cached"):
        history = collect_history(repo, cache_dir=cache)
        stats = history.stats
        assert stats is not None, history.reason
        states = Counter(s.state.value for s in history.snapshots.values())
        print(f"  first-parent {label:6} {stats.sampled:5} commits {stats.seconds:7.2f} s "
              f"({stats.computed} computed, {stats.objects_read} git objects read, "
              f"{stats.lean_scans} Lean files scanned; {dict(sorted(states.items()))})")


def newest(repo: Path, cache: Path, count: int) -> float:
    repository = open_repository(repo)
    commits = parse_log(repository.git("log", "--date-order", "-z", f"--format={LOG_FORMAT}",
                                       f"--max-count={count}", "HEAD", "--"))[::-1]
    cold = 0.0
    for label in ("cold", "cached"):
        start = time.perf_counter()
        walked = walk_commits(repository, commits, cache_dir=cache)
        seconds = time.perf_counter() - start
        cold = cold or seconds
        print(f"  all commits  {label:6} {len(commits):5} commits {seconds:7.2f} s "
              f"({len(commits) - walked.cached} computed, {walked.objects_read} git objects "
              f"read, {walked.lean_scans} Lean files scanned)")
    return cold


def against_checkouts(repo: Path, folder: Path, count: int) -> None:
    """The history's counts at `count` commits against a build of a checkout of each."""
    from blueprint.analysis.tasks import progress
    from blueprint.build import analyze
    from blueprint.history.state import State
    from blueprint.model import BlueprintError

    history = collect_history(repo, cache_dir=folder / "first-parent")
    chain = history.commits
    picked = [chain[round(i * (len(chain) - 1) / max(count - 1, 1))] for i in range(count)]
    clone = folder / "clone"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(repo), str(clone)], check=True)
    agree = 0
    for commit in dict.fromkeys(picked):
        subprocess.run(["git", "-C", str(clone), "checkout", "-q", "--detach", "-f",
                        commit.sha], check=True)
        snapshot = history.snapshots[commit.sha]
        unchecked = False
        try:
            analysis = analyze(clone, cache_dir=folder / "build-cache")
            built = tuple(progress(analysis.nodes, analysis.statuses))
            said = f"{built[0].nodes} nodes, {built[0].proved} proved" if built else "empty"
            unchecked = not all(s.checked for s in analysis.statuses.values())
            said += ", not checked" if unchecked else ""
        except BlueprintError as error:
            built, said = (), f"no build: {str(error)[:60]}"
        # statuses that could not be checked (Lean sources in a submodule): a gap, no counts
        same = (snapshot.state is State.UNCHECKED) == unchecked and (
            unchecked or snapshot.rows == built)
        agree += same
        total = snapshot.row()
        print(f"  {commit.sha[:8]} {snapshot.state.value:9} "
              f"{total.nodes if total else '-':>5} nodes  build: {said:46} "
              f"{'same' if same else 'DIFFERENT'}")
    print(f"  checkouts: {agree} of {len(dict.fromkeys(picked))} agree with the history")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--checkouts", type=int, default=0,
                        help="compare this many commits with builds of their checkouts")
    args = parser.parse_args()
    print(f"blueprint history on {args.repo}")
    with tempfile.TemporaryDirectory() as folder:
        first_parent(args.repo, Path(folder) / "first-parent")
        newest(args.repo, Path(folder) / "all", args.commits)
        if args.checkouts:
            against_checkouts(args.repo, Path(folder), args.checkouts)


if __name__ == "__main__":
    main()
