"""Edit-to-reload latency of `blueprint watch`, on generated projects of pfr's and
brownian-motion's sizes (218 and 635 nodes).

For each size: a status-only change (a `sorry` replaced by a proof in a .lean file) and a
structural change (a new `\\uses` in a .tex file), each timed from the file write to the
`reload` event a browser would receive; and the cold layout time of that graph, measured
in the same run, as the baseline a structural change is allowed on top of.

    python bench/bench_watch.py [--sizes 218 635] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth import write_project
from blueprint.build import analyze
from blueprint.live.server import SiteServer
from blueprint.live.watch import watch
from blueprint.model import StatusSource
from blueprint.site.views import lay_out
from tests.helpers import EventStream


def next_reload(events: EventStream) -> None:
    """Wait for the next reload; a build error instead, or silence, fails the run."""
    try:
        name, data = events.until("reload", "build-error", timeout=60)
    except TimeoutError:
        raise SystemExit("no reload event within 60 s") from None
    if name == "build-error":
        raise SystemExit(f"the rebuild failed: {json.dumps(data)[:500]}")


def measure(nodes: int, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        planned = write_project(root, nodes)
        start = time.perf_counter()
        cold = analyze(root, StatusSource.LEAN)
        lay_out(cold)
        cold_build = time.perf_counter() - start
        layout_cold = _cold_layout_seconds(root)

        ready = threading.Event()
        stop = threading.Event()
        found: dict[str, str] = {}

        def on_ready(server: SiteServer) -> None:
            found["url"] = server.url
            ready.set()

        thread = threading.Thread(
            target=watch,
            args=(root, "127.0.0.1", 8700, StatusSource.AUTO, lambda r: None, on_ready),
            kwargs={"stop": stop},
            daemon=True,
        )
        thread.start()
        ready.wait(120)
        events = EventStream(found["url"], timeout=60)
        next_reload(events)  # the state on connection
        status, structure = [], []
        sorried = [n for n in planned if n.stated and not n.proved and n.env != "definition"]
        for attempt in range(repeat):
            node = sorried[attempt]
            lean = root / "Synth" / f"Ch{node.chapter}.lean"
            text = lean.read_text()
            marker = f"theorem decl_{node.index} "
            head, tail = text.split(marker, 1)
            tail = tail.replace("  sorry\n", "  omega\n", 1)
            begin = time.perf_counter()
            lean.write_text(head + marker + tail)
            next_reload(events)
            status.append(time.perf_counter() - begin)

            target = planned[-1 - attempt]
            tex = root / "blueprint" / "src" / "chapter" / f"ch{target.chapter}.tex"
            text = tex.read_text()
            label = f"\\label{{{target.label}}}"
            extra = planned[attempt].label
            begin = time.perf_counter()
            tex.write_text(text.replace(label, f"{label}\\uses{{{extra}}}", 1))
            next_reload(events)
            structure.append(time.perf_counter() - begin)
        events.close()
        stop.set()
        thread.join(30)
    return {
        "cold": cold_build,
        "layout": layout_cold,
        "status": statistics.median(status),
        "structure": statistics.median(structure),
    }


def _cold_layout_seconds(root: Path) -> float:
    analysis = analyze(root, StatusSource.LEAN)
    analysis.config = replace(analysis.config, cache_dir=root / ".no-cache")
    start = time.perf_counter()
    lay_out(analysis)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[218, 635])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'nodes':>6} {'layout':>8} {'status change':>14} {'goal':>6} "
        f"{'structural':>11} {'goal':>7}"
    )
    for size in args.sizes:
        r = measure(size, args.repeat)
        print(
            f"{size:>6} {r['layout'] * 1000:>6.0f}ms {r['status'] * 1000:>12.0f}ms "
            f"{'ok' if r['status'] <= 0.3 else 'MISS':>6} {r['structure'] * 1000:>9.0f}ms "
            f"{'ok' if r['structure'] <= r['layout'] + 0.3 else 'MISS':>7}"
        )
    print(
        "times are medians from the file write to the browser's reload event "
        "(the watcher waits 0.03 s after a finished save, 0.1 s after an unfinished write)"
    )


if __name__ == "__main__":
    main()
