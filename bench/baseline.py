"""Running a benchmark's commands with another revision's code, in the same run: the
baseline a change is measured against.

A baseline is a checkout of that revision (no install needed), e.g. main's:

    git archive main | tar -x -C /tmp/blueprint-main

`environment` runs `python -m blueprint` with its code (PYTHONPATH puts it before this
checkout's), and `call` runs a function of this checkout's benchmark scripts with its code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def environment(baseline: Path | None) -> dict[str, str] | None:
    """The environment in which `python -m blueprint` runs the baseline's code."""
    if baseline is None:
        return None
    return {**os.environ, "PYTHONPATH": str(baseline.resolve())}


def call(code: Path | None, module: str, function: str, project: Path, repeat: int) -> object:
    """`module.function(project, repeat)` of this checkout's benchmark scripts, run in a
    process of its own with the `blueprint` package of the baseline `code` (None: ours);
    its result (JSON-able)."""
    lines = ["import json, sys"]
    if code is not None:
        lines += [
            f"sys.path.insert(0, {str(code.resolve())!r})",
            "import blueprint  # the baseline's package: its modules are looked up in it",
            f"sys.path[0] = {str(ROOT)!r}  # this checkout's scripts and test helpers",
        ]
    lines += [
        f"from {module} import {function}",
        "from pathlib import Path",
        f"result = {function}(Path({str(project)!r}), {int(repeat)})",
        "print('RESULT ' + json.dumps(result))",
    ]
    done = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)], cwd=ROOT, capture_output=True, text=True,
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise SystemExit(f"{module}.{function} ({code or 'ours'}) failed:\n{done.stderr[-2000:]}")


def load() -> str:
    """The load averages (1, 5 minutes) as the tables say them."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"
