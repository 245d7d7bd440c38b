"""`KnownFiles`: what a watch session reads again, and what it takes as it was."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import blueprint.files as files_module
from blueprint.files import KnownFiles


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths `read_regular` reads from now on."""
    reads: list[Path] = []
    read_regular = files_module.read_regular

    def counting(path: Path, max_bytes: int) -> bytes:
        reads.append(path)
        return read_regular(path, max_bytes)

    monkeypatch.setattr(files_module, "read_regular", counting)
    return reads


def _age(path: Path, seconds: float = 3600) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_file_saved_long_ago_is_read_once_and_handed_back_as_read(
    tmp_path: Path, counted: list[Path]
) -> None:
    path = tmp_path / "a.lean"
    path.write_text("theorem a : True := trivial\n")
    _age(path)
    files = KnownFiles()
    first = files.read(path, 1000)
    assert files.read(path, 1000) is first
    assert counted == [path]


def test_a_file_saved_just_now_is_read_every_time(tmp_path: Path, counted: list[Path]) -> None:
    """Its times may not show a second save within the same tick of the clock."""
    path = tmp_path / "a.lean"
    path.write_text("one")
    files = KnownFiles()
    assert files.read(path, 1000) == b"one"
    path.write_text("two")  # same size, maybe the same modification time
    assert files.read(path, 1000) == b"two"
    assert counted == [path, path]


@pytest.mark.parametrize("how", ["rewritten", "renamed over", "times put back"])
def test_a_file_changed_since_is_read_again(tmp_path: Path, counted: list[Path], how: str) -> None:
    """However it changed: written in place (same size), replaced by an editor's atomic
    save, or rewritten with its modification time put back (its change time moves)."""
    path = tmp_path / "a.lean"
    path.write_text("one")
    _age(path)
    files = KnownFiles()
    files.read(path, 1000)
    before = path.stat()
    time.sleep(0.01)
    if how == "renamed over":
        other = tmp_path / "a.lean.tmp"
        other.write_text("two")
        _age(other)
        other.replace(path)
    else:
        path.write_text("two")
        if how == "times put back":
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        else:
            _age(path, 1800)
    assert files.read(path, 1000) == b"two"
    assert counted == [path, path]


def test_what_cannot_be_read_raises_as_read_regular_does(tmp_path: Path) -> None:
    """A missing file, a FIFO (without blocking), a file over the limit: each time."""
    files = KnownFiles()
    with pytest.raises(FileNotFoundError):
        files.read(tmp_path / "missing.lean", 1000)
    os.mkfifo(tmp_path / "pipe.lean")
    with pytest.raises(OSError, match="not a regular file"):
        files.read(tmp_path / "pipe.lean", 1000)
    big = tmp_path / "big.lean"
    big.write_text("x" * 2000)
    _age(big)
    for _ in range(2):
        with pytest.raises(files_module.FileTooLarge):
            files.read(big, 1000)
    big.write_text("x")
    _age(big)
    assert files.read(big, 1000) == b"x"
