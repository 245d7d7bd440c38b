"""How fast the graph page becomes interactive, ours against leanblueprint's, in headless Chromium.

    python bench/bench_site.py                      # a generated 635-node project, the corpus
    python bench/bench_site.py --project ../brownian-motion --nodes 635 --nodes 5000
    python bench/bench_site.py --plastex /tmp/lbvenv/bin/plastex   # leanblueprint's side too

For each project: the whole graph's aspect ratio (layout width / height); the first view at a
desktop (1600×1000) and a phone (390×844) size, the chapters' overview or the graph, and how
high a label is there (12 layout units × the scale); the time to interactive (the page's own
signal, window.blueprintGraph.ready: performance.now() at the end of graph-start.js); click ->
panel and hover -> highlight latencies; and frame times while panning and zooming the whole
graph with real input events (drags and wheel turns, the whole graph in view, then zoomed in).
leanblueprint's: the first frame at which its graph's nodes carry their click handlers
(d3-graphviz lays the graph out in the browser, then calls `interactive()`). Both sites are
served over http://127.0.0.1, requests to any other host are refused (the CDN's MathJax is not
part of either figure), and each figure is the median of several fresh page loads.

leanblueprint's page needs leanblueprint (`pip install leanblueprint`, e.g. into a venv) and
`kpsewhich` (Debian: texlive-binaries); without them only our figures are printed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from blueprint.build import build  # noqa: E402
from blueprint.model import StatusSource  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CORPUS = REPO / "tests" / "corpus"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LEANBLUEPRINT_READY = """
() => new Promise((resolve) => {
  const check = () => {
    const nodes = document.querySelectorAll("#graph svg g.node");
    if (nodes.length && nodes[0].__on) resolve([performance.now(), nodes.length]);
    else requestAnimationFrame(check);
  };
  check();
})
"""


# ---------------------------------------------------------------- a generated project


def generate_project(folder: Path, nodes: int = 635, chapters: int = 12, seed: int = 4) -> Path:
    """A leanblueprint project of `nodes` nodes, each using up to four earlier ones."""
    rng = random.Random(seed)
    src = folder / "blueprint" / "src"
    (src / "chapter").mkdir(parents=True)
    shutil.copy(REPO / "sample_project" / "blueprint" / "src" / "plastex.cfg", src)
    (src / "web.tex").write_text(
        "\\documentclass{report}\n\\usepackage{amssymb, amsthm, amsmath}\n"
        "\\usepackage{hyperref}\n\\usepackage[capitalize]{cleveref}\n"
        "\\usepackage[dep_graph, thms=definition+lemma+proposition+theorem+corollary]"
        "{blueprint}\n"
        "\\newtheorem{theorem}{Theorem}[chapter]\n\\newtheorem{lemma}[theorem]{Lemma}\n"
        "\\newtheorem{corollary}[theorem]{Corollary}\n"
        "\\theoremstyle{definition}\\newtheorem{definition}[theorem]{Definition}\n"
        "\\title{Generated}\n\\begin{document}\n\\input{content}\n\\end{document}\n",
        encoding="utf-8",
    )
    labels: list[str] = []
    per_chapter = -(-nodes // chapters)
    content = []
    for chapter in range(chapters):
        content.append(f"\\input{{chapter/c{chapter}}}")
        lines = [f"\\chapter{{Chapter {chapter}}}\n", "Some prose with $x^2$ and \\emph{words}.\n"]
        for index in range(per_chapter):
            if len(labels) == nodes:
                break
            kind = "definition" if rng.random() < 0.2 else rng.choice(["lemma", "theorem"])
            label = f"{kind[:3]}:c{chapter}-n{index}"
            deps = rng.sample(labels[-60:], min(len(labels[-60:]), rng.randint(0, 4)))
            stated = rng.random() < 0.6
            lines.append(f"\\begin{{{kind}}}[Result {chapter}.{index}]\n\\label{{{label}}}")
            if deps:
                lines.append(f"\\uses{{{', '.join(deps[:1])}}}")
            lines.append(f"\\lean{{Gen.C{chapter}.result_{index}}}")
            if stated:
                lines.append("\\leanok")
            lines.append(f"For all $n \\in \\mathbb{{N}}$, result {index} holds.\n\\end{{{kind}}}")
            if kind != "definition":
                lines.append("\\begin{proof}")
                if deps[1:]:
                    lines.append(f"\\uses{{{', '.join(deps[1:])}}}")
                if stated and rng.random() < 0.6:
                    lines.append("\\leanok")
                lines.append("By the previous results and $a + b = c$.\n\\end{proof}\n")
            labels.append(label)
        (src / "chapter" / f"c{chapter}.tex").write_text("\n".join(lines), encoding="utf-8")
    (src / "content.tex").write_text("\n".join(content) + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- serving and timing


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _local_only(route: Any) -> None:
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


FRAMES_START = """() => {
  window.__frames = [];
  window.__recording = true;
  const tick = (t) => {
    window.__frames.push(t);
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""
FRAMES_STOP = """() => new Promise((resolve) => {
  requestAnimationFrame(() => {
    window.__recording = false;
    const f = window.__frames, d = [];
    for (let i = 1; i < f.length; i++) d.push(f[i] - f[i - 1]);
    resolve(d);
  });
})"""
FIRST_VIEW = """() => {
  const G = window.blueprintGraph;
  const chapters = Boolean(G.overview && G.overview.shown);
  return [chapters ? "chapters" : "graph", 12 * G.active.k];
}"""


def frame_times(page: Any, width: int, height: int) -> dict[str, list[float]]:
    """Frame durations (ms) with real input events: dragging the whole graph around, wheeling
    in and out, then dragging again zoomed in (labels readable)."""
    page.evaluate("window.blueprintGraph.vp.fitAll(); window.blueprintGraph.vp.flush()")
    page.wait_for_timeout(300)
    x, y = width * 0.35, height * 0.55
    phases: dict[str, list[float]] = {}

    def drag(name: str) -> None:
        page.evaluate(FRAMES_START)
        page.mouse.move(x, y)
        page.mouse.down()
        for step in range(40):
            page.mouse.move(x + 6 * step, y + 2 * step)
        page.mouse.up()
        page.wait_for_timeout(250)  # the drawing is made again when a gesture pauses
        phases[name] = page.evaluate(FRAMES_STOP)

    drag("pan")
    page.evaluate(FRAMES_START)
    for step in range(24):
        page.mouse.wheel(0, -100 if step < 12 else 100)
        page.wait_for_timeout(16)
    page.wait_for_timeout(250)
    phases["zoom"] = page.evaluate(FRAMES_STOP)
    page.evaluate(
        "const G = window.blueprintGraph; G.vp.set(G.vp.cx, G.vp.cy, 1); G.vp.flush()"
    )
    page.wait_for_timeout(300)
    drag("pan zoomed in")
    return phases


def measure_ours(browser: Any, url: str, runs: int) -> dict[str, Any]:
    """Time to interactive, click and hover latencies (desktop), the first view at a desktop
    and a phone size, and frame times while panning and zooming the whole graph."""
    ready, click, hover = [], [], []
    frames: dict[str, list[float]] = {}
    first: dict[str, tuple[str, float]] = {}
    for run in range(runs):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.route("**/*", _local_only)
        page = context.new_page()
        page.goto(url + "graph.html")
        page.wait_for_selector("html[data-graph-ready]", timeout=60_000)
        ready.append(page.evaluate("window.blueprintGraph.ready"))
        if run == 0:
            first["desktop"] = tuple(page.evaluate(FIRST_VIEW))  # type: ignore[assignment]
        click.append(
            page.evaluate(
                """() => new Promise((resolve) => {
                  const nodes = document.querySelectorAll("g.node");
                  const target = nodes[Math.floor(nodes.length / 2)];
                  const start = performance.now();
                  target.dispatchEvent(new MouseEvent("click", {bubbles: true}));
                  if (document.getElementById("panel").hidden) throw new Error("no panel");
                  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
                })"""
            )
        )
        hover.append(
            page.evaluate(
                """() => new Promise((resolve) => {
                  document.getElementById("panel-close").click();
                  const nodes = document.querySelectorAll("g.node");
                  const target = nodes[Math.floor(nodes.length / 3)];
                  const start = performance.now();
                  target.dispatchEvent(new PointerEvent("pointerover", {bubbles: true}));
                  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
                })"""
            )
        )
        if run == 0:
            page.goto(url + "graph.html?view=all")
            page.wait_for_selector("html[data-graph-ready]", timeout=60_000)
            frames = frame_times(page, 1600, 1000)
        context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    context.route("**/*", _local_only)
    page = context.new_page()
    page.goto(url + "graph.html")
    page.wait_for_selector("html[data-graph-ready]", timeout=60_000)
    first["phone"] = tuple(page.evaluate(FIRST_VIEW))  # type: ignore[assignment]
    context.close()
    return {
        "ready": statistics.median(ready),
        "click": statistics.median(click),
        "hover": statistics.median(hover),
        "frames": frames,
        "first": first,
    }


def frame_summary(frames: list[float]) -> str:
    if not frames:
        return "no frames"
    ordered = sorted(frames)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    slow = sum(f > 50 for f in frames)
    return (
        f"{len(frames)} frames: median {statistics.median(frames):.0f} ms, p95 {p95:.0f} ms, "
        f"max {max(frames):.0f} ms, {slow} over 50 ms ({100 * slow / len(frames):.0f}%)"
    )


def measure_leanblueprint(browser: Any, url: str, runs: int) -> tuple[float, int]:
    times, counts = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", _local_only)
        page = context.new_page()
        page.goto(url + "dep_graph_document.html", wait_until="commit")
        elapsed, count = page.evaluate(LEANBLUEPRINT_READY)
        times.append(elapsed)
        counts.append(count)
        context.close()
    return statistics.median(times), counts[0]


def build_leanblueprint(project: Path, plastex: str, work: Path) -> Path | None:
    """leanblueprint's web output for `project` (its blueprint/src copied into `work`)."""
    src = work / "src"
    shutil.copytree(project / "blueprint" / "src", src)
    config = (src / "plastex.cfg").read_text(encoding="utf-8")
    match = re.search(r"^\s*directory\s*=\s*(\S+)", config, re.MULTILINE)
    out = (src / (match.group(1) if match else "../web")).resolve()
    start = time.perf_counter()
    completed = subprocess.run(
        [plastex, "-c", "plastex.cfg", "--disable-images", "web.tex"],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    print(f"  leanblueprint (plastex) build: {time.perf_counter() - start:.1f} s")
    page = out / "dep_graph_document.html"
    if completed.returncode != 0 or not page.is_file():
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        print("  leanblueprint build failed:", *tail, sep="\n    ")
        return None
    return out


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(
        source.resolve(), target, ignore=shutil.ignore_patterns(".lake", ".git", ".blueprint-cache")
    )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--project", type=Path, action="append", default=[], help="a leanblueprint project"
    )
    parser.add_argument(
        "--nodes", type=int, action="append", default=[], help="a generated project's size"
    )
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the corpus blueprints (when the folder exists)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plastex", help="leanblueprint's plastex (default: found on PATH)")
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    plastex = options.plastex or shutil.which("plastex")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as temporary:
        work = Path(temporary)
        projects: list[tuple[str, Path]] = []
        for nodes in options.nodes or [635]:
            projects.append((f"generated {nodes}", generate_project(work / f"gen{nodes}", nodes)))
        if options.corpus.is_dir():
            for folder in sorted(options.corpus.iterdir()):
                if (folder / "reference.json").is_file() and folder.name != "LeanCamCombi":
                    projects.append((folder.name, copy_project(folder, work / folder.name)))
        for path in options.project:
            projects.append((path.name, copy_project(path, work / f"project-{path.name}")))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, project in projects:
                site = work / f"site-{len(rows)}"
                start = time.perf_counter()
                analysis = build(project, site, StatusSource.AUTO)
                built = time.perf_counter() - start
                size = (site / "graph.html").stat().st_size
                print(
                    f"{name}: {len(analysis.nodes)} nodes, {analysis.graph.number_of_edges()} "
                    f"edges; our build {built:.1f} s (layout included), graph.html "
                    f"{size / 1e6:.2f} MB"
                )
                width, height = graph_size(site / "graph.html")
                with serve(site) as url:
                    ours = measure_ours(browser, url, options.runs)
                for phase, durations in ours["frames"].items():
                    print(f"  {phase}: {frame_summary(durations)}")
                print(
                    f"  ours: interactive after {ours['ready']:.0f} ms (median of {options.runs} "
                    f"loads); click -> panel {ours['click']:.1f} ms; hover -> highlight "
                    f"{ours['hover']:.1f} ms"
                )
                theirs = (
                    build_leanblueprint(project, plastex, work / f"lb-{name}") if plastex else None
                )
                if theirs is not None:
                    with serve(theirs) as url:
                        elapsed, count = measure_leanblueprint(browser, url, options.runs)
                    print(
                        f"  leanblueprint: interactive after {elapsed:.0f} ms "
                        f"(median of {options.runs} loads, {count} nodes drawn)"
                    )
                rows.append((name, len(analysis.nodes), width / max(height, 1.0), ours))
            browser.close()
    print()
    print(
        "| project | nodes | aspect (w/h) | first view 1600×1000 | first view 390×844 "
        "| interactive | frames over 50 ms | slowest frame |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, nodes, aspect, ours in rows:
        frames = [f for phase in ours["frames"].values() for f in phase] or [0.0]
        slow = sum(f > 50 for f in frames)
        views = [
            f"{view}, labels {size:.0f} px"
            for view, size in (ours["first"][k] for k in ("desktop", "phone"))
        ]
        print(
            f"| {name} | {nodes} | {aspect:.1f} | {views[0]} | {views[1]} | {ours['ready']:.0f} ms "
            f"| {slow} of {len(frames)} | {max(frames):.0f} ms |"
        )


def graph_size(page: Path) -> tuple[float, float]:
    """The whole graph's layout size, from its SVG's viewBox."""
    match = re.search(r'<svg id="graph"[^>]* viewBox="([^"]+)"', page.read_text(encoding="utf-8"))
    assert match, "no graph in graph.html"
    _, _, width, height = (float(v) for v in match.group(1).split())
    return width, height


if __name__ == "__main__":
    main()
