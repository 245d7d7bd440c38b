"""The files `blueprint new` writes: a leanblueprint-style blueprint and a GitHub workflow.

The templates are the files themselves, laid out as in a project: `project/` holds the
blueprint (`blueprint/src/...`, as `leanblueprint new` makes it, so that leanblueprint's
`web` and `pdf` still work on it) and `blueprint.toml`; `ci/blueprint.yml` is the workflow.
They are jinja2 templates with `<< value >>` and `<% block %>`, since `{{` and `{%` are
common in LaTeX and in GitHub workflows. Rendering is pure: values in, texts out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from blueprint.tomllines import toml_string

TEMPLATES = Path(__file__).resolve().parent
PROJECT = TEMPLATES / "project"
WORKFLOW = ".github/workflows/blueprint.yml"


@cache
def skeleton_files() -> tuple[str, ...]:
    """The files of a new blueprint, relative to the project: blueprint.toml, then the
    blueprint's, folder by folder."""
    found = (path.relative_to(PROJECT).as_posix() for path in PROJECT.rglob("*") if path.is_file())
    return tuple(sorted(found, key=lambda rel: (rel != "blueprint.toml", rel.count("/"), rel)))


_DISTRIBUTION = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")


@dataclass(frozen=True)
class Skeleton:
    """What the files of a new blueprint say. `title` and `author` are LaTeX; `lib` is the
    Lean library root the first chapter's examples name; `roots` go to blueprint.toml
    (none: the lakefile's are right)."""

    title: str
    author: str
    lib: str
    github: str = ""
    home: str = ""
    dochome: str = ""
    roots: tuple[str, ...] = ()


def render_skeleton(skeleton: Skeleton) -> dict[str, str]:
    """The text of each file of the new blueprint, by its path in the project."""
    env = _environment()
    values = {
        "title": skeleton.title,
        "author": skeleton.author,
        "lib": skeleton.lib,
        "github": skeleton.github,
        "home": skeleton.home,
        "dochome": skeleton.dochome,
        "roots": skeleton.roots,
    }
    return {rel: env.get_template(f"project/{rel}").render(values) for rel in skeleton_files()}


def render_workflow(distribution: str) -> str:
    """The GitHub workflow that checks the blueprint, builds its site and publishes it;
    `distribution` is the name `pip install` knows this tool by."""
    if not _DISTRIBUTION.fullmatch(distribution):
        raise ValueError(f"not a distribution name: {distribution!r}")
    return _environment().get_template("ci/blueprint.yml").render(package=distribution)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        variable_start_string="<<",
        variable_end_string=">>",
        block_start_string="<%",
        block_end_string="%>",
        comment_start_string="<#",
        comment_end_string="#>",
        trim_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # LaTeX, TOML and YAML: each value is checked or quoted for its file
    )
    env.filters["toml"] = toml_string
    return env
