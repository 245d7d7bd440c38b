"""Typed data shared by every stage of the pipeline.

The core (LaTeX reader, Lean scanner, status rules) produces and consumes these
plain dataclasses; nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """Something worth telling the user, tied to a place the user can open.

    `file` is a POSIX path relative to the project folder, as an editor or git shows it; a
    path that ends in `/` names a folder, `PROJECT_FOLDER` (`./`) the project itself (a
    project without a lakefile, say). `line` counts from 1 and is a line of that file: a
    problem of a whole file (it cannot be read, it is binary) is at its line 1, so that
    every `path:line` opens in an editor. A folder has no lines: its `line` is 0, and only a
    folder's is. Print `where`: `path:line`, or the folder's path alone; GitHub annotations
    of a folder name no file.
    """

    file: str
    line: int
    severity: Severity
    message: str

    @property
    def where(self) -> str:
        """`path:line`, or a folder's path alone (line 0)."""
        return f"{self.file}:{self.line}" if self.line > 0 else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


#: the `file` of a diagnostic about the project folder as a whole (with line 0)
PROJECT_FOLDER = "./"


class BlueprintError(Exception):
    """The one exception type of the tool: a message tied to `path:line`."""

    exit_code = 1  # what the command line exits with

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class UsageError(BlueprintError):
    """A command asked for something it must not do (replace the project with its site, say):
    nothing was done, and the command line exits with 2 as for a wrong option."""

    exit_code = 2


class StatusSource(StrEnum):
    """Where formalization status comes from."""

    AUTO = "auto"  # the Lean sources when there are any, else the annotations
    LEAN = "lean"
    ANNOTATIONS = "annotations"


class EdgeKind(StrEnum):
    STATEMENT = "statement"  # used in the statement: dashed
    PROOF = "proof"  # used in the proof: solid


class Border(StrEnum):
    MATHLIB = "mathlib"
    STATED = "stated"
    CAN_STATE = "can_state"
    NOT_READY = "not_ready"
    NONE = "none"


class Fill(StrEnum):
    FULLY_PROVED = "fully_proved"
    PROVED = "proved"
    DEFINED = "defined"
    CAN_PROVE = "can_prove"
    NONE = "none"


@dataclass
class Part:
    """A statement or a proof, with the blueprint macros found inside it."""

    text: str  # LaTeX source of the body, blueprint macros removed
    file: str
    line: int
    lean: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)
    leanok: bool = False
    mathlibok: bool = False
    notready: bool = False
    # a proof with nothing in it but spaces, comments and \par: leanblueprint takes it
    # for no proof at all (its plasTeX element is empty, hence false)
    empty: bool = False
    #: `\uses` labels that name nothing (reported by the reader; no edge)
    unknown_uses: list[str] = field(default_factory=list)


@dataclass
class Node:
    """One graph node: a theorem-like environment of the blueprint."""

    id: str
    env: str
    is_definition: bool
    title: str | None
    statement: Part
    proof: Part | None = None
    labelled: bool = True
    chapter: str | None = None  # title of the enclosing chapter (or dep_by unit)
    section: str | None = None  # title of the enclosing section
    number: str | None = None  # displayed number, e.g. "2.3"
    discussion: str | None = None
    also_in: list[str] = field(default_factory=list)
    # further labels that also name this node (`\label{A, B}`, or a second `\label`)
    aliases: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.statement.file

    @property
    def has_proof(self) -> bool:
        """Whether a proof with something in it is written: the condition of "ready to prove"."""
        return self.proof is not None and not self.proof.empty

    @property
    def line(self) -> int:
        return self.statement.line

    @property
    def lean(self) -> list[str]:
        return self.statement.lean


@dataclass
class Heading:
    """A \\chapter, \\section, ... in document order (for the document pages)."""

    level: str  # "part" | "chapter" | "section" | "subsection" | "subsubsection"
    title: str
    label: str | None
    number: str | None
    file: str
    line: int


@dataclass
class Options:
    """The blueprint package options and preamble settings."""

    thms: list[str] = field(
        default_factory=lambda: ["definition", "lemma", "proposition", "theorem", "corollary"]
    )
    dep_by: str | None = None  # "chapter" | "section" | "part"
    nonreduced: bool = False
    title: str | None = None  # the document's \title{...}
    graph_title: str | None = None  # the package option `title=` (the graph page's title)
    home: str | None = None
    github: str | None = None
    dochome: str | None = None
    # \graphcolor{key}{colour}{description}
    colors: dict[str, str] = field(default_factory=dict)
    color_descriptions: dict[str, str] = field(default_factory=dict)


@dataclass
class Blueprint:
    """Everything the LaTeX reader learns from a blueprint."""

    nodes: list[Node]
    options: Options
    headings: list[Heading] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, in order
    # The text of each of `files` as it was loaded (read once, undecodable bytes replaced),
    # by path, read-only: the document pages are made from it, never from the disk again.
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class SiteOptions:
    """How the site is made, beyond what the project says."""

    offline_math: bool = False  # MathJax copied into the site (from npm) instead of a CDN
