"""After the scan: node ids, proofs attached to statements, `\\uses` resolved to node ids.

Choices (each reported by a diagnostic where it matters):
- a node's id is its first usable `\\label`; further labels (`\\label{A, B}` or a second
  `\\label`) are aliases that `\\uses` and `\\proves` resolve too; so is a `\\label` in its
  proof (the node's id when the statement has none), which leanblueprint gives the node too;
- a node without a label gets `{env}-{8 hex digits of sha1(title, statement text)}`, with
  `-2`, `-3`... on a collision: stable when unrelated parts of the document change;
- a proof belongs to the node its `\\proves{label}` names, else to the theorem-like
  environment (node or not) closed last before it in the same section; a second proof
  of the same node is reported and left out;
- `Part.uses` holds node ids only, each once, in order; a label of something that is not
  a node (a heading, an equation, a `remark`) is reported as info, an unknown one as a
  warning.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from blueprint.model import Diagnostic, Node, Part, Severity
from blueprint.readers.latex.args import squash
from blueprint.suggest import Suggestions


@dataclass(eq=False)
class PartDraft:
    """A statement or proof as the scan finds it, before labels are resolved."""

    env: str
    file: str
    line: int
    is_node: bool = False
    is_proof: bool = False
    title: str | None = None
    number: str | None = None
    chapter: str | None = None
    section: str | None = None
    text: str = ""
    labels: list[str] = field(default_factory=list)
    lean: list[str] = field(default_factory=list)
    uses: list[tuple[str, str, int]] = field(default_factory=list)  # (label, file, line)
    leanok: bool = False
    mathlibok: bool = False
    notready: bool = False
    empty: bool = False  # proofs: nothing in it but spaces, comments and \par
    proves: tuple[str, str, int] | None = None
    discussion: str | None = None
    also_in: list[str] = field(default_factory=list)
    annotated: list[str] = field(default_factory=list)  # blueprint macros seen, in order
    after: PartDraft | None = None  # proofs: the theorem-like environment before it
    written_title: str | None = None  # the title as written (`title` is squashed)
    body: str | None = None  # as written, blueprint macros in


@dataclass(frozen=True)
class LabelInfo:
    """Where a label was defined and what it names (`part` None: not a statement)."""

    file: str
    line: int
    what: str
    part: PartDraft | None = None


@dataclass
class Resolver:
    """Turns drafts into nodes; collects its diagnostics."""

    statements: list[PartDraft]
    proofs: list[PartDraft]
    labels: dict[str, LabelInfo]
    heading_labels: set[str]
    thms: list[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ids: dict[int, str] = field(default_factory=dict)  # id(draft) -> node id
    proof_of: dict[int, str] = field(default_factory=dict)  # id(proof draft) -> node id
    suggestions: Suggestions = field(default_factory=Suggestions)

    def run(self) -> list[Node]:
        drafts = [part for part in self.statements if part.is_node]
        proofs, second_proofs = self._attach_proofs()
        for draft in drafts:
            self._adopt_proof_labels(draft, proofs.get(id(draft)))
        self._name(drafts)
        self.proof_of = {id(proof): self.ids[target] for target, proof in proofs.items()}
        for proof, target, first in second_proofs:
            message = (
                f"second proof of {self.ids[id(target)]} (the first is at "
                f"{first.file}:{first.line}): this one is left out"
            )
            self._diag(proof.file, proof.line, Severity.WARNING, message)
        self._report_ignored()
        return [self._node(draft, proofs.get(id(draft))) for draft in drafts]

    def _adopt_proof_labels(self, draft: PartDraft, proof: PartDraft | None) -> None:
        """A `\\label` in a proof names the node the proof belongs to, as in leanblueprint
        (plasTeX gives it to the theorem before the proof)."""
        for label in proof.labels if proof else []:
            info = self.labels[label]
            self.labels[label] = LabelInfo(info.file, info.line, draft.env, draft)
            draft.labels.append(label)

    def _diag(self, file: str, line: int, severity: Severity, message: str) -> None:
        self.diagnostics.append(Diagnostic(file, line, severity, message))

    def _name(self, drafts: list[PartDraft]) -> None:
        taken = set(self.labels)
        suffixes: dict[str, int] = {}
        for draft in drafts:
            if draft.labels:
                self.ids[id(draft)] = draft.labels[0]
                continue
            text = f"{squash(draft.title or '')}\n{squash(draft.text)}"
            digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
            base = f"{draft.env}-{digest[:8]}"
            node_id, suffix = base, suffixes.get(base, 1)
            while node_id in taken:
                suffix += 1
                node_id = f"{base}-{suffix}"
            suffixes[base] = suffix
            taken.add(node_id)
            self.ids[id(draft)] = node_id
            message = (
                f"{draft.env} without a usable \\label: named {node_id} (\\uses cannot name it)"
            )
            self._diag(draft.file, draft.line, Severity.INFO, message)

    def _attach_proofs(
        self,
    ) -> tuple[dict[int, PartDraft], list[tuple[PartDraft, PartDraft, PartDraft]]]:
        """Each node's proof, by id(statement); and the (proof, statement, first proof) of
        every second proof, left out (reported once the nodes are named)."""
        attached: dict[int, PartDraft] = {}
        second: list[tuple[PartDraft, PartDraft, PartDraft]] = []
        for proof in self.proofs:
            target = self._proof_target(proof)
            if target is None or not target.is_node:
                self._report_detached(proof, target)
                continue
            first = attached.get(id(target))
            if first is not None:
                second.append((proof, target, first))
                continue
            attached[id(target)] = proof
        return attached, second

    def _proof_target(self, proof: PartDraft) -> PartDraft | None:
        if proof.proves is None:
            return proof.after
        label, file, line = proof.proves
        info = self.labels.get(label)
        if info is None:
            message = f"\\proves{{{label}}}: unknown label{self._suggest(label)}"
            if proof.after is not None:
                message += f"; the proof goes to the {proof.after.env} before it"
            self._diag(file, line, Severity.WARNING, message)
            return proof.after
        if info.part is None:
            self._diag(file, line, Severity.WARNING, f"\\proves{{{label}}}: names a {info.what}")
        return info.part

    def _report_detached(self, proof: PartDraft, target: PartDraft | None) -> None:
        if not proof.annotated:
            return
        macros = ", ".join(f"\\{name}" for name in dict.fromkeys(proof.annotated))
        if target is None:
            message = (
                f"proof not attached to any statement (none before it in this section; "
                f"use \\proves{{label}}): its {macros} are ignored"
            )
            self._diag(proof.file, proof.line, Severity.WARNING, message)
        else:
            message = (
                f"proof of a {target.env} ({target.file}:{target.line}), which is not a graph "
                f"node (thms={'+'.join(self.thms)}): its {macros} are ignored"
            )
            self._diag(proof.file, proof.line, Severity.INFO, message)

    def _report_ignored(self) -> None:
        for draft in self.statements:
            if draft.is_node or not draft.annotated:
                continue
            macros = ", ".join(f"\\{name}" for name in dict.fromkeys(draft.annotated))
            message = (
                f"{draft.env} is not a graph node (thms={'+'.join(self.thms)}): "
                f"its {macros} are ignored"
            )
            self._diag(draft.file, draft.line, Severity.INFO, message)

    def _node(self, draft: PartDraft, proof: PartDraft | None) -> Node:
        node_id = self.ids[id(draft)]
        discussion = draft.discussion or (proof.discussion if proof else None)
        also_in = [*draft.also_in, *(proof.also_in if proof else [])]
        for label in also_in:
            if label not in self.heading_labels:
                self._diag(
                    draft.file,
                    draft.line,
                    Severity.WARNING,
                    f"\\alsoIn{{{label}}}: not the label of a heading",
                )
        return Node(
            id=node_id,
            env=draft.env,
            is_definition=draft.env == "definition",
            title=draft.title,
            statement=self._part(draft, node_id),
            proof=self._part(proof, node_id) if proof else None,
            labelled=bool(draft.labels),
            chapter=draft.chapter,
            section=draft.section,
            number=draft.number,
            discussion=discussion,
            also_in=list(dict.fromkeys(also_in)),
            aliases=draft.labels[1:],
        )

    def _part(self, draft: PartDraft, node_id: str) -> Part:
        uses, unknown = self._uses(draft, node_id)
        return Part(
            text=draft.text,
            file=draft.file,
            line=draft.line,
            lean=draft.lean,
            uses=uses,
            leanok=draft.leanok,
            mathlibok=draft.mathlibok,
            notready=draft.notready,
            empty=draft.empty,
            body=draft.body,
            unknown_uses=unknown,
        )

    def _uses(self, draft: PartDraft, node_id: str) -> tuple[list[str], list[str]]:
        """The node ids `\\uses` names, each once, and the labels that name nothing."""
        resolved: list[str] = []
        unknown: list[str] = []
        for label, file, line in draft.uses:
            info = self.labels.get(label)
            if info is None:
                message = f"\\uses{{{label}}} in {node_id}: unknown label{self._suggest(label)}"
                self._diag(file, line, Severity.WARNING, message)
                if label not in unknown:
                    unknown.append(label)
            elif info.part is None or not info.part.is_node:
                what = info.what if info.part is None else f"{info.part.env} (not a graph node)"
                message = f"\\uses{{{label}}} in {node_id}: names a {what}; no edge"
                self._diag(file, line, Severity.INFO, message)
            elif (target := self.ids[id(info.part)]) not in resolved:
                resolved.append(target)
        return resolved, unknown

    def _suggest(self, label: str) -> str:
        return self.suggestions.hint(label, self.labels)
