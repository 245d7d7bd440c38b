"""The status counts at one commit, from the commit's files as git stores them.

`Snapshotter.snapshot(files, read)` takes a commit's files (path -> blob id, relative to the
project folder) and a function reading a blob. It finds the blueprint and the Lean sources
the way `blueprint build` does (`config_from_settings`, the lakefile, the same LaTeX reader,
Lean scanner and status rules) and returns the counts. Nothing is computed twice: Lean scans
are kept per blob, and the blueprint, the Lean project and the result per set of blobs, so a
commit that changes one file costs one file's work.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from blueprint.analysis.graph import DependencyGraph, build_graph
from blueprint.analysis.lean_status import formalization_of, lean_declarations
from blueprint.analysis.status import NodeStatus, compute_statuses, formalization_from_annotations
from blueprint.analysis.tasks import Progress, progress
from blueprint.config import CONFIG_NAME, ProjectConfig, config_from_settings, parse_settings
from blueprint.history.recent import Recent
from blueprint.history.state import ProjectState, State, project_state
from blueprint.lean.lakefile import LakeConfig, LeanLib
from blueprint.lean.model import LeanFile
from blueprint.lean.project import (
    LeanProject,
    assemble_project,
    decode_source,
    lake_config,
    lean_at_least,
    module_paths,
    project_libs,
    select_lean_files,
    source_dirs,
)
from blueprint.lean.scanner import scan_lean
from blueprint.model import (
    Blueprint,
    BlueprintError,
    Diagnostic,
    Node,
    Severity,
    StatusSource,
)
from blueprint.readers.latex import read_blueprint

#: the project folder, for path arithmetic only: nothing is read from the disk
ROOT = Path("/commit")
LAKEFILES = ("lakefile.toml", "lakefile.lean")
TEX_SUFFIXES = (".tex", ".sty", ".cls", ".cfg", ".bib")

TEXT_MEMO = 64_000_000  # characters of TeX and config files kept
Read = Callable[[str], bytes]  # blob id -> content


@dataclass(frozen=True)
class Snapshot:
    """What one commit says of the project's progress."""

    state: State
    message: str = ""  # why absent or broken
    source: str = ""  # where the status came from: "lean" or "annotations"
    rows: tuple[Progress, ...] = ()  # "All", then one per chapter (`tasks.progress`)
    finished: frozenset[str] = frozenset()  # proof formalized (a definition: stated)
    stated: frozenset[str] = frozenset()

    def row(self, label: str = "All") -> Progress | None:
        return next((r for r in self.rows if r.label == label), None)


@dataclass(frozen=True)
class _Read:
    """A blueprint read at some commit: its nodes and graph, or why it is a gap."""

    blueprint: Blueprint | None
    graph: DependencyGraph | None
    error: str = ""


@dataclass(frozen=True)
class _LeanPlan:
    """The Lean side of a commit before any Lean file is read."""

    cfg: LakeConfig
    libs: tuple[LeanLib, ...]
    sources: tuple[tuple[str, str, str], ...]  # (path, module, blob id)
    toolchain: str | None  # blob id of lean-toolchain
    key: Hashable


class Snapshotter:
    """Snapshots of successive commits, sharing the work between them."""

    def __init__(self, status_source: StatusSource = StatusSource.AUTO) -> None:
        self.status_source = status_source
        # per blob: every blob of the commit at hand is used, so they stay while older go
        self.scans: Recent[Hashable, tuple[LeanFile, list[Diagnostic]]] = Recent(8192)
        self.scanned = 0  # Lean files scanned
        self.blueprints_read = 0
        self._texts: Recent[str, str] = Recent(TEXT_MEMO, len)
        self._blueprints: Recent[Hashable, _Read] = Recent(8)
        self._lake: Recent[Hashable, LakeConfig] = Recent(8)
        self._projects: Recent[Hashable, LeanProject] = Recent(4)
        self._results: Recent[Hashable, ProjectState] = Recent(8)

    def snapshot(self, files: Mapping[str, str], read: Read) -> Snapshot:
        """The counts at a commit; never raises: a commit we cannot read is a gap."""
        return counts_of(self.state(files, read))

    def state(self, files: Mapping[str, str], read: Read) -> ProjectState:
        """Every node's status at a commit; never raises: a commit we cannot read is a gap."""
        try:
            return self._state(files, read)
        except BlueprintError as error:
            return ProjectState(State.BROKEN, str(error))
        except Exception as error:  # odd input that trips a bug of ours: a gap, said as such
            return ProjectState(State.BROKEN,
                                f"internal error: {type(error).__name__}: {error}")

    def _state(self, files: Mapping[str, str], read: Read) -> ProjectState:
        settings = {}
        if CONFIG_NAME in files:
            settings = parse_settings(self._text(files[CONFIG_NAME], read), CONFIG_NAME)
        try:
            config = config_from_settings(ROOT, settings, lambda rel: _normal(rel) in files)
            folder = config.blueprint_dir.relative_to(ROOT).as_posix()
        except (BlueprintError, ValueError) as error:
            message = str(error).replace(f"{ROOT}/", "").replace(str(ROOT), "the commit")
            return ProjectState(State.ABSENT, message)
        blueprint_key = (folder, config.main_file, _below(files, folder))
        done = self._blueprints.get(blueprint_key)
        if done is None:
            done = self._blueprints.put(blueprint_key, self._read(config, folder, files, read))
        if done.blueprint is None or done.graph is None:
            return ProjectState(State.BROKEN, done.error)
        use_lean = self.status_source is not StatusSource.ANNOTATIONS and (
            bool(config.lean_roots) or any(name in files for name in LAKEFILES)
        )
        plan = self._lean_plan(config, files, read) if use_lean else None
        result_key = (blueprint_key, plan.key if plan else None)
        result = self._results.get(result_key)
        if result is None:
            result = self._results.put(
                result_key, self._project_state(done.blueprint, done.graph, config, read, plan)
            )
        return result

    def _read(self, config: ProjectConfig, folder: str, files: Mapping[str, str],
              read: Read) -> _Read:
        self.blueprints_read += 1
        climb = 0 if folder == "." else folder.count("/") + 1  # up to the project's root
        blueprint = read_blueprint(config.main_file, self._loader(files, read, folder), climb)
        errors = [d for d in blueprint.diagnostics if d.severity is Severity.ERROR]
        if errors:
            first = errors[0]
            where = first.file if folder == "." else f"{folder}/{first.file}"
            more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
            return _Read(None, None, f"{where}:{first.line}: {first.message}{more}")
        return _Read(blueprint, build_graph(blueprint.nodes))

    def _loader(self, files: Mapping[str, str], read: Read, folder: str) -> Callable[[str], str]:
        """The reader's window on the commit: paths relative to the blueprint folder."""

        def load(relative: str) -> str:
            path = _normal(posixpath.join(folder, relative))
            if path == ".." or path.startswith(("../", "/")):
                raise ValueError(f"{relative} is outside the project")
            oid = files.get(path)
            if oid is None:
                raise FileNotFoundError(relative)
            return self._text(oid, read, strict=True)

        return load

    def _text(self, oid: str, read: Read, strict: bool = False) -> str:
        text = self._texts.get(oid)
        if text is None:
            data = read(oid)
            text = self._texts.put(oid, data.decode("utf-8", errors="strict" if strict
                                                     else "replace"))
        return text

    def _lean_plan(self, config: ProjectConfig, files: Mapping[str, str],
                   read: Read) -> _LeanPlan:
        """Which Lean files count, and a key of everything the Lean status depends on (by
        blob id: only the lakefile is read)."""
        lake_oids = tuple(files.get(name) for name in LAKEFILES)
        cfg = self._lake.get(lake_oids)
        if cfg is None:
            cfg = self._lake.put(
                lake_oids, lake_config(*(self._text(o, read) if o else None for o in lake_oids))
            )
        errors = [d for d in cfg.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise BlueprintError(errors[0].message, errors[0].file, errors[0].line)
        libs = tuple(project_libs(cfg, config.lean_roots or None))
        rels = select_lean_files(files, source_dirs(cfg, libs, config.lean_dirs or None))
        sources = tuple((rel, module, files[rel]) for rel, module in module_paths(rels, cfg, libs))
        toolchain = files.get("lean-toolchain")
        key = (lake_oids, toolchain, config.lean_roots, config.lean_dirs,
               config.lean_name_patterns, config.lean_keywords, sources)
        return _LeanPlan(cfg, libs, sources, toolchain, key)

    def _project(self, plan: _LeanPlan, config: ProjectConfig, read: Read) -> LeanProject:
        project = self._projects.get(plan.key)
        if project is not None:
            return project
        keywords = config.lean_keywords
        self.scans.limit = max(self.scans.limit, 2 * len(plan.sources))
        scanned = [self._scan(oid, rel, module, keywords, read)
                   for rel, module, oid in plan.sources]
        toolchain = self._text(plan.toolchain, read) if plan.toolchain else None
        project = assemble_project(
            ROOT,
            plan.cfg,
            plan.libs,
            scanned,
            extra_names=config.lean_name_patterns,
            new_instance_names=lean_at_least(toolchain, (4, 8)),
        )
        return self._projects.put(plan.key, project)

    def _scan(self, oid: str, rel: str, module: str, keywords: tuple[str, ...],
              read: Read) -> tuple[LeanFile, list[Diagnostic]]:
        key = (oid, rel, module, keywords)
        found = self.scans.get(key)
        if found is None:
            self.scanned += 1
            text, diagnostics = decode_source(read(oid), rel)
            scanned = (LeanFile(module, rel) if text is None
                       else scan_lean(text, module, rel, extra_keywords=keywords))
            found = self.scans.put(key, (scanned, diagnostics))
        return found

    def _project_state(self, blueprint: Blueprint, graph: DependencyGraph,
                       config: ProjectConfig, read: Read, plan: _LeanPlan | None
                       ) -> ProjectState:
        nodes = blueprint.nodes
        declarations = None
        if plan is not None:
            declarations = lean_declarations(nodes, self._project(plan, config, read))
            formal = {node.id: formalization_of(node, declarations[node.id]) for node in nodes}
            source = StatusSource.LEAN
        else:
            formal = {node.id: formalization_from_annotations(node) for node in nodes}
            source = StatusSource.ANNOTATIONS
        statuses = compute_statuses(nodes, graph, formal)
        return project_state(nodes, graph, statuses, source, declarations, config.main_results)


def counts_of(state: ProjectState) -> Snapshot:
    """The counts of the progress chart, from a commit's record."""
    return Snapshot(
        state.state,
        state.message,
        state.source,
        state.rows,
        frozenset(n.id for n in state.nodes if n.finished),
        frozenset(n.id for n in state.nodes if n.stated),
    )


def counts_snapshot(nodes: Sequence[Node], statuses: Mapping[str, NodeStatus],
                    source: StatusSource) -> Snapshot:
    """The snapshot of nodes whose statuses are known (a commit's, or the working tree's)."""
    # the same rule as `tasks.progress`: a definition is finished once stated
    finished = frozenset(
        n.id for n in nodes
        if (statuses[n.id].stated if n.is_definition else statuses[n.id].proved)
    )
    return Snapshot(
        State.OK,
        source=source.value,
        rows=tuple(progress(nodes, statuses)),
        finished=finished,
        stated=frozenset(n.id for n in nodes if statuses[n.id].stated),
    )


def _normal(path: str) -> str:
    return posixpath.normpath(path).removeprefix("./")


def _below(files: Mapping[str, str], folder: str) -> tuple[tuple[str, str], ...]:
    """The blueprint's fingerprint: the files of its folder, and the TeX files elsewhere in
    the project (the reader may climb to the root), with their blob ids."""
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    return tuple(sorted((p, o) for p, o in files.items()
                        if p.startswith(prefix) or p.endswith(TEX_SUFFIXES)))
