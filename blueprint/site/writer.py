"""Writing a site so that nobody ever sees half of it.

The new site is written beside the old one, then the two folders are swapped in one
atomic step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames). A build killed at
any moment leaves the previous site whole. Only a folder that `outputs.claim_site_folder`
allows is replaced, and the files in it that the site did not write are carried over.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from blueprint.model import UsageError
from blueprint.outputs import MANIFEST, SiteFolder, claim_site_folder, manifest, not_writable

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_site(
    files: Mapping[str, bytes],
    out: Path,
    protected: Iterable[Path] = (),
    earlier: tuple[Path, Mapping[str, bytes]] | None = None,
) -> None:
    """Replace the folder `out` by `files` (relative posix path -> content) and its manifest,
    keeping the files a user put there; refuse (UsageError) a folder that is not a site's or
    that is or holds one of the `protected` sources. `earlier`: a site written before (its
    folder, its files), whose files with the same bytes are linked, not written again (a
    watch session's builds: most files of a rebuild are the last one's)."""
    folder = claim_site_folder(out, protected)
    out = folder.path
    files = {name: data for name, data in files.items() if name != MANIFEST}  # made anew
    staging = out.parent / f".{out.name}.new-{os.getpid()}"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(out)
        _remove(staging)
        for relative, content in sorted({**files, MANIFEST: manifest(files)}.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if earlier is None or earlier[1].get(relative) != content or not _linked(
                earlier[0] / relative, target
            ):
                target.write_bytes(content)
        _carry_over(folder, staging, files)
        swap_in(staging, out)
    except OSError as error:
        _remove(staging)
        raise not_writable(out, error) from None


def _linked(source: Path, target: Path) -> bool:
    """Whether `target` could be made a hard link to `source` (not across file systems,
    nor where the system has none)."""
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _carry_over(folder: SiteFolder, staging: Path, files: Mapping[str, bytes]) -> None:
    """Put the user's files of the previous site into the new one (hard links where the
    system allows: nothing is copied)."""
    for name in folder.kept:
        if name.rstrip("/") in files:
            raise UsageError(
                f"refusing to replace {folder.path / name}: blueprint did not write it, and "
                "the new site has a file of that name"
            )
        source, target = folder.path / name, staging / name
        if name.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
            continue
        if not _linked(source, target):
            shutil.copy2(source, target)


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
    return bool(result == 0)


def _remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed (their process is gone). A build killed
    between the two renames of the fallback swap left no `out` but the previous site in its
    `.old` folder: that one is put back first."""
    pids = {path: path.name.rsplit("-", 1)[-1] for path in out.parent.glob(f".{out.name}.*-*")}
    dead = sorted(path for path, pid in pids.items() if pid.isdigit() and not is_alive(int(pid)))
    for path in dead:
        if path.name.startswith(f".{out.name}.old-") and not out.exists():
            path.rename(out)
    for path in dead:
        if path.exists():
            _remove(path)


def is_alive(pid: int) -> bool:
    """Whether process `pid` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    """Remove a folder or file of our own making (a staging folder, a previous site)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
