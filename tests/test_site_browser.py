"""The collaborator site in headless Chromium, over the sample project's site from file://.

Each test leaves a screenshot in test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from blueprint.analysis import Analysis
from blueprint.analysis.tasks import ready_tasks
from blueprint.build import build
from blueprint.model import SiteOptions, StatusSource
from tests.conftest import ARTIFACTS, copy_sample
from tests.helpers import as_networkx

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Analysis]:
    root = tmp_path_factory.mktemp("site")
    project = copy_sample(root)
    out = root / "out"
    analysis = build(project, out, StatusSource.LEAN)
    return out, analysis


def open_graph(page: Any, site: Path, hash: str = "") -> None:
    page.goto((site / "graph.html").as_uri() + hash)
    page.wait_for_selector("html[data-graph-ready]")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def node(page: Any, node_id: str) -> Any:
    return page.locator(f'g.node[data-id="{node_id}"]')


def pan_to(page: Any, node_id: str) -> Any:
    """The node, after panning the view to put it in the middle (as a user drags the graph
    until the node is there): the first view shows part of the graph, the minimap a corner."""
    page.evaluate(
        """(id) => {
          const G = window.blueprintGraph, b = G.box(G.indexOf.get(id));
          G.vp.set(b.x + b.w / 2, b.y + b.h / 2, Math.max(G.vp.k, G.READABLE));
          G.vp.flush();
        }""",
        node_id,
    )
    return node(page, node_id)


def visible_ids(page: Any) -> set[str]:
    return set(
        page.evaluate(
            """() => Array.from(document.querySelectorAll("g.node"))
                .filter(n => n.getBoundingClientRect().width > 0)
                .map(n => n.dataset.id)"""
        )
    )


def test_clicking_a_node_shows_its_statement_proof_and_lean_source(
    built: tuple[Path, Analysis], page: Any
) -> None:
    site, _ = built
    open_graph(page, site)
    pan_to(page, "thm:euclid").click()
    page.wait_for_selector("#panel:not([hidden])")
    panel = page.locator("#panel")
    assert "Theorem 1.8" in panel.locator("h2").inner_text()
    assert "Euclid" in panel.locator("h2").inner_text()
    assert "there is a prime" in panel.locator(".statement").inner_text()
    assert "Lemma 1.5" in panel.locator("details.proof").inner_text()  # \cref, as a link
    code = panel.locator("pre.lean-code code").first
    assert "theorem exists_prime_gt" in code.inner_text()
    assert code.locator("span.lean-keyword").count() > 0  # highlighted
    github = panel.locator("a", has_text="source on GitHub").first.get_attribute("href")
    assert github == "https://github.com/example/sample/blob/HEAD/Sample/Primes.lean#L54-L62"
    assert "Uses (5)" in panel.inner_text() and "cor:primes-infinite" in panel.inner_text()
    assert page.evaluate("location.hash") == "#thm%3Aeuclid"
    shot(page, "graph-panel")


def test_search_finds_a_node_by_its_lean_name(built: tuple[Path, Analysis], page: Any) -> None:
    site, _ = built
    open_graph(page, site)
    page.keyboard.press("/")
    page.keyboard.type("fermat_little")
    first = page.locator("#search-results li").first
    assert first.locator("code").inner_text() == "thm:fermat"
    shot(page, "graph-search")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    assert "Sample.fermat_little" in page.locator("#panel").inner_text()
    assert node(page, "thm:fermat").get_attribute("class").split().count("selected") == 1
    page.fill("#search", "smallest divisor")  # statement text
    assert "lem:minfac-prime" in page.locator("#search-results").inner_text()


def test_focus_mode_hides_every_unrelated_node(built: tuple[Path, Analysis], page: Any) -> None:
    site, analysis = built
    open_graph(page, site, "#thm%3Aeuclid")
    page.wait_for_selector("#panel:not([hidden])")
    assert len(visible_ids(page)) == len(analysis.nodes)
    page.check("#focus")
    graph = as_networkx(analysis.graph)
    related = nx.ancestors(graph, "thm:euclid") | nx.descendants(graph, "thm:euclid")
    assert visible_ids(page) == related | {"thm:euclid"}
    assert "thm:wilson" not in visible_ids(page)
    shot(page, "graph-focus")
    page.keyboard.press("Escape")
    assert len(visible_ids(page)) == len(analysis.nodes)


def test_hover_lights_what_a_node_needs_and_what_it_unlocks(
    built: tuple[Path, Analysis], page: Any
) -> None:
    site, analysis = built
    open_graph(page, site)
    pan_to(page, "lem:primeProd-le").hover()
    page.wait_for_function("document.getElementById('graph').classList.contains('highlighting')")
    ancestors = set(
        page.evaluate("Array.from(document.querySelectorAll('g.node.ancestor'), n => n.dataset.id)")
    )
    descendants = set(
        page.evaluate(
            "Array.from(document.querySelectorAll('g.node.descendant'), n => n.dataset.id)"
        )
    )
    graph = as_networkx(analysis.graph)
    assert ancestors == nx.ancestors(graph, "lem:primeProd-le")
    assert descendants == nx.descendants(graph, "lem:primeProd-le")
    shot(page, "graph-hover")


def test_the_permalink_reopens_the_node_and_a_reload_keeps_the_view(
    built: tuple[Path, Analysis], page: Any
) -> None:
    site, _ = built
    open_graph(page, site, "#lem%3AprimeProd-le")
    page.wait_for_selector("#panel:not([hidden])")
    assert "Lemma 1.12" in page.locator("#panel h2").inner_text()
    href = page.locator("#panel a.permalink").get_attribute("href")
    assert href == "#lem%3AprimeProd-le"
    before = page.evaluate("document.getElementById('graph').getAttribute('viewBox')")
    page.click("#zoom-in")
    # a zoom moves the drawing as a picture and draws it again (a new viewBox) once it pauses
    page.wait_for_function(
        "b => document.getElementById('graph').getAttribute('viewBox') !== b", arg=before
    )
    page.evaluate("window.dispatchEvent(new CustomEvent('blueprint:beforereload'))")
    box = page.evaluate("document.getElementById('graph').getAttribute('viewBox')")
    page.reload()
    page.wait_for_selector("html[data-graph-ready]")
    assert page.evaluate("document.getElementById('graph').getAttribute('viewBox')") == box
    assert "Lemma 1.12" in page.locator("#panel h2").inner_text()
    # a dependency link in the panel selects that node on the same page
    page.locator("#panel a[data-node='def:primeProd']").first.click()
    page.wait_for_function("location.hash === '#def%3AprimeProd'")
    assert "Definition 1.4" in page.locator("#panel h2").inner_text()


def test_keyboard_moves_between_nodes_and_opens_one(
    built: tuple[Path, Analysis], page: Any
) -> None:
    site, _ = built
    open_graph(page, site, "#def%3Aprime")
    node(page, "def:prime").focus()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.dataset.id")
    assert focused and focused != "def:prime"
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#' + encodeURIComponent({focused!r})")
    assert page.locator("#panel").is_visible()


def test_filters_dim_the_nodes_that_do_not_match(built: tuple[Path, Analysis], page: Any) -> None:
    site, analysis = built
    open_graph(page, site)
    page.select_option("#filter-stage", "can_state")
    dimmed = page.locator("g.node.filtered-out").count()
    ready = [t for t in ready_tasks(analysis.nodes, analysis.graph, analysis.statuses)]
    states = {t.node_id for t in ready if t.kind.value == "state"}
    assert dimmed == len(analysis.nodes) - len(states)
    assert f"{len(states)} of {len(analysis.nodes)} nodes match" in page.inner_text("#graph-status")
    shot(page, "graph-filter")


def test_the_task_board_lists_ready_nodes_in_unlock_order(
    built: tuple[Path, Analysis], page: Any
) -> None:
    site, analysis = built
    page.goto((site / "tasks.html").as_uri())
    rows = page.evaluate(
        "Array.from(document.querySelectorAll('#tasks tbody tr'), r => r.dataset.node)"
    )
    expected = ready_tasks(analysis.nodes, analysis.graph, analysis.statuses)
    assert rows == [task.node_id for task in expected]
    assert rows[0] == "def:quadratic-residue"  # stating it makes lem:euler-criterion ready
    unlocks = [int(x) for x in page.locator("#tasks tbody tr td:nth-child(5)").all_inner_texts()]
    assert unlocks == sorted(unlocks, reverse=True)
    assert page.locator("#tasks a[href='https://github.com/example/sample/issues/12']").count()
    assert "thm:chebyshev" in page.inner_text("#blockers")
    assert "lem:primeProd-le" in page.inner_text("#mains")
    page.screenshot(path=str(SHOTS / "tasks.png"), full_page=True)


def test_chapter_pages_read_like_the_blueprint(built: tuple[Path, Analysis], page: Any) -> None:
    site, _ = built
    page.goto((site / "chapter-1.html").as_uri() + "#thm%3Aeuclid")
    card = page.locator("article.node-card.target")
    assert card.count() == 1 and "Theorem 1.8" in card.inner_text()
    assert "Done" in card.locator(".badge").inner_text()
    text = page.inner_text("main")
    assert "1.2 Euclid’s theorem" in text or "1.2\nEuclid’s theorem" in text
    assert "Euclid’s argument multiplies together all the primes" in text  # prose
    link = page.locator("a", has_text="Lemma 1.12").first  # \cref{lem:primeProd-le}
    assert link.get_attribute("href") == "chapter-1.html#lem%3AprimeProd-le"
    assert page.locator("a[href='references.html#ref-2']").count()  # \cite{HardyWright}
    assert "Erdős" in text
    shot(page, "chapter")
    page.goto((site / "contents.html").as_uri())
    assert page.locator("ol.toc > li").count() == 4  # three chapters and the references
    shot(page, "contents")


def test_overview_and_progress_pages_give_the_figures(
    built: tuple[Path, Analysis], page: Any
) -> None:
    site, analysis = built
    page.goto((site / "progress.html").as_uri())
    rows = page.locator("#progress tbody tr")
    assert rows.count() == 4  # all, then three chapters
    assert "All chapters" in rows.first.inner_text()
    assert f"{len(analysis.nodes)}" in rows.first.inner_text()
    assert page.locator(".stack.big .segment").count() >= 5
    shot(page, "progress")
    page.goto((site / "index.html").as_uri())
    assert "ready now" in page.inner_text(".cards")
    shot(page, "overview")


def test_offline_math_typesets_from_file_urls(browser: Any, tmp_path: Path) -> None:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed")
    project = copy_sample(tmp_path)
    from blueprint.model import BlueprintError

    try:
        site = SiteOptions(offline_math=True)
        build(project, tmp_path / "out", StatusSource.ANNOTATIONS, site=site)
    except BlueprintError as error:  # no registry: nothing to test here
        pytest.skip(f"cannot fetch MathJax from npm: {error}")
    html = (tmp_path / "out" / "graph.html").read_text()
    assert "cdn.jsdelivr" not in html and "static/mathjax/tex-svg.js" in html
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto((tmp_path / "out" / "graph.html").as_uri() + "#lem%3AprimeProd-le")
    page.wait_for_selector("#panel .statement mjx-container svg", timeout=20_000)
    # the blueprint's own macros (\N, \primeprod) are known to MathJax
    assert page.locator("#panel .statement mjx-container [data-mjx-error]").count() == 0
    # titles in the Uses / Used by lists are typeset too ("Integers modulo $n$"), not raw TeX
    page.evaluate("location.hash = '#thm%3Afermat'")
    page.wait_for_selector("#panel section.dependencies mjx-container svg", timeout=20_000)
    assert "$n$" not in page.inner_text("#panel section.dependencies")
    assert not [m for m in console if "NaN" in m], console  # MathJax measured every box
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "graph-offline-math.png"))
    page.close()
