"""`blueprint history`: the progress at each commit of the git history, briefly."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from blueprint.cli.common import CACHE_DIR, PROJECT, STATUS_SOURCE, example, share
from blueprint.model import BlueprintError, StatusSource
from blueprint.outputs import json_with, marked, write_output_file

if TYPE_CHECKING:
    from blueprint.history.model import History
    from blueprint.site.history import Change


def register(app: typer.Typer) -> None:
    example_text = example("blueprint history . --since 2024-01-01 --json history.json")
    app.command("history", epilog=example_text)(history_command)


def history_command(
    project: Path = PROJECT,
    since: str | None = typer.Option(
        None, "--since", help="Only the commits made on this date (YYYY-MM-DD, UTC) or later."
    ),
    every: int = typer.Option(
        1, "--every", min=1, help="Read one commit in N (counted from the first; the last always)."
    ),
    status_source: StatusSource = STATUS_SOURCE,
    subdir: str | None = typer.Option(
        None,
        "--subdir",
        help="The project's folder inside the repository (default: where PROJECT is in its "
        "work tree; the top of a bare repository).",
    ),
    rev: str = typer.Option("HEAD", "--rev", help="The commit whose history is read."),
    cache_dir: Path | None = CACHE_DIR,
    svg: Path | None = typer.Option(None, "--svg", help="Write the chart to this SVG file."),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the counts at each commit to this JSON file."
    ),
) -> None:
    """Progress over time: the status counts at each commit of the first-parent history.

    PROJECT may be a work tree or a bare repository. Commits are read from git objects,
    without a checkout, and the results kept per commit: a second run reads only new ones."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from blueprint.cli import console
    from blueprint.history.model import history_data
    from blueprint.history.series import pace, recently_finished, series
    from blueprint.history.snapshot import State
    from blueprint.history.walk import collect_history
    from blueprint.site.history import changes, pace_words
    from blueprint.site.latex.parser import tex_text

    start = _since(since)
    folder = (cache_dir / "history") if cache_dir else _default_cache(project)
    with Progress(
        TextColumn("Reading commits"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, transient=True,
    ) as bar:
        task = bar.add_task("commits", total=None)
        history = collect_history(
            project, subdir=subdir, since=start, every=every, status_source=status_source,
            cache_dir=folder, rev=rev,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if not history.available or history.stats is None:
        raise BlueprintError(f"no history: {history.reason}")
    stats = history.stats
    # Short lines, one fact each: readable at 80 columns, in a pipe or a CI log.
    console.print(f"[bold]{stats.sampled}[/] commits ({stats.computed} read, {stats.cached} from "
                  f"the cache) in {stats.seconds:.1f} s")
    absent, broken = history.count(State.ABSENT), history.count(State.BROKEN)
    if absent or broken:
        console.print(f"{absent} without a blueprint, {broken} that do not parse")
    unchecked = [c for c in history.commits
                 if history.snapshots[c.sha].state is State.UNCHECKED]
    if unchecked:
        said = history.snapshots[unchecked[-1].sha].message.removeprefix("not checked: ")
        console.print(f"{len(unchecked)} whose statuses could not be checked (no counts): "
                      f"{escape(said)}", soft_wrap=False)
    bugs = [c for c in history.commits
            if history.snapshots[c.sha].message.startswith("internal error")]
    if bugs:
        console.print(
            f"[yellow]{len(bugs)} commits hit an internal error[/] (first: {bugs[0].sha[:8]}: "
            f"{escape(history.snapshots[bugs[0].sha].message)}); please report it"
        )
    points = series(history)
    if any(p.counts is not None for p in points):
        changed = changes(points)  # newest first
        console.print(changes_table(changed[:SHOWN][::-1], len(changed)))
        found = pace(points)
        if found is not None:
            when = f" {_day(found.finish)}" if found.finish else ""
            console.print(f"Pace: {escape(pace_words(found))}{when}")
        finished = recently_finished(history, 5)
        if finished:
            console.print("[bold]Recently finished[/]:")
            for f in finished:
                console.print(f"  {escape(f.node_id)}  {_day(f.commit.time)}  "
                              f"{escape(f.commit.credit)}", soft_wrap=True)
    if json_out is not None:
        data = history_data(history, title=tex_text)
        text = json.dumps(data, indent=1, ensure_ascii=False)
        write_output_file(json_out, text.encode(), json_with("available", "commits"))
    if svg is not None:
        _write_svg(history, svg)


#: how many of the latest changes the terminal shows (`--json` has every commit)
SHOWN = 12


def changes_table(shown: Sequence[Change], total: int) -> Table:
    """The counts at the commits where they changed, oldest first, as the site's table."""
    title = ("Progress at each commit that changed it" if len(shown) == total
             else f"Progress at the last {len(shown)} of {total} commits that changed it")
    table = Table(title=title)
    for column in ("date", "commit", "nodes", "statements\nformalized", "proofs\nformalized",
                   "fully\nproved"):
        table.add_column(column, justify="left" if column in ("date", "commit") else "right")
    for change in shown:
        counts = change.counts
        table.add_row(change.commit.date, change.commit.short or "(working tree)",
                      str(counts.nodes), *(share(value, counts.nodes) for value in
                                           (counts.stated, counts.proved, counts.fully_proved)))
    return table


def _write_svg(history: History, path: Path) -> None:
    from blueprint.history.series import series
    from blueprint.site.chart import OLD_SVG_MARK, SVG_MARK, make_chart, standalone_svg

    chart = make_chart(series(history), "Progress over time")
    if chart is None:
        raise BlueprintError("no commit could be read: no chart")
    ours, old = marked(SVG_MARK.encode()), marked(OLD_SVG_MARK.encode())
    write_output_file(path, standalone_svg(chart).encode(), lambda data: ours(data) or old(data))


def _since(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date (YYYY-MM-DD)", param_hint="--since"
        ) from None
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def _default_cache(project: Path) -> Path:
    from blueprint.config import load_config

    try:
        return load_config(project).cache_dir / "history"
    except BlueprintError:  # a bare repository, or no blueprint at the top of the work tree
        return project / ".blueprint-cache" / "history"


def _day(t: int) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d")
