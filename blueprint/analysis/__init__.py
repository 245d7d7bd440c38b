"""What the site and the commands show, computed from a `Blueprint`: the dependency graph,
statuses (from the annotations or from the Lean sources), tasks and the export.

`analyse` is the entry point: a blueprint in, an `Analysis` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint.analysis.graph import DependencyGraph, build_graph, cycle_diagnostics
from blueprint.analysis.status import (
    Formalization,
    NodeStatus,
    compute_statuses,
    formalization_from_annotations,
    not_checked,
)
from blueprint.config import ProjectConfig
from blueprint.model import Blueprint, BlueprintError, Diagnostic, Node, StatusSource
from blueprint.timings import Timings

if TYPE_CHECKING:
    from blueprint.analysis.lean_status import LeanReport, LeanStatusMemo
    from blueprint.github.project import Claims, ClaimsReader
    from blueprint.lean.loader import LeanLoader
    from blueprint.lean.project import LeanProject, ScanCache


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


@dataclass
class AnalysisMemo:
    """What a watch session keeps of the analysis between builds: the dependency graph
    (handed back while an edit leaves every node and edge as it was, with what was worked
    out of it: components, reachability) and the Lean status of the nodes."""

    graph: DependencyGraph | None = None
    lean: LeanStatusMemo | None = None  # made when the status is first read from Lean


def status_source_for(config: ProjectConfig, requested: StatusSource) -> StatusSource:
    """Where statuses come from: `auto` is the Lean sources when the project has them."""
    if requested is StatusSource.AUTO:
        return StatusSource.LEAN if config.has_lean_sources() else StatusSource.ANNOTATIONS
    if requested is StatusSource.LEAN and not config.has_lean_sources():
        raise BlueprintError(
            f"--status-source lean: no lakefile.toml or lakefile.lean in {config.root} "
            "(or set [lean] roots in blueprint.toml)"
        )
    return requested


def analyse(
    config: ProjectConfig,
    blueprint: Blueprint,
    source: StatusSource,
    timings: Timings | None = None,
    lean_log: Path | None = None,
    lean_scans: ScanCache | None = None,
    github: ClaimsReader | None = None,
    lean: LeanLoader | None = None,
    memo: AnalysisMemo | None = None,
) -> Analysis:
    """Graph, Lean status (when `source` is the Lean sources) and statuses of a blueprint.
    `lean_scans` keeps the Lean files' scans between builds (watch mode), `memo` what
    else the analysis keeps; `lean`, the Lean sources the reader loaded already (then
    `lean_log` and `lean_scans` are its); with `github`, the claims are read from the
    project's issues and pull requests."""
    timings = timings or Timings()
    with timings.stage("graph"):
        graph = build_graph(blueprint.nodes)
        if memo is not None:
            if memo.graph is not None and memo.graph.same_as(graph):
                graph = memo.graph
            memo.graph = graph
        diagnostics = [
            *config.diagnostics, *blueprint.diagnostics, *cycle_diagnostics(graph, blueprint.nodes)
        ]
    lean_project = None
    reports: dict[str, LeanReport] = {}
    sources = blueprint.lean_sources
    if source is StatusSource.LEAN and sources is not None and sources.missing is not None:
        formal = not_checked(blueprint.nodes)  # said once by the reader
    elif source is StatusSource.LEAN:
        with timings.stage("lean"):
            # Imported here: projects without Lean sources do not pay for the scanner.
            from blueprint.analysis.lean_status import LeanStatusMemo, lean_status
            from blueprint.lean.loader import LeanLoader

            if memo is not None and memo.lean is None:
                memo.lean = LeanStatusMemo()

            loader = lean or LeanLoader(config, lean_scans, lean_log)
            lean_project = loader.project(
                package=sources.folder if sources is not None else "",
                skip=sources.documents if sources is not None else frozenset(),
            )
            from_lean = lean_status(
                blueprint.nodes, graph, lean_project, lean_project.sorry_overrides,
                memo.lean if memo is not None else None,
            )
            formal, reports = from_lean.formalization, from_lean.reports
            diagnostics += lean_project.diagnostics + from_lean.diagnostics
    else:
        formal = {node.id: formalization_from_annotations(node) for node in blueprint.nodes}
    with timings.stage("status"):
        statuses = compute_statuses(blueprint.nodes, graph, formal)
    claims = None
    if github is not None:
        with timings.stage("github"):
            owners = {  # Verso's `owner`: a claim the blueprint itself makes
                node.id: node.planning.owner
                for node in blueprint.nodes
                if node.planning is not None and node.planning.owner
            }
            claims = github.read(
                config, blueprint.nodes, statuses, reports, blueprint.options.github, owners
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
