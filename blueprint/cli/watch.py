"""`blueprint watch`: live rebuilds in the browser as you edit."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from blueprint.cli.common import (
    CACHE_DIR,
    OFFLINE_MATH,
    PROJECT,
    STATUS_SOURCE,
    print_diagnostics,
    summary,
)
from blueprint.cli.serve import HOST, PORT, moved
from blueprint.model import StatusSource

if TYPE_CHECKING:
    from blueprint.server import SiteServer
    from blueprint.watch import Rebuild


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)


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
) -> None:
    """Build, serve and rebuild on every change; the browser reloads by itself."""
    from blueprint.cli import console, is_debug, long_running
    from blueprint.watch import watch

    long_running()
    # Stopped by a service manager or a closed terminal, as by Ctrl+C: the session cleans up.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)

    root = project.resolve()

    def changed(paths: set[Path]) -> None:
        names = sorted(_relative(p, root) for p in paths)
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        console.print(f"Changed {escape(shown)}")

    def report(rebuild: Rebuild) -> None:
        layout = "new layout" if rebuild.laid_out else "layout unchanged"
        if rebuild.ok:
            console.print(
                f"  [green]rebuilt[/] in {rebuild.seconds * 1000:.0f} ms: {rebuild.nodes} nodes, "
                f"{layout}; {summary(rebuild.problems)}"
            )
        else:
            console.print(
                f"  [red]build failed[/] in {rebuild.seconds * 1000:.0f} ms; "
                "the last good site stays served"
            )
        print_diagnostics(console, rebuild.problems, limit=5)

    def ready(server: SiteServer) -> None:
        note = moved(server, port)
        console.print(
            f"Watching {escape(str(project))}; site at {server.url}{note} (Ctrl+C to stop)"
        )

    from blueprint.model import SiteOptions

    site = SiteOptions(offline_math=offline_math)
    watch(root, host, port, status_source, report, ready, changed, debug=is_debug(), site=site,
          history=history, cache_dir=cache_dir)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
