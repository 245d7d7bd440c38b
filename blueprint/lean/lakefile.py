"""Lake configuration: libraries, their roots and globs (pure parsers).

`lakefile.lean` is Lean code; only the usual forms are read:
`package`, `[@[default_target]] lean_lib Foo [where roots := #[`A, `B]
globs := #[.submodules `Foo] srcDir := "src"]`, `lean_exe`.
`lakefile.toml`: `[[lean_lib]] name/roots/globs/srcDir`, `defaultTargets`.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field

from blueprint.model import Diagnostic, Severity
from blueprint.tomllines import error_line, line_of, toml_lines


@dataclass(frozen=True)
class Glob:
    """A Lake module glob: `one` (the module), `submodules` (strictly below),
    `andSubmodules` (both)."""

    module: str
    mode: str = "one"  # "one" | "submodules" | "andSubmodules"

    def matches(self, module: str) -> bool:
        below = module.startswith(self.module + ".")
        if self.mode == "one":
            return module == self.module
        if self.mode == "submodules":
            return below
        return below or module == self.module

    @classmethod
    def parse(cls, text: str) -> Glob:
        """TOML form: `Foo` (one), `Foo.*` (submodules), `Foo.+` (module and below)."""
        if text.endswith(".*"):
            return cls(text[:-2], "submodules")
        if text.endswith(".+"):
            return cls(text[:-2], "andSubmodules")
        return cls(text)


@dataclass
class LeanLib:
    name: str
    roots: list[str] = field(default_factory=list)
    globs: list[Glob] = field(default_factory=list)
    src_dir: str = ""
    default: bool = False
    exe: bool = False  # a `lean_exe` (roots = its `root`)
    file: str = ""  # where it is declared (a lakefile, or blueprint.toml), for diagnostics
    line: int = 1  # the line of its declaration
    glob_lines: dict[Glob, int] = field(default_factory=dict)  # where each root or glob is

    def all_globs(self) -> list[Glob]:
        """Lake's default: `globs := roots.map Glob.one`, `roots := #[name]`."""
        if self.globs:
            return self.globs
        return [Glob(r) for r in (self.roots or [self.name])]

    def line_of(self, glob: Glob) -> int:
        """The line of `file` where this root or glob is written."""
        return self.glob_lines.get(glob, self.line)


@dataclass
class LakeConfig:
    package: str | None = None
    libs: list[LeanLib] = field(default_factory=list)
    src_dir: str = ""
    default_targets: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    file: str | None = None  # the lakefile read (None: the project has none)

    def built_libs(self) -> list[LeanLib]:
        """What a plain `lake build` builds: default targets, else every library."""
        chosen = [lib for lib in self.libs if lib.default or lib.name in self.default_targets]
        return chosen or [lib for lib in self.libs if not lib.exe]


def _unguillemet(name: str) -> str:
    return ".".join(p.strip("«»") for p in re.findall(r"«[^»]*»|[^.«»]+", name))


_NAME = r"(?:«[^»\n]*»|[^\s:=\[\],#`\"()]+)"
_DECL_RE = re.compile(
    rf"^(?P<attr>@\[[^\]]*\]\s*)?(?P<kind>package|lean_lib|lean_exe)\s+(?P<name>{_NAME})",
    re.M,
)
_TOP_RE = re.compile(r"^(?:@\[|package|lean_lib|lean_exe|require|target|extern_lib|script|"
                     r"input_file|input_dir|meta|def|open|import)\b", re.M)
_ROOTS_RE = re.compile(r"\broots\s*:=\s*#\[(?P<body>[^\]]*)\]")
_ROOT_RE = re.compile(r"\broot\s*:=\s*`(?P<name>[^\s,\]]+)")
_GLOBS_RE = re.compile(r"\bglobs\s*:=\s*#\[(?P<body>[^\]]*)\]")
_SRCDIR_RE = re.compile(r"\bsrcDir\s*:=\s*\"(?P<dir>[^\"]*)\"")
_BACKTICK_RE = re.compile(r"`+(«[^»]*»(?:\.«[^»]*»|\.[^\s,\]`.]+)*|[^\s,\]`]+)")
_GLOB_ITEM_RE = re.compile(
    r"(?:Glob)?\.?(?P<mode>one|submodules|andSubmodules)?\s*`(?P<name>«[^»]*»|[^\s,\]]+)"
)
_DEFAULT_TARGETS_RE = re.compile(r"defaultTargets\s*:=\s*#\[(?P<body>[^\]]*)\]")


def _strip_lean_comments(text: str) -> str:
    text = re.sub(r"/-.*?-/", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def parse_lakefile_lean(text: str, file: str = "lakefile.lean") -> LakeConfig:
    """Libraries of a `lakefile.lean` (best effort: literal roots/globs only)."""
    cfg = LakeConfig(file=file)
    text = _strip_lean_comments(text)  # keeps every line where it was
    newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line(pos: int) -> int:
        return bisect.bisect_left(newlines, pos) + 1

    tops = [m.start() for m in _TOP_RE.finditer(text)]
    for m in _DECL_RE.finditer(text):
        nxt = next((p for p in tops if p > m.end()), len(text))
        # the block goes to the next top-level declaration after this one's header
        block = text[m.end() : nxt]
        name = _unguillemet(m.group("name"))
        srcdir = _SRCDIR_RE.search(block)
        if m.group("kind") == "package":
            cfg.package = name
            if srcdir:
                cfg.src_dir = srcdir.group("dir")
            dt = _DEFAULT_TARGETS_RE.search(block)
            if dt:
                cfg.default_targets = [_unguillemet(x) for x in _BACKTICK_RE.findall(dt["body"])]
            continue
        lib = LeanLib(name, default=bool(m.group("attr") and "default_target" in m.group("attr")),
                      file=file, line=line(m.start("kind")))
        lib.exe = m.group("kind") == "lean_exe"
        lib.glob_lines[Glob(name)] = line(m.start("name"))
        roots = _ROOTS_RE.search(block)
        if roots:
            body = m.end() + roots.start("body")
            lib.roots = []
            for x in _BACKTICK_RE.finditer(roots["body"]):
                lib.roots.append(_unguillemet(x[1]))
                lib.glob_lines[Glob(lib.roots[-1])] = line(body + x.start())
        root = _ROOT_RE.search(block)
        if lib.exe:
            lib.roots = [_unguillemet(root["name"])] if root else [name]
            if root:
                lib.glob_lines[Glob(lib.roots[0])] = line(m.end() + root.start("name"))
        globs = _GLOBS_RE.search(block)
        if globs:
            for g in _GLOB_ITEM_RE.finditer(globs["body"]):
                lib.globs.append(Glob(_unguillemet(g["name"]), g["mode"] or "one"))
                lib.glob_lines[lib.globs[-1]] = line(m.end() + globs.start("body") + g.start())
        if srcdir:
            lib.src_dir = srcdir.group("dir")
        cfg.libs.append(lib)
    if not cfg.libs:
        cfg.diagnostics.append(Diagnostic(file, 1, Severity.WARNING, "no `lean_lib` found"))
    return cfg


def parse_lakefile_toml(text: str, file: str = "lakefile.toml") -> LakeConfig:
    """Libraries of a `lakefile.toml`."""
    cfg = LakeConfig(file=file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = error_line(exc) or 1
        cfg.diagnostics.append(Diagnostic(file, line, Severity.ERROR, f"invalid TOML: {exc}"))
        return cfg
    lines = toml_lines(text)
    cfg.package = str(data.get("name")) if data.get("name") else None
    cfg.src_dir = str(data.get("srcDir", ""))
    cfg.default_targets = [str(x) for x in data.get("defaultTargets", []) or []]
    for kind in ("lean_lib", "lean_exe"):
        entries = data.get(kind, [])
        if not isinstance(entries, list):
            continue
        for number, entry in enumerate(entries):
            if not isinstance(entry, dict) or "name" not in entry:
                continue
            name = str(entry["name"])
            at = f"{kind}[{number}]"
            lib = LeanLib(name, exe=kind == "lean_exe", src_dir=str(entry.get("srcDir", "")),
                          file=file, line=line_of(lines, at))
            lib.glob_lines[Glob(name)] = line_of(lines, f"{at}.name")
            if kind == "lean_exe":
                lib.roots = [str(entry.get("root", name))]
                lib.glob_lines[Glob(lib.roots[0])] = line_of(lines, f"{at}.root")
            else:
                lib.roots = [str(r) for r in entry.get("roots", []) or []]
                lib.globs = [Glob.parse(str(g)) for g in entry.get("globs", []) or []]
                for i, r in enumerate(lib.roots):
                    lib.glob_lines[Glob(r)] = line_of(lines, f"{at}.roots[{i}]")
                for i, g in enumerate(lib.globs):
                    lib.glob_lines[g] = line_of(lines, f"{at}.globs[{i}]")
            cfg.libs.append(lib)
    if not cfg.libs:
        cfg.diagnostics.append(Diagnostic(file, 1, Severity.WARNING, "no `lean_lib` found"))
    return cfg


_REQUIRE_LEAN_RE = re.compile(
    r"^require\s+(?:\"[^\"]*\"\s*/\s*)?\"?«?([\w.-]+)»?\"?"
    r"(?:\s+from\s+(git\s+)?\"([^\"]*)\")?",
    re.M,
)


@dataclass(frozen=True, slots=True)
class Requirement:
    name: str
    path: str | None  # a folder, relative to the project: for `require X from "./dir"`
    git: str | None
    line: int


def requirements(text: str, path: str) -> list[Requirement]:
    """The `require`s of a `lakefile.lean` or `lakefile.toml`."""
    if path.endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return []
        out = []
        for entry in data.get("require", []) or []:
            if isinstance(entry, dict) and "name" in entry:
                name = str(entry["name"])
                where = text.find(f'"{name}"')
                line = text.count("\n", 0, where) + 1 if where >= 0 else 1
                out.append(Requirement(name, _opt(entry.get("path")), _opt(entry.get("git")),
                                       line))
        return out
    found = []
    code = _strip_lean_comments(text)  # keeps every line where it was
    for m in _REQUIRE_LEAN_RE.finditer(code):
        target = m.group(3)
        is_git = m.group(2) is not None
        found.append(Requirement(m.group(1), None if is_git else target,
                                 target if is_git else None, code.count("\n", 0, m.start()) + 1))
    return found


def requires(text: str, path: str, package: str) -> bool:
    """Whether the lakefile at `path` (its text) requires `package`."""
    return package in text and any(r.name == package for r in requirements(text, path))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
