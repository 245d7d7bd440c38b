"""Text from the user's files never becomes markup or script anywhere in the site.

A blueprint full of `<script>`, quotes, `javascript:` links and labels that look like our
own element ids is built, every page is opened in headless Chromium and used (nodes clicked,
searched, hovered), and nothing may run; the HTML itself has no element or attribute the
templates did not write.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from blueprint.build import build
from blueprint.model import StatusSource
from tests.conftest import ARTIFACTS

HOSTILE = r"""
\documentclass{report}
\usepackage{amsthm}
\usepackage[thms=definition+lemma+theorem]{blueprint}
\newtheorem{theorem}{Theorem}[chapter]
\newtheorem{lemma}[theorem]{Lemma}
\newtheorem{remark}[theorem]{Re<script>window.__pwned='remark'</script>mark}
\theoremstyle{definition}
\newtheorem{definition}[theorem]{Definition}
\newcommand{\evil}{</script><script>window.__pwned='macro'</script>}
\github{javascript:window.__pwned='github'}
\dochome{javascript:window.__pwned='dochome'}
\title{<script>window.__pwned='title'</script>"It's"}
\begin{document}
\chapter{<img src=x onerror="window.__pwned='chapter'">Chapter}
\label{chap:x}
Prose </script><script>window.__pwned='prose'</script> with
\href{javascript:window.__pwned='href'}{a link}, \url{javascript:window.__pwned='url'}, \evil
and <iframe src="javascript:window.__pwned='iframe'"></iframe>.

\begin{definition}[<script>window.__pwned='dtitle'</script>]
\label{def:"><img src=x onerror=window.__pwned='label'>}
\lean{Foo.<script>window.__pwned='lean'</script>, Bar"baz'qux}
\discussion{1"><script>window.__pwned='discussion'</script>}
\leanok
A statement with </script><script>window.__pwned='statement'</script> and $x<y$
and "double" 'single' quotes, \textbf{<b onmouseover="window.__pwned='b'">bold</b>}.
\end{definition}

\begin{lemma}[it's "quoted" & <b>bold</b>]
\label{nodes-data}
\uses{def:"><img src=x onerror=window.__pwned='label'>}
Uses \cref{def:"><img src=x onerror=window.__pwned='label'>} and \cite{<script>}.
\end{lemma}

\begin{proof}
</script><script>window.__pwned='proof'</script>
\end{proof}

\begin{theorem}
\label{panel}
\uses{nodes-data}
\lean{__proto__}
Statement.
\end{theorem}

\begin{theorem}
\label{constructor}
\uses{panel, toString}
Another.
\end{theorem}

\begin{remark}[<svg onload="window.__pwned='remark-title'">]
Text.
\end{remark}

\begin{thebibliography}{9}
\bibitem{<script>} <script>window.__pwned='bib'</script> A book.
\end{thebibliography}
\end{document}
"""

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "a",
    "header",
    "nav",
    "main",
    "div",
    "section",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "span",
    "strong",
    "em",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "small",
    "u",
    "blockquote",
    "details",
    "summary",
    "button",
    "input",
    "label",
    "select",
    "option",
    "svg",
    "canvas",
    "defs",
    "pattern",
    "rect",
    "line",
    "g",
    "path",
    "polygon",
    "ellipse",
    "text",
    "template",
    "script",
    "article",
}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = root / "project"
    (project / "blueprint" / "src").mkdir(parents=True)
    (project / "blueprint" / "src" / "web.tex").write_text(HOSTILE, encoding="utf-8")
    # a javascript: link in blueprint.toml is refused before any page is made (test_config);
    # an http(s) one that breaks out of its attribute, and a title with a script, get here
    (project / "blueprint.toml").write_text(
        '[project]\ntitle = "<script>window.__pwned=\'title\'</script>"\n'
        'github = "https://example.com/\\"><img src=x onerror=\\"window.__pwned=1\\">"\n',
        encoding="utf-8",
    )
    out = root / "site"
    analysis = build(project, out, StatusSource.ANNOTATIONS)
    assert {"nodes-data", "panel", "constructor"} <= set(analysis.by_id)
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def test_the_html_has_only_the_templates_elements_and_attributes(hostile_site: Path) -> None:
    for path in pages(hostile_site):
        parser = _Collect()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            assert tag in ALLOWED_TAGS, (path.name, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (path.name, tag, name)
                if name in ("href", "src") and value:
                    assert not value.strip().lower().startswith(("javascript:", "data:")), (
                        path.name,
                        value,
                    )
            if tag == "script":
                kinds = dict(attrs)
                assert kinds.get("type") == "application/json" or kinds.get("src", "").startswith(
                    "static/"
                ), (path.name, attrs)
        ids = [dict(attrs).get("id") for _, attrs in parser.tags if dict(attrs).get("id")]
        assert len(ids) == len(set(ids)), (path.name, "duplicate element ids")
        assert "nodes-data" not in [i for i in ids if ids.count(i) > 1]


@pytest.mark.browser
def test_nothing_runs_on_any_page_whatever_one_clicks(hostile_site: Path, page: Any) -> None:
    for path in pages(hostile_site):
        page.goto(path.as_uri())
        page.wait_for_timeout(100)
        if path.name.startswith("graph"):
            page.wait_for_selector("html[data-graph-ready]")
            count = page.locator("g.node").count()
            assert count == 4
            for index in range(count):
                target = page.locator("g.node").nth(index)
                target.hover()
                target.click()
                page.wait_for_selector("#panel:not([hidden])")
                links = page.locator("#panel a[data-node]")
                if links.count():
                    links.first.click()
            page.fill("#search", "<script>")
            page.fill("#search", "__proto__")
            assert page.locator("#search-results li[data-i]").count() == 1
            page.keyboard.press("Enter")
            page.check("#focus")
            page.goto(path.as_uri() + "#%3Cscript%3E")
            page.goto(path.as_uri() + "#constructor")
            page.wait_for_selector("#panel:not([hidden])")
        for link in page.locator("main a[href^='#'], main a[data-node]").all()[:5]:
            if link.is_visible():
                link.click()
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None, path.name
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.goto((hostile_site / "graph.html").as_uri() + "#nodes-data")
    page.wait_for_selector("#panel:not([hidden])")
    assert '(it’s "quoted" & <b>bold</b>)' in page.inner_text("#panel h2")  # shown as text
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "xss-graph.png"))
