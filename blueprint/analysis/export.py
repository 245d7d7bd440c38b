"""The export contract: a project's graph and statuses as plain JSON data.

Other tools read this: keep the field names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blueprint.analysis import Analysis

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
                **_work_field(analysis, node.id),
            }
        )
    order = {node.id: index for index, node in enumerate(analysis.nodes)}
    edges = [
        {"source": u, "target": v, "kind": kind.value}
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
