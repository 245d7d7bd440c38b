import VersoManual
import VersoBlueprint

open Verso.Genre Manual
open Informal

set_option verso.blueprint.trimTeXLabelPrefix true
set_option maxHeartbeats 400000 in
theorem unrelated : True := trivial

#docs (Manual) sampleExtras "Extras, in a #docs" :=
:::::::

A document made with `#docs`, included by its name.

:::theorem "thm:main" (uses := "double")
The main theorem.
:::

```lean "thm:main"
theorem main_theorem : 1 + 1 = 2 := rfl
```
:::::::

def after : Nat := 1
