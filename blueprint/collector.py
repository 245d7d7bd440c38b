"""The pace of Python's cycle collector, per kind of command.

A one-shot command allocates much and frees it all at exit: the collector, run at its default
pace, costs 15% of a 2,000-node build and of a history walk, and 6 ms of the imports every
command starts with. Collecting seventy times less often wins most of that back and still
bounds memory (+3% on pfr's history, against +15% with no collection at all).

`watch` keeps that pace: each rebuild is a one-shot build that keeps its caches, and at the
interpreter's own pace the collector went through the session's caches over and over (0.1 to
0.3 s of a rebuild of 940 nodes, then a whole collection as it ended). A rebuild leaves little
for the collector (about a thousand objects, from the templates), and a whole collection still
comes every few rebuilds, so memory stays bounded. `serve`, which only answers requests for
hours, goes back to the interpreter's own pace.
"""

import gc

USUAL = gc.get_threshold()  # the interpreter's own pace (it differs between versions)


def for_one_shot() -> None:
    gc.set_threshold(50_000, 20, 20)


def for_long_running() -> None:
    gc.set_threshold(*USUAL)
