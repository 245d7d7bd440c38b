"""The two sides of a diff: each a commit read from git objects (or from the history's cache),
or the working tree.

Both sides are read the same way, by the history's `Snapshotter`: the working tree is the
HEAD commit's files with the ones git says changed read from the disk, so that files git
ignores (`.lake`) count on neither side and two sides never differ by how they were read.
A working tree whose blueprint and Lean files are as committed is the HEAD commit itself,
from the cache when the history walked it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from blueprint.history.cache import HistoryCache, cache_key
from blueprint.history.git import (
    NoHistory,
    ObjectReader,
    Repository,
    TreeReader,
    git_in,
    open_repository,
)
from blueprint.history.snapshot import TEX_SUFFIXES, Snapshotter, counts_of
from blueprint.history.state import ProjectState, State
from blueprint.model import BlueprintError, StatusSource, UsageError

WORKING_TREE = "working tree"
#: the files whose change can change a blueprint's record (git's other changes cannot)
RELEVANT_SUFFIXES = (*TEX_SUFFIXES, ".lean", ".toml")
RELEVANT_NAMES = ("lean-toolchain", ".gitmodules")
#: branches tried, in order, when the default branch is not known otherwise
DEFAULT_BRANCHES = ("origin/main", "origin/master", "main", "master")
#: the prefix of the key of a file of the working tree that git does not hold as it is
_ON_DISK = "worktree:"


@dataclass(frozen=True)
class Side:
    label: str  # what it is, in words: `main`, `merge base with origin/main`, `working tree`
    sha: str | None  # the commit; None for a working tree with changes not committed
    state: ProjectState
    cached: bool  # read from the history's cache


@dataclass(frozen=True)
class Sides:
    base: Side
    head: Side
    lean_scans: int  # Lean files scanned (none when both sides came from the cache)
    seconds: float


def read_sides(
    project: Path,
    base: str | None = None,
    head: str | None = None,
    *,
    status_source: StatusSource = StatusSource.AUTO,
    cache_dir: Path | None = None,
    subdir: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Sides:
    """The records of `base` (default: the merge base of HEAD with the default branch) and
    of `head` (default: the working tree). `cache_dir` is the history's cache folder (None:
    no cache); `environ` gives `GITHUB_BASE_REF` (a pull request's base branch in GitHub
    Actions) when it is set."""
    start = time.perf_counter()
    try:
        repository = open_repository(project, subdir)
    except NoHistory as error:
        raise BlueprintError(f"cannot compare revisions: {error.message}") from None
    if repository.commit("HEAD") is None:
        raise BlueprintError("cannot compare revisions: the repository has no commits yet")
    if base is None:
        branch = default_branch(repository, os.environ if environ is None else environ)
        base_sha = repository.merge_base("HEAD", branch)
        if base_sha is None:
            raise BlueprintError(f"HEAD and {branch} have no common ancestor: name BASE")
        base_label = f"merge base with {branch}"
    else:
        base_sha, base_label = _commit(repository, base), base
    cache = (HistoryCache(cache_dir, cache_key(status_source.value, repository.prefix))
             if cache_dir is not None else None)
    reader = _Reader(repository, Snapshotter(status_source), cache)
    try:
        base_side = Side(base_label, base_sha, *reader.commit(base_sha))
        if head is not None:
            head_sha = _commit(repository, head)
            head_side = Side(head, head_sha, *reader.commit(head_sha))
        else:
            head_side = reader.working_tree(project)
    finally:
        reader.close()
    return Sides(base_side, head_side, reader.snapshotter.scanned, time.perf_counter() - start)


def default_branch(repository: Repository, environ: Mapping[str, str]) -> str:
    """The branch a pull request goes into: GitHub Actions' `GITHUB_BASE_REF`, else the
    remote's HEAD, else the first of DEFAULT_BRANCHES that exists."""
    named = environ.get("GITHUB_BASE_REF", "").strip()
    candidates = [f"origin/{named}", named] if named else []
    try:
        remote_head = repository.git("symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD")
        candidates.append(remote_head.decode().strip())
    except BlueprintError:
        pass  # no remote, or its HEAD is not known
    candidates += DEFAULT_BRANCHES
    for branch in candidates:
        if branch and repository.commit(branch) is not None:
            return branch
    raise BlueprintError(
        "no default branch found (tried origin/HEAD, " + ", ".join(DEFAULT_BRANCHES)
        + "): name BASE, as in `blueprint diff main`"
    )


def _commit(repository: Repository, rev: str) -> str:
    sha = repository.commit(rev)
    if sha is None:
        raise UsageError(f"no commit {rev!r} in the repository")
    return sha


class _Reader:
    """Records of commits, from the cache or from git objects through one snapshotter (the
    Lean files the two sides share are scanned once)."""

    def __init__(self, repository: Repository, snapshotter: Snapshotter,
                 cache: HistoryCache | None) -> None:
        self.repository = repository
        self.snapshotter = snapshotter
        self.cache = cache
        self.objects = ObjectReader(repository)
        self._trees: TreeReader | None = None

    def commit(self, sha: str) -> tuple[ProjectState, bool]:
        """The record of a commit and whether it came from the cache."""
        cached = self.cache.get_state(sha) if self.cache else None
        if cached is not None:
            return cached, True
        try:
            files = self.trees().files(sha, self.repository.prefix)
        except BlueprintError as error:
            state = ProjectState(State.BROKEN, str(error))
        else:
            state = self.snapshotter.state(files, self.objects.blob)
        if self.cache:
            self.cache.put_state(sha, state)
            self.cache.put(sha, counts_of(state))
        return state, False

    def working_tree(self, project: Path) -> Side:
        """The files as they are now: HEAD's record when no file that counts changed."""
        if self.repository.bare:
            raise UsageError(f"{project} is a bare repository, without a working tree: name "
                             "the revision to compare too, as in `blueprint diff main HEAD`")
        head = self.repository.commit("HEAD")
        assert head is not None  # checked by `read_sides`
        changed = changed_files(project, self.repository.prefix)
        if not any(_relevant(path) for path in changed):
            return Side(WORKING_TREE, head, *self.commit(head))
        files = dict(self.trees().files(head, self.repository.prefix))
        for path in changed:
            on_disk = project / path
            if on_disk.is_file() and not on_disk.is_symlink():
                stat = on_disk.stat()
                files[path] = f"{_ON_DISK}{stat.st_mtime_ns}:{stat.st_size}:{path}"
            else:
                files.pop(path, None)
        return Side(WORKING_TREE, None, self.snapshotter.state(files, self._read(project)),
                    False)

    def _read(self, project: Path) -> Callable[[str], bytes]:
        """Blobs from git, files that changed from the disk."""

        def read(oid: str) -> bytes:
            if oid.startswith(_ON_DISK):
                return (project / oid.split(":", 3)[3]).read_bytes()
            return self.objects.blob(oid)

        return read

    def trees(self) -> TreeReader:
        if self._trees is None:
            self._trees = TreeReader(self.objects, self.repository.hash_size())
        return self._trees

    def close(self) -> None:
        self.objects.close()


def changed_files(project: Path, prefix: str) -> list[str]:
    """The files of the project folder that are not as HEAD has them (changed, staged,
    deleted, renamed or not tracked and not ignored), relative to the folder."""
    output = git_in(project, "status", "--porcelain=v1", "-z", "--untracked-files=all",
                    "--no-renames", "--", ".")
    start = f"{prefix}/" if prefix else ""
    found = []
    for entry in output.split(b"\0"):
        if len(entry) < 4:
            continue
        path = entry[3:].decode("utf-8", errors="surrogateescape")  # `XY path`, from the top
        if path.startswith(start):
            found.append(path[len(start):])
    return found


def _relevant(path: str) -> bool:
    return path.endswith(RELEVANT_SUFFIXES) or path.rpartition("/")[2] in RELEVANT_NAMES
