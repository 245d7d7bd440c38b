"""`blueprint build`: the site of a project."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.markup import escape

from blueprint.cli.check import LEAN_LOG
from blueprint.cli.common import (
    CACHE_DIR,
    GITHUB,
    OFFLINE_MATH,
    PROJECT,
    STATUS_SOURCE,
    STRICT,
    claims_reader,
    claims_summary,
    example,
    fails,
    format_note,
    print_diagnostics,
    stage_spinner,
    summary,
)
from blueprint.model import StatusSource


def register(app: typer.Typer) -> None:
    app.command("build", epilog=example("blueprint build . -o site --strict"))(build_command)


def build_command(
    project: Path = PROJECT,
    out: Path = typer.Option(Path("site"), "--out", "-o", help="Output folder of the site."),
    status_source: StatusSource = STATUS_SOURCE,
    strict: bool = STRICT,
    lean_log: Path | None = LEAN_LOG,
    offline_math: bool = OFFLINE_MATH,
    history: bool = typer.Option(
        False,
        "--history",
        help="Add a progress-over-time page made from the git history (history.html).",
    ),
    cache_dir: Path | None = CACHE_DIR,
    github: bool = GITHUB,
) -> None:
    """Build the static site of a blueprint project."""
    from blueprint.site.layout import prewarm

    prewarm()  # Graphviz loads in a worker while we read the blueprint

    from blueprint.build import build
    from blueprint.cli import console
    from blueprint.model import SiteOptions
    from blueprint.timings import Timings

    start = time.perf_counter()
    with stage_spinner(console, "Reading the blueprint…") as show:
        timings = Timings(on_stage=lambda name: show(f"{name.capitalize()}…"))
        site = SiteOptions(offline_math=offline_math)
        analysis = build(
            project, out, status_source, timings, lean_log, site, history, cache_dir,
            claims_reader(github),
        )
    elapsed = time.perf_counter() - start
    note = format_note(analysis.config)
    if note:
        console.print(escape(note))
    console.print(
        f"[bold]{len(analysis.nodes)}[/] nodes, {analysis.graph.number_of_edges()} edges "
        f"from {len(analysis.blueprint.files)} files; {summary(analysis.diagnostics)}"
    )
    print_diagnostics(console, analysis.diagnostics)
    if analysis.claims is not None:
        console.print(claims_summary(analysis.claims))
    console.print(f"Wrote [bold]{out}/[/] in {elapsed:.2f} s")
    if fails(analysis.diagnostics, strict):
        raise typer.Exit(1)
