"""Typed data shared by every stage of the pipeline.

The core (readers, Lean scanner, status rules) produces and consumes these plain dataclasses;
nothing here does I/O. Every reader, whatever the format it reads, returns a `Blueprint`: its
nodes, and its document in reading order (`DocumentItem`s), each text tagged with the
`Syntax` it is written in.
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


class ColorKey(StrEnum):
    """What a colour of the graph stands for (`\\graphcolor{key}{colour}{description}`): a
    border or a fill."""

    MATHLIB = "mathlib"
    STATED = "stated"
    CAN_STATE = "can_state"
    NOT_READY = "not_ready"
    PROVED = "proved"
    CAN_PROVE = "can_prove"
    DEFINED = "defined"
    FULLY_PROVED = "fully_proved"


class DeclarationStatus(StrEnum):
    """Where a `\\lean` name was found, as far as the status from Lean goes."""

    FORMALIZED = "formalized"  # declared in a file a library root imports
    NOT_COMPILED = "not_compiled"  # declared in a file nothing compiles
    PROOF_WANTED = "proof_wanted"  # only a `proof_wanted` (or an `example`)
    DEPENDENCY = "dependency"  # declared in a dependency's sources
    MACRO = "macro"  # made by one of the project's macros (`[lean] name_patterns`)
    MISSING = "missing"  # declared nowhere we looked


class Syntax(StrEnum):
    """The markup a text of the blueprint is written in: the site converts each into the same
    typed items."""

    LATEX = "latex"
    VERSO = "verso"


@dataclass(frozen=True)
class Planning:
    """Who and what a task takes, where a format says it (Verso Blueprint's node options):
    shown in the node panel and on the task board."""

    owner: str | None = None
    priority: str | None = None  # high, medium, low
    effort: str | None = None  # small, medium, large
    tags: tuple[str, ...] = ()
    pr_url: str | None = None
    issue_url: str | None = None


@dataclass
class Part:
    """A statement or a proof, with the blueprint macros found inside it."""

    text: str  # the body, blueprint macros removed: what it says (in `syntax`)
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
    #: the body as written, blueprint macros and equation labels in (what the pages show);
    #: None when it is `text`
    body: str | None = None
    syntax: Syntax = Syntax.LATEX
    #: `\uses` labels that name nothing (reported by the reader; no edge)
    unknown_uses: list[str] = field(default_factory=list)
    #: the labels of `uses` that nobody wrote: LeanArchitect infers them from the names
    #: the Lean declaration refers to (an edge "inferred", not "explicit")
    inferred_uses: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        """What the pages show of this part: its body as written."""
        return self.text if self.body is None else self.body


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
    planning: Planning | None = None
    #: options of the source that this tool does not know (a LeanArchitect fork's `message`),
    #: as (name, value as written): shown in the node panel
    extra: tuple[tuple[str, str], ...] = ()
    #: written in Lean (LeanArchitect's `@[blueprint]`): its `\leanok`, `\mathlibok` and
    #: inferred uses were computed from the Lean code, by LeanArchitect's rules; they are the
    #: status from Lean, not claims to check against it
    from_lean: bool = False

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


class Level(StrEnum):
    """The levels of headings, outermost first."""

    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    SUBSECTION = "subsection"
    SUBSUBSECTION = "subsubsection"


@dataclass
class Heading:
    """A \\chapter, \\section, ... of the document."""

    level: Level
    title: str  # as written (in `syntax`), its \label taken out
    label: str | None
    number: str | None  # None when unnumbered (starred, or deeper than numbers go)
    file: str
    line: int
    starred: bool = False
    syntax: Syntax = Syntax.LATEX


@dataclass(frozen=True)
class Prose:
    """Text of the document between the other items."""

    text: str
    file: str
    line: int
    syntax: Syntax = Syntax.LATEX


@dataclass(frozen=True)
class NodePlace:
    """Where the document shows a node's statement, or its proof (the text is the node's)."""

    node: str  # its id
    proof: bool  # the proof; else the statement
    file: str
    line: int


@dataclass(frozen=True)
class Environment:
    """A theorem-like environment that is no node (a remark, an example), or a proof that
    belongs to none."""

    env: str  # "remark", "proof"
    title: str | None  # the optional title, as written
    text: str  # the body, as written
    file: str
    line: int
    syntax: Syntax = Syntax.LATEX


@dataclass(frozen=True)
class Bibliography:
    """A list of references: (key, text) entries in order."""

    entries: tuple[tuple[str, str], ...]
    file: str
    line: int
    syntax: Syntax = Syntax.LATEX


#: one piece of the document, in reading order
DocumentItem = Heading | Prose | NodePlace | Environment | Bibliography


@dataclass(frozen=True)
class Macro:
    """A macro of the blueprint's own: `\\newcommand{\\name}[args]{body}` (for the pages and for
    MathJax)."""

    args: int
    body: str
    default: str | None = None  # the optional first argument's default


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
    colors: dict[ColorKey, str] = field(default_factory=dict)
    color_descriptions: dict[ColorKey, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LeanSources:
    """Where the Lean code the nodes name is, when the blueprint says (a Verso Blueprint's
    package requires it by path: FLT's `blueprint-verso/` requires `..`)."""

    folder: str  # the Lake package's folder, relative to the project ("" is the project)
    #: why it cannot be read (a git submodule that is not checked out): the nodes' Lean
    #: names are then not checked; None when it can
    missing: str | None = None
    #: files of the project that are no Lean code to scan (Verso documents)
    documents: frozenset[str] = frozenset()


@dataclass
class Blueprint:
    """Everything a reader learns from a blueprint, whatever its format: the nodes, and the
    document in reading order (the site's chapter pages are made from it)."""

    nodes: list[Node]
    options: Options
    document: list[DocumentItem] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file read, in order
    # The text of each of `files` as it was loaded (read once, undecodable bytes replaced),
    # by path, read-only: what the diagnostics' lines refer to.
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: the blueprint's own macros, by name
    macros: Mapping[str, Macro] = field(default_factory=lambda: MappingProxyType({}))
    #: what each kind of node or environment is called in print: `lemma` -> `Lemma`
    kind_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: the syntax of the texts that carry none of their own: `Node.chapter`, `Node.section`
    #: and `Options.title`
    syntax: Syntax = Syntax.LATEX
    #: where the Lean code is, when the blueprint says (None: the project's own lakefile)
    lean_sources: LeanSources | None = None

    @property
    def headings(self) -> list[Heading]:
        """The document's headings, in reading order."""
        return [item for item in self.document if isinstance(item, Heading)]


@dataclass(frozen=True)
class SiteOptions:
    """How the site is made, beyond what the project says."""

    offline_math: bool = False  # MathJax copied into the site (from npm) instead of a CDN
