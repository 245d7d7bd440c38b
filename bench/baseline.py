"""Running a benchmark's commands with another revision's code, in the same run: the
baseline a change is measured against.

A baseline is a checkout of that revision (no install needed), e.g. main's:

    git archive main | tar -x -C /tmp/blueprint-main

`run` runs `python -P -m blueprint` with a code (PYTHONPATH puts it
before any installed one; `-P` keeps the working folder off the path, or a benchmark run from
a checkout would measure that checkout twice), and `call` runs a function of this
checkout's benchmark scripts with a code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def environment(baseline: Path | None) -> dict[str, str]:
    """The environment in which `command` runs the baseline's code (None: this checkout's).

    Python's bytecode is kept, as in a user's installation (pip compiles a package when it
    installs it): an environment that sets PYTHONDONTWRITEBYTECODE (this machine's does)
    would otherwise have every command compile all its modules again, 0.3-0.4 s of a cold
    build that no user pays. Each code has its own bytecode folder, so one revision never
    runs the other's; the first run of a benchmark writes it (benchmarks take the best of
    their repeats)."""
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    code = (baseline or ROOT).resolve()
    name = "ours" if baseline is None else "baseline-" + hashlib.sha1(
        str(code).encode()).hexdigest()[:12]
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "blueprint-bench-pyc" / name)
    env["PYTHONPATH"] = str(code)
    return env


def run(code: Path | None, *args: str, check: bool = False) -> subprocess.CompletedProcess[bytes]:
    """`python -P -m blueprint ARGS` with a code (None: ours), in `environment(code)`, from
    `neutral()`; its output captured."""
    return subprocess.run([sys.executable, "-P", "-m", "blueprint", *args],
                          env=environment(code), cwd=neutral(), capture_output=True,
                          check=check)


@functools.cache
def neutral() -> Path:
    """An empty folder to run commands from: a revision's own subprocesses (an older one's
    layout worker is started with `python -m`) would import a `blueprint` package of the
    working folder first."""
    return Path(tempfile.mkdtemp(prefix="blueprint-bench-cwd-"))


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
        [sys.executable, "-c", "\n".join(lines)], cwd=neutral(), capture_output=True,
        text=True, check=False, env=environment(code),
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise SystemExit(f"{module}.{function} ({code or 'ours'}) failed:\n{done.stderr[-2000:]}")


def load() -> str:
    """The load averages (1, 5 minutes) as the tables say them."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"
