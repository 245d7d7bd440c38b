"""`blueprint status` on the sample project: the figures and the tasks, as tables."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_cli


def status(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("status", *args, cwd=cwd, columns=160)


def test_status_prints_progress_and_tasks_in_unlock_order(sample: Path) -> None:
    result = status(str(sample), cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    total = next(line for line in lines if "All chapters" in line)
    assert "37" in total and "30 (81%)" in total and "27 (73%)" in total
    assert "Congruences modulo a prime" in out
    assert "Ready now: 7 tasks" in out
    first_task = next(line for line in lines if line.startswith("│ 1 "))
    assert "def:quadratic-residue" in first_task and "state" in first_task
    assert "thm:chebyshev (holds up 0)" in out
    assert "lem:primeProd-le → thm:bertrand" in out


def test_top_limits_the_task_list(sample: Path) -> None:
    result = status(str(sample), "--top", "1", "--status-source", "annotations", cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    assert "(top 1)" in result.stdout
    assert not any(line.startswith("│ 2 ") for line in result.stdout.splitlines())


def test_a_missing_project_is_one_error_line(tmp_path: Path) -> None:
    result = status(str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 1
    assert "error" in result.stderr and "Traceback" not in result.stderr


def test_chapter_titles_in_tex_print_as_words(sample: Path) -> None:
    chapter = sample / "blueprint" / "src" / "chapter" / "congruences.tex"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        text.replace(
            r"\chapter{Congruences modulo a prime}",
            r"\chapter{Congruences \emph{modulo} \texorpdfstring{$p$}{p}-adic [x]}",
        ),
        encoding="utf-8",
    )
    result = status(str(sample), cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    assert "Congruences modulo p-adic [x]" in result.stdout  # rich markup escaped too
    assert "\\emph" not in result.stdout and "texorpdfstring" not in result.stdout
