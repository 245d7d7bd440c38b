/-
Copyright (c) 2025 The Sample contributors. All rights reserved.
Released under Apache 2.0 license as described in the file LICENSE.
-/
import Sample.Basic
import Sample.Groups
import Mathlib.NumberTheory.Wilson

/-!
# Congruences modulo a prime

Fermat's little theorem from Lagrange's theorem, Euler's theorem, and Wilson's theorem with
its converse.

Blueprint: chapter `chap:congruences`.
-/

namespace Sample

open scoped Nat

section Fermat

variable {p : ℕ} [Fact p.Prime]

/-- **Fermat's little theorem**: a nonzero residue modulo `p` raised to the power `p - 1`
is `1`. -/
theorem fermat_little {a : ZMod p} (ha : a ≠ 0) : a ^ (p - 1) = 1 := by
  have h := pow_natCard_eq_one (Units.mk0 a ha)
  rw [card_units_zmod] at h
  simpa using congrArg Units.val h

/-- Fermat's little theorem in the form `a ^ p = a`, valid for every residue. -/
@[simp]
theorem pow_prime_eq_self (a : ZMod p) : a ^ p = a := by
  have hp : p.Prime := Fact.out
  rcases eq_or_ne a 0 with rfl | ha
  · exact zero_pow hp.ne_zero
  · calc
      a ^ p = a ^ (p - 1 + 1) := by rw [Nat.sub_add_cancel hp.one_lt.le]
      _ = a := by rw [pow_succ, fermat_little ha, one_mul]

end Fermat

/-- Fermat's little theorem for a bundled prime modulus: the `Fact` instance is found through
`Sample.PrimeModulus.instFactPrime`. -/
theorem PrimeModulus.fermat (q : PrimeModulus) {a : ZMod q.val} (ha : a ≠ 0) :
    a ^ (q.val - 1) = 1 :=
  fermat_little ha

section Euler

/-- **Euler's theorem**: every unit modulo `n` satisfies `a ^ φ n = 1`. -/
theorem euler_totient {n : ℕ} [NeZero n] (a : (ZMod n)ˣ) : a ^ φ n = 1 := by
  -- Plan: `pow_natCard_eq_one` together with `ZMod.card_units_eq_totient`.
  -- The `Fintype` instance on `(ZMod n)ˣ` does not match the one in that lemma yet.
  sorry

end Euler

section Wilson

variable (p : ℕ) [Fact p.Prime]

/-- In `ZMod p` the only square roots of `1` are `1` and `-1`. -/
lemma mul_self_eq_one_iff_zmod {x : ZMod p} : x * x = 1 ↔ x = 1 ∨ x = -1 :=
  mul_self_eq_one_iff

/-- **Wilson's theorem**: `(p - 1)! ≡ -1 [MOD p]` for every prime `p`. -/
theorem wilson : ((p - 1)! : ZMod p) = -1 :=
  ZMod.wilsons_lemma p

/- Implementation note.
   `isSquare_neg_one_of_mod_four_eq_one` follows from `ZMod.exists_sq_eq_neg_one_iff`,
   /- which goes through quadratic reciprocity; the blueprint asks for the elementary
      argument with `((p - 1) / 2)!`, so we keep the sorry below until it is written -/
   instead of importing the Legendre symbol machinery. -/

/-- If `p % 4 = 1` then `-1` is a square modulo `p`, a square root being `((p - 1) / 2)!`. -/
theorem isSquare_neg_one_of_mod_four_eq_one (hp4 : p % 4 = 1) : IsSquare (-1 : ZMod p) := by
  sorry

end Wilson

/-- The converse of Wilson's theorem: if `(n - 1)! ≡ -1 [MOD n]` and `n ≠ 1`, then `n` is
prime. -/
theorem prime_of_factorial_eq_neg_one {n : ℕ} (h1 : n ≠ 1) (h : ((n - 1)! : ZMod n) = -1) :
    n.Prime :=
  Nat.prime_of_fac_equiv_neg_one h h1

end Sample
