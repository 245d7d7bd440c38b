"""The conversions a watch session keeps between builds (`site.convert.TextMemo`)."""

from __future__ import annotations

from blueprint.site.convert import TextMemo
from blueprint.site.latex.parser import Context

CONTEXT = Context()
STATE = ("links", "macros")  # what the conversions depend on: unchanged between these builds


def test_a_build_reuses_the_last_builds_conversions() -> None:
    memo = TextMemo()
    first = memo.converter(CONTEXT, STATE)
    statement, title = first.blocks(r"Let $x > 0$."), first.inlines(r"\emph{Title}")
    again = memo.converter(CONTEXT, STATE)
    assert again.blocks(r"Let $x > 0$.") is statement
    assert again.inlines(r"\emph{Title}") is title
    assert memo.converter(CONTEXT, ("other links",)).blocks(r"Let $x > 0$.") is not statement


def test_only_the_conversions_the_last_build_used_are_kept() -> None:
    """An edited text's old versions are dropped: a long session does not pile them up."""
    memo = TextMemo()
    old = memo.converter(CONTEXT, STATE).blocks("Version one.")
    new = memo.converter(CONTEXT, STATE).blocks("Version two.")  # the text was edited
    third = memo.converter(CONTEXT, STATE)
    assert third.blocks("Version two.") is new
    assert third.blocks("Version one.") is not old  # converted again: it was not kept
    assert third.blocks("Version one.") == old
