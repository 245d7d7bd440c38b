"""Stage two: walk the prepared files, macro by macro, and build the blueprint.

Only the macros that matter are looked at (one regular expression finds them); the text
between them is kept as it is. Files are followed with an explicit stack of cursors and
environments with an explicit stack of frames, so nothing recurses per nesting level.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from types import MappingProxyType
from typing import Protocol

from blueprint.model import Blueprint, Diagnostic, Heading, Level, Macro, Options, Severity
from blueprint.readers.latex.args import Arg, group, optional, split_list, squash, star
from blueprint.readers.latex.document import (
    BibliographyDraft,
    DocumentBuilder,
    bibliography_entries,
)
from blueprint.readers.latex.macros import read_macros
from blueprint.readers.latex.preamble import DEFINITIONS, IN_PACKAGES, PREAMBLE_MACROS, Preamble
from blueprint.readers.latex.resolve import LabelInfo, PartDraft, Resolver
from blueprint.readers.latex.source import Cursor, Source, body_text, normalize_newlines, prepare
from blueprint.readers.latex.theorems import HEADING_LEVELS, Counters, Theorems
from blueprint.suggest import Suggestions

Loader = Callable[[str], str]

_ANNOTATIONS = [
    "label",
    "lean",
    "leanok",
    "uses",
    "proves",
    "mathlibok",
    "notready",
    "discussion",
    "alsoIn",
]
_FLAGS = ("leanok", "mathlibok", "notready")
# LeanArchitect's macros (its Output.lean): `\newleannode{label}{\input{artifact}}` and
# `\newleanmodule{Module}{body}` record a body, `\inputleannode`/`\inputleanmodule` read it
_LEAN_MACROS = ("newleannode", "newleanmodule", "inputleannode", "inputleanmodule")
_LAKE_OUTPUT = ".lake/build/blueprint/"  # where `lake build :blueprint` writes them
_NAMES = (
    *["begin", "end", "input", "include", "appendix"],
    *_LEAN_MACROS,
    *_ANNOTATIONS,
    *PREAMBLE_MACROS,
    *HEADING_LEVELS,
    *DEFINITIONS,
)
_EVENT = re.compile(
    r"\\\\|\\(" + "|".join(sorted(_NAMES, key=len, reverse=True)) + r")(?![a-zA-Z@])"
)
_BARE_FILE = re.compile(r"[ \t]*([^\s{}\\%]+)")
_LABEL_IN_TITLE = re.compile(r"\\label\s*\{([^{}]*)\}")
_EMPTY_BODY = re.compile(r"(?:\s|\\par(?![a-zA-Z@]))*")  # what plasTeX leaves no node for
OWN_LABEL_ENVS = frozenset(
    [
        "equation",
        "align",
        "gather",
        "multline",
        "flalign",
        "alignat",
        "eqnarray",
        "enumerate",
        "figure",
        "table",
        "subequations",
    ]
)
MAX_LOADS = 10_000
MAX_EXPANSIONS = 50_000  # \inputleannode and \inputleanmodule bodies read
MAX_PER_FILE = 200  # diagnostics reported a file
MAX_TEXT = 100_000  # characters of a statement or proof kept


class Kind(Enum):
    STATEMENT = auto()  # a theorem-like environment, a graph node or not
    PROOF = auto()
    OWN_LABEL = auto()  # an environment a \label inside names (equation, enumerate, ...)
    OTHER = auto()
    DOCUMENT = auto()


@dataclass
class Frame:
    """An open environment."""

    env: str
    kind: Kind
    src: Source
    line: int
    body: int  # offset where its body starts
    part: PartDraft | None = None
    inner: int | None = None  # where the first statement or proof nested in it begins
    bibliography: BibliographyDraft | None = None  # a `thebibliography` of the document
    item: bool = False  # an item of the document of its own (see `DocumentBuilder`)


class LeanInputs(Protocol):
    """What `\\inputleannode` and `\\inputleanmodule` read when no `\\newleannode` or
    `\\newleanmodule` defines it: a LeanArchitect blueprint read from the Lean sources."""

    def output(self, path: str) -> bool:
        """The document inputs LeanArchitect's output at `path` (under
        `.lake/build/blueprint/`): whether to read it; else the Lean sources stand for it."""

    def missing(self, macro: str, file: str, line: int) -> None:
        """The output that `macro`, at `file:line`, inputs is not there: the Lean sources
        stand for it (said, or an error if they hold no blueprint, once the document is
        read)."""

    def body(self, kind: str, name: str) -> tuple[Source, str] | None:
        """The LaTeX of a node (`kind` "leannode", `name` its label) or of a module
        ("leanmodule"), as a source mapped to the lines of its Lean file, and the text of
        that file; None when there is no such node or module."""

    def unknown(self, kind: str, name: str) -> str:
        """Why `body` has nothing for that name, and what was probably meant."""


class Reader(Preamble):
    """One reading of a blueprint."""

    def __init__(self, load: Loader, climb: int = 0, lean: LeanInputs | None = None):
        self.load = load
        self.climb = climb
        self.lean = lean
        self.lake_output = False  # LeanArchitect's output was read: it defines the nodes
        self.options = Options()
        self.counters = Counters()
        self.theorems = Theorems(self.counters)
        self.diagnostics: list[Diagnostic] = []
        # path -> (text, its decoding error), in the order first read: each file is loaded
        # once, whatever includes it
        self.texts: dict[str, tuple[str, Diagnostic | None]] = {}
        self.loads = 0
        self.cursors: list[Cursor] = []
        self.frames: list[Frame] = []
        self.part_frames: list[Frame] = []  # STATEMENT and PROOF frames
        self.label_frames: list[Frame] = []  # ... and OWN_LABEL ones
        self.open_envs: Counter[str] = Counter()
        self.statements: list[PartDraft] = []
        self.proofs: list[PartDraft] = []
        self.labels: dict[str, LabelInfo] = {}
        self.headings: list[Heading] = []
        self.units: dict[str, str] = {}  # heading level -> title of the current one
        self.last_statement: PartDraft | None = None
        self.last_heading: Heading | None = None  # a \label right after it names it
        self.done = False
        self.packages: set[str] = set()
        self.blueprint_loaded = False
        # ("leannode" or "leanmodule", name) -> the file and span of its recorded body
        self.lean_bodies: dict[tuple[str, str], tuple[Source, int, int]] = {}
        self.expansions = 0
        self.suggestions = Suggestions()
        self.document = DocumentBuilder()
        self.macros: dict[str, Macro] = {}  # of the document's own files, in reading order

    # -- driving ---------------------------------------------------------------------

    def read(self, root: str) -> Blueprint:
        root = posixpath.normpath(root)
        src = self._load(root)
        if isinstance(src, Source):
            self.document.start(src)
            self._enter(src)
        else:
            reason = "no such file" if src is None else src
            self.diagnostics.append(Diagnostic(root, 1, Severity.ERROR, f"cannot read: {reason}"))
        while self.cursors and not self.done:
            self._step(self.cursors[-1])
        for frame in self.frames:
            if frame.kind is Kind.DOCUMENT and not self.done:
                self._at(frame.src, frame.line, Severity.WARNING, "\\begin{document} never closed")
        if self.options.dep_by is None and all(h.level != "chapter" for h in self.headings):
            for part in self.statements:  # sections are the top unit, as on the document pages
                part.chapter = part.section
        resolver = Resolver(
            self.statements,
            self.proofs,
            self.labels,
            {heading.label for heading in self.headings if heading.label},
            self.options.thms,
        )
        nodes = resolver.run()
        return Blueprint(
            nodes=nodes,
            options=self.options,
            document=self.document.document(resolver.ids, resolver.proof_of),
            diagnostics=summarise([*self.diagnostics, *resolver.diagnostics]),
            files=list(self.texts),
            sources=MappingProxyType({path: text for path, (text, _) in self.texts.items()}),
            macros=MappingProxyType(self.macros),
            kind_names=MappingProxyType(
                {env: decl.title for env, decl in self.theorems.decls.items()}
            ),
        )

    def _step(self, cur: Cursor) -> None:
        text = cur.src.text
        match = _EVENT.search(text, cur.pos, len(text) if cur.end is None else cur.end)
        if match is None:
            self._end_of_file(cur)
            self.document.end_of_file(cur, len(text) if cur.end is None else cur.end)
            self.cursors.pop()
            return
        skip_to = self._opaque_end(cur, match.start())
        if skip_to is not None:
            cur.pos = skip_to
            return
        name = match.group(1)
        cur.pos = match.end()
        if name is None or (cur.sty and name not in IN_PACKAGES):
            return
        cur.pos = self._handler(name)(cur, match)

    def _handler(self, name: str) -> Callable[[Cursor, re.Match[str]], int]:
        if name in DEFINITIONS:
            return self._definition
        if name in HEADING_LEVELS:
            return self._heading
        if name in _FLAGS or name in _ANNOTATIONS[1:]:
            return self._annotation
        handler: Callable[[Cursor, re.Match[str]], int] = getattr(self, f"_cs_{name}")
        return handler

    def _opaque_end(self, cur: Cursor, pos: int) -> int | None:
        spans = cur.src.opaque
        index = cur.opaque_index
        while index < len(spans) and spans[index][1] <= pos:
            index += 1
        cur.opaque_index = index
        if index < len(spans) and spans[index][0] <= pos:
            return spans[index][1]
        return None

    def _end_of_file(self, cur: Cursor) -> None:
        src = cur.src
        while (
            self.frames
            and self.frames[-1].src is src
            and cur.start <= self.frames[-1].body <= (cur.end or len(src.text))  # opened here
            and self.frames[-1].kind is not Kind.DOCUMENT
        ):
            frame = self._pop()
            self._at(
                src,
                frame.line,
                Severity.ERROR,
                f"\\begin{{{frame.env}}} is never closed in this file",
            )
            self._close(frame, len(src.text) if cur.end is None else cur.end, closed=False)

    # -- diagnostics -----------------------------------------------------------------

    def _report(self, cur: Cursor, pos: int, severity: Severity, message: str) -> None:
        if not cur.sty:
            self._at(cur.src, cur.src.line(pos), severity, message)

    def _at(self, src: Source, line: int, severity: Severity, message: str) -> None:
        self.diagnostics.append(Diagnostic(src.path, line, severity, message))

    # -- files -----------------------------------------------------------------------

    def _load(self, path: str) -> Source | str | None:
        """The prepared file; None if absent; a reason if unreadable. Bytes that are not
        UTF-8 are read as replacement characters, with an error at the first bad line.
        A file read before is not loaded again: every use of it sees the same text."""
        if self.loads >= MAX_LOADS:
            return f"more than {MAX_LOADS} files read: stopped"
        loaded = self.texts.get(path)
        if loaded is None:
            undecodable: Diagnostic | None = None
            try:
                raw = self.load(path)
            except FileNotFoundError:
                return None
            except UnicodeDecodeError as error:
                raw, undecodable = decode_replacing(path, error)
            except (OSError, ValueError) as error:
                return error.strerror or str(error) if isinstance(error, OSError) else str(error)
            loaded = self.texts[path] = (raw, undecodable)
            first = True
        else:
            first = False
        raw, undecodable = loaded
        self.loads += 1
        src = prepare(path, raw)
        if first and not path.startswith("../"):  # the document's own files
            self.macros.update(read_macros(src))
        if undecodable is not None:
            src.diagnostics.insert(0, undecodable)
        return src

    def _enter(self, src: Source) -> None:
        """Start reading `src` (its stage-one problems are reported now); a file that
        LeanArchitect's LaTeX inputs is LeanArchitect's too."""
        self.diagnostics.extend(src.diagnostics)
        lean = bool(self.cursors) and self.cursors[-1].lean
        self.cursors.append(Cursor(src, lean=lean))

    def _cs_input(self, cur: Cursor, match: re.Match[str]) -> int:
        name, end = self._input_name(cur, match)
        self.document.cut(cur, match.start(), end)
        if name and not name.endswith((".sty", ".cls")):
            self._follow(cur, match, name)
        return end

    def _input_name(self, cur: Cursor, match: re.Match[str]) -> tuple[str | None, int]:
        """The file name of `\\input`, and where the macro ends."""
        arg = group(cur.src, match.end())
        if arg is None:
            bare = _BARE_FILE.match(cur.src.text, match.end())
            if bare is None:
                self._report(cur, match.start(), Severity.ERROR, "\\input without a file name")
                return None, match.end()
            return bare.group(1), bare.end()
        if not arg.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\input{: unbalanced braces")
            return None, arg.end
        return squash(arg.value).strip('"'), arg.end

    _cs_include = _cs_input

    def _follow(self, cur: Cursor, match: re.Match[str], name: str) -> None:
        macro = f"\\{match.group(1)}{{{name}}}"
        lake = lake_output_name(name, self.climb)
        output = lake[lake.index(_LAKE_OUTPUT) + len(_LAKE_OUTPUT) :] if lake else None
        if output is not None and self.lean is not None and not self.lean.output(output):
            message = (
                f"{macro}: LeanArchitect's output is not read: the nodes come from the Lean"
                ' sources ([blueprint] format = "leanarchitect")'
            )
            self._report(cur, match.start(), Severity.INFO, message)
            return
        if lake is not None:  # LeanArchitect's paths start at the project's root, or are absolute
            candidates, refusal = input_candidates(lake, "", self.climb)
        else:
            candidates, refusal = input_candidates(name, cur.src.path, self.climb)
        if refusal:
            self._report(cur, match.start(), Severity.ERROR, f"{macro}: {refusal}; not read")
            return
        for path in candidates:
            chain = [c.src.path for c in self.cursors]
            if path in chain:
                cycle = " -> ".join([*chain[chain.index(path) :], path])
                self._report(
                    cur,
                    match.start(),
                    Severity.ERROR,
                    f"{macro}: \\input cycle ({cycle}); not followed",
                )
                return
            src = self._load(path)
            if src is None:
                continue
            if isinstance(src, str):
                self._report(
                    cur, match.start(), Severity.ERROR, f"{macro}: cannot read {path}: {src}"
                )
                return
            self._enter(src)
            self.lake_output = self.lake_output or lake is not None
            return
        if lake is not None and self.lean is not None:
            if not cur.sty:
                self.lean.missing(macro, cur.src.path, cur.src.line(match.start()))
            return
        looked = ", ".join(candidates)
        if name.endswith(".bbl"):  # made by bibtex during a TeX build, rarely committed
            # Information only: we build without TeX, so this file never exists unless the
            # project commits it, and `--strict` must not fail every project that inputs it.
            message = f"{macro}: no such file (a bibliography made by bibtex; not needed here)"
            self._report(cur, match.start(), Severity.INFO, message)
            return
        message = f"{macro}: no such file (looked for {looked})"
        if lake is not None or _LAKE_OUTPUT in f"{name}/":  # LeanArchitect writes its nodes there
            message += (
                "; it is LeanArchitect's output: run `lake build :blueprint` in the project"
                " first to write it (its nodes are read from there)"
            )
        self._report(cur, match.start(), Severity.ERROR, message)

    # -- LeanArchitect's nodes and modules -------------------------------------------

    def _cs_newleannode(self, cur: Cursor, match: re.Match[str]) -> int:
        """`\\newleannode{label}{body}`, `\\newleanmodule{Module}{body}`: the body is
        recorded (as TeX's \\gdef does: a later one replaces it), not read here."""
        src, macro = cur.src, match.group(1)
        name = group(src, match.end())
        body = group(src, name.end) if name is not None and name.closed else None
        if name is None or body is None or not body.closed:
            self._report(cur, match.start(), Severity.ERROR, f"\\{macro} without {{name}}{{...}}")
            return match.end() if name is None else body.end if body else name.end
        self.lean_bodies[(macro[3:], squash(name.value))] = (src, body.start, body.end - 1)
        return body.end

    _cs_newleanmodule = _cs_newleannode

    def _cs_inputleannode(self, cur: Cursor, match: re.Match[str]) -> int:
        """`\\inputleannode{label}`, `\\inputleanmodule{Module}`: the recorded body is
        read here, as an \\input of it would be (its own file and lines kept)."""
        src, macro = cur.src, match.group(1)
        arg = group(src, match.end())
        if arg is None or not arg.closed:
            self._report(cur, match.start(), Severity.ERROR, f"\\{macro} without {{name}}")
            return match.end() if arg is None else arg.end
        kind, name = macro[5:], squash(arg.value)
        call = f"\\{macro}{{{name}}}"
        self.document.cut(cur, match.start(), arg.end)  # what it inputs shows there, if any
        found = self.lean_bodies.get((kind, name))
        if found is None and self.lean is not None and not self.lake_output:
            return self._lean_source(cur, match, arg.end, kind, name, call)
        if found is None:
            self._report(cur, match.start(), Severity.ERROR, self._unknown_lean(kind, name, call))
            return arg.end
        chain = [c.expands for c in self.cursors if c.expands]
        if call in chain:
            cycle = " -> ".join([*chain[chain.index(call) :], call])
            message = f"{call}: it inputs itself ({cycle}); not followed"
            self._report(cur, match.start(), Severity.ERROR, message)
            return arg.end
        if self.expansions >= MAX_EXPANSIONS:
            message = f"{call}: more than {MAX_EXPANSIONS} Lean nodes and modules read: stopped"
            self._report(cur, match.start(), Severity.ERROR, message)
            return arg.end
        self.expansions += 1
        body_src, start, end = found
        self.cursors.append(
            Cursor(body_src, pos=start, end=end, start=start, expands=call, lean=True, prose=start)
        )
        return arg.end

    _cs_inputleanmodule = _cs_inputleannode

    def _lean_source(
        self, cur: Cursor, match: re.Match[str], end: int, kind: str, name: str, call: str
    ) -> int:
        """`\\inputleannode{label}`, `\\inputleanmodule{Module}` read from the Lean
        sources (see `LeanInputs`): as an \\input of the LaTeX LeanArchitect would write."""
        assert self.lean is not None
        chain = [c.expands for c in self.cursors if c.expands]
        if call in chain:  # a module's prose that inputs the module
            cycle = " -> ".join([*chain[chain.index(call) :], call])
            message = f"{call}: it inputs itself ({cycle}); not followed"
            self._report(cur, match.start(), Severity.ERROR, message)
            return end
        found = self.lean.body(kind, name)
        if found is None:
            message = f"{call}: {self.lean.unknown(kind, name)}"
            self._report(cur, match.start(), Severity.WARNING, message)
            return end
        src, text = found
        self.texts.setdefault(src.path, (text, None))
        self.diagnostics.extend(src.diagnostics)
        self.cursors.append(Cursor(src, expands=call, lean=True))
        return end

    def _unknown_lean(self, kind: str, name: str, call: str) -> str:
        what = "Lean node" if kind == "leannode" else "Lean module"
        known = [known for of, known in self.lean_bodies if of == kind]
        if not known:
            return (
                f"{call}: unknown {what}: no \\new{kind} defines any yet (LeanArchitect's"
                f" output: run `lake build :blueprint`, and \\input its"
                f" {_LAKE_OUTPUT}library/ file before this)"
            )
        return f"{call}: unknown {what}{self.suggestions.hint(name, known)}"

    # -- structure -------------------------------------------------------------------

    def _heading(self, cur: Cursor, match: re.Match[str]) -> int:
        src, level = cur.src, match.group(1)
        starred, pos = star(src.text, match.end())
        short = optional(src, pos)
        arg = group(src, short.end if short and short.closed else pos)
        if arg is None or not arg.closed:
            self._report(cur, match.start(), Severity.ERROR, f"\\{level} without {{title}}")
            return pos
        self._close_parts(cur, match.start(), f"\\{level}")
        label_match = _LABEL_IN_TITLE.search(arg.value)
        title = _LABEL_IN_TITLE.sub("", arg.value).strip()
        number = None
        if not starred:
            self.counters.step(level)
            secnumdepth = 2 if self.counters.has_chapters else 3
            if HEADING_LEVELS.index(level) - 1 <= secnumdepth:
                number = self.counters.the(level)
        line = src.line(match.start())
        heading = Heading(Level(level), title, None, number, src.path, line, starred)
        self.headings.append(heading)
        self.document.heading(cur, match.start(), arg.end, heading)
        self.last_heading = heading
        if label_match:
            self._name_heading(heading, squash(label_match.group(1)), src, line)
        for deeper in HEADING_LEVELS[HEADING_LEVELS.index(level) :]:
            self.units.pop(deeper, None)
        self.units[level] = squash(title)
        self.last_statement = None
        return arg.end

    def _name_heading(self, heading: Heading, label: str, src: Source, line: int) -> None:
        if self._register(label, src, line, f"{heading.level} heading"):
            heading.label = label
        self.last_heading = None

    def _cs_appendix(self, cur: Cursor, match: re.Match[str]) -> int:
        self.counters.start_appendix()
        return match.end()

    def _close_parts(self, cur: Cursor, pos: int, by: str) -> None:
        """A heading inside a statement or proof: close them (and what they hold)."""
        if not self.part_frames:
            return
        outermost = self.part_frames[0]
        while self.frames:
            frame = self._pop()
            message = f"\\begin{{{frame.env}}} is never closed ({by} at line {cur.src.line(pos)})"
            self._at(frame.src, frame.line, Severity.ERROR, message)
            self._close(frame, self._end_offset(frame, cur, pos), closed=False)
            if frame is outermost:
                return

    def _kind(self, env: str) -> Kind:
        if env == "proof":
            return Kind.PROOF
        if env == "document":
            return Kind.DOCUMENT
        if env in self.theorems or env in self.options.thms:
            return Kind.STATEMENT
        return Kind.OWN_LABEL if env in OWN_LABEL_ENVS else Kind.OTHER

    def _cs_begin(self, cur: Cursor, match: re.Match[str]) -> int:
        src = cur.src
        arg = group(src, match.end())
        if arg is None or not arg.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\begin without {environment}")
            return match.end()
        env = squash(arg.value)
        kind = self._kind(env)
        frame = Frame(env, kind, src, src.line(match.start()), arg.end)
        if kind in (Kind.STATEMENT, Kind.PROOF):
            title = optional(src, arg.end)
            if title is not None and not title.closed:
                self._report(
                    cur,
                    title.start,
                    Severity.WARNING,
                    f"\\begin{{{env}}}[ without its ]: read as text",
                )
                title = None
            frame.body = title.end if title else arg.end
            frame.part = self._new_part(frame, title.value if title else None)
            frame.item = self.document.begin_item(cur, match.start(), frame.part)
        elif kind is Kind.DOCUMENT:
            self.document.begin_document(cur, match.start(), arg.end)
        elif env == "thebibliography":
            draft = BibliographyDraft(src.path, frame.line)
            if self.document.begin_item(cur, match.start(), draft):
                frame.bibliography, frame.item = draft, True
        if kind in (Kind.STATEMENT, Kind.OWN_LABEL):
            self.last_heading = None
        self._push(frame, match.start())
        return frame.body

    def _new_part(self, frame: Frame, written_title: str | None) -> PartDraft:
        title = squash(written_title) if written_title is not None else None
        part = PartDraft(frame.env, frame.src.path, frame.line, title=title or None)
        part.written_title = written_title
        if frame.kind is Kind.PROOF:
            part.is_proof = True
            part.after = (
                self.part_frames[-1].part if self._open_statement() else self.last_statement
            )
            self.proofs.append(part)
            return part
        part.is_node = frame.env in self.options.thms
        part.number = self.theorems.step(frame.env)
        part.chapter = self.units.get(self.options.dep_by or "chapter")
        part.section = self.units.get("section")
        self.statements.append(part)
        return part

    def _open_statement(self) -> bool:
        return bool(self.part_frames) and self.part_frames[-1].kind is Kind.STATEMENT

    def _cs_end(self, cur: Cursor, match: re.Match[str]) -> int:
        arg = group(cur.src, match.end())
        if arg is None or not arg.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\end without {environment}")
            return match.end()
        env = squash(arg.value)
        if self.open_envs[env] == 0:
            self._report(
                cur,
                match.start(),
                Severity.ERROR,
                f"\\end{{{env}}} without \\begin{{{env}}}: ignored",
            )
            return arg.end
        if env == "document":
            self.document.end_document(cur, match.start())
        while self.frames:
            frame = self._pop()
            if frame.env != env:
                where = cur.src.line(match.start())
                message = f"\\begin{{{frame.env}}} is never closed (\\end{{{env}}} at line {where})"
                self._at(frame.src, frame.line, Severity.ERROR, message)
            end = self._end_offset(frame, cur, match.start())
            closed = frame.env == env
            after = arg.end if closed and frame.src is cur.src else None
            self._close(frame, end, closed, after)
            if closed:
                break
        self.done = env == "document"
        return arg.end

    def _end_offset(self, frame: Frame, cur: Cursor, pos: int) -> int:
        """Where `frame`'s body ends, in its own file, when `cur` closes it at `pos`."""
        if frame.src is cur.src:
            return pos
        for other in self.cursors:
            if other.src is frame.src:
                return other.pos
        return len(frame.src.text)

    def _push(self, frame: Frame, begin: int) -> None:
        self.frames.append(frame)
        self.open_envs[frame.env] += 1
        if frame.kind in (Kind.STATEMENT, Kind.PROOF):
            outer = self.part_frames[-1] if self.part_frames else None
            if outer is not None and outer.src is frame.src and outer.inner is None:
                outer.inner = begin
            self.part_frames.append(frame)
        if frame.kind in (Kind.STATEMENT, Kind.PROOF, Kind.OWN_LABEL):
            self.label_frames.append(frame)

    def _pop(self) -> Frame:
        frame = self.frames.pop()
        self.open_envs[frame.env] -= 1
        if frame.kind in (Kind.STATEMENT, Kind.PROOF):
            self.part_frames.pop()
        if frame.kind in (Kind.STATEMENT, Kind.PROOF, Kind.OWN_LABEL):
            self.label_frames.pop()
        return frame

    def _close(self, frame: Frame, end: int, closed: bool = True, after: int | None = None) -> None:
        """Finish `frame` at `end` (its `\\end` ends at `after`, when it is in the same file);
        one never `closed` ends where a nested statement or proof begins, if any (probably
        where it was meant to end)."""
        if frame.item:
            reader = next((c for c in reversed(self.cursors) if c.src is frame.src), None)
            self.document.end_item(reader, end if after is None else after)
        if frame.bibliography is not None:
            frame.bibliography.entries = bibliography_entries(frame.src, frame.body, end)
        if frame.part is None:
            return
        if not closed and frame.inner is not None:
            end = min(end, frame.inner)
        frame.part.body = frame.src.text[frame.body : max(end, frame.body)]
        if end - frame.body > MAX_TEXT:
            end = frame.body + MAX_TEXT
            self._at(frame.src, frame.line, Severity.INFO,
                     f"{frame.env} longer than {MAX_TEXT} characters: text cut")  # fmt: skip
        frame.part.text = body_text(frame.src, frame.body, max(end, frame.body))
        if frame.kind is Kind.PROOF:  # comments are already out of the text
            body_end = max(end, frame.body)
            frame.part.empty = bool(_EMPTY_BODY.fullmatch(frame.src.text, frame.body, body_end))
        if frame.kind is Kind.STATEMENT:
            self.last_statement = frame.part

    # -- blueprint annotations -------------------------------------------------------

    def _register(
        self, label: str, src: Source, line: int, what: str, part: PartDraft | None = None
    ) -> bool:
        """Record a label; a duplicate is an error and is ignored."""
        first = self.labels.get(label)
        if first is not None:
            message = f"duplicate label {label} (first at {first.file}:{first.line}): ignored here"
            self._at(src, line, Severity.ERROR, message)
            return False
        self.labels[label] = LabelInfo(src.path, line, what, part)
        if part is not None:
            part.labels.append(label)
        return True

    def _cs_label(self, cur: Cursor, match: re.Match[str]) -> int:
        src = cur.src
        arg = group(src, match.end())
        if arg is None or not arg.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\label without {name}")
            return match.end() if arg is None else arg.end
        src.removals.append((match.start(), arg.end))
        names = split_list(arg.value, arg.start)
        owner = self.label_frames[-1] if self.label_frames else None
        if len(names) > 1:
            message = (
                f"\\label{{{squash(arg.value)}}} holds several labels: {names[0][0]} is "
                f"the id, the others are aliases"
            )
            self._report(cur, match.start(), Severity.WARNING, message)
        elif not names:
            self._report(cur, match.start(), Severity.WARNING, "empty \\label{}")
        for name, offset in names:
            line = src.line(offset)
            if owner is not None and owner.kind is Kind.STATEMENT:
                self._register(name, src, line, owner.env, owner.part)
            elif owner is not None:
                display = self._open_display(owner)
                known = self._register(name, src, line, f"{display or owner.env} label")
                if known and not display and owner.kind is Kind.PROOF and owner.part is not None:
                    owner.part.labels.append(name)  # names the node it proves, once attached
            elif self.last_heading is not None:
                self._name_heading(self.last_heading, name, src, line)
            else:
                self._register(name, src, line, "label outside any statement")
        return arg.end

    def _open_display(self, owner: Frame) -> str | None:
        """An unnumbered display (`equation*`, `align*`...) open inside `owner`: a `\\label`
        in it does not name the proof's node (plasTeX gives it to the last numbered one)."""
        for frame in reversed(self.frames):
            if frame is owner:
                return None
            if frame.env.endswith("*") and frame.env[:-1] in OWN_LABEL_ENVS:
                return frame.env
        return None

    def _annotation(self, cur: Cursor, match: re.Match[str]) -> int:
        """\\lean, \\leanok, \\uses, \\proves, \\mathlibok, \\notready, \\discussion, \\alsoIn."""
        src, name = cur.src, match.group(1)
        arg = None
        end = match.end()
        if name not in _FLAGS:
            arg = group(src, end)
            if arg is None or not arg.closed:
                self._report(cur, match.start(), Severity.ERROR, f"\\{name} without {{...}}")
                return end if arg is None else arg.end
            end = arg.end
        src.removals.append((match.start(), end))
        part = self.part_frames[-1].part if self.part_frames else None
        if part is None:
            self._report(
                cur,
                match.start(),
                Severity.WARNING,
                f"\\{name} outside any statement or proof: ignored",
            )
            return end
        part.annotated.append(name)
        if arg is None:
            setattr(part, name, True)
        else:
            self._apply(cur, match, part, arg)
        return end

    def _apply(self, cur: Cursor, match: re.Match[str], part: PartDraft, arg: Arg) -> None:
        src, name = cur.src, match.group(1)
        items = split_list(arg.value, arg.start)
        if name == "lean":
            part.lean.extend(item for item, _ in items if item not in part.lean)
        elif name == "uses":
            part.uses.extend((item, src.path, src.line(offset)) for item, offset in items)
        elif name == "alsoIn":
            part.also_in.extend(item for item, _ in items)
        elif name == "discussion":
            value = squash(arg.value).lstrip("#").strip()
            if part.discussion is not None and part.discussion != value:
                self._report(
                    cur,
                    match.start(),
                    Severity.WARNING,
                    f"second \\discussion in this {part.env}: ignored",
                )
            else:
                part.discussion = value
        elif not part.is_proof:
            self._report(cur, match.start(), Severity.WARNING, "\\proves outside a proof: ignored")
        elif part.proves is not None:
            self._report(
                cur, match.start(), Severity.WARNING, "second \\proves in this proof: ignored"
            )
        else:
            part.proves = (squash(arg.value), src.path, src.line(match.start()))


def input_candidates(
    name: str, including: str, climb: int = 0
) -> tuple[list[str], str | None]:
    """Paths to try for `\\input{name}` from the file `including`, or why not to read it.

    A path may go up `climb` folders above the blueprint folder (to the project's root,
    e.g. a bibliography in `blueprint/print/`), never further."""
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", name):
        return [], "an absolute path is not read"
    names = [name] if name.endswith(".tex") else [f"{name}.tex", name]
    candidates: list[str] = []
    for base in dict.fromkeys(("", posixpath.dirname(including))):
        for option in names:
            path = posixpath.normpath(posixpath.join(base, option))
            if path == ".." or _climbs(path) > climb:
                if base == "":
                    return [], "outside the project" if climb else "outside the blueprint folder"
                continue
            if path not in candidates:
                candidates.append(path)
    return candidates, None


def lake_output_name(name: str, climb: int) -> str | None:
    """`name` from the blueprint folder, if it is in LeanArchitect's output folder: its
    `\\input`s start at the project's root (`./.lake/build/blueprint/...`) or are
    absolute; the blueprint folder is `climb` folders below the root."""
    index = f"/{name}".rfind(f"/{_LAKE_OUTPUT}")
    if index < 0:
        return None
    return posixpath.join(*[".."] * climb, name[index:])


def decode_replacing(path: str, error: UnicodeDecodeError) -> tuple[str, Diagnostic]:
    """The text a loader could not decode, bad bytes replaced by U+FFFD, and an error at
    the line (as the reader counts lines) of the first bad byte."""
    data = bytes(error.object)
    before = normalize_newlines(data[: error.start].decode("utf-8", errors="replace"))
    message = (
        f"not valid UTF-8 (byte 0x{data[error.start]:02x}; save the file as UTF-8): "
        f"read with replacement characters"
    )
    diagnostic = Diagnostic(path, before.count("\n") + 1, Severity.ERROR, message)
    return data.decode("utf-8", errors="replace"), diagnostic


def summarise(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PER_FILE diagnostics a file, then one line for the rest (as severe as
    the worst of them)."""
    counts: Counter[str] = Counter()
    rest: dict[str, list[Diagnostic]] = {}
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        counts[diagnostic.file] += 1
        if counts[diagnostic.file] <= MAX_PER_FILE:
            kept.append(diagnostic)
        else:
            rest.setdefault(diagnostic.file, []).append(diagnostic)
    order = [Severity.INFO, Severity.WARNING, Severity.ERROR]
    for file, more in rest.items():
        worst = max((d.severity for d in more), key=order.index)
        message = f"{len(more)} more problems in this file (the first is at line {more[0].line})"
        kept.append(Diagnostic(file, more[0].line, worst, message))
    return kept


def _climbs(path: str) -> int:
    """How many folders a normalized relative path goes up."""
    parts = path.split("/")
    return next((i for i, part in enumerate(parts) if part != ".."), len(parts))


def read_blueprint(
    root: str, load: Loader, climb: int = 0, lean: LeanInputs | None = None
) -> Blueprint:
    """Read the blueprint whose main file is `root`; `load(path)` gives a file's text
    (paths relative to the blueprint folder, going up at most `climb` folders: the depth
    of the blueprint folder in the project); `lean` resolves `\\inputleannode` and
    `\\inputleanmodule` from the Lean sources. Never raises on bad input: problems are
    `Blueprint.diagnostics`."""
    return Reader(load, climb, lean).read(root)
