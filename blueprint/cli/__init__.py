"""The `blueprint` command: a thin typer app, one module per command."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.markup import escape

from blueprint.model import BlueprintError

app = typer.Typer(
    name="blueprint",
    help="Dependency graphs, status from Lean and a collaborator site for Lean 4 blueprints.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
_debug = False


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
) -> None:
    global _debug
    _debug = debug


def is_debug() -> bool:
    return _debug


def _register() -> None:
    from blueprint.cli import build, check, export, history, serve, status, watch

    for command in (build, export, check, serve, watch, status, history):
        command.register(app)


def main() -> None:
    _register()
    try:
        app()
    except BlueprintError as error:
        if _debug or "--debug" in sys.argv:
            raise
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True)
        sys.exit(1)
    except Exception as error:  # a bug of ours: say so briefly, the traceback on demand
        if _debug or "--debug" in sys.argv:
            raise
        errors.print(
            f"[bold red]internal error:[/] {escape(type(error).__name__)}: {escape(str(error))}"
            " (run with --debug for the traceback, and please report it)",
            soft_wrap=True,
        )
        sys.exit(3)
