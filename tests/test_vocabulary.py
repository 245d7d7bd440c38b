"""What the pages and messages call things, in the words of the blueprint's own format: LaTeX's
macros on a LaTeX blueprint, the attribute's options on a LeanArchitect one, Verso's roles and
options on a Verso Blueprint (`blueprint/vocabulary.py`, the one place that says them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blueprint.build import analyze
from blueprint.config import BlueprintFormat
from blueprint.model import Severity, StatusSource, Syntax
from blueprint.site.make import make_site
from blueprint.vocabulary import LATEX, LEANARCHITECT, VERSO, blueprint_format, vocabulary
from tests.conftest import copy_sample
from tests.helpers import make_node
from tests.test_history_formats import (
    ARCH_LAKEFILE,
    ARCH_WEB,
    ARCH_WIP,
    VERSO_BOOK,
    VERSO_CHAPTER,
    VERSO_LAKEFILE,
    VERSO_MAIN,
    arch_lean,
    tiny_lean,
)

#: LaTeX's words, which no page or message of another format may say
LATEX_WORDS = re.compile(r"\\(?:notready|leanok|uses|lean)\b")


def write(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def verso_project(root: Path, chapter: str = VERSO_CHAPTER % "") -> Path:
    return write(root, {
        "lakefile.toml": VERSO_LAKEFILE, "TinyMain.lean": VERSO_MAIN,
        "Tiny.lean": "import Tiny.Basic\n", "Tiny/Blueprint.lean": VERSO_BOOK,
        "Tiny/Chapter.lean": chapter, "Tiny/Basic.lean": tiny_lean(sorry=False),
    })


def arch_project(root: Path) -> Path:
    return write(root, {
        "lakefile.toml": ARCH_LAKEFILE, "Demo.lean": "import Demo.Basic\n",
        "Demo/Basic.lean": arch_lean(sorry=False), "Demo/Wip.lean": ARCH_WIP,
        "blueprint/src/web.tex": ARCH_WEB.replace(
            "\\end{document}", "\\inputleanmodule{Demo.Wip}\n\\end{document}"),
    })


def test_a_node_and_a_blueprint_have_the_words_of_their_format() -> None:
    latex = make_node("a")
    verso = make_node("b")
    verso.statement.syntax = Syntax.VERSO
    lean = make_node("c")
    lean.from_lean = True
    assert [vocabulary(n) for n in (latex, verso, lean)] == [LATEX, VERSO, LEANARCHITECT]
    assert vocabulary(BlueprintFormat.LEANARCHITECT) is LEANARCHITECT
    assert LATEX.use_of("x") == "add \\uses{x}"
    assert VERSO.use_of("x") == 'add {uses "x"}[] to its text, or (uses := "x")'
    assert LEANARCHITECT.not_ready == "(notReady := true)" and VERSO.not_ready is None
    assert LATEX.leanok == "\\leanok" and VERSO.leanok is None is LEANARCHITECT.leanok


def test_the_task_board_names_the_not_ready_mark_of_the_format(tmp_path: Path) -> None:
    latex = analyze(copy_sample(tmp_path), cache_dir=tmp_path / "c1")
    tasks = make_site(latex).files["tasks.html"].decode()
    assert "Marked not ready (<code>\\notready</code>)" in tasks
    arch = analyze(arch_project(tmp_path / "arch"), cache_dir=tmp_path / "c2")
    assert blueprint_format(arch.blueprint) is BlueprintFormat.LEANARCHITECT
    files = make_site(arch).files
    tasks = files["tasks.html"].decode()
    assert "Marked not ready (<code>(notReady := true)</code>)" in tasks
    assert 'id="blockers"' in tasks and "thm:pos" in tasks  # not compiled, marked not ready
    verso = analyze(verso_project(tmp_path / "verso"), cache_dir=tmp_path / "c3")
    files = make_site(verso).files
    # no way to mark a node not ready in Verso: no blockers, never a section of none
    assert "Blockers" not in files["tasks.html"].decode()
    for name, data in files.items():
        if name.endswith(".html"):
            assert not LATEX_WORDS.search(data.decode()), name


@pytest.mark.parametrize("fmt", ["latex", "leanarchitect", "verso"])
def test_status_from_the_annotations_says_what_they_are(tmp_path: Path, fmt: str) -> None:
    project = {"latex": lambda: copy_sample(tmp_path), "verso": lambda: verso_project(tmp_path),
               "leanarchitect": lambda: arch_project(tmp_path)}[fmt]()
    analysis = analyze(project, StatusSource.ANNOTATIONS, cache_dir=tmp_path / "cache")
    index = make_site(analysis).files["index.html"].decode()
    said = re.search(r"Status taken from ([^<]*)\.</p>", index)
    assert said is not None
    assert said.group(1).replace("&#39;", "'") == vocabulary(analysis.blueprint).annotations
    assert ("\\leanok annotations" in said.group(1)) == (fmt == "latex")


def test_a_missing_use_is_said_the_way_the_node_is_written(tmp_path: Path) -> None:
    """double_eq's Lean proof unfolds `double` (double_def's), but the blueprint does not
    say it uses double_def: `check` says how to, in Verso."""
    chapter = (VERSO_CHAPTER % "").replace('{uses "double_def"}[The double]', "The double")
    analysis = analyze(verso_project(tmp_path, chapter), cache_dir=tmp_path / "cache")
    warned = [d.message for d in analysis.diagnostics if d.severity is Severity.WARNING
              and "does not say so" in d.message]
    assert warned == ["double_eq: its Lean code uses double_def but the blueprint does not "
                      'say so: add {uses "double_def"}[] to its text, or (uses := "double_def")']
