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

import math
import re
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


# What the SVG holds, against the graph's data: the nodes in it, the nodes of the graph whose
# box meets the visible part of the view (each must be in it), the drawn region (its viewBox)
# and the box of every edge path in it (numbers of `d`).
DRAWN = """() => {
  const G = window.blueprintGraph, v = G.vp.visibleBox();
  const inSvg = (el) => G.svg.contains(el);
  const meets = (n) => { const b = G.box(n);
    return b.x + b.w > v.x && b.x < v.x + v.w && b.y + b.h > v.y && b.y < v.y + v.h; };
  const nodes = G.nodes.map((_, n) => n);
  const region = G.svg.getAttribute("viewBox").split(" ").map(Number);
  const paths = Array.from(G.svg.querySelectorAll("g.edge path"), (p) => {
    const v = p.getAttribute("d").match(/-?[\\d.]+/g).map(Number);
    const xs = v.filter((_, i) => i % 2 === 0), ys = v.filter((_, i) => i % 2 === 1);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
  return {
    drawn: nodes.filter((n) => inSvg(G.nodeEls[n])).length,
    inView: nodes.filter(meets).length,
    missing: nodes.filter((n) => meets(n) && !inSvg(G.nodeEls[n])).map((n) => G.nodes[n].id),
    region, paths, count: G.count,
  };
}"""


def assert_draws_only_the_window(page: Any) -> None:
    drawn = page.evaluate(DRAWN)
    assert drawn["inView"] > 0 and not drawn["missing"], drawn["missing"]
    assert drawn["drawn"] < drawn["count"] / 4, (drawn["drawn"], drawn["count"])
    x, y, w, h = drawn["region"]
    for left, top, right, bottom in drawn["paths"]:  # long edges are cut to the region
        assert left >= x - 1 and top >= y - 1 and right <= x + w + 1 and bottom <= y + h + 1


def test_a_big_graph_draws_only_what_the_window_holds(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of nodes: the SVG holds what the view and its margin show, and what comes
    into view is drawn; edges laid out across the whole graph (the layered layout, used here
    for every graph above 1,000 nodes) are drawn only where they cross the region; lighting a
    node marks all it needs, drawn or not."""
    import blueprint.site.layout

    monkeypatch.setattr(blueprint.site.layout, "DOT_LIMIT", 1000)
    write_project(tmp_path / "project", 2000)
    build(tmp_path / "project", tmp_path / "site", StatusSource.AUTO)
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((tmp_path / "site" / "graph.html").as_uri() + "?view=all")
    page.wait_for_selector("html[data-graph-ready]")
    assert page.evaluate("window.blueprintGraph.svg.dataset.layout").startswith("layered")
    assert_draws_only_the_window(page)

    # panned to the last node, far from the first view
    last = page.evaluate(
        """() => { const G = window.blueprintGraph, b = G.box(G.count - 1);
          G.vp.set(b.x + b.w / 2, b.y + b.h / 2, 1); G.vp.flush();
          return G.nodes[G.count - 1].id; }"""
    )
    assert_draws_only_the_window(page)
    page.locator(f'#graph g.node[data-id="{last}"]').hover()
    page.wait_for_function("window.blueprintGraph.svg.classList.contains('highlighting')")
    lit, needs, outside = page.evaluate(
        """() => { const G = window.blueprintGraph, n = G.count - 1;
          const lit = Array.from(document.querySelectorAll("g.node.ancestor"));
          return [lit.length, G.reach(n, G.uses).length,
                  lit.filter((el) => !G.svg.contains(el)).length]; }"""
    )
    assert lit == needs and outside > 0
    context.close()
    assert not errors, errors


# Every edge path in the SVG against the whole path the build wrote (`whole`, by edge index):
# where the drawn path starts and ends on the whole one (at its dash offset, and that plus its
# length), the drawn region, and the edges out of the SVG that pass through the visible area
# (points every 4 units along the whole path).
CUT = """(whole) => {
  const G = window.blueprintGraph, v = G.vp.visibleBox();
  const probe = document.createElementNS("http://www.w3.org/2000/svg", "path");
  G.svg.querySelector("defs").appendChild(probe);
  const xy = (p) => [p.x, p.y];
  const drawn = [], missing = [];
  G.edgeEls.forEach((el, e) => {
    probe.setAttribute("d", whole[e]);
    if (!G.svg.contains(el)) {
      for (let at = 0, length = probe.getTotalLength(); at <= length; at += 4) {
        const p = probe.getPointAtLength(at);
        if (p.x > v.x && p.x < v.x + v.w && p.y > v.y && p.y < v.y + v.h) {
          missing.push(e);
          break;
        }
      }
      return;
    }
    const path = el.querySelector("path"), length = path.getTotalLength();
    const offset = parseFloat(path.style.strokeDashoffset || "0");
    drawn.push({
      cut: path.getAttribute("d") !== whole[e],
      ends: [xy(path.getPointAtLength(0)), xy(path.getPointAtLength(length))],
      onWhole: [xy(probe.getPointAtLength(offset)), xy(probe.getPointAtLength(offset + length))],
    });
  });
  probe.remove();
  return {drawn, missing, region: G.svg.getAttribute("viewBox").split(" ").map(Number)};
}"""


def whole_edge_paths(site: Path) -> list[str]:
    """The `d` of every edge path as the build wrote it, in drawing order."""
    html = (site / "graph.html").read_text(encoding="utf-8")
    graph = html[html.index('<svg id="graph"') :]
    graph = graph[: graph.index("</svg>")]
    return re.findall(r'<g class="edge[^"]*"[^>]*>\s*<path d="([^"]*)"', graph)


def assert_edges_cut_to_the_region(page: Any, whole: list[str]) -> int:
    """Each drawn edge is a stretch of its whole path, its dashes where they are on the whole
    path; no edge through the visible area is missing. How many edges were cut."""
    found = page.evaluate(CUT, whole)
    assert not found["missing"], found["missing"]
    assert found["drawn"]
    for edge in found["drawn"]:
        for point, on_whole in zip(edge["ends"], edge["onWhole"], strict=True):
            assert math.dist(point, on_whole) < 1.5, edge
    return sum(edge["cut"] for edge in found["drawn"])


@pytest.mark.parametrize("nodes", [700, 2000])
def test_edges_are_drawn_where_they_cross_the_region_with_their_dashes_in_place(
    site_dir: Any, browser: Any, tmp_path: Path, nodes: int
) -> None:
    """dot's edges (cubic Béziers: curves at 700 nodes, straight ones with the fast settings
    at 2,000) are drawn only where they cross the drawn region: the curves out of it are left
    out and a straight piece is cut at its border, and the dashes start where they would on
    the whole path."""
    if nodes == 2000:
        site = site_dir("generated-2000")
    else:
        write_project(tmp_path / "project", nodes)
        site = tmp_path / "site"
        build(tmp_path / "project", site, StatusSource.AUTO)
    whole = whole_edge_paths(site)
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "graph.html").as_uri() + "?view=all")
    page.wait_for_selector("html[data-graph-ready]")
    assert page.evaluate("window.blueprintGraph.svg.dataset.layout").startswith("dot")
    assert len(whole) == page.evaluate("window.blueprintGraph.edgeEls.length")
    cut = 0
    for part in (0.5, 0.2, 0.9):  # centred on nodes with edges, across the graph
        page.evaluate(
            """(part) => { const G = window.blueprintGraph;
              let n = Math.floor(part * G.count);
              while (!G.uses[n].length) n--;
              const b = G.box(n);
              G.vp.set(b.x + b.w / 2, b.y + b.h / 2, 1); G.vp.flush(); }""",
            part,
        )
        cut += assert_edges_cut_to_the_region(page, whole)
        if nodes == 2000:  # straight edges end at the region's border
            assert_draws_only_the_window(page)
    assert cut > 0
    context.close()
    assert not errors, errors


# The centre of the shape of a node in view near the middle of the drawing area, on screen.
NODE_IN_VIEW = """() => {
  const area = document.querySelector(".canvas").getBoundingClientRect();
  let best = null;
  for (const shape of document.querySelectorAll("#graph g.node .shape")) {
    const r = shape.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const d = Math.hypot(x - (area.left + area.width / 2), y - (area.top + area.height / 2));
    if (r.width > 4 && (!best || d < best[0])) best = [d, x, y, shape.closest("g.node").dataset.id];
  }
  return best.slice(1);
}"""
VIEW = "(() => { const v = window.blueprintGraph.vp; return [v.cx, v.cy, v.k]; })()"


@pytest.mark.parametrize("size", ["desktop"])
def test_a_press_on_a_node_drags_the_view_and_a_click_selects_it(
    site_dir: Any, screen: Any, size: str
) -> None:
    """A drag that starts on a node moves the view by the pointer's way and nothing else (no
    zoom to the node, no focus on it, the search box's focus gone as with any press); a click
    on a node selects it and gives it the focus."""
    screen.goto((site_dir("pfr") / "graph.html").as_uri() + "?view=all")
    screen.wait_for_selector("html[data-graph-ready]")
    screen.click("#fit")
    screen.focus("#search")
    x, y, node_id = screen.evaluate(NODE_IN_VIEW)
    cx, cy, k = screen.evaluate(VIEW)
    screen.mouse.move(x, y)
    screen.mouse.down()
    for step in range(1, 11):
        screen.mouse.move(x + 12 * step, y + 4 * step)
    screen.mouse.up()
    after = screen.evaluate(VIEW)
    assert after == pytest.approx([cx - 120 / k, cy - 40 / k, k])
    assert screen.evaluate("document.activeElement === document.body")
    assert screen.locator("#panel").is_hidden()

    x, y, node_id = screen.evaluate(NODE_IN_VIEW)
    screen.mouse.click(x, y)
    screen.wait_for_selector("#panel:not([hidden])")
    assert screen.evaluate("decodeURIComponent(location.hash.slice(1))") == node_id
    assert screen.evaluate("document.activeElement.dataset.id") == node_id


HOVER = """(id) => new Promise((resolve) => {
  const G = window.blueprintGraph, el = G.nodeEls[G.indexOf.get(id)];
  el.querySelector(".shape").dispatchEvent(new PointerEvent("pointerover", {bubbles: true}));
  requestAnimationFrame(() => requestAnimationFrame(() =>
    resolve(G.svg.classList.contains("highlighting"))));
})"""


@pytest.mark.parametrize("size", ["desktop"])
def test_hovering_lights_nodes_large_enough_to_aim_at(
    site_dir: Any, screen: Any, size: str
) -> None:
    """The whole graph of 2,000 nodes in view, nodes a few pixels high: hovering one lights
    nothing (it is hovered by chance); zoomed in, hovering it lights what it needs."""
    screen.goto((site_dir("generated-2000") / "graph.html").as_uri() + "?view=all")
    screen.wait_for_selector("html[data-graph-ready]")
    screen.click("#fit")
    node_id = screen.evaluate("window.blueprintGraph.nodes[1000].id")
    height = screen.evaluate(
        "window.blueprintGraph.nodes[1000].box[3] * window.blueprintGraph.vp.k"
    )
    assert height < 4
    assert not screen.evaluate(HOVER, node_id)
    screen.evaluate(
        """() => { const G = window.blueprintGraph, b = G.box(1000);
          G.vp.set(b.x + b.w / 2, b.y + b.h / 2, 1); G.vp.flush(); }"""
    )
    assert screen.evaluate(HOVER, node_id)
