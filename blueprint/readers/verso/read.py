"""Reading a project's Verso Blueprint whole, through the readers' window on its files.

`read_verso` asks for files by path relative to the project, only those it needs: the
lakefiles, `.gitmodules`, the documents the main one includes and imports, and the Lean
files of the packages it requires (for Verso's own `@[blueprint]` attribute and the
`tex_prelude`). Each file is read once, and parsed once per text
(`project.parse_verso_file`: a watch rebuild parses again only the files that changed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

from blueprint.model import Blueprint, Diagnostic, LeanSources, Options, Severity
from blueprint.readers.verso.model import to_blueprint
from blueprint.readers.verso.project import (
    VersoProject,
    find_verso_project,
    read_verso_project,
)

#: a Verso document in a `.lean` file: the file is text, not Lean code to scan
_DOC_RE = re.compile(r"^#docs?[ \t]*\(", re.M)


def read_verso(lakefile: str, load: Callable[[str], str], paths: Sequence[str]) -> Blueprint:
    """The Verso Blueprint whose Lake package's lakefile is `lakefile`; `load(path)` gives a
    file's text, `paths` lists the project's files (relative POSIX paths). Never raises on
    bad input: problems are the blueprint's diagnostics."""
    texts = LazyTexts(paths, load)
    project = find_verso_project(texts, paths, lakefile)
    if project is None:
        message = "this lakefile does not require VersoBlueprint: no Verso Blueprint to read"
        return Blueprint([], Options(), diagnostics=[
            Diagnostic(lakefile, 1, Severity.ERROR, message), *texts.problems
        ])
    read = read_verso_project(project, texts)
    package = {p: texts.get(p) or "" for p in _package_files(project, paths)}
    where = lean_sources(project)
    # the package's files are no Lean code of the blueprint's: all of them when the Lean
    # code is another package's (FLT's `..`), else its documents
    documents = frozenset(p for p, text in package.items()
                          if where.folder != project.folder or _is_document(text))
    where = replace(where, documents=documents)
    blueprint = to_blueprint(read, texts, where, package.values())
    if texts.problems:
        blueprint.diagnostics = [*texts.problems, *blueprint.diagnostics]
    if lakefile not in blueprint.files:
        blueprint.files = [lakefile, *blueprint.files]
        blueprint.sources = {lakefile: texts.get(lakefile) or "", **blueprint.sources}
    return blueprint


def _is_document(text: str) -> bool:
    # `in` first: the regular expression, tried at every line start, takes 0.1 ms a file
    return "#doc" in text and _DOC_RE.search(text) is not None


def lean_sources(project: VersoProject) -> LeanSources:
    """Where the Lean code is: the first package required by path that is present (FLT's
    `..`), else the Verso package itself; missing when every one required is absent."""
    required = project.lean_sources[1:]
    present = [s for s in required if s.present]
    if present:
        return LeanSources(present[0].folder)
    if required:
        first = required[0]
        what = "a git submodule that is not checked out" if first.submodule else "missing"
        return LeanSources(first.folder, f"the Lean sources of {first.package} "
                                         f"({first.folder}/) are {what}")
    return LeanSources(project.folder)


def _package_files(project: VersoProject, paths: Sequence[str]) -> list[str]:
    """The `.lean` files of the Verso package, outside the packages it requires."""
    inside = project.folder + "/" if project.folder else ""
    others = [s.folder + "/" for s in project.lean_sources[1:] if s.folder]
    return [
        p for p in paths
        if p.endswith(".lean") and p.startswith(inside) and ".lake/" not in p
        and not any(p.startswith(o) for o in others)
    ]


class LazyTexts(Mapping[str, str]):
    """The project's files by path, each read when first asked for; a file that cannot be
    read is absent (and said, once)."""

    def __init__(self, paths: Sequence[str], load: Callable[[str], str]) -> None:
        self._paths = paths
        self._listed = set(paths)
        self._load = load
        self._texts: dict[str, str | None] = {}
        self.problems: list[Diagnostic] = []

    def __getitem__(self, path: str) -> str:
        if path not in self._texts:
            self._texts[path] = self._read(path) if path in self._listed else None
        text = self._texts[path]
        if text is None:
            raise KeyError(path)
        return text

    def _read(self, path: str) -> str | None:
        try:
            return self._load(path)
        except UnicodeDecodeError:
            self.problems.append(Diagnostic(path, 1, Severity.WARNING,
                                            "not UTF-8 text: not read"))
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.problems.append(Diagnostic(path, 1, Severity.WARNING,
                                            f"cannot read: {reason}"))
        return None

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str) or path not in self._listed:
            return False
        try:
            self[path]
        except KeyError:
            return False
        return True
