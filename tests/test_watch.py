"""`blueprint watch` on a temporary copy of the sample project, with a real server."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blueprint.live.watch import LiveSite, Rebuild
from tests.conftest import ARTIFACTS, copy_sample
from tests.helpers import EventStream, Session, watching

SORRY = "  sorry\n\nend Euler"
PROOF = "  exact ZMod.pow_totient a\n\nend Euler"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with watching(copy_sample(tmp_path)) as state:
        yield state


def test_removing_a_sorry_turns_the_node_green(session: Session) -> None:
    assert "fill-can_prove" in session.node_classes("thm:euler")
    lean = session.project / "Sample" / "Congruences.lean"
    lean.write_text(lean.read_text().replace(SORRY, PROOF))
    rebuild = session.wait_rebuilds(2)
    assert rebuild.ok and not rebuild.laid_out  # a status change only recolours
    assert "fill-fully_proved" in session.node_classes("thm:euler")


def test_broken_tex_keeps_the_last_good_site_and_fixing_it_recovers(session: Session) -> None:
    chapter = session.project / "blueprint" / "src" / "chapter" / "groups.tex"
    good_text = chapter.read_text()
    before = session.get("/graph.html")
    events = EventStream(session.url)
    chapter.write_text(good_text + "\n\\begin{lemma}\\label{half-written}\n")
    broken = session.wait_rebuilds(2)
    assert not broken.ok
    assert any(p.file.endswith("chapter/groups.tex") for p in broken.problems)
    assert session.get("/graph.html") == before  # the last good site is still served
    errors = events.wait("build-error")
    assert any(e["file"].endswith("groups.tex") and e["line"] >= 1 for e in errors["errors"])
    chapter.write_text(good_text.replace("[Lagrange]", "[Lagrange (edited)]", 1))
    fixed = session.wait_rebuilds(3)
    assert fixed.ok
    assert events.wait("reload")["build"] == str(fixed.number)
    assert "Lagrange (edited)" in session.get("/graph.html")
    events.close()


def test_atomic_saves_deletions_and_new_files_end_in_the_final_state(session: Session) -> None:
    chapters = session.project / "blueprint" / "src" / "chapter"
    primes = chapters / "primes.tex"
    temporary = chapters / ".primes.tex.tmp"
    temporary.write_text(primes.read_text().replace("\\label{thm:chebyshev}", "\\label{thm:cheb}"))
    temporary.replace(primes)  # an editor's atomic save
    extra = chapters / "extra.tex"
    extra.write_text("\\begin{lemma}\\label{extra}\\leanok x\\end{lemma}\n")
    extra.unlink()
    deadline = time.monotonic() + 20
    while 'thm:cheb"' not in session.get("/graph.html"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    page = session.get("/graph.html")
    assert 'data-id="thm:chebyshev"' not in page and 'data-id="extra"' not in page


@pytest.mark.browser
def test_the_page_reloads_by_itself_and_keeps_the_selected_node(
    session: Session, browser: object
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(session.url + "graph.html#thm%3Awilson")
    page.wait_for_selector("#panel:not([hidden])")
    chapter = session.project / "blueprint" / "src" / "chapter" / "congruences.tex"
    chapter.write_text(chapter.read_text().replace("[Wilson]", "[Wilson, live]", 1))
    page.wait_for_function(
        "document.getElementById('nodes-data').textContent.includes('Wilson, live')",
        timeout=15000,
    )
    page.wait_for_selector("#panel:not([hidden])")
    assert page.evaluate("location.hash") == "#thm%3Awilson"
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "watch-after-reload.png"))
    page.close()


def test_files_read_from_lake_output_and_outside_the_blueprint_folder_rebuild(
    tmp_path: Path,
) -> None:
    """LeanArchitect's output in `.lake/build/blueprint` and a file the blueprint inputs from
    elsewhere in the project rebuild the site when saved; the rest of `.lake` does not."""
    from tests.test_leanarchitect_output import add_lake_output

    project = copy_sample(tmp_path)
    inputs = "\\inputleannode{thm:inf}\n\\input{../../Other/notes}"
    add_lake_output(project, "./.lake/build", inputs)
    output = project / ".lake" / "build" / "blueprint"
    (project / "Other").mkdir()
    notes = project / "Other" / "notes.tex"
    notes.write_text("\\begin{lemma}[Notes]\\label{notes}Text.\\end{lemma}\n")
    artifact = output / "module" / "Proj" / "Main.artifacts" / "thm:inf.tex"
    dependency = project / ".lake" / "packages" / "dep"
    dependency.mkdir(parents=True)
    with watching(project) as session:
        assert 'data-id="thm:inf"' in session.get("/graph.html")
        artifact.write_text(
            artifact.read_text().replace("\\begin{theorem}", "\\begin{theorem}[Infinitude, saved]")
        )
        assert session.wait_rebuilds(2, timeout=10).ok
        assert "Infinitude, saved" in session.get("/graph.html")
        (output / "module" / "Proj" / "Unread.tex").write_text("not read by the blueprint")
        (dependency / "A.lean").write_text("theorem a : True := sorry")
        time.sleep(0.6)
        assert len(session.rebuilds) == 2
        notes.write_text("\\begin{lemma}[Notes, saved]\\label{notes}Text.\\end{lemma}\n")
        assert session.wait_rebuilds(3, timeout=10).ok
        assert "Notes, saved" in session.get("/graph.html")
        assert len(session.rebuilds) == 3


def test_a_file_saved_while_the_rebuild_that_first_read_it_runs_is_not_missed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher follows a file in `.lake` once the rebuild that first read it is done: a
    save before that (`lake build :blueprint` writing while the site renders) rebuilds too."""
    project = copy_sample(tmp_path)
    new = project / ".lake" / "build" / "blueprint" / "new.tex"
    new.parent.mkdir(parents=True)
    new.write_text("\\begin{lemma}[First]\\label{new}x\\end{lemma}\n")
    original = LiveSite.rebuild

    def rebuild(self: LiveSite) -> Rebuild:
        done = original(self)
        if done.number == 2:  # the rebuild that read new.tex first
            new.write_text("\\begin{lemma}[Second]\\label{new}x\\end{lemma}\n")
            time.sleep(0.3)  # the watcher has seen the save: not followed yet
        return done

    monkeypatch.setattr(LiveSite, "rebuild", rebuild)
    with watching(project) as session:
        content = project / "blueprint" / "src" / "content.tex"
        content.write_text("\\input{../../.lake/build/blueprint/new}\n" + content.read_text())
        assert session.wait_rebuilds(3, timeout=10).ok
        assert "Second" in session.get("/graph.html")


class _Server:
    """What a `LiveSite` tells its server: the folders served, the reloads."""

    def __init__(self) -> None:
        self.reloads: list[str] = []

    def set_root(self, folder: Path) -> None:
        self.root = folder

    def notify_reload(self, build: str) -> None:
        self.reloads.append(build)

    def notify_error(self, problems: object) -> None:
        raise AssertionError(f"unexpected errors: {problems}")


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_rebuild_runs_without_the_cycle_collector_and_collects_what_it_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paused while it builds, writes and reloads; then the cycles the rebuild made and
    dropped (jinja's macros make some with each page) are freed at once, not left to pile
    up until the collector's next pass."""
    from blueprint.site.make import make_site as made

    paused: list[bool] = []
    left: list[weakref.ref[_Cycle]] = []

    def make_site(*args: Any, **kwargs: Any) -> Any:
        paused.append(not gc.isenabled())
        left.append(weakref.ref(_Cycle()))
        return made(*args, **kwargs)

    monkeypatch.setattr("blueprint.live.watch.make_site", make_site)
    server = _Server()
    live = LiveSite(copy_sample(tmp_path), server)  # type: ignore[arg-type]
    try:
        assert live.rebuild().ok and live.rebuild().ok
    finally:
        live.close()
    assert server.reloads == ["1", "2"]
    assert paused == [True, True] and gc.isenabled()
    assert all(cycle() is None for cycle in left)


def test_each_rebuild_prints_what_changed_not_every_warning_again() -> None:
    import io

    from rich.console import Console

    from blueprint.cli.watch import RebuildReport
    from blueprint.model import Diagnostic, Severity

    out = io.StringIO()
    report = RebuildReport(Console(file=out, width=80, highlight=False))

    def warn(line: int, message: str) -> Diagnostic:
        return Diagnostic("a.tex", line, Severity.WARNING, message)

    def build(ok: bool, *problems: Diagnostic) -> str:
        out.seek(0)
        out.truncate()
        report(Rebuild(1, 0.1, ok, 37, False, list(problems)))
        return out.getvalue()

    first = build(True, warn(3, "stale"), warn(9, "odd"))
    assert "2 warnings" in first and "stale" in first and "odd" in first
    # the same warnings, a line added above them: one line, nothing listed again
    same = build(True, warn(4, "stale"), warn(10, "odd"))
    assert same.count("\n") == 1 and "2 warnings" in same and "new" not in same
    changed = build(True, warn(4, "stale"), warn(12, "fresh"))
    assert "(1 new, 1 fixed)" in changed
    assert "new warning a.tex:12: fresh" in changed and "fixed warning a.tex:10: odd" in changed
    assert "stale" not in changed
    broken = build(False, Diagnostic("b.tex", 2, Severity.ERROR, "never closed"))
    assert "build failed" in broken and "new error b.tex:2: never closed" in broken
    mended = build(True, warn(4, "stale"), warn(12, "fresh"))  # the warnings of before
    assert "fixed error b.tex:2: never closed" in mended
    assert "stale" not in mended and "fresh" not in mended
