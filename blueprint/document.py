"""The blueprint as a document: its files walked again in reading order and cut into
headings, prose, node statements and proofs, other theorem-like environments and the
bibliography, for the chapter pages.

Pure but for the `load` function it is given: `texts_loader` over the texts the reader
read (`Blueprint.sources`), so that the disk is read once and the pages show what the graph
was made of.
Statements and proofs are recognised by the file and line the reader gave their nodes, so
the graph and the document always agree on what a node is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from blueprint.model import Node
from blueprint.readers.latex.reader import decode_replacing, input_candidates
from blueprint.readers.latex.source import prepare
from blueprint.site.latex.parser import find_end, matching_brace, matching_bracket

Loader = Callable[[str], str]
HEADINGS = ("part", "chapter", "section", "subsection", "subsubsection")
MAX_FILES = 2000

_EVENT = re.compile(
    r"\\(input|include|begin|end|part|chapter|section|subsection|subsubsection)(?![a-zA-Z@])"
    r"(\*?)"
)
_NEWTHEOREM = re.compile(r"\\newtheorem\*?\s*\{([^{}]+)\}\s*(?:\[[^\]]*\]\s*)?\{([^{}]*)\}")
_DECLARETHEOREM = re.compile(r"\\declaretheorem\s*(?:\[([^\]]*)\])?\s*\{([^{}]+)\}")
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")


@dataclass(frozen=True)
class Chunk:
    """A piece of the document in reading order: a heading, some text or a node."""

    kind: str  # heading | prose | statement | proof | environment | bibliography
    file: str  # relative to the project, as the nodes' files are
    line: int
    tex: str = ""  # prose, a body, or a heading's title
    level: str = ""  # headings: part, chapter, section, ...
    node: str | None = None  # statements and proofs of nodes
    env: str = ""  # environments: their name
    title: str | None = None  # environments: the optional [title]
    starred: bool = False
    entries: tuple[tuple[str, str], ...] = ()  # bibliography: (key, text)


@dataclass
class _Walk:
    """The state of one walk through the document's files."""

    load: Loader
    folder: str
    statements: dict[tuple[str, int, str], list[str]]
    proofs: dict[tuple[str, int], list[str]]
    environments: frozenset[str]
    chunks: list[Chunk] = field(default_factory=list)
    in_document: bool = False
    done: bool = False
    loaded: int = 0
    chain: list[str] = field(default_factory=list)


def walk(
    main: str,
    load: Loader,
    nodes: Sequence[Node],
    folder: str = "",
    theorem_envs: Iterable[str] = (),
) -> list[Chunk]:
    """The document's chunks in reading order, from `main` (relative to the blueprint folder).

    `folder` is the blueprint folder relative to the project (the prefix of the nodes' files);
    `theorem_envs` are the theorem-like environments that are not nodes (remarks, examples).
    """
    statements: dict[tuple[str, int, str], list[str]] = {}
    proofs: dict[tuple[str, int], list[str]] = {}
    for node in nodes:
        statements.setdefault((node.file, node.line, node.env), []).append(node.id)
        if node.proof is not None:
            proofs.setdefault((node.proof.file, node.proof.line), []).append(node.id)
    state = _Walk(load, folder, statements, proofs, frozenset(theorem_envs))
    text = _read(state, main)
    if text is None:
        return []
    state.in_document = "\\begin{document}" not in text
    _walk_file(state, main, text)
    return state.chunks


def folder_texts(sources: Mapping[str, str], folder: str) -> dict[str, str]:
    """The texts of `sources` (by path relative to the project) that are inside the blueprint
    `folder`, by path relative to it, in the same order: the files the document is made of
    (one the reader found above the folder, e.g. a `.bbl`, is not part of it)."""
    if folder in ("", "."):
        return dict(sources)
    prefix = f"{folder}/"
    return {path[len(prefix) :]: text for path, text in sources.items() if path.startswith(prefix)}


def texts_loader(texts: Mapping[str, str]) -> Loader:
    """A `walk` loader that serves `texts` (by path relative to the blueprint folder) and
    reads nothing: a file not among them is absent."""

    def load(path: str) -> str:
        try:
            return texts[posixpath.normpath(path)]
        except KeyError:
            raise FileNotFoundError(path) from None

    return load


def theorem_titles(texts: Iterable[str]) -> dict[str, str]:
    """The printed name of each `\\newtheorem` / `\\declaretheorem` environment."""
    titles: dict[str, str] = {}
    for text in texts:
        for match in _NEWTHEOREM.finditer(text):
            titles.setdefault(match.group(1).strip(), match.group(2).strip())
        for match in _DECLARETHEOREM.finditer(text):
            options = match.group(1) or ""
            name = re.search(r"(?:name|title)\s*=\s*\{?([^,}]*)", options)
            env = match.group(2).strip()
            titles.setdefault(env, name.group(1).strip() if name else env.capitalize())
    return titles


def _read(state: _Walk, path: str) -> str | None:
    if state.loaded >= MAX_FILES:
        return None
    try:
        raw = state.load(path)
    except UnicodeDecodeError as error:  # as the reader does: replaced, and reported there
        raw = decode_replacing(path, error)[0]
    except (OSError, ValueError):
        return None
    state.loaded += 1
    return raw


def _project_path(state: _Walk, path: str) -> str:
    return f"{state.folder}/{path}" if state.folder not in ("", ".") else path


def _walk_file(state: _Walk, path: str, raw: str) -> None:
    source = prepare(path, raw)
    text = source.text
    where = _project_path(state, path)
    state.chain.append(path)
    prose_start = 0
    pos = 0

    def flush(until: int) -> None:
        if state.in_document and text[prose_start:until].strip():
            state.chunks.append(
                Chunk("prose", where, source.line(prose_start), text[prose_start:until])
            )

    while not state.done and (match := _EVENT.search(text, pos)) is not None:
        name, starred = match.group(1), bool(match.group(2))
        line = source.line(match.start())
        if name in ("input", "include"):
            flush(match.start())
            pos = prose_start = _input(state, path, text, match.end())
        elif name in HEADINGS:
            end = _heading(state, text, match.end(), name, starred, where, line)
            if end is None:
                pos = match.end()
                continue
            flush(match.start())
            pos = prose_start = end
        elif name == "begin":
            end = _begin(state, text, match, where, line, flush)
            if end is None:
                pos = match.end()
                continue
            pos = prose_start = end
        else:  # \end
            env_arg = _argument(text, match.end())
            if env_arg is not None and env_arg[0].strip() == "document":
                flush(match.start())
                state.done = True
                prose_start = pos = len(text)
            else:
                pos = match.end()
    if not state.done:
        flush(len(text))
    state.chain.pop()


def _argument(text: str, pos: int) -> tuple[str, int] | None:
    """The `{...}` at `pos` (after spaces): its value and the offset after it."""
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    if pos >= len(text) or text[pos] != "{":
        return None
    end = matching_brace(text, pos + 1)
    return text[pos + 1 : end], min(end + 1, len(text))


def _optional(text: str, pos: int) -> tuple[str | None, int]:
    probe = pos
    while probe < len(text) and text[probe] in " \t\n":
        probe += 1
    if probe < len(text) and text[probe] == "[":
        end = matching_bracket(text, probe + 1)
        if end is not None:
            return text[probe + 1 : end], end + 1
    return None, pos


def _input(state: _Walk, including: str, text: str, pos: int) -> int:
    arg = _argument(text, pos)
    if arg is None:
        bare = re.match(r"[ \t]*([^\s{}\\%]+)", text[pos:])
        if bare is None:
            return pos
        name, end = bare.group(1), pos + bare.end()
    else:
        name, end = arg[0].strip().strip('"'), arg[1]
    if not name or name.endswith((".sty", ".cls")):
        return end
    candidates, refusal = input_candidates(name, including)
    if refusal:
        return end
    for path in candidates:
        if path in state.chain:
            return end
        raw = _read(state, path)
        if raw is not None:
            _walk_file(state, posixpath.normpath(path), raw)
            return end
    return end


def _heading(
    state: _Walk, text: str, pos: int, level: str, starred: bool, where: str, line: int
) -> int | None:
    _, after_short = _optional(text, pos)
    arg = _argument(text, after_short)
    if arg is None:
        return None
    if state.in_document:
        title = re.sub(r"\\label\s*\{[^{}]*\}", "", arg[0]).strip()
        state.chunks.append(Chunk("heading", where, line, title, level=level, starred=starred))
    return arg[1]


def _begin(
    state: _Walk,
    text: str,
    match: re.Match[str],
    where: str,
    line: int,
    flush: Callable[[int], None],
) -> int | None:
    arg = _argument(text, match.end())
    if arg is None:
        return None
    env = arg[0].strip()
    if env == "document":
        flush(match.start())
        state.in_document = True
        return arg[1]
    if not state.in_document:
        return None
    node_ids = state.statements.get((where, line, env))
    proof_ids = state.proofs.get((where, line)) if env == "proof" else None
    is_other = env in state.environments or env == "proof"
    if not node_ids and not proof_ids and not is_other and env != "thebibliography":
        return None
    title, body_start = _optional(text, arg[1])
    body_end, after = find_end(text, env, body_start)
    body = text[body_start:body_end]
    flush(match.start())
    if node_ids:
        state.chunks.append(Chunk("statement", where, line, body, node=node_ids.pop(0), env=env))
    elif proof_ids:
        state.chunks.append(Chunk("proof", where, line, body, node=proof_ids.pop(0), env=env))
    elif env == "thebibliography":
        state.chunks.append(Chunk("bibliography", where, line, entries=_bibitems(text, arg[1])))
    else:
        state.chunks.append(Chunk("environment", where, line, body, env=env, title=title))
    return after


def _bibitems(text: str, pos: int) -> tuple[tuple[str, str], ...]:
    width = _argument(text, pos)
    body_start = width[1] if width is not None else pos
    end, _ = find_end(text, "thebibliography", body_start)
    body = text[body_start:end]
    matches = list(_BIBITEM.finditer(body))
    entries = []
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        entries.append((match.group(1).strip(), body[match.end() : stop].strip()))
    return tuple(entries)
