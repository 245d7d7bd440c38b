"""The LaTeX reader, in stages: `source` (comments, verbatim, braces), `reader` (macros and
environments), `resolve` (ids, proofs, `\\uses`). `theorems` numbers like LaTeX."""

from blueprint.readers.latex.reader import read_blueprint

__all__ = ["read_blueprint"]
