"""What the pages say of stages, statuses, declarations and task sizes, in words."""

from __future__ import annotations

from collections.abc import Iterable

from blueprint.analysis.status import Stage
from blueprint.model import Border, DeclarationStatus, Fill

# What each stage means, in the order of `Stage` (most finished first): the site's filters,
# badges and progress bars show these.
STAGES: tuple[tuple[Stage, str], ...] = (
    (Stage.MATHLIB, "in Mathlib"),
    (Stage.DONE, "fully formalized, with everything it uses"),
    (Stage.PROVED, "formalized, but something it uses is not"),
    (Stage.CAN_PROVE, "statement formalized; the proof is ready to be formalized"),
    (Stage.STATED, "statement formalized; the proof waits for what it uses"),
    (Stage.CAN_STATE, "ready: the statement can be formalized"),
    (Stage.BLOCKED, "waiting: something its statement uses is not formalized yet"),
    (Stage.NOT_READY, "not ready: the blueprint needs work"),
)
#: a stage only a project whose Lean sources are not in the checkout has (shown only there)
NOT_CHECKED = (Stage.NOT_CHECKED, "not checked: its Lean sources are not in the checkout")
STAGE_WORDS = dict((*STAGES, NOT_CHECKED))
STAGE_SHORT = {
    Stage.MATHLIB: "Mathlib",
    Stage.DONE: "Done",
    Stage.PROVED: "Proved",
    Stage.CAN_PROVE: "Ready to prove",
    Stage.STATED: "Stated",
    Stage.CAN_STATE: "Ready to state",
    Stage.BLOCKED: "Waiting",
    Stage.NOT_READY: "Not ready",
    Stage.NOT_CHECKED: "Not checked",
}


def stages_of(stages: Iterable[Stage]) -> tuple[tuple[Stage, str], ...]:
    """The stages a site shows, with their words: STAGES, and "not checked" where a node is."""
    return (*STAGES, NOT_CHECKED) if Stage.NOT_CHECKED in set(stages) else STAGES
BORDER_WORDS = {
    Border.MATHLIB: "in Mathlib",
    Border.STATED: "statement formalized in Lean",
    Border.CAN_STATE: "statement ready to be formalized",
    Border.NOT_READY: "statement not ready: the blueprint needs work",
    Border.NONE: "statement not yet ready to be formalized",
}
FILL_WORDS = {
    Fill.FULLY_PROVED: "proof formalized, and every proof it depends on",
    Fill.PROVED: "proof formalized",
    Fill.DEFINED: "definition formalized",
    Fill.CAN_PROVE: "proof ready to be formalized",
    Fill.NONE: "proof not yet ready to be formalized",
}
DECLARATION_WORDS = {
    DeclarationStatus.FORMALIZED: "in the Lean sources",
    DeclarationStatus.NOT_COMPILED: "in a file that is never compiled",
    DeclarationStatus.PROOF_WANTED: "only a proof_wanted",
    DeclarationStatus.DEPENDENCY: "in a dependency",
    DeclarationStatus.MACRO: "made by a macro",
    DeclarationStatus.MISSING: "not found",
}

SIZE_WORDS = {"S": "small", "M": "medium", "L": "large"}
