"""Small helpers shared by the tests and the benchmarks: nodes without going through LaTeX,
and a client of the live-reload event stream (`bench/` imports this module too: it needs
nothing but the standard library and `blueprint`)."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blueprint.analysis.graph import DependencyGraph
from blueprint.live.server import EVENTS_PATH
from blueprint.model import Node, Part

# Real blueprints with the graphs leanblueprint drew for them (tests/corpus/README.md).
CORPUS = Path(__file__).resolve().parent / "corpus"


def as_networkx(graph: DependencyGraph) -> Any:
    """The same graph for networkx, which the tests use as the reference for graph questions."""
    import networkx as nx

    copy = nx.DiGraph()
    copy.add_nodes_from(graph)
    copy.add_edges_from((u, v, {"kind": kind}) for u, v, kind in graph.edges())
    return copy


def make_node(
    node_id: str,
    *,
    env: str = "lemma",
    uses: Sequence[str] = (),
    leanok: bool = False,
    mathlibok: bool = False,
    notready: bool = False,
    proof: bool = True,
    proof_uses: Sequence[str] = (),
    proof_leanok: bool = False,
    lean: Sequence[str] = (),
) -> Node:
    statement = Part(
        text=f"Statement of {node_id}.",
        file="content.tex",
        line=1,
        lean=list(lean),
        uses=list(uses),
        leanok=leanok,
        mathlibok=mathlibok,
        notready=notready,
    )
    proof_part = (
        Part(text="Proof.", file="content.tex", line=2, uses=list(proof_uses), leanok=proof_leanok)
        if proof
        else None
    )
    return Node(
        id=node_id,
        env=env,
        is_definition=env == "definition",
        title=None,
        statement=statement,
        proof=proof_part,
    )


class EventStream:
    """A synchronous client of the server's live-reload stream (server-sent events).

    `where` is the site's URL (`http://127.0.0.1:8000/`) or `(host, port)`. `next()` gives
    each event in turn as `(name, data parsed as JSON)`; `until(*names)` skips to the next
    event of one of those names, `wait(name)` gives that event's data. A closed stream raises
    EOFError, a silent one TimeoutError after `timeout` seconds (each call may give another).
    `response` is the HTTP response (status, headers); `comments` the `:` lines seen.
    """

    def __init__(self, where: str | tuple[str, int], timeout: float = 15.0) -> None:
        if isinstance(where, str):
            url = urllib.parse.urlsplit(where)
            where = (url.hostname or "127.0.0.1", url.port or 80)
        self.timeout = timeout
        self.conn = http.client.HTTPConnection(*where, timeout=timeout)
        self.conn.request("GET", EVENTS_PATH)
        self.sock: socket.socket | None = self.conn.sock  # the response reads from it
        self.response = self.conn.getresponse()
        self.comments: list[str] = []

    def next(self, timeout: float | None = None) -> tuple[str, Any]:
        """The next event with data: its name (`message` when it has none) and its data."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        name, data = "message", []
        while True:
            line = self._line(deadline)
            if line == "":
                if data:
                    return name, json.loads("\n".join(data))
                name = "message"  # an event without data is no event (`retry:`, a comment)
            elif line.startswith(":"):
                self.comments.append(line)
            else:
                field, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if field == "event":
                    name = value
                elif field == "data":
                    data.append(value)

    def until(self, *names: str, timeout: float | None = None) -> tuple[str, Any]:
        """The next event named one of `names` (the others are skipped): name and data."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            name, data = self.next(deadline - time.monotonic())
            if name in names:
                return name, data

    def wait(self, name: str, timeout: float | None = None) -> Any:
        """The data of the next event named `name`."""
        return self.until(name, timeout=timeout)[1]

    def close(self) -> None:
        self.response.close()
        self.conn.close()
        if self.sock is not None:
            self.sock.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line(self, deadline: float) -> str:
        """One line without its end; EOFError at the end of the stream."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no event in time")
        if self.sock is not None:
            self.sock.settimeout(left)
        raw = self.response.readline()
        if not raw:
            raise EOFError("the event stream closed")
        return raw.decode("utf-8").rstrip("\r\n")


@dataclass
class Session:
    """A `blueprint watch` session running in a thread (see `watching`)."""

    project: Path
    url: str = ""
    rebuilds: list[Any] = field(default_factory=list)  # blueprint.live.watch.Rebuild
    stop: threading.Event = field(default_factory=threading.Event)

    def wait_rebuilds(self, count: int, timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while len(self.rebuilds) < count:
            assert time.monotonic() < deadline, f"only {len(self.rebuilds)} rebuilds"
            time.sleep(0.02)
        return self.rebuilds[count - 1]

    def get(self, path: str) -> str:
        host, port = self.url.removeprefix("http://").rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        connection.request("GET", path)
        body = connection.getresponse().read().decode()
        connection.close()
        return body

    def node_classes(self, node_id: str) -> str:
        """The classes of a node of the served graph (its status colours)."""
        page = self.get("/graph.html")
        marker = f'data-id="{node_id}"'
        start = page.rindex('<g class="', 0, page.index(marker))
        return page[start : page.index(marker)]


@contextmanager
def watching(project: Path, **options: Any) -> Iterator[Session]:
    """`blueprint watch` on `project` (a free port, status source auto, settle 0.1 s, plus
    `options` for `blueprint.live.watch.watch`), yielded after its first build, stopped after."""
    from blueprint.live.watch import watch
    from blueprint.model import StatusSource

    state = Session(project)
    ready = threading.Event()

    def on_ready(server: Any) -> None:
        state.url = server.url
        ready.set()

    thread = threading.Thread(
        target=watch,
        args=(project, "127.0.0.1", free_port(), StatusSource.AUTO, state.rebuilds.append,
              on_ready),
        kwargs={"stop": state.stop, "settle": 0.1, **options},
        daemon=True,
    )
    thread.start()
    try:
        assert ready.wait(30), "watch did not start"
        state.wait_rebuilds(1)
        yield state
    finally:
        state.stop.set()
        thread.join(10)
    assert not thread.is_alive()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def panels_html(page: str) -> str:
    """The side panels of a graph page, as HTML: the build writes them as one JSON list in a
    <script type="application/json" id="node-panels"> element (static/graph-core.js)."""
    start = page.index('<script type="application/json" id="node-panels">')
    start = page.index(">", start) + 1
    return "\n".join(json.loads(page[start : page.index("</script>", start)]))


def cold_site(project: Path, folder: Path) -> dict[str, bytes]:
    """The files of a cold build of `project` (its site and cache in new folders of
    `folder`), but the site's manifest: what a watch session's rebuild must equal."""
    from blueprint.build import build

    out = folder / f"cold-{len(list(folder.iterdir()))}"
    build(project, out, cache_dir=out.with_name(out.name + "-cache"))
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name != ".blueprint-site"}
