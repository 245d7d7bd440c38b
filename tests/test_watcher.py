from __future__ import annotations

import threading
import time
from pathlib import Path

from blueprint.live.watcher import Watcher, is_relevant


class Calls:
    def __init__(self, delay: float = 0.0) -> None:
        self.batches: list[set[Path]] = []
        self.delay = delay
        self.event = threading.Event()

    def __call__(self, paths: set[Path]) -> None:
        time.sleep(self.delay)
        self.batches.append({p.name for p in paths})  # type: ignore[misc]
        self.event.set()

    def wait(self, count: int, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.batches) < count and time.monotonic() < deadline:
            time.sleep(0.02)


def test_relevance_filter() -> None:
    assert is_relevant(Path("p/blueprint/src/a.tex"))
    assert is_relevant(Path("p/Sample/Basic.lean"))
    assert not is_relevant(Path("p/.lake/packages/mathlib/Mathlib/A.lean"))
    assert not is_relevant(Path("p/blueprint/src/a.tex~"))
    assert not is_relevant(Path("p/site/index.html"), ignored=[Path("p/site")])


def test_a_burst_of_changes_gives_one_call(tmp_path: Path) -> None:
    calls = Calls()
    watcher = Watcher([tmp_path], calls, settle=0.15, settle_finished=0.15)
    watcher.start()
    try:
        for i in range(5):
            (tmp_path / f"f{i}.tex").write_text(str(i))
            time.sleep(0.02)
        calls.wait(1)
        time.sleep(0.3)
    finally:
        watcher.stop()
    assert calls.batches == [{f"f{i}.tex" for i in range(5)}]


def test_a_finished_save_is_taken_at_once_and_an_open_file_waits_for_quiet(
    tmp_path: Path,
) -> None:
    calls = Calls()
    watcher = Watcher([tmp_path], calls, settle=1.5, settle_finished=0.03)
    watcher.start()
    try:
        start = time.monotonic()
        (tmp_path / "saved.lean").write_text("theorem t : True := trivial")  # written, closed
        calls.wait(1)
        taken = time.monotonic() - start
        with (tmp_path / "open.lean").open("w") as still_open:
            still_open.write("theorem")
            still_open.flush()  # written, not closed: more may come
            time.sleep(0.5)
            assert len(calls.batches) == 1  # not taken while open, well within the settle
            still_open.write(" u : True := trivial")
        calls.wait(2)
    finally:
        watcher.stop()
    assert taken < 1.0  # not the whole settle of 1.5 s
    assert calls.batches == [{"saved.lean"}, {"open.lean"}]


def test_atomic_save_and_delete_are_seen(tmp_path: Path) -> None:
    target = tmp_path / "main.tex"
    target.write_text("old")
    calls = Calls()
    watcher = Watcher([tmp_path], calls, settle=0.1)
    watcher.start()
    try:
        temporary = tmp_path / ".main.tex.swp"
        temporary.write_text("new")
        temporary.replace(target)  # an editor's atomic save
        calls.wait(1)
        target.unlink()
        calls.wait(2)
    finally:
        watcher.stop()
    assert calls.batches == [{"main.tex"}, {"main.tex"}]


def test_changes_during_a_callback_give_one_more_call(tmp_path: Path) -> None:
    calls = Calls(delay=0.4)
    watcher = Watcher([tmp_path], calls, settle=0.05)
    watcher.start()
    try:
        (tmp_path / "a.lean").write_text("1")
        time.sleep(0.2)  # the first callback is running now
        (tmp_path / "b.lean").write_text("2")
        calls.wait(2)
    finally:
        watcher.stop()
    assert calls.batches == [{"a.lean"}, {"b.lean"}]


def test_followed_files_count_in_skipped_folders_and_whatever_their_name() -> None:
    read = Path("/p/.lake/build/blueprint/module/A.artifacts/x.tex")
    data = Path("/p/blueprint/src/data.txt")
    followed = frozenset({read, data})
    assert is_relevant(read, followed=followed) and is_relevant(data, followed=followed)
    assert not is_relevant(read.with_name("y.tex"), followed=followed)
    assert not is_relevant(Path("/p/.lake/packages/m/A.lean"), followed=followed)


def test_only_folders_inside_the_watched_ones_are_skipped() -> None:
    root = Path("/home/me/build/.lake/proj")  # a project kept in folders named like skipped ones
    assert is_relevant(root / "blueprint" / "a.tex", roots=[root])
    assert not is_relevant(root / ".lake" / "A.lean", roots=[root])
    assert not is_relevant(root / "build" / "a.tex", roots=[Path("/other"), root])


def test_files_followed_in_a_skipped_folder_are_seen_and_the_rest_of_it_is_not(
    tmp_path: Path,
) -> None:
    output = tmp_path / ".lake" / "build" / "blueprint"
    output.mkdir(parents=True)
    calls = Calls()
    watcher = Watcher([tmp_path], calls, settle=0.1)
    watcher.follow([output / "read.tex", tmp_path / "notes.txt"])
    watcher.start()
    try:
        (output / "other.tex").write_text("not read by the blueprint")
        (tmp_path / ".lake" / "A.lean").write_text("-- a Lean build")
        time.sleep(0.3)
        (output / "read.tex").write_text("read by the blueprint")
        calls.wait(1)
        (tmp_path / "notes.txt").write_text("read too")
        calls.wait(2)
    finally:
        watcher.stop()
    assert calls.batches == [{"read.tex"}, {"notes.txt"}]


def test_a_project_inside_a_folder_named_build_is_watched(tmp_path: Path) -> None:
    project = tmp_path / "build" / "proj"
    project.mkdir(parents=True)
    calls = Calls()
    watcher = Watcher([project], calls, settle=0.1)
    watcher.start()
    try:
        (project / "a.tex").write_text("x")
        calls.wait(1)
    finally:
        watcher.stop()
    assert calls.batches == [{"a.tex"}]
