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
    assert "thm:chebyshev: 0" in out
    assert "lem:primeProd-le → thm:bertrand" in out


def test_top_limits_the_task_list(sample: Path) -> None:
    result = status(str(sample), "--top", "1", "--status-source", "annotations", cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    assert "(top 1)" in result.stdout
    assert not any(line.startswith("│ 2 ") for line in result.stdout.splitlines())


def test_a_missing_project_is_a_usage_error(tmp_path: Path) -> None:
    result = status(str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr


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


def test_status_reads_whole_at_80_columns_in_a_pipe(sample: Path) -> None:
    """A CI log or a pipe is 80 columns: no cell cut short with an ellipsis, no line longer."""
    result = run_cli("status", str(sample), cwd=sample.parent, columns=80)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Congruences modulo a prime" in out  # the chapter of a task, whole
    assert "Sample.isSquare_neg_one_of_mod_f" in out  # a Lean name, folded not cut
    for header in ("unlocks", "results", "chapter", "fully"):
        assert header in out
    assert "thm:primes-one-mod-four: 0" in out  # one blocker a line, not wrapped mid-phrase


def test_percentages_show_100_only_when_all_is_done(tmp_path: Path) -> None:
    """200 and 199 of 201 are 99%, in the terminal and on the site, not 100%."""
    src = tmp_path / "p" / "blueprint" / "src"
    src.mkdir(parents=True)
    proof = ["\\leanok"] * 200
    proof[0] = ""  # one proof left: 199 of 201
    lemmas = "".join(
        f"\\begin{{lemma}}\\label{{l{i}}}\\leanok L.\\end{{lemma}}"
        f"\\begin{{proof}}{leanok} P.\\end{{proof}}\n"
        for i, leanok in enumerate(proof)
    )
    (src / "web.tex").write_text(
        "\\documentclass{report}\\usepackage{blueprint}\\begin{document}\\chapter{One}\n"
        + lemmas + "\\begin{lemma}\\label{new} N.\\end{lemma}\\end{document}\n",
        encoding="utf-8",
    )
    result = run_cli("status", str(tmp_path / "p"), cwd=tmp_path, columns=120)
    assert result.returncode == 0, result.stderr
    total = next(line for line in result.stdout.splitlines() if "All chapters" in line)
    assert "200 (99%)" in total and "199 (99%)" in total
    assert "100%" not in result.stdout
    built = run_cli("build", str(tmp_path / "p"), "-o", str(tmp_path / "site"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    for page in ("index.html", "progress.html"):
        assert "100%" not in (tmp_path / "site" / page).read_text(encoding="utf-8")
    assert "(99%)" in (tmp_path / "site" / "progress.html").read_text(encoding="utf-8")
