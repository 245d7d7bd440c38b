"""The site's history page: the chart, the recently finished nodes and the pace.

`history_view` (pure) turns a `History` into plain data for `templates/history.html`;
`render_history_page(env, context, view)` renders it with the site's environment and the
context `render.SitePages` gives every page (`title`, `version`, `math_json`, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import jinja2
import markupsafe

from blueprint.analysis.tasks import Progress
from blueprint.history.model import WORKING_TREE, History
from blueprint.history.series import (
    Pace,
    Point,
    Verdict,
    chapters,
    pace,
    recently_finished,
    series,
)
from blueprint.history.state import State
from blueprint.site.chart import LINES, Chart, make_chart, render_chart
from blueprint.site.items import Inline, plain_text
from blueprint.site.latex.parser import to_inlines

if TYPE_CHECKING:
    pass

#: what `base.html` needs from the context, set by `render.SitePages` for every page
BASE_KEYS = ("title", "version", "math_json", "has_history")
PACE_WEEKS = 4
FINISHED_SHOWN = 25


@dataclass(frozen=True)
class CommitRef:
    sha: str  # "" for the working tree (changes not committed yet)
    short: str
    date: str
    author: str  # who did the work (for a merge, the merged branch's author)
    merger: str  # who merged it, when not the author
    subject: str
    url: str  # on GitHub, or ""


@dataclass(frozen=True)
class FinishedRow:
    node_id: str
    href: str  # the node in the graph, or "" when it is gone
    commit: CommitRef


@dataclass(frozen=True)
class Gap:
    commit: CommitRef
    message: str


@dataclass(frozen=True)
class ChapterChart:
    label: str  # the chapter's title in TeX, as the blueprint writes it
    title: markupsafe.Markup  # converted, as the chapter pages show it
    svg: markupsafe.Markup
    now: Progress


@dataclass(frozen=True)
class Change:
    """A row of the numbers table: a commit where some count changed."""

    commit: CommitRef
    counts: Progress


@dataclass(frozen=True)
class HistoryView:
    available: bool
    reason: str = ""
    commits: int = 0  # sampled commits with a blueprint
    uncommitted: bool = False  # the last point is the working tree (watch mode)
    every: int = 1
    first: str = ""
    last: str = ""
    now: Progress | None = None
    chart: markupsafe.Markup = markupsafe.Markup("")  # noqa: RUF009 (immutable)
    chapters: tuple[ChapterChart, ...] = ()
    finished: tuple[FinishedRow, ...] = ()
    pace: Pace | None = None
    pace_words: str = ""
    finish_date: str = ""
    weeks: tuple[tuple[str, str, int, int, int, int], ...] = ()  # from, to, changes
    gaps: tuple[Gap, ...] = ()
    #: some gaps are commits whose statuses could not be checked (not files that do not parse)
    unchecked: bool = False
    #: the day of the commit `now` counts, when commits after it are gaps ("": the last)
    now_day: str = ""
    changes: tuple[Change, ...] = ()
    lines: tuple[tuple[str, str, str, str, float], ...] = LINES


def history_view(
    env: jinja2.Environment,
    history: History,
    node_links: Mapping[str, str] | None = None,
    github: str = "",
    title: Callable[[str], tuple[Inline, ...]] = to_inlines,
) -> HistoryView:
    """What the page shows; `node_links` maps the current nodes to their place in the site,
    `github` is the repository's URL (for links to commits), `title` converts a chapter's
    title from TeX (`render.Titles.inlines`: with the blueprint's macros)."""
    if not history.available:
        return HistoryView(False, history.reason)
    points = series(history)
    known = [p for p in points if p.counts is not None]
    if not known:
        reason = ("no commit has a blueprint we can find" if not points
                  else "no commit's blueprint could be read")
        return HistoryView(False, reason)
    links = dict(node_links or {})

    def ref(point: Point) -> CommitRef:
        return _ref(point, github)

    overall = make_chart(points, "Progress over time")
    assert overall is not None and known[-1].counts is not None
    pace_now = pace(points, PACE_WEEKS)
    committed = [p for p in points if p.commit.sha != WORKING_TREE]
    return HistoryView(
        available=True,
        commits=len(committed),
        uncommitted=len(committed) < len(points),
        every=history.every,
        first=_day(committed[0].time) if committed else "",
        last=_day(committed[-1].time) if committed else "",
        now=known[-1].counts,
        chart=_svg(env, overall, "history-all"),
        chapters=_chapter_charts(env, history, title),
        finished=tuple(
            FinishedRow(f.node_id, links.get(f.node_id, ""),
                        ref(Point(f.commit.time, f.commit, None)))
            for f in recently_finished(history, FINISHED_SHOWN)
        ),
        pace=pace_now,
        pace_words=pace_words(pace_now) if pace_now else "",
        finish_date=_day(pace_now.finish) if pace_now and pace_now.finish else "",
        weeks=_weeks(pace_now),
        gaps=tuple(
            Gap(ref(p), history.snapshots[p.commit.sha].message) for p in points if p.gap
        ),
        unchecked=any(history.snapshots[p.commit.sha].state is State.UNCHECKED
                      for p in points if p.gap),
        now_day=_day(known[-1].time) if known[-1] is not points[-1] else "",
        changes=changes(points, github),
    )


def pace_words(found: Pace) -> str:
    """The pace and the forecast in a sentence."""
    window = f"over the last {found.weeks:.0f} weeks" if found.weeks >= 1.5 else "this week"
    rates = (f"{found.proved_per_week:.1f} proofs formalized and "
             f"{found.nodes_per_week:.1f} nodes added per week {window}")
    if found.verdict is Verdict.DONE:
        return "Everything is formalized."
    if found.verdict is Verdict.TOO_SHORT:
        return "Less than a week of history: too early for a pace."
    if found.verdict is Verdict.STALLED:
        return f"No proof was formalized {window}: no finish date at this pace."
    if found.verdict is Verdict.GROWING:
        return (f"{rates.capitalize()}: the blueprint grows as fast as it is formalized, "
                "so this pace gives no finish date.")
    if found.verdict is Verdict.TOO_FAR:
        return f"{rates.capitalize()}: at this pace the end is more than 20 years away."
    return (f"{rates.capitalize()}: at this pace the {found.remaining} nodes left would be "
            "formalized around")


def render_history_page(env: jinja2.Environment, context: Mapping[str, object],
                        view: HistoryView) -> bytes:
    """`history.html`, with the context `SitePages` gives every page."""
    missing = [key for key in BASE_KEYS if key not in context]
    if missing:
        raise ValueError(f"the page context lacks {', '.join(missing)}")
    page = {**context, "page": "history", "history": view}
    return env.get_template("history.html").render(**page).encode()


def _weeks(found: Pace | None) -> tuple[tuple[str, str, int, int, int, int], ...]:
    """The last weeks' changes; none when nothing changed in any of them."""
    rows = tuple(
        (_day(w.start), _day(w.end), w.nodes, w.stated, w.proved, w.fully_proved)
        for w in (found.last_weeks if found else ())
    )
    return rows if any(any(row[2:]) for row in rows) else ()


def _chapter_charts(env: jinja2.Environment, history: History,
                    title: Callable[[str], tuple[Inline, ...]]) -> tuple[ChapterChart, ...]:
    found = []
    for index, label in enumerate(chapters(history), start=1):
        points = series(history, label)
        items = title(label)
        # SVG text holds no markup: the chart is named by the title's plain text
        chart = make_chart(points, plain_text(items), width=380, height=190, legend=False)
        now = next((p.counts for p in reversed(points) if p.counts is not None), None)
        if chart is not None and now is not None:
            found.append(ChapterChart(label, _tex(env, items), _svg(env, chart,
                                                                    f"history-{index}"), now))
    return tuple(found)


def _tex(env: jinja2.Environment, items: tuple[Inline, ...]) -> markupsafe.Markup:
    """Converted TeX as markup, by `_tex.html` (which escapes every string)."""
    inlines = env.globals.get("tex_inlines")
    if not callable(inlines):  # an environment of its own: the macro itself
        inlines = env.get_template("_tex.html").module.inlines  # type: ignore[attr-defined]
    return markupsafe.Markup(inlines(items))


def changes(points: Sequence[Point], github: str = "") -> tuple[Change, ...]:
    """The commits where a count changed, newest first (the chart's numbers, as a table)."""
    rows = []
    before: Progress | None = None
    for point in points:
        if point.counts is not None and point.counts != before:
            rows.append(Change(_ref(point, github), point.counts))
            before = point.counts
    return tuple(reversed(rows))


def _ref(point: Point, github: str) -> CommitRef:
    commit = point.commit
    if commit.sha == WORKING_TREE:
        return CommitRef("", "", _day(commit.time), "", "", commit.subject, "")
    merger = commit.author if commit.merged_author and commit.merged_author != commit.author else ""
    return CommitRef(
        commit.sha,
        commit.sha[:8],
        _day(commit.time),
        commit.credit,
        merger,
        commit.subject,
        f"{github}/commit/{commit.sha}" if github else "",
    )


def _svg(env: jinja2.Environment, chart: Chart, chart_id: str) -> markupsafe.Markup:
    # rendered by an autoescaping template: every string in it is escaped
    return markupsafe.Markup(render_chart(env, chart, chart_id))


def _day(t: int) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d")

