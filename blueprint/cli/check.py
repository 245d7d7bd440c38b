"""`blueprint check`: every problem of the blueprint and of its Lean annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from itertools import groupby
from pathlib import Path

import typer
from rich.markup import escape

from blueprint.cli.common import CACHE_DIR, PROJECT, STATUS_SOURCE, STRICT, example, fails, summary
from blueprint.model import Diagnostic, Severity, StatusSource


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


LEAN_LOG = typer.Option(
    None,
    "--lean-log",
    help="Output of `lake build`: its sorry warnings override the guess.",
    exists=True,
    dir_okay=False,
)


def register(app: typer.Typer) -> None:
    example_text = example("blueprint check . --format github --strict")
    app.command("check", epilog=example_text)(check_command)


def check_command(
    project: Path = PROJECT,
    format: CheckFormat = typer.Option(CheckFormat.TEXT, "--format", help="Output format."),
    strict: bool = STRICT,
    status_source: StatusSource = STATUS_SOURCE,
    lean_log: Path | None = LEAN_LOG,
    cache_dir: Path | None = CACHE_DIR,
) -> None:
    """Report what the blueprint says that the Lean code does not back (a stale \\leanok),
    Lean names declared nowhere, uses the Lean code needs and the blueprint lacks, and
    reading problems, each at its file and line."""
    from blueprint.build import analyze
    from blueprint.cli import console

    analysis = analyze(project, status_source, lean_log=lean_log, cache_dir=cache_dir)
    diagnostics = analysis.diagnostics
    if format is CheckFormat.JSON:
        records = [
            {"severity": d.severity.value, "file": d.file, "line": d.line, "message": d.message}
            for d in diagnostics
        ]
        console.print_json(json.dumps(records))
    elif format is CheckFormat.GITHUB:
        for line in github_annotations(diagnostics):
            print(line)
    else:
        for file, group in groupby(sorted(diagnostics), key=lambda d: d.file):
            console.print(f"[bold]{escape(file)}[/]")
            for d in group:
                style = {"error": "red", "warning": "yellow", "info": "cyan"}[d.severity]
                line = str(d.line) if d.line > 0 else ""  # a folder has no lines
                console.print(
                    f"  {line:>5}  [{style}]{d.severity:<7}[/] {escape(d.message)}",
                    soft_wrap=True,
                )
        console.print(f"{len(analysis.nodes)} nodes checked; {summary(diagnostics)}")
    if fails(diagnostics, strict):
        raise typer.Exit(1)


def github_annotations(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """GitHub workflow commands: `::error file=F,line=L::message`; one about a folder (line 0)
    names no file, as GitHub attaches annotations to files only."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    return [
        f"::{level[d.severity]}{_location(d)}::{_data(d.message)}"
        for d in diagnostics
    ]


def _location(d: Diagnostic) -> str:
    return f" file={_property(d.file)},line={d.line}" if d.line > 0 else ""


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
