"""The status counts at one commit, from the commit's files as git stores them.

`Snapshotter.snapshot(files, read)` takes a commit's files (path -> blob id, relative to the
project folder) and a function reading a blob. It finds the blueprint and the Lean sources
the way `blueprint build` does (`config_from_settings`, the lakefile, the same format
dispatch of `readers.read`: LaTeX, LeanArchitect's `@[blueprint]`, Verso Blueprint; the
same Lean scanner and status rules) and returns the counts. Nothing is computed twice: Lean
scans are kept per blob, and the blueprint, the Lean project and the result per set of
blobs, so a commit that changes one file costs one file's work.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from blueprint.analysis.graph import DependencyGraph, build_graph
from blueprint.analysis.lean_status import formalization_of, lean_declarations
from blueprint.analysis.status import (
    NodeStatus,
    compute_statuses,
    formalization_from_annotations,
    not_checked,
)
from blueprint.analysis.tasks import Progress, progress
from blueprint.config import (
    CONFIG_NAME,
    BlueprintFormat,
    ProjectConfig,
    config_from_settings,
    parse_settings,
    requires_leanarchitect,
    verso_lakefile,
)
from blueprint.history.recent import Recent
from blueprint.history.state import ProjectState, State, project_state
from blueprint.lean.lakefile import LakeConfig, LeanLib
from blueprint.lean.model import LeanFile
from blueprint.lean.project import (
    Alongside,
    LeanProject,
    assemble_project,
    decode_source,
    in_folder,
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
from blueprint.readers import read as read_blueprint
from blueprint.readers.files import listed_files
from blueprint.readers.leanarchitect.inputs import LeanArchitectMemo
from blueprint.vocabulary import blueprint_format

#: the project folder, for path arithmetic only: nothing is read from the disk
ROOT = Path("/commit")
LAKEFILES = ("lakefile.toml", "lakefile.lean")
TEX_SUFFIXES = (".tex", ".sty", ".cls", ".cfg", ".bib")
#: the files a Verso Blueprint is read from: its documents and Lean files, the lakefiles
#: (`.toml`), the submodules (`.gitmodules`)
VERSO_SUFFIXES = (".lean", ".toml", ".gitmodules")

TEXT_MEMO = 64_000_000  # bytes of TeX, config and document files kept
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
    """A blueprint read at some commit: its nodes and graph, or why it is a gap; `lean`,
    the key of the Lean sources the reader read (a LeanArchitect blueprint's), else None."""

    blueprint: Blueprint | None
    graph: DependencyGraph | None
    error: str = ""
    lean: Hashable | None = None


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
        self._bytes: Recent[str, bytes] = Recent(TEXT_MEMO, len)
        self._blueprints: Recent[Hashable, _Read] = Recent(8)
        self._lake: Recent[Hashable, LakeConfig] = Recent(8)
        self._projects: Recent[Hashable, LeanProject] = Recent(4)
        self._results: Recent[Hashable, ProjectState] = Recent(8)
        # what LeanArchitect's reader keeps between commits: each Lean file's records
        self._memo = LeanArchitectMemo()

    def snapshot(self, files: Mapping[str, str], read: Read) -> Snapshot:
        """The counts at a commit; never raises: a commit we cannot read is a gap."""
        return counts_of(self.state(files, read))

    def state(self, files: Mapping[str, str], read: Read) -> ProjectState:
        """Every node's status at a commit; never raises: a commit we cannot read is a gap."""
        try:
            return self._state(_Commit(self, files, read))
        except BlueprintError as error:
            return ProjectState(State.BROKEN, str(error))
        except Exception as error:  # odd input that trips a bug of ours: a gap, said as such
            return ProjectState(State.BROKEN,
                                f"internal error: {type(error).__name__}: {error}")

    def _state(self, commit: _Commit) -> ProjectState:
        files = commit.files
        settings = {}
        if CONFIG_NAME in files:
            settings = parse_settings(commit.text(files[CONFIG_NAME]), CONFIG_NAME)
        try:
            config = config_from_settings(
                ROOT, settings, commit.is_file, verso=commit.verso_lakefile,
                leanarchitect=commit.requires_leanarchitect,
            )
        except (BlueprintError, ValueError) as error:
            message = str(error).replace(f"{ROOT}/", "").replace(str(ROOT), "the commit")
            return ProjectState(State.ABSENT, message)
        commit.config = config
        blueprint_key = _blueprint_key(config, files)
        done = self._blueprints.get(blueprint_key)
        if done is not None and done.lean is not None and done.lean != commit.plan().key:
            done = None  # read with other Lean sources (a LeanArchitect blueprint's)
        if done is None:
            done = self._blueprints.put(blueprint_key, self._read(commit))
        if done.blueprint is None or done.graph is None:
            return ProjectState(State.BROKEN, done.error)
        use_lean = self.status_source is not StatusSource.ANNOTATIONS and (
            bool(config.lean_roots) or any(name in files for name in LAKEFILES)
        )
        where = done.blueprint.lean_sources
        plan = None
        if use_lean and not (where is not None and where.missing is not None):
            plan = commit.plan(where.folder, where.documents) if where else commit.plan()
        result_key = (blueprint_key, done.lean, use_lean, plan.key if plan else None)
        result = self._results.get(result_key)
        if result is None:
            result = self._results.put(
                result_key,
                self._project_state(done.blueprint, done.graph, config, commit, plan, use_lean),
            )
        return result

    def _read(self, commit: _Commit) -> _Read:
        self.blueprints_read += 1
        config = commit.config
        assert config is not None
        listed = listed_files(commit.files) if config.format is BlueprintFormat.VERSO else ()
        blueprint = read_blueprint(config, commit.read_bytes, commit, self._memo, listed)
        self._memo.forget_unused()
        errors = [d for d in blueprint.diagnostics if d.severity is Severity.ERROR]
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
            return _Read(None, None, f"{first.file}:{first.line}: {first.message}{more}",
                         commit.lean_read)
        return _Read(blueprint, build_graph(blueprint.nodes), lean=commit.lean_read)

    def _blob(self, oid: str, read: Read) -> bytes:
        data = self._bytes.get(oid)
        if data is None:
            data = self._bytes.put(oid, read(oid))
        return data

    def _lean_plan(self, config: ProjectConfig, files: Mapping[str, str], read: Read,
                   package: str = "", skip: Collection[str] = frozenset()) -> _LeanPlan:
        """Which Lean files count, and a key of everything the Lean status depends on (by
        blob id: only the lakefile is read). `package`: the folder of the Lake package whose
        lakefile says where the code is (a Verso Blueprint's), the files of `skip` no Lean
        code (its documents)."""
        lake_oids = tuple(files.get(posixpath.join(package, name)) for name in LAKEFILES)
        cfg = self._lake.get((package, lake_oids))
        if cfg is None:
            texts = (self._blob(o, read).decode("utf-8", errors="replace") if o else None
                     for o in lake_oids)
            cfg = lake_config(*texts)
            cfg = self._lake.put((package, lake_oids), in_folder(cfg, package) if package
                                 else cfg)
        errors = [d for d in cfg.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise BlueprintError(errors[0].message, errors[0].file, errors[0].line)
        libs = tuple(project_libs(cfg, config.lean_roots or None))
        rels = select_lean_files(files, source_dirs(cfg, libs, config.lean_dirs or None))
        if skip:
            rels = [rel for rel in rels if rel not in skip]
        sources = tuple((rel, module, files[rel]) for rel, module in module_paths(rels, cfg, libs))
        toolchain = files.get(posixpath.join(package, "lean-toolchain"))
        key = (package, lake_oids, toolchain, config.lean_roots, config.lean_dirs,
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
        toolchain = (self._blob(plan.toolchain, read).decode("utf-8", errors="replace")
                     if plan.toolchain else None)
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
                       config: ProjectConfig, commit: _Commit, plan: _LeanPlan | None,
                       use_lean: bool) -> ProjectState:
        """As `analysis.analyse` decides: from the Lean sources (where they are not in the
        commit, the nodes that name Lean code are not checked), else the annotations."""
        nodes = blueprint.nodes
        declarations = None
        unchecked = ""
        if plan is not None:
            declarations = lean_declarations(nodes, self._project(plan, config, commit.read))
            formal = {node.id: formalization_of(node, declarations[node.id]) for node in nodes}
            source = StatusSource.LEAN
        elif use_lean:
            formal, source = not_checked(nodes), StatusSource.LEAN
            where = blueprint.lean_sources
            if where is not None and where.missing and any(node.lean for node in nodes):
                unchecked = f"not checked: {where.missing}"
        else:
            formal = {node.id: formalization_from_annotations(node) for node in nodes}
            source = StatusSource.ANNOTATIONS
        statuses = compute_statuses(nodes, graph, formal)
        return project_state(nodes, graph, statuses, source, declarations, config.main_results,
                             blueprint_format(blueprint), unchecked)


class _Commit:
    """One commit as the configuration and the readers see a project: its files (by path,
    each a blob id), read through the snapshotter's memo, and its Lean sources (a
    `LeanProjects`: LeanArchitect's reader asks for them)."""

    def __init__(self, snapshotter: Snapshotter, files: Mapping[str, str], read: Read) -> None:
        self.snapshotter = snapshotter
        self.files = files
        self.read = read
        self.config: ProjectConfig | None = None  # once found
        self.lean_read: Hashable | None = None  # the key of the Lean sources the reader read
        self._plans: dict[Hashable, _LeanPlan] = {}

    def text(self, oid: str) -> str:
        return self.snapshotter._blob(oid, self.read).decode("utf-8", errors="replace")

    def is_file(self, rel: str) -> bool:
        return _normal(rel) in self.files

    def read_bytes(self, path: Path) -> bytes:
        """A file by its path under ROOT (the readers' `read_bytes`)."""
        oid = self.files.get(path.relative_to(ROOT).as_posix())
        if oid is None:
            raise FileNotFoundError(str(path))
        return self.snapshotter._blob(oid, self.read)

    def _text_at(self, rel: str) -> str | None:
        oid = self.files.get(rel)
        return None if oid is None else self.text(oid)

    def verso_lakefile(self) -> str | None:
        folders = {path.partition("/")[0] for path in self.files if "/" in path}
        return verso_lakefile(folders, self._text_at)

    def requires_leanarchitect(self) -> bool:
        return requires_leanarchitect(self._text_at)

    def plan(self, package: str = "", skip: Collection[str] = frozenset()) -> _LeanPlan:
        key = (package, frozenset(skip))
        found = self._plans.get(key)
        if found is None:
            assert self.config is not None
            found = self._plans[key] = self.snapshotter._lean_plan(
                self.config, self.files, self.read, package, skip)
        return found

    def project(self, package: str = "", skip: Collection[str] = frozenset(),
                alongside: Alongside | None = None) -> LeanProject:
        """The Lean project the reader asks for (`LeanProjects`), noted as read (a commit's
        projects are cached: nothing is read alongside them)."""
        plan = self.plan(package, skip)
        self.lean_read = plan.key
        assert self.config is not None
        return self.snapshotter._project(plan, self.config, self.read)


def _blueprint_key(config: ProjectConfig, files: Mapping[str, str]) -> Hashable:
    """What reading the blueprint depends on, by blob id (the Lean sources a LeanArchitect
    blueprint reads aside: `_Read.lean`)."""
    folder = config.blueprint_dir.relative_to(ROOT).as_posix()
    if config.format is BlueprintFormat.VERSO:
        return (config.format, folder, config.main_file, tuple(sorted(
            (p, o) for p, o in files.items() if p.endswith(VERSO_SUFFIXES))))
    return (config.format, config.format_found, folder, config.main_file, _below(files, folder))


def counts_of(state: ProjectState) -> Snapshot:
    """The counts of the progress chart, from a commit's record: none where the statuses
    could not be checked (a gap, not a fall to nothing)."""
    if state.unchecked:
        return Snapshot(State.UNCHECKED, state.unchecked, state.source)
    return Snapshot(
        state.state,
        state.message,
        state.source,
        state.rows,
        frozenset(n.id for n in state.nodes if n.finished),
        frozenset(n.id for n in state.nodes if n.stated),
    )


def counts_snapshot(nodes: Sequence[Node], statuses: Mapping[str, NodeStatus],
                    source: StatusSource, unchecked: str = "") -> Snapshot:
    """The snapshot of nodes whose statuses are known (a commit's, or the working tree's);
    `unchecked` says why some could not be checked (then it has no counts)."""
    if unchecked:
        return Snapshot(State.UNCHECKED, unchecked, source.value)
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
