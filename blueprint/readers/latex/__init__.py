"""The LaTeX reader, in stages: `source` (comments, verbatim, braces), `reader` (macros and
environments), `resolve` (ids, proofs, `\\uses`). `theorems` numbers like LaTeX."""

from blueprint.readers.latex.reader import LeanInputs, read_blueprint

__all__ = ["LeanInputs", "read_blueprint"]
