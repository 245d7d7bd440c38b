import VersoManual
import VersoBlueprint
import Checked.Chapter

open Verso.Genre Manual
open Informal

#doc (Manual) "Checked against $`\\mathbb{N}`" =>

:::author "ada" (name := "Ada Lovelace")
:::

{include 0 Checked.Chapter}

# Compiled nodes

{blueprint_node "quad"}
