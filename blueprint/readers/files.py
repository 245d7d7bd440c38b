"""The readers' window on the file system: files relative to the blueprint folder, read
safely, never outside the project."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from blueprint.files import MAX_TEX_BYTES, read_regular


def file_loader(
    folder: Path, root: Path | None = None, read: Callable[[Path], bytes] | None = None
) -> Callable[[str], str]:
    """The reader's window on the file system: paths relative to `folder`, never outside
    `root` (the project; by default the folder itself), symbolic links included. `read`
    gives the bytes of a real path (by default `read_regular`, up to MAX_TEX_BYTES)."""
    base = str(folder.resolve())
    limit = str((root or folder).resolve())
    inside = limit.rstrip(os.sep) + os.sep

    def load(relative: str) -> str:
        # realpath, not Path.resolve: it raises RuntimeError on a symbolic link loop (3.11);
        # strings, not Path objects: a Verso Blueprint's reader asks for 650 files
        real = os.path.realpath(os.path.join(base, relative))
        if real != limit and not real.startswith(inside):
            raise ValueError(f"{relative} is outside the project")
        path = Path(real)
        try:
            data = read(path) if read else read_regular(path, MAX_TEX_BYTES)
        except IsADirectoryError:
            raise FileNotFoundError(relative) from None
        return data.decode("utf-8")

    return load


#: folders no blueprint is read from: builds, dependencies, caches, version control
SKIPPED_FOLDERS = frozenset({".lake", "lake-packages", "build", "node_modules", "_target"})


def project_files(root: Path) -> list[str]:
    """Every file of the project (relative POSIX paths, sorted), outside hidden folders and
    SKIPPED_FOLDERS: what a reader that looks files up by name may ask for."""
    out: list[str] = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(d for d in folders if _looked_into(d))
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        out.extend(prefix + name for name in files)
    return sorted(out)


def listed_files(paths: Iterable[str]) -> list[str]:
    """The files `project_files` lists, picked from every file's path (a commit's). Pure."""
    return sorted(p for p in paths if all(_looked_into(d) for d in p.split("/")[:-1]))


def _looked_into(folder: str) -> bool:
    return not folder.startswith(".") and folder not in SKIPPED_FOLDERS
