"""The `blueprint` command: a thin typer app, one module per command."""

from __future__ import annotations

import importlib
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
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: blueprint build . && blueprint serve site",
)
# No emoji codes: a label such as `thm:smile:` must print as written, not as an emoji.
console = Console(highlight=False, emoji=False)
errors = Console(stderr=True, highlight=False, emoji=False)
_debug = False


def _version(asked: bool) -> None:
    if asked:
        from blueprint import __version__

        console.print(f"blueprint {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_version, is_eager=True
    ),
) -> None:
    global _debug
    _debug = debug


def is_debug() -> bool:
    return _debug


COMMANDS = ("new", "build", "export", "check", "serve", "watch", "status", "history", "diff")


def _register(argv: list[str]) -> None:
    """Add the command asked for, or all of them (for help, or a misspelt command): a
    command's module imports what it needs, and the others' imports need not be paid."""
    asked = next((arg for arg in argv[1:] if not arg.startswith("-")), None)
    for name in [asked] if asked in COMMANDS else COMMANDS:
        importlib.import_module(f"blueprint.cli.{name}").register(app)


def main() -> None:
    """Run the command line and leave (`blueprint.__main__.main` sets the process up first)."""
    _register(sys.argv)
    code = _run()
    # Tearing the interpreter down object by object takes 50 ms we need not spend: everything
    # the command wrote is closed by now (the site is swapped in atomically), so flush the
    # terminal and leave, as mypy does.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def long_running() -> None:
    """Called by commands that run until interrupted: the cycle collector at its usual pace."""
    from blueprint.collector import for_long_running

    for_long_running()


def _run() -> int:
    try:
        app()
    except SystemExit as done:
        return _exit_code(done.code)
    except BlueprintError as error:
        if _debug or "--debug" in sys.argv:
            raise
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True)
        return error.exit_code
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
