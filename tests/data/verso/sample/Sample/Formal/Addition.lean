module

public import VersoBlueprint
meta import VersoBlueprint

namespace Sample.Formal

/-- Addition is associative, as a Lean-owned node. -/
@[simp, blueprint "add_assoc_compiled" (uses := ["nat_add", Nat.add, -"zero_add"]) (proofUses := ["succ_add"])]
theorem add_assoc_compiled (a b c : Nat) : a + b + c = a + (b + c) := Nat.add_assoc a b c

-- @[blueprint "commented_out"] is no attribute
@[blueprint "assoc" (autoDeps := true)]
theorem assoc_lean (a b c : Nat) : a + b + c = a + (b + c) := Nat.add_assoc a b c

def double (n : Nat) : Nat := n + n

attribute [blueprint "double_def"] double

end Sample.Formal
