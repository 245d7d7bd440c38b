import Architect
import Mathlib.Algebra.Group.Defs

/-! # Every form of LeanArchitect's grammar, written for blueprint's tests.

A module doc comment is not blueprint prose: `@[blueprint "not-a-node"]` here is text. -/

blueprint_comment /--
\section{Basics}
Prose with -- dashes, "quotes" and a /- nested -/ comment.
-/

@[blueprint (statement := /-- Natural numbers, our own. -/)]
inductive N : Type where
  /-- A structure's field doc is no proof text. -/
  | zero : N
  | succ : N → N

namespace N

@[blueprint
  -- a comment inside the attribute
  "def:add"
  (title := "Addition with \"quotes\" and \\alpha")
  (statement := /-- Addition, with a /- nested -/ comment and -- dashes. -/)]
def add : N → N → N
  | a, zero => a
  | a, succ b => succ (add a b)

@[simp, blueprint (statement := /-- $0 + a = a$. -/), fun_prop]
theorem zero_add (a : N) : add zero a = a := by
  /-- By induction on $a$. -/
  induction a <;> simp [*, add]

@[blueprint? "lem:succ" (statement := /-- $(a + 1) + b = (a + b) + 1$. -/)
  (uses := [add, "def:extra", -zero_add]) (proofUses := [N.zero_add, -"def:gone"])]
protected theorem succ_add (a b : N) : add (succ a) b = succ (add a b) := by
  induction b with
  | zero => rfl
  | succ b ih =>
    /-- The step uses the induction hypothesis. -/
    sorry_using [zero_add, add]

section Inner

open Classical in
@[blueprint "thm:main" (title := /-- Main theorem -/) (notReady := true) (discussion := 42)
  (latexEnv := "proposition") (hasProof := false) (statement := /-- Main. -/)]
noncomputable def main : N := by
  /-- Not a proof text: `main` has no proof part. -/
  blueprint_using [add]
  exact zero

end Inner

@[blueprint "thm:shared" (statement := /-- First half. -/) (proof := /-- Both halves. -/)
  (uses := [main])]
theorem shared_one : True := trivial

@[blueprint "thm:shared" (title := "Shared") (discussion := 7) (uses := ["def:add"])]
theorem shared_two : True := by
  /-- Not used: the first declaration's proof text wins. -/
  trivial

@[blueprint (latexLabel := "def:root") (statement := /-- At the root. -/)]
def _root_.rootDef : Nat := 0

@[blueprint (statement := /-- Private, with its Lean name as the label. -/)]
private theorem secret : True := trivial

@[to_additive (attr := blueprint "thm:mul" (statement := /-- Products and sums. -/))]
theorem prod_le_one : True := trivial

-- @[blueprint "commented" (statement := /-- Out. -/)]
/- @[blueprint "block"] theorem block : True := trivial -/

def helper : String := "@[blueprint \"in-a-string\"]"

end N

attribute [blueprint "mathlib:nat" (statement := /-- Lean's naturals. -/)] Nat

@[blueprint "thm:escapes" (title := "$\nu$ and\ta tab")]
theorem escapes : True := trivial

@[blueprint "thm:forks" (message := "kept") (proofuses := [N.add]) (priorityItem := true)]
theorem forks : True := trivial
