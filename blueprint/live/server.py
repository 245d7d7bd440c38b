"""The local web server behind `blueprint serve` and `blueprint watch`.

`SiteServer` serves one built site folder over HTTP (GET and HEAD only), never anything
outside it. The folder can be replaced while serving: each request resolves the root once,
when it starts, so a response always comes from one build. `site.writer.swap_in` already swaps
folders atomically; `set_root` is for builders that write a new folder and switch to it.

In watch mode (`live_reload=True`) the server also offers

- `/__blueprint__/events`: server-sent events. `reload` carries `{"build": id}`, and
  `build-error` carries `{"errors": [{"file", "line", "message"}, ...]}` (not `error`, which
  EventSource keeps for its own connection errors). A client gets the current state as soon
  as it connects; after that, the latest state whenever it changes.
- `/__blueprint__/livereload.js`: the browser side, injected into every HTML response.

Standard library only; one daemon thread per connection, all closed by `shutdown()`.
"""

from __future__ import annotations

import contextlib
import errno
import html
import json
import logging
import mimetypes
import os
import socket
import socketserver
import stat
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from blueprint.config import DEFAULT_HOST, DEFAULT_PORT
from blueprint.model import BlueprintError, Diagnostic
from blueprint.site.assets import STATIC_DIR

INTERNAL_PREFIX = "__blueprint__"  # first URL segment reserved for the server in watch mode
EVENTS_PATH = f"/{INTERNAL_PREFIX}/events"
LIVERELOAD_PATH = f"/{INTERNAL_PREFIX}/livereload.js"
LIVERELOAD_JS = STATIC_DIR / "livereload.js"

_PORT_ATTEMPTS = 100  # ports tried by find_free_port and by the port fallback
_IDLE_TIMEOUT = 30.0  # seconds an idle keep-alive connection may hold its thread
_ACCEPT_POLL = 0.1  # seconds between checks of the shutdown flag in the accept loop
_CLIENT_CHECK = 1.0  # seconds between checks that an event-stream client is still there
_JOIN_TIMEOUT = 5.0

_log = logging.getLogger(__name__)

_TEXT = "; charset=utf-8"
_CONTENT_TYPES = {
    ".html": "text/html" + _TEXT,
    ".htm": "text/html" + _TEXT,
    ".css": "text/css" + _TEXT,
    ".js": "text/javascript" + _TEXT,
    ".mjs": "text/javascript" + _TEXT,
    ".json": "application/json" + _TEXT,
    ".map": "application/json" + _TEXT,
    ".svg": "image/svg+xml" + _TEXT,
    ".xml": "application/xml" + _TEXT,
    ".txt": "text/plain" + _TEXT,
    ".tex": "text/plain" + _TEXT,
    ".lean": "text/plain" + _TEXT,
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/vnd.microsoft.icon",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
}


def content_type(name: str) -> str:
    """The Content-Type header for a file name; text types say they are UTF-8."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _CONTENT_TYPES:
        return _CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    if guessed is None:
        return "application/octet-stream"
    return guessed + _TEXT if guessed.startswith("text/") else guessed


def url_segments(url_path: str) -> list[str] | None:
    """The path segments a percent-encoded URL path names, or None if it tries to escape.

    Decodes exactly once (so `%252e` stays the literal name `%2e`), then refuses NUL bytes,
    backslashes and `..` segments outright rather than trying to make sense of them.
    """
    try:
        decoded = urllib.parse.unquote_to_bytes(url_path).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    segments = [s for s in decoded.split("/") if s not in ("", ".")]
    return None if ".." in segments else segments


def contained(root: str, segments: list[str]) -> str | None:
    """The real path `segments` name below the real folder `root`, if it exists inside it.

    Symbolic links are followed and must end inside `root`.
    """
    real = os.path.realpath(os.path.join(root, *segments))
    prefix = root if root.endswith(os.sep) else root + os.sep
    if real != root and not real.startswith(prefix):
        return None
    return real if os.path.exists(real) else None


def inject_before_body_end(page: bytes, snippet: bytes) -> bytes:
    """`page` with `snippet` inserted before its last `</body>` (appended if there is none)."""
    at = page.lower().rfind(b"</body")
    return page + snippet if at < 0 else page[:at] + snippet + page[at:]


def find_free_port(host: str, start: int, attempts: int = _PORT_ATTEMPTS) -> int:
    """The first port from `start` on that a server could bind on `host` right now."""
    family = _address_family(host, start)
    for port in range(start, min(start + attempts, 65536)):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # Same option as the real server, so ports in TIME_WAIT count as free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise BlueprintError(f"no free port on {host} between {start} and {start + attempts - 1}")


def _address_family(host: str, port: int) -> socket.AddressFamily:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise BlueprintError(f"cannot serve on host {host!r}: {exc}") from exc
    return infos[0][0]


class _LiveState:
    """The outcome of the last build, shared with every event-stream client.

    Clients only ever need the latest state, so there are no per-client queues: each client
    remembers the version it has sent and waits for a newer one.
    """

    def __init__(self, max_clients: int) -> None:
        self._cond = threading.Condition()
        self._version = 0
        self._event: bytes | None = None  # the latest event, ready for the wire
        self._build_id: str | None = None  # the last successful build
        self._clients = 0
        self._max_clients = max_clients
        self._closed = False

    @property
    def build_id(self) -> str | None:
        with self._cond:
            return self._build_id

    def publish_reload(self, build_id: str) -> None:
        with self._cond:
            self._build_id = build_id
            self._publish("reload", {"build": build_id})

    def publish_errors(self, errors: list[dict[str, object]]) -> None:
        with self._cond:
            self._publish("build-error", {"errors": errors})

    def _publish(self, name: str, data: object) -> None:
        self._event = f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()
        self._version += 1
        self._cond.notify_all()

    def subscribe(self) -> bool:
        with self._cond:
            if self._closed or self._clients >= self._max_clients:
                return False
            self._clients += 1
            return True

    def unsubscribe(self) -> None:
        with self._cond:
            self._clients -= 1

    def wait(self, seen: int, timeout: float) -> tuple[int, bytes | None] | None:
        """(version, event newer than `seen` or None on timeout); None once closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._version != seen, timeout)
            if self._closed:
                return None
            if self._version == seen:
                return seen, None
            return self._version, self._event

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def reopen(self) -> None:
        with self._cond:
            self._closed = False


class _HTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that tracks its connections so that shutdown can end them."""

    daemon_threads = True
    block_on_close = False  # close_connections() joins the threads, with a timeout
    request_queue_size = 512  # connections waiting to be accepted: every tab reloading at once

    def __init__(
        self, address: tuple[str, int], site: SiteServer, family: socket.AddressFamily
    ) -> None:
        self.address_family = family
        self.site = site
        self._lock = threading.Lock()
        self._connections: dict[socket.socket, threading.Thread] = {}
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind also does a reverse DNS lookup, which can hang offline.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            if len(self._connections) >= self.site.max_connections:
                _refuse(request)
                self.shutdown_request(request)
                return
            thread = threading.Thread(
                target=self.process_request_thread,
                args=(request, client_address),
                name="blueprint-http",
                daemon=True,
            )
            self._connections[request] = thread
            thread.start()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            with self._lock:
                del self._connections[request]
            self.shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every connection thread (idle keep-alive ones too) and wait for them."""
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            threads = list(self._connections.values())
        deadline = time.monotonic() + _JOIN_TIMEOUT
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # the browser went away: nothing to report
        _log.exception("error while answering %s", client_address)


def _refuse(connection: socket.socket) -> None:
    connection.setblocking(False)
    with contextlib.suppress(OSError):
        connection.send(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
            b"Retry-After: 1\r\nConnection: close\r\n\r\n"
        )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "blueprint"
    sys_version = ""
    timeout = _IDLE_TIMEOUT
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: _HTTPServer

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.headers.get("Content-Length", "0").strip() != "0" or (
            "Transfer-Encoding" in self.headers
        ):
            self.close_connection = True  # a body we will not read must not pass for a request
        if self.command in ("GET", "HEAD"):
            return True
        self.close_connection = True
        self._send_page(
            HTTPStatus.METHOD_NOT_ALLOWED,
            f"{self.command} is not supported: this server only reads files.",
            head=False,
            headers={"Allow": "GET, HEAD"},
        )
        return False

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.site.verbose:
            super().log_message(format, *args)

    def _answer(self, head: bool) -> None:
        target = self.path
        if not target.startswith("/"):  # absolute form: GET http://host/path
            target = urllib.parse.urlsplit(target).path or "/"
        if not target.startswith("/"):
            self._send_page(HTTPStatus.BAD_REQUEST, "Bad request target.", head)
            return
        url_path, _, query = target.partition("#")[0].partition("?")
        segments = url_segments(url_path)
        if segments is None:
            self._send_page(HTTPStatus.NOT_FOUND, "Nothing here.", head)
        elif self.server.site.live_reload and segments[:1] == [INTERNAL_PREFIX]:
            self._answer_internal(segments[1:], head)
        else:
            self._answer_file(segments, url_path.endswith("/"), query, head)

    def _answer_file(self, segments: list[str], slash: bool, query: str, head: bool) -> None:
        site = self.server.site
        for _attempt in range(2):  # once more if the root was switched under this request
            root = site.resolved_root()
            if root is None:
                why = "The site is being built; this page reloads when it is ready."
                self._send_page(HTTPStatus.SERVICE_UNAVAILABLE, why, head, {"Retry-After": "1"})
                return
            path = contained(root, segments)
            name = segments[-1] if segments else ""
            if path is not None and os.path.isdir(path):
                if not slash:
                    location = "/" + "/".join(urllib.parse.quote(s) for s in segments) + "/"
                    self._redirect(location + ("?" + query if query else ""), head)
                    return
                path, name = contained(root, [*segments, "index.html"]), "index.html"
            elif slash:
                path = None  # a file named like a folder
            file = _open_regular(path) if path is not None else None
            if file is not None:
                with file:
                    self._send_file(file, name, head)
                return
            if site.resolved_root() == root:
                break
        self._send_page(HTTPStatus.NOT_FOUND, "Nothing here.", head)

    def _answer_internal(self, segments: list[str], head: bool) -> None:
        site = self.server.site
        if segments == ["events"]:
            self._send_events(head)
        elif segments == ["livereload.js"]:
            self._send_bytes(site.livereload_js(), content_type(LIVERELOAD_PATH), head)
        else:
            self._send_page(HTTPStatus.NOT_FOUND, "Nothing here.", head)

    def _send_file(self, file: BinaryIO, name: str, head: bool) -> None:
        kind = content_type(name)
        if self.server.site.live_reload and kind.startswith("text/html"):
            self._send_bytes(file.read(), kind, head)  # _send_bytes injects the script
            return
        size = os.fstat(file.fileno()).st_size
        self._start(HTTPStatus.OK, kind, size)
        if not head and size:
            connection: socket.socket = self.connection
            if connection.sendfile(file, 0, size) != size:
                self.close_connection = True  # the file shrank: the length we sent is wrong

    def _send_bytes(
        self,
        body: bytes,
        kind: str,
        head: bool,
        status: HTTPStatus = HTTPStatus.OK,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        site = self.server.site
        if site.live_reload and kind.startswith("text/html"):
            body = inject_before_body_end(body, site.livereload_tag())
        self._start(status, kind, len(body), headers)
        if not head:
            self.wfile.write(body)

    def _start(
        self,
        status: HTTPStatus,
        kind: str,
        length: int,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        # Watch mode swaps builds under the browser: never reuse a stored copy.
        cache = "no-store" if self.server.site.live_reload else "no-cache"
        self.send_header("Cache-Control", cache)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _send_page(
        self,
        status: HTTPStatus,
        text: str,
        head: bool,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        title = f"{status.value} {status.phrase}"
        page = (
            f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}</title></head>\n<body><h1>{title}</h1><p>{html.escape(text)}</p>"
            f"</body></html>\n"
        )
        self._send_bytes(page.encode(), _CONTENT_TYPES[".html"], head, status, headers)

    def _redirect(self, location: str, head: bool) -> None:
        self._send_page(HTTPStatus.MOVED_PERMANENTLY, "Moved.", head, {"Location": location})

    def _send_events(self, head: bool) -> None:
        site = self.server.site
        state = site.live_state
        if not state.subscribe():
            why = "Too many live-reload connections."
            self._send_page(HTTPStatus.SERVICE_UNAVAILABLE, why, head)
            return
        try:
            self.close_connection = True  # the stream ends when the connection does
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            if not head:
                self._stream_events(state, site.keepalive_interval)
        except OSError:
            pass  # the browser went away
        finally:
            state.unsubscribe()

    def _stream_events(self, state: _LiveState, keepalive: float) -> None:
        self.wfile.write(b"retry: 1000\n\n")  # reconnect quickly when the server comes back
        seen, quiet_since = 0, time.monotonic()
        while True:
            step = state.wait(seen, min(keepalive, _CLIENT_CHECK))
            if step is None:
                return  # shutting down
            seen, event = step
            if event is not None:
                self.wfile.write(event)
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= keepalive:
                self.wfile.write(b": keep-alive\n\n")
                quiet_since = time.monotonic()
            elif self._client_gone():
                return

    def _client_gone(self) -> bool:
        """Whether the browser closed the stream (it never sends anything on it).

        The peek must not wait: the connection has a timeout, and Python waits for a socket
        with a timeout to be readable before any recv, MSG_DONTWAIT or not. (It did: a quiet
        stream sat here for the 30 s idle timeout, holding back reloads, then was dropped.)
        """
        connection: socket.socket = self.connection
        timeout = connection.gettimeout()
        connection.settimeout(0.0)
        try:
            return connection.recv(1, socket.MSG_PEEK) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True
        finally:
            connection.settimeout(timeout)


def _open_regular(path: str) -> BinaryIO | None:
    """`path` opened for reading if it is a regular file (never blocks on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb")


def _error_record(error: Mapping[str, Any] | Diagnostic | BlueprintError) -> dict[str, object]:
    """{file, line, message} from a mapping, a Diagnostic or a BlueprintError."""

    def get(key: str) -> Any:
        return error.get(key) if isinstance(error, Mapping) else getattr(error, key, None)

    message = get("message")
    line = get("line")
    return {
        "file": str(get("file") or ""),
        "line": line if isinstance(line, int) and line > 0 else None,  # 0: a folder
        "message": str(error if message is None else message),
    }


class SiteServer:
    """Serves a built site folder; in watch mode also tells browsers to reload.

    `start()` binds and serves from a background thread; `shutdown()` stops everything.
    `set_root`, `notify_reload` and `notify_error` may be called from any thread.

    Each connection has a thread. The limits are sized for 200 browser tabs at once (each
    holds one live-reload stream and a keep-alive connection or more), with room to spare:
    `bench/load_serve.py` measures 200 such clients at about 400 threads and 40 MB resident;
    beyond the limits a client gets a 503 at once rather than a stalled server.
    """

    def __init__(
        self,
        root: Path | None,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        live_reload: bool = False,
        port_fallback: bool = False,
        verbose: bool = False,
        keepalive_interval: float = 15.0,
        max_connections: int = 512,
        max_event_clients: int = 256,
    ) -> None:
        if not 0 <= port <= 65535:
            raise BlueprintError(f"port {port} is not between 0 and 65535")
        self.host = host
        self.port = port
        self.live_reload = live_reload
        self.port_fallback = port_fallback
        self.verbose = verbose
        self.keepalive_interval = keepalive_interval
        self.max_connections = max_connections
        self.live_state = _LiveState(max_event_clients)
        self._root_lock = threading.Lock()
        self._root: Path | None = None
        self._script: bytes = _read_livereload_js() if live_reload else b""
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        if root is not None:
            self.set_root(root)

    # The served folder

    def set_root(self, path: Path) -> None:
        """Serve `path` from now on; requests already started finish with the old one."""
        if not path.is_dir():
            raise BlueprintError(f"{path}: no site folder here; run `blueprint build` first")
        with self._root_lock:
            self._root = path.absolute()

    @property
    def root(self) -> Path | None:
        with self._root_lock:
            return self._root

    def resolved_root(self) -> str | None:
        """The real folder served right now (a symlinked `site/` is followed), if any."""
        root = self.root
        if root is None:
            return None
        real = os.path.realpath(root)
        return real if os.path.isdir(real) else None

    # Live reload

    def notify_reload(self, build_id: str) -> None:
        """Tell every browser that build `build_id` is in place and pages should reload."""
        self.live_state.publish_reload(build_id)

    def notify_error(
        self, errors: Iterable[Mapping[str, Any] | Diagnostic | BlueprintError]
    ) -> None:
        """Show the build errors (dicts with file, line, message, or Diagnostics) in browsers."""
        self.live_state.publish_errors([_error_record(e) for e in errors])

    def livereload_js(self) -> bytes:
        return self._script

    def livereload_tag(self) -> bytes:
        build = html.escape(self.live_state.build_id or "", quote=True)
        return f'<script src="{LIVERELOAD_PATH}" data-build="{build}"></script>\n'.encode()

    # Life cycle

    def start(self) -> None:
        """Bind the port and serve in a background thread."""
        if self._httpd is not None:
            raise RuntimeError("the server is already running")
        httpd = self._bind()
        self._httpd = httpd
        self.live_state.reopen()  # after an earlier shutdown()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": _ACCEPT_POLL},
            name="blueprint-server",
            daemon=True,
        )
        self._thread.start()

    def shutdown(self) -> None:
        """Stop accepting, end every connection (event streams too) and join the threads."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        self.live_state.close()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        thread.join(_JOIN_TIMEOUT)
        self._httpd = self._thread = None

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) actually bound; the port differs from `port` after a fallback."""
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()

    def _bind(self) -> _HTTPServer:
        family = _address_family(self.host, self.port)
        last = self.port
        if self.port_fallback and self.port != 0:
            last = min(self.port + _PORT_ATTEMPTS, 65536) - 1
        for port in range(self.port, last + 1):
            try:
                return _HTTPServer((self.host, port), self, family)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE and port < last:
                    continue
                raise self._bind_error(exc, port) from exc
        raise AssertionError("unreachable")

    def _bind_error(self, exc: OSError, port: int) -> BlueprintError:
        where = f"{self.host}:{port}"
        if exc.errno == errno.EADDRINUSE:
            if self.port_fallback:
                return BlueprintError(f"no free port between {self.port} and {port} on {self.host}")
            try:
                hint = f"try --port {find_free_port(self.host, port + 1)}"
            except BlueprintError:
                hint = "choose another --port"
            return BlueprintError(
                f"port {port} on {self.host} is already in use (another server running?); {hint}"
            )
        if exc.errno == errno.EACCES:
            return BlueprintError(
                f"not allowed to listen on {where} (ports below 1024 need privileges); "
                f"choose --port {DEFAULT_PORT} or above"
            )
        if exc.errno == errno.EADDRNOTAVAIL:
            return BlueprintError(f"cannot listen on {where}: {self.host} is not on this machine")
        return BlueprintError(f"cannot listen on {where}: {exc.strerror or exc}")


def _read_livereload_js() -> bytes:
    try:
        return LIVERELOAD_JS.read_bytes()
    except OSError as exc:
        raise BlueprintError(f"{LIVERELOAD_JS}: cannot read the live-reload script: {exc}") from exc


def serve_forever(
    site_dir: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    live_reload: bool = False,
    *,
    port_fallback: bool = False,
    verbose: bool = False,
    on_ready: Callable[[SiteServer], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve `site_dir` until Ctrl+C (or until `stop` is set), then shut down cleanly.

    `on_ready(server)` runs once the port is bound (default: print the URL); watch mode can
    keep the server it is given to call `notify_reload` / `notify_error`.
    """
    server = SiteServer(
        Path(site_dir),
        host,
        port,
        live_reload=live_reload,
        port_fallback=port_fallback,
        verbose=verbose,
    )
    server.start()
    try:
        (on_ready or _announce)(server)
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _announce(server: SiteServer) -> None:
    moved = server.address[1] != server.port and server.port != 0
    note = f" (port {server.port} was in use)" if moved else ""
    print(f"Serving {server.root} at {server.url}{note} - press Ctrl+C to stop", flush=True)
