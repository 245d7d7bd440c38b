"""LeanArchitect blueprints read from the Lean sources, without a Lean build.

`source.read_lean_file` reads one file into records (`records`), `index.index_modules`
puts a library's files together into nodes by label and modules by name, and
`index.coverage` says what a LaTeX document's `\\inputleannode`/`\\inputleanmodule` reach.
"""
