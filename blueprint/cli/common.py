"""Pieces shared by the commands: options, and printing diagnostics briefly."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from blueprint.model import Diagnostic, Severity, StatusSource

if TYPE_CHECKING:
    from blueprint.config import ProjectConfig
    from blueprint.github.project import Claims, ClaimsReader


def example(command: str) -> str:
    """The last lines of a command's help: how it is typically run."""
    return f"Example: {command}"


def existing_folder(value: Path) -> Path:
    """A folder named on the command line that is missing, or is a file, is a usage error
    (exit status 2), said before anything is read."""
    if not value.exists():
        raise typer.BadParameter(f"no such folder: {value}")
    if not value.is_dir():
        raise typer.BadParameter(f"{value} is a file, not a folder")
    return value


PROJECT = typer.Argument(
    Path("."),
    help="The Lean project folder (with blueprint/ inside).",
    callback=existing_folder,
    show_default=False,
)
STATUS_SOURCE = typer.Option(
    StatusSource.AUTO,
    "--status-source",
    help="Where formalization status comes from: lean (the Lean sources), annotations (what"
    " the blueprint marks formalized: LaTeX's \\leanok), or auto (lean with a lakefile).",
)
STRICT = typer.Option(False, "--strict", help="Treat warnings as errors (exit status 1).")
CACHE_DIR = typer.Option(
    None,
    "--cache-dir",
    help="Keep caches (layouts, Lean scans, history) here instead of PROJECT/.blueprint-cache; "
    "the build works without a writable cache, only slower.",
)
GITHUB = typer.Option(
    False,
    "--github",
    help="Show who works on what: claims, assignees and pull requests from the project's "
    "GitHub issues ([github] repo; GITHUB_TOKEN and GITHUB_API_URL when set). GitHub being "
    "out of reach is a warning: the claims last read are used.",
)
OFFLINE_MATH = typer.Option(
    False,
    "--offline-math",
    help="Copy MathJax into the site (fetched once from npm) instead of using a CDN.",
)


@contextmanager
def stage_spinner(console: Console, text: str) -> Iterator[Callable[[str], None]]:
    """A spinner naming the stage under way, in a terminal. Elsewhere (a CI log, a pipe)
    rich would draw nothing, so nothing is set up: `rich.status` costs 8 ms to load and
    start, a twentieth of a small blueprint's build."""
    if not console.is_terminal:
        yield lambda _text: None
        return
    with console.status(text) as status:
        yield status.update


_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_diagnostics(console: Console, diagnostics: Sequence[Diagnostic], limit: int = 12) -> None:
    """The first few diagnostics, one line each, and how many more there are."""
    shown = [d for d in diagnostics if d.severity is not Severity.INFO][:limit]
    for d in shown:
        style = _STYLE[d.severity]
        console.print(
            f"  [{style}]{d.severity}[/] {escape(d.where)}: {escape(d.message)}",
            soft_wrap=True,
        )
    hidden = len([d for d in diagnostics if d.severity is not Severity.INFO]) - len(shown)
    if hidden > 0:
        console.print(f"  … and {hidden} more (see the overview page of the site)")


def fails(diagnostics: Sequence[Diagnostic], strict: bool) -> bool:
    """Whether these diagnostics make the command fail."""
    fatal = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in fatal for d in diagnostics)


def share(count: int, total: int) -> str:
    """`count (N%)`, rounded as everywhere (`tasks.percent`)."""
    from blueprint.analysis.tasks import percent

    return f"{count} ({percent(count, total)}%)"


def format_note(config: ProjectConfig) -> str | None:
    """Which blueprint was read, when the project has more than LaTeX (`[blueprint] format`
    chose, or `auto` found one of another format), and what else it has; None for a
    project with a LaTeX blueprint only."""
    from blueprint.config import FORMAT_NAMES, BlueprintFormat

    if config.format is BlueprintFormat.LATEX and not config.other_blueprints:
        return None
    folder = config.blueprint_dir.relative_to(config.root).as_posix()
    where = "the project" if folder == "." else f"{folder}/"
    how = " (found by format = \"auto\")" if config.format_found else ""
    note = f"Read the {FORMAT_NAMES[config.format]} of {where}{how}"
    for kind, other in config.other_blueprints:
        place = "the project" if other == "." else f"{other}/"
        note += (f"; {place} also has a {FORMAT_NAMES[kind]}:"
                 f' [blueprint] format = "{kind}" in blueprint.toml reads it')
    return note + "."


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) or "no problems"


def claims_reader(enabled: bool, every: float = 0.0) -> ClaimsReader | None:
    """With `--github`: a reader of the claims whose warnings go to stderr, once each."""
    if not enabled:
        return None
    from blueprint.cli import errors
    from blueprint.github.project import ClaimsReader

    def warn(text: str) -> None:
        errors.print(f"[yellow]warning[/] {escape(text)}", soft_wrap=True)

    return ClaimsReader(every=every, on_warning=warn)


def claims_summary(claims: Claims) -> str:
    """One line: how many nodes are claimed and in review, as of when, at what cost."""
    counts = Counter(work.state.value for work in claims.work.values())
    stale = sum(work.stale is True for work in claims.work.values())
    when = f" as of {claims.as_of:%Y-%m-%d %H:%M} UTC" if claims.as_of else ""
    parts = [f"{counts['claimed']} claimed" + (f" ({stale} stale)" if stale else ""),
             f"{counts['in_review']} in review"]
    asked = f"; {claims.requests} requests, {claims.not_modified} unchanged" if claims.requests \
        else ""
    return f"GitHub {escape(claims.repo)}{when}: {', '.join(parts)}{asked}"
