"""Lean 4 sources without a Lean toolchain: scanner, project loader, dependency
names, `lake build` logs."""
