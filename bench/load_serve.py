"""Load on a watch-mode `SiteServer` over loopback: many clients, each like a browser tab.

    python bench/load_serve.py                        # 200 clients for 30 s
    python bench/load_serve.py --clients 500 --seconds 60

The server runs in its own process (so that its threads, descriptors and memory can be read
from /proc), serving a build of the sample project with live reload on 127.0.0.1; every
second it switches to the other of two builds and publishes a reload, as `watch` does after
a rebuild. The clients come in two rounds (the second shows whether memory keeps growing or
was paid once). Each client holds one live-reload connection (server-sent events) for the whole
run and, on a second keep-alive connection, fetches pages one after the other. Printed:
requests a second, errors (anything but a whole 200 answer, a refused or dropped
connection, a live-reload stream that ends early or misses reloads), latency percentiles,
and the server's threads, open descriptors and resident memory before, at the peak and
after the clients have gone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PAGES = ["/", "/graph.html", "/chapter-1.html", "/tasks.html", "/static/site.css",
         "/static/graph-core.js", "/missing.html"]  # fmt: skip
SERVER = """
import sys, time
from pathlib import Path
from blueprint.live.server import SiteServer

folders = [Path(sys.argv[1]), Path(sys.argv[2])]
server = SiteServer(folders[0], "127.0.0.1", 0, live_reload=True)
server.start()
print(server.address[1], flush=True)
build = 0
while True:  # until killed
    time.sleep(float(sys.argv[3]))
    build += 1
    server.set_root(folders[build % 2])
    server.notify_reload(str(build))
    print(time.monotonic(), flush=True)  # when: a client counts those sent while it listened
"""


@dataclass
class ProcessFigures:
    threads: int
    fds: int
    rss_mb: float


def figures(pid: int) -> ProcessFigures:
    """Threads, open descriptors and resident memory of a process (Linux /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return ProcessFigures(
        threads=int(fields["Threads"]),
        fds=len(os.listdir(f"/proc/{pid}/fd")),
        rss_mb=int(fields["VmRSS"].split()[0]) / 1024,
    )


@dataclass
class LoadReport:
    clients: int
    seconds: float  # of one round
    rounds: int = 1
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds a request
    reloads_sent: int = 0  # in one round
    reloads_seen: list[int] = field(default_factory=list)  # per client and round
    #: per client and round, as `reloads_seen`: from when its stream was open to its end
    listened: list[tuple[float, float]] = field(default_factory=list)
    reload_times: list[float] = field(default_factory=list)  # the server's clock (monotonic)
    streams_held: int = 0  # live-reload connections open until the end of their round
    before: ProcessFigures | None = None
    peak: ProcessFigures | None = None
    afters: list[ProcessFigures] = field(default_factory=list)  # once each round's clients left

    def reloads_due(self) -> list[int]:
        """Per client and round, as `reloads_seen`: the reloads sent while it listened (a
        stream opened late on a busy machine cannot get those sent before)."""
        return [sum(start <= at <= end for at in self.reload_times)
                for start, end in self.listened]

    @property
    def after(self) -> ProcessFigures | None:
        return self.afters[-1] if self.afters else None

    def percentile(self, fraction: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# -- a minimal HTTP/1.1 client ------------------------------------------------------------


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    pairs = (line.partition(":") for line in lines[1:] if line)
    headers = {key.strip().lower(): value.strip() for key, _, value in pairs}
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body


async def fetch_pages(port: int, until: float, rng: random.Random, report: LoadReport) -> None:
    """Fetch pages one after the other on a keep-alive connection (reopened if closed)."""
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while time.monotonic() < until:
        path = rng.choice(PAGES)
        began = time.monotonic()
        try:
            if writer is None or reader is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            await writer.drain()
            status, headers, body = await asyncio.wait_for(read_response(reader), 30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as error:
            report.errors.append(f"GET {path}: {error!r}")
            writer, reader = _close(writer), None
            continue
        report.latencies.append(time.monotonic() - began)
        report.requests += 1
        expected = 404 if path == "/missing.html" else 200
        whole = not path.endswith((".html", "/")) or body.rstrip().endswith(b"</html>")
        if status != expected or not whole:
            report.errors.append(f"GET {path}: {status}, {len(body)} bytes")
        if headers.get("connection", "").lower() == "close":
            writer, reader = _close(writer), None
    _close(writer)


def _close(writer: asyncio.StreamWriter | None) -> None:
    if writer is not None:
        writer.close()


async def hold_events(port: int, until: float, report: LoadReport) -> None:
    """One live-reload stream for the whole run; counts the reloads it receives."""
    seen = 0
    opened = until  # no reload is due before the stream is open
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /__blueprint__/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        status_line = head.split(b"\r\n", 1)[0]
        if b" 200 " not in status_line:
            report.errors.append(f"events: {status_line!r}")
            writer.close()
            return
        opened = time.monotonic()
        while time.monotonic() < until:
            left = until - time.monotonic()
            try:
                block = await asyncio.wait_for(reader.readuntil(b"\n\n"), max(0.01, left))
            except TimeoutError:
                break
            seen += block.count(b"event: reload")
        report.streams_held += 1
        writer.close()
    except (TimeoutError, OSError, asyncio.IncompleteReadError) as error:
        report.errors.append(f"events: {error!r}")
    report.reloads_seen.append(seen)
    report.listened.append((opened, until))


async def run_clients(port: int, clients: int, seconds: float, report: LoadReport) -> None:
    until = time.monotonic() + seconds
    rng = random.Random(1)
    tasks = []
    for index in range(clients):
        tasks.append(hold_events(port, until, report))
        tasks.append(fetch_pages(port, until, random.Random(rng.getrandbits(32) + index), report))
    await asyncio.gather(*tasks)


# -- the run ------------------------------------------------------------------------------


def build_sites(folder: Path) -> tuple[Path, Path]:
    """Two builds of the sample project (the server switches between them)."""
    from blueprint.build import build

    project = folder / "sample"
    shutil.copytree(REPO / "sample_project", project, ignore=shutil.ignore_patterns(".blueprint-*"))
    build(project, folder / "a")
    web = project / "blueprint" / "src" / "web.tex"
    web.write_text(web.read_text(encoding="utf-8").replace("\\title{", "\\title{B: "), "utf-8")
    build(project, folder / "b")
    return folder / "a", folder / "b"


def run_load(
    clients: int, seconds: float, reload_every: float = 1.0, rounds: int = 2
) -> LoadReport:
    """`rounds` rounds of `clients` clients for `seconds` against one server process (a
    second round shows whether memory keeps growing or was a one-time cost)."""
    report = LoadReport(clients, seconds, rounds)
    with tempfile.TemporaryDirectory() as scratch:
        a, b = build_sites(Path(scratch))
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(a), str(b), str(reload_every)],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, cwd=REPO,
        )  # fmt: skip
        assert server.stdout is not None
        times = threading.Thread(target=_read_times, args=(server.stdout, report), daemon=True)
        try:
            port = int(server.stdout.readline())
            times.start()
            time.sleep(0.3)
            report.before = figures(server.pid)
            peak = _Peak(server.pid)
            for _ in range(rounds):
                _in_own_thread(lambda: asyncio.run(
                    _with_peak(run_clients(port, clients, seconds, report), peak)
                ))  # fmt: skip
                report.afters.append(_settled_figures(server.pid, report.before))
            report.peak = peak.figures
            report.reloads_sent = int(seconds / reload_every)
        finally:
            server.kill()
            server.wait()
            if times.is_alive():
                times.join(5)  # it reads to the end of the server's output
            if server.stdout is not None:
                server.stdout.close()
    return report


def _read_times(lines: Iterable[str], report: LoadReport) -> None:
    """The times the server sent its reloads, as it says them (until it is stopped)."""
    for line in lines:
        report.reload_times.append(float(line))


def _in_own_thread(run: Callable[[], object]) -> None:
    """Run in a new thread: the caller's thread may already run an event loop (pytest with
    playwright's sync API does), and asyncio.run refuses to start a second one there."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=target, name="load-clients")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


class _Peak:
    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.figures = figures(pid)

    def sample(self) -> None:
        now = figures(self.pid)
        if now.threads >= self.figures.threads:
            self.figures = now


async def _with_peak(clients: object, peak: _Peak) -> None:
    done = asyncio.Event()

    async def sample() -> None:
        while not done.is_set():
            peak.sample()
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    try:
        await clients  # type: ignore[misc]
    finally:
        done.set()
        await sampler


def _settled_figures(pid: int, before: ProcessFigures, timeout: float = 15.0) -> ProcessFigures:
    """The server's figures once its connection threads have ended (or after `timeout`)."""
    deadline = time.monotonic() + timeout
    now = figures(pid)
    while time.monotonic() < deadline and (now.threads > before.threads or now.fds > before.fds):
        time.sleep(0.2)
        now = figures(pid)
    return now


def print_report(report: LoadReport) -> None:
    total = report.seconds * report.rounds
    rate = report.requests / total if total else 0.0
    print(f"{report.clients} clients for {report.seconds:.0f} s on 127.0.0.1, {report.rounds} "
          f"round(s) (each client: one live-reload stream, one keep-alive connection fetching "
          f"pages)")  # fmt: skip
    print(f"requests: {report.requests:,} ({rate:,.0f}/s); errors: {len(report.errors)}")
    for error in report.errors[:10]:
        print(f"  {error}")
    ms = [report.percentile(f) * 1000 for f in (0.5, 0.9, 0.99, 1.0)]
    print("latency: p50 {:.1f} ms, p90 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms".format(*ms))
    seen = report.reloads_seen or [0]
    print(f"live reload: {report.streams_held}/{report.clients * report.rounds} streams held "
          f"to the end; reloads published {report.reloads_sent} a round, received per client "
          f"min {min(seen)} median {statistics.median(seen):.0f} max {max(seen)}")  # fmt: skip
    moments = [("before", report.before), ("peak", report.peak)]
    moments += [(f"after {i}", value) for i, value in enumerate(report.afters, start=1)]
    for name, value in moments:
        if value is not None:
            print(f"server {name:>7}: {value.threads:>4} threads, {value.fds:>4} open fds, "
                  f"{value.rss_mb:6.1f} MB resident")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--reload-every", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    report = run_load(args.clients, args.seconds, args.reload_every, args.rounds)
    print_report(report)
    leaked = report.after is not None and report.before is not None and (
        report.after.threads > report.before.threads or report.after.fds > report.before.fds
    )
    return 1 if report.errors or leaked else 0


if __name__ == "__main__":
    sys.exit(main())
