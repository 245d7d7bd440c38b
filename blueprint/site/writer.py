"""Writing a site so that nobody ever sees half of it.

The new site is written beside the old one, then the two folders are swapped in one
atomic step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames). A build killed at
any moment leaves the previous site whole.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_site(files: Mapping[str, bytes], out: Path) -> None:
    """Replace the folder `out` by exactly `files` (relative posix path -> content)."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = out.parent / f".{out.name}.new-{os.getpid()}"
    _remove(staging)
    for relative, content in sorted(files.items()):
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    swap_in(staging, out)


def swap_in(staging: Path, out: Path) -> None:
    """Make `staging` the new `out`, atomically where the system allows."""
    if out.exists() and _exchange(staging, out):
        _remove(staging)  # it now holds the previous site
        return
    previous = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        _remove(previous)
        out.rename(previous)
    staging.rename(out)
    _remove(previous)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed (their process is gone). A build killed
    between the two renames of the fallback swap left no `out` but the previous site in its
    `.old` folder: that one is put back first."""
    dead = [
        path
        for path in sorted(out.parent.glob(f".{out.name}.*-*"))
        if path.name.rsplit("-", 1)[-1].isdigit() and not _alive(int(path.name.rsplit("-", 1)[-1]))
    ]
    for path in dead:
        if path.name.startswith(f".{out.name}.old-") and not out.exists():
            path.rename(out)
    for path in dead:
        if path.exists():
            _remove(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
