"""The export contract: a project's graph and statuses as plain JSON data.

Other tools read this: keep the field names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blueprint.analysis import Analysis
from blueprint.model import Node, Planning

if TYPE_CHECKING:
    from blueprint.github.claims import Work


def export_data(analysis: Analysis) -> dict[str, object]:
    nodes = []
    for node in analysis.nodes:
        status = analysis.statuses[node.id]
        nodes.append(
            {
                "id": node.id,
                "env": node.env,
                "is_definition": node.is_definition,
                "title": node.title,
                "chapter": node.chapter,
                "file": node.file,
                "line": node.line,
                "lean": list(node.lean),
                "statement_leanok": node.statement.leanok,
                "proof_leanok": node.proof is not None and node.proof.leanok,
                "mathlibok": node.statement.mathlibok,
                "notready": node.statement.notready,
                "discussion": node.discussion,
                "border": status.border.value,
                "fill": status.fill.value,
                **_lean_fields(analysis, node.id),
                **_planning_fields(node),
                **_work_field(analysis, node.id),
            }
        )
    order = {node.id: index for index, node in enumerate(analysis.nodes)}
    inferred = {
        (u, node.id)
        for node in analysis.nodes
        for u in _inferred(node)
    }
    edges = [
        {
            "source": u,
            "target": v,
            "kind": kind.value,
            "origin": "inferred" if (u, v) in inferred else "explicit",
        }
        for u, v, kind in sorted(analysis.graph.edges(), key=lambda e: (order[e[1]], order[e[0]]))
    ]
    diagnostics = [
        {"severity": d.severity.value, "file": d.file, "line": d.line, "message": d.message}
        for d in analysis.diagnostics
    ]
    return {
        "status_source": analysis.status_source.value,
        **_claims_fields(analysis),
        "nodes": nodes,
        "edges": edges,
        "diagnostics": diagnostics,
    }


def _inferred(node: Node) -> set[str]:
    """What `node` uses that nobody wrote: LeanArchitect infers it from the Lean code. A
    use written in the statement or the proof makes the edge explicit."""
    parts = [node.statement] if node.proof is None else [node.statement, node.proof]
    inferred = {u for part in parts for u in part.inferred_uses}
    written = {u for part in parts for u in part.uses if u not in part.inferred_uses}
    return inferred - written


def _planning_fields(node: Node) -> dict[str, object]:
    """What the blueprint itself plans for a node, where its format says it: Verso
    Blueprint's `planning` (owner, priority, effort, tags, links), and the options of the
    source this tool does not know (`extra`: a LeanArchitect fork's `message`, Verso's
    group). Only on the nodes that have them: a LaTeX blueprint has neither."""
    fields: dict[str, object] = {}
    if node.planning is not None:
        fields["planning"] = planning_json(node.planning)
    if node.extra:
        fields["extra"] = [{"name": name, "value": value} for name, value in node.extra]
    return fields


def planning_json(planning: Planning) -> dict[str, object]:
    """A node's planning, every field given (null, or no tags, when the blueprint says
    nothing of it)."""
    return {
        "owner": planning.owner,
        "priority": planning.priority,
        "effort": planning.effort,
        "tags": list(planning.tags),
        "pr_url": planning.pr_url,
        "issue_url": planning.issue_url,
    }


def work_json(work: Work) -> dict[str, object]:
    """A node's work (`--github`): its state, who, since when, through which issue and pull
    request (numbers and addresses), and whether the claim is stale; null when unknown."""
    return {
        "state": work.state.value,
        "who": work.who,
        "since": work.since.strftime("%Y-%m-%dT%H:%M:%SZ") if work.since else None,
        "issue": work.issue,
        "pr": work.pr,
        "stale": work.stale,
        "issue_url": work.issue_url,
        "pr_url": work.pr_url,
        "draft": work.draft,
    }


def _claims_fields(analysis: Analysis) -> dict[str, object]:
    """With `--github`: where the claims come from, and as of when."""
    claims = analysis.claims
    if claims is None:
        return {}
    as_of = claims.as_of.strftime("%Y-%m-%dT%H:%M:%SZ") if claims.as_of else None
    return {"claims": {"repo": claims.repo, "as_of": as_of, "warning": claims.warning}}


def _work_field(analysis: Analysis, node_id: str) -> dict[str, object]:
    claims = analysis.claims
    return {} if claims is None else {"work": work_json(claims.work[node_id])}


def _lean_fields(analysis: Analysis, node_id: str) -> dict[str, object]:
    """With status from Lean: where each declaration is, and whether it still has sorry."""
    report = analysis.lean_reports.get(node_id)
    if analysis.lean_project is None:
        return {}
    declarations = report.declarations if report else ()
    return {
        "declarations": [
            {
                "name": d.name,
                "found": d.found,
                "file": d.file,
                "line": d.line,
                "has_sorry": d.has_sorry,
                "status": d.status,
            }
            for d in declarations
        ],
        "sorry_free_down": report.sorry_free_down if report else None,
    }
