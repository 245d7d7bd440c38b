"""Build speed: ours against leanblueprint on real blueprints, and how cost grows with size.

    python bench/bench_build.py [--corpus tests/corpus] [--plastex PATH]
                                [--project PATH ...] [--sizes 100 500 1000 2000 5000]
                                [--repeat 3] [--blueprint COMMAND]

1. Real blueprints (tests/corpus): a cold `blueprint build` (no layout cache, the
   command as a user runs it) against leanblueprint's `plastex -c plastex.cfg
   --disable-images web.tex` on a copy of the same blueprint, in the same run, as a ratio.
   leanblueprint is found on PATH or given with --plastex (pip install leanblueprint, in a
   virtualenv; it needs `kpsewhich` from the Debian package texlive-binaries). Ours is this
   checkout pip-installed into a fresh virtualenv too, unless --blueprint says otherwise.
2. Generated projects with matching Lean trees: seconds per stage and peak memory.
3. Rebuilds of a pfr-sized project: nothing changed, and one status changed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synth import write_project  # noqa: E402
from tests.helpers import CORPUS  # noqa: E402

STAGES = ("read", "lean", "graph", "status", "layout", "render", "write")


# Both tools run as a user installs them: each in its own virtualenv, by pip, which compiles
# their bytecode. (Run from the checkout's editable install instead, ours would start slower:
# every distribution of a shared site-packages is scanned at start-up, and
# PYTHONDONTWRITEBYTECODE, if set, makes every run compile our sources anew.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def install_blueprint(folder: Path) -> str:
    """`pip install` of this checkout into a fresh virtualenv; the path of its command."""
    print(f"installing blueprint from {ROOT} into a fresh virtualenv…", flush=True)
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    installed = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if installed.returncode != 0:
        raise SystemExit(f"pip install failed (or use --blueprint):\n{installed.stderr}")
    return str(folder / "bin" / "blueprint")


def timed(command: list[str], cwd: Path | None = None) -> float:
    """Wall time of a command; a non-zero exit is fine (real blueprints have errors)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=False, capture_output=True)
    return time.perf_counter() - start


def ours_cold(blueprint: str, project: Path, out: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        shutil.rmtree(project / ".blueprint-cache", ignore_errors=True)
        times.append(timed([blueprint, "build", str(project), "-o", str(out)]))
        if not (out / "index.html").is_file():
            raise SystemExit(f"blueprint build {project} wrote no site")
    return min(times)


def ours_rebuild(blueprint: str, project: Path, out: Path, repeat: int) -> float:
    """A rebuild as a command with nothing changed: the caches of the last build kept."""
    return min(timed([blueprint, "build", str(project), "-o", str(out)]) for _ in range(repeat))


def leanblueprint(blueprint: Path, plastex: str, work: Path, repeat: int) -> float | None:
    times = []
    for _ in range(repeat):
        copy = work / "lb"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(blueprint, copy)
        times.append(timed([plastex, "-c", "plastex.cfg", "--disable-images", "web.tex"], copy))
        if not any(copy.parent.glob("**/dep_graph*.html")):
            return None
    return min(times)


def real_blueprints(
    blueprint: str, corpus: Path, projects: list[Path], plastex: str | None, repeat: int
) -> None:
    print(f"\n## Real blueprints: cold build, layout included (seconds, best of {repeat})\n")
    print("(rebuild: ours again as a command, nothing changed, its caches kept)\n")
    print(
        f"{'project':<24}{'nodes':>6}{'leanblueprint':>15}{'blueprint':>11}{'ratio':>8}"
        f"{'rebuild':>9}"
    )
    corpus_projects = (
        sorted(p for p in corpus.iterdir() if (p / "SOURCE.json").is_file())
        if corpus.is_dir()
        else []
    )
    for source in [*corpus_projects, *projects]:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            project = work / source.name
            if source in projects:  # a whole project: its Lean sources are scanned too
                shutil.copytree(source, project, ignore=shutil.ignore_patterns(*NOT_COPIED))
            else:  # the corpus holds blueprints only
                shutil.copytree(source / "blueprint", project / "blueprint")
            nodes = _node_count(blueprint, project)
            if not nodes:
                continue
            ours = ours_cold(blueprint, project, work / "site", repeat)
            again = ours_rebuild(blueprint, project, work / "site", repeat)
            src = project / "blueprint" / "src"
            theirs = (
                leanblueprint(src if src.is_dir() else project / "blueprint", plastex, work, repeat)
                if plastex
                else None
            )
            ratio = f"{theirs / ours:>7.1f}x" if theirs else "      -"
            theirs_text = f"{theirs:>15.2f}" if theirs else f"{'not run':>15}"
            print(f"{source.name:<24}{nodes:>6}{theirs_text}{ours:>11.2f}{ratio}{again:>9.2f}")


NOT_COPIED = (".git", ".lake", "site", ".blueprint-cache", "build", "web", "print")


def _node_count(blueprint: str, project: Path) -> int:
    exported = subprocess.run(
        [blueprint, "export", str(project), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    return len(json.loads(exported.stdout)["nodes"]) if exported.stdout else 0


STAGE_RUN = """
import json, resource, sys, time
from pathlib import Path
from blueprint.build import build
from blueprint.timings import Timings
timings = Timings()
start = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]), timings=timings)
total = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"stages": timings.seconds, "total": total, "peak_mb": peak / 1024}))
"""


def generated(sizes: list[int]) -> None:
    print("\n## Generated projects: cold build, seconds per stage\n")
    header = "".join(f"{s:>8}" for s in STAGES)
    print(f"{'nodes':>6}{header}{'total':>8}{'peak MB':>9}  layout")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder) / "project"
            write_project(project, size)
            result = subprocess.run(
                [sys.executable, "-c", STAGE_RUN, str(project), str(Path(folder) / "site")],
                check=True,
                capture_output=True,
                text=True,
            )
            data = json.loads(result.stdout)
            cells = "".join(f"{data['stages'].get(s, 0.0):>8.2f}" for s in STAGES)
            settings = _layout_settings(Path(folder) / "site" / "graph.html")
            print(f"{size:>6}{cells}{data['total']:>8.2f}{data['peak_mb']:>9.0f}  {settings}")


def _layout_settings(page: Path) -> str:
    """The settings the whole graph was laid out with (its drawing's `data-layout`)."""
    found = re.search(r'data-layout="([^"]*)"', page.read_text())
    return html.unescape(found.group(1)) if found else "?"


def rebuilds(blueprint: str, size: int, repeat: int) -> None:
    from blueprint.build import build

    print(f"\n## Rebuilds of a generated {size}-node project (seconds, median of {repeat})\n")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        planned = write_project(project, size)
        out = Path(folder) / "site"
        command = [blueprint, "build", str(project), "-o", str(out)]
        sorried = iter([n for n in planned if n.stated and not n.proved and n.env != "definition"])

        def prove_one() -> None:
            node = next(sorried)
            lean = project / "Synth" / f"Ch{node.chapter}.lean"
            marker = f"theorem decl_{node.index} "
            head, tail = lean.read_text().split(marker, 1)
            lean.write_text(head + marker + tail.replace("sorry", "omega", 1))

        def in_process() -> float:
            start = time.perf_counter()
            build(project, out)
            return time.perf_counter() - start

        cold = in_process()
        unchanged = [in_process() for _ in range(repeat)]
        status = [(prove_one(), in_process())[1] for _ in range(repeat)]
        unchanged_command = [timed(command) for _ in range(repeat)]
        status_command = [(prove_one(), timed(command))[1] for _ in range(repeat)]
    rows = [
        ("cold build, in process", [cold]),
        ("nothing changed, in process", unchanged),
        ("one status changed, in process", status),
        ("nothing changed, `blueprint build`", unchanged_command),
        ("one status changed, `blueprint build`", status_command),
    ]
    for name, seconds in rows:
        print(f"{name:<40}{statistics.median(seconds):.3f}")
    print("(a command includes starting Python and importing typer, rich and jinja2)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--plastex", default=shutil.which("plastex"))
    parser.add_argument(
        "--project",
        type=Path,
        action="append",
        default=[],
        help="a whole leanblueprint project (Lean sources included) to add to the real ones",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", nargs="*", default=[], choices=["real", "generated", "rebuild"])
    parser.add_argument(
        "--blueprint",
        help="the `blueprint` command to time (default: this checkout, pip-installed into a "
        "fresh virtualenv, as leanblueprint is)",
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        blueprint = args.blueprint or install_blueprint(Path(folder) / "venv")
        print(f"timing {blueprint}")
        if "real" not in args.skip and (args.corpus.is_dir() or args.project):
            real_blueprints(blueprint, args.corpus, args.project, args.plastex, args.repeat)
        if "generated" not in args.skip:
            generated(args.sizes)
        if "rebuild" not in args.skip:
            rebuilds(blueprint, 218, args.repeat)


if __name__ == "__main__":
    main()
