"""Reading the user's files without being stalled or swamped by them.

A blueprint folder may hold anything: a FIFO that would block a plain `read()` forever, a
symbolic link loop, a device, a 50 MB generated file. `read_regular` reads only regular
files, up to a size limit, and turns everything else into an `OSError` whose `strerror`
says what the file is, for a diagnostic.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

#: the most one blueprint file (.tex, .sty) may hold. The largest chapter in our corpus of
#: seven real blueprints is 52 KB, all of them together 1 MB; the site costs about 3 s and
#: 60 MB of memory a megabyte of LaTeX, so a 50 MB file would take minutes and gigabytes.
MAX_TEX_BYTES = 4 * 1024 * 1024
#: the most one Lean file may hold: generated Lean files can be large, and the scanner reads
#: about 6 MB a second in constant memory a declaration
MAX_LEAN_BYTES = 32 * 1024 * 1024


class FileTooLarge(OSError):
    """A file over the size limit (not read)."""


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `max_bytes` bytes.

    Never blocks on a FIFO or a device (opened non-blocking, then checked); a missing file
    raises FileNotFoundError, a directory IsADirectoryError, a symbolic link loop
    OSError(ELOOP), anything else that is not a regular file OSError(EINVAL).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, socket or device)", str(path))
        if info.st_size > max_bytes:
            raise FileTooLarge(
                errno.EFBIG,
                f"{_megabytes(info.st_size)}, more than the {_megabytes(max_bytes)} "
                f"one file may hold: not read",
                str(path),
            )
        # as much as `fstat` says, and one byte more to see a file that grew meanwhile:
        # not a buffered `read(max_bytes + 1)`, which sets aside the largest size at each
        # call (Lean files: 32 MB; 659 files took 0.03-0.04 s, so 0.013-0.02 s)
        chunks = []
        wanted = min(info.st_size, max_bytes) + 1
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max(wanted - size, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we read it
        raise FileTooLarge(errno.EFBIG, f"more than {_megabytes(max_bytes)}: not read", str(path))
    return data


#: a file read when it was at least this old (by its modification time) is taken as it was
#: read while its size, times and inode stay the same. A younger one is read again: a file
#: can change twice within a tick of the clock that stamps it (Linux: a few milliseconds;
#: FAT: 2 s) without its times showing the second change. (Git does the same, "racy git".)
TRUSTED_AGE_NS = 3_000_000_000


class KnownFiles:
    """The files a watch session read, with what `os.stat` said of each when it was read,
    so that a rebuild reads again only the files that changed: a file whose size, times
    (modification and change) and inode are the same is not read again (see
    TRUSTED_AGE_NS). The bytes handed back are the same object each time, so what was made
    of them can be found again by identity or equality at once."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, ...], bytes]] = {}

    def read(self, path: Path, max_bytes: int) -> bytes:
        """The bytes of `path`, as `read_regular` gives them (and raises)."""
        try:
            info = os.stat(path)
        except OSError:
            info = None  # read_regular says what is wrong
        signature = _signature(info) if info is not None else None
        found = self._known.get(path)
        if found is not None and found[0] == signature:
            return found[1]
        data = read_regular(path, max_bytes)
        if (
            info is not None
            and signature is not None
            and len(data) == info.st_size
            and time.time_ns() - info.st_mtime_ns >= TRUSTED_AGE_NS
        ):
            self._known[path] = (signature, data)
        else:
            self._known.pop(path, None)
        return data


def _signature(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def is_text_name(name: str) -> bool:
    """False for a file name whose bytes are not UTF-8 (read from disk as surrogates): no
    Lean module can have it, and it could not be written in a page."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
