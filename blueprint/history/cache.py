"""Snapshots kept on disk, one JSON file per commit: a second walk reads only new commits.

Each file carries a key made of the cache format, the options that change the counts and a
digest of the code that computes them (reader, scanner, status rules): a change of any of
these makes old entries stale, and they are computed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from blueprint.analysis.tasks import Progress
from blueprint.history.snapshot import Snapshot, State

CACHE_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parents[1]
#: the code that decides a commit's counts, relative to the package
RULES = ("config.py", "model.py", "analysis", "readers", "lean", "history/snapshot.py")


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
        """Written atomically; a cache that cannot be written only costs time."""
        data = json.dumps({"key": self.key, "commit": sha, "snapshot": to_json(snapshot)},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, self.folder / f"{sha}.json")
        except OSError:
            return
