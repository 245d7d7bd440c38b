"""The files behind a LeanArchitect blueprint read from the sources: the I/O edge.

`lean_inputs` makes what the LaTeX reader asks for `\\inputleannode`/`\\inputleanmodule`
(None for `format = "latex"`); `finish` completes the read blueprint, and says when
LeanArchitect's output, where it was read instead, is older than the sources.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint.config import BlueprintFormat, ProjectConfig
from blueprint.lean.loader import LeanLoader, LeanProjects
from blueprint.model import Blueprint, Diagnostic, Severity
from blueprint.readers.leanarchitect.inputs import (
    LeanArchitectInputs,
    LeanArchitectMemo,
    LeanBlueprint,
    from_output,
    in_output,
)

if TYPE_CHECKING:
    from blueprint.lean.project import LeanProject
    from blueprint.readers.leanarchitect.records import LeanArchitectFile

# The Lean scanner and the LeanArchitect reader are imported where they are used: a LaTeX
# blueprint, which never asks for them, does not pay for their import.



def lean_inputs(
    config: ProjectConfig,
    lean: LeanProjects | None = None,
    read_bytes: Callable[[Path], bytes] | None = None,
    memo: LeanArchitectMemo | None = None,
) -> LeanArchitectInputs | None:
    """The LaTeX reader's window on the LeanArchitect blueprint of the Lean sources, read
    on first use; None when the project's format is plain LaTeX."""
    if config.format is not BlueprintFormat.LEANARCHITECT and not (
        config.format is BlueprintFormat.LATEX and config.format_found
    ):
        return None  # LaTeX alone, by choice (or a Verso Blueprint)
    sources = lean if lean is not None else LeanLoader(config)
    climb = len(config.blueprint_dir.relative_to(config.root).parts)
    return LeanArchitectInputs(
        load=lambda inputs: read_sources(config, sources, read_bytes, memo, inputs.libraries),
        prefix="../" * climb,
        read_output=config.format_found,  # `auto`: the output where it is there
        memo=memo,
    )


def read_sources(
    config: ProjectConfig,
    lean: LeanProjects,
    read_bytes: Callable[[Path], bytes] | None = None,
    memo: LeanArchitectMemo | None = None,
    libraries: Iterable[str] = (),
) -> LeanBlueprint:
    """The LeanArchitect blueprint of every Lean file of the project (the files the scan
    of `lean` finds), read through `read_bytes` when given (a watch session's reads).
    The modules of `libraries` (those whose blueprint the document inputs) count as
    compiled, besides those a plain `lake build` compiles."""
    from blueprint.readers.leanarchitect.records import LeanArchitectFile
    from blueprint.readers.leanarchitect.source import read_lean_file

    project = lean.project(alongside=read_lean_file)  # read while the project is scanned
    files: list[LeanArchitectFile] = []
    texts: dict[str, str] = {}
    for module, scanned in project.files.items():
        rel = scanned.file
        made = project.read_alongside.get(rel)
        if memo is None and made is not None and isinstance(made[1], LeanArchitectFile) \
                and made[1].module == module:
            found: tuple[str, LeanArchitectFile] | None = (made[0], made[1])  # one-shot build
        else:
            found = _records(config.root, rel, module, read_bytes, memo)
        if found is None:
            continue  # the scan reported it
        text, records = found
        files.append(records)
        if records.contents:
            texts[rel] = text
    return lean_blueprint(files, texts, project, memo, built_modules(project, libraries))


def _records(
    root: Path,
    rel: str,
    module: str,
    read_bytes: Callable[[Path], bytes] | None,
    memo: LeanArchitectMemo | None,
) -> tuple[str, LeanArchitectFile] | None:
    """A Lean file's text and records, read from the disk (through `memo`: bytes handed
    back unchanged are not even decoded, a text unchanged not read again); None when it
    cannot be read."""
    from blueprint.lean.project import decode_source
    from blueprint.readers.leanarchitect.source import read_lean_file

    data = _bytes(root, rel, read_bytes)
    kept = memo.records.get(rel) if memo is not None else None
    if kept is not None and kept[0] is data and kept[2].module == module:
        return kept[1], kept[2]
    text = decode_source(data, rel)[0] if data is not None else None
    if text is None:
        return None
    if kept is not None and kept[1] == text and kept[2].module == module:
        records = kept[2]
    else:
        records = read_lean_file(text, module, rel)
    if memo is not None and data is not None:
        memo.records[rel] = (data, text, records)
    return text, records


def lean_blueprint(
    files: Iterable[LeanArchitectFile],
    texts: Mapping[str, str],
    project: LeanProject,
    memo: LeanArchitectMemo | None = None,
    compiled: Set[str] | None = None,
) -> LeanBlueprint:
    """The blueprint of `files` (one per module, read from `texts`) in the scanned
    `project`: anonymous instances named as the scanner names them, uses resolved with
    every declaration of the project, the facts of every node (those of `memo` while
    the project and every node's declarations are the same). `compiled`: the modules
    built, by default the project's. Pure."""
    from blueprint.readers.leanarchitect.facts import node_facts, place_declarations
    from blueprint.readers.leanarchitect.index import index_modules

    compiled = project.compiled if compiled is None else compiled
    placed, scanned = place_declarations(files, project)
    index = index_modules(placed, declared=project.index)
    shape = tuple(
        (label, tuple((d.file, d.line, d.name, d.has_proof) for d in node.declarations))
        for label, node in index.nodes.items()
    )
    if memo is not None and memo.facts is not None:
        known, known_shape, facts = memo.facts
        if known is project and known_shape == (shape, compiled):
            return LeanBlueprint(index, facts, texts)
    facts = node_facts(index, project, scanned, compiled)
    if memo is not None:
        memo.facts = (project, (shape, compiled), facts)
    return LeanBlueprint(index, facts, texts)


def built_modules(project: LeanProject, libraries: Iterable[str]) -> Set[str]:
    """The modules a plain `lake build` compiles, and those of the lakefile's `libraries`
    (as `lake build Name:blueprint` compiles them)."""
    from blueprint.lean.project import library_roots, reachable

    named = [lib for lib in project.config.libs if lib.name in set(libraries)]
    if not named:
        return project.compiled
    imports = {module: f.imports for module, f in project.files.items()}
    return project.compiled | reachable(library_roots(named, project.files), imports)


def _bytes(root: Path, rel: str, read_bytes: Callable[[Path], bytes] | None) -> bytes | None:
    """A Lean file's bytes, None when it cannot be read (the scan says why)."""
    from blueprint.files import MAX_LEAN_BYTES, read_regular

    try:
        if read_bytes is None:
            return read_regular(root / rel, MAX_LEAN_BYTES)
        return read_bytes(Path(os.path.realpath(root / rel)))
    except (OSError, ValueError):
        return None


def finish(
    inputs: LeanArchitectInputs | None, config: ProjectConfig, blueprint: Blueprint
) -> Blueprint:
    """The blueprint the LaTeX reader read (with `inputs`, when the Lean sources may stand
    for LeanArchitect's output), completed (see `LeanArchitectInputs.finish`). Where it
    read LeanArchitect's output instead, its nodes are marked as Lean's, and a warning says
    when the output is older than the Lean sources."""
    if inputs is not None:
        blueprint = inputs.finish(blueprint, config.format is BlueprintFormat.LEANARCHITECT)
    output = [f for f in blueprint.files if in_output(f)]
    if not output:
        return blueprint
    nodes = [from_output(node) for node in blueprint.nodes]
    stale = _stale_output(config, output)
    diagnostics = [*blueprint.diagnostics, *([stale] if stale else [])]
    return replace(blueprint, nodes=nodes, diagnostics=diagnostics)


def _stale_output(config: ProjectConfig, output: list[str]) -> Diagnostic | None:
    """A warning at the first file of LeanArchitect's output read, when a Lean source
    changed after the oldest of them was written."""
    folder = config.blueprint_dir
    try:
        written = min(os.stat(folder / path).st_mtime for path in output)
    except OSError:
        return None
    from blueprint.lean.project import find_lean_files, project_libs, read_lake_config, source_dirs

    cfg = read_lake_config(config.root)
    libs = project_libs(cfg, config.lean_roots or None)
    newest: tuple[float, str] | None = None
    for rel in find_lean_files(config.root, source_dirs(cfg, libs, config.lean_dirs or None)):
        try:
            changed = os.stat(config.root / rel).st_mtime
        except OSError:
            continue
        if newest is None or changed > newest[0]:
            newest = (changed, rel)
    if newest is None or newest[0] <= written:
        return None
    return Diagnostic(
        output[0],
        1,
        Severity.WARNING,
        f"LeanArchitect's output is older than the Lean sources ({newest[1]} changed since"
        " `lake build :blueprint` wrote it): run it again, or read the sources themselves"
        ' with [blueprint] format = "leanarchitect"',
    )
