/-
Copyright (c) 2025 The Sample contributors. All rights reserved.
Released under Apache 2.0 license as described in the file LICENSE.
-/
import Mathlib.NumberTheory.Primorial
import Mathlib.Tactic.IrreducibleDef

/-!
# Basic definitions

This file sets up the two project-specific definitions the rest of the library builds on.

* `Sample.primeProd n` is the product of all primes `p ≤ n`. It is introduced with
  `irreducible_def`, so later proofs go through the equation `Sample.primeProd_def`
  instead of unfolding the definition.
* `Sample.PrimeModulus` bundles a natural number with a proof that it is prime, and provides
  the `Fact` instance that `ZMod` needs to be a field.

Blueprint: `def:primeProd` and `def:prime-modulus`.
-/

namespace Sample

/-- The line printed by `#eval Sample.banner` in the README demo. -/
def banner : String := "Sample blueprint: every sorry is tracked on the dependency graph"

section PrimeProd

open Finset

/-- The product of all primes `p ≤ n`. This is Mathlib's `primorial n`; we keep our own copy
so that the blueprint can follow its API. -/
irreducible_def primeProd (n : ℕ) : ℕ :=
  ∏ p ∈ filter Nat.Prime (range (n + 1)), p

end PrimeProd

/-- A prime number bundled with a proof that it is prime. -/
structure PrimeModulus where
  /-- The underlying natural number. -/
  val : ℕ
  /-- The number `val` is prime. -/
  prime : val.Prime

namespace PrimeModulus

/-- Instance search recovers the primality of the underlying number, which is what
`ZMod q.val` needs in order to be a field. -/
instance instFactPrime (q : PrimeModulus) : Fact q.val.Prime :=
  ⟨q.prime⟩

/-- The smallest prime modulus. -/
def two : PrimeModulus :=
  ⟨2, Nat.prime_two⟩

@[simp]
theorem val_two : two.val = 2 :=
  rfl

lemma two_le (q : PrimeModulus) : 2 ≤ q.val :=
  q.prime.two_le

end PrimeModulus

end Sample
