"""Readers: one per blueprint format, each turning a project's files into a `Blueprint`.

`read` is the entry point: it reads the project's blueprint with the reader of its format
(LaTeX, `readers.latex`) and gives every path relative to the project.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from blueprint.config import ProjectConfig
from blueprint.model import Blueprint, DocumentItem, Part
from blueprint.readers.files import file_loader
from blueprint.readers.latex import read_blueprint


def read(config: ProjectConfig, read_bytes: Callable[[Path], bytes] | None = None) -> Blueprint:
    """The project's blueprint; `read_bytes` gives the bytes of a file by its real path (by
    default it is read from the disk, safely: see `files.file_loader`)."""
    folder = config.blueprint_dir.relative_to(config.root)
    load = file_loader(config.blueprint_dir, config.root, read_bytes)
    blueprint = read_blueprint(config.main_file, load, climb=len(folder.parts))
    return relocate(blueprint, folder.as_posix())


def relocate(blueprint: Blueprint, folder: str) -> Blueprint:
    """Make the reader's paths (relative to the blueprint folder) relative to the project."""
    if folder in ("", "."):
        return blueprint

    def moved(path: str) -> str:
        return posixpath.normpath(f"{folder}/{path}")

    def part(p: Part) -> Part:
        return replace(p, file=moved(p.file))

    nodes = [
        replace(n, statement=part(n.statement), proof=part(n.proof) if n.proof else None)
        for n in blueprint.nodes
    ]
    document: list[DocumentItem] = [replace(i, file=moved(i.file)) for i in blueprint.document]
    diagnostics = [replace(d, file=moved(d.file)) for d in blueprint.diagnostics]
    return replace(
        blueprint,
        nodes=nodes,
        document=document,
        diagnostics=diagnostics,
        files=[moved(f) for f in blueprint.files],
        sources=MappingProxyType({moved(f): text for f, text in blueprint.sources.items()}),
    )
