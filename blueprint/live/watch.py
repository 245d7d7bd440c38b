"""`blueprint watch`: build, serve, and rebuild as files change, reloading the browser.

Each build is written to a fresh folder and the server switches to it at once, so a browser
never sees half a site. A build with errors leaves the last good site served and shows the
errors over it in the browser; fixing the file brings everything back. With `history`, the
history page ends with the working tree and follows HEAD (see `live.history`).
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint import collector
from blueprint.analysis import Analysis
from blueprint.build import BuildCache, analyze, without_cycle_collection
from blueprint.config import ConfigError, load_config
from blueprint.live.server import SiteServer
from blueprint.live.watcher import Watcher
from blueprint.model import PROJECT_FOLDER, BlueprintError, Diagnostic, Severity, StatusSource
from blueprint.site.assets import TEMPLATE_DIR
from blueprint.site.make import SiteMemo, make_site
from blueprint.site.writer import is_alive, write_site
from blueprint.timings import Timings

if TYPE_CHECKING:
    from blueprint.github.project import ClaimsReader
    from blueprint.live.history import LiveHistory
    from blueprint.model import SiteOptions


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did, for the terminal."""

    number: int
    seconds: float
    ok: bool
    nodes: int
    laid_out: bool  # false when the layout came from the cache
    problems: list[Diagnostic]


class LiveSite:
    """Builds the project into numbered folders and points the server at the newest good one."""

    def __init__(
        self,
        project: Path,
        server: SiteServer,
        status_source: StatusSource = StatusSource.AUTO,
        report: Callable[[Rebuild], None] = lambda rebuild: None,
        debug: bool = False,
        site: SiteOptions | None = None,
        history: bool = False,
        cache_dir: Path | None = None,
        github: ClaimsReader | None = None,
    ) -> None:
        self.project = project.resolve()
        self.github = github
        self.cache_dir = cache_dir
        self.server = server
        self.status_source = status_source
        self.report = report
        self.debug = debug
        self.site = site
        # Builds live outside the project: the watcher must not see them being written.
        # The folder is named after this process, so that the next session removes it if
        # this one is killed before `close` (SIGKILL, a power cut).
        _remove_dead_sessions(Path(tempfile.gettempdir()))
        self.builds = Path(tempfile.mkdtemp(prefix=f"{_SESSION_PREFIX}{os.getpid()}-"))
        self.number = 0
        self.good: list[Path] = []  # served folders, newest last
        self._written: tuple[Path, dict[str, bytes]] | None = None  # the newest, its files
        self.cache = BuildCache()
        self.memo = SiteMemo()
        self._lock = threading.Lock()
        self.history: LiveHistory | None = None
        if history:
            from blueprint.live.history import LiveHistory

            self.history = LiveHistory(status_source)

    def rebuild(self) -> Rebuild:
        """One build of the files as they are now; never raises, whatever they contain.

        The cycle collector is paused from the first file read to the browser's reload, and
        then collects what this rebuild left to it alone: see `blueprint.collector`."""
        with self._lock, without_cycle_collection():
            done = self._rebuild()
            gc.collect(0)
        return done

    def _rebuild(self) -> Rebuild:
        self.number += 1
        start = time.perf_counter()
        try:
            analysis, files, laid_out = self._build()
        except ConfigError as error:  # every problem of blueprint.toml
            return self._failed(start, list(error.problems))
        except BlueprintError as error:
            problem = Diagnostic(
                error.file or PROJECT_FOLDER,
                error.line or (1 if error.file else 0),
                Severity.ERROR,
                error.message,
            )
            return self._failed(start, [problem])
        except Exception as error:  # a bug of ours must not end the session
            if self.debug:
                traceback.print_exc()
            problem = Diagnostic(
                PROJECT_FOLDER,
                0,
                Severity.ERROR,
                f"internal error: {type(error).__name__}: {error}",
            )
            return self._failed(start, [problem])
        errors = [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
        if errors and self.good:
            return self._failed(start, errors, len(analysis.nodes))
        folder = self.builds / str(self.number)
        write_site(files, folder, earlier=self._written)
        self._written = (folder, files)
        self.server.set_root(folder)
        self.server.notify_reload(str(self.number))
        if errors:  # a first build with errors is served, with its errors shown over it
            self.server.notify_error(errors)
        self.good.append(folder)
        self._prune()
        return self._done(start, True, len(analysis.nodes), laid_out, analysis.diagnostics)

    def _build(self) -> tuple[Analysis, dict[str, bytes], bool]:
        analysis = analyze(
            self.project, self.status_source, Timings(), cache=self.cache,
            cache_dir=self.cache_dir, github=self.github,
        )
        live = self.history
        history = (lambda: live.history(analysis)) if live else None
        site = make_site(analysis, self.site, history=history, memo=self.memo)
        return analysis, site.files, site.laid_out

    def blueprint_changed(self) -> bool:
        """Whether a file the blueprint was last read from changed since; never raises (a
        project that cannot be read now has a rebuild of its own coming)."""
        with self._lock:
            try:
                return not self.cache.is_current(load_config(self.project, self.cache_dir))
            except Exception:
                return False

    def head_moved(self) -> bool:
        """With history: whether HEAD moved since the history was made (or last asked)."""
        return self.history is not None and self.history.head_moved()

    def _failed(self, start: float, problems: list[Diagnostic], nodes: int = 0) -> Rebuild:
        self.server.notify_error(problems)
        return self._done(start, False, nodes, False, problems)

    def _done(
        self, start: float, ok: bool, nodes: int, laid_out: bool, problems: list[Diagnostic]
    ) -> Rebuild:
        rebuild = Rebuild(
            self.number,
            time.perf_counter() - start,
            ok,
            nodes,
            laid_out,
            [p for p in problems if p.severity is not Severity.INFO],
        )
        self.report(rebuild)
        return rebuild

    def _prune(self) -> None:
        """Keep the served folder and the one before (requests may still be reading it)."""
        while len(self.good) > 2:
            shutil.rmtree(self.good.pop(0), ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.builds, ignore_errors=True)


_SESSION_PREFIX = "blueprint-watch-"


def _remove_dead_sessions(folder: Path) -> None:
    """The build folders of watch sessions whose process is gone."""
    for path in folder.glob(f"{_SESSION_PREFIX}*-*"):
        pid = path.name.removeprefix(_SESSION_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not is_alive(int(pid)) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def watch(
    project: Path,
    host: str,
    port: int,
    status_source: StatusSource,
    report: Callable[[Rebuild], None],
    on_ready: Callable[[SiteServer], None],
    on_change: Callable[[set[Path]], None] = lambda paths: None,
    stop: threading.Event | None = None,
    settle: float = 0.1,
    debug: bool = False,
    site: SiteOptions | None = None,
    history: bool = False,
    head_poll: float = 2.0,
    cache_dir: Path | None = None,
    github: ClaimsReader | None = None,
) -> None:
    """Serve the project's site with live reload until Ctrl+C or `stop`; with `history`, the
    history page too, rebuilt also when HEAD moves (looked at every `head_poll` seconds); with
    `github`, the claims, read again at a rebuild when the last reading is old enough."""
    project = project.resolve()
    collector.for_one_shot()  # each rebuild is a build: see `blueprint.collector`
    server = SiteServer(None, host, port, live_reload=True, port_fallback=True)
    server.start()
    live = LiveSite(
        project, server, status_source, report, debug, site, history, cache_dir, github
    )
    done = threading.Event()

    def rebuild() -> None:
        # The files the blueprint was read from rebuild when saved, also in the folders the
        # watcher skips (LeanArchitect's output in .lake/build/blueprint). The reader reads
        # nothing outside the project (`readers.files.file_loader` refuses it), so watching the
        # project sees them all.
        while True:
            followed = live.cache.read_files
            live.rebuild()
            watcher.follow(live.cache.read_files)
            # A file read for the first time may have been saved before it was followed.
            if live.cache.read_files <= followed or not live.blueprint_changed():
                return

    def follow_head() -> None:
        while not done.wait(head_poll):
            if live.head_moved():
                rebuild()

    poller = threading.Thread(target=follow_head, name="blueprint-head", daemon=True)

    def changed(paths: set[Path]) -> None:
        on_change(paths)
        rebuild()

    watcher = Watcher(
        [project, TEMPLATE_DIR],  # a template edited in a source checkout reloads too
        changed,
        settle=settle,
        ignored=[live.builds, project / "site"],
    )
    try:
        rebuild()
        watcher.start()
        if history:
            poller.start()
        on_ready(server)
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        done.set()
        if poller.is_alive():
            poller.join(timeout=10)
        watcher.stop()
        server.shutdown()
        live.close()
