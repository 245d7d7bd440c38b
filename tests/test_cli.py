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


def test_version_and_short_help(tmp_path: Path) -> None:
    from blueprint import __version__

    version = run_cli("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"blueprint {__version__}"
    short = run_cli("-h", cwd=tmp_path)
    assert short.returncode == 0 and " build " in short.stdout
    assert run_cli("status", "-h", cwd=tmp_path).stdout == run_cli(
        "status", "--help", cwd=tmp_path).stdout


def test_every_help_text_has_an_example(tmp_path: Path) -> None:
    for name in COMMANDS:
        result = run_cli(name, "--help", cwd=tmp_path, columns=80)
        assert result.returncode == 0, result.stderr
        assert f"Example: blueprint {name} " in result.stdout, name


def test_a_missing_folder_or_a_file_as_the_project_is_a_usage_error(sample: Path) -> None:
    """Exit status 2, as the README says, before anything is read or served."""
    missing = str(sample.parent / "nowhere")
    a_file = str(sample / "lakefile.toml")
    for name in ("build", "check", "status", "export", "history", "watch"):
        for project, words in ((missing, "no such folder"), (a_file, "is a file")):
            result = run_cli(name, project, cwd=sample.parent)
            assert result.returncode == 2, (name, project, result.stderr)
            assert words in result.stderr and "Traceback" not in result.stderr
    assert run_cli("serve", missing, cwd=sample.parent).returncode == 2
    log = run_cli("check", str(sample), "--lean-log", missing, cwd=sample.parent)
    assert log.returncode == 2 and "does not exist" in log.stderr


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
