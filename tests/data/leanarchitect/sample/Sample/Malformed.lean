import Architect

/-! Malformed attributes: each is reported at its line, and the rest of the file is read. -/

@[blueprint (title := 3) (statement := /-- Title is not a string. -/)]
theorem bad_title : True := trivial

@[blueprint (statement := "a string, not a doc comment")]
theorem bad_statement : True := trivial

@[blueprint (discussion := "twelve") (uses := [oops oops])]
theorem bad_values : True := trivial

@[blueprint (statement := /-- Fine. -/) "late label"]
theorem late_label : True := trivial

@[blueprint "bad\q"]
theorem bad_escape : True := trivial

@[blueprint "no-decl"]
example : True := trivial

@[blueprint "ok" (statement := /-- Still read after all that. -/)]
theorem still_read : True := by
  sorry_using oops
