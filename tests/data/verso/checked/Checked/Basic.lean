namespace Checked

def double (n : Nat) : Nat := n + n

theorem double_eq (n : Nat) : double n = 2 * n := by
  unfold double
  omega

theorem hard (n : Nat) : n ≤ double n := by
  sorry

end Checked
