"""What a walk through the history gives: the sampled commits and their snapshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from blueprint.analysis.tasks import Progress
from blueprint.history.git import Commit
from blueprint.history.snapshot import Snapshot, State

#: the sha of a history's last "commit" when it stands for the working tree, changes not
#: committed yet (a watch session's history, see `live.history`)
WORKING_TREE = "working-tree"


@dataclass(frozen=True)
class WalkStats:
    chain: int  # commits on the first-parent chain
    sampled: int  # commits looked at (after --every and --since)
    cached: int  # read from the cache
    computed: int
    objects_read: int  # git objects (trees and blobs) read
    lean_scans: int  # Lean files scanned
    seconds: float


@dataclass
class History:
    """The snapshots of the sampled commits, oldest first; or why there is no history."""

    available: bool
    reason: str = ""
    commits: list[Commit] = field(default_factory=list)
    snapshots: dict[str, Snapshot] = field(default_factory=dict)
    every: int = 1
    stats: WalkStats | None = None

    def ok(self) -> list[tuple[Commit, Snapshot]]:
        """The commits whose counts are known, oldest first."""
        return [(c, self.snapshots[c.sha]) for c in self.commits
                if self.snapshots[c.sha].state is State.OK]

    def count(self, state: State) -> int:
        return sum(self.snapshots[c.sha].state is state for c in self.commits)


def history_data(history: History, title: Callable[[str], str]) -> dict[str, object]:
    """The counts at each commit, for `blueprint history --json`; `title` turns a chapter's
    title in TeX into the plain words written (`texhtml.tex_text`)."""
    return {
        "available": history.available,
        "reason": history.reason,
        "every": history.every,
        "commits": [
            {
                "sha": c.sha,
                "time": c.time,
                "author": c.credit,
                "subject": c.subject,
                **_snapshot_data(history.snapshots[c.sha], title),
            }
            for c in history.commits
        ],
    }


def _snapshot_data(snapshot: Snapshot, title: Callable[[str], str]) -> dict[str, object]:
    def counts(row: Progress) -> dict[str, int]:
        return {"nodes": row.nodes, "stated": row.stated, "proved": row.proved,
                "fully_proved": row.fully_proved}

    total = snapshot.rows[0] if snapshot.rows else None  # then one row per chapter
    return {
        "state": snapshot.state.value,
        "message": snapshot.message,
        "source": snapshot.source,
        "total": counts(total) if total is not None else None,
        "chapters": [{"title": title(row.label), **counts(row)} for row in snapshot.rows[1:]],
        "finished": sorted(snapshot.finished),
        "stated": sorted(snapshot.stated),
    }
