import Verso
import VersoManual
import VersoBlueprint

open Verso.Genre
open Verso.Genre.Manual
open Informal

#doc (Manual) "Basics" =>

Text on two lines, with _emphasis_, *bold*, **double bold**, _emphasis with *bold* inside_,
`code`, ``code with a ` inside``, inline math $`a + b` and escaped \_ \* \[ marks.

$$`
  \sum_{i=0}^{n} i = \frac{n(n+1)}{2}
`

A [link](https://example.org), a [reference link][docs], an image ![a diagram](diagram.png),
a footnote[^note] and an unknown role {kbd}[Ctrl].

[docs]: https://example.org/docs
[^note]: The footnote's text.

## Lists

* a bullet
* another, with a nested list:
  - dash item
  - second dash item
1. first
2. second
: Term
  Its description.

> A quotation.

:::group "arith"
Arithmetic on the natural numbers.
:::

:::source_document "notes"
%%%
title := "Course notes"
kind := .pdf
%%%
:::

:::definition "nat_add" (parent := "arith") (lean := "Nat.add, Nat.succ") (tags := "Starter, arithmetic, starter") (effort := "S") (priority := "HIGH") (owner := "ada") (pr_url := "https://github.com/o/r/pull/1") (issue_url := "https://github.com/o/r/issues/2")
%%%
source := { document := "notes", spans := #[{ page := "1" }] }
%%%
We write $`a + b` for the sum, see {bpref "add_comm"}[the commutativity].
:::

```tex "nat_add"
\begin{definition}\label{def:add}\lean{Nat.add}\leanok
Addition.
\end{definition}
```

```tex "nat_add" (slot := proof)
\begin{proof}\leanok
\end{proof}
```

```tex
An unlabelled witness: never shown.
```

:::theorem "add_comm" (parent := "arith") (uses := "nat_add") (autoDeps := false) (uses_intent := "auxiliary")
For all $`a, b`, {uses "nat_add" (intent := "technical")}[addition] commutes: $`a + b = b + a`.
:::

:::proof "add_comm" (uses := "zero_add")
By induction, using {uses "succ_add"}[the successor lemma] and {bpref "nat_add"}[].
:::

```lean "add_comm"
theorem add_comm' (a b : Nat) : a + b = b + a := Nat.add_comm a b
```

:::lemma_ "zero_add" (lean := "Nat.zero_add") (effort := "large") (priority := "low")
$`0 + a = a`.
:::

:::lemma_ "succ_add" (lean := "Nat.succ_add")
$`S(a) + b = S(a + b)`.
:::

::::proposition "assoc" (lean := "Nat.add_assoc") (uses_origin := "automatic")
Associativity, with a remark inside:

:::remark
Nested directives have fewer colons than the one around them.
:::
::::

:::corollary "double" (uses := "assoc, add_comm")
$`a + a = 2a`.
:::

```````
a fence of seven backticks holds ``` and ::: as text
```````
