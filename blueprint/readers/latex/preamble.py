"""The preamble's macros: packages and their options, document class, theorem
declarations, colours and links, and macro definitions (whose bodies are skipped).

`Preamble` is a mixin of `Reader`: it holds the handlers, `Reader` the state they use.
"""

from __future__ import annotations

import posixpath
import re

from blueprint.model import ColorKey, Options, Severity
from blueprint.readers.latex.args import (
    Arg,
    group,
    key_values,
    optional,
    skip_space,
    split_list,
    squash,
    star,
    token_or_group,
)
from blueprint.readers.latex.source import Cursor, Source
from blueprint.readers.latex.theorems import Counters, Theorems

_SHAPES = {  # arguments of definitions: * star, N name, O optional, G group
    "*NOOG": "newcommand renewcommand providecommand DeclareRobustCommand",
    "*GOOGG": "newenvironment renewenvironment",
    "NGG": "NewDocumentCommand RenewDocumentCommand ProvideDocumentCommand DeclareDocumentCommand",
    "GGGG": "NewDocumentEnvironment RenewDocumentEnvironment DeclareDocumentEnvironment",
}
DEFINITIONS = {name: shape for shape, names in _SHAPES.items() for name in names.split()}
PREAMBLE_MACROS = [
    "usepackage",
    "RequirePackage",
    "documentclass",
    "newtheorem",
    "declaretheorem",
    "numberwithin",
    "counterwithin",
    "counterwithout",
    "graphcolor",
    "bpcolor",
    "home",
    "github",
    "dochome",
    "title",
    "def",
    "gdef",
    "edef",
    "xdef",
    "let",
]
#: what a package (.sty) may do: all of the above but the document's own settings
IN_PACKAGES = (
    frozenset(PREAMBLE_MACROS) - {"documentclass", "home", "github", "dochome", "title"}
) | frozenset(DEFINITIONS)
_COLOR_KEYS = frozenset(ColorKey)
DEP_BY = ("part", "chapter", "section")
_CONTROL_SEQUENCE = re.compile(r"[ \t\n]*(\\(?:[a-zA-Z@]+|.))", re.DOTALL)
_LINE_BREAK = re.compile(r"\\\\\*?(?:\[[^\]]*\])?|\\newline(?![a-zA-Z@])")
_THANKS = re.compile(r"\\thanks\{[^{}]*\}")


class Preamble:
    """Handlers of the preamble's macros; each takes the cursor and the macro's match and
    returns where reading goes on."""

    options: Options
    counters: Counters
    theorems: Theorems
    packages: set[str]
    blueprint_loaded: bool
    cursors: list[Cursor]

    def _report(self, cur: Cursor, pos: int, severity: Severity, message: str) -> None:
        raise NotImplementedError

    def _load(self, path: str) -> Source | str | None:
        raise NotImplementedError

    def _cs_usepackage(self, cur: Cursor, match: re.Match[str]) -> int:
        opts = optional(cur.src, match.end())
        arg = group(cur.src, opts.end if opts else match.end())
        if arg is None or not arg.closed:
            return match.end()
        names = [name for name, _ in split_list(arg.value, arg.start)]
        if "blueprint" in names and not cur.sty:
            self._blueprint_package(cur, match.start(), opts.value if opts and opts.closed else "")
        for name in reversed(names):
            self._read_package(cur, name)
        return arg.end

    _cs_RequirePackage = _cs_usepackage

    def _read_package(self, cur: Cursor, name: str) -> None:
        """A local `name.sty`, for its theorem declarations and colours; silent."""
        folder = posixpath.dirname(cur.src.path)
        for path in dict.fromkeys((f"{name}.sty", posixpath.join(folder, f"{name}.sty"))):
            path = posixpath.normpath(path)
            if path in self.packages or path.startswith("../") or posixpath.isabs(path):
                continue
            src = self._load(path)
            if isinstance(src, Source):
                self.packages.add(path)
                self.cursors.append(Cursor(src, sty=True))
                return

    def _blueprint_package(self, cur: Cursor, pos: int, value: str) -> None:
        """Options of the first `\\usepackage{blueprint}`; later ones are ignored, as by
        LaTeX and plasTeX (a package loads once)."""
        options = key_values(value)
        if self.blueprint_loaded:
            ignored = sorted(set(options) & {"thms", "dep_by", "nonreducedgraph", "title"})
            if ignored:
                message = (
                    f"blueprint package already loaded: options {', '.join(ignored)} "
                    f"here are ignored"
                )
                self._report(cur, pos, Severity.WARNING, message)
            return
        self.blueprint_loaded = True
        if "thms" in options:
            self.options.thms = [squash(env) for env in options["thms"].split("+") if env.strip()]
        if "dep_by" in options:
            dep_by = options["dep_by"].strip()
            if dep_by in DEP_BY:
                self.options.dep_by = dep_by
            else:
                self._report(
                    cur,
                    pos,
                    Severity.WARNING,
                    f"dep_by={dep_by}: expected part, chapter or section; ignored",
                )
        if "nonreducedgraph" in options:
            self.options.nonreduced = True
        if "title" in options:
            self.options.graph_title = squash(options["title"])

    def _cs_documentclass(self, cur: Cursor, match: re.Match[str]) -> int:
        opts = optional(cur.src, match.end())
        arg = group(cur.src, opts.end if opts else match.end())
        if arg is None or not arg.closed:
            return match.end()
        self.counters.set_class(squash(arg.value))
        return arg.end

    def _definition(self, cur: Cursor, match: re.Match[str]) -> int:
        """`\\newcommand` and friends: their bodies are not read."""
        pos = match.end()
        for shape in DEFINITIONS[match.group(1)]:
            found: Arg | None
            if shape == "*":
                _, pos = star(cur.src.text, pos)
                continue
            if shape == "O":
                found = optional(cur.src, pos)
            elif shape == "N":
                found = token_or_group(cur.src, pos)
            else:
                found = group(cur.src, pos)
            if found is None and shape == "O":
                continue
            if found is None or not found.closed:
                return pos
            pos = found.end
        return pos

    def _cs_def(self, cur: Cursor, match: re.Match[str]) -> int:
        """`\\def\\name<parameters>{body}`: the body is not read."""
        text = cur.src.text
        name = _CONTROL_SEQUENCE.match(text, match.end())
        if name is None:
            return match.end()
        brace = text.find("{", name.end())
        if brace < 0 or "\n\n" in text[name.end() : brace] or brace not in cur.src.braces:
            return name.end()
        return cur.src.braces[brace] + 1

    _cs_gdef = _cs_edef = _cs_xdef = _cs_def

    def _cs_let(self, cur: Cursor, match: re.Match[str]) -> int:
        name = _CONTROL_SEQUENCE.match(cur.src.text, match.end())
        if name is None:
            return match.end()
        pos = skip_space(cur.src.text, name.end())
        if cur.src.text.startswith("=", pos):
            pos += 1
        value = token_or_group(cur.src, pos)
        return value.end if value is not None else pos

    def _cs_newtheorem(self, cur: Cursor, match: re.Match[str]) -> int:
        src = cur.src
        starred, pos = star(src.text, match.end())
        env = group(src, pos)
        if env is None or not env.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\newtheorem without {name}")
            return pos
        shared = optional(src, env.end)
        title = group(src, shared.end if shared else env.end)
        if title is None or not title.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\newtheorem without {title}")
            return env.end
        within = None if shared else optional(src, title.end)
        end = within.end if within else title.end
        name = squash(env.value)
        declared = self.theorems.newtheorem(
            name,
            squash(title.value),
            shared=squash(shared.value) if shared else None,
            within=squash(within.value) if within else None,
            numbered=not starred,
            from_sty=cur.sty,
        )
        if not declared:
            self._report(
                cur,
                match.start(),
                Severity.WARNING,
                f"\\newtheorem{{{name}}}: already declared; this one is ignored",
            )
        return end

    def _cs_declaretheorem(self, cur: Cursor, match: re.Match[str]) -> int:
        src = cur.src
        before = optional(src, match.end())
        names = group(src, before.end if before else match.end())
        if names is None or not names.closed:
            self._report(cur, match.start(), Severity.ERROR, "\\declaretheorem without {name}")
            return before.end if before else match.end()
        after = optional(src, names.end)
        options = {
            **key_values(before.value if before else ""),
            **key_values(after.value if after else ""),
        }
        for name, _ in split_list(names.value, names.start):
            self.theorems.declaretheorem(name, options, from_sty=cur.sty)
        return after.end if after else names.end

    def _cs_numberwithin(self, cur: Cursor, match: re.Match[str]) -> int:
        """`\\numberwithin[format]{counter}{within}` (amsmath; the format is not followed),
        `\\counterwithin{counter}{within}` and `\\counterwithout`; the starred forms change the
        resetting only, not the printed `within.n` (plasTeX knows only `\\numberwithin`, the
        PDF all of them)."""
        src = cur.src
        starred, pos = star(src.text, match.end())
        fmt = optional(src, pos)
        counter = group(src, fmt.end if fmt else pos)
        within = group(src, counter.end) if counter and counter.closed else None
        if counter is None or within is None or not within.closed:
            return counter.end if counter and counter.closed else pos
        name, parent, printed = squash(counter.value), squash(within.value), not starred
        if match.group(1) == "counterwithout":
            self.counters.number_without(name, parent, printed)
        elif name and parent:
            self.counters.number_within(name, parent, printed)
        return within.end

    _cs_counterwithin = _cs_counterwithout = _cs_numberwithin

    def _cs_graphcolor(self, cur: Cursor, match: re.Match[str]) -> int:
        pos = match.end()
        values: list[str] = []
        for _ in range(3):
            arg = group(cur.src, pos)
            if arg is None or not arg.closed:
                self._report(
                    cur,
                    match.start(),
                    Severity.ERROR,
                    f"\\{match.group(1)} needs three arguments: {{key}}{{colour}}{{description}}",
                )
                return pos
            values.append(squash(arg.value))
            pos = arg.end
        name, colour, description = values
        if name not in _COLOR_KEYS:
            known = ", ".join(ColorKey)
            self._report(
                cur,
                match.start(),
                Severity.WARNING,
                f"\\{match.group(1)}{{{name}}}: unknown key; known: {known}",
            )
            return pos
        key = ColorKey(name)
        self.options.colors[key] = colour
        self.options.color_descriptions[key] = description
        return pos

    _cs_bpcolor = _cs_graphcolor

    def _cs_home(self, cur: Cursor, match: re.Match[str]) -> int:
        arg = group(cur.src, match.end())
        if arg is None or not arg.closed:
            self._report(
                cur, match.start(), Severity.WARNING, f"\\{match.group(1)} without {{url}}"
            )
            return match.end()
        value = squash(arg.value)
        if match.group(1) == "github":
            value = value.rstrip("/")
        setattr(self.options, match.group(1), value)
        return arg.end

    _cs_github = _cs_dochome = _cs_home

    def _cs_title(self, cur: Cursor, match: re.Match[str]) -> int:
        short = optional(cur.src, match.end())
        arg = group(cur.src, short.end if short else match.end())
        if arg is None or not arg.closed:
            self._report(cur, match.start(), Severity.WARNING, "\\title without {text}")
            return match.end()
        self.options.title = squash(_LINE_BREAK.sub(" ", _THANKS.sub("", arg.value)))
        return arg.end
