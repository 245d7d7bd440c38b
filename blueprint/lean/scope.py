"""What the scan of one file knows at each command: namespaces, sections, `open`s and
`variable`s in scope, and the declarations found so far."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from blueprint.lean.model import Declaration
from blueprint.model import Diagnostic, Severity


@dataclass
class Scope:
    """A namespace, section or `mutual` block, with what is opened and declared in it."""

    kind: str  # "namespace" | "section" | "mutual"
    name: str
    opens: list[str] = field(default_factory=list)
    variables: set[str] = field(default_factory=set)


@dataclass
class ScanContext:
    """Everything needed to emit declarations for one file."""

    text: str
    module: str
    file: str
    nl: list[int]
    names_only: bool
    scopes: list[Scope] = field(default_factory=list)
    decls: list[Declaration] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    additive: dict[str, str] = field(default_factory=dict)
    binders: tuple[list[int], list[str]] | None = None  # `local_binders` of the text
    # what `opens` and `locals` found, until a scope or what is in scope changes
    _opens_cache: tuple[str, ...] | None = field(default=None, init=False, repr=False)
    _locals_cache: frozenset[str] | None = field(default=None, init=False, repr=False)

    def line(self, pos: int) -> int:
        return bisect_left(self.nl, pos)  # the text starts with an added newline

    def namespace(self) -> str:
        return ".".join(s.name for s in self.scopes if s.kind == "namespace" and s.name)

    def opens(self) -> tuple[str, ...]:
        if self._opens_cache is None:
            self._opens_cache = tuple(o for s in self.scopes for o in s.opens)
        return self._opens_cache

    def locals(self) -> frozenset[str]:
        """The names of the `variable`s in scope."""
        if self._locals_cache is None:
            self._locals_cache = frozenset(v for s in self.scopes for v in s.variables)
        return self._locals_cache

    def enter(self, kind: str, name: str) -> None:
        """A namespace, section or `mutual` block begins."""
        self.scopes.append(Scope(kind, name))
        self._forget()

    def leave(self, count: int) -> None:
        """`end`: the innermost `count` scopes close (never the file's own)."""
        del self.scopes[-min(count, len(self.scopes) - 1) :]
        self._forget()

    def open(self, names: list[str]) -> None:
        """`open`: namespaces opened in the innermost scope."""
        self.scopes[-1].opens.extend(names)
        self._opens_cache = None

    def declare_variables(self, names: set[str]) -> None:
        """`variable`: names local to the declarations of the innermost scope."""
        self.scopes[-1].variables.update(names)
        self._locals_cache = None

    def _forget(self) -> None:
        self._opens_cache = self._locals_cache = None

    def diag(self, pos: int, message: str, severity: Severity = Severity.WARNING) -> None:
        self.diags.append(Diagnostic(self.file, self.line(pos), severity, message))
