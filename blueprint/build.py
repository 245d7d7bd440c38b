"""The pipeline: discover, parse, graph, status, layout, render, write."""

from __future__ import annotations

import hashlib
import os
import posixpath
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from blueprint.config import ProjectConfig, load_config
from blueprint.files import MAX_TEX_BYTES, read_regular
from blueprint.graph import DependencyGraph, build_graph, cycle_diagnostics
from blueprint.model import (
    Blueprint,
    BlueprintError,
    Diagnostic,
    Heading,
    Node,
    Part,
    SiteOptions,
    StatusSource,
)
from blueprint.status import (
    Formalization,
    NodeStatus,
    compute_statuses,
    formalization_from_annotations,
)
from blueprint.tex import read_blueprint

if TYPE_CHECKING:
    from blueprint.github.project import Claims, ClaimsReader
    from blueprint.history.model import History
    from blueprint.lean.project import LeanProject, ScanCache
    from blueprint.lean_status import LeanReport


@dataclass
class Analysis:
    """What we know of a project once it is read: everything but the site itself."""

    config: ProjectConfig
    blueprint: Blueprint
    graph: DependencyGraph  # every edge, not reduced
    formalization: dict[str, Formalization]
    statuses: dict[str, NodeStatus]
    status_source: StatusSource
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lean_reports: dict[str, LeanReport] = field(default_factory=dict)
    lean_project: LeanProject | None = None
    claims: Claims | None = None  # who works on what, from GitHub (`--github`)

    @property
    def nodes(self) -> list[Node]:
        return self.blueprint.nodes

    def __post_init__(self) -> None:
        self.by_id: dict[str, Node] = {node.id: node for node in self.blueprint.nodes}

    def source_paths(self) -> list[Path]:
        """The project's own sources, which no output may replace: the project folder, the
        blueprint's folder and files, and every folder that holds a Lean source."""
        root = self.config.root
        paths = {root, self.config.blueprint_dir}
        paths.update(root / name for name in self.blueprint.files)
        paths.update(root / name for name in self.config.lean_dirs)
        if self.lean_project is not None:
            paths.update((root / f.file).parent for f in self.lean_project.files.values())
        return sorted(paths)


#: a file's bytes, or the error that kept them from being read
Contents = bytes | OSError
_TEX_SUFFIXES = (".tex", ".sty", ".cls", ".cfg")


@dataclass
class BuildCache:
    """What a watch session keeps between builds, so that a rebuild reads only what changed."""

    lean_scans: ScanCache | None = None  # made when a Lean project is first read
    blueprint_key: str | None = None
    blueprint: Blueprint | None = None
    #: the files the last read asked for that are not TeX files of the blueprint folder (real
    #: paths, found or not: `\input{../../Other/notes}`, LeanArchitect's `.lake/build/...`)
    elsewhere: tuple[Path, ...] = ()
    #: every file the last read asked for (real paths, found or not): what watch must follow
    read_files: frozenset[Path] = frozenset()

    def read_blueprint(self, config: ProjectConfig) -> Blueprint:
        """The blueprint, read again only when a TeX file of the blueprint folder or a file
        the last read asked for changed. Each file is read once: the bytes the key is made
        of are the bytes the reader gets, so the blueprint is always the key's."""
        folder, known, elsewhere, key = self._look(config)
        if self.blueprint is not None and key == self.blueprint_key:
            return self.blueprint
        reads = _Reads({**known, **elsewhere})
        blueprint = _read(config, reads.read)
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
    ) -> tuple[list[_TexFile], dict[Path, Contents], dict[Path, Contents], str]:
        """The folder's TeX files, the same by path, the files read elsewhere last time, and
        the key of them all."""
        folder = _folder_files(config.blueprint_dir)
        known = {file.path: file.contents for file in folder}
        elsewhere = {p: known[p] if p in known else _read_tex(p) for p in self.elsewhere}
        return folder, known, elsewhere, _blueprint_key(config, folder, elsewhere)


@dataclass(frozen=True)
class _TexFile:
    """A TeX file of the blueprint folder as a watch rebuild found it."""

    name: str  # relative to the folder
    path: Path  # from the folder's real path, as the reader's loader asks for it
    contents: Contents


def _folder_files(folder: Path) -> list[_TexFile]:
    """The folder's TeX files; one that vanishes or cannot be read while we look (an
    editor's half-done save) counts as its error, so the next change reads again."""
    # By path from the folder's real path: a real path holds no symbolic link, so one with
    # a link in it is never asked for, and one without is the file's own real path.
    real = Path(os.path.realpath(folder))
    files: list[_TexFile] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in _TEX_SUFFIXES:
            name = path.relative_to(folder)
            files.append(_TexFile(name.as_posix(), real / name, _read_tex(path)))
    return files


def _read_tex(path: Path) -> Contents:
    try:
        return read_regular(path, MAX_TEX_BYTES)
    except OSError as error:
        return error


def _blueprint_key(
    config: ProjectConfig, folder: list[_TexFile], elsewhere: dict[Path, Contents]
) -> str:
    """A hash of the folder's TeX files and of the files read from elsewhere."""
    where = f"{config.blueprint_dir}|{config.main_file}"
    digest = hashlib.sha1(where.encode("utf-8", "surrogateescape"))

    def add(name: bytes, contents: Contents) -> None:
        digest.update(b"\0" + name + b"\0")
        if isinstance(contents, OSError):
            digest.update(b"error %d" % (contents.errno or 0))
        else:
            digest.update(b"%d:" % len(contents) + contents)

    for file in folder:
        add(file.name.encode("utf-8", "surrogateescape"), file.contents)
    digest.update(b"\0elsewhere")
    for path in sorted(elsewhere):
        add(os.fsencode(path), elsewhere[path])
    return digest.hexdigest()


@dataclass
class _Reads:
    """The reader's file reads in a watch rebuild: files already read are served from
    `ready`, the others read now; every file asked for is kept in `asked`, found or not."""

    ready: dict[Path, Contents]
    asked: dict[Path, Contents] = field(default_factory=dict)

    def read(self, path: Path) -> bytes:
        found = self.asked.get(path)
        if found is None:
            found = self.ready[path] if path in self.ready else _read_tex(path)
            self.asked[path] = found
        if isinstance(found, OSError):
            raise found.with_traceback(None)  # raised again: no growing traceback
        return found


def _read(config: ProjectConfig, read: Callable[[Path], bytes] | None = None) -> Blueprint:
    folder = config.blueprint_dir.relative_to(config.root)
    load = file_loader(config.blueprint_dir, config.root, read)
    blueprint = read_blueprint(config.main_file, load, climb=len(folder.parts))
    return relocate(blueprint, folder.as_posix())


class Timings:
    """Seconds spent in each stage, for the terminal summary and the benchmarks."""

    def __init__(self, on_stage: Callable[[str], None] | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self._on_stage = on_stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self._on_stage is not None:
            self._on_stage(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def analyze(
    project: Path,
    status_source: StatusSource = StatusSource.AUTO,
    timings: Timings | None = None,
    lean_log: Path | None = None,
    cache: BuildCache | None = None,
    cache_dir: Path | None = None,
    github: ClaimsReader | None = None,
) -> Analysis:
    """Discover, parse, graph and status: everything that needs no layout. `cache_dir`
    replaces the project's cache folder (which need not be writable); with `github`, the
    claims are read from the project's issues and pull requests."""
    timings = timings or Timings()
    with timings.stage("discover"):
        config = load_config(project, cache_dir)
        source = _choose_source(config, status_source)
    with timings.stage("read"):
        blueprint = cache.read_blueprint(config) if cache else _read(config)
    with timings.stage("graph"):
        graph = build_graph(blueprint.nodes)
        diagnostics = [
            *config.diagnostics, *blueprint.diagnostics, *cycle_diagnostics(graph, blueprint.nodes)
        ]
    lean_project = None
    reports: dict[str, LeanReport] = {}
    if source is StatusSource.LEAN:
        with timings.stage("lean"):
            # Imported here: projects without Lean sources do not pay for the scanner.
            from blueprint.lean.project import ScanCache, load_lean_project
            from blueprint.lean_status import lean_status

            if cache is not None and cache.lean_scans is None:
                cache.lean_scans = ScanCache()
            lean_project = load_lean_project(
                config.root,
                lean_dirs=config.lean_dirs or None,
                roots=config.lean_roots or None,
                root_lines=config.lean_root_lines,
                cache_dir=config.cache_dir,
                extra_names=config.lean_name_patterns,
                extra_keywords=config.lean_keywords,
                scan_cache=cache.lean_scans if cache else None,
            )
            overrides = _read_lean_log(lean_log, lean_project) if lean_log else None
            from_lean = lean_status(blueprint.nodes, graph, lean_project, overrides)
            formal, reports = from_lean.formalization, from_lean.reports
            diagnostics += lean_project.diagnostics + from_lean.diagnostics
    else:
        formal = {node.id: formalization_from_annotations(node) for node in blueprint.nodes}
    with timings.stage("status"):
        statuses = compute_statuses(blueprint.nodes, graph, formal)
    claims = None
    if github is not None:
        with timings.stage("github"):
            claims = github.read(
                config, blueprint.nodes, statuses, reports, blueprint.options.github
            )
    return Analysis(
        config=config,
        blueprint=blueprint,
        graph=graph,
        formalization=formal,
        statuses=statuses,
        status_source=source,
        diagnostics=sorted(set(diagnostics)),
        lean_reports=reports,
        lean_project=lean_project,
        claims=claims,
    )


def _choose_source(config: ProjectConfig, requested: StatusSource) -> StatusSource:
    if requested is StatusSource.AUTO:
        return StatusSource.LEAN if config.has_lean_sources() else StatusSource.ANNOTATIONS
    if requested is StatusSource.LEAN and not config.has_lean_sources():
        raise BlueprintError(
            f"--status-source lean: no lakefile.toml or lakefile.lean in {config.root} "
            "(or set [lean] roots in blueprint.toml)"
        )
    return requested


def _read_lean_log(path: Path, project: LeanProject) -> dict[str, bool]:
    from blueprint.lean.buildlog import parse_build_log, sorry_overrides

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise BlueprintError(
            f"cannot read the Lean build log: {error.strerror}", str(path)
        ) from None
    return sorry_overrides(parse_build_log(text), project.files.values())


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
    headings: list[Heading] = [replace(h, file=moved(h.file)) for h in blueprint.headings]
    diagnostics = [replace(d, file=moved(d.file)) for d in blueprint.diagnostics]
    return replace(
        blueprint,
        nodes=nodes,
        headings=headings,
        diagnostics=diagnostics,
        files=[moved(f) for f in blueprint.files],
        sources=MappingProxyType({moved(f): text for f, text in blueprint.sources.items()}),
    )


def build(
    project: Path,
    out: Path,
    status_source: StatusSource = StatusSource.AUTO,
    timings: Timings | None = None,
    lean_log: Path | None = None,
    site: SiteOptions | None = None,
    history: bool = False,
    cache_dir: Path | None = None,
    github: ClaimsReader | None = None,
) -> Analysis:
    """Build the site of `project` into `out`, replacing it whole, or not at all.

    With `history`, the site gets a progress-over-time page made from the git history
    (`history.html`; without git history the page says so)."""
    from blueprint.outputs import claim_site_folder
    from blueprint.views import start_layouts

    timings = timings or Timings()
    analysis = analyze(
        project, status_source, timings, lean_log, cache_dir=cache_dir, github=github
    )
    claim_site_folder(out, analysis.source_paths())  # before the work: refuse it at once
    with timings.stage("layout"):
        pending = start_layouts(analysis)
    with timings.stage("render"):  # while dot works in its own processes
        from blueprint.render import render_site
        from blueprint.sitedata import site_data
        from blueprint.sitewriter import write_site

        data = site_data(analysis)
    found = None
    if history:
        with timings.stage("history"):
            found = _history(analysis, status_source)
    with timings.stage("layout"):
        views = pending.views()
    with timings.stage("render"):
        files = render_site(analysis, views, site, history=found, data=data)
    with timings.stage("write"):
        write_site(files, out, analysis.source_paths())
    return analysis


def _history(analysis: Analysis, status_source: StatusSource) -> History:
    from blueprint.history.walk import collect_history

    return collect_history(
        analysis.config.root,
        status_source=status_source,
        cache_dir=analysis.config.cache_dir / "history",
    )


def file_loader(
    folder: Path, root: Path | None = None, read: Callable[[Path], bytes] | None = None
) -> Callable[[str], str]:
    """The reader's window on the file system: paths relative to `folder`, never outside
    `root` (the project; by default the folder itself), symbolic links included. `read`
    gives the bytes of a real path (by default `read_regular`, up to MAX_TEX_BYTES)."""
    base = folder.resolve()
    limit = (root or folder).resolve()

    def load(relative: str) -> str:
        # realpath, not Path.resolve: it raises RuntimeError on a symbolic link loop (3.11)
        path = Path(os.path.realpath(base / relative))
        if not path.is_relative_to(limit):
            raise ValueError(f"{relative} is outside the project")
        try:
            data = read(path) if read else read_regular(path, MAX_TEX_BYTES)
        except IsADirectoryError:
            raise FileNotFoundError(relative) from None
        return data.decode("utf-8")

    return load
