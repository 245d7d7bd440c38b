"""`blueprint watch`: live rebuilds in the browser as you edit."""

from __future__ import annotations

import signal
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from blueprint.cli.common import (
    CACHE_DIR,
    GITHUB,
    OFFLINE_MATH,
    PROJECT,
    STATUS_SOURCE,
    claims_reader,
    example,
    print_diagnostics,
    summary,
)
from blueprint.cli.serve import HOST, PORT, moved
from blueprint.model import Diagnostic, Severity, StatusSource

if TYPE_CHECKING:
    from blueprint.live.server import SiteServer
    from blueprint.live.watch import Rebuild


def register(app: typer.Typer) -> None:
    example_text = example("blueprint watch . --port 8000")
    app.command("watch", epilog=example_text)(watch_command)


def watch_command(
    project: Path = PROJECT,
    host: str = HOST,
    port: int = PORT,
    status_source: StatusSource = STATUS_SOURCE,
    offline_math: bool = OFFLINE_MATH,
    history: bool = typer.Option(
        False,
        "--history",
        help="Add the progress-over-time page (history.html): the git history, then the "
        "working tree; read again when HEAD moves.",
    ),
    cache_dir: Path | None = CACHE_DIR,
    github: bool = GITHUB,
) -> None:
    """Build, serve and rebuild on every change; the browser reloads by itself."""
    from blueprint.cli import console, is_debug
    from blueprint.github.project import WATCH_EVERY
    from blueprint.live.watch import watch

    # Stopped by a service manager or a closed terminal, as by Ctrl+C: the session cleans up.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)

    root = project.resolve()

    def changed(paths: set[Path]) -> None:
        names = sorted(_relative(p, root) for p in paths)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        console.print(f"Changed {escape(shown)}")

    report = RebuildReport(console)

    def ready(server: SiteServer) -> None:
        note = moved(server, port)
        console.print(
            f"Watching {escape(str(project))}; site at {server.url}{note} (Ctrl+C to stop)"
        )

    from blueprint.model import SiteOptions

    site = SiteOptions(offline_math=offline_math)
    watch(root, host, port, status_source, report, ready, changed, debug=is_debug(), site=site,
          history=history, cache_dir=cache_dir, github=claims_reader(github, WATCH_EVERY))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class RebuildReport:
    """Each rebuild in one line, then only what changed since the build before: the problems
    that are new and those that are fixed (the first build lists its problems as `build` does).

    A failed build stops before the warnings are known: it is compared on errors only, and the
    warnings of the build before stay the ones to compare the next build with."""

    def __init__(self, console: Console, limit: int = 5) -> None:
        self.console = console
        self.limit = limit
        self.known: list[Diagnostic] | None = None  # the problems last reported

    def __call__(self, rebuild: Rebuild) -> None:
        took = f"in {rebuild.seconds * 1000:.0f} ms"
        if rebuild.ok:
            layout = "new layout" if rebuild.laid_out else "layout unchanged"
            head = f"  [green]rebuilt[/] {took}: {rebuild.nodes} nodes, {layout}"
        else:
            head = f"  [red]build failed[/] {took}; the last good site stays served"
        first = self.known is None
        known = self.known or []
        if rebuild.ok:
            before, self.known = known, list(rebuild.problems)
        else:
            before = [d for d in known if d.severity is Severity.ERROR]
            self.known = [d for d in known if d.severity is not Severity.ERROR]
            self.known += rebuild.problems
        new, fixed = problem_changes(before, rebuild.problems)
        moved = "" if first or not (new or fixed) else f" ({len(new)} new, {len(fixed)} fixed)"
        self.console.print(f"{head}; {summary(rebuild.problems)}{moved}")
        if first:
            print_diagnostics(self.console, rebuild.problems, self.limit)
            return
        self._list("new", new)
        self._list("fixed", fixed)

    def _list(self, what: str, problems: list[Diagnostic]) -> None:
        for d in problems[: self.limit]:
            self.console.print(f"    {what} {d.severity} {escape(d.where)}: {escape(d.message)}",
                               soft_wrap=True, style="dim" if what == "fixed" else None)
        if len(problems) > self.limit:
            self.console.print(f"    … and {len(problems) - self.limit} more {what}")


def problem_changes(
    before: Sequence[Diagnostic], after: Sequence[Diagnostic]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The problems of `after` that `before` does not have, and those of `before` that `after`
    no longer has. A problem is its severity, file and message: one whose line moved, because
    lines were added above it, is the same problem."""

    def key(d: Diagnostic) -> tuple[str, str, str]:
        return (d.severity.value, d.file, d.message)

    old, now = Counter(map(key, before)), Counter(map(key, after))
    new_keys, fixed_keys = now - old, old - now
    return _take(after, new_keys, key), _take(before, fixed_keys, key)


def _take(
    problems: Sequence[Diagnostic],
    wanted: Counter[tuple[str, str, str]],
    key: Callable[[Diagnostic], tuple[str, str, str]],
) -> list[Diagnostic]:
    left = Counter(wanted)
    found = []
    for d in problems:
        if left[key(d)] > 0:
            left[key(d)] -= 1
            found.append(d)
    return found


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
