"""`blueprint serve`: browse a built site locally."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from blueprint.cli.common import example, existing_folder
from blueprint.config import DEFAULT_HOST, DEFAULT_PORT

if TYPE_CHECKING:
    from blueprint.live.server import SiteServer

HOST = typer.Option(DEFAULT_HOST, "--host", help="Address to bind (default: this machine only).")
PORT = typer.Option(DEFAULT_PORT, "--port", "-p", help="Port (the next free one if taken).")


def moved(server: SiteServer, asked: int) -> str:
    """A note when the port asked for was taken and the next free one is used."""
    bound = server.address[1]
    return f" (port {asked} is in use)" if asked and bound != asked else ""


def register(app: typer.Typer) -> None:
    app.command("serve", epilog=example("blueprint serve site --port 8000"))(serve_command)


def serve_command(
    site: Path = typer.Argument(Path("site"), help="The built site folder.",
                                callback=existing_folder),
    host: str = HOST,
    port: int = PORT,
) -> None:
    """Serve a built site on http://127.0.0.1:8000/."""
    from blueprint.cli import console, long_running
    from blueprint.live.server import serve_forever
    from blueprint.model import BlueprintError

    long_running()

    if not (site / "index.html").is_file():
        raise BlueprintError(f"no site in {site}/ (run `blueprint build` first)")

    def ready(server: SiteServer) -> None:
        console.print(
            f"Serving [bold]{site}/[/] at {server.url}{moved(server, port)} (Ctrl+C to stop)"
        )

    serve_forever(site, host, port, port_fallback=True, on_ready=ready)
