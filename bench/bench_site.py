"""How fast the graph page becomes interactive, ours against leanblueprint's, in headless Chromium.

    python bench/bench_site.py                      # a generated 635-node project
    python bench/bench_site.py --project ../brownian-motion
    python bench/bench_site.py --plastex /tmp/lbvenv/bin/plastex   # leanblueprint's side too

Ours: the page's own signal (window.blueprintGraph.ready, performance.now() at the end of
graph.js), then click -> panel and hover -> highlight latencies. leanblueprint's: the first
frame at which its graph's nodes carry their click handlers (d3-graphviz lays the graph out in
the browser, then calls `interactive()`). Both sites are served over http://127.0.0.1, requests
to any other host are refused (the CDN's MathJax is not part of either figure), and each figure
is the median of several fresh page loads.

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


def measure_ours(browser: Any, url: str, runs: int) -> dict[str, float]:
    ready, click, hover = [], [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", _local_only)
        page = context.new_page()
        page.goto(url + "graph.html")
        page.wait_for_function("window.blueprintGraph !== undefined", timeout=60_000)
        ready.append(page.evaluate("window.blueprintGraph.ready"))
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
        context.close()
    return {
        "ready": statistics.median(ready),
        "click": statistics.median(click),
        "hover": statistics.median(hover),
    }


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a leanblueprint project (default: generated)")
    parser.add_argument("--nodes", type=int, default=635, help="size of the generated project")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plastex", help="leanblueprint's plastex (default: found on PATH)")
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-site-") as temporary:
        work = Path(temporary)
        if options.project:
            project = work / "project"
            shutil.copytree(
                options.project.resolve(),
                project,
                ignore=shutil.ignore_patterns(".lake", ".git", ".blueprint-cache"),
            )
        else:
            project = generate_project(work / "project", options.nodes)
        start = time.perf_counter()
        analysis = build(project, work / "site", StatusSource.AUTO)
        built = time.perf_counter() - start
        size = (work / "site" / "graph.html").stat().st_size
        print(
            f"{project.name if options.project is None else options.project.name}: "
            f"{len(analysis.nodes)} nodes, {analysis.graph.number_of_edges()} edges; "
            f"our build {built:.1f} s (layout included), graph.html {size / 1e6:.2f} MB"
        )
        plastex = options.plastex or shutil.which("plastex")
        theirs = build_leanblueprint(project, plastex, work / "lb") if plastex else None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            with serve(work / "site") as url:
                ours = measure_ours(browser, url, options.runs)
            print(
                f"ours:          interactive after {ours['ready']:.0f} ms "
                f"(median of {options.runs} loads); click -> panel {ours['click']:.1f} ms; "
                f"hover -> highlight {ours['hover']:.1f} ms"
            )
            if theirs is not None:
                with serve(theirs) as url:
                    elapsed, count = measure_leanblueprint(browser, url, options.runs)
                print(
                    f"leanblueprint: interactive after {elapsed:.0f} ms "
                    f"(median of {options.runs} loads, {count} nodes drawn)"
                )
            else:
                print("leanblueprint: not measured (no plastex; pip install leanblueprint)")
            browser.close()


if __name__ == "__main__":
    main()
