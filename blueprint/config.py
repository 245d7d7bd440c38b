"""Finding a project's blueprint, and the optional `blueprint.toml` that overrides it."""

from __future__ import annotations

import contextlib
import os
import posixpath
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from blueprint.github.records import check_repo
from blueprint.model import PROJECT_FOLDER, BlueprintError, Diagnostic, Severity
from blueprint.suggest import closest
from blueprint.tomllines import error_line, line_of, toml_lines, toml_string

CONFIG_NAME = "blueprint.toml"

# `serve` and `watch` listen on this machine only, unless told otherwise.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

# Where leanblueprint projects keep their blueprint, in the order we look.
BLUEPRINT_CANDIDATES = (
    "blueprint/src/web.tex",
    "blueprint/src/content.tex",
    "blueprint/web.tex",
    "blueprint/content.tex",
)


class BlueprintFormat(StrEnum):
    """`[blueprint] format`: which kind of blueprint the project has."""

    AUTO = "auto"  # what the project has: its LaTeX (LeanArchitect's nodes read from the
    #                Lean sources when it inputs them), else its Verso Blueprint
    LATEX = "latex"  # leanblueprint's LaTeX, LeanArchitect's output \input in it included
    LEANARCHITECT = "leanarchitect"  # @[blueprint] attributes read from the Lean sources
    VERSO = "verso"  # a Verso Blueprint document


#: the formats read today; the others are known names, refused with a clear error
READ_FORMATS = tuple(BlueprintFormat)
_NOT_YET: dict[BlueprintFormat, str] = {}
#: what each format read is called in messages
FORMAT_NAMES = {
    BlueprintFormat.LATEX: "LaTeX blueprint",
    BlueprintFormat.LEANARCHITECT: "LeanArchitect blueprint",
    BlueprintFormat.VERSO: "Verso Blueprint",
}
LAKEFILES = ("lakefile.lean", "lakefile.toml")
#: the Lake package a Verso Blueprint requires
VERSO_PACKAGE = "VersoBlueprint"
LEANARCHITECT_PACKAGE = "LeanArchitect"


class Kind(Enum):
    """What a setting of `blueprint.toml` holds."""

    TEXT = "a string"
    TEXTS = "an array of strings"
    URL = "an http(s) URL"
    PATH = "a path relative to the project"
    FORMAT = "one of " + ", ".join(BlueprintFormat)
    REPO = "a GitHub repository, owner/name"


#: every setting of `blueprint.toml` the code reads, by table (README documents each)
SETTINGS: dict[str, dict[str, Kind]] = {
    "project": {
        "title": Kind.TEXT,
        "github": Kind.URL,
        "dochome": Kind.URL,
        "site_url": Kind.URL,
        "main_results": Kind.TEXTS,
        "cache_dir": Kind.PATH,
    },
    "blueprint": {"main": Kind.PATH, "dir": Kind.PATH, "format": Kind.FORMAT},
    "lean": {
        "roots": Kind.TEXTS,
        "dirs": Kind.TEXTS,
        "name_patterns": Kind.TEXTS,
        "keywords": Kind.TEXTS,
    },
    "github": {"repo": Kind.REPO},
}


class ConfigError(BlueprintError):
    """Every problem of a `blueprint.toml` at once, the warnings after the errors; `file` and
    `line` are the first error's."""

    def __init__(self, problems: Sequence[Diagnostic], root: Path) -> None:
        path = str(root / CONFIG_NAME)
        first = problems[0]
        super().__init__(first.message, path, first.line or None)
        self.problems = tuple(problems)
        self.path = path

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return super().__str__()
        counts = [
            _count(sum(p.severity is severity for p in self.problems), str(severity))
            for severity in (Severity.ERROR, Severity.WARNING)
        ]
        heading = f"the configuration has {' and '.join(c for c in counts if c)}:"
        return "\n  ".join([heading, *(self._line(p) for p in self.problems)])

    def _line(self, problem: Diagnostic) -> str:
        said = "warning: " if problem.severity is Severity.WARNING else ""
        if problem.file != CONFIG_NAME:  # not about the file: no blueprint at all
            return f"{said}{problem.message}"
        return f"{self.path}:{problem.line}: {said}{problem.message}"


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'s' if number != 1 else ''}" if number else ""


@dataclass(frozen=True)
class CheckedSettings:
    """`blueprint.toml`'s settings once checked: the values of the good ones (by `table.key`),
    the errors (a wrong type or value) and the warnings (a setting we do not know)."""

    values: dict[str, Any]
    errors: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]


def check_settings(settings: Mapping[str, Any], lines: Mapping[str, int]) -> CheckedSettings:
    """Check every table, key and type of `blueprint.toml` against SETTINGS. Pure."""
    values: dict[str, Any] = {}
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []

    def at(name: str, severity: Severity, message: str) -> Diagnostic:
        return Diagnostic(CONFIG_NAME, line_of(lines, name), severity, message)

    for table, body in settings.items():
        if table not in SETTINGS:
            warnings.append(at(table, Severity.WARNING, _unknown_top(table, body)))
            continue
        if not isinstance(body, dict):
            errors.append(at(table, Severity.ERROR, f"[{table}] must be a table"))
            continue
        for key, value in body.items():
            name = f"{table}.{key}"
            kind = SETTINGS[table].get(key)
            if kind is None:
                warnings.append(at(name, Severity.WARNING, _unknown_key(table, key)))
                continue
            checked, problems = _check_value(kind, f"[{table}] {key}", value, name)
            errors += [at(where, Severity.ERROR, message) for where, message in problems]
            if not problems:
                values[name] = checked
    return CheckedSettings(values, tuple(errors), tuple(warnings))


def _check_value(
    kind: Kind, shown: str, value: object, name: str
) -> tuple[Any, list[tuple[str, str]]]:
    """The value as the code uses it, and the problems (`tomllines` name, message)."""
    if kind is Kind.TEXTS:
        if isinstance(value, str):
            like = f"{_key(name)} = [{toml_string(value)}]"
            return None, [(name, f"{shown} must be {kind.value}, like {like}")]
        if not isinstance(value, list):
            return None, [(name, f"{shown} must be {kind.value}, not {_type(value)}")]
        problems = [
            (f"{name}[{i}]", f"{shown}[{i}] must be a string, not {_type(item)}")
            for i, item in enumerate(value)
            if not isinstance(item, str)
        ]
        return tuple(value), problems
    if not isinstance(value, str):
        return None, [(name, f"{shown} must be {kind.value}, not {_type(value)}")]
    if kind is Kind.URL and value and not value.lower().startswith(("https://", "http://")):
        return None, [(name, f"{shown} = {toml_string(value)} must be {kind.value} (or empty)")]
    if kind is Kind.PATH and not value.strip():
        return None, [(name, f"{shown} must be {kind.value}, not empty")]
    if kind is Kind.REPO:
        try:
            return check_repo(value), []
        except ValueError:
            return None, [(name, f"{shown} = {toml_string(value)} must be {kind.value}")]
    if kind is Kind.FORMAT:
        if value not in {f.value for f in BlueprintFormat}:
            return None, [(name, f"{shown} = {toml_string(value)} must be {kind.value}")]
        chosen = BlueprintFormat(value)
        if chosen not in READ_FORMATS:
            return None, [(name, (
                f"{shown} = {toml_string(value)} is not supported yet: {_NOT_YET[chosen]} is still"
                ' to come; use "latex", "verso" or "auto"'
            ))]
        return chosen, []
    return value, []


def _unknown_top(name: str, value: object) -> str:
    """The warning for a table, or a key outside any table, that we do not read."""
    if isinstance(value, dict):
        near = closest(name, SETTINGS, cutoff=0.6)
        hint = f" (did you mean [{near}]?)" if near else ""
        return f"unknown table [{name}] in {CONFIG_NAME}, ignored{hint}"
    return f"unknown setting {name} outside any table, ignored{_elsewhere(name, None)}"


def _unknown_key(table: str, key: str) -> str:
    near = closest(key, SETTINGS[table], cutoff=0.6)
    hint = f" (did you mean {near}?)" if near else _elsewhere(key, table)
    return f"unknown setting [{table}] {key}, ignored{hint}"


def _elsewhere(key: str, table: str | None) -> str:
    """` (did you mean [lean] roots?)` for a setting of another table, or nothing."""
    tables = [t for t in SETTINGS if t != table]
    for t in tables:
        if key in SETTINGS[t]:
            return f" (did you mean [{t}] {key}?)"
    named = {k: t for t in tables for k in SETTINGS[t]}
    near = closest(key, named, cutoff=0.6)
    return f" (did you mean [{named[near]}] {near}?)" if near else ""


def _key(name: str) -> str:
    return name.rpartition(".")[2]


_TOML_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),  # before int: a bool is an int
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
    ((datetime, date, time), "a date"),
)


def _type(value: object) -> str:
    """What a TOML value is, in words."""
    return next((word for kind, word in _TOML_TYPES if isinstance(value, kind)), "a value")


@dataclass(frozen=True)
class ProjectConfig:
    """Everything about a project that is known before reading it."""

    root: Path
    #: the folder \input paths are relative to; a Verso Blueprint's Lake package
    blueprint_dir: Path
    main_file: str  # relative to blueprint_dir (a Verso Blueprint's: its lakefile)
    title: str | None = None
    github: str | None = None
    dochome: str | None = None
    site_url: str | None = None  # where the site is published ([project] site_url)
    lean_roots: tuple[str, ...] = ()  # library roots, overriding the lakefile
    lean_dirs: tuple[str, ...] = ()  # source folders, overriding the lakefile
    lean_name_patterns: tuple[str, ...] = ()  # names made by the project's own macros
    lean_keywords: tuple[str, ...] = ()  # the project's own declaring commands
    main_results: tuple[str, ...] = ()  # node ids to track on the task board
    github_repo: str | None = None  # `owner/name` whose issues hold the claims ([github] repo)
    cache_dir: Path = field(default=Path(".blueprint-cache"))
    #: the format read: LaTeX or Verso (`auto` is resolved when the configuration is made)
    format: BlueprintFormat = BlueprintFormat.LATEX
    #: whether `format` was chosen by `auto` (from what the project has), not set
    format_found: bool = True
    #: the blueprints of other formats the project has, not read: (format, folder)
    other_blueprints: tuple[tuple[BlueprintFormat, str], ...] = ()
    #: warnings about `blueprint.toml` itself (settings we do not know), for the build's
    diagnostics: tuple[Diagnostic, ...] = ()
    #: where `blueprint.toml` sets each value (`tomllines` names: `lean.roots[1]`), for diagnostics
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, name: str) -> int:
        """The line of `blueprint.toml` that sets `name` (`lean.roots[1]`); 1 if unknown."""
        return line_of(self.lines, name)

    @property
    def lean_root_lines(self) -> tuple[int, ...]:
        """The line of `blueprint.toml` where each of `lean_roots` is written."""
        return tuple(self.line_of(f"lean.roots[{i}]") for i in range(len(self.lean_roots)))

    def has_lean_sources(self) -> bool:
        return bool(self.lean_roots) or any(
            (self.root / name).is_file() for name in ("lakefile.toml", "lakefile.lean")
        )


def load_config(root: Path, cache_dir: Path | None = None) -> ProjectConfig:
    """Read `blueprint.toml` if present, and find the blueprint's main file; `cache_dir`
    (the command line's `--cache-dir`) replaces the project's cache folder."""
    root = root.resolve()
    if not root.is_dir():
        raise BlueprintError(f"project folder not found: {root}")
    settings, lines = _read_toml(root / CONFIG_NAME)
    config = config_from_settings(
        root,
        settings,
        lambda rel: (root / rel).is_file(),
        lines,
        lambda: find_verso(root),
        lambda: uses_leanarchitect(root),
    )
    return config if cache_dir is None else replace(config, cache_dir=cache_dir.absolute())


#: reads a file of the project by its path relative to the project: its text, None if absent
ReadText = Callable[[str], str | None]


def find_verso(root: Path) -> str | None:
    """The lakefile of the project's Verso Blueprint (relative to the project), or None: the
    Lake package that requires VersoBlueprint, the project itself or a folder right in it
    (FLT's `blueprint-verso/`)."""
    folders: list[str] = []
    with contextlib.suppress(OSError):
        folders = [entry.name for entry in os.scandir(root) if entry.is_dir()]
    return verso_lakefile(folders, _disk_text(root))


def uses_leanarchitect(root: Path) -> bool:
    """Whether the project's lakefile requires LeanArchitect (its blueprint's nodes are
    written in the Lean files)."""
    return requires_leanarchitect(_disk_text(root))


def verso_lakefile(folders: Iterable[str], text: ReadText) -> str | None:
    """`find_verso` of any tree (a commit's): `folders` are the project's top folders,
    `text` reads a file. Pure."""
    candidates = sorted(f for f in folders if not f.startswith(".") and f != "build")
    return _requiring(text, ["", *candidates], VERSO_PACKAGE)


def requires_leanarchitect(text: ReadText) -> bool:
    """`uses_leanarchitect` of any tree (a commit's). Pure."""
    return _requiring(text, [""], LEANARCHITECT_PACKAGE) is not None


def _disk_text(root: Path) -> ReadText:
    from blueprint.files import read_regular

    def text(rel: str) -> str | None:
        try:
            return read_regular(root / rel, 1 << 20).decode("utf-8", errors="replace")
        except OSError:
            return None

    return text


def _requiring(text: ReadText, folders: Sequence[str], package: str) -> str | None:
    """The first lakefile of `folders` (relative to the project) that requires `package`."""
    from blueprint.lean.lakefile import requires

    for folder in folders:
        for name in LAKEFILES:
            rel = posixpath.join(folder, name)
            found = text(rel)
            if found is not None and requires(found, name, package):
                return rel
    return None


def config_from_settings(
    root: Path,
    settings: dict,
    is_file: Callable[[str], bool],
    lines: Mapping[str, int] | None = None,
    verso: Callable[[], str | None] | None = None,
    leanarchitect: Callable[[], bool] | None = None,
) -> ProjectConfig:
    """The configuration given `blueprint.toml`'s settings and which files exist.

    Pure: `is_file(path)` answers for paths relative to `root` (the disk for `load_config`,
    a commit's tree for the history), `verso()` gives the lakefile of the project's Verso
    Blueprint or None (without it, no Verso Blueprint is looked for), `leanarchitect()`
    whether the project requires LeanArchitect (then `auto` reads its LaTeX as a
    LeanArchitect blueprint); `lines` (from
    `toml_lines`) says where each setting is written, for diagnostics. Every problem is
    found before any is reported: a `ConfigError` lists them all; unknown settings are
    warnings in `diagnostics`."""
    lines = lines or {}
    checked = check_settings(settings, lines)
    values = checked.values
    chosen = values.get("blueprint.format", BlueprintFormat.AUTO)
    found_verso = _FoundVerso(verso)
    located = (
        _locate_verso(root, values, found_verso, is_file) if chosen is BlueprintFormat.VERSO
        else _locate_main(root, values, is_file)
    )
    others: tuple[tuple[BlueprintFormat, str], ...] = ()
    if chosen is BlueprintFormat.AUTO and not located.problems and found_verso.lakefile:
        # The project itself a Verso Blueprint package (noperthedron, whose LaTeX is what it
        # was ported from), or no LaTeX blueprint: Verso, unless [blueprint] main names the
        # LaTeX. Else the LaTeX blueprint, and the Verso one beside it (FLT's
        # blueprint-verso/) is said to exist.
        verso_folder = posixpath.dirname(found_verso.lakefile)
        if located.missing or (not verso_folder and "blueprint.main" not in values):
            if not located.missing:
                latex = located.folder.relative_to(root).as_posix()
                others = ((BlueprintFormat.LATEX, latex),)
            located = _locate_verso(root, values, found_verso, is_file)
            chosen = BlueprintFormat.VERSO
        else:
            others = ((BlueprintFormat.VERSO, verso_folder),)
    problems = [
        *checked.errors,
        *(Diagnostic(CONFIG_NAME, line_of(lines, name), Severity.ERROR, message)
          for name, message in located.problems),
    ]
    if located.missing:
        if not problems and not checked.warnings:
            raise BlueprintError(located.missing)
        problems.append(Diagnostic(PROJECT_FOLDER, 0, Severity.ERROR, located.missing))
    if problems:
        raise ConfigError([*problems, *checked.warnings], root)
    blueprint_dir, main_file = located.folder, located.main
    return ProjectConfig(
        root=root,
        blueprint_dir=blueprint_dir,
        main_file=main_file,
        title=values.get("project.title"),
        github=values.get("project.github"),
        dochome=values.get("project.dochome"),
        site_url=values.get("project.site_url") or None,
        lean_roots=values.get("lean.roots", ()),
        lean_dirs=values.get("lean.dirs", ()),
        lean_name_patterns=values.get("lean.name_patterns", ()),
        lean_keywords=values.get("lean.keywords", ()),
        main_results=values.get("project.main_results", ()),
        github_repo=values.get("github.repo"),
        cache_dir=root / values.get("project.cache_dir", ".blueprint-cache"),
        format=_auto_format(leanarchitect) if chosen is BlueprintFormat.AUTO else chosen,
        format_found="blueprint.format" not in values
        or values["blueprint.format"] is BlueprintFormat.AUTO,
        other_blueprints=others,
        lines=lines,
        diagnostics=checked.warnings,
    )


def _auto_format(leanarchitect: Callable[[], bool] | None) -> BlueprintFormat:
    """What `auto` reads where a LaTeX blueprint is: a LeanArchitect one when the project
    requires LeanArchitect (the LaTeX reader also reads LeanArchitect's nodes from the Lean
    sources when a LaTeX blueprint inputs them)."""
    if leanarchitect is not None and leanarchitect():
        return BlueprintFormat.LEANARCHITECT
    return BlueprintFormat.LATEX


@dataclass(frozen=True)
class _Main:
    """Where the blueprint is: its folder, its main file in it; else why not."""

    folder: Path
    main: str = ""
    problems: tuple[tuple[str, str], ...] = ()  # (`tomllines` name, message)
    missing: str = ""  # no blueprint where leanblueprint puts one


class _FoundVerso:
    """The Verso Blueprint's lakefile, looked for once, when first asked."""

    def __init__(self, find: Callable[[], str | None] | None) -> None:
        self._find = find
        self._looked = find is None
        self._found: str | None = None

    @property
    def lakefile(self) -> str | None:
        if not self._looked and self._find is not None:
            self._found, self._looked = self._find(), True
        return self._found


def _locate_verso(root: Path, values: Mapping[str, Any], verso: _FoundVerso,
                  is_file: Callable[[str], bool]) -> _Main:
    """The Verso Blueprint's Lake package (`[blueprint] dir` names it, else the one found)
    and its lakefile."""
    folder = values.get("blueprint.dir")
    if folder is not None:
        if _outside(folder):
            return _Main(root, problems=(("blueprint.dir", (
                f"[blueprint] dir = {toml_string(folder)} is outside the project: give a path"
                " relative to the project folder")),))
        name = next((n for n in LAKEFILES if is_file(posixpath.join(folder, n))), None)
        if name is None:
            return _Main(root, problems=(("blueprint.dir", (
                f"[blueprint] dir = {toml_string(folder)} holds no lakefile of a Verso"
                " Blueprint (lakefile.lean or lakefile.toml)")),))
        return _Main(root / folder, name)
    lakefile = verso.lakefile
    if lakefile is None:
        return _Main(root, missing=(
            f"no Verso Blueprint found in {root} (a Lake package that requires"
            f" {VERSO_PACKAGE}: the project, or a folder in it; set [blueprint] dir in"
            f" {CONFIG_NAME})"
        ))
    folder, name = posixpath.split(lakefile)
    return _Main(root / folder if folder else root, name)


def _locate_main(root: Path, values: Mapping[str, Any], is_file: Callable[[str], bool]) -> _Main:
    outside = [
        (f"blueprint.{key}", f"[blueprint] {key} = {toml_string(values[f'blueprint.{key}'])} is"
         " outside the project: give a path relative to the project folder")
        for key in ("main", "dir")
        if _outside(values.get(f"blueprint.{key}"))
    ]
    if outside:
        return _Main(root, problems=tuple(outside))
    main = values.get("blueprint.main")
    if main is None:
        main = next((path for path in BLUEPRINT_CANDIDATES if is_file(path)), None)
        if main is None:
            looked = ", ".join(BLUEPRINT_CANDIDATES)
            return _Main(root, missing=(
                f"no blueprint found in {root} (looked for {looked}, and for a Lake package"
                f" that requires {VERSO_PACKAGE}; set [blueprint] main in {CONFIG_NAME})"
            ))
    elif not is_file(main):
        return _Main(root, problems=(
            ("blueprint.main", f"[blueprint] main = {toml_string(main)} does not exist"),
        ))
    path = root / main
    folder = root / values.get("blueprint.dir", path.parent.relative_to(root))
    if not path.is_relative_to(folder):
        return _Main(root, problems=((
            "blueprint.dir",
            f"[blueprint] dir = {toml_string(values['blueprint.dir'])} does not hold the main file"
            f" {toml_string(main)}",
        ),))
    return _Main(folder, path.relative_to(folder).as_posix())


def _outside(path: str | None) -> bool:
    """Whether a path from `blueprint.toml` leads out of the project folder."""
    if path is None:
        return False
    normal = posixpath.normpath(path.replace("\\", "/"))
    return posixpath.isabs(normal) or normal == ".." or normal.startswith("../")


def parse_settings(text: str, where: str) -> dict:
    """`blueprint.toml`'s settings; `where` names the file in the error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BlueprintError(f"invalid TOML: {error}", where, error_line(error)) from None


def _read_toml(path: Path) -> tuple[dict, dict[str, int]]:
    """The settings and where each is written."""
    if not path.is_file():
        return {}, {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BlueprintError("not UTF-8 text", str(path), 1) from None
    return parse_settings(text, str(path)), toml_lines(text)
