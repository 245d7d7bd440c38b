"""How each format writes what the messages and pages name: a node marked not ready, a use
of another node, a part marked formalized. One small vocabulary per format, so that a
LeanArchitect or Verso Blueprint user is told their own way of writing it, never LaTeX's.

Pure: the format of a node or of a blueprint is read off the `Blueprint` itself (its
syntax, and whether its nodes were written in Lean), whatever `blueprint.toml` said.
"""

from __future__ import annotations

from dataclasses import dataclass

from blueprint.config import BlueprintFormat
from blueprint.model import Blueprint, Node, Syntax


@dataclass(frozen=True)
class Vocabulary:
    """The words of one format, as its users write them."""

    format: BlueprintFormat
    #: how a node is marked not ready, as written; None where the format cannot say it
    not_ready: str | None
    #: the name of a use of another node, as written (`\\uses`, `uses`)
    uses: str
    #: how a part is marked formalized by hand; None where its status is the Lean code's
    leanok: str | None
    #: where `--status-source annotations` takes the statuses from, in words
    annotations: str
    #: how to write that a node uses `{label}` (a format string)
    add_use: str

    def use_of(self, label: str) -> str:
        """What to write so that a node uses `label`: `add \\uses{label}`."""
        return self.add_use.format(label=label)


LATEX = Vocabulary(
    format=BlueprintFormat.LATEX,
    not_ready="\\notready",
    uses="\\uses",
    leanok="\\leanok",
    annotations="the blueprint's \\leanok annotations",
    add_use="add \\uses{{{label}}}",
)
LEANARCHITECT = Vocabulary(
    format=BlueprintFormat.LEANARCHITECT,
    not_ready="(notReady := true)",
    uses="uses",
    leanok=None,
    annotations="the \\leanok LeanArchitect derives from the Lean code",
    add_use='add "{label}" to its attribute\'s (uses := [...]) or (proofUses := [...])',
)
VERSO = Vocabulary(
    format=BlueprintFormat.VERSO,
    not_ready=None,  # Verso Blueprint has no such option: a node is what its Lean code is
    uses="uses",
    leanok=None,
    annotations="the blueprint alone (a Verso Blueprint marks nothing formalized by hand)",
    add_use='add {{uses "{label}"}}[] to its text, or (uses := "{label}")',
)
VOCABULARIES = {v.format: v for v in (LATEX, LEANARCHITECT, VERSO)}


def node_format(node: Node) -> BlueprintFormat:
    """The format a node is written in: in Lean with LeanArchitect, in Verso, else LaTeX
    (a LeanArchitect blueprint's document may hold LaTeX nodes of its own)."""
    if node.from_lean:
        return BlueprintFormat.LEANARCHITECT
    if node.statement.syntax is Syntax.VERSO:
        return BlueprintFormat.VERSO
    return BlueprintFormat.LATEX


def blueprint_format(blueprint: Blueprint) -> BlueprintFormat:
    """The format of a blueprint as a whole: Verso's, LeanArchitect's when any node is
    written in Lean, else LaTeX."""
    if blueprint.syntax is Syntax.VERSO:
        return BlueprintFormat.VERSO
    if any(node.from_lean for node in blueprint.nodes):
        return BlueprintFormat.LEANARCHITECT
    return BlueprintFormat.LATEX


def vocabulary(of: BlueprintFormat | Node | Blueprint) -> Vocabulary:
    """The vocabulary of a format, of the format a node is written in, or of a blueprint's."""
    if isinstance(of, Node):
        of = node_format(of)
    elif isinstance(of, Blueprint):
        of = blueprint_format(of)
    return VOCABULARIES.get(of, LATEX)
