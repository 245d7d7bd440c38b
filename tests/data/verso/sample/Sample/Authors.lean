import VersoBlueprint

open Informal

#doc (Manual) "Authors" =>

:::author "ada" (name := "Ada Lovelace") (url := "https://example.org/ada") (image_url := "https://example.org/ada.png")
:::

:::author "brahma"
Brahmagupta
:::
