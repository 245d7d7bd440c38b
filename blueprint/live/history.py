"""The history of a watch session: the git walk kept between rebuilds, and the working tree as
its newest point.

The rest of a watch session's site shows the files as they are now, saved but perhaps not
committed; so does the history page: when the working tree's counts differ from those of
HEAD, they end the history as one more point (`WORKING_TREE`), and the page agrees with the
progress page after every rebuild. The walk through the commits is done once, and again only
when HEAD moves (a commit, a checkout, a pull); then only the new commits are read.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint.history.git import Commit, head
from blueprint.history.model import WORKING_TREE, History
from blueprint.history.snapshot import Snapshot, State, counts_snapshot
from blueprint.model import StatusSource

if TYPE_CHECKING:
    from blueprint.analysis import Analysis

UNCOMMITTED = "Not committed yet"


class LiveHistory:
    """The history of one project across the rebuilds of a watch session."""

    def __init__(self, status_source: StatusSource = StatusSource.AUTO) -> None:
        self.status_source = status_source
        self._root: Path | None = None
        self._head: str | None = None  # the commit walked to
        self._seen: str | None = None  # the commit HEAD was at when last looked at
        self._walked: History | None = None
        self._lock = threading.Lock()

    def history(self, analysis: Analysis, now: int | None = None) -> History:
        """The history up to HEAD, then the working tree of `analysis` (at `now`) when its
        counts are not HEAD's."""
        with self._lock:
            root = analysis.config.root
            current = head(root)
            if self._walked is None or root != self._root or current != self._head:
                self._walked = self._walk(analysis, current)
                self._root, self._head = root, current
            self._seen = current
            walked = self._walked
        return with_working_tree(walked, working_tree(analysis),
                                 int(time.time()) if now is None else now)

    def head_moved(self) -> bool:
        """Whether HEAD moved since the history was last made or this was last asked (a
        commit changes no watched file: the session asks this now and then). Once per move:
        a rebuild that fails does not make the next question say yes again."""
        with self._lock:
            root, seen = self._root, self._seen
        if self._walked is None or root is None:
            return False
        current = head(root)
        with self._lock:
            self._seen = current
        return current != seen

    def _walk(self, analysis: Analysis, rev: str | None) -> History:
        from blueprint.history.walk import collect_history

        known = self._walked.snapshots if self._walked is not None else None
        return collect_history(
            analysis.config.root,
            status_source=self.status_source,
            cache_dir=analysis.config.cache_dir / "history",
            rev=rev or "HEAD",
            known=known,
        )


def working_tree(analysis: Analysis) -> Snapshot:
    """The counts of the files as they are now: those the rest of the site shows."""
    return counts_snapshot(analysis.nodes, analysis.statuses, analysis.status_source,
                           unchecked_reason(analysis))


def unchecked_reason(analysis: Analysis) -> str:
    """Why the statuses of some nodes could not be checked, as a commit's record says it
    (`ProjectState.unchecked`); "" when every one was."""
    where = analysis.blueprint.lean_sources
    if all(status.checked for status in analysis.statuses.values()) or where is None:
        return ""
    return f"not checked: {where.missing}"


def with_working_tree(history: History, snapshot: Snapshot, now: int) -> History:
    """`history`, then `snapshot` as its newest point at time `now`, unless the newest
    commit says the same."""
    if not history.available:
        return history
    last = history.commits[-1] if history.commits else None
    before = history.snapshots[last.sha] if last is not None else None
    if (before is not None and before.state is State.OK
            and (before.rows, before.finished, before.stated)
            == (snapshot.rows, snapshot.finished, snapshot.stated)):
        return history
    point = Commit(WORKING_TREE, (last.sha,) if last else (),
                   max(now, last.time if last else now), "", UNCOMMITTED)
    return History(
        True,
        commits=[*history.commits, point],
        snapshots={**history.snapshots, WORKING_TREE: snapshot},
        every=history.every,
        stats=history.stats,
    )
