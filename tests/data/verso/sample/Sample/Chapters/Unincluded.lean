import VersoBlueprint

#doc (Manual) "Never included" =>

:::theorem "unincluded"
A chapter file no document includes: not part of the blueprint.
:::
