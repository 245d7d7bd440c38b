"""Watching a project's files and calling back once changes have settled.

Editors' atomic saves arrive as moves (the new name is what counts), new files as
created + modified. Changes that arrive while the callback runs are collected and give
one more call afterwards, so the last call always sees the final files.

Folders such as `.lake` and `build` are skipped, so that a `lake build` causes no rebuild
storm, except for the files followed by name (those a build read, e.g. LeanArchitect's
output in `.lake/build/blueprint/`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

WATCHED_SUFFIXES = frozenset({".tex", ".sty", ".cfg", ".lean", ".toml", ".html", ".css", ".js"})
SKIPPED_FOLDERS = frozenset(
    {".git", ".lake", "lake-packages", "build", ".blueprint-cache", "__pycache__", "node_modules"}
)


def is_relevant(
    path: Path,
    ignored: Iterable[Path] = (),
    followed: Collection[Path] = frozenset(),
    roots: Iterable[Path] = (),
) -> bool:
    """Whether a change to `path` can change the site: a `followed` file, or a file named
    like a source outside the `ignored` folders and the skipped ones (looked for below the
    deepest of the watched folders `roots` that holds it: a project may live in `build/`)."""
    if path in followed:
        return True
    if path.suffix not in WATCHED_SUFFIXES or path.name.startswith(".#"):
        return False
    below = [path.relative_to(root).parts for root in roots if path.is_relative_to(root)]
    parts = min(below, key=len, default=path.parts)  # below the deepest root holding it
    if any(part in SKIPPED_FOLDERS for part in parts):
        return False
    return not any(path.is_relative_to(folder) for folder in ignored)


class Watcher:
    """Calls `on_change(paths)` after `settle` seconds without a new relevant change, or
    after `settle_finished` seconds when each changed file's last event finished it: written
    and closed, moved in place or deleted (how an editor's save ends; a file still open for
    writing gets the whole `settle`). A save thus reloads the page 0.07 s sooner, and a burst
    of changes that a quiet moment splits gives one more call, never a lost change."""

    def __init__(
        self,
        folders: Iterable[Path],
        on_change: Callable[[set[Path]], None],
        settle: float = 0.15,
        ignored: Iterable[Path] = (),
        settle_finished: float = 0.03,
    ) -> None:
        self._folders = [folder.resolve() for folder in folders]
        self._ignored = [folder.resolve() for folder in ignored]
        self._followed: frozenset[Path] = frozenset()
        self._on_change = on_change
        self._settle = settle
        self._settle_finished = min(settle, settle_finished)
        self._pending: dict[Path, bool] = {}  # path -> whether its last event finished it
        self._last_event = 0.0
        self._lock = threading.Condition()
        self._stopped = False
        self._observer = Observer()
        self._thread = threading.Thread(target=self._run, name="blueprint-watch", daemon=True)

    def start(self) -> None:
        handler = _Handler(self._record)
        for folder in self._folders:
            self._observer.schedule(handler, str(folder), recursive=True)
        self._observer.start()
        self._thread.start()

    def follow(self, files: Iterable[Path]) -> None:
        """Count changes to `files` (real paths), whatever their folder or name; replaces the
        files followed before."""
        self._followed = frozenset(files)  # one assignment: `_record` sees the old or new set

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._lock.notify_all()
        self._observer.stop()
        self._observer.join(timeout=5)
        self._thread.join(timeout=5)

    def _record(self, path: Path, finished: bool) -> None:
        if not is_relevant(path, self._ignored, self._followed, self._folders):
            return
        with self._lock:
            self._pending[path] = finished
            self._last_event = time.monotonic()
            self._lock.notify_all()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                # Wait for the changes to settle.
                while not self._stopped:
                    settle = (self._settle_finished if all(self._pending.values())
                              else self._settle)
                    quiet = time.monotonic() - self._last_event
                    if quiet >= settle:
                        break
                    self._lock.wait(settle - quiet)
                if self._stopped:
                    return
                changed, self._pending = set(self._pending), {}
            self._on_change(changed)


#: the events after which a file's text is final (a write may follow "created", "modified")
FINISHING_EVENTS = frozenset({"closed", "moved", "deleted"})


class _Handler(FileSystemEventHandler):
    def __init__(self, record: Callable[[Path, bool], None]) -> None:
        self._record = record

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        finished = event.event_type in FINISHING_EVENTS
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = raw.decode() if isinstance(raw, bytes) else raw
                self._record(Path(path), finished)
