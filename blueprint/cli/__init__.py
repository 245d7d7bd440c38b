"""The `blueprint` command: a thin typer app, one module per command."""

from __future__ import annotations

import gc
import os
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
_DEFAULT_GC = gc.get_threshold()


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
    # A one-shot command allocates much and frees it all at exit: the cycle collector, run at
    # its default pace, costs 15% of a 2,000-node build and of a history walk. Collecting
    # seventy times less often wins most of that back and still bounds memory (+3% on pfr's
    # history, against +15% with no collection at all); `watch` and `serve`, which run for
    # hours, go back to the default pace with `long_running()`.
    gc.set_threshold(50_000, 20, 20)
    _register()
    code = _run()
    # Tearing the interpreter down object by object takes 50 ms we need not spend: everything
    # the command wrote is closed by now (the site is swapped in atomically), so flush the
    # terminal and leave, as mypy does.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def long_running() -> None:
    """Called by commands that run until interrupted: the cycle collector at its usual pace."""
    gc.set_threshold(*_DEFAULT_GC)


def _run() -> int:
    try:
        app()
    except SystemExit as done:
        return _exit_code(done.code)
    except BlueprintError as error:
        if _debug or "--debug" in sys.argv:
            raise
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True)
        return 1
    except Exception as error:  # a bug of ours: say so briefly, the traceback on demand
        if _debug or "--debug" in sys.argv:
            raise
        errors.print(
            f"[bold red]internal error:[/] {escape(type(error).__name__)}: {escape(str(error))}"
            " (run with --debug for the traceback, and please report it)",
            soft_wrap=True,
        )
        return 3
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message") prints the message and fails
    return 1
