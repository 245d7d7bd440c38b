"""A Verso Blueprint's site in headless Chromium (issue #15): its chapter page (converted
Verso markup, math, `{uses}` links, status badges), the node panel with what the blueprint
plans (owner, effort, tags), and the task board's filters. Built from tests/data/verso/checked
(a package that is its own Lean library); screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from blueprint.build import build
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
DATA = Path(__file__).parent / "data" / "verso" / "checked"
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verso")
    project = root / "checked"
    shutil.copytree(DATA, project)
    build(project, root / "out", cache_dir=root / "cache")
    return root / "out"


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_verso_chapter_page_reads_like_the_blueprint(site: Path, page: Any) -> None:
    page.goto((site / "chapter-1.html").as_uri() + "#double_eq")
    card = page.locator("article.node-card.target")
    assert card.count() == 1 and "Theorem 1.2" in card.inner_text()
    assert "Done" in card.locator(".badge").inner_text()
    main = page.inner_text("main")
    assert "Doubling" in main
    assert "1.1\nDefinitions" in main or "1.1 Definitions" in main
    assert "Complete, says the TeX" not in main  # ```tex witnesses are never shown
    assert "its text is shown" not in main
    # {uses "double_def"}[the double] links to the definition's card
    link = card.locator("a", has_text="the double")
    assert link.get_attribute("href") == "chapter-1.html#double_def"
    # math is TeX for MathJax, display math a block of its own
    assert card.locator("div.math.display").count() == 1
    assert "\\dbl{n}" in card.locator("div.math.display").inner_text()
    hard = page.locator("article.node-card[data-node='hard']")
    assert "Ready to prove" in hard.locator(".badge").inner_text()  # its Lean proof has sorry
    shot(page, "verso-chapter")


def test_the_panel_shows_what_the_blueprint_plans(site: Path, page: Any) -> None:
    page.goto((site / "graph.html").as_uri() + "#double_def")
    page.wait_for_selector("html[data-graph-ready]")
    page.wait_for_selector("#panel:not([hidden])")
    panel = page.locator("#panel")
    assert "Definition 1.1" in panel.locator("h2").inner_text()
    planning = panel.locator("dl.planning").inner_text()
    assert "Owner" in planning and "ada" in planning and "small" in planning
    assert "easy" in planning and "arith" in planning
    assert "The double of" in panel.locator(".statement").inner_text()
    assert "Checked.double" in panel.inner_text()
    shot(page, "verso-panel")


def test_the_task_board_filters_by_owner_effort_and_tag(site: Path, page: Any) -> None:
    page.goto((site / "tasks.html").as_uri())
    rows = page.locator("table.tasks tr[data-owner]")
    total = rows.count()
    assert total >= 2

    def shown() -> set[str]:
        return {rows.nth(i).get_attribute("data-node") or "" for i in range(rows.count())
                if rows.nth(i).is_visible()}

    everything = shown()
    page.select_option("#task-filters select[name=tag]", "arith")
    assert shown() == {n for n in everything if n == "orphan"}
    page.select_option("#task-filters select[name=tag]", "")
    page.check("#task-filters input[name=unowned]")
    assert shown() == everything  # nothing ready is owned
    assert f"{len(everything)} of {total} tasks shown" in page.inner_text("#task-filters")
    shot(page, "verso-tasks")
