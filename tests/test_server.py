"""The site server: files, safety, methods, ports, root swaps, live-reload events, cleanup."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint.live.server import (
    EVENTS_PATH,
    LIVERELOAD_PATH,
    SiteServer,
    contained,
    content_type,
    find_free_port,
    inject_before_body_end,
    serve_forever,
    url_segments,
)
from blueprint.model import BlueprintError, Diagnostic, Severity
from tests.helpers import EventStream

SECRET = b"TOP-SECRET-OUTSIDE-THE-SITE"
INDEX = b"<!doctype html><html><body><h1>Home</h1></body></html>"

Response = tuple[int, http.client.HTTPMessage, bytes]


def make_site(folder: Path, label: str = "A") -> Path:
    files = {
        "index.html": f"<!doctype html><html><body><h1>Home {label}</h1></body></html>",
        "style.css": "body { color: black }",
        "app.js": "console.log(1);",
        "graph.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "data.json": '{"nodes": []}',
        "fonts/KaTeX_Main.woff2": "wOF2",
        "logo.png": "\x89PNG",
        "sub/index.html": f"<html><body>Sub {label}</body></html>",
        "sub/page.html": "<html><head></head>no body tag</html>",
        "%2e%2e": "a file literally named %2e%2e",
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    root = make_site(tmp_path / "site")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "outside").symlink_to(tmp_path)
    (root / "alias.css").symlink_to(root / "style.css")
    return root


@pytest.fixture
def start() -> Iterator[Callable[..., SiteServer]]:
    """Start SiteServers on a free port of 127.0.0.1; shut them all down afterwards."""
    servers: list[SiteServer] = []

    def start_server(root: Path | None, **options: object) -> SiteServer:
        options.setdefault("port", 0)
        server = SiteServer(root, "127.0.0.1", **options)  # type: ignore[arg-type]
        server.start()
        servers.append(server)
        return server

    yield start_server
    for server in servers:
        server.shutdown()


def request(
    server: SiteServer, method: str, path: str, headers: dict[str, str] | None = None
) -> Response:
    conn = http.client.HTTPConnection(*server.address, timeout=5)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def raw(server: SiteServer, data: bytes) -> bytes:
    """Send raw bytes, return everything the server answers until it closes."""
    with socket.create_connection(server.address, timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def raw_get(server: SiteServer, target: bytes, method: bytes = b"GET") -> tuple[int, bytes]:
    answer = raw(
        server, method + b" " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    status = int(answer.split(b" ", 2)[1])
    return status, answer


# Files and types


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/graph.svg", "image/svg+xml; charset=utf-8"),
        ("/data.json", "application/json; charset=utf-8"),
        ("/fonts/KaTeX_Main.woff2", "font/woff2"),
        ("/logo.png", "image/png"),
        ("/alias.css", "text/css; charset=utf-8"),
    ],
)
def test_content_types(site: Path, start: Callable[..., SiteServer], path: str, expected: str):
    server = start(site)
    status, headers, body = request(server, "GET", path)
    assert status == 200
    assert headers["Content-Type"] == expected
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body == (site / path.lstrip("/")).read_bytes()
    assert int(headers["Content-Length"]) == len(body)


def test_unknown_types_fall_back_sensibly():
    assert content_type("notes.TXT") == "text/plain; charset=utf-8"
    assert content_type("blob.unknown-extension") == "application/octet-stream"


def test_directories_serve_their_index(site: Path, start: Callable[..., SiteServer]):
    server = start(site)
    assert request(server, "GET", "/")[2] == (site / "index.html").read_bytes()
    assert request(server, "GET", "/sub/")[2] == (site / "sub/index.html").read_bytes()
    status, headers, _ = request(server, "GET", "/sub?x=1")
    assert (status, headers["Location"]) == (301, "/sub/?x=1")
    (site / "fonts" / "index.html").unlink(missing_ok=True)
    assert request(server, "GET", "/fonts/")[0] == 404  # no listing


def test_missing_files_are_404(site: Path, start: Callable[..., SiteServer]):
    server = start(site)
    assert request(server, "GET", "/nope.html")[0] == 404
    assert request(server, "GET", "/style.css/")[0] == 404


def test_query_string_is_ignored(site: Path, start: Callable[..., SiteServer]):
    server = start(site)
    assert request(server, "GET", "/style.css?v=3")[2] == (site / "style.css").read_bytes()


TRAVERSALS = [
    b"/../secret.txt",
    b"/sub/../../secret.txt",
    b"/%2e%2e/secret.txt",
    b"/%2E%2E%2Fsecret.txt",
    b"/sub/%2e%2e/%2e%2e/secret.txt",
    b"/%252e%252e/secret.txt",
    b"/%252e%252e%252fsecret.txt",
    b"/..%5csecret.txt",
    b"/..\\secret.txt",
    b"/sub\\..\\..\\secret.txt",
    b"/%5c..%5csecret.txt",
    b"/%c0%ae%c0%ae/secret.txt",
    b"//etc/passwd",
    b"/etc/passwd",
    b"/secret.txt%00.html",
    b"/%00",
    b"/secret.txt\x00",
    b"/leak.txt",
    b"/outside/secret.txt",
    b"/outside/",
    b"http://x/../secret.txt",
    b"..",
    b"../secret.txt",
    b"*",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_nothing_outside_the_site_can_be_read(
    site: Path, start: Callable[..., SiteServer], target: bytes
):
    server = start(site)
    status, answer = raw_get(server, target)
    assert status in (400, 403, 404)
    assert SECRET not in answer
    assert b"root:" not in answer


WATCH_TRAVERSALS = [
    b"/__blueprint__/../secret.txt",
    b"/__blueprint__/%2e%2e/secret.txt",
    b"/__blueprint__/events/..%2f..%2fsecret.txt",
    b"/__blueprint__/livereload.js/../../secret.txt",
]


@pytest.mark.parametrize("target", [*TRAVERSALS, *WATCH_TRAVERSALS])
def test_watch_mode_refuses_the_same_traversals(
    site: Path, start: Callable[..., SiteServer], target: bytes
):
    server = start(site, live_reload=True)
    status, answer = raw_get(server, target)
    assert status in (400, 403, 404)
    assert SECRET not in answer
    assert b"root:" not in answer


def test_serve_and_watch_commands_bind_loopback_by_default() -> None:
    import inspect

    from blueprint.cli.serve import serve_command
    from blueprint.cli.watch import watch_command

    for command in (serve_command, watch_command):
        assert inspect.signature(command).parameters["host"].default.default == "127.0.0.1"


def test_absolute_filesystem_path_is_refused(site: Path, start: Callable[..., SiteServer]):
    server = start(site)
    status, answer = raw_get(server, str(site.parent / "secret.txt").encode())
    assert status == 404
    assert SECRET not in answer


def test_double_encoding_names_a_literal_file(site: Path, start: Callable[..., SiteServer]):
    server = start(site)
    status, _, body = request(server, "GET", "/%252e%252e")
    assert (status, body) == (200, b"a file literally named %2e%2e")


def test_fifo_in_the_site_does_not_hang(site: Path, start: Callable[..., SiteServer]):
    os.mkfifo(site / "pipe.html")
    server = start(site)
    assert request(server, "GET", "/pipe.html")[0] == 404


@pytest.fixture(scope="module")
def outer_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A site with a symlink to the folder above it, next to a secret."""
    base = tmp_path_factory.mktemp("outer")
    (base / "secret.txt").write_bytes(SECRET)
    root = make_site(base / "site")
    (root / "up").symlink_to(base)
    return os.path.realpath(root)


@settings(max_examples=300, deadline=None)
@given(path=st.text(alphabet="./\\%25efcpuA0\x00", max_size=24))
def test_resolution_never_leaves_the_root(outer_root: str, path: str):
    segments = url_segments("/" + path)
    if segments is not None:
        found = contained(outer_root, segments)
        assert found is None or found == outer_root or found.startswith(outer_root + os.sep)


# Methods


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_only_get_and_head(site: Path, start: Callable[..., SiteServer], method: str):
    server = start(site)
    status, headers, _ = request(server, method, "/index.html")
    assert status == 405
    assert headers["Allow"] == "GET, HEAD"


def test_post_with_a_body_does_not_poison_the_connection(
    site: Path, start: Callable[..., SiteServer]
):
    server = start(site)
    smuggled = b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n"
    answer = raw(
        server,
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(smuggled) + smuggled,
    )
    assert answer.startswith(b"HTTP/1.1 405")
    assert answer.count(b"HTTP/1.1 ") == 1


def test_head_has_headers_but_no_body(site: Path, start: Callable[..., SiteServer]):
    server = start(site)
    status, answer = raw_get(server, b"/style.css", method=b"HEAD")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert status == 200
    assert body == b""
    assert b"Content-Length: %d" % (site / "style.css").stat().st_size in head


def test_keep_alive_serves_several_requests_on_one_connection(
    site: Path, start: Callable[..., SiteServer]
):
    server = start(site)
    conn = http.client.HTTPConnection(*server.address, timeout=5)
    try:
        for path in ["/", "/style.css", "/nope", "/app.js"]:
            conn.request("HEAD" if path == "/" else "GET", path)
            response = conn.getresponse()
            response.read()
            assert response.status in (200, 404)
    finally:
        conn.close()


# Ports


def test_taken_port_is_a_clear_error(site: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = SiteServer(site, "127.0.0.1", port)
        with pytest.raises(BlueprintError, match=f"port {port} .* already in use.*--port \\d+"):
            server.start()


def test_taken_port_falls_back_to_the_next_free_one(site: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = SiteServer(site, "127.0.0.1", port, port_fallback=True)
        with server:
            assert server.address[1] > port
            assert request(server, "GET", "/")[0] == 200


def test_find_free_port_skips_taken_ports():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert find_free_port("127.0.0.1", port) > port


def test_bad_host_and_port_are_blueprint_errors(site: Path):
    with pytest.raises(BlueprintError):
        SiteServer(site, "127.0.0.1", 70000)
    with pytest.raises(BlueprintError):
        SiteServer(site, "no-such-host.invalid", 0).start()
    with pytest.raises(BlueprintError):
        SiteServer(site / "missing", "127.0.0.1", 0)


def test_binds_loopback_by_default(site: Path):
    server = SiteServer(site, port=0)
    with server:
        assert server.address[0] == "127.0.0.1"


# Swapping the served folder


def test_set_root_switches_builds(tmp_path: Path, start: Callable[..., SiteServer]):
    a, b = make_site(tmp_path / "a", "A"), make_site(tmp_path / "b", "B")
    server = start(a)
    assert b"Home A" in request(server, "GET", "/")[2]
    server.set_root(b)
    assert b"Home B" in request(server, "GET", "/")[2]
    assert server.root == b


def test_a_response_in_flight_finishes_from_its_own_build(
    tmp_path: Path, start: Callable[..., SiteServer]
):
    a, b = make_site(tmp_path / "a", "A"), make_site(tmp_path / "b", "B")
    big_a, big_b = b"A" * 8_000_000, b"B" * 8_000_000
    (a / "big.bin").write_bytes(big_a)
    (b / "big.bin").write_bytes(big_b)
    server = start(a)
    conn = http.client.HTTPConnection(*server.address, timeout=5)
    try:
        conn.request("GET", "/big.bin")
        response = conn.getresponse()
        first = response.read(1000)
        server.set_root(b)
        assert first + response.read() == big_a
    finally:
        conn.close()
    assert request(server, "GET", "/big.bin")[2] == big_b


def test_swapped_symlink_and_exchanged_folder_are_followed(
    tmp_path: Path, start: Callable[..., SiteServer]
):
    a, b = make_site(tmp_path / "a", "A"), make_site(tmp_path / "b", "B")
    link = tmp_path / "site"
    link.symlink_to(a)
    server = start(link)
    assert b"Home A" in request(server, "GET", "/")[2]
    (tmp_path / "site.new").symlink_to(b)
    os.replace(tmp_path / "site.new", link)  # atomic
    assert b"Home B" in request(server, "GET", "/")[2]


def test_concurrent_requests_during_swaps_see_whole_builds(
    tmp_path: Path, start: Callable[..., SiteServer]
):
    builds = [make_site(tmp_path / "a", "A"), make_site(tmp_path / "b", "B")]
    wanted = {(d / "index.html").read_bytes() for d in builds}
    server = start(builds[0])
    seen: list[bytes] = []
    failures: list[BaseException] = []

    def fetch() -> None:
        try:
            for _ in range(40):
                status, _, body = request(server, "GET", "/")
                assert status == 200
                seen.append(body)
        except BaseException as exc:
            failures.append(exc)

    workers = [threading.Thread(target=fetch) for _ in range(4)]
    for worker in workers:
        worker.start()
    swaps = 0
    while any(worker.is_alive() for worker in workers):
        server.set_root(builds[swaps % 2])
        swaps += 1
        time.sleep(0.001)
    assert swaps > 10
    assert not failures
    assert set(seen) <= wanted


def test_no_site_yet_is_503_then_served(tmp_path: Path, start: Callable[..., SiteServer]):
    server = start(None, live_reload=True)
    status, _, body = request(server, "GET", "/")
    assert status == 503
    assert LIVERELOAD_PATH.encode() in body  # the page reloads itself when the build lands
    server.set_root(make_site(tmp_path / "a"))
    assert request(server, "GET", "/")[0] == 200


# Live reload


def test_script_is_injected_only_in_watch_mode(site: Path, start: Callable[..., SiteServer]):
    plain, watch = start(site), start(site, live_reload=True)
    assert request(plain, "GET", "/")[2] == (site / "index.html").read_bytes()
    assert request(plain, "GET", LIVERELOAD_PATH)[0] == 404
    assert request(plain, "GET", EVENTS_PATH)[0] == 404

    watch.notify_reload("build-7")
    status, headers, body = request(watch, "GET", "/")
    tag = f'<script src="{LIVERELOAD_PATH}" data-build="build-7"></script>'.encode()
    assert body.index(tag) < body.index(b"</body>")
    assert int(headers["Content-Length"]) == len(body)
    assert headers["Cache-Control"] == "no-store"
    assert request(watch, "GET", "/sub/page.html")[2].endswith(tag + b"\n")  # no </body>
    assert request(watch, "GET", "/style.css")[2] == (site / "style.css").read_bytes()
    assert tag in request(watch, "GET", "/missing.html")[2]  # 404 pages reload too
    head = request(watch, "HEAD", "/")
    assert (head[0], head[1]["Content-Length"], head[2]) == (200, headers["Content-Length"], b"")

    status, headers, script = request(watch, "GET", LIVERELOAD_PATH)
    assert status == 200
    assert headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert b"EventSource" in script
    assert request(watch, "GET", "/__blueprint__/other")[0] == 404


def test_injection_helper():
    assert inject_before_body_end(b"<p></BODY></html>", b"<s>") == b"<p><s></BODY></html>"
    assert inject_before_body_end(b"<p>", b"<s>") == b"<p><s>"


def test_build_id_is_escaped_in_the_tag(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True)
    server.notify_reload('"><script>alert(1)</script>')
    body = request(server, "GET", "/")[2]
    assert b"<script>alert(1)" not in body


def events(server: SiteServer) -> EventStream:
    """A client of the server's event stream."""
    return EventStream(server.address, timeout=5)


def test_events_reach_every_client(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True)
    clients = [events(server) for _ in range(3)]
    try:
        assert clients[0].response.status == 200
        assert clients[0].response.headers["Content-Type"] == "text/event-stream"
        _wait_for(lambda: server.live_state._clients == 3)
        server.notify_reload("b1")
        for client in clients:
            assert client.next() == ("reload", {"build": "b1"})
        server.notify_error([{"file": "content.tex", "line": 12, "message": "bad \\ref"}])
        expected = {"errors": [{"file": "content.tex", "line": 12, "message": "bad \\ref"}]}
        for client in clients:
            assert client.next() == ("build-error", expected)
        server.notify_reload("b2")
        for client in clients:
            assert client.next() == ("reload", {"build": "b2"})
    finally:
        for client in clients:
            client.close()


def test_a_new_client_gets_the_current_state(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True)
    server.notify_reload("b1")
    client = events(server)
    assert client.next() == ("reload", {"build": "b1"})
    client.close()

    diagnostic = Diagnostic("a.tex", 3, Severity.ERROR, "undefined label")
    server.notify_error([diagnostic, BlueprintError("no lakefile")])
    client = events(server)
    assert client.next() == (
        "build-error",
        {
            "errors": [
                {"file": "a.tex", "line": 3, "message": "undefined label"},
                {"file": "", "line": None, "message": "no lakefile"},
            ]
        },
    )
    client.close()


def test_keep_alive_comments(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True, keepalive_interval=0.2)
    client = events(server)
    try:
        time.sleep(0.5)
        server.notify_reload("b1")
        assert client.next() == ("reload", {"build": "b1"})
        assert ": keep-alive" in client.comments
    finally:
        client.close()


def test_the_event_client_skips_to_the_event_asked_for_and_times_out_on_silence(
    site: Path, start: Callable[..., SiteServer]
):
    server = start(site, live_reload=True)
    with EventStream(server.url, timeout=5) as client:  # a URL, as watch sessions give it
        server.notify_reload("b1")
        server.notify_error([{"file": "a.tex", "line": 2, "message": "bad"}])
        errors = {"errors": [{"file": "a.tex", "line": 2, "message": "bad"}]}
        assert client.until("build-error", "other") == ("build-error", errors)
        began = time.monotonic()
        with pytest.raises(TimeoutError):
            client.next(timeout=0.3)
        assert time.monotonic() - began < 2


def test_departed_clients_are_noticed(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True)
    clients = [events(server) for _ in range(3)]
    _wait_for(lambda: server.live_state._clients == 3)
    for client in clients:
        client.close()
    _wait_for(lambda: server.live_state._clients == 0, timeout=5)


def test_a_quiet_stream_gets_the_next_reload_at_once(
    site: Path, start: Callable[..., SiteServer]
):
    """After a quiet second the server checks the client is still there: that check must
    not wait for the client to send something (it used to, up to the 30 s idle timeout,
    holding the reload back and then dropping the stream)."""
    server = start(site, live_reload=True, keepalive_interval=60.0)
    client = events(server)
    try:
        time.sleep(1.3)  # the server's 1 s wait ends without news: it checks the client
        server.notify_reload("7")
        assert client.next() == ("reload", {"build": "7"})  # not 30 s later
    finally:
        client.close()


def test_event_clients_are_bounded(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True, max_event_clients=2)
    clients = [events(server) for _ in range(2)]
    try:
        _wait_for(lambda: server.live_state._clients == 2)
        assert request(server, "GET", EVENTS_PATH)[0] == 503
    finally:
        for client in clients:
            client.close()


def test_connections_are_bounded(site: Path, start: Callable[..., SiteServer]):
    server = start(site, max_connections=2)
    idle = [socket.create_connection(server.address, timeout=5) for _ in range(2)]
    try:
        _wait_for(lambda: len(server._httpd._connections) == 2)  # type: ignore[union-attr]
        status, _ = raw_get(server, b"/")
        assert status == 503
    finally:
        for sock in idle:
            sock.close()


# Logging


def test_quiet_by_default_and_verbose_on_request(
    site: Path, start: Callable[..., SiteServer], capfd: pytest.CaptureFixture[str]
):
    request(start(site), "GET", "/nope")
    assert capfd.readouterr().err == ""
    request(start(site, verbose=True), "GET", "/nope")
    assert '"GET /nope HTTP/1.1" 404' in capfd.readouterr().err


# Shutting down


def _fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def _wait_for(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_shutdown_closes_streams_and_idle_connections(site: Path):
    threads, fds = threading.active_count(), _fd_count()
    server = SiteServer(site, "127.0.0.1", 0, live_reload=True)
    server.start()
    streams = [events(server) for _ in range(3)]
    idle = http.client.HTTPConnection(*server.address, timeout=5)
    idle.request("GET", "/")
    idle.getresponse().read()  # the connection stays open, its thread waits for more
    _wait_for(lambda: server.live_state._clients == 3)
    assert threading.active_count() >= threads + 5

    began = time.monotonic()
    server.shutdown()
    assert time.monotonic() - began < 2
    for stream in streams:
        with pytest.raises(EOFError):
            stream.next()
        stream.close()
    idle.close()
    _wait_for(lambda: threading.active_count() == threads)
    _wait_for(lambda: _fd_count() == fds)
    server.shutdown()  # twice is harmless


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_many_connections_leak_nothing(site: Path, start: Callable[..., SiteServer]):
    server = start(site, live_reload=True)
    request(server, "GET", "/")
    _wait_for(lambda: not server._httpd._connections)  # type: ignore[union-attr]
    threads, fds = threading.active_count(), _fd_count()
    for i in range(200):
        path = ["/", "/style.css", "/nope", "/../x", EVENTS_PATH][i % 5]
        if path == EVENTS_PATH:
            events(server).close()
        else:
            request(server, "GET", path)
    _wait_for(lambda: server.live_state._clients == 0, timeout=5)
    _wait_for(lambda: threading.active_count() == threads)
    _wait_for(lambda: _fd_count() == fds)


def test_serve_forever_runs_until_stopped(site: Path, capsys: pytest.CaptureFixture[str]):
    stop = threading.Event()
    ready: list[SiteServer] = []

    def on_ready(server: SiteServer) -> None:
        ready.append(server)

    runner = threading.Thread(
        target=serve_forever,
        args=(site, "127.0.0.1", 0),
        kwargs={"on_ready": on_ready, "stop": stop},
    )
    runner.start()
    _wait_for(lambda: bool(ready))
    assert request(ready[0], "GET", "/")[0] == 200
    stop.set()
    runner.join(5)
    assert not runner.is_alive()
    with pytest.raises(BlueprintError):
        serve_forever(site / "missing", port=0)


def test_a_server_can_start_again_after_shutdown(site: Path):
    server = SiteServer(site, "127.0.0.1", 0, live_reload=True)
    server.notify_reload("b1")
    with server:
        pass
    with server:
        stream = events(server)
        assert stream.next() == ("reload", {"build": "b1"})
        stream.close()
