"""From snapshots to what the history page shows: the lines of the chart, the nodes that
were finished lately, and the pace. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from blueprint.analysis.tasks import Progress
from blueprint.history.git import Commit
from blueprint.history.model import History
from blueprint.history.snapshot import State

DAY = 24 * 3600
WEEK = 7 * DAY
#: beyond this, a finish date says nothing
HORIZON_YEARS = 20


@dataclass(frozen=True)
class Point:
    time: int  # when it is drawn: the commit's time, never before the previous point's
    commit: Commit
    counts: Progress | None  # None: nothing to draw here
    gap: bool = False  # the commit's files do not parse (or its blueprint went missing)


def series(history: History, label: str = "All") -> list[Point]:
    """One point per sampled commit, from the first that has a blueprint on.

    A commit whose files do not parse is a gap; for a chapter, commits before it existed
    have no counts but are no gap."""
    points: list[Point] = []
    for commit in history.commits:
        snapshot = history.snapshots[commit.sha]
        if snapshot.state is State.ABSENT and not points:
            continue
        when = max(commit.time, points[-1].time) if points else commit.time
        if snapshot.state is State.OK:
            points.append(Point(when, commit, snapshot.row(label)))
        else:
            points.append(Point(when, commit, None, gap=True))
    return points


def chapters(history: History) -> list[str]:
    """The chapters of the latest readable commit, in document order."""
    known = history.ok()
    return [row.label for row in known[-1][1].rows[1:]] if known else []


@dataclass(frozen=True)
class Finished:
    node_id: str
    commit: Commit


def recently_finished(history: History, limit: int = 20) -> list[Finished]:
    """Nodes that turned green (proof formalized; a definition: stated), newest first.

    A node counts at the first sampled commit where it is finished after not being so
    (or after not existing); nodes already finished at the first readable commit, and
    nodes no longer finished now, do not count."""
    latest: dict[str, tuple[int, Finished]] = {}
    previous: frozenset[str] | None = None
    for index, (commit, snapshot) in enumerate(history.ok()):
        if previous is not None:
            for node_id in snapshot.finished - previous:
                latest[node_id] = (index, Finished(node_id, commit))
        previous = snapshot.finished
    now = previous or frozenset()
    found = sorted((v for k, v in latest.items() if k in now),
                   key=lambda item: (-item[0], item[1].node_id))
    return [finished for _, finished in found[:limit]]


class Verdict(StrEnum):
    DONE = "done"  # nothing left to prove
    FORECAST = "forecast"  # a finish date at this pace
    TOO_FAR = "too_far"  # more than HORIZON_YEARS away at this pace
    GROWING = "growing"  # nodes are added as fast as they are proved, or faster
    STALLED = "stalled"  # nothing proved in the window
    TOO_SHORT = "too_short"  # less than a week of history


@dataclass(frozen=True)
class Week:
    start: int
    end: int
    nodes: int  # change over the week
    stated: int
    proved: int
    fully_proved: int


@dataclass(frozen=True)
class Pace:
    weeks: float  # the window the rates are measured over
    nodes_per_week: float
    stated_per_week: float
    proved_per_week: float
    remaining: int  # nodes not finished at the latest commit
    verdict: Verdict
    finish: int | None  # when everything would be proved at this pace
    last_weeks: tuple[Week, ...]  # newest first


def value_at(points: Sequence[Point], when: int) -> Progress | None:
    """The counts of the last readable point at or before `when`."""
    found = None
    for point in points:
        if point.time > when:
            break
        if point.counts is not None:
            found = point.counts
    return found


def pace(points: Sequence[Point], weeks: int = 4, shown: int = 8) -> Pace | None:
    """Rates over the last `weeks` weeks (or the whole history when shorter), the changes of
    each of the last `shown` weeks, and when the project would finish at that pace.

    The forecast is net of growth: nodes still to prove over (proofs per week - new nodes
    per week)."""
    known = [p for p in points if p.counts is not None]
    if not known:
        return None
    end = known[-1]
    assert end.counts is not None
    remaining = end.counts.nodes - end.counts.proved
    span = min(weeks * WEEK, end.time - known[0].time)
    base = value_at(known, end.time - span)
    last_weeks = _weeks(known, end.time, shown)
    if span < WEEK or base is None:
        verdict = Verdict.DONE if remaining == 0 else Verdict.TOO_SHORT
        return Pace(span / WEEK, 0.0, 0.0, 0.0, remaining, verdict, None, last_weeks)
    length = span / WEEK
    nodes = (end.counts.nodes - base.nodes) / length
    stated = (end.counts.stated - base.stated) / length
    proved = (end.counts.proved - base.proved) / length
    closing = proved - nodes
    finish = None
    if remaining == 0:
        verdict = Verdict.DONE
    elif proved <= 0:
        verdict = Verdict.STALLED
    elif closing <= 0:
        verdict = Verdict.GROWING
    elif remaining / closing > HORIZON_YEARS * 52.18:
        verdict = Verdict.TOO_FAR
    else:
        verdict = Verdict.FORECAST
        finish = end.time + round(remaining / closing * WEEK)
    return Pace(length, nodes, stated, proved, remaining, verdict, finish, last_weeks)


def _weeks(known: Sequence[Point], end: int, shown: int) -> tuple[Week, ...]:
    rows = []
    for k in range(shown):
        stop, start = end - k * WEEK, end - (k + 1) * WEEK
        after, before = value_at(known, stop), value_at(known, start)
        if after is None or before is None:
            break
        rows.append(
            Week(start, stop, after.nodes - before.nodes, after.stated - before.stated,
                 after.proved - before.proved, after.fully_proved - before.fully_proved)
        )
    return tuple(rows)
