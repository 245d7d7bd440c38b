"""The pace of Python's cycle collector, per kind of command.

A one-shot command allocates much and frees it all at exit: the collector, run at its default
pace, costs 15% of a 2,000-node build and of a history walk, and 6 ms of the imports every
command starts with. Collecting seventy times less often wins most of that back and still
bounds memory (+3% on pfr's history, against +15% with no collection at all).

`watch` keeps that pace between rebuilds, and pauses the collector during each one (the
session's caches are hundreds of thousands of objects it would walk through again and again),
from the first file read to the browser's reload. A rebuild leaves a few thousand objects in
reference cycles (jinja's macros, with the page data they reach: PrimeNumberTheoremAnd, 4,600
objects and the whole site's data), so the rebuild collects the young objects once it has
reloaded the page (20-60 ms there), and memory stays that of one rebuild. At the
interpreter's pace, the collector went through them in the middle of a rebuild instead, one in
six, for 0.1 to 0.2 s. `serve`, which only answers requests for hours, goes back to the
interpreter's own pace.
"""

import gc

USUAL = gc.get_threshold()  # the interpreter's own pace (it differs between versions)


def for_one_shot() -> None:
    gc.set_threshold(50_000, 20, 20)


def for_long_running() -> None:
    gc.set_threshold(*USUAL)
