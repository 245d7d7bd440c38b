"""Snapshots kept on disk, one JSON file per commit: a second walk reads only new commits.

Beside the counts (`<commit>.json`, what the progress chart reads), each commit's record of
every node (`states/<commit>.json.gz`, what `blueprint diff` compares) is kept, compressed:
the chart reads none of them, and a diff of two commits the history walked reads two.

Each file carries a key made of the cache format, the options that change the counts and a
digest of the code that computes them (reader, scanner, status rules): a change of any of
these makes old entries stale, and they are computed again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path

from blueprint.analysis.tasks import Progress
from blueprint.history.snapshot import Snapshot, State
from blueprint.history.state import ProjectState, state_from_json, state_to_json

CACHE_FORMAT = 1
STATES = "states"  # the folder of the records of every node, inside the cache's
_PACKAGE = Path(__file__).resolve().parents[1]
#: the code that decides a commit's counts, relative to the package
RULES = ("config.py", "model.py", "analysis", "readers", "lean", "history/snapshot.py",
         "history/state.py")


def rules_digest(package: Path = _PACKAGE) -> str:
    """A digest of the source of the modules in RULES."""
    digest = hashlib.sha1()
    for name in RULES:
        path = package / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cache_key(status_source: str, subdir: str) -> str:
    return f"{CACHE_FORMAT}:{rules_digest()}:{status_source}:{subdir}"


def to_json(snapshot: Snapshot) -> dict[str, object]:
    return {
        "state": snapshot.state.value,
        "message": snapshot.message,
        "source": snapshot.source,
        "rows": [[r.label, r.nodes, r.stated, r.proved, r.fully_proved] for r in snapshot.rows],
        "finished": sorted(snapshot.finished),
        "stated": sorted(snapshot.stated),
    }


def from_json(data: dict) -> Snapshot:
    return Snapshot(
        state=State(data["state"]),
        message=str(data["message"]),
        source=str(data["source"]),
        rows=tuple(Progress(str(r[0]), *(int(x) for x in r[1:5])) for r in data["rows"]),
        finished=frozenset(data["finished"]),
        stated=frozenset(data["stated"]),
    )


class HistoryCache:
    """`<folder>/<commit>.json`, each valid for one key."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key

    def get(self, sha: str) -> Snapshot | None:
        try:
            data = json.loads((self.folder / f"{sha}.json").read_bytes())
            if data.get("key") != self.key:
                return None
            return from_json(data["snapshot"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # absent, stale or damaged: computed again

    def put(self, sha: str, snapshot: Snapshot) -> None:
        data = json.dumps({"key": self.key, "commit": sha, "snapshot": to_json(snapshot)},
                          ensure_ascii=False, separators=(",", ":"))
        _write(self.folder, f"{sha}.json", data.encode("utf-8"))

    def get_state(self, sha: str) -> ProjectState | None:
        try:
            data = json.loads(gzip.decompress((self.folder / STATES / f"{sha}.json.gz")
                                              .read_bytes()))
            if data.get("key") != self.key:
                return None
            return state_from_json(data["state"])
        except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, IndexError):
            return None  # absent, stale or damaged: computed again

    def put_state(self, sha: str, state: ProjectState) -> None:
        data = json.dumps({"key": self.key, "commit": sha, "state": state_to_json(state)},
                          ensure_ascii=False, separators=(",", ":"))
        # mtime=0: the same record, the same bytes
        _write(self.folder / STATES, f"{sha}.json.gz",
               gzip.compress(data.encode("utf-8"), compresslevel=6, mtime=0))


def _write(folder: Path, name: str, data: bytes) -> None:
    """Written atomically; a cache that cannot be written only costs time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / name)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # ours: written just now
