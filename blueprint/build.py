"""The pipeline: discover, parse, graph, status, layout, render, write."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import networkx as nx

from blueprint.config import ProjectConfig, load_config
from blueprint.graph import build_graph, cycle_diagnostics
from blueprint.tex import read_blueprint
from blueprint.model import Blueprint, Diagnostic, Node, Severity
from blueprint.status import (
    Formalization,
    NodeStatus,
    compute_statuses,
    formalization_from_annotations,
)


class StatusSource(StrEnum):
    AUTO = "auto"
    LEAN = "lean"
    ANNOTATIONS = "annotations"


@dataclass
class Analysis:
    """What we know of a project once it is read: everything but the site itself."""

    config: ProjectConfig
    blueprint: Blueprint
    graph: nx.DiGraph  # every edge, not reduced
    formalization: dict[str, Formalization]
    statuses: dict[str, NodeStatus]
    status_source: StatusSource
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def nodes(self) -> list[Node]:
        return self.blueprint.nodes

    def __post_init__(self) -> None:
        self.by_id: dict[str, Node] = {node.id: node for node in self.blueprint.nodes}

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


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
) -> Analysis:
    """Discover, parse, graph and status: everything that needs no layout."""
    timings = timings or Timings()
    with timings.stage("discover"):
        config = load_config(project)
    with timings.stage("read"):
        blueprint = read_blueprint(config.main_file, file_loader(config.blueprint_dir))
    with timings.stage("graph"):
        graph = build_graph(blueprint.nodes)
        diagnostics = [*blueprint.diagnostics, *cycle_diagnostics(graph, blueprint.nodes)]
    with timings.stage("status"):
        source = StatusSource.ANNOTATIONS
        formal = {node.id: formalization_from_annotations(node) for node in blueprint.nodes}
        statuses = compute_statuses(blueprint.nodes, graph, formal)
    return Analysis(
        config=config,
        blueprint=blueprint,
        graph=graph,
        formalization=formal,
        statuses=statuses,
        status_source=source,
        diagnostics=sorted(set(diagnostics)),
    )


def build(
    project: Path,
    out: Path,
    status_source: StatusSource = StatusSource.AUTO,
    timings: Timings | None = None,
) -> Analysis:
    """Build the site of `project` into `out`, replacing it whole, or not at all."""
    from blueprint.render import lay_out, render_site
    from blueprint.sitewriter import write_site

    timings = timings or Timings()
    analysis = analyze(project, status_source, timings)
    with timings.stage("layout"):
        layouts = lay_out(analysis)
    with timings.stage("render"):
        files = render_site(analysis, layouts)
    with timings.stage("write"):
        write_site(files, out)
    return analysis


def file_loader(folder: Path) -> Callable[[str], str]:
    """The reader's window on the file system: paths relative to `folder`, never outside it."""
    base = folder.resolve()

    def load(relative: str) -> str:
        path = (base / relative).resolve()
        if not path.is_relative_to(base):
            raise ValueError(f"{relative} is outside the blueprint folder")
        if not path.is_file():
            raise FileNotFoundError(relative)
        return path.read_bytes().decode("utf-8")

    return load
