"""`blueprint status`: the progress figures and the top tasks, in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from blueprint.cli.common import CACHE_DIR, PROJECT, STATUS_SOURCE, example, share
from blueprint.model import StatusSource

if TYPE_CHECKING:
    from blueprint.tasks import Progress


def register(app: typer.Typer) -> None:
    app.command("status", epilog=example("blueprint status . --top 5"))(status_command)


def status_command(
    project: Path = PROJECT,
    status_source: StatusSource = STATUS_SOURCE,
    top: int = typer.Option(10, "--top", "-n", min=0, help="How many tasks to list."),
    cache_dir: Path | None = CACHE_DIR,
) -> None:
    """Progress per chapter, the tasks that unlock the most, blockers and main results."""
    from blueprint.build import analyze
    from blueprint.cli import console
    from blueprint.tasks import blockers, main_results, progress, ready_tasks
    from blueprint.texhtml import tex_text

    analysis = analyze(project, status_source, cache_dir=cache_dir)
    nodes, graph, statuses = analysis.nodes, analysis.graph, analysis.statuses
    chosen = [m for m in analysis.config.main_results if m in analysis.by_id]
    console.print(progress_table(progress(nodes, statuses)))
    tasks = ready_tasks(nodes, graph, statuses, chosen)
    # Narrow columns and text that wraps at spaces: readable at 80 columns, in a pipe or a
    # CI log, where nothing may be cut short with an ellipsis.
    table = Table(title=f"Ready now: {len(tasks)} tasks (top {min(top, len(tasks))})")
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
        table.add_row(
            str(rank),
            task.kind.value,
            "\n".join([escape(task.node_id), *(f"[dim]{w}[/]" for w in where if w)]),
            str(task.unlocks),
            str(task.main_results),
            task.size,
        )
    console.print(table)
    held = blockers(nodes, graph, statuses)
    if held:
        console.print("[bold]Blockers[/] (not ready), with how many nodes wait for each:")
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


def progress_table(rows: list[Progress]) -> Table:
    from blueprint.texhtml import tex_text

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
