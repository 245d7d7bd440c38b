"""The "not checked" stage explained where it shows (issue #15's nodes whose Lean package is a
submodule not checked out): in the graph's legend, drawn as the nodes are, and in the progress
bars' key; the chapters' bars grey, never black. Only on a site that has such nodes. In
headless Chromium at a desktop and a phone size, light and dark, with axe.

The Verso project is generated here (noperthedron's shape: 3 chapters of 22 nodes, the Lean
code in a submodule); the LaTeX site is sample_project's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blueprint.build import build
from tests.conftest import ARTIFACTS, copy_sample

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
CHAPTERS, PER_CHAPTER = 3, 22

LAKEFILE = """import Lake
open Lake DSL

-- the formalization is a git submodule, not checked out here
require Formal from "./formal"
require VersoBlueprint from git
  "https://github.com/leanprover/verso-blueprint" @ "v4.33.0"

package Gen where

lean_lib Gen where

lean_exe «blueprint-gen» where
  root := `GenMain
"""


def chapter(number: int) -> str:
    """Nodes in a chain with branches; the first uses the previous chapter's last; every
    third names no Lean code (its status is the blueprint's: it stays checked)."""
    blocks = []
    for i in range(PER_CHAPTER):
        label = f"c{number}_{i}"
        uses = [f"c{number}_{j}" for j in (i - 1, i - 3) if j >= 0]
        if i == 0 and number > 1:
            uses.append(f"c{number - 1}_{PER_CHAPTER - 1}")
        options = f' (uses := "{", ".join(uses)}")' if uses else ""
        lean = "" if i % 3 == 2 else f' (lean := "Formal.{label}")'
        kind = "definition" if i % 5 == 0 else "lemma_"
        blocks.append(f':::{kind} "{label}"{lean}{options}\nStatement {label}.\n:::\n')
        if kind != "definition":
            blocks.append(f':::proof "{label}"\nProof of {label}.\n:::\n')
    return ("import VersoManual\nimport VersoBlueprint\n\nopen Verso.Genre Manual\nopen Informal"
            f'\n\n#doc (Manual) "Part {number}" =>\n\n' + "\n".join(blocks))


def write_unchecked(root: Path) -> Path:
    files = {
        "lakefile.lean": LAKEFILE,
        ".gitmodules": '[submodule "formal"]\n\tpath = formal\n\turl = https://example.org/f\n',
        "GenMain.lean": "import Gen.Blueprint\n\ndef main := Verso.Genre.Manual.manualMain "
                        "(%doc Gen.Blueprint)\n",
        "Gen/Blueprint.lean": "import VersoManual\nimport VersoBlueprint\n"
        + "".join(f"import Gen.Chapter{n}\n" for n in range(1, CHAPTERS + 1))
        + '\nopen Verso.Genre Manual\n\n#doc (Manual) "Generated" =>\n\n'
        + "".join(f"{{include 0 Gen.Chapter{n}}}\n" for n in range(1, CHAPTERS + 1)),
        **{f"Gen/Chapter{n}.lean": chapter(n) for n in range(1, CHAPTERS + 1)},
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    (root / "formal").mkdir()  # the submodule's empty folder
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("unchecked")
    unchecked = write_unchecked(root / "gen")
    build(unchecked, root / "site-gen", cache_dir=root / "cache-gen")
    build(copy_sample(root), root / "site-sample", cache_dir=root / "cache-sample")
    return {"gen": root / "site-gen", "sample": root / "site-sample"}


def open_graph(page: Any, site: Path, name: str = "graph.html") -> None:
    page.goto((site / name).as_uri())
    page.wait_for_selector("html[data-graph-ready]")


def stroke(page: Any, selector: str) -> tuple[str, str]:
    """The computed stroke colour and dashes of the first element `selector` finds."""
    return page.eval_on_selector(
        selector, "e => [getComputedStyle(e).stroke, getComputedStyle(e).strokeDasharray]")


def legend_item(page: Any) -> Any:
    return page.locator("#legend li", has_text="not checked")


CASES = [("desktop", "light"), ("phone", "dark")]


@pytest.mark.parametrize(("size", "scheme"), CASES)
def test_the_legend_explains_not_checked_nodes_as_the_graph_draws_them(
        sites: dict[str, Path], screen: Any, size: str, scheme: str) -> None:
    open_graph(screen, sites["gen"], "graph-1.html")
    item = legend_item(screen)
    assert item.count() == 1
    assert "its Lean sources are not in the checkout" in item.inner_text()
    node = "g.node.stage-not_checked:not(.outside) .shape"
    assert screen.locator(node).count() > 0
    drawn = stroke(screen, node)
    # the legend's sample is the node as the graph draws it: colour and dashes
    assert stroke(screen, "#legend li.border-not_checked svg .shape") == drawn
    assert drawn[0] == "rgb(107, 114, 128)" and drawn[1] not in ("none", "")
    # unlike a node that waits (thin black line, no dashes)
    waiting = screen.locator("g.node.stage-blocked:not(.outside) .shape")
    if waiting.count():
        assert stroke(screen, "g.node.stage-blocked:not(.outside) .shape") != drawn
    if size == "desktop":
        assert item.is_visible()
    screen.screenshot(path=str(SHOTS / f"not-checked-graph-{size}.png"))


@pytest.mark.parametrize(("size", "scheme"), CASES)
def test_the_chapters_bars_are_grey_where_nodes_are_not_checked(
        sites: dict[str, Path], screen: Any, size: str, scheme: str) -> None:
    open_graph(screen, sites["gen"])
    if screen.locator("#overview-graph").is_hidden():
        screen.click("button:has-text('Chapters'), a:has-text('Chapters')")
    bars = screen.locator("#overview-graph rect.bar.stage-not_checked")
    assert bars.count() == CHAPTERS
    fills = set(screen.eval_on_selector_all(
        "#overview-graph rect.bar.stage-not_checked",
        "es => es.map(e => getComputedStyle(e).fill)"))
    assert len(fills) == 1 and fills != {"rgb(0, 0, 0)"}  # grey, never SVG's default black
    assert legend_item(screen).count() == 1  # and the legend beside them says what it is
    SHOTS.mkdir(parents=True, exist_ok=True)
    screen.screenshot(path=str(SHOTS / f"not-checked-overview-{size}.png"))


@pytest.mark.parametrize(("size", "scheme"), CASES)
def test_the_progress_key_has_the_stage_only_where_it_is(
        sites: dict[str, Path], screen: Any, size: str, scheme: str) -> None:
    for name in ("index.html", "progress.html"):
        screen.goto((sites["gen"] / name).as_uri())
        key = screen.locator(".stage-key li", has_text="Not checked")
        assert key.count() == 1 and key.is_visible()
        segment = screen.locator(".stack .segment.stage-not_checked").first
        assert segment.is_visible()
        screen.goto((sites["sample"] / name).as_uri())
        assert screen.locator(".stage-key li", has_text="Not checked").count() == 0
    open_graph(screen, sites["sample"])
    assert legend_item(screen).count() == 0


@pytest.mark.parametrize(("size", "scheme"), CASES)
def test_axe_finds_no_violation_on_a_site_with_nodes_not_checked(
        sites: dict[str, Path], screen: Any, size: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for name in ("graph.html", "graph-1.html", "progress.html", "index.html", "tasks.html"):
        screen.goto((sites["gen"] / name).as_uri())
        if name.startswith("graph"):
            screen.wait_for_selector("html[data-graph-ready]")
        violations = axe.run(screen).response["violations"]
        if violations:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    assert not found
