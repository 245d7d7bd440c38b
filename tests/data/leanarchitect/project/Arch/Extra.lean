import Arch.Basic

/-! Built by `lake build ArchExtra:blueprint` (the library is no default target). -/

namespace Arch

@[blueprint "thm:extra" (statement := /-- Compiled with its own library; \uses{lem:step} in the text. -/)]
theorem extra (n : Nat) (h : 0 < n) : 0 < double n := double_pos n h

end Arch
