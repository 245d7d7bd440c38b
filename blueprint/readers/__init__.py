"""Readers: one per blueprint format, each turning a project's files into a `Blueprint`.

`read` is the entry point: it reads the project's blueprint with the reader of its format
(`config.format`: LaTeX, `readers.latex`, with LeanArchitect's nodes from the Lean sources,
`readers.leanarchitect`; Verso Blueprint, `readers.verso`) and gives every path relative to
the project.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar, cast

from blueprint.config import BlueprintFormat, ProjectConfig
from blueprint.model import Blueprint, Diagnostic, DocumentItem, Node, Part
from blueprint.readers.files import file_loader, project_files
from blueprint.readers.latex import read_blueprint

if TYPE_CHECKING:
    from blueprint.lean.loader import LeanProjects
    from blueprint.readers.leanarchitect.inputs import LeanArchitectMemo


def read(
    config: ProjectConfig,
    read_bytes: Callable[[Path], bytes] | None = None,
    lean: LeanProjects | None = None,
    memo: LeanArchitectMemo | None = None,
    paths: Sequence[str] | None = None,
) -> Blueprint:
    """The project's blueprint, in whatever format it is; `read_bytes` gives the bytes of a
    file by its real path (by default it is read from the disk, safely: see
    `files.file_loader`), `paths` lists the project's files (`files.project_files`, by
    default from the disk): a build reads the disk, the history a commit's objects. A
    LeanArchitect blueprint's nodes are read from `lean`, the project's Lean sources
    (`memo`: what is kept between reads, by a watch session or a walk of the history)."""
    if config.format is BlueprintFormat.VERSO:
        from blueprint.readers.verso.read import read_verso

        lakefile = (config.blueprint_dir / config.main_file).relative_to(config.root)
        load = file_loader(config.root, config.root, read_bytes)
        listed = project_files(config.root) if paths is None else paths
        return read_verso(lakefile.as_posix(), load, listed)
    from blueprint.readers.leanarchitect.project import finish, lean_inputs

    folder = config.blueprint_dir.relative_to(config.root)
    load = file_loader(config.blueprint_dir, config.root, read_bytes)
    inputs = lean_inputs(config, lean, read_bytes, memo)
    if inputs is not None and memo is not None:  # after an edit, only what it changed
        from blueprint.readers.latex.again import read_again

        blueprint, memo.latex, inputs = read_again(
            config.main_file, load, len(folder.parts), inputs, memo.latex
        )
    else:
        blueprint = read_blueprint(config.main_file, load, len(folder.parts), inputs)
    kept = memo.relocated if memo is not None else None
    return relocate(finish(inputs, config, blueprint), folder.as_posix(), kept)


def relocate(
    blueprint: Blueprint,
    folder: str,
    kept: dict[tuple[str, int], tuple[object, object]] | None = None,
) -> Blueprint:
    """Make the reader's paths (relative to the blueprint folder) relative to the project.
    `kept` (a watch session's) holds what the last call made of each node and document
    item, by the folder and the identity of the one it was made of: a rebuild hands back
    the nodes and items an edit did not change (it is left holding this call's)."""
    if folder in ("", "."):
        return blueprint
    paths: dict[str, str] = {}
    made: dict[tuple[str, int], tuple[object, object]] = {}

    def moved(path: str) -> str:
        found = paths.get(path)
        if found is None:
            found = paths[path] = posixpath.normpath(f"{folder}/{path}")
        return found

    def part(p: Part) -> Part:
        return _with_file(p, moved(p.file))

    def node(n: Node) -> Node:
        return replace(n, statement=part(n.statement), proof=part(n.proof) if n.proof else None)

    def item(i: DocumentItem) -> DocumentItem:
        return _with_file(i, moved(i.file))

    def once(make: Callable[[_Made], _Made], of: _Made) -> _Made:
        key = (folder, id(of))
        found = kept.get(key) if kept is not None else None
        if found is None or found[0] is not of:
            found = (of, make(of))
        made[key] = found
        return cast(_Made, found[1])

    nodes = [once(node, n) for n in blueprint.nodes]
    document = [once(item, i) for i in blueprint.document]
    if kept is not None:
        kept.clear()
        kept.update(made)
    diagnostics = [_with_file(d, moved(d.file)) for d in blueprint.diagnostics]
    return replace(
        blueprint,
        nodes=nodes,
        document=document,
        diagnostics=diagnostics,
        files=[moved(f) for f in blueprint.files],
        sources=MappingProxyType({moved(f): text for f, text in blueprint.sources.items()}),
    )


_Placed = TypeVar("_Placed", bound="Part | Diagnostic | DocumentItem")
_Made = TypeVar("_Made", Node, DocumentItem)


def _with_file(item: _Placed, file: str) -> _Placed:
    """A copy of `item` at `file`: `dataclasses.replace`, faster (it is called for every part,
    item and diagnostic; none of these classes has a field outside `__init__`)."""
    return type(item)(**{**vars(item), "file": file})
