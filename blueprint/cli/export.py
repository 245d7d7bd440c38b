"""`blueprint export`: the graph and statuses as JSON, for other tools."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from blueprint.cli.check import LEAN_LOG
from blueprint.cli.common import (
    CACHE_DIR,
    GITHUB,
    PROJECT,
    STATUS_SOURCE,
    claims_reader,
    example,
)
from blueprint.model import StatusSource


class ExportFormat(StrEnum):
    JSON = "json"


def register(app: typer.Typer) -> None:
    app.command("export", epilog=example("blueprint export . -o graph.json"))(export_command)


def export_command(
    project: Path = PROJECT,
    format: ExportFormat = typer.Option(ExportFormat.JSON, "--format", help="Output format."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="File to write (default: stdout)."
    ),
    status_source: StatusSource = STATUS_SOURCE,
    lean_log: Path | None = LEAN_LOG,
    cache_dir: Path | None = CACHE_DIR,
    github: bool = GITHUB,
) -> None:
    """Export the dependency graph, statuses and diagnostics (with --github, each node's
    work: who claimed it, its pull request)."""
    from blueprint.analysis.export import export_data
    from blueprint.build import analyze

    analysis = analyze(
        project, status_source, lean_log=lean_log, cache_dir=cache_dir,
        github=claims_reader(github),
    )
    text = json.dumps(export_data(analysis), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        from blueprint.outputs import json_with, write_output_file

        write_output_file(output, text.encode(), json_with("status_source", "nodes", "edges"))
