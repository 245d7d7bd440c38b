"""Markup languages that both the readers and the site read (pure: text in, trees out).

`verso` is the tree of Verso's markup and `verso_parser` Verso's concrete syntax: the Verso
reader reads the blueprint out of the tree, the site converts the same tree to its items.
"""
