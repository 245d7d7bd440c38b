"""`blueprint diff`: what a change does to the blueprint, between two git revisions."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from blueprint.cli.common import CACHE_DIR, STATUS_SOURCE, example, existing_folder
from blueprint.model import BlueprintError, StatusSource

if TYPE_CHECKING:
    from blueprint.config import ProjectConfig
    from blueprint.diff.compare import BlueprintDiff


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


#: how a report file this command wrote is known, to be replaced, per format
_TEXT_START = b"Blueprint changes from "


def register(app: typer.Typer) -> None:
    app.command("diff", epilog=example("blueprint diff main --format markdown -o diff.md"))(
        diff_command
    )


def diff_command(
    base: str | None = typer.Argument(
        None, show_default=False,
        help="The revision to compare with (default: the merge base of HEAD with the default "
        "branch: GITHUB_BASE_REF in a pull request's workflow, else origin/HEAD, origin/main, "
        "origin/master, main or master).",
    ),
    head: str | None = typer.Argument(
        None, show_default=False, help="The revision compared (default: the working tree)."
    ),
    project: Path = typer.Option(
        Path("."), "--project", "-p", callback=existing_folder,
        help="The Lean project folder (in a git work tree).",
    ),
    output_format: DiffFormat = typer.Option(DiffFormat.TEXT, "--format", help="Output format."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="File to write (default: stdout)."
    ),
    svg: Path | None = typer.Option(
        None, "--svg",
        help="Also draw the changed nodes and their neighbours into this SVG file. The "
        "Markdown shows it when it is written into a site that `blueprint build` made and "
        "the site's address is known.",
    ),
    site_url: str | None = typer.Option(
        None, "--site-url",
        help="Where the site is published, for links to the nodes (default: [project] "
        "site_url of blueprint.toml).",
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Exit with status 1 when the change has regressions."
    ),
    status_source: StatusSource = STATUS_SOURCE,
    cache_dir: Path | None = CACHE_DIR,
) -> None:
    """Compare the blueprint at two git revisions: nodes newly stated, proved and fully
    proved, tasks newly ready, regressions, nodes and uses added or removed, progress.

    Both revisions are read from git objects, without a checkout (the working tree from its
    files), and from the history's cache when `build --history` or `history` read them."""
    from blueprint.diff.compare import compare
    from blueprint.diff.report import Revision, json_report, markdown_report, prepare, text_report
    from blueprint.diff.revisions import read_sides
    from blueprint.history.state import State
    from blueprint.site.latex.parser import tex_text

    if site_url is not None and not site_url.lower().startswith(("https://", "http://")):
        raise typer.BadParameter(f"{site_url!r} is not an http(s) URL", param_hint="--site-url")
    config = _config(project)
    site_url = site_url or (config.site_url if config else None)
    caches = cache_dir.absolute() if cache_dir else (
        config.cache_dir if config else project.absolute() / ".blueprint-cache")
    sides = read_sides(project, base, head, status_source=status_source,
                       cache_dir=caches / "history")
    for side in (sides.base, sides.head):
        if side.state.state is State.BROKEN:
            raise BlueprintError(f"the blueprint at {side.label} does not parse: "
                                 f"{side.state.message}")
    diff = compare(sides.base.state, sides.head.state)
    old = Revision(sides.base.label, sides.base.sha)
    new = Revision(sides.head.label, sides.head.sha)
    picture_url = None
    if svg is not None:
        picture_url = _write_picture(diff, svg, caches, site_url)
    if output_format is DiffFormat.JSON:
        data = json_report(diff, old, new, site_url, picture_url, words=tex_text)
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    else:
        report = prepare(diff, old, new, site_url, picture_url, words=tex_text)
        text = (markdown_report(report) if output_format is DiffFormat.MARKDOWN
                else text_report(report))
    _emit(text, output, output_format)
    if strict and diff.regressions:
        raise typer.Exit(1)


def _config(project: Path) -> ProjectConfig | None:
    from blueprint.config import load_config

    try:
        return load_config(project)
    except BlueprintError:  # a working tree whose blueprint is broken can still be compared
        return None


def _write_picture(diff: BlueprintDiff, svg: Path, caches: Path,
                   site_url: str | None) -> str | None:
    """Draw the picture into `svg`; its address when it lies in a site and the site's
    address is known."""
    from blueprint.diff.picture import SVG_MARK, make_picture, render_picture
    from blueprint.outputs import marked, write_output_file

    picture = make_picture(diff, caches)
    if picture is None:
        return None
    write_output_file(svg, render_picture(picture).encode(), marked(SVG_MARK.encode()))
    if not site_url:
        return None
    where = site_relative(svg)
    return f"{site_url.rstrip('/')}/{where}" if where else None


def site_relative(path: Path) -> str | None:
    """`path` relative to the site folder holding it (a folder with a `.blueprint-site`
    manifest), as a URL path; None when no site holds it."""
    from urllib.parse import quote

    from blueprint.outputs import MANIFEST

    path = Path(os.path.abspath(path))
    for folder in path.parents:
        if (folder / MANIFEST).is_file():
            return quote(path.relative_to(folder).as_posix())
    return None


def _emit(text: str, output: Path | None, output_format: DiffFormat) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from blueprint.diff.report import MARKER
    from blueprint.outputs import json_with, marked, write_output_file

    ours = {
        DiffFormat.TEXT: marked(_TEXT_START),
        DiffFormat.MARKDOWN: marked(MARKER.encode()),
        DiffFormat.JSON: json_with("base", "head", "regressions"),
    }[output_format]
    write_output_file(output, text.encode(), ours)
