import Arch.Basic

/-! # The second module: nodes the document picks one by one. -/

namespace Arch

/-- Two untagged helpers in a chain: a statement that names the second uses what the
first uses. -/
def twice_double (n : Nat) : Nat := double (double n)

def quadruple (n : Nat) : Nat := twice_double n

@[blueprint "def:quad" (statement := /-- Four times $n$. -/)]
def quad (n : Nat) : Nat := quadruple n

@[blueprint "thm:quad-pos"
  (statement := /-- Four times a positive number is positive. -/)
  (message := "kept as it is") (priorityItem := true)]
theorem quad_pos (n : Nat) (h : 0 < n) : 0 < quad n := by
  /-- By \cref{lem:double-pos}, twice. -/
  unfold quad quadruple twice_double
  exact double_pos _ (double_pos n h)

@[blueprint "thm:shared" (title := "Shared")]
theorem shared_two : True := by
  /-- Not used: the first declaration's proof text is. -/
  trivial

@[blueprint "thm:not-ready" (notReady := true) (latexEnv := "proposition")
  (statement := /-- Not ready: the blueprint needs work. -/) (proofuses := [quad])]
theorem not_ready : True := trivial

@[blueprint "lem:never" (statement := /-- A node the document never inputs. -/)]
theorem never : True := trivial

@[blueprint "bad:option" (statement := "a string, not a doc comment")]
theorem bad_option : True := trivial

end Arch
