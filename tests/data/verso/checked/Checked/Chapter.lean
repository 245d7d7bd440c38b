import VersoManual
import VersoBlueprint

open Verso.Genre Manual
open Informal

tex_prelude r#"\newcommand{\dbl}[1]{2 \cdot #1}"#

#doc (Manual) "Doubling" =>

We double numbers: $`\dbl{n}`, see {bpref "double_eq"}[].

# Definitions

:::definition "double_def" (lean := "Checked.double") (owner := "ada") (effort := "small") (tags := "easy, arith")
The double of $`n` is $`n + n`.
:::

```tex "double_def"
\begin{definition}\leanok\lean{Checked.double}\end{definition}
```

# Results

:::theorem "double_eq" (lean := "Checked.double_eq") (priority := "high")
For every $`n`, {uses "double_def"}[the double] of $`n` is

$$`\dbl{n}.`
:::

:::proof "double_eq"
Unfold {uses "double_def"}[] and compute.
:::

:::lemma_ "hard" (lean := "Checked.hard") (effort := "large")
$`n \le 2n`.
:::

:::proof "hard"
By {uses "double_eq"}[the formula].
:::

```tex "hard" (slot := proof)
\begin{proof}\leanok Complete, says the TeX. \end{proof}
```

:::lemma_ "typo" (lean := "Checked.Double") (autoDeps := false)
A name declared nowhere.
:::

:::lemma_ "orphan" (lean := "Checked.orphan") (tags := "arith")
A declaration in a file no library compiles.
:::

:::corollary "todo" (uses := "hard, nowhere")
Not formalized yet, with an {foo}[unknown role].
:::

:::sidebar
An unknown directive.
:::

:::lemma_ "hard"
The same label again.
:::

:::proof "ghost"
A proof of no statement.
:::
