"""The document in reading order, recorded by the reader as it reads: headings, prose, the
places of statements and proofs, other theorem-like environments and the bibliography.

The reader tells `DocumentBuilder` of the events that cut the document (an `\\input`, a
heading, `\\begin{document}`, the environments that are items of their own), and it keeps
the text between them as prose. Only the document's own files count, and LeanArchitect's
LaTeX where the document inputs it (`\\inputleanmodule`: its prose and its nodes): what a
package or another file above the blueprint folder holds is no part of it, and neither is
what an item's body holds. Which statement is a node and which proof is whose is known only
once the labels are resolved: `document` makes the items then.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from blueprint.model import (
    Bibliography,
    DocumentItem,
    Environment,
    Heading,
    NodePlace,
    Prose,
)
from blueprint.readers.latex.args import group
from blueprint.readers.latex.resolve import PartDraft
from blueprint.readers.latex.source import Cursor, Source

_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")


@dataclass
class BibliographyDraft:
    """A `thebibliography` environment, its entries read when it closes."""

    file: str
    line: int
    entries: tuple[tuple[str, str], ...] = ()


_Draft = Heading | Prose | PartDraft | BibliographyDraft


class DocumentBuilder:
    """The document of one reading, as the reader meets it."""

    def __init__(self) -> None:
        self.in_document = False
        self.open = 0  # environments open that are items of their own
        self.drafts: list[_Draft] = []

    def start(self, main: Source) -> None:
        """A main file without `\\begin{document}` is all document (a content.tex)."""
        self.in_document = "\\begin{document}" not in main.text

    def records(self, cur: Cursor) -> bool:
        """Whether what `cur` reads now goes into the document."""
        return (
            self.in_document
            and self.open == 0
            and not cur.sty
            and (cur.lean or (cur.expands is None and not cur.src.path.startswith("../")))
        )

    def cut(self, cur: Cursor, start: int, end: int) -> None:
        """Something that is no prose spans `start`..`end` of `cur`: the prose before it is
        kept, and the next starts after it."""
        if self.records(cur):
            self._prose(cur, start)
        cur.prose = end

    def end_of_file(self, cur: Cursor, end: int) -> None:
        if self.records(cur):
            self._prose(cur, end)

    def begin_document(self, cur: Cursor, start: int, end: int) -> None:
        self.cut(cur, start, end)
        self.in_document = True

    def end_document(self, cur: Cursor, start: int) -> None:
        if self.records(cur):
            self._prose(cur, start)

    def heading(self, cur: Cursor, start: int, end: int, heading: Heading) -> None:
        if self.records(cur):
            self._prose(cur, start)
            self.drafts.append(heading)
        cur.prose = end

    def begin_item(self, cur: Cursor, start: int, draft: PartDraft | BibliographyDraft) -> bool:
        """A statement, a proof or a bibliography begins at `start`: True when it is an item
        of the document (then `end_item` must follow, when the reader closes it)."""
        if not self.records(cur):
            return False
        self._prose(cur, start)
        self.drafts.append(draft)
        self.open += 1
        return True

    def end_item(self, cur: Cursor | None, after: int) -> None:
        """An item closes; the prose of `cur` (the file it is in, if still read) goes on at
        `after`."""
        self.open -= 1
        if cur is not None:
            cur.prose = after

    def _prose(self, cur: Cursor, end: int) -> None:
        text = cur.src.text[cur.prose : end]
        if text.strip():
            self.drafts.append(Prose(text, cur.src.path, cur.src.line(cur.prose)))

    def document(
        self, node_of: Mapping[int, str], proof_of: Mapping[int, str]
    ) -> list[DocumentItem]:
        """The items, once each statement's node (`node_of`, by `id` of its draft) and each
        proof's (`proof_of`) is known."""
        items: list[DocumentItem] = []
        for draft in self.drafts:
            if isinstance(draft, Heading | Prose):
                items.append(draft)
            elif isinstance(draft, BibliographyDraft):
                items.append(Bibliography(draft.entries, draft.file, draft.line))
            else:
                owner = (proof_of if draft.is_proof else node_of).get(id(draft))
                if owner is not None:
                    items.append(NodePlace(owner, draft.is_proof, draft.file, draft.line))
                else:
                    env = "proof" if draft.is_proof else draft.env
                    title, body = draft.written_title, draft.body or ""
                    items.append(Environment(env, title, body, draft.file, draft.line))
        return items


def bibliography_entries(src: Source, start: int, end: int) -> tuple[tuple[str, str], ...]:
    """The `\\bibitem{key} text` entries of a `thebibliography` body (after its
    `{widest label}`)."""
    width = group(src, start)
    body = src.text[width.end if width is not None else start : end]
    matches = list(_BIBITEM.finditer(body))
    entries = []
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        entries.append((match.group(1).strip(), body[match.end() : stop].strip()))
    return tuple(entries)
