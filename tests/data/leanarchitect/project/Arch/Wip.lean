import Arch.Basic

/-! A library nobody builds: its nodes are not formalized. -/

namespace Arch

@[blueprint "thm:wip" (statement := /-- Work in progress. -/)]
theorem wip : True := trivial

end Arch
