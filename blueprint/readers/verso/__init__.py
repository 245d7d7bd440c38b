"""Verso Blueprint read from source, in stages: `leanfile` (a `.lean` file's header and its
`#doc`/`#docs` documents) and `parser` (Verso's markup) make the tree of `markup`; `nodes`
reads the blueprint out of it (nodes, proofs, edges, reading order); `attribute` reads
Verso's `@[blueprint]` in Lean files; `project` finds the package and reads it whole.
Everything here is pure: texts in, data out. docs/verso.md says where each rule comes from."""
