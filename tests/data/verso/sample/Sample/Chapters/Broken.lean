import VersoBlueprint

open Informal

#doc (Manual) "Broken" =>

A stray ] and an _unclosed emphasis, and a role {cite} without text.

:::theorem "add_comm" (priority := "urgent")
A second statement with the label of another.
:::

::::theorem "bad_options" (colour := "red") (pr_url := "not a url") (effort := "huge")
It uses {uses "no_such_label"}[something] and {uses "zero_ad"}[this].

:::lemma_ "inner"
Nested nodes are not allowed.
:::
::::

:::proof "ghost"
A proof without statement.
:::

```lean
theorem unlabelled : True := trivial
```

:::definition "unclosed"
This directive is never closed.
