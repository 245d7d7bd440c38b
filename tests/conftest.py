"""Shared fixtures: the sample project, the corpus, and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CORPUS

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PROJECT = REPO / "sample_project"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def run_cli(*args: str, cwd: Path, columns: int = 200) -> subprocess.CompletedProcess[str]:
    """`blueprint ARGS` in a fresh process, as a user runs it (-P: the cwd is not on the
    path, so a project's own `blueprint/` folder cannot shadow the package)."""
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-P", "-m", "blueprint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def copy_sample(folder: Path) -> Path:
    """A copy of sample_project in `folder`, so that no test writes into the repository."""
    project = folder / "sample"
    shutil.copytree(SAMPLE_PROJECT, project, ignore=shutil.ignore_patterns(".blueprint-cache"))
    return project


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the sample project."""
    return copy_sample(tmp_path)


def corpus_projects() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "reference-nonreduced.json").is_file())


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian Chromium; required in CI, skipped elsewhere when missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page of a fresh browser context that records what should never happen: a dialog
    (dismissed; `alert` is how injected script would show itself) or a script error. The test
    fails if either happened."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not dialogs and not errors, (dialogs, errors)


#: the screens the browser tests look at (`screen`)
SIZES = {"desktop": (1600, 1000), "phone": (390, 844)}


@pytest.fixture
def screen(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page at the size the test is parametrized with (`size`, a key of SIZES; `scheme`,
    light or dark, if it is), failing on script errors."""
    width, height = SIZES[request.node.callspec.params["size"]]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        has_touch=width < 800,
        color_scheme=request.node.callspec.params.get("scheme", "light"),
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)
