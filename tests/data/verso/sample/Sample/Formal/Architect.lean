import Architect

/-- A LeanArchitect attribute: another grammar, not read as Verso's. -/
@[blueprint "architect_node" (statement := /-- Some statement. -/)]
theorem architect_node : True := trivial
