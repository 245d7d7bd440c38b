"""Stage one of reading a file: comments out, verbatim marked, braces matched.

`prepare` turns a file's text into a `Source`: the text with `%` comments, `comment`
environments and `\\iffalse ... \\fi` blocks removed (a line ending in `%` joins the next
one, as in TeX), verbatim spans marked as opaque, every brace matched once, and a map
back to the file's real line numbers. One linear pass, driven by a regular expression;
no recursion, whatever the nesting depth.
"""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from blueprint.model import Diagnostic, Severity

VERBATIM_ENVS = (
    "verbatim",
    "verbatim*",
    "Verbatim",
    "Verbatim*",
    "BVerbatim",
    "LVerbatim",
    "lstlisting",
    "minted",
    "filecontents",
    "filecontents*",
)
_SKIPPED_ENVS = "|".join(re.escape(env) for env in (*VERBATIM_ENVS, "comment"))
_TOKEN = re.compile(
    r"\\(?:[\\%{}]|verb\*?(?![a-zA-Z@])|lstinline(?![a-zA-Z@])"
    r"|begin[ \t]*\{(?:" + _SKIPPED_ENVS + r")\}|iffalse(?![a-zA-Z@]))|[%{}]"
)
_CONDITIONAL = re.compile(
    r"\\(?:(if(?:x|cat|num|dim|odd|vmode|hmode|mmode|inner|void|hbox|vbox|eof|true|false"
    r"|case|defined|csname|fontchar)?)|(fi)|(else))(?![a-zA-Z@])|\\[\\%]|%[^\n]*"
)
_BLANKS = re.compile(r"[ \t]*")
MAX_REPORTS = 10  # diagnostics of one kind per file, before a summary line
_SENTINEL = "\x00"  # marks a removed macro in a body; `normalize_newlines` drops NULs


@dataclass
class Source:
    """One file after stage one. Offsets are offsets in `text`."""

    path: str
    text: str
    braces: dict[int, int]  # offset of `{` -> offset of its `}`
    opaque: list[tuple[int, int]]  # verbatim spans, sorted: no macro inside is read
    diagnostics: list[Diagnostic]
    line_starts: list[int]  # offsets in the file (not in `text`) where each line starts
    cut_at: list[int]  # offsets in `text` where something was cut out ...
    cut_shift: list[int]  # ... and how far `text` lags the file from there on
    removals: list[tuple[int, int]] = field(default_factory=list)  # macros left out of bodies
    #: text made from another file (LeanArchitect's LaTeX of a Lean declaration): the line
    #: of that file each line of the text comes from; None when the text is the file's
    lines: list[int] | None = None

    def line(self, pos: int) -> int:
        """The 1-based line, in the real file, of the offset `pos` of `text`."""
        raw = pos + self.cut_shift[bisect_right(self.cut_at, pos) - 1]
        line = bisect_right(self.line_starts, raw)
        return line if self.lines is None else self.lines[min(line, len(self.lines)) - 1]


@dataclass
class Cursor:
    """A file being read, and how far."""

    src: Source
    pos: int = 0
    sty: bool = False  # a package: only theorem declarations and \\graphcolor count
    opaque_index: int = 0
    end: int | None = None  # a macro body read as if input: where it ends (None: the file's end)
    start: int = 0  # ... and where it starts
    expands: str | None = None  # ... and which one (`\\inputleannode{label}`)
    #: LeanArchitect's LaTeX of a node or a module (or a file it inputs): the document shows
    #: it where it inputs it, wherever the file is
    lean: bool = False
    prose: int = 0  # where the document's prose not yet kept starts (see `DocumentBuilder`)


def normalize_newlines(raw: str) -> str:
    """CRLF and CR to LF; drop a byte-order mark and NUL characters."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw.replace("\x00", "") if "\x00" in raw else raw


class _Builder:
    """The state of one stage-one pass over `raw`."""

    def __init__(self, path: str, raw: str, lines: list[int] | None = None):
        self.path = path
        self.raw = raw
        self.lines = lines
        self.pieces: list[str] = []
        self.seg = 0  # start of the raw segment not yet copied
        self.removed = 0  # characters cut out so far
        self.cut_at = [0]
        self.cut_shift = [0]
        self.open: list[tuple[int, int]] = []  # (offset in text, offset in raw)
        self.braces: dict[int, int] = {}
        self.opaque: list[tuple[int, int]] = []
        self.line_starts = [0, *accumulate(len(line) + 1 for line in raw.split("\n"))][:-1]
        self.diagnostics: list[Diagnostic] = []
        self.reported: dict[str, int] = {}
        self.line_span = (0, -1)  # (a position, the end of its line), see line_end
        self.unfound: dict[str, tuple[int, int]] = {}  # char -> (from, line end) not found

    def report(self, raw_pos: int, severity: Severity, kind: str, message: str) -> None:
        count = self.reported.get(kind, 0) + 1
        self.reported[kind] = count
        if count <= MAX_REPORTS:
            line = bisect_right(self.line_starts, raw_pos)
            if self.lines is not None:
                line = self.lines[min(line, len(self.lines)) - 1]
            self.diagnostics.append(Diagnostic(self.path, line, severity, message))

    def cut(self, start: int, end: int) -> None:
        """Leave raw[start:end] out of the text."""
        if end <= start:
            return
        self.pieces.append(self.raw[self.seg : start])
        self.cut_at.append(start - self.removed)
        self.removed += end - start
        self.cut_shift.append(self.removed)
        self.seg = end

    def brace(self, pos: int) -> None:
        if self.raw[pos] == "{":
            self.open.append((pos - self.removed, pos))
        elif self.open:
            self.braces[self.open.pop()[0]] = pos - self.removed
        else:
            self.report(pos, Severity.ERROR, "close", "unbalanced '}': nothing to close")

    def comment(self, pos: int) -> int:
        """Cut `%` to the end of the line, the line end and the next line's indent."""
        raw = self.raw
        newline = raw.find("\n", pos)
        if newline < 0:
            self.cut(pos, len(raw))
            return len(raw)
        after = _BLANKS.match(raw, newline + 1)
        end = after.end() if after else newline + 1
        if end >= len(raw) or raw[end] == "\n":  # next line blank: keep the paragraph break
            self.cut(pos, newline)
            return newline
        self.cut(pos, end)
        return end

    def inline_verbatim(self, match: re.Match[str]) -> int:
        """`\\verb|...|` or `\\lstinline{...}`: opaque up to the closing delimiter, which
        must be on the same line."""
        raw = self.raw
        pos = match.end()
        line_end = self.line_end(pos)
        if match.group().startswith("\\lstinline") and raw.startswith("[", pos):
            close = self.find_on_line("]", pos, line_end)
            pos = close + 1 if close >= 0 else pos
        if pos >= len(raw) or raw[pos] in " \n":
            return pos
        closer = "}" if raw[pos] == "{" else raw[pos]
        end = self.find_on_line(closer, pos + 1, line_end)
        if end < 0:
            self.report(match.start(), Severity.WARNING, "verb", f"{match.group()} not closed")
            return pos + 1
        self.opaque.append((match.start() - self.removed, end + 1 - self.removed))
        return end + 1

    def line_end(self, pos: int) -> int:
        """Where the line holding `pos` ends. Remembered, so that a file of one long line
        is not searched to its end once per `\\verb` (that was quadratic)."""
        start, end = self.line_span
        if not start <= pos <= end:
            found = self.raw.find("\n", pos)
            self.line_span = (pos, len(self.raw) if found < 0 else found)
        return self.line_span[1]

    def find_on_line(self, char: str, start: int, line_end: int) -> int:
        """`raw.find(char, start, line_end)`; a search that failed is remembered, so that
        the same search from further on the line fails at once."""
        failed = self.unfound.get(char)
        if failed is not None and failed[0] <= start and failed[1] == line_end:
            return -1
        found = self.raw.find(char, start, line_end)
        if found < 0:
            self.unfound[char] = (start, line_end)
        return found

    def environment(self, match: re.Match[str]) -> int:
        """A verbatim-like environment (opaque body) or a `comment` one (cut out)."""
        token = match.group()
        open_brace = match.start() + token.index("{")
        env = token[token.index("{") + 1 : -1]
        end_token = f"\\end{{{env}}}"
        end = self.raw.find(end_token, match.end())
        if end < 0:
            message = f"\\begin{{{env}}} is never closed: skipped to the end of the file"
            self.report(match.start(), Severity.ERROR, "verbatim", message)
        if env == "comment":
            stop = len(self.raw) if end < 0 else end + len(end_token)
            self.cut(match.start(), stop)
            return stop
        self.braces[open_brace - self.removed] = match.end() - 1 - self.removed
        stop = len(self.raw) if end < 0 else end
        self.opaque.append((match.end() - self.removed, stop - self.removed))
        return stop

    def iffalse(self, match: re.Match[str]) -> int:
        """Cut `\\iffalse ... \\fi` (or up to an `\\else` of the same level)."""
        depth = 1
        pos = match.end()
        while (found := _CONDITIONAL.search(self.raw, pos)) is not None:
            pos = found.end()
            if found.group(1) is not None:
                depth += 1
            elif found.group(2) is not None:
                depth -= 1
            elif found.group(3) is not None and depth == 1:
                depth = 0
            if depth == 0:
                self.cut(match.start(), pos)
                return pos
        message = "\\iffalse is never closed by \\fi: skipped to the end of the file"
        self.report(match.start(), Severity.WARNING, "iffalse", message)
        self.cut(match.start(), len(self.raw))
        return len(self.raw)

    def finish(self) -> Source:
        for _, raw_pos in self.open:
            self.report(raw_pos, Severity.ERROR, "open", "unbalanced '{': never closed")
        for kind, count in self.reported.items():
            if count > MAX_REPORTS:
                message = f"{count - MAX_REPORTS} more problems like the ones above ({kind})"
                self.diagnostics.append(Diagnostic(self.path, 1, Severity.INFO, message))
        self.pieces.append(self.raw[self.seg :])
        return Source(
            path=self.path,
            text="".join(self.pieces),
            braces=self.braces,
            opaque=self.opaque,
            diagnostics=self.diagnostics,
            line_starts=self.line_starts,
            cut_at=self.cut_at,
            cut_shift=self.cut_shift,
            lines=self.lines,
        )


def prepare(path: str, raw: str, lines: list[int] | None = None) -> Source:
    """Stage one: see the module docstring. `lines`, for a text made from another file
    (`path`), gives the line of that file of each line of `raw`."""
    builder = _Builder(path, normalize_newlines(raw), lines)
    raw = builder.raw
    pos = 0
    while (match := _TOKEN.search(raw, pos)) is not None:
        token = match.group()
        if token in "{}":
            builder.brace(match.start())
            pos = match.end()
        elif token == "%":
            pos = builder.comment(match.start())
        elif len(token) == 2:
            pos = match.end()
        elif token.startswith(("\\verb", "\\lstinline")):
            pos = builder.inline_verbatim(match)
        elif token.startswith("\\iffalse"):
            pos = builder.iffalse(match)
        else:
            pos = builder.environment(match)
    return builder.finish()


def body_text(src: Source, start: int, end: int) -> str:
    """The source between `start` and `end`, blueprint macros left out (with the lines they
    leave empty), dedented and stripped."""
    text, removals = src.text, src.removals
    pieces: list[str] = []
    pos = start
    index = bisect_left(removals, (start,))
    while index < len(removals) and removals[index][0] < end:
        cut_start, cut_end = removals[index]
        if cut_start >= pos:
            pieces += [text[pos:cut_start], _SENTINEL]
            pos = min(cut_end, end)
        index += 1
    pieces.append(text[pos:end])
    body = "".join(pieces)
    if _SENTINEL in body:
        lines = body.split("\n")
        kept = [
            line for line in lines if _SENTINEL not in line or line.replace(_SENTINEL, "").strip()
        ]
        body = "\n".join(kept).replace(_SENTINEL, "")
    return textwrap.dedent(body).strip()
