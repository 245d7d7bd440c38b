"""What a LeanArchitect blueprint says in one Lean file, as typed records (no I/O).

The grammar is LeanArchitect's `Architect/Attribute.lean` (hanwenzhu/LeanArchitect, v4.26
and later): `@[blueprint "label"? (option := value)*]` on a declaration, `blueprint?`,
`attribute [blueprint ...] Name`, `@[to_additive (attr := blueprint ...)]`; doc comments in
tactic proofs, `sorry_using [..]`/`blueprint_using [..]` (`Tactic.lean`) and
`blueprint_comment /-- -/` (`Command.lean`). docs/leanarchitect.md sums it up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from blueprint.model import Diagnostic

#: the options of upstream LeanArchitect's grammar, as written
KNOWN_OPTIONS = (
    "statement",
    "hasProof",
    "proof",
    "uses",
    "proofUses",
    "title",
    "notReady",
    "discussion",
    "latexEnv",
    "latexLabel",
)
#: declaration kinds Lean elaborates as theorems (`wasOriginallyTheorem`): a proof part
THEOREM_KINDS = frozenset({"theorem", "lemma"})
#: declaration kinds whose doc comments inside the body are not tactic doc comments
TYPE_KINDS = frozenset({"structure", "class", "inductive", "class inductive", "coinductive"})


@dataclass(frozen=True, slots=True)
class UseRef:
    """One entry of `uses := [...]`, `proofUses := [...]` or `sorry_using [...]`."""

    target: str  # a Lean name as written, or a label
    is_label: bool  # written as a string: a LaTeX label, used as it is
    exclude: bool  # written with `-`: removed from the inferred (and explicit) uses
    line: int


@dataclass(frozen=True, slots=True)
class ExtraOption:
    """An option upstream LeanArchitect does not know (forks add some): kept as written."""

    name: str
    value: str  # the raw text of the value
    line: int


class AttributeForm(StrEnum):
    DECLARATION = "declaration"  # `@[blueprint ...] theorem foo`
    COMMAND = "command"  # `attribute [blueprint ...] foo`
    TO_ADDITIVE = "to_additive"  # `@[to_additive (attr := blueprint ...)]`


@dataclass(frozen=True, slots=True)
class BlueprintAttribute:
    """One `blueprint` attribute and its options; None/() where not given."""

    line: int  # the line of `blueprint`
    end_line: int
    form: AttributeForm = AttributeForm.DECLARATION
    trace: bool = False  # `blueprint?`
    label: str | None = None  # the positional string, or `latexLabel` (the later one wins)
    statement: str | None = None  # doc comment text, stripped as LeanArchitect does
    proof: str | None = None
    has_proof: bool | None = None
    uses: tuple[UseRef, ...] = ()
    proof_uses: tuple[UseRef, ...] = ()
    title: str | None = None
    not_ready: bool = False
    discussion: int | None = None
    latex_env: str | None = None
    extra: tuple[ExtraOption, ...] = ()
    #: the lines where the texts of `statement` and `proof` begin (their first character)
    statement_line: int = 0
    proof_line: int = 0


@dataclass(frozen=True, slots=True)
class ProofDoc:
    """A doc comment written inside a tactic proof (LeanArchitect's proof text)."""

    text: str  # stripped, as LeanArchitect stores it
    line: int  # where the text begins (its first character)


@dataclass(frozen=True, slots=True)
class TaggedDeclaration:
    """A declaration that carries a `blueprint` attribute.

    `name` is the full Lean name as written (namespaces applied, `_root_` dropped; see
    `lean_name` for a private one), or None for an anonymous instance; for
    `attribute [blueprint] x` it is `x` as written and `candidates` lists the names `x`
    may resolve to, innermost first. `line` is the line of the declared name (of the name
    in an attribute command), `start_line` that of the attribute list, `end_line` the last
    line of the declaration's text.
    """

    name: str | None
    kind: str  # `theorem`, `def`, ... (`attribute` for the attribute command)
    attribute: BlueprintAttribute
    module: str
    file: str
    line: int
    start_line: int
    end_line: int
    namespace: str = ""
    opens: tuple[str, ...] = ()
    private: bool = False
    candidates: tuple[str, ...] = ()
    proof_docs: tuple[ProofDoc, ...] = ()
    tactic_uses: tuple[UseRef, ...] = ()  # from `sorry_using [..]` and `blueprint_using [..]`

    @property
    def lean_name(self) -> str | None:
        """The name Lean gives the constant: `_private.Module.0.name` for a private one."""
        if self.private and self.name is not None:
            return f"_private.{self.module}.0.{self.name}"
        return self.name

    @property
    def label(self) -> str | None:
        """The node's label: the attribute's, else the Lean name (LeanArchitect's default)."""
        return self.attribute.label if self.attribute.label is not None else self.lean_name

    @property
    def has_proof(self) -> bool:
        """LeanArchitect's `hasProof`: as given, else a `proof` text or a theorem."""
        if self.attribute.has_proof is not None:
            return self.attribute.has_proof
        return self.attribute.proof is not None or self.kind in THEOREM_KINDS

    @property
    def latex_env(self) -> str:
        if self.attribute.latex_env is not None:
            return self.attribute.latex_env
        return "theorem" if self.has_proof else "definition"

    @property
    def proof_text(self) -> str:
        """The proof's text: the `proof` option, else the proof's doc comments joined."""
        if self.attribute.proof is not None:
            return self.attribute.proof
        return "\n\n".join(doc.text for doc in self.proof_docs)


@dataclass(frozen=True, slots=True)
class ModuleComment:
    """`blueprint_comment /-- text -/`: prose of the module's blueprint, in order."""

    text: str  # as LeanArchitect stores it: all between `/--` and `-/`
    line: int
    end_line: int
    text_line: int = 0  # the line of its `/--`, where `text` begins (0: `line`)


@dataclass(frozen=True, slots=True)
class LeanArchitectFile:
    """The blueprint content of one Lean module, in source order."""

    module: str
    file: str
    contents: tuple[TaggedDeclaration | ModuleComment, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def declarations(self) -> tuple[TaggedDeclaration, ...]:
        return tuple(c for c in self.contents if isinstance(c, TaggedDeclaration))

    @property
    def comments(self) -> tuple[ModuleComment, ...]:
        return tuple(c for c in self.contents if isinstance(c, ModuleComment))


def name_candidates(written: str, namespace: str, opens: Iterable[str] = ()) -> tuple[str, ...]:
    """The full names that a name written inside `namespace`, with `opens` open, may denote,
    in Lean's order: the namespace and its parents innermost first, the root, the opens."""
    if written.startswith("_root_."):
        return (written.removeprefix("_root_."),)
    parts = namespace.split(".") if namespace else []
    found = [".".join([*parts[:k], written]) for k in range(len(parts), 0, -1)]
    found.append(written)
    found.extend(f"{o}.{written}" for o in opens)
    return tuple(dict.fromkeys(found))
