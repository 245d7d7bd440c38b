"""A `.lean` file that holds Verso documents: its Lean header and its documents (pure).

`#doc (Manual) "Title" =>` makes the rest of the file one document; `#docs (Manual) name
"Title" :=` takes the lines between the next `:::::::` line and the following one, and
Lean code may come after it (leanprover/verso `src/verso/Verso/Doc/Concrete.lean`). Outside
the documents only `import` and `set_option` are read; comments and strings are skipped.
"""

from __future__ import annotations

import re

from blueprint.markup.verso import Document, Import, Setting, VersoFile
from blueprint.markup.verso_parser import (
    IDENT_RE,
    STRING_RE,
    Parser,
    parse_inlines,
    unescape_lean_string,
)
from blueprint.model import Diagnostic, Severity

#: what a scan of Lean code steps over (a regex alternative): comments, strings, characters
LEAN_SKIPPED = r"--|/-|(?<![\w'])r(?P<hashes>#*)\"|\"|(?<![\w'])'(?:\\.|[^\\'\n])'"
# what the Lean part of the file is scanned for: what is skipped, and the commands read
_LEAN_RE = re.compile(
    LEAN_SKIPPED + r"|^(?:(?:public|meta|private)[ \t]+)*import\b"
    r"|^set_option\b"
    r"|^#docs?\b",
    re.M,
)
_BLOCK_COMMENT_RE = re.compile(r"/-|-/")
_DOC_RE = re.compile(r"#doc[ \t]*\(([^()\n]*)\)\s*(\"(?:[^\"\\]|\\[\s\S])*\")\s*=>")
_DOCS_RE = re.compile(
    r"#docs[ \t]*\(([^()\n]*)\)\s*(\S+)\s*(\"(?:[^\"\\]|\\[\s\S])*\")\s*:="
    r"[ \t]*\n:::::::[ \t]*(?:\n|$)"
)
_DOCS_END_RE = re.compile(r"^:::::::[ \t]*$", re.M)
_SETTING_VALUE_RE = re.compile(r"\s+(\"(?:[^\"\\]|\\[\s\S])*\"|[^\s]+)")


def parse_verso_file(text: str, path: str) -> VersoFile:
    """Imports, options and Verso documents of one `.lean` file. Never raises."""
    try:
        return _parse(text.replace("\r\n", "\n") if "\r" in text else text, path)
    except Exception as exc:  # pragma: no cover - last-resort guard
        message = f"the Verso reader failed on this file: {exc!r}"
        return VersoFile(path, (), (), (), (Diagnostic(path, 1, Severity.ERROR, message),))


def _parse(text: str, path: str) -> VersoFile:
    diagnostics: list[Diagnostic] = []
    parser = Parser(text, path, diagnostics)
    imports: list[Import] = []
    settings: list[Setting] = []
    documents: list[Document] = []
    pos = 0
    while True:
        m = _LEAN_RE.search(text, pos)
        if m is None:
            break
        token = m.group()
        line = parser.line(m.start())
        skipped = skip_lean(text, m)
        if skipped is not None:
            if skipped < 0:
                diagnostics.append(Diagnostic(path, line, Severity.WARNING,
                                              "unterminated comment or string"))
                break
            pos = skipped
        elif token.endswith("import"):
            end = parser.eol(m.end())
            rest = re.sub(r"--.*", "", text[m.end() : end])
            imports.extend(Import(name, line) for name in IDENT_RE.findall(rest))
            pos = end
        elif token == "set_option":
            pos = _setting(text, m.end(), line, settings)
        elif token == "#doc":
            doc = _DOC_RE.match(text, m.start())
            if doc is None:
                diagnostics.append(Diagnostic(path, line, Severity.ERROR,
                                              'expected #doc (Genre) "Title" =>'))
                pos = m.end()
                continue
            blocks = parser.document(doc.end(), len(text))
            source = unescape_lean_string(doc.group(2)[1:-1])
            title, problems = parse_inlines(source, line, path)
            diagnostics.extend(problems)
            documents.append(Document(title, doc.group(1).strip(), None, blocks, line,
                                      parser.line(max(0, len(text) - 1)), source))
            break  # the rest of the file is the document
        else:  # "#docs"
            pos = _docs(text, m.start(), parser, documents)
    return VersoFile(path, tuple(imports), tuple(settings), tuple(documents),
                     tuple(diagnostics))


def skip_lean(text: str, m: re.Match[str]) -> int | None:
    """Where what `m` found by `LEAN_SKIPPED` ends: a comment, a string, a character (-1 when
    it is not closed); None when `m` matched something else."""
    token = m.group()
    if token == "--":
        end = text.find("\n", m.start())
        return len(text) if end < 0 else end
    if token == "/-":
        depth = 0
        for c in _BLOCK_COMMENT_RE.finditer(text, m.start()):
            depth += 1 if c.group() == "/-" else -1
            if depth == 0:
                return c.end()
        return -1
    if token.startswith("r") and token.endswith('"'):
        closing = '"' + (m.group("hashes") or "")
        end = text.find(closing, m.end())
        return -1 if end < 0 else end + len(closing)
    if token == '"':
        string = STRING_RE.match(text, m.start())
        return -1 if string is None else string.end()
    if token.startswith("'"):
        return m.end()
    return None


def _setting(text: str, pos: int, line: int, settings: list[Setting]) -> int:
    name = IDENT_RE.match(text, pos + 1) if text[pos : pos + 1] in " \t" else None
    if name is None:
        return pos
    value = _SETTING_VALUE_RE.match(text, name.end())
    if value is None:
        return name.end()
    after = re.compile(r"[ \t]*in\b").match(text, value.end())
    if after is None:  # `set_option x v in cmd` sets it for one command only
        raw = value.group(1)
        if raw.startswith('"'):
            raw = unescape_lean_string(raw[1:-1])
        settings.append(Setting(name.group(), raw, line))
    return value.end()


def _docs(text: str, start: int, parser: Parser, documents: list[Document]) -> int:
    """Read the `#docs` at `start`; the position where the Lean code goes on."""
    line = parser.line(start)
    m = _DOCS_RE.match(text, start)
    if m is None:
        parser.report(start, '#docs wants (Genre) name "Title" :=, then a line :::::::')
        return start + 5
    close = _DOCS_END_RE.search(text, m.end())
    if close is None:
        parser.report(start, "this #docs is not closed by a line :::::::")
        end = after = len(text)
    else:
        end, after = close.start(), close.end()
    blocks = parser.document(m.end(), end)
    source = unescape_lean_string(m.group(3)[1:-1])
    title, problems = parse_inlines(source, line, parser.path)
    parser.diagnostics.extend(problems)
    end_line = parser.line(max(0, after - 1))
    documents.append(Document(title, m.group(1).strip(), m.group(2), blocks, line, end_line,
                              source))
    return after
