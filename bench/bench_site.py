"""How fast the graph page becomes interactive and responds, in headless Chromium; against an
older version of blueprint and against leanblueprint, in the same run.

    python bench/bench_site.py                      # a generated 635-node project, the corpus
    python bench/bench_site.py --project ../brownian-motion --nodes 635 --nodes 5000
    python bench/bench_site.py --nodes 635 --nodes 5000 --baseline 5912e2d   # against a commit
    python bench/bench_site.py --plastex /tmp/lbvenv/bin/plastex   # leanblueprint's side too

For each project: the whole graph's aspect ratio (layout width / height); the first view at a
desktop (1600×1000) and a phone (390×844) size, the chapters' overview or the graph, and how
high a label is there (12 layout units × the scale); the time to interactive: the first frame
drawn after the page's own signal (the event blueprint:graph-ready at the end of its scripts),
that is when the page answers input; on the whole graph (graph.html?view=all), click -> panel
on the node in view nearest the middle and hover -> highlight on another, each until the next
frame is drawn; and frame times while panning and zooming with real input events (drags and
wheel turns, the whole graph in view after "Fit", then zoomed in by wheel turns until labels
are about 12 px high).

`--baseline REV` (a commit, or the folder of a checkout) builds every project with that
version of blueprint too (in a subprocess, its own modules on PYTHONPATH) and measures its
site with the same input events, then prints the ratios. Every figure is the median of
`--runs` fresh page loads; the load average of the machine is printed with each project (two
cores shared with other work make every figure slower, frames most).

leanblueprint's: the first frame at which its graph's nodes carry their click handlers
(d3-graphviz lays the graph out in the browser, then calls `interactive()`). Sites are served
over http://127.0.0.1, requests to any other host are refused (the CDN's MathJax is part of
no figure). leanblueprint's page needs leanblueprint (`pip install leanblueprint`, e.g. into
a venv) and `kpsewhich` (Debian: texlive-binaries); without them only our figures are printed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
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
  if (!G.active) return null;  // an older version
  const chapters = Boolean(G.overview && G.overview.shown);
  return [chapters ? "chapters" : "graph", 12 * G.active.k];
}"""
# performance.now() at the first frame drawn after the page's ready signal.
INTERACTIVE = """
window.addEventListener("blueprint:graph-ready", () => {
  requestAnimationFrame(() => setTimeout(() => { window.__interactive = performance.now(); }));
});
"""
# The nodes in view, nearest the middle of the drawing area first; `which` of them is the target.
PICK = """(which) => {
  const area = document.getElementById("graph").parentElement.getBoundingClientRect();
  const x = area.left + area.width / 2, y = area.top + area.height / 2;
  const seen = [];
  for (const node of document.querySelectorAll("#graph g.node")) {
    const r = node.getBoundingClientRect();
    if (r.width > 0 && r.left >= area.left && r.right <= area.right && r.top >= area.top &&
        r.bottom <= area.bottom) {
      seen.push([Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y), node]);
    }
  }
  seen.sort((a, b) => a[0] - b[0]);
  window.__target = seen.length ? seen[Math.min(which, seen.length - 1)][1] : null;
  return seen.length;
}"""
# Milliseconds from the event on the target to the frame drawn after it (`frames` of them).
RESPONSE = """([type, frames]) => new Promise((resolve) => {
  const start = performance.now();
  const Event = type === "click" ? MouseEvent : PointerEvent;
  window.__target.dispatchEvent(new Event(type, {bubbles: true}));
  if (type === "pointerover") {
    window.__target.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  }
  const after = (left) => requestAnimationFrame(() => left > 1 ? after(left - 1) :
    setTimeout(() => resolve(performance.now() - start)));
  after(frames);
})"""
CLOSE_PANEL = "() => { const x = document.getElementById('panel-close'); if (x) x.click(); }"
WHEEL_FACTOR = math.exp(100 / 300)  # one wheel turn of 100 pixels, in graph-view.js


def frame_times(page: Any, width: int, height: int, zoom_in: int) -> dict[str, list[float]]:
    """Frame durations (ms) with real input events: dragging the whole graph around, wheeling
    in and out, then `zoom_in` wheel turns in and dragging again (labels readable)."""
    page.click("#fit")
    page.wait_for_timeout(400)
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
    page.mouse.move(width * 0.45, height * 0.55)
    for _ in range(zoom_in):
        page.mouse.wheel(0, -100)
        page.wait_for_timeout(16)
    page.wait_for_timeout(400)
    drag("pan zoomed in")
    return phases


def turns_to_readable(layout: tuple[float, float], width: int, height: int) -> int:
    """Wheel turns from the whole graph in view to labels about 12 px high (scale 1)."""
    fit = min(width / max(layout[0], 1.0), height / max(layout[1], 1.0))
    return max(0, round(math.log(1 / fit) / math.log(WHEEL_FACTOR))) if fit < 1 else 0


def open_graph(browser: Any, url: str, width: int, height: int, phone: bool = False) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=phone)
    context.route("**/*", _local_only)
    context.add_init_script(INTERACTIVE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-graph-ready]", timeout=120_000)
    page.wait_for_function("window.__interactive !== undefined", timeout=120_000)
    return page


def measure_ours(browser: Any, url: str, runs: int, zoom_in: int) -> dict[str, Any]:
    """Time to interactive (the first view), the first view at a desktop and a phone size;
    on the whole graph, click and hover latencies and frame times while panning and zooming."""
    ready, click, hover = [], [], []
    frames: dict[str, list[float]] = {}
    first: dict[str, Any] = {}
    for run in range(runs):
        page = open_graph(browser, url + "graph.html", 1600, 1000)
        ready.append(page.evaluate("window.__interactive"))
        if run == 0:
            first["desktop"] = page.evaluate(FIRST_VIEW)
        page.context.close()
        page = open_graph(browser, url + "graph.html?view=all", 1600, 1000)
        page.wait_for_timeout(300)
        page.evaluate(PICK, 0)
        click.append(page.evaluate(RESPONSE, ["click", 1]))
        if page.is_hidden("#panel"):
            raise RuntimeError("a click on a node opened no panel")
        page.evaluate(CLOSE_PANEL)
        page.wait_for_timeout(300)
        page.evaluate(PICK, 3)
        hover.append(page.evaluate(RESPONSE, ["pointerover", 2]))
        if run == 0:
            page.mouse.move(5, 5)
            frames = frame_times(page, 1600, 1000, zoom_in)
        page.context.close()
    page = open_graph(browser, url + "graph.html", 390, 844, phone=True)
    first["phone"] = page.evaluate(FIRST_VIEW)
    page.context.close()
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


def slow_frames(ours: dict[str, Any]) -> tuple[int, int, float]:
    """Frames over 50 ms, frames, the slowest (ms), over every phase."""
    frames = [f for phase in ours["frames"].values() for f in phase] or [0.0]
    return sum(f > 50 for f in frames), len(frames), max(frames)


def load() -> float:
    """The machine's load average over the last minute."""
    return os.getloadavg()[0]


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


def baseline_checkout(baseline: str, work: Path) -> Path:
    """The folder of blueprint's sources to compare with: `baseline` itself when it is one,
    else that commit of this repository, extracted (no worktree is registered)."""
    if Path(baseline).is_dir():
        return Path(baseline).resolve()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", baseline],
        capture_output=True,
        check=True,
    ).stdout
    target = work / "baseline"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


BUILD_WITH = (
    "import sys; from pathlib import Path; from blueprint.build import build; "
    "from blueprint.model import StatusSource; "
    "build(Path(sys.argv[1]), Path(sys.argv[2]), StatusSource.AUTO)"
)


def build_with(checkout: Path, project: Path, out: Path) -> float:
    """Build `project` into `out` with the blueprint in `checkout`; the seconds it took."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", BUILD_WITH, str(project), str(out)],
        cwd=checkout,
        env=environment,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def ratio(before: float, after: float) -> str:
    return f"{before / after:.1f}x" if after > 0 else "-"


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
    parser.add_argument("--no-corpus", action="store_true", help="leave the corpus out")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plastex", help="leanblueprint's plastex (default: found on PATH)")
    parser.add_argument(
        "--baseline", help="a commit (or a checkout's folder) of blueprint to compare with"
    )
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    plastex = options.plastex or shutil.which("plastex")
    rows: list[tuple[str, int, float, dict[str, Any], dict[str, Any] | None]] = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as temporary:
        work = Path(temporary)
        checkout = baseline_checkout(options.baseline, work) if options.baseline else None
        projects: list[tuple[str, Path]] = []
        for nodes in options.nodes or [635]:
            projects.append((f"generated {nodes}", generate_project(work / f"gen{nodes}", nodes)))
        if options.corpus.is_dir() and not options.no_corpus:
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
                zoom_in = turns_to_readable((width, height), 1300, 850)
                before = load()
                with serve(site) as url:
                    ours = measure_ours(browser, url, options.runs, zoom_in)
                ours["load"] = f"{before:.1f}-{load():.1f}"
                report("ours", ours, options.runs)
                base = None
                if checkout is not None:
                    base_site = work / f"baseline-site-{len(rows)}"
                    copy = copy_project(project, work / f"baseline-project-{len(rows)}")
                    seconds = build_with(checkout, copy, base_site)
                    before = load()
                    with serve(base_site) as url:
                        base = measure_ours(browser, url, options.runs, zoom_in)
                    base["load"] = f"{before:.1f}-{load():.1f}"
                    print(f"  baseline ({options.baseline}) build {seconds:.1f} s")
                    report("baseline", base, options.runs)
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
                rows.append((name, len(analysis.nodes), width / max(height, 1.0), ours, base))
            browser.close()
    print()
    print(
        "| project | nodes | aspect (w/h) | first view 1600×1000 | first view 390×844 "
        "| interactive | click → panel | hover → highlight | frames over 50 ms | slowest frame "
        "| load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, nodes, aspect, ours, _ in rows:
        slow, count, slowest = slow_frames(ours)
        views = [
            f"{view}, labels {size:.0f} px"
            for view, size in (ours["first"][k] for k in ("desktop", "phone"))
        ]
        print(
            f"| {name} | {nodes} | {aspect:.1f} | {views[0]} | {views[1]} | {ours['ready']:.0f} ms "
            f"| {ours['click']:.0f} ms | {ours['hover']:.0f} ms | {slow} of {count} "
            f"| {slowest:.0f} ms | {ours['load']} |"
        )
    compared = [(name, nodes, ours, base) for name, nodes, _, ours, base in rows if base]
    if compared:
        print()
        print(
            f"Against {options.baseline} (baseline → ours, how many times faster), same input "
            "events, same run:"
        )
        print()
        print(
            "| project | nodes | interactive | click → panel | hover → highlight "
            "| frames over 50 ms | slowest frame | load |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for name, nodes, ours, base in compared:
            cells = [
                f"{base[key]:.0f} → {ours[key]:.0f} ms ({ratio(base[key], ours[key])})"
                for key in ("ready", "click", "hover")
            ]
            slow, count, slowest = slow_frames(ours)
            base_slow, base_count, base_slowest = slow_frames(base)
            print(
                f"| {name} | {nodes} | {' | '.join(cells)} | {base_slow} of {base_count} → "
                f"{slow} of {count} | {base_slowest:.0f} → {slowest:.0f} ms "
                f"| {base['load']}, {ours['load']} |"
            )


def report(who: str, figures: dict[str, Any], runs: int) -> None:
    for phase, durations in figures["frames"].items():
        print(f"  {who}, {phase}: {frame_summary(durations)}")
    print(
        f"  {who}: interactive after {figures['ready']:.0f} ms (median of {runs} loads); "
        f"click -> panel {figures['click']:.0f} ms; hover -> highlight {figures['hover']:.0f} ms "
        f"(load average {figures['load']})"
    )


def graph_size(page: Path) -> tuple[float, float]:
    """The whole graph's layout size, from its SVG's viewBox."""
    match = re.search(r'<svg id="graph"[^>]* viewBox="([^"]+)"', page.read_text(encoding="utf-8"))
    assert match, "no graph in graph.html"
    _, _, width, height = (float(v) for v in match.group(1).split())
    return width, height


if __name__ == "__main__":
    main()
