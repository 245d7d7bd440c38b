import VersoBlueprint
import Checked.Basic

namespace Checked

/-- Doubling twice is multiplying by $`4`. -/
@[blueprint "quad" (uses := ["double_def"]) (proofUses := ["double_eq"])]
theorem quad (n : Nat) : double (double n) = 4 * n := by
  simp only [double_eq]
  omega

end Checked
