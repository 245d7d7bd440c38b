"""The graph readable at every size, on every screen (issue #18), in headless Chromium at a
desktop (1600×1000) and a phone (390×844) size, on the sample project, the corpus blueprints
(tests/corpus) and a generated 2,000-node project.

- The first view shows nodes whose labels are at least 10 px high, or the chapters' overview.
- Selecting, filtering, focusing and searching bring the result into view, readably.
- No page scrolls sideways.
- axe-core finds no violation, in the light and the dark theme.

The sites are built once per session and shared by the tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bench.synth import write_project
from blueprint.build import StatusSource, build
from tests.conftest import ARTIFACTS, SIZES, copy_sample
from tests.helpers import CORPUS

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
CORPUS_NAMES = ["pfr", "FLT", "con-nf", "PrimeNumberTheoremAnd", "sphere-eversion", "flt-regular"]
SITES = ["sample", "generated-2000", *CORPUS_NAMES]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """name -> the built site (built on first use, then shared by every test)."""
    built: dict[str, Path] = {}
    root = tmp_path_factory.mktemp("screens")

    def get(name: str) -> Path:
        if name not in built:
            if name == "sample":
                project = copy_sample(root)
            elif name == "generated-2000":
                project = root / "generated"
                write_project(project, 2000)
            else:
                if not (CORPUS / name).is_dir():
                    pytest.skip("no corpus")
                project = root / name  # a copy: the build writes its cache in the project
                shutil.copytree(CORPUS / name, project)
            out = root / f"site-{name}"
            build(project, out, StatusSource.AUTO if name != "sample" else StatusSource.LEAN)
            built[name] = out
        return built[name]

    return get


def open_page(page: Any, site: Path, name: str = "graph.html") -> None:
    page.goto((site / name).as_uri())
    if name.startswith("graph"):
        page.wait_for_selector("html[data-graph-ready]")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


# What the user sees once the next frame is drawn (the view is written once per frame): the
# labels inside the visible part of the drawing area (above the bottom sheet on a phone), with
# their height on the screen.
SEEN = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const area = document.querySelector(".canvas").getBoundingClientRect();
  const panel = document.getElementById("panel");
  let bottom = area.bottom;
  if (!panel.hidden && getComputedStyle(panel).position === "fixed") {
    bottom = Math.min(bottom, panel.getBoundingClientRect().top);
  }
  const G = window.blueprintGraph;
  const chapters = Boolean(G.overview && G.overview.shown);
  const selector = chapters ? "#overview-graph a.unit text.unit-title" : "#graph g.node text";
  const seen = {};
  for (const text of document.querySelectorAll(selector)) {
    const r = text.getBoundingClientRect();
    if (r.width && r.left >= area.left && r.right <= area.right && r.top >= area.top &&
        r.bottom <= bottom) {
      const owner = text.closest(chapters ? "a.unit" : "g.node");
      const style = getComputedStyle(owner);
      if (style.opacity === "0" || style.display === "none") continue;
      seen[chapters ? owner.dataset.slug : owner.dataset.id] = r.height;
    }
  }
  resolve({chapters, seen});
})))"""


def seen(page: Any) -> tuple[bool, dict[str, float]]:
    result = page.evaluate(SEEN)
    return result["chapters"], result["seen"]


def assert_readable_in_view(page: Any, node_id: str) -> None:
    chapters, labels = seen(page)
    assert not chapters
    assert node_id in labels, f"{node_id} is not in view"
    assert labels[node_id] >= 10, f"{node_id}'s label is {labels[node_id]:.1f} px high"


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", SITES)
def test_the_first_view_can_be_read(site_dir: Any, screen: Any, name: str, size: str) -> None:
    site = site_dir(name)
    open_page(screen, site)
    chapters, labels = seen(screen)
    readable = {key: height for key, height in labels.items() if height >= 10}
    assert readable, (chapters, labels)
    if chapters:  # the overview: a box per chapter, each a link to that chapter's graph
        first = screen.locator("#overview-graph a.unit").first
        assert (site / first.get_attribute("href")).is_file()
    shot(screen, f"first-view-{name}-{size}")


def node_ids(page: Any) -> list[str]:
    return page.evaluate("window.blueprintGraph.nodes.map(n => n.id)")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", ["sample", "generated-2000", "pfr"])
def test_selecting_searching_filtering_and_focusing_bring_the_result_into_view(
    site_dir: Any, screen: Any, name: str, size: str
) -> None:
    site = site_dir(name)
    screen.goto((site / "graph.html").as_uri() + "?view=all")
    screen.wait_for_selector("html[data-graph-ready]")
    ids = node_ids(screen)

    # selecting (a permalink to the last node, far from where the view starts)
    target = ids[-1]
    screen.evaluate(f"location.hash = '#' + encodeURIComponent({target!r})")
    screen.wait_for_selector("#panel:not([hidden])")
    assert_readable_in_view(screen, target)
    screen.keyboard.press("Escape")

    # searching: the matches are marked; Enter on the list opens the first, which is in view
    wanted = ids[len(ids) // 3]
    screen.fill("#search", wanted)
    assert screen.locator("g.node.match").count() >= 1
    screen.press("#search", "Enter")
    screen.wait_for_function(f"location.hash === '#' + encodeURIComponent({wanted!r})")
    assert_readable_in_view(screen, wanted)
    screen.fill("#search", "")
    screen.dispatch_event("#search", "input")

    # filtering: what the filter keeps is brought into view; "next" goes through it
    stages = screen.evaluate("window.blueprintGraph.nodes.map(n => n.stage)")
    open_more(screen)
    screen.select_option("#filter-stage", max(sorted(set(stages)), key=stages.count))
    kept = screen.evaluate(KEPT)
    assert kept
    _, labels = seen(screen)
    assert set(labels) & set(kept), "nothing the filter keeps is in view"
    assert all(height >= 10 for height in labels.values())
    close_more(screen)
    screen.click("#result-next")
    screen.click("#result-next")
    second = screen.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert second in kept
    assert_readable_in_view(screen, second)
    assert "2 of" in screen.inner_text("#result-position")

    # focusing: the selected node stays in view with what it needs and unlocks
    open_more(screen)
    screen.check("#focus")
    close_more(screen)
    assert_readable_in_view(screen, second)
    shot(screen, f"focus-{name}-{size}")


KEPT = "Array.from(document.querySelectorAll('g.node:not(.filtered-out)'), n => n.dataset.id)"


def fold(page: Any, open_it: bool) -> None:
    """On a phone the filters fold behind one button: open or close them."""
    button = page.locator("#more-tools")
    if button.is_visible() and (button.get_attribute("aria-expanded") == "true") != open_it:
        button.click()


def open_more(page: Any) -> None:
    fold(page, True)


def close_more(page: Any) -> None:
    fold(page, False)


@pytest.mark.parametrize("size", list(SIZES))
def test_the_keyboard_reaches_the_graph_in_one_tab_and_moves_consistently(
    site_dir: Any, screen: Any, size: str
) -> None:
    site = site_dir("pfr")
    screen.goto((site / "graph.html").as_uri() + "?view=all")
    screen.wait_for_selector("html[data-graph-ready]")
    screen.keyboard.press("Tab")
    assert screen.evaluate("document.activeElement.id") == "skip-to-graph"
    screen.keyboard.press("Enter")
    start = screen.evaluate("document.activeElement.dataset.id")
    assert start
    assert_readable_in_view(screen, start)  # the focused node is zoomed to
    for first, back in (("ArrowRight", "ArrowLeft"), ("ArrowDown", "ArrowUp")):
        screen.keyboard.press(first)
        moved = screen.evaluate("document.activeElement.dataset.id")
        assert moved != start
        assert_readable_in_view(screen, moved)
        screen.keyboard.press(back)
        assert screen.evaluate("document.activeElement.dataset.id") == start
    # right then down never goes back left of where it started
    screen.keyboard.press("ArrowRight")
    screen.keyboard.press("ArrowDown")
    assert x_of(screen, screen.evaluate("document.activeElement.dataset.id")) >= x_of(screen, start)


def x_of(page: Any, node_id: str) -> float:
    """Where the node's centre is in the layout, left to right."""
    return page.evaluate(
        "(id) => window.blueprintGraph.nodes[window.blueprintGraph.indexOf.get(id)].box[0]", node_id
    )


def all_pages(site: Path, many: bool) -> list[str]:
    names = sorted(p.name for p in site.glob("*.html"))
    if many:
        return names
    keep = {"index.html", "graph.html", "graph-1.html", "contents.html", "chapter-1.html"}
    return [n for n in names if n in keep or not n.startswith(("graph-", "chapter-"))]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", ["sample", "pfr", "FLT", "PrimeNumberTheoremAnd"])
def test_no_page_scrolls_sideways(site_dir: Any, screen: Any, name: str, size: str) -> None:
    site = site_dir(name)
    width = SIZES[size][0]
    wide = {}
    for page_name in all_pages(site, many=name in ("sample", "pfr")):
        screen.goto((site / page_name).as_uri())
        scroll = screen.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[page_name] = scroll
    assert not wide


AXE_PAGES = [
    "index.html",
    "graph.html",
    "graph.html#thm%3Aeuclid",
    "chapter-1.html",
    "contents.html",
    "references.html",
    "tasks.html",
    "progress.html",
]


@pytest.mark.parametrize(("size", "scheme"), [("desktop", "light"), ("phone", "dark")])
def test_axe_finds_no_violation(site_dir: Any, screen: Any, size: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    pages = [(site_dir("sample"), name) for name in AXE_PAGES]
    pages += [
        (site_dir("generated-2000"), "graph.html"),
        (site_dir("generated-2000"), "graph-3.html"),
    ]
    for site, name in pages:
        file, _, hash = name.partition("#")
        screen.goto((site / file).as_uri() + (f"#{hash}" if hash else ""))
        if name.startswith("graph"):
            screen.wait_for_selector("html[data-graph-ready]")
        violations = axe.run(screen).response["violations"]
        if violations:
            found[f"{site.name}/{name}"] = [
                (v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations
            ]
    assert not found
