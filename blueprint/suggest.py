"""'Did you mean' hints for names that are not known: labels, Lean nodes, settings. Pure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

MAX_SUGGESTIONS = 100  # "did you mean" look-ups, each linear in the number of known names


def closest(name: str, known: Iterable[str], cutoff: float = 0.8) -> str | None:
    """The known name closest to `name`, if one is close enough (difflib's ratio)."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    return close[0] if close else None


@dataclass
class Suggestions:
    """The "did you mean" hints for unknown names: at most MAX_SUGGESTIONS of them."""

    asked: int = 0

    def hint(self, name: str, known: Iterable[str]) -> str:
        """` (did you mean X?)` with the closest of `known`, or nothing."""
        self.asked += 1
        if self.asked > MAX_SUGGESTIONS:
            return ""
        found = closest(name, known)
        return f" (did you mean {found}?)" if found else ""
