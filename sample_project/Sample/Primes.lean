/-
Copyright (c) 2025 The Sample contributors. All rights reserved.
Released under Apache 2.0 license as described in the file LICENSE.
-/
import Sample.Basic
import Mathlib.NumberTheory.Bertrand
import Batteries.Util.ProofWanted

/-!
# Infinitely many primes

Euclid's argument through `Sample.primeProd`, and the first steps towards Bertrand's postulate.

Blueprint: chapter `chap:primes`.
-/

namespace Sample

/-- Every natural number other than `1` has a prime divisor, namely its smallest factor
different from `1`. -/
theorem exists_prime_dvd {n : ℕ} (hn : n ≠ 1) : ∃ p, p.Prime ∧ p ∣ n :=
  ⟨n.minFac, Nat.minFac_prime hn, Nat.minFac_dvd n⟩

section PrimeProd

variable {p : ℕ}

open Finset in
/-- The product of the primes up to `n` is positive. -/
theorem primeProd_pos (n : ℕ) : 0 < primeProd n := by
  rw [primeProd_def]
  exact Finset.prod_pos fun q hq => (mem_filter.1 hq).2.pos

open Finset in
/-- Every prime `p ≤ n` divides `primeProd n`. -/
theorem dvd_primeProd {n : ℕ} (hp : p.Prime) (hpn : p ≤ n) : p ∣ primeProd n := by
  rw [primeProd_def]
  exact Finset.dvd_prod_of_mem (fun q => q)
    (mem_filter.2 ⟨mem_range.2 (Nat.lt_succ_of_le hpn), hp⟩)

end PrimeProd

namespace Euclid

/-- A prime that divides `m` does not divide `m + 1`. -/
theorem not_dvd_succ_of_dvd {p m : ℕ} (hp : p.Prime) (h : p ∣ m) : ¬p ∣ m + 1 := fun h' =>
  hp.not_dvd_one ((Nat.dvd_add_right h).mp h')

end Euclid

section Infinitude

/-- **Euclid's theorem**: there is a prime larger than any given natural number. -/
theorem exists_prime_gt (n : ℕ) : ∃ p, n < p ∧ p.Prime := by
  -- No sorry needed here: `omega` closes the arithmetic side goal.
  have hne : primeProd n + 1 ≠ 1 := by
    have := primeProd_pos n
    omega
  obtain ⟨p, hp, hdvd⟩ := exists_prime_dvd hne
  refine ⟨p, ?_, hp⟩
  by_contra! hle
  exact Euclid.not_dvd_succ_of_dvd hp (dvd_primeProd hp hle) hdvd

/-- The set of primes is not bounded above. -/
theorem not_bddAbove_setOf_prime : ¬BddAbove {p : ℕ | p.Prime} := by
  rw [not_bddAbove_iff]
  intro n
  obtain ⟨p, hnp, hp⟩ := exists_prime_gt n
  exact ⟨p, hp, hnp⟩

/-- **Euclid's theorem**, set version: there are infinitely many primes. -/
theorem primes_infinite : {p : ℕ | p.Prime}.Infinite :=
  Set.infinite_of_not_bddAbove not_bddAbove_setOf_prime

/-- The name under which `Sample.primes_infinite` was first stated in the blueprint. -/
alias infinite_setOf_prime := primes_infinite

end Infinitude

section Bertrand

/- Historical note.
   An early version of this section proved `primeProd_le_four_pow` by a long `calc` block
   /- whose odd case ended in a `sorry` we never managed to remove -/
   and was replaced by the strong induction sketched in the blueprint. -/

/-- **Erdős's bound**: the product of the primes up to `n` is at most `4 ^ n`. -/
theorem primeProd_le_four_pow (n : ℕ) : primeProd n ≤ 4 ^ n := by
  -- Strong induction on `n`. Even `n > 2` are not prime, so `primeProd n = primeProd (n - 1)`;
  -- for `n = 2 * m + 1`, the primes in `(m + 1, 2 * m + 1]` divide `(2 * m + 1).choose m`,
  -- which is at most `4 ^ m` by `Nat.choose_middle_le_pow`.
  sorry

/-- **Bertrand's postulate**: for `n ≠ 0` there is a prime `p` with `n < p ≤ 2 * n`.
Mathlib has it as `Nat.exists_prime_lt_and_le_two_mul`; we want the blueprint's proof. -/
proof_wanted bertrand (n : ℕ) (hn : n ≠ 0) : ∃ p, p.Prime ∧ n < p ∧ p ≤ 2 * n

end Bertrand

end Sample
