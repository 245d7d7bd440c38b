import Arch.Basic

/-! Compiled, tagged, never input by the document. -/

namespace Arch

@[blueprint "lem:unused" (statement := /-- Nobody inputs this module. -/)]
theorem unused : True := trivial

end Arch
