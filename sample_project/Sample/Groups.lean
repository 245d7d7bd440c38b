/-
Copyright (c) 2025 The Sample contributors. All rights reserved.
Released under Apache 2.0 license as described in the file LICENSE.
-/
import Mathlib.FieldTheory.Finite.Basic

/-!
# Lagrange's theorem and the unit group of `ZMod p`

We only need the element version of Lagrange's theorem. Cardinalities are `Nat.card`, so no
`Fintype` instance is required: for an infinite group both sides are degenerate.

Blueprint: chapter `chap:groups`.
-/

namespace Sample

section Lagrange

variable {G : Type*} [Group G]

/-- The order of an element divides the order of the group. -/
@[to_additive "The additive order of an element divides the order of the additive group."]
theorem orderOf_dvd_natCard (g : G) : orderOf g ∣ Nat.card G := by
  rw [← Nat.card_zpowers g]
  exact Subgroup.card_subgroup_dvd_card (Subgroup.zpowers g)

/-- Raising an element to the order of the group gives the identity. -/
theorem pow_natCard_eq_one (g : G) : g ^ Nat.card G = 1 := by
  obtain ⟨k, hk⟩ := orderOf_dvd_natCard g
  rw [hk, pow_mul, pow_orderOf_eq_one, one_pow]

end Lagrange

section Units

variable (p : ℕ) [Fact p.Prime]

/-- The unit group of `ZMod p` has `p - 1` elements. -/
theorem card_units_zmod : Nat.card (ZMod p)ˣ = p - 1 := by
  rw [Nat.card_eq_fintype_card, ZMod.card_units]

end Units

end Sample
