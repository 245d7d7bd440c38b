"""The pace of Python's cycle collector, per kind of command.

A one-shot command allocates much and frees it all at exit: the collector, run at its default
pace, costs 15% of a 2,000-node build and of a history walk, and 6 ms of the imports every
command starts with. Collecting seventy times less often wins most of that back and still
bounds memory (+3% on pfr's history, against +15% with no collection at all). `watch` and
`serve`, which run for hours, go back to the interpreter's own pace, except while `watch`
rebuilds (`one_shot_pace`): a rebuild is a one-shot build that keeps its caches.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

USUAL = gc.get_threshold()  # the interpreter's own pace (it differs between versions)
ONE_SHOT = (50_000, 20, 20)


def for_one_shot() -> None:
    gc.set_threshold(*ONE_SHOT)


def for_long_running() -> None:
    gc.set_threshold(*USUAL)


@contextmanager
def one_shot_pace() -> Iterator[None]:
    """The one-shot pace for a while (a watch rebuild: at the usual pace, the collector
    goes through a session's caches over and over, 0.1-0.3 s of a rebuild of 940 nodes),
    then the pace of before; what the rebuild left is collected at that pace."""
    before = gc.get_threshold()
    gc.set_threshold(*ONE_SHOT)
    try:
        yield
    finally:
        gc.set_threshold(*before)
