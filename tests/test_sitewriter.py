from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from blueprint.sitewriter import write_site


def test_site_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old", "static/a.css": b"a"}, out)
    write_site({"index.html": b"new"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["index.html"]
    assert (out / "index.html").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing left beside it


WRITER = """
import sys, time
from pathlib import Path
from blueprint import sitewriter
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
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
    write_site({"index.html": b"next"}, out)  # the next build cleans what the killed one left
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
