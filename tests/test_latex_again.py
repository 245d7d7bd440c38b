"""`readers.latex.again.plain_edit`: which edits of a node's LaTeX leave every macro, group
and line of it where it was (the rest of `read_again` is tested on a watch session's
rebuilds, in tests/test_leanarchitect_build.py)."""

from __future__ import annotations

import pytest

from blueprint.readers.latex.again import plain_edit
from blueprint.readers.latex.source import prepare

NODE = (
    "\\begin{theorem}[A title]\n\\label{thm:a}\n\\leanok\n"
    "If $\\psi: \\R \\to \\C$ is integrable, then $x^{2} > 0$.\n\\end{theorem}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "plain"),
    [
        ("integrable, then", "integrable (edited), then", True),
        ("integrable, then", "integrable & <b>, then", True),
        ("integrable, then", "integrable, so then", True),
        ("integrable, then", "integrable \\emph{x}, then", False),  # a macro
        ("integrable, then", "integrable % x, then", False),  # a comment
        ("integrable, then", "integrable {x}, then", False),  # a group
        ("integrable, then", "integrable,\nthen", False),  # a line more
        ("x^{2}", "x^{23}", False),  # in a group: perhaps a macro's argument
        ("thm:a", "thm:ab", False),  # the label's argument
        # an option's text (the title): plain, but the node read alone shows its title
        # changed, so `read_again` reads the document whole
        ("A title", "A new title", True),
        ("\\leanok\n", "\\leanokx\n", False),  # after a macro's name
        ("\\C$", "\\Cx$", False),
    ],
)
def test_a_plain_edit_is_one_line_of_text_outside_macros_and_groups(
    old: str, new: str, plain: bool
) -> None:
    assert old in NODE
    before = prepare("A.lean", NODE, [3] * NODE.count("\n"))
    edited = NODE.replace(old, new, 1)
    after = prepare("A.lean", edited, [3] * edited.count("\n"))
    assert plain_edit(before, after) is plain


def test_an_edit_near_a_verbatim_span_or_on_other_lines_is_not_plain() -> None:
    verbatim = NODE.replace("then", "then \\verb|a|")
    before = prepare("A.lean", verbatim, [3] * 5)
    after = prepare("A.lean", verbatim.replace("integrable", "integrable too"), [3] * 5)
    assert not plain_edit(before, after)
    moved = prepare("A.lean", NODE.replace("integrable", "integrable too"), [4] * 5)
    assert not plain_edit(prepare("A.lean", NODE, [3] * 5), moved)
