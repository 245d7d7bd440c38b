/-
Copyright (c) 2024 The Sample contributors. All rights reserved.
Released under Apache 2.0 license as described in the file LICENSE.
-/
import Mathlib.FieldTheory.Finite.Basic

/-!
# Legacy lemmas

Lemmas from the first version of the project, kept for reference. This file is **not** imported
by `Sample.lean`, so `lake build` does not compile it and nothing here is checked.

`Sample.wilson` now applies `ZMod.wilsons_lemma` directly, which made
`Sample.prod_units_zmod_eq_neg_one` unnecessary.
-/

namespace Sample

variable (p : ℕ) [Fact p.Prime]

/-- The product of all units of `ZMod p` is `-1`: every unit other than `1` and `-1` cancels
against its inverse. -/
theorem prod_units_zmod_eq_neg_one : ∏ x : (ZMod p)ˣ, x = -1 :=
  FiniteField.prod_univ_units_id_eq_neg_one

end Sample
