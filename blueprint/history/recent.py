"""A bounded memo that keeps what was used last: walking commits in order, what the next
commit needs is almost always what the previous one used."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most `limit` in total weight (by default each value weighs 1); the least recently
    used go first."""

    def __init__(self, limit: int, weigh: Callable[[V], int] | None = None) -> None:
        self.limit = limit
        self._weigh = weigh
        self._items: OrderedDict[K, V] = OrderedDict()
        self._total = 0

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> V:
        old = self._items.pop(key, None)
        if old is not None:
            self._total -= self._weight(old)
        self._items[key] = value
        self._total += self._weight(value)
        while self._total > self.limit and len(self._items) > 1:
            _, dropped = self._items.popitem(last=False)
            self._total -= self._weight(dropped)
        return value

    def __len__(self) -> int:
        return len(self._items)

    def _weight(self, value: V) -> int:
        return 1 if self._weigh is None else self._weigh(value)
