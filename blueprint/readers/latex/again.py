"""Reading a blueprint again after an edit of the text of Lean nodes alone: a watch session's
rebuild after a statement or proof doc comment of a LeanArchitect blueprint was saved.

The LaTeX reader is a function of the files it loads and of what its `LeanInputs` answer.
`LatexMemo` keeps the last read, every file it loaded and every question it asked its
inputs, with the answers. `read_again` asks the same questions again, in the same order
(so the inputs end in the state the read would leave them in), and loads the same files:

- all answers the same: the last read is this one;
- the LaTeX of some nodes changed by one plain edit each (`plain_edit`: on one line, no
  character that starts or ends a macro, a group, an option or a comment, and not after a
  macro's name): the reader would walk every file and node as before, each macro found at
  the same place, and only the texts of those nodes' statements and proofs can differ.
  Each such node is read alone, before and after its edit (`read_alone`): when the two
  readings differ only in those texts, and the one before gives the texts the last read
  gave, the last read with the new texts (and the Lean files' new text) is this one;
- anything else: the blueprint is read again, whole.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Protocol, Self, TypeVar, cast

from blueprint.model import Blueprint, Node, Options, Part
from blueprint.readers.latex.reader import LeanInputs, Loader, Reader
from blueprint.readers.latex.source import Source
from blueprint.readers.latex.theorems import Theorems

#: what a load gave: ("text", the text) or ("error", the exception's type and arguments)
Loaded = tuple[str, object]
#: a question to the inputs: (method, its arguments, the answer)
Asked = tuple[str, tuple[object, ...], object]

_SPECIAL = re.compile(r"[\\{}\[\]%\n]")
_AFTER_MACRO = re.compile(r"\\[a-zA-Z@]*\s*$")


@dataclass
class LatexMemo:
    """The last read of a blueprint with Lean inputs, and what it was read from."""

    root: str
    climb: int
    blueprint: Blueprint
    loaded: list[tuple[str, Loaded]]
    asked: list[Asked]
    #: the declarations the read ended with (theorem environments, options)
    theorems: Theorems = field(repr=False)
    options: Options = field(repr=False)


class AskedAgain(LeanInputs, Protocol):
    def again(self) -> Self:
        """These inputs as they were before any question (what they read stays read)."""


_Inputs = TypeVar("_Inputs", bound=AskedAgain)


def read_again(
    root: str, load: Loader, climb: int, lean: _Inputs, memo: LatexMemo | None
) -> tuple[Blueprint, LatexMemo, _Inputs]:
    """The blueprint whose main file is `root` (as `reader.read_blueprint`), from the last
    read of `memo` where only the texts of Lean nodes changed; the memo of this read, and
    the inputs in the state the read left them in."""
    if memo is not None and memo.root == root and memo.climb == climb:
        found = _from_last(memo, load, lean)
        if found is not None:
            return *found, lean
        lean = lean.again()  # asked some questions
    return *_read_whole(root, load, climb, lean), lean


def _read_whole(
    root: str, load: Loader, climb: int, lean: LeanInputs
) -> tuple[Blueprint, LatexMemo]:
    loaded: list[tuple[str, Loaded]] = []
    asking = _Asking(lean)

    def loading(path: str) -> str:
        try:
            text = load(path)
        except Exception as error:
            loaded.append((path, ("error", (type(error), error.args))))
            raise
        loaded.append((path, ("text", text)))
        return text

    reader = Reader(loading, climb, asking)
    blueprint = reader.read(root)
    theorems, options = copy.deepcopy((reader.theorems, reader.options))
    return blueprint, LatexMemo(root, climb, blueprint, loaded, asking.asked, theorems, options)


def _from_last(
    memo: LatexMemo, load: Loader, lean: LeanInputs
) -> tuple[Blueprint, LatexMemo] | None:
    """The last read with the new texts of the nodes edited, or None when it is not it."""
    for path, given in memo.loaded:
        try:
            loaded: Loaded = ("text", load(path))
        except Exception as error:
            loaded = ("error", (type(error), error.args))
        if loaded != given:
            return None
    asking = _Asking(lean, copies=False)  # no reader: the sources stay as given
    edited: dict[str, tuple[Source, Source]] = {}
    lean_texts: dict[str, str] = {}
    for method, args, answer in memo.asked:
        found = asking.ask(method, args)
        if method != "body" or found is None or answer is None:
            if found != answer:
                return None
            continue
        before = cast(tuple[Source, str], answer)[0]
        after, text = cast(tuple[Source, str], found)
        lean_texts.setdefault(after.path, text)
        if not _same_source(before, after):
            if args[0] != "leannode" or not plain_edit(before, after):
                return None
            if edited.setdefault(str(args[1]), (before, after)) != (before, after):
                return None
    nodes = {node.id: node for node in memo.blueprint.nodes}
    texts: dict[str, tuple[Part, Part | None]] = {}
    for label, (before, after) in edited.items():
        node = nodes.get(label)
        was, now = (read_alone(memo, label, src) for src in (before, after))
        if node is None or was is None or now is None or _texts(was[0]) != _texts(node):
            return None
        if (_without_texts(was[0]), was[1]) != (_without_texts(now[0]), now[1]):
            return None  # the edit is not in the node's texts alone
        texts[label] = (now[0].statement, now[0].proof)
    blueprint = replace(
        memo.blueprint,
        nodes=[_with_texts(node, *texts[node.id]) if node.id in texts else node
               for node in memo.blueprint.nodes],
        sources=MappingProxyType({
            path: lean_texts.get(path, text) for path, text in memo.blueprint.sources.items()
        }),
    )
    return blueprint, replace(memo, blueprint=blueprint, asked=asking.asked)


def plain_edit(before: Source, after: Source) -> bool:
    """Whether `after` is `before` with one plain edit of its text: on one line, holding no
    backslash, brace, bracket or comment sign, in no group, not right after a macro's name
    (nor a backslash), in a text with no verbatim span; everything else of the source the
    same."""
    if (before.path, before.lines, before.diagnostics) != (
        after.path, after.lines, after.diagnostics
    ) or before.opaque or after.opaque:
        return False
    old, new = before.text, after.text
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    edit = (old[start : len(old) - end], new[start : len(new) - end])
    if any(_SPECIAL.search(middle) for middle in edit):
        return False
    if any(opening < start <= closing for opening, closing in before.braces.items()):
        return False  # in a group: perhaps a macro's argument
    return _AFTER_MACRO.search(old, 0, start) is None


def read_alone(
    like: LatexMemo, label: str, src: Source
) -> tuple[Node, tuple[object, ...]] | None:
    """The node `label` of a node's LaTeX `src` read alone, with the declarations of the
    read of `like` (its numbers and chapters are not the document's), and the rest of that
    reading (document, diagnostics); None when it is not one node."""
    main = f"\\begin{{document}}\\inputleannode{{{label}}}\\end{{document}}"
    reader = Reader(lambda path: main, like.climb, _Alone(src))
    reader.theorems = copy.deepcopy(like.theorems)
    reader.counters = reader.theorems.counters
    reader.options = copy.deepcopy(like.options)
    read = reader.read("alone.tex")
    if [node.id for node in read.nodes] != [label]:
        return None
    return read.nodes[0], (read.document, read.diagnostics)


@dataclass
class _Alone:
    """The inputs of `read_alone`: one node's LaTeX."""

    src: Source

    def output(self, path: str) -> bool:
        return False

    def missing(self, macro: str, file: str, line: int) -> None:
        pass

    def body(self, kind: str, name: str) -> tuple[Source, str] | None:
        return replace(self.src, removals=[]), ""

    def unknown(self, kind: str, name: str) -> str:
        return ""


@dataclass
class _Asking:
    """`LeanInputs` that notes every question and its answer."""

    lean: LeanInputs
    #: the reader will note in the sources what it takes out: keep them as they were given
    copies: bool = True
    asked: list[Asked] = field(default_factory=list)

    def ask(self, method: str, args: tuple[object, ...]) -> object:
        ask: Callable[..., object] = getattr(self.lean, method)
        answer = ask(*args)
        if method == "body" and answer is not None and self.copies:
            src, text = cast(tuple[Source, str], answer)
            self.asked.append((method, args, (replace(src, removals=[]), text)))
        else:
            self.asked.append((method, args, answer))
        return answer

    def output(self, path: str) -> bool:
        return bool(self.ask("output", (path,)))

    def missing(self, macro: str, file: str, line: int) -> None:
        self.ask("missing", (macro, file, line))

    def body(self, kind: str, name: str) -> tuple[Source, str] | None:
        return self.ask("body", (kind, name))  # type: ignore[return-value]

    def unknown(self, kind: str, name: str) -> str:
        return str(self.ask("unknown", (kind, name)))


def _same_source(before: Source, after: Source) -> bool:
    """Whether two sources are the same but for what a reader noted in them."""
    return all(getattr(before, name) == getattr(after, name) for name in _SOURCE_FIELDS)


_SOURCE_FIELDS = tuple(f.name for f in fields(Source) if f.name != "removals")


def _texts(node: Node) -> tuple[object, ...]:
    proof = node.proof
    return (node.statement.text, node.statement.body,
            None if proof is None else (proof.text, proof.body))


def _without_texts(node: Node) -> Node:
    return _with_texts(node, replace(node.statement, text="", body=None),
                       replace(node.proof, text="", body=None) if node.proof else None)


def _with_texts(node: Node, statement: Part, proof: Part | None) -> Node:
    """`node` with the text and body of `statement` and `proof` (the rest is its own)."""
    return replace(
        node,
        statement=replace(node.statement, text=statement.text, body=statement.body),
        proof=(replace(node.proof, text=proof.text, body=proof.body)
               if node.proof is not None and proof is not None else node.proof),
    )
