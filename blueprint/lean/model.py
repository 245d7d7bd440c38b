"""Typed data produced by the Lean scanner and the project loader (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from blueprint.model import Diagnostic

#: kinds that declare nothing Lean would accept as a constant
NOT_DECLARED_KINDS = frozenset({"proof_wanted", "example"})


@dataclass(frozen=True, slots=True)
class Declaration:
    """One Lean constant (or wished statement) found in a source file.

    ``line`` is the line of the declared name (where Lean reports
    "declaration uses 'sorry'"); ``start_line``..``end_line`` is the whole
    command: doc comment and attributes up to the line before the next command.
    ``has_sorry``: `sorry`, `admit` or LeanArchitect's `sorry_using` in it.
    """

    name: str
    kind: str
    file: str
    line: int
    end_line: int
    has_sorry: bool
    references: frozenset[str]
    start_line: int = 0
    module: str = ""
    namespace: str = ""  # enclosing namespace at the declaration
    opens: tuple[str, ...] = ()  # namespaces opened at the declaration
    generated: bool = False  # name made by Lean or a Mathlib attribute, not written
    source: str | None = None  # for a generated name: the declaration it comes from
    private: bool = False  # Lean mangles private names; we index the plain name
    #: for anonymous instances: the constants the generated name was built from
    name_parts: tuple[str, ...] = ()
    #: the part of `references` written in the declaration's statement: its binders and
    #: type, before `:=`, `where` or a match arm (the rest is in its body, its proof)
    statement_references: frozenset[str] = frozenset()
    statement_sorry: bool = False  # a `sorry` in the statement itself (`(sorry : Prop)`)

    @property
    def formalized(self) -> bool:
        """False for `proof_wanted` (a wished statement) and `example`."""
        return self.kind not in NOT_DECLARED_KINDS

    def __reduce__(self) -> tuple[type[Declaration], tuple[object, ...]]:
        """Pickled (the scan's workers hand back their scans) as a call of the class with
        its fields: unpickled in half the time dataclasses' `__setstate__` takes."""
        return Declaration, tuple(getattr(self, name) for name in _DECLARATION_FIELDS)


_DECLARATION_FIELDS = tuple(f.name for f in fields(Declaration))


@dataclass
class LeanFile:
    """What the scanner learns from one `.lean` file."""

    module: str
    file: str
    imports: list[str] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
