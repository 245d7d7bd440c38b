import Architect
import Mathlib.Algebra.Group.Defs

/-! # Basic definitions, written for blueprint's tests (LeanArchitect read from the sources).

A module doc is no blueprint prose: `@[blueprint "not-a-node"]` here is text. -/

blueprint_comment /--
\section{Doubling}
Prose of the module, before its first node, with environments of its own:
\begin{lemma}\label{lem:prose}\uses{def:double}
A lemma written in the prose.
\end{lemma}
-/

namespace Arch

/-- A helper nobody tags: what it uses counts for whoever uses it. -/
def twice (n : Nat) : Nat := n + n

@[blueprint "def:double"
  (title := "Doubling")
  (statement := /-- The double of $n$ is $n + n$. -/)]
def double (n : Nat) : Nat := twice n

/-- An untagged helper with a `sorry`: it counts for whoever uses it. -/
theorem unfinished : True := sorry

@[simp, blueprint "lem:double-pos"
  (statement := /-- The double of a positive number is positive.
    It takes two lines. -/)
  (discussion := 12)]
theorem double_pos (n : Nat) (h : 0 < n) : 0 < double n := by
  /-- Unfold \cref{def:double}. -/
  unfold double twice
  omega

@[blueprint "lem:leans-on-sorry"
  (statement := /-- True, but through an unfinished helper. -/)]
theorem leans_on_sorry (n : Nat) : True := by
  /-- Its helper is not done. -/
  exact unfinished

@[blueprint "lem:step" (title := /-- A step -/)
  (statement := /-- A step that is not done. -/)]
theorem step (n : Nat) (h : 0 < n) : 0 < double (double n) := by
  /-- From \cref{lem:double-pos}, twice. -/
  sorry_using [double_pos]

@[blueprint "thm:main"
  (title := "Main")
  (statement := /-- The main theorem: $0 < 4n$. -/)
  (uses := ["lem:prose", -double])
  (proofUses := [leans_on_sorry])]
theorem main_thm (n : Nat) (h : 0 < n) : 0 < double (double n) := by
  /-- Apply \cref{lem:step}. -/
  have := leans_on_sorry n
  exact step n h

@[blueprint (statement := /-- A private lemma, its Lean name as its label. -/)]
private theorem secret : True := trivial

structure Box where
  size : Nat

@[blueprint "inst:box" (statement := /-- Boxes have a default. -/)]
instance : Inhabited Box := ⟨⟨0⟩⟩

@[blueprint "def:combo" (hasProof := false) (latexEnv := "definition")
  (statement := /-- A combination. -/)]
noncomputable def combo : Nat := by
  blueprint_using [double]
  exact 0

@[blueprint "thm:shared" (statement := /-- The first half of a shared node. -/)
  (proof := /-- Both halves at once. -/)]
theorem shared_one : True := trivial

@[to_additive (attr := blueprint "thm:mul-one"
  (statement := /-- Multiplying by one, and adding zero. -/))]
theorem mul_one' {M : Type} [Monoid M] (a : M) : a * 1 = a := mul_one a

end Arch

attribute [blueprint "mathlib:add-comm" (statement := /-- Addition commutes (Mathlib). -/)]
  Nat.add_comm

blueprint_comment /--
Prose after the last node of the module.
-/
