"""The progress-over-time chart: geometry computed here (pure), drawn by the jinja2 template
`_history_chart.svg` into an SVG that needs no JavaScript.

Counts are step lines (a count holds from one commit to the next); a commit whose files do
not parse breaks the lines and is shaded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import jinja2

from blueprint.history.series import DAY, Point

#: (field of `Progress`, legend, colour, dash pattern, stroke width)
LINES: tuple[tuple[str, str, str, str, float], ...] = (
    ("nodes", "Nodes", "#6b7280", "5 4", 1.5),
    ("stated", "Statements formalized", "#2f6fd6", "", 1.75),
    ("proved", "Proofs formalized", "#4caf50", "", 2.0),
    ("fully_proved", "Fully proved", "#0b6e4f", "", 2.5),
)
CHART_TEMPLATE = "_history_chart.svg"
LEGEND_CHAR = 6.2  # the width of a character of the legend, roughly (11 px sans-serif)

Scale = Callable[[int], float]


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in the drawing
    label: str


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    color: str
    dash: str
    width: float
    path: str  # SVG path data: one `M ...` run per stretch without gaps
    last: int  # the latest count
    legend_x: float  # where its key starts in the legend


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    gaps: tuple[tuple[float, float], ...]  # x ranges of commits that could not be read
    legend: bool


def make_chart(points: Sequence[Point], title: str, width: int = 760, height: int = 320,
               legend: bool = True) -> Chart | None:
    """The chart of `points` (see `series`), None when no commit could be read."""
    known = [p for p in points if p.counts is not None]
    if not known:
        return None
    left, right = 48.0, width - 16.0
    top, bottom = 28.0 if legend else 12.0, height - 28.0
    t0, t1 = points[0].time, points[-1].time
    top_value, y_step = nice_scale(max(p.counts.nodes for p in known if p.counts))

    def x(t: int) -> float:
        return right if t1 == t0 else left + (t - t0) / (t1 - t0) * (right - left)

    def y(v: int) -> float:
        return bottom - v / top_value * (bottom - top)

    lines = []
    legend_x = left
    for key, label, color, dash, stroke in LINES:
        last = _last(known, key)
        lines.append(Line(key, label, color, dash, stroke, step_path(points, key, x, y), last,
                          legend_x))
        legend_x += 42 + LEGEND_CHAR * len(f"{label} ({last})")
    y_ticks = tuple(Tick(y(v), str(v)) for v in range(0, top_value + 1, y_step))
    x_ticks = tuple(Tick(x(t), text) for t, text in time_ticks(t0, t1, max(2, width // 120)))
    return Chart(title, _describe(title, known), width, height, left, top, right, bottom,
                 x_ticks, y_ticks, tuple(lines), _gaps(points, x), legend)


def step_path(points: Sequence[Point], key: str, x: Scale, y: Scale) -> str:
    """`M x,y H x V y ...` through the counts; a gap ends the run, the next readable point
    starts another. Only changes make vertices."""
    runs: list[str] = []
    run: list[str] = []
    value: int | None = None
    drawn = end = ""  # x of the last vertex, x of the last point of the run
    for point in points:
        if point.counts is None:
            if point.gap and run:
                runs.append(_finish(run, drawn, end))
                run = []
            continue
        count = int(getattr(point.counts, key))
        px, py = _n(x(point.time)), _n(y(count))
        if not run:
            run, drawn = [f"M{px},{py}"], px
        elif count != value:
            run += [f"H{px}", f"V{py}"]
            drawn = px
        value, end = count, px
    if run:
        runs.append(_finish(run, drawn, end))
    return " ".join(runs)


def _finish(run: list[str], drawn: str, end: str) -> str:
    """Hold the last count up to the run's last commit."""
    return " ".join(run if drawn == end else [*run, f"H{end}"])


def _last(known: Sequence[Point], key: str) -> int:
    counts = known[-1].counts
    assert counts is not None
    return int(getattr(counts, key))


def _gaps(points: Sequence[Point], x: Scale) -> tuple[tuple[float, float], ...]:
    """From the last readable commit before a run of gaps to the first one after it."""
    found = []
    for index, point in enumerate(points):
        if not point.gap or (index > 0 and points[index - 1].gap):
            continue
        before = next((p for p in reversed(points[:index]) if p.counts is not None), point)
        after = next((p for p in points[index:] if not p.gap), points[-1])
        found.append((float(_n(x(before.time))), float(_n(x(after.time)))))
    return tuple(found)


def nice_scale(largest: int, ticks: int = 5) -> tuple[int, int]:
    """(top of the axis, step): a step of 1, 2 or 5 times a power of ten, at most `ticks`
    steps, the top a multiple of the step and at least `largest` (and 1)."""
    largest = max(largest, 1)
    magnitude = 10 ** max(0, math.floor(math.log10(largest / ticks))) if largest > ticks else 1
    for factor in (1, 2, 5, 10, 20, 50):
        step = factor * magnitude
        if largest / step <= ticks:
            break
    return math.ceil(largest / step) * step, step


def time_ticks(t0: int, t1: int, most: int) -> list[tuple[int, str]]:
    """At most `most` round dates between t0 and t1 (UTC): days, weeks, months or years."""
    if t1 <= t0:
        return [(t0, _day(t0))]
    span_days = (t1 - t0) / DAY
    for days in (1, 2, 7, 14):
        if span_days / days <= most:
            first = (t0 + DAY - 1) // DAY * DAY
            if days == 7 or days == 14:  # weeks start on Mondays (1970-01-01 was a Thursday)
                first += ((7 - (first // DAY + 3) % 7) % 7) * DAY
            return [(t, _day(t)) for t in range(first, t1 + 1, days * DAY)]
    start = datetime.fromtimestamp(t0, UTC)
    end = datetime.fromtimestamp(t1, UTC)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    for step in (1, 2, 3, 6, 12, 24, 60, 120):
        if months / step <= most:
            break
    ticks = []
    index = start.year * 12 + start.month  # the first of the month after t0
    while True:
        year, month = divmod(index, 12)
        when = datetime(year, month + 1, 1, tzinfo=UTC)
        stamp = int(when.timestamp())
        if stamp > t1:
            break
        if index % step == 0:
            ticks.append((stamp, str(year) if step >= 12 else f"{year}-{month + 1:02d}"))
        index += 1
    return ticks


def render_chart(env: jinja2.Environment, chart: Chart, chart_id: str) -> str:
    """The chart as an SVG element (standalone too: it carries its namespace)."""
    return env.get_template(CHART_TEMPLATE).render(chart=chart, chart_id=chart_id)


#: the comment that opens the content of `standalone_svg`'s files: how a file it wrote is
#: known, to be replaced (no `--` in it: an XML comment cannot hold one)
SVG_MARK = "<!-- Made by blueprint history (its svg option) -->"
#: the mark of the first versions, which made the file unreadable as XML: replaced too
OLD_SVG_MARK = "<!-- Made by `blueprint history --svg` -->"


def standalone_svg(chart: Chart) -> str:
    """The chart as an SVG file of its own (`blueprint history --svg`)."""
    from blueprint.site.assets import TEMPLATE_DIR

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    svg = render_chart(env, chart, "history")
    start = svg.index(">") + 1  # after the <svg ...> tag
    return f"{svg[:start]}\n{SVG_MARK}{svg[start:]}"


def _describe(title: str, known: Sequence[Point]) -> str:
    first, last = known[0], known[-1]
    assert first.counts is not None and last.counts is not None
    parts = [
        f"{label.lower()} {getattr(first.counts, key)} → {getattr(last.counts, key)}"
        for key, label, *_ in LINES
    ]
    return f"{title}, {_day(first.time)} to {_day(last.time)}: {'; '.join(parts)}."


def _day(t: int) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d")


def _n(value: float) -> str:
    """One decimal, no trailing zero: the same bytes on every run."""
    return f"{value:.1f}".removesuffix(".0")
