"""The command line itself: which commands it offers and how it reads its arguments."""

from __future__ import annotations

from pathlib import Path

from blueprint.cli import COMMANDS
from tests.conftest import run_cli


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for name in COMMANDS:
        assert f" {name} " in result.stdout, name


def test_a_global_option_before_the_command(sample: Path) -> None:
    result = run_cli("--debug", "export", str(sample), cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    assert '"nodes"' in result.stdout


def test_a_misspelt_command_is_named_with_the_real_ones(tmp_path: Path) -> None:
    result = run_cli("buidl", cwd=tmp_path)
    assert result.returncode == 2
    assert "No such command 'buidl'" in result.stderr
    assert "build" in result.stderr  # the suggestion: typer compares with every command


def test_labels_print_as_written(sample: Path) -> None:
    chapter = sample / "blueprint" / "src" / "chapter" / "primes.tex"
    text = chapter.read_text()
    chapter.write_text(text.replace("\\uses{", "\\uses{thm:smile:,", 1))
    result = run_cli("check", str(sample), cwd=sample.parent)
    assert "\\uses{thm:smile:} in" in result.stdout + result.stderr  # not an emoji


def test_the_stage_spinner_draws_only_in_a_terminal() -> None:
    import io
    import time

    from rich.console import Console

    from blueprint.cli.common import stage_spinner

    for terminal in (True, False):
        out = io.StringIO()
        console = Console(file=out, force_terminal=terminal, width=60)
        with stage_spinner(console, "Reading…") as show:
            show("Layout…")
            time.sleep(0.15)  # rich redraws 12.5 times a second
        assert ("Layout…" in out.getvalue()) is terminal


def test_long_running_commands_collect_at_the_interpreters_own_pace() -> None:
    import subprocess
    import sys

    script = (
        "import gc; usual = gc.get_threshold()\n"
        "from blueprint.__main__ import main\n"
        "import blueprint.cli as cli\n"
        "cli.main = lambda: print(gc.get_threshold() != usual)\n"  # the one-shot pace
        "main()\n"
        "cli.long_running(); print(gc.get_threshold() == usual)\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.stdout.split() == ["True", "True"], ran.stderr
