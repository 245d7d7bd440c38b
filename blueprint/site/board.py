"""The task board and the progress bars, as the pages show them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from blueprint.analysis import Analysis
from blueprint.analysis.status import Stage
from blueprint.analysis.tasks import (
    Progress,
    blockers,
    main_results,
    percent,
    progress,
    ready_tasks,
)
from blueprint.model import Planning
from blueprint.site.nodes import NodeInfo
from blueprint.site.words import stages_of


@dataclass(frozen=True)
class TaskRow:
    """One row of the task board."""

    rank: int
    node: str
    kind: str  # "state" | "prove"
    action: str  # in words
    unlocks: int
    main_results: int
    dependents: int
    size: str


@dataclass(frozen=True)
class Board:
    """The task board: tasks, blockers and main results."""

    tasks: tuple[TaskRow, ...]  # with `--github`, the tasks free to take
    blockers: tuple[tuple[str, int], ...]
    mains: tuple[tuple[str, bool, tuple[str, ...]], ...]
    taken: tuple[TaskRow, ...] = ()  # with `--github`: the tasks someone works on
    stale: tuple[str, ...] = ()  # nodes claimed for over 14 days with no pull request
    #: the tags of the tasks, when the blueprint plans them (owner, priority, effort, tags:
    #: Verso's options): the board then has their columns and filters
    tags: tuple[str, ...] = ()
    planned: bool = False


def task_board(analysis: Analysis) -> Board:
    nodes, graph, statuses = analysis.nodes, analysis.graph, analysis.statuses
    chosen = [m for m in analysis.config.main_results if m in analysis.by_id]
    tasks = ready_tasks(nodes, graph, statuses, chosen)
    rows = tuple(
        TaskRow(
            rank,
            task.node_id,
            task.kind.value,
            "formalize the statement" if task.kind.value == "state" else "formalize the proof",
            task.unlocks,
            task.main_results,
            task.dependents,
            task.size,
        )
        for rank, task in enumerate(tasks, start=1)
    )
    held = tuple((b.node_id, b.held_up) for b in blockers(nodes, graph, statuses))
    mains = tuple(
        (m.node_id, m.done, m.chain) for m in main_results(nodes, graph, statuses, chosen)
    )
    planned = any(node.planning is not None for node in nodes)
    tags = tuple(sorted({
        tag for row in rows for tag in (analysis.by_id[row.node].planning or _NO_PLAN).tags
    }))
    claims = analysis.claims
    if claims is None:
        return Board(rows, held, mains, tags=tags, planned=planned)
    free = tuple(row for row in rows if claims.work[row.node].state.value == "free")
    taken = tuple(row for row in rows if claims.work[row.node].state.value != "free")
    stale = tuple(node.id for node in nodes if claims.work[node.id].stale)
    return Board(free, held, mains, taken, stale, tags, planned)


_NO_PLAN = Planning()


@dataclass(frozen=True)
class Bar:
    """One progress bar: counts and the coloured segments drawn for them."""

    label: str
    nodes: int
    stated: int
    proved: int
    fully_proved: int
    segments: tuple[tuple[Stage, int, str], ...]  # (stage, count, width in percent)

    def percent(self, count: int) -> int:
        return percent(count, self.nodes)


def progress_bars(analysis: Analysis, nodes: Mapping[str, NodeInfo]) -> list[Bar]:
    """Totals, then one bar per chapter: counts and the share of each stage."""
    rows: list[Progress] = progress(analysis.nodes, analysis.statuses)
    groups: dict[str, list[str]] = {"All": [n.id for n in analysis.nodes]}
    for node in analysis.nodes:
        groups.setdefault(node.chapter or "Front matter", []).append(node.id)
    bars = []
    shown = stages_of(info.stage for info in nodes.values())
    for row in rows:
        members = groups.get(row.label, [])
        counts = {key: 0 for key, _ in shown}
        for node_id in members:
            counts[nodes[node_id].stage] += 1
        total = max(len(members), 1)
        segments = tuple(
            (key, counts[key], f"{100 * counts[key] / total:.2f}")
            for key, _ in shown
            if counts[key]
        )
        bars.append(Bar(row.label, row.nodes, row.stated, row.proved, row.fully_proved, segments))
    return bars
