"""The LaTeX reader's public entry point: `read_blueprint(root, load) -> Blueprint`.

A pure function: all file access goes through `load(path)`, which returns the text of a
file given its path relative to the blueprint folder (posix), and raises
FileNotFoundError when there is none (UnicodeDecodeError or ValueError for bad content).
Problems in the LaTeX never raise: they become `Blueprint.diagnostics`, each with the file
(as passed to `load`) and the 1-based line it is on. The work is done in `blueprint.tex`.
"""

from blueprint.tex import read_blueprint

__all__ = ["read_blueprint"]
