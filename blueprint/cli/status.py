"""`blueprint status`: the progress figures and the top tasks, in the terminal."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from blueprint.cli.common import (
    CACHE_DIR,
    GITHUB,
    PROJECT,
    STATUS_SOURCE,
    claims_reader,
    claims_summary,
    example,
    share,
)
from blueprint.model import StatusSource

if TYPE_CHECKING:
    from blueprint.analysis import Analysis
    from blueprint.analysis.tasks import Progress, Task
    from blueprint.github.claims import Work
    from blueprint.model import Node


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def register(app: typer.Typer) -> None:
    app.command("status", epilog=example("blueprint status . --top 5"))(status_command)


def status_command(
    project: Path = PROJECT,
    status_source: StatusSource = STATUS_SOURCE,
    top: int = typer.Option(10, "--top", "-n", min=0, help="How many tasks to list."),
    cache_dir: Path | None = CACHE_DIR,
    github: bool = GITHUB,
    format: StatusFormat = typer.Option(
        StatusFormat.TEXT,
        "--format",
        help="text, or json: the work queue (every ready task, the free ones first) for "
        "scripts and agents that take tasks.",
    ),
) -> None:
    """Progress per chapter, the tasks that unlock the most, blockers and main results."""
    from blueprint.analysis.tasks import blockers, main_results, progress, ready_tasks
    from blueprint.build import analyze
    from blueprint.cli import console
    from blueprint.site.latex.parser import tex_text
    from blueprint.vocabulary import vocabulary

    analysis = analyze(
        project, status_source, cache_dir=cache_dir, github=claims_reader(github)
    )
    nodes, graph, statuses = analysis.nodes, analysis.graph, analysis.statuses
    chosen = [m for m in analysis.config.main_results if m in analysis.by_id]
    tasks = _free_first(analysis, ready_tasks(nodes, graph, statuses, chosen))
    if format is StatusFormat.JSON:
        sys.stdout.write(json.dumps(work_queue(analysis, tasks), indent=1, ensure_ascii=False))
        sys.stdout.write("\n")
        return
    console.print(progress_table(progress(nodes, statuses)))
    claims = analysis.claims
    free = sum(_is_free(analysis, task) for task in tasks)
    title = f"Ready now: {len(tasks)} tasks" + (f", {free} free to take" if claims else "")
    # Narrow columns and text that wraps at spaces: readable at 80 columns, in a pipe or a
    # CI log, where nothing may be cut short with an ellipsis. With claims, who works on a
    # task is a line of its node's cell.
    table = Table(title=f"{title} (top {min(top, len(tasks))})")
    table.add_column("#", justify="right")
    table.add_column("task")
    table.add_column("node\n[dim]chapter, Lean[/]", overflow="fold", ratio=1)
    table.add_column("unlocks", justify="right")
    table.add_column("main\nresults", justify="right")
    table.add_column("size")
    for rank, task in enumerate(tasks[:top], start=1):
        node = analysis.by_id[task.node_id]
        lean = ", ".join(node.lean) if list(node.lean) != [task.node_id] else ""
        where = [escape(tex_text(node.chapter or "")), escape(lean)]
        if claims:
            where.append(_claim_words(claims.work[task.node_id]))
        table.add_row(
            str(rank),
            task.kind.value,
            "\n".join([escape(task.node_id), *(f"[dim]{w}[/]" for w in where if w)]),
            str(task.unlocks),
            str(task.main_results),
            task.size,
        )
    console.print(table)
    if claims:
        stale = [(node_id, work) for node_id, work in claims.work.items() if work.stale]
        if stale:
            console.print("[bold]Stale claims[/] (over 14 days, no pull request):")
            for node_id, work in stale[:top]:
                console.print(f"  {escape(node_id)}: {_claim_words(work)}", soft_wrap=True)
        console.print(claims_summary(claims))
    held = blockers(nodes, graph, statuses)
    if held:
        marked = vocabulary(analysis.blueprint).not_ready
        said = f"marked {escape(marked)}" if marked else "not ready"
        console.print(f"[bold]Blockers[/] ({said}), with how many nodes wait for each:")
        for b in held[:top]:
            console.print(f"  {escape(b.node_id)}: {b.held_up}", soft_wrap=True)
    results = main_results(nodes, graph, statuses, chosen)
    open_results = sorted((r for r in results if not r.done), key=lambda r: -len(r.chain))
    done = len(results) - len(open_results)
    mains = Table(title=f"Main results: {done} of {len(results)} done; the longest chains ahead")
    mains.add_column("main result", overflow="fold", ratio=1)
    mains.add_column("unfinished", justify="right")
    mains.add_column("chain of unfinished nodes in front of it", overflow="fold", ratio=2)
    for result in open_results[:top]:
        chain = " → ".join(escape(step) for step in result.chain)
        mains.add_row(escape(result.node_id), str(len(result.chain)), chain)
    console.print(mains)


def work_queue(analysis: Analysis, tasks: list[Task]) -> dict:
    """Every ready task, free ones first, with what an agent needs to take one: the node's
    statement (LaTeX), its Lean names and files, what finishing it unlocks, its claim."""
    from blueprint.analysis.export import planning_json, work_json
    from blueprint.github.claims import claim_url
    from blueprint.site.latex.parser import tex_text

    claims = analysis.claims
    queue = []
    for rank, task in enumerate(tasks, start=1):
        node = analysis.by_id[task.node_id]
        report = analysis.lean_reports.get(node.id)
        work = claims.work[node.id] if claims else None
        action = _action(task)
        link = None
        if claims and work and _is_free(analysis, task):
            link = claim_url(claims.web, node.id, _heading(node), action, node.lean,
                             work.issue_url)
        queue.append(
            {
                "rank": rank,
                "label": node.id,
                "task": task.kind.value,
                "action": action,
                "title": tex_text(node.title) if node.title else None,
                "heading": _heading(node),
                "chapter": tex_text(node.chapter) if node.chapter else None,
                "statement": node.statement.text,
                "file": node.file,
                "line": node.line,
                "lean": list(node.lean),
                "lean_files": sorted(
                    {d.file for d in report.declarations if d.file} if report else set()
                ),
                "unlocks": task.unlocks,
                "main_results": task.main_results,
                "dependents": task.dependents,
                "used_by": sorted(analysis.graph.successors(node.id)),
                "size": task.size,
                **({"planning": planning_json(node.planning)} if node.planning else {}),
                "work": work_json(work) if work else None,
                "claim_url": link,
            }
        )
    claimed = claims is not None
    return {
        "repo": analysis.claims.repo if analysis.claims else None,
        "claims_as_of": (
            analysis.claims.as_of.strftime("%Y-%m-%dT%H:%M:%SZ")
            if analysis.claims and analysis.claims.as_of
            else None
        ),
        "claims_warning": analysis.claims.warning if analysis.claims else None,
        "free": sum(_is_free(analysis, task) for task in tasks) if claimed else None,
        "tasks": queue,
    }


def _free_first(analysis: Analysis, tasks: list[Task]) -> list[Task]:
    return [t for t in tasks if _is_free(analysis, t)] + [
        t for t in tasks if not _is_free(analysis, t)
    ]


def _is_free(analysis: Analysis, task: Task) -> bool:
    from blueprint.github.claims import WorkState

    claims = analysis.claims
    return claims is None or claims.work[task.node_id].state is WorkState.FREE


def _action(task: Task) -> str:
    return "formalize the statement of" if task.kind.value == "state" else (
        "formalize the proof of"
    )


def _heading(node: Node) -> str:
    from blueprint.site.latex.parser import tex_text

    heading = " ".join(filter(None, [node.env.capitalize(), node.number or ""]))
    return f"{heading} ({tex_text(node.title)})" if node.title else heading


def _claim_words(work: Work) -> str:
    from blueprint.github.claims import WorkState

    if work.state is WorkState.IN_REVIEW:
        draft = " (draft)" if work.draft else ""
        return escape(f"PR #{work.pr}{draft} by @{work.who}")
    if work.state is WorkState.CLAIMED:
        since = f" since {work.since:%Y-%m-%d}" if work.since else ""
        where = f", #{work.issue}" if work.issue else ""
        stale = ", stale" if work.stale else ""
        return escape(f"claimed by {_who(work.who)}{since}{where}{stale}")
    return "free to take" if work.state is WorkState.FREE else "done on GitHub"


def _who(who: str | None) -> str:
    return f"@{who}" if who and " " not in who else (who or "someone")


def progress_table(rows: list[Progress]) -> Table:
    from blueprint.site.latex.parser import tex_text

    table = Table(title="Progress (each column is part of the one before it)")
    table.add_column("chapter", overflow="fold", ratio=1)
    for column in ("nodes", "statements\nformalized", "proofs\nformalized", "fully\nproved"):
        table.add_column(column, justify="right")
    for index, row in enumerate(rows):
        cells = [share(value, row.nodes) for value in (row.stated, row.proved, row.fully_proved)]
        label = "All chapters" if index == 0 else escape(tex_text(row.label))
        table.add_row(label, str(row.nodes), *cells, style="bold" if index == 0 else None)
        if index == 0 and len(rows) > 1:
            table.add_section()
    return table
