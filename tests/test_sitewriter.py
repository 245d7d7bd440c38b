from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blueprint.build import build
from blueprint.outputs import MANIFEST, manifest
from blueprint.site import writer as sitewriter
from blueprint.site.writer import write_site
from tests.conftest import REPO, SAMPLE_PROJECT


def test_site_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old", "static/a.css": b"a"}, out)
    write_site({"index.html": b"new"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        MANIFEST,
        "index.html",
    ]
    assert (out / "index.html").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing left beside it


def test_files_the_same_as_an_earlier_sites_are_linked_not_written(tmp_path: Path) -> None:
    """A watch session's rebuild: the files whose bytes did not change are the previous
    build's (hard links), the others are written; each folder reads as its own site."""
    first = {"index.html": b"one", "graph.html": b"drawn", "static/a.css": b"a"}
    write_site(first, tmp_path / "1")
    second = {"index.html": b"two", "graph.html": b"drawn", "static/a.css": b"a"}
    write_site(second, tmp_path / "2", earlier=(tmp_path / "1", first))
    for name, content in second.items():
        assert (tmp_path / "2" / name).read_bytes() == content
        same = os.stat(tmp_path / "1" / name).st_ino == os.stat(tmp_path / "2" / name).st_ino
        assert same == (first[name] == content)
    assert (tmp_path / "1" / "index.html").read_bytes() == b"one"
    shutil.rmtree(tmp_path / "1")  # the earlier site pruned: the new one stays whole
    assert (tmp_path / "2" / "graph.html").read_bytes() == b"drawn"
    # an earlier site gone before the write: every file is written
    write_site(second, tmp_path / "3", earlier=(tmp_path / "1", first))
    assert (tmp_path / "3" / "static" / "a.css").read_bytes() == b"a"


WRITER = """
import json, sys, time
from pathlib import Path
from blueprint.site import writer as sitewriter
original = Path.write_bytes
def slow(self, data):
    time.sleep(0.01)
    return original(self, data)
Path.write_bytes = slow
files = {f"page{i}.html": b"new" for i in range(400)}
print("started", flush=True)
sitewriter.write_site(files, Path(sys.argv[1]))
"""


def test_killing_a_build_mid_write_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    old = {f"page{i}.html": b"old" for i in range(50)}
    write_site(old, out)
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(out)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "started"
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {**old, MANIFEST: manifest(old)}
    write_site({"index.html": b"next"}, out)  # the next build cleans what the killed one left
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


# -- killing a real build -------------------------------------------------------------------

PAUSING_BUILD = """
import json, sys, time
from pathlib import Path
from blueprint.site import writer as sitewriter
from blueprint.build import build
from blueprint.timings import Timings

project, out, stop_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
seen = []

def checkpoint(name):
    seen.append(name)
    if len(seen) == stop_at:
        print("paused at", name, flush=True)
        time.sleep(600)  # until killed

write_bytes, exchange, rename = Path.write_bytes, sitewriter._exchange, Path.rename

def writing(self, data):
    result = write_bytes(self, data)
    checkpoint("write " + self.name)
    return result

def exchanging(a, b):
    done = exchange(a, b)
    checkpoint("swapped")
    return done

def renaming(self, target):
    result = rename(self, target)
    checkpoint("renamed " + self.name)
    return result

Path.write_bytes = writing
Path.rename = renaming
sitewriter._exchange = lambda a, b: False if "--no-exchange" in sys.argv else exchanging(a, b)
build(project, out, timings=Timings(on_stage=lambda stage: checkpoint("stage " + stage)))
print("done", json.dumps(seen), flush=True)
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A copy of the sample project, and the site it makes before and after an edit."""
    root = tmp_path_factory.mktemp("kill")
    project = root / "sample"
    shutil.copytree(SAMPLE_PROJECT, project, ignore=shutil.ignore_patterns(".blueprint-cache"))
    build(project, root / "old")
    web = project / "blueprint" / "src" / "web.tex"
    web.write_text(web.read_text(encoding="utf-8").replace("\\title{", "\\title{New: "), "utf-8")
    build(project, root / "new")
    return project, snapshot(root / "old"), snapshot(root / "new")


def run_paused(project: Path, out: Path, stop_at: int, *flags: str) -> str:
    """Run a real build that stops at its `stop_at`-th checkpoint; kill it there. What it said."""
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSING_BUILD, str(project), str(out), str(stop_at), *flags],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None
    said = process.stdout.readline().strip()
    process.kill()
    process.wait()
    process.stdout.close()
    return said


def checkpoints(project: Path, out: Path, old: dict[str, bytes], *flags: str) -> list[str]:
    """The checkpoints of a build over an existing site, in order."""
    write_site(old, out)
    said = run_paused(project, out, 10**9, *flags)
    assert said.startswith("done "), said
    names: list[str] = json.loads(said.removeprefix("done "))
    return names


def test_killing_a_real_build_at_any_step_leaves_a_whole_site(
    tmp_path: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    project, old, new = sites
    out = tmp_path / "site"
    names = checkpoints(project, out, old)
    assert len(names) > len(new) + 8 and "swapped" in names  # stages, files, the swap
    swap = names.index("swapped") + 1
    steps = {1, 4, len(names) // 2, swap - 1, swap}  # stages, mid-write, around the swap
    steps |= set(random.Random(7).sample(range(1, len(names) + 1), 3))
    for step in sorted(steps):
        write_site(old, out)
        said = run_paused(project, out, step)
        assert said == f"paused at {names[step - 1]}", (step, said)
        assert snapshot(out) == (new if step >= swap else old), (step, said)
    write_site(new, out)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # what the killed builds left is gone


def test_killed_between_the_renames_of_the_fallback_swap_the_next_build_restores(
    tmp_path: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    """Where renameat2 is missing the swap is two renames: a kill between them leaves the
    previous site beside an empty place; the next write puts it back before anything else."""
    project, old, _ = sites
    out = tmp_path / "site"
    names = checkpoints(project, out, old, "--no-exchange")
    step = names.index("renamed site") + 1  # the previous site moved away, the new not in
    write_site(old, out)
    assert run_paused(project, out, step, "--no-exchange") == "paused at renamed site"
    assert not out.exists()
    sitewriter._remove_leftovers(out)
    assert snapshot(out) == old
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_killing_the_real_cli_at_random_moments_leaves_a_whole_site(
    tmp_path: Path, sites: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    project, old, new = sites
    out = tmp_path / "site"
    command = [sys.executable, "-m", "blueprint", "build", str(project), "--out", str(out)]
    began = time.monotonic()
    subprocess.run(command, capture_output=True, check=False, cwd=REPO)
    duration = time.monotonic() - began  # a whole run, interpreter start included
    rng = random.Random(11)
    outcomes = []
    for _ in range(3):
        write_site(old, out)
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO
        )
        time.sleep(rng.uniform(0.2, 0.95) * duration)
        process.kill()
        outcomes.append(process.wait())
        assert snapshot(out) in (old, new)
    assert -signal.SIGKILL in outcomes  # killed before it finished, not after
