"""Chapter titles written in TeX read the same on every page that names a chapter: the chapter
page, the task board, the node panels, the overview's list of graphs, the progress page and
the history page (HTML); the graph pages' filter, view menu, <title>s and labels, the data
the graph scripts read and the history's charts (plain text, since none of these holds markup);
escaped everywhere."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from blueprint.build import build
from blueprint.model import StatusSource
from tests.test_history import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

TITLE = (r"The \emph{entropy} of $X$, \texorpdfstring{$m$}{m}-torsion "
         r"\Ent{} <img src=x onerror=alert(1)>")
WEB = r"""\documentclass{report}
\usepackage{amsthm}
\usepackage[dep_by=chapter]{blueprint}
\newcommand{\Ent}{\textbf{Shannon}}
\title{The \emph{entropy} project, \Ent{} -- $\infty$}
\begin{document}
\chapter{%s}
\begin{definition}\label{A}%s
An A.
\end{definition}
\begin{lemma}\label{B}\uses{A}
B holds.
\end{lemma}
\begin{lemma}\label{C}\notready
C holds.
\end{lemma}
\chapter{Plain}
\begin{lemma}\label{D}\uses{B}
D holds.
\end{lemma}
\end{document}
"""
#: the title as the chapter page shows it
HTML = (r'The <em>entropy</em> of <span class="math">\(X\)</span>, '
        r'<span class="math">\(m\)</span>-torsion <strong>Shannon</strong> '
        "&lt;img src=x onerror=alert(1)&gt;")
TEXT = "The entropy of X, m-torsion Shannon &lt;img src=x onerror=alert(1)&gt;"
#: the plain text itself (TEXT is as HTML writes it)
PLAIN = html.unescape(TEXT)


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


def test_the_project_title_is_plain_text_on_every_page(site: Path) -> None:
    """The document's \\title names the site: converted, as a <title> holds no markup."""
    for page in sorted(site.glob("*.html")):
        text = page.read_text()
        assert "<title>" in text, page
        assert "The entropy project, Shannon \u2013 \\infty" in text, page  # math: its TeX
        no_raw_tex(text)


def no_raw_tex(page: str) -> None:
    assert "\\emph" not in page and "texorpdfstring" not in page and "<img" not in page


def test_the_task_board_shows_the_title_as_the_chapter_page_does(site: Path) -> None:
    page = (site / "tasks.html").read_text()
    tasks = page[page.index('id="tasks"'):page.index('id="blockers"')]
    assert f"<td>{HTML}</td>" in tasks  # B, ready to state
    blockers = page[page.index('id="blockers"'):page.index('id="mains"')]
    assert f"<td>{HTML}</td>" in blockers  # C, not ready
    no_raw_tex(page)


def test_the_graph_page_names_the_chapter_in_html_or_plain_text(site: Path) -> None:
    page = (site / "graph.html").read_text()
    # the filter: an <option> holds text only
    assert f'<option value="0">{TEXT}</option>' in page
    assert '<option value="1">Plain</option>' in page
    # the side panel (a <template> of markup): as the chapter page
    panel = page[page.index('<template data-i="0">'):page.index("</template>")]
    assert f"; {HTML})</span></p>" in panel
    # what the graph scripts read: plain text, in JSON that cannot close its <script>
    raw = re.search(r'<script type="application/json" id="nodes-data">(.*?)</script>', page)
    assert raw is not None and "<" not in raw.group(1)
    data = json.loads(raw.group(1))
    assert data["chapters"] == [PLAIN, "Plain"]
    assert [n["chapter"] for n in data["nodes"]] == [0, 0, 0, 1]
    no_raw_tex(page)


def test_the_chapter_graphs_are_named_in_plain_text_and_listed_in_html(site: Path) -> None:
    """dep_by=chapter: one graph per chapter, named by its title; a node drawn in another
    chapter's graph says where it is from."""
    own = (site / "graph-1.html").read_text()
    assert f"<title>{TEXT} · " in own
    assert f'aria-label="{TEXT}: 4 nodes"' in own  # D drawn as a neighbour
    assert f'<option value="graph-1.html" selected>{TEXT}</option>' in own
    no_raw_tex(own)
    other = (site / "graph-2.html").read_text()
    outside = other[other.index('data-id="B"'):]
    outside = outside[:outside.index("</g>")]
    assert f"(from {TEXT})</title>" in outside and f"(from {TEXT})\">" in outside
    no_raw_tex(other)
    overview = (site / "index.html").read_text()
    assert f'<a href="graph-1.html">{HTML}</a>' in overview
    no_raw_tex(overview)


@pytest.mark.browser
def test_the_chapter_filter_shows_the_plain_title_and_nothing_runs(site: Path, page: Any) -> None:
    page.goto((site / "graph.html").as_uri())
    page.wait_for_selector("html[data-graph-ready]")
    options = page.locator("#filter-chapter option")
    assert options.all_text_contents() == ["all", PLAIN, "Plain"]
    page.select_option("#filter-chapter", "0")
    assert page.locator("g.node.filtered-out").count() == 1  # D, in the other chapter
    page.locator('g.node[data-id="A"]').click()
    page.wait_for_selector("#panel:not([hidden])")
    status = page.locator("#panel p.status")
    assert "The entropy of" in status.inner_text()  # the <img> shown as text
    assert "Shannon <img src=x onerror=alert(1)>)" in status.inner_text()
    assert status.locator("em").inner_text() == "entropy"  # converted, as markup
    for name in ("tasks", "index", "graph-2"):
        page.goto((site / f"{name}.html").as_uri())
        page.wait_for_timeout(100)
    assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
