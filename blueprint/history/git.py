"""Reading a git repository without a checkout: the first-parent log, trees and blobs.

The only module of the history that runs git, always with argument lists. Trees and blobs
come from one long-lived `git cat-file --batch` process; the parsers of git's output
(`parse_log`, `parse_tree`) are pure.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from blueprint.history.recent import Recent
from blueprint.model import BlueprintError

#: fields of one commit in `git log -z --format=LOG_FORMAT`
LOG_FORMAT = "%H%x00%P%x00%ct%x00%an%x00%s"
LOG_FIELDS = 5
_AUTHOR_FORMAT = "%H%x00%an"

TREE_MODE = "40000"
BLOB_MODES = frozenset({"100644", "100755"})  # symbolic links and submodules are not files
TREE_MEMO = 2_000_000  # paths of listed subtrees kept


class NoHistory(BlueprintError):
    """There is no git history to read: no git, not a repository, no commits. The message is
    shown on the site's history page: it names no local path."""


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    time: int  # committer time, seconds since the epoch
    author: str
    subject: str
    merged_author: str | None = None  # for a merge: the author of the merged branch's tip

    @property
    def credit(self) -> str:
        """Who did the work: the merged branch's author for a merge, else the author."""
        return self.merged_author or self.author


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    name: str
    oid: str


def parse_log(data: bytes) -> list[Commit]:
    """Commits from `git log -z --format=LOG_FORMAT` (records and fields end with NUL)."""
    fields = data.split(b"\0")
    if fields and fields[-1] in (b"", b"\n"):
        fields.pop()
    commits = []
    for start in range(0, len(fields) - LOG_FIELDS + 1, LOG_FIELDS):
        sha, parents, time, author, subject = (
            f.decode("utf-8", errors="replace").strip("\n") for f in fields[start:start + 5]
        )
        commits.append(Commit(sha, tuple(parents.split()), int(time), author, subject))
    return commits


def parse_authors(data: bytes) -> dict[str, str]:
    """sha -> author from `git log -z --format=%H%x00%an`."""
    fields = [f.decode("utf-8", errors="replace").strip("\n") for f in data.split(b"\0")]
    return {fields[i]: fields[i + 1] for i in range(0, len(fields) - 1, 2) if fields[i]}


def parse_tree(data: bytes, hash_size: int = 20) -> list[TreeEntry]:
    """Entries of a raw tree object: `<mode> <name>\\0<binary object id>`, repeated."""
    entries = []
    pos = 0
    while pos < len(data):
        space = data.index(b" ", pos)
        nul = data.index(b"\0", space)
        end = nul + 1 + hash_size
        entries.append(
            TreeEntry(
                data[pos:space].decode("ascii"),
                data[space + 1 : nul].decode("utf-8", errors="surrogateescape"),
                data[nul + 1 : end].hex(),
            )
        )
        pos = end
    return entries


def sample(commits: Sequence[Commit], every: int) -> list[Commit]:
    """Every `every`-th commit counted from the oldest, and always the newest.

    `commits` is oldest first; counting from the oldest keeps the sample of old commits
    the same when new ones arrive, so the cache keeps serving them."""
    if every <= 1:
        return list(commits)
    last = len(commits) - 1
    return [c for i, c in enumerate(commits) if i % every == 0 or i == last]


@dataclass(frozen=True)
class Repository:
    git_dir: Path
    prefix: str  # the project's folder inside the repository, "" at its top
    bare: bool = False  # no work tree

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        return _run(["git", f"--git-dir={self.git_dir}", *args], stdin=stdin)

    def first_parent_log(self, rev: str = "HEAD") -> list[Commit]:
        """The first-parent chain ending at `rev`, oldest first, merges credited."""
        try:
            data = self.git("log", "--first-parent", "-z", f"--format={LOG_FORMAT}", rev, "--")
        except BlueprintError as error:
            raise NoHistory(f"no commits to read at {rev}: {error}") from None
        commits = parse_log(data)[::-1]
        merged = [c.parents[1] for c in commits if len(c.parents) > 1]
        if not merged:
            return commits
        authors = parse_authors(
            self.git(
                "log", "--no-walk=unsorted", "--stdin", "-z", f"--format={_AUTHOR_FORMAT}",
                stdin="\n".join(merged).encode() + b"\n",
            )
        )
        return [
            Commit(c.sha, c.parents, c.time, c.author, c.subject, authors.get(c.parents[1]))
            if len(c.parents) > 1
            else c
            for c in commits
        ]

    def commit(self, rev: str) -> str | None:
        """The commit `rev` names (a sha, a branch, `HEAD~2`, ...); None if none."""
        try:
            found = self.git("rev-parse", "-q", "--verify", "--end-of-options", f"{rev}^{{commit}}")
        except BlueprintError:
            return None
        return found.decode().strip() or None

    def merge_base(self, one: str, other: str) -> str | None:
        """The best common ancestor of two commits; None if they have none."""
        try:
            found = self.git("merge-base", one, other)
        except BlueprintError:
            return None
        return found.decode().strip() or None

    def hash_size(self) -> int:
        try:
            form = self.git("rev-parse", "--show-object-format").decode().strip()
        except BlueprintError:
            form = "sha1"  # git before 2.25 knows only SHA-1
        return 32 if form == "sha256" else 20


def open_repository(project: Path, subdir: str | None = None) -> Repository:
    """The repository holding `project` (a work tree or a bare repository).

    `subdir` is the project's folder inside the repository; by default the place of
    `project` in its work tree, and the top of a bare repository."""
    if shutil.which("git") is None:
        raise NoHistory("git is not installed")
    if not project.is_dir():
        raise NoHistory("the project folder does not exist")
    try:
        found = _run(["git", "-C", str(project), "rev-parse", "--absolute-git-dir",
                      "--is-bare-repository"]).decode().split("\n")
    except BlueprintError:
        raise NoHistory("the project folder is not in a git repository") from None
    git_dir, bare = Path(found[0]), found[1].strip() == "true"
    if subdir is None:
        subdir = "" if bare else _run(
            ["git", "-C", str(project), "rev-parse", "--show-prefix"]
        ).decode().strip()
    return Repository(git_dir, subdir.strip("/"), bare)


def head(project: Path) -> str | None:
    """The commit HEAD points to in the repository holding `project`; None when there is no
    such repository, no commit yet, or no git."""
    if shutil.which("git") is None or not project.is_dir():
        return None
    try:
        found = _run(["git", "-C", str(project), "rev-parse", "-q", "--verify", "HEAD^{commit}"])
    except BlueprintError:
        return None
    return found.decode().strip() or None


def git_in(folder: Path, *args: str) -> bytes:
    """The output of git run in `folder` (a work tree); a BlueprintError if it fails."""
    return _run(["git", "-C", str(folder), *args])


def _run(args: list[str], stdin: bytes | None = None) -> bytes:
    done = subprocess.run(args, input=stdin, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise BlueprintError(f"git {args[-1] if args else ''}: "
                             f"{message[-1] if message else 'failed'}")
    return done.stdout


class ObjectReader:
    """Objects read through one `git cat-file --batch` process, started on first use."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.reads = 0  # objects read, for the benchmarks and the cache tests
        self._process: subprocess.Popen[bytes] | None = None

    def read(self, spec: str) -> tuple[str, str, bytes] | None:
        """(object id, type, content) of an object name such as `<sha>^{tree}`; None if
        there is no such object."""
        stdin, stdout = self._pipes()
        stdin.write(spec.encode() + b"\n")
        stdin.flush()
        header = stdout.readline().decode().split()
        if len(header) != 3:
            return None  # "<spec> missing" or "<spec> ambiguous"
        oid, kind, size = header
        data = stdout.read(int(size))
        stdout.read(1)  # the newline after the content
        self.reads += 1
        return oid, kind, data

    def blob(self, oid: str) -> bytes:
        found = self.read(oid)
        if found is None or found[1] != "blob":
            raise BlueprintError(f"git: no blob {oid}")
        return found[2]

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._process is None:
            self._process = subprocess.Popen(
                ["git", f"--git-dir={self.repository.git_dir}", "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        assert self._process.stdin is not None and self._process.stdout is not None
        return self._process.stdin, self._process.stdout

    def close(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None

    def __enter__(self) -> ObjectReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TreeReader:
    """Every file of a commit (path -> blob id), below the project's folder.

    Subtrees are listed once per tree id: most folders do not change between commits."""

    def __init__(self, objects: ObjectReader, hash_size: int = 20) -> None:
        self.objects = objects
        self.hash_size = hash_size
        self._flat: Recent[str, dict[str, str]] = Recent(TREE_MEMO, len)

    def files(self, commit: str, prefix: str = "") -> dict[str, str]:
        found = self.objects.read(f"{commit}^{{tree}}")
        if found is None:
            raise BlueprintError(f"git: no tree for commit {commit}")
        oid, _, data = found
        for part in [p for p in prefix.split("/") if p]:
            entry = next((e for e in parse_tree(data, self.hash_size)
                          if e.name == part and e.mode == TREE_MODE), None)
            if entry is None:
                return {}
            oid = entry.oid
            data = self._tree(oid)
        return self._flatten(oid, data, keep=False)  # a commit's own tree is rarely seen twice

    def _tree(self, oid: str) -> bytes:
        found = self.objects.read(oid)
        if found is None or found[1] != "tree":
            raise BlueprintError(f"git: no tree {oid}")
        return found[2]

    def _flatten(self, oid: str, data: bytes | None = None, keep: bool = True) -> dict[str, str]:
        cached = self._flat.get(oid)
        if cached is not None:
            return cached
        flat: dict[str, str] = {}
        for entry in parse_tree(data if data is not None else self._tree(oid), self.hash_size):
            if entry.mode in BLOB_MODES:
                flat[entry.name] = entry.oid
            elif entry.mode == TREE_MODE:
                for path, blob in self._flatten(entry.oid).items():
                    flat[f"{entry.name}/{path}"] = blob
        if keep:
            self._flat.put(oid, flat)
        return flat


def commits_between(commits: Iterable[Commit], since: int | None) -> list[Commit]:
    """The commits made at or after `since` (seconds since the epoch), all when None."""
    return [c for c in commits if since is None or c.time >= since]
