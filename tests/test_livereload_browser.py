"""Live reload in a real headless Chromium: reload keeps the place, errors show safely."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from blueprint.live.server import SiteServer

pytestmark = pytest.mark.browser

TIMEOUT_MS = 10_000


@pytest.fixture
def chromium(browser: Any) -> Any:
    """The session's headless Chromium (tests/conftest.py)."""
    return browser


def page_html(version: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Blueprint</title></head>"
        f"<body><h1 id='title'>{version}</h1>"
        "<div style='height:1500px'></div><h2 id='node-42'>Node 42</h2>"
        "<div style='height:3000px'></div></body></html>"
    )


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_reload_keeps_the_place_and_errors_are_shown_as_text(chromium: Any, tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page_html("Version 1"), encoding="utf-8")
    server = SiteServer(site, "127.0.0.1", 0, live_reload=True)
    server.start()
    server.notify_reload("b1")
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(server.url)
        wait_until(lambda: server.live_state._clients == 1)
        page.evaluate(
            """() => {
                location.hash = "node-42";
                window.scrollTo(0, 700);
                sessionStorage.setItem("blueprint-view", '{"zoom": 2, "selected": "thm:a"}');
                window.__notReloaded = true;
            }"""
        )

        # A new build lands: the page reloads by itself and keeps hash, scroll and view.
        (site / "index.html").write_text(page_html("Version 2"), encoding="utf-8")
        server.notify_reload("b2")
        page.wait_for_function("document.getElementById('title').textContent === 'Version 2'")
        assert page.evaluate("window.__notReloaded") is None
        assert page.evaluate("location.hash") == "#node-42"
        view = page.evaluate("sessionStorage.getItem('blueprint-view')")
        assert view == '{"zoom": 2, "selected": "thm:a"}'
        page.wait_for_function("window.scrollY === 700")

        # A failed build: the overlay shows file:line: message, as text only.
        hostile = (
            "<script>window.__pwned = 1</script>"
            '<img src="x" onerror="window.__pwned = 2"> undefined reference'
        )
        page.evaluate("window.__notReloaded = true")
        server.notify_error([{"file": "content.tex", "line": 12, "message": hostile}])
        overlay = page.wait_for_selector("#blueprint-error-overlay")
        assert overlay is not None
        assert f"content.tex:12: {hostile}" in overlay.inner_text()
        assert (
            page.evaluate(
                "document.querySelectorAll('#blueprint-error-overlay script, "
                "#blueprint-error-overlay img').length"
            )
            == 0
        )
        page.wait_for_timeout(300)  # time for an injected handler to have run, had it existed
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("window.__notReloaded") is True  # errors do not reload

        # A page opened during the broken build shows the overlay at once.
        late = context.new_page()
        late.set_default_timeout(TIMEOUT_MS)
        late.goto(server.url)
        late.wait_for_selector("#blueprint-error-overlay")

        # The next good build reloads the pages; the overlay is gone.
        (site / "index.html").write_text(page_html("Version 3"), encoding="utf-8")
        server.notify_reload("b3")
        for each in (page, late):
            each.wait_for_function("document.getElementById('title').textContent === 'Version 3'")
            assert each.query_selector("#blueprint-error-overlay") is None
        assert page.evaluate("location.hash") == "#node-42"
    finally:
        context.close()
        server.shutdown()
