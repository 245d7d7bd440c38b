"""Walking the first-parent history: each sampled commit's snapshot, from the cache or
computed from git objects."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from blueprint.history.cache import HistoryCache, cache_key
from blueprint.history.git import (
    Commit,
    NoHistory,
    ObjectReader,
    Repository,
    TreeReader,
    commits_between,
    open_repository,
    sample,
)
from blueprint.history.model import History, WalkStats
from blueprint.history.snapshot import Snapshot, Snapshotter, counts_of
from blueprint.history.state import ProjectState, State
from blueprint.model import BlueprintError, StatusSource

#: called with (commits done, commits to compute) while walking
OnProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Walked:
    snapshots: dict[str, Snapshot]
    cached: int
    objects_read: int
    lean_scans: int


def collect_history(
    project: Path,
    *,
    subdir: str | None = None,
    since: int | None = None,
    every: int = 1,
    status_source: StatusSource = StatusSource.AUTO,
    cache_dir: Path | None = None,
    rev: str = "HEAD",
    on_progress: OnProgress | None = None,
    known: Mapping[str, Snapshot] | None = None,
) -> History:
    """The project's progress at each sampled first-parent commit up to `rev`.

    `cache_dir` holds one file per commit (None: no cache); `since` is a time in seconds
    since the epoch; `every` keeps one commit in that many, counted from the oldest;
    `known` gives snapshots already at hand (an earlier walk with the same rules), by sha."""
    start = time.perf_counter()
    try:
        repository = open_repository(project, subdir)
        chain = repository.first_parent_log(rev)
    except NoHistory as error:
        return History(False, error.message)
    if not chain:
        return History(False, "the repository has no commits")
    commits = commits_between(sample(chain, every), since)
    walked = walk_commits(repository, commits, status_source=status_source,
                          cache_dir=cache_dir, on_progress=on_progress, known=known)
    stats = WalkStats(len(chain), len(commits), walked.cached, len(commits) - walked.cached,
                      walked.objects_read, walked.lean_scans, time.perf_counter() - start)
    return History(True, commits=commits, snapshots=walked.snapshots, every=every, stats=stats)


def walk_commits(
    repository: Repository,
    commits: Sequence[Commit],
    *,
    status_source: StatusSource = StatusSource.AUTO,
    cache_dir: Path | None = None,
    on_progress: OnProgress | None = None,
    known: Mapping[str, Snapshot] | None = None,
) -> Walked:
    """The snapshot of each commit: from `known`, else from the cache, else from its git
    objects (then cached)."""
    cache = (HistoryCache(cache_dir, cache_key(status_source.value, repository.prefix))
             if cache_dir is not None else None)
    snapshots: dict[str, Snapshot] = {}
    todo = []
    for commit in commits:
        cached = (known or {}).get(commit.sha) or (cache.get(commit.sha) if cache else None)
        if cached is None:
            todo.append(commit)
        else:
            snapshots[commit.sha] = cached
    if not todo:
        return Walked(snapshots, len(commits), 0, 0)
    with ObjectReader(repository) as objects:
        trees = TreeReader(objects, repository.hash_size())
        snapshotter = Snapshotter(status_source)
        for done, commit in enumerate(todo, start=1):
            try:
                files = trees.files(commit.sha, repository.prefix)
            except BlueprintError as error:
                state = ProjectState(State.BROKEN, str(error))
            else:
                state = snapshotter.state(files, objects.blob)
            snapshot = snapshots[commit.sha] = counts_of(state)
            if cache:
                cache.put(commit.sha, snapshot)
                cache.put_state(commit.sha, state)
            if on_progress:
                on_progress(done, len(todo))
        return Walked(snapshots, len(commits) - len(todo), objects.reads, snapshotter.scanned)
