"""Finding a project's blueprint, and the optional `blueprint.toml` that overrides it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from blueprint.model import BlueprintError
from blueprint.tomllines import error_line, line_of, toml_lines

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


@dataclass(frozen=True)
class ProjectConfig:
    """Everything about a project that is known before reading it."""

    root: Path
    blueprint_dir: Path  # the folder \input paths are relative to
    main_file: str  # relative to blueprint_dir
    title: str | None = None
    github: str | None = None
    dochome: str | None = None
    lean_roots: tuple[str, ...] = ()  # library roots, overriding the lakefile
    lean_dirs: tuple[str, ...] = ()  # source folders, overriding the lakefile
    lean_name_patterns: tuple[str, ...] = ()  # names made by the project's own macros
    lean_keywords: tuple[str, ...] = ()  # the project's own declaring commands
    main_results: tuple[str, ...] = ()  # node ids to track on the task board
    cache_dir: Path = field(default=Path(".blueprint-cache"))
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
    config = config_from_settings(root, settings, lambda rel: (root / rel).is_file(), lines)
    return config if cache_dir is None else replace(config, cache_dir=cache_dir.absolute())


def config_from_settings(
    root: Path,
    settings: dict,
    is_file: Callable[[str], bool],
    lines: Mapping[str, int] | None = None,
) -> ProjectConfig:
    """The configuration given `blueprint.toml`'s settings and which files exist.

    Pure: `is_file(path)` answers for paths relative to `root` (the disk for `load_config`,
    a commit's tree for the history); `lines` (from `toml_lines`) says where each setting is
    written, for diagnostics."""
    lines = lines or {}
    blueprint_section = _table(settings, "blueprint", root, lines)
    project_section = _table(settings, "project", root, lines)
    lean_section = _table(settings, "lean", root, lines)

    main = blueprint_section.get("main")
    if main is not None:
        if not is_file(str(main)):
            raise BlueprintError(
                f"[blueprint] main = {main!r} does not exist",
                str(root / CONFIG_NAME),
                line_of(lines, "blueprint.main"),
            )
        main_path = root / str(main)
    else:
        main_path = root / _find_main(root, is_file)
    blueprint_dir = root / str(blueprint_section.get("dir", main_path.parent.relative_to(root)))
    return ProjectConfig(
        root=root,
        blueprint_dir=blueprint_dir,
        main_file=main_path.relative_to(blueprint_dir).as_posix(),
        title=project_section.get("title"),
        github=project_section.get("github"),
        dochome=project_section.get("dochome"),
        lean_roots=tuple(lean_section.get("roots", ())),
        lean_dirs=tuple(lean_section.get("dirs", ())),
        lean_name_patterns=tuple(lean_section.get("name_patterns", ())),
        lean_keywords=tuple(lean_section.get("keywords", ())),
        main_results=tuple(project_section.get("main_results", ())),
        cache_dir=root / str(project_section.get("cache_dir", ".blueprint-cache")),
        lines=lines,
    )


def _find_main(root: Path, is_file: Callable[[str], bool]) -> str:
    for candidate in BLUEPRINT_CANDIDATES:
        if is_file(candidate):
            return candidate
    looked = ", ".join(BLUEPRINT_CANDIDATES)
    raise BlueprintError(
        f"no blueprint found in {root} (looked for {looked}; set [blueprint] main in {CONFIG_NAME})"
    )


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


def _table(settings: dict, name: str, root: Path, lines: Mapping[str, int]) -> dict:
    value = settings.get(name, {})
    if not isinstance(value, dict):
        raise BlueprintError(
            f"[{name}] must be a table", str(root / CONFIG_NAME), line_of(lines, name)
        )
    return value
