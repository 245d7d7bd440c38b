"""Read the output of `lake build` (pure): which declarations use `sorry`.

Formats seen in real logs:

- `warning: ././././Foo/Bar.lean:12:8: declaration uses 'sorry'` (Lake, severity first)
- `Foo/Bar.lean:12:8: warning: declaration uses 'sorry'` (Lean itself)
- `⚠ [12/345] Built Foo.Bar (1.2s)`, `✔ [3/9] Built Foo`, `⚠ [5/9] Replayed Foo.Baz`,
  `✖ [7/9] Building Foo.Qux` (newer Lake: one status line per module, its
  messages below it)

For a file the log covers (it was built or replayed, or has a message), the
log's sorry warnings replace the textual guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from blueprint.lean.model import Declaration, LeanFile

_MSG_RE = re.compile(
    r"^(?:(?P<sev1>warning|error|info):\s+)?"
    r"(?P<file>(?:[A-Za-z]:)?[^:\n]*?\.lean):(?P<line>\d+):(?P<col>\d+):\s*"
    r"(?:(?P<sev2>warning|error|info):\s+)?(?P<msg>.*)$"
)
_STATUS_RE = re.compile(
    r"^(?P<mark>[✔⚠✖✗ℹ])?\s*\[(?P<n>\d+)/(?P<m>\d+)\]\s+"
    r"(?P<verb>Built|Replayed|Building|Compiling|Running|Checking|Fetching)\s+(?P<target>\S+)"
)
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
SORRY_MESSAGE = "declaration uses 'sorry'"


@dataclass
class LogMessage:
    file: str
    line: int
    column: int
    severity: str
    message: str


@dataclass
class BuildLog:
    """What a `lake build` log says."""

    sorries: set[tuple[str, int]] = field(default_factory=set)  # (file, line)
    messages: list[LogMessage] = field(default_factory=list)
    modules: dict[str, str] = field(default_factory=dict)  # module -> "Built" | "Replayed" ...
    failed: set[str] = field(default_factory=set)  # modules marked ✖

    @property
    def files(self) -> set[str]:
        return {m.file for m in self.messages}


def normalize_log_path(path: str, root: str = "") -> str:
    """`././././Foo/Bar.lean` or `/abs/root/Foo/Bar.lean` -> `Foo/Bar.lean`."""
    p = path.strip().replace("\\", "/")
    if root:
        r = root.replace("\\", "/").rstrip("/") + "/"
        if p.startswith(r):
            p = p[len(r) :]
    while p.startswith("./"):
        p = p[2:]
    return p


def parse_build_log(text: str, root: str = "") -> BuildLog:
    """Parse `lake build` output; unknown lines are ignored."""
    log = BuildLog()
    for raw in text.splitlines():
        line = _ANSI_RE.sub("", raw).strip()
        if not line:
            continue
        st = _STATUS_RE.match(line)
        if st is not None:
            target = st["target"]
            log.modules[target] = st["verb"]
            if st["mark"] in ("✖", "✗"):
                log.failed.add(target)
            continue
        m = _MSG_RE.match(line)
        if m is None:
            continue
        sev = m["sev1"] or m["sev2"] or "info"
        file = normalize_log_path(m["file"], root)
        msg = LogMessage(file, int(m["line"]), int(m["col"]), sev, m["msg"].strip())
        log.messages.append(msg)
        if msg.message.startswith(SORRY_MESSAGE):
            log.sorries.add((file, msg.line))
    return log


def _matches(log_file: str, file: str) -> bool:
    return log_file == file or log_file.endswith("/" + file) or file.endswith("/" + log_file)


def declaration_at(decls: Iterable[Declaration], line: int) -> Declaration | None:
    """The declaration whose command contains `line` (its main one, not a generated one)."""
    best: Declaration | None = None
    for d in decls:
        if d.start_line <= line <= d.end_line and (best is None or (
            best.generated and not d.generated) or (d.start_line > best.start_line)):
            best = d
    return best


def sorry_overrides(log: BuildLog, files: Iterable[LeanFile]) -> dict[str, bool]:
    """name -> has_sorry, for every declaration of a file the log covers.

    A file is covered when a status line names its module or a message names
    it; its declarations then use `sorry` exactly when the log says so
    (a generated name shares the verdict of its source command).
    """
    out: dict[str, bool] = {}
    msg_files = log.files
    for f in files:
        covered = f.module in log.modules or any(_matches(x, f.file) for x in msg_files)
        if not covered:
            continue
        lines = [ln for (x, ln) in log.sorries if _matches(x, f.file)]
        flagged: set[int] = set()
        for ln in lines:
            d = declaration_at(f.declarations, ln)
            if d is not None:
                flagged.add(d.start_line)
        for d in f.declarations:
            if d.name:
                out[d.name] = d.start_line in flagged
    return out


