"""Small builders for tests: nodes without going through LaTeX."""

from __future__ import annotations

from collections.abc import Sequence

from blueprint.model import Node, Part


def make_node(
    node_id: str,
    *,
    env: str = "lemma",
    uses: Sequence[str] = (),
    leanok: bool = False,
    mathlibok: bool = False,
    notready: bool = False,
    proof: bool = True,
    proof_uses: Sequence[str] = (),
    proof_leanok: bool = False,
    lean: Sequence[str] = (),
) -> Node:
    statement = Part(
        text=f"Statement of {node_id}.",
        file="content.tex",
        line=1,
        lean=list(lean),
        uses=list(uses),
        leanok=leanok,
        mathlibok=mathlibok,
        notready=notready,
    )
    proof_part = (
        Part(text="Proof.", file="content.tex", line=2, uses=list(proof_uses), leanok=proof_leanok)
        if proof
        else None
    )
    return Node(
        id=node_id,
        env=env,
        is_definition=env == "definition",
        title=None,
        statement=statement,
        proof=proof_part,
    )
