"""Theorem-like environments (`\\newtheorem`, `\\declaretheorem`) and LaTeX-style counters.

Numbering is best effort, as in LaTeX's standard classes: in a class with chapters
(report, book) sections print as `chapter.section`; `\\newtheorem{x}{X}[chapter]` prints
`chapter.n`; `\\newtheorem{y}[x]{Y}` shares x's counter; starred and `numbered=no`
environments have no number; after `\\appendix` chapters (or sections, without chapters)
are lettered; `\\numberwithin` and `\\counterwithin` change a counter's parent.
`\\renewcommand{\\thetheorem}` and the like are not followed.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADING_LEVELS = ("part", "chapter", "section", "subsection", "subsubsection")
CHAPTER_CLASSES = frozenset(
    {"report", "book", "memoir", "scrreprt", "scrbook", "amsbook", "extreport", "extbook"}
)


@dataclass(frozen=True)
class TheoremDecl:
    """A theorem-like environment: its printed name and the counter it steps, if any."""

    env: str
    title: str
    counter: str | None
    from_sty: bool = False


class Counters:
    """LaTeX counters: values, `within` parents (printed as `parent.n`), resets on step."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.parent: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        self.appendix = False
        self.has_chapters = True
        self.set_class("report")

    def set_class(self, document_class: str) -> None:
        """Set up the heading counters of `document_class` (before any heading)."""
        self.has_chapters = document_class in CHAPTER_CLASSES
        for level in HEADING_LEVELS:
            self.define(level, None, replace=True)
        self.define("section", "chapter" if self.has_chapters else None, replace=True)
        self.define("subsection", "section", replace=True)
        self.define("subsubsection", "subsection", replace=True)

    def define(self, name: str, within: str | None, replace: bool = False) -> None:
        """A new counter, reset when `within` steps and printed as `within.n`."""
        if name in self.values and not replace:
            return
        self.values[name] = 0
        for children in self.children.values():
            if name in children:
                children.remove(name)
        self.parent.pop(name, None)
        if within is not None and within != name:
            self.values.setdefault(within, 0)
            self.children.setdefault(within, []).append(name)
            self.parent[name] = within

    def number_within(self, name: str, within: str, printed: bool = True) -> None:
        """amsmath's `\\numberwithin{name}{within}`, `\\counterwithin` (printed `within.n`)
        and `\\counterwithin*` (not printed so): `name` is reset by `within` instead, and
        its value kept. One resetting counter, as in plasTeX (LaTeX would keep both)."""
        value = self.values.get(name, 0)
        self.define(name, within, replace=True)
        self.values[name] = value
        if not printed:
            self.parent.pop(name, None)

    def number_without(self, name: str, within: str, printed: bool = True) -> None:
        """`\\counterwithout{name}{within}` (printed alone again) and `\\counterwithout*`."""
        if name in self.children.get(within, []):
            self.children[within].remove(name)
        if printed and self.parent.get(name) == within:
            del self.parent[name]

    def step(self, name: str) -> None:
        """`\\stepcounter`: the counters reset by `name` are reset, and theirs in turn (LaTeX
        does so since 2018, and plasTeX too: `\\newtheorem{t}{T}[subsection]` restarts at
        each section, not only at each subsection)."""
        self.values[name] = self.values.get(name, 0) + 1
        pending, seen = list(self.children.get(name, [])), {name}
        while pending:
            child = pending.pop()
            if child not in seen:
                seen.add(child)
                self.values[child] = 0
                pending += self.children.get(child, [])

    def start_appendix(self) -> None:
        self.appendix = True
        self.values["chapter" if self.has_chapters else "section"] = 0

    def the(self, name: str) -> str:
        """The printed value, `\\the<name>`."""
        parts: list[str] = []
        seen: set[str] = set()
        current: str | None = name
        while current is not None and current not in seen:
            seen.add(current)
            parts.append(self._format(current))
            current = self.parent.get(current)
        return ".".join(reversed(parts))

    def _format(self, name: str) -> str:
        value = self.values.get(name, 0)
        if name == "part":
            return _roman(value)
        lettered = "chapter" if self.has_chapters else "section"
        if self.appendix and name == lettered and 1 <= value <= 26:
            return chr(ord("A") + value - 1)
        return str(value)


class Theorems:
    """The declared theorem-like environments. A `.tex` declaration wins over a `.sty` one;
    otherwise the first declaration stands, as in LaTeX."""

    def __init__(self, counters: Counters):
        self.counters = counters
        self.decls: dict[str, TheoremDecl] = {}

    def __contains__(self, env: str) -> bool:
        return env in self.decls

    def get(self, env: str) -> TheoremDecl | None:
        return self.decls.get(env)

    def newtheorem(
        self,
        env: str,
        title: str,
        shared: str | None = None,
        within: str | None = None,
        numbered: bool = True,
        from_sty: bool = False,
    ) -> bool:
        """Declare `env`; False if an earlier declaration stands instead."""
        existing = self.decls.get(env)
        if existing is not None and (from_sty or not existing.from_sty):
            return False
        counter: str | None = None
        if numbered and shared:
            counter = shared
            self.counters.define(shared, None)
        elif numbered:
            counter = env
            self.counters.define(env, within, replace=True)
        self.decls[env] = TheoremDecl(env, title, counter, from_sty)
        return True

    def declaretheorem(self, env: str, options: dict[str, str], from_sty: bool = False) -> bool:
        """thmtools' `\\declaretheorem[options]{env}`."""
        title = options.get("name") or options.get("title") or env.capitalize()
        shared = options.get("sibling") or options.get("numberlike") or options.get("sharenumber")
        within = options.get("numberwithin") or options.get("parent") or options.get("within")
        numbered = options.get("numbered", "yes").strip().lower() != "no"
        return self.newtheorem(env, title, shared, within, numbered, from_sty)

    def step(self, env: str) -> str | None:
        """Step `env`'s counter (at `\\begin{env}`); its printed number, or None."""
        decl = self.decls.get(env)
        if decl is None or decl.counter is None:
            return None
        self.counters.step(decl.counter)
        return self.counters.the(decl.counter)


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    result = []
    for number, numeral in numerals:
        count, value = divmod(value, number)
        result.append(numeral * count)
    return "".join(result)
