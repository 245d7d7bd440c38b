"""Reading a blueprint again only when one of its files changed: what a watch session keeps
between builds."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint.config import BlueprintFormat, ProjectConfig
from blueprint.files import MAX_TEX_BYTES, KnownFiles
from blueprint.model import Blueprint
from blueprint.readers import read

if TYPE_CHECKING:
    from blueprint.lean.loader import LeanLoader
    from blueprint.readers.leanarchitect.inputs import LeanArchitectMemo

#: a file's bytes, or the error that kept them from being read
Contents = bytes | OSError
_TEX_SUFFIXES = (".tex", ".sty", ".cls", ".cfg")


@dataclass
class BlueprintCache:
    """The blueprint last read, and what it was read from, so that a rebuild reads only what
    changed."""

    blueprint_key: _Key | None = None
    blueprint: Blueprint | None = None
    #: the files the last read asked for that are not TeX files of the blueprint folder (real
    #: paths, found or not: `\input{../../Other/notes}`, LeanArchitect's `.lake/build/...`)
    elsewhere: tuple[Path, ...] = ()
    #: every file the last read asked for (real paths, found or not): what watch must follow
    read_files: frozenset[Path] = frozenset()
    #: what the reader of a LeanArchitect blueprint keeps between reads
    lean_memo: LeanArchitectMemo | None = None
    #: the files read, read again only when they changed
    files: KnownFiles = field(default_factory=KnownFiles)

    def read_blueprint(self, config: ProjectConfig, lean: LeanLoader | None = None) -> Blueprint:
        """The blueprint, read again only when a TeX file of the blueprint folder or a file
        the last read asked for changed (the Lean files of a LeanArchitect blueprint among
        them). Each file is read once: the bytes the key is made of are the bytes the reader
        gets, so the blueprint is always the key's."""
        folder, known, elsewhere, key = self._look(config)
        if self.blueprint is not None and key == self.blueprint_key:
            return self.blueprint
        reads = _Reads(self._read, {**known, **elsewhere})
        if self.lean_memo is None:
            from blueprint.readers.leanarchitect.inputs import LeanArchitectMemo

            self.lean_memo = LeanArchitectMemo()
        blueprint = read(config, reads.read, lean, self.lean_memo)
        outside = {path: found for path, found in reads.asked.items() if path not in known}
        self.blueprint, self.blueprint_key = blueprint, _blueprint_key(config, folder, outside)
        self.elsewhere = tuple(sorted(outside))
        self.read_files = frozenset(reads.asked)
        return blueprint

    def is_current(self, config: ProjectConfig) -> bool:
        """Whether the files the blueprint was read from are still as they were read."""
        return self.blueprint is not None and self._look(config)[3] == self.blueprint_key

    def _look(
        self, config: ProjectConfig
    ) -> tuple[list[_TexFile], dict[Path, Contents], dict[Path, Contents], _Key]:
        """The folder's TeX files, the same by path, the files read elsewhere last time, and
        the key of them all."""
        # A Verso Blueprint's package holds no TeX, and may be the whole project (its
        # `.lake` included): every file of it is one the reader asked for, below.
        verso = config.format is BlueprintFormat.VERSO
        folder = [] if verso else _folder_files(config.blueprint_dir, self._read)
        known = {file.path: file.contents for file in folder}
        elsewhere = {p: known[p] if p in known else self._read(p) for p in self.elsewhere}
        return folder, known, elsewhere, _blueprint_key(config, folder, elsewhere)

    def _read(self, path: Path) -> Contents:
        """A file's bytes, or the error that kept them from being read (without its
        traceback: kept, it would keep our frames alive)."""
        try:
            return self.files.read(path, MAX_TEX_BYTES)
        except OSError as error:
            return error.with_traceback(None)


@dataclass(frozen=True)
class _TexFile:
    """A TeX file of the blueprint folder as a watch rebuild found it."""

    name: str  # relative to the folder
    path: Path  # from the folder's real path, as the reader's loader asks for it
    contents: Contents


def _folder_files(folder: Path, read: Callable[[Path], Contents]) -> list[_TexFile]:
    """The folder's TeX files; one that vanishes or cannot be read while we look (an
    editor's half-done save) counts as its error, so the next change reads again."""
    # By path from the folder's real path: a real path holds no symbolic link, so one with
    # a link in it is never asked for, and one without is the file's own real path.
    real = Path(os.path.realpath(folder))
    files: list[_TexFile] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in _TEX_SUFFIXES:
            name = path.relative_to(folder)
            files.append(_TexFile(name.as_posix(), real / name, read(path)))
    return files


#: what the blueprint was read from: its folder, main file, and each file by name with its
#: bytes (or the errno that kept them from being read)
_Key = tuple[object, ...]


def _blueprint_key(
    config: ProjectConfig, folder: list[_TexFile], elsewhere: dict[Path, Contents]
) -> _Key:
    """The folder's TeX files and the files read from elsewhere, with their bytes: the
    bytes themselves, not a hash of them. `KnownFiles` hands back the same bytes object
    while a file is unchanged, and comparing an object with itself is free, where a hash
    read every byte of every file at each rebuild (PrimeNumberTheoremAnd's Lean files,
    which its LaTeX inputs: 9.7 MB, twice)."""

    def contents(found: Contents) -> object:
        return ("error", found.errno or 0) if isinstance(found, OSError) else found

    return (
        config.blueprint_dir,
        config.main_file,
        tuple((file.name, contents(file.contents)) for file in folder),
        tuple((path, contents(elsewhere[path])) for path in sorted(elsewhere)),
    )


@dataclass
class _Reads:
    """The reader's file reads in a watch rebuild: files already read are served from
    `ready`, the others read now; every file asked for is kept in `asked`, found or not."""

    load: Callable[[Path], Contents]
    ready: dict[Path, Contents]
    asked: dict[Path, Contents] = field(default_factory=dict)

    def read(self, path: Path) -> bytes:
        found = self.asked.get(path)
        if found is None:
            found = self.ready[path] if path in self.ready else self.load(path)
            self.asked[path] = found
        if isinstance(found, OSError):
            # a copy: the error kept would get the traceback of each raise, and with it
            # the reader's frames, the whole read (freed only by the cycle collector)
            raise copy.copy(found)
        return found
