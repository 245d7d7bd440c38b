"""Chapter titles written in TeX read the same on every page that names a chapter: the chapter
page, the progress page and the history page (HTML), and the history's charts (plain text,
since SVG text holds no markup); escaped everywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from blueprint.build import build
from blueprint.model import StatusSource
from tests.test_history import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

TITLE = (r"The \emph{entropy} of $X$, \texorpdfstring{$m$}{m}-torsion "
         r"\Ent{} <img src=x onerror=alert(1)>")
WEB = r"""\documentclass{report}
\usepackage{amsthm}
\usepackage{blueprint}
\newcommand{\Ent}{\textbf{Shannon}}
\begin{document}
\chapter{%s}
\begin{definition}\label{A}%s
An A.
\end{definition}
\begin{lemma}\label{B}\uses{A}
B holds.
\end{lemma}
\end{document}
"""
#: the title as the chapter page shows it
HTML = (r'The <em>entropy</em> of <span class="math">\(X\)</span>, '
        r'<span class="math">\(m\)</span>-torsion <strong>Shannon</strong> '
        "&lt;img src=x onerror=alert(1)&gt;")
TEXT = "The entropy of X , m -torsion Shannon &lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("titles")
    repo = GitRepo(root / "project")
    repo.write("blueprint/src/web.tex", WEB % (TITLE, ""))
    repo.commit("one", "2024-01-01")
    repo.write("blueprint/src/web.tex", WEB % (TITLE, r"\leanok"))
    repo.commit("two", "2024-01-15")
    out = root / "site"
    build(repo.root, out, StatusSource.ANNOTATIONS, history=True)
    return out


def test_the_chapter_page_converts_the_title(site: Path) -> None:
    assert HTML in (site / "chapter-1.html").read_text()


def test_the_progress_page_shows_the_title_as_the_chapter_page_does(site: Path) -> None:
    page = (site / "progress.html").read_text()
    assert f'<th scope="row">{HTML}</th>' in page
    assert "\\emph" not in page and "texorpdfstring" not in page and "<img" not in page


def test_the_history_page_shows_the_title_as_the_chapter_page_does(site: Path) -> None:
    page = (site / "history.html").read_text()
    assert f"<figcaption><strong>{HTML}</strong>:" in page
    assert "\\emph" not in page and "texorpdfstring" not in page and "<img" not in page


def test_the_history_charts_name_the_chapter_in_plain_text(site: Path) -> None:
    page = (site / "history.html").read_text()
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="history-chart"',
                          page.index('id="by-chapter"')):]
    svg = svg[: svg.index("</svg>")]
    title = re.search(r'<title id="history-1-title">(.*?)</title>', svg)
    assert title is not None and title.group(1) == TEXT
    description = re.search(r'<desc id="history-1-desc">(.*?)</desc>', svg)
    assert description is not None and description.group(1).startswith(TEXT + ", 2024-01-01")
    assert "<em>" not in svg and "<span" not in svg and "\\(" not in svg
