"""A diff written out: as text (a terminal or a CI log, 80 columns), as Markdown (a pull
request's comment, from the template `diff.md`) and as JSON.

`prepare` turns a `BlueprintDiff` into what the text and the Markdown show, in the same
sections, in the same order; the JSON keeps the diff's own structure.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

import jinja2

from blueprint.analysis.tasks import Progress, TaskKind, percent
from blueprint.diff.compare import BlueprintDiff, Regression, RegressionKind
from blueprint.history.state import NodeState, ProjectState
from blueprint.vocabulary import vocabulary

#: the hidden line that opens every Markdown report: how the workflow finds its own comment
MARKER = "<!-- blueprint-diff -->"
#: the most lines a section shows; the rest are counted
SHOWN = 40
MARKDOWN_TEMPLATE = "diff.md"

#: what a regression's line says, before the names it concerns
REGRESSION_WORDS = {
    RegressionKind.STATEMENT: "statement no longer formalized",
    RegressionKind.PROOF: "proof no longer formalized",
    RegressionKind.SORRY: "sorry brought back in",
    RegressionKind.LEAN_NAME: "declared nowhere now:",
    RegressionKind.LABEL: "{uses} names nothing:",  # in the words of the blueprint's format
    RegressionKind.NODE_REMOVED: "removed",
    RegressionKind.EDGE_REMOVED: "no longer uses",
    RegressionKind.CYCLE: "new dependency cycle:",
}


@dataclass(frozen=True)
class Revision:
    label: str  # `main`, `merge base with origin/main`, `working tree`
    sha: str | None  # None: changes not committed

    @property
    def short(self) -> str:
        return self.sha[:7] if self.sha else ""

    @property
    def named(self) -> bool:
        """Whether the label says more than the commit's sha."""
        return not (self.sha and self.sha.startswith(self.label) and len(self.label) >= 4)


@dataclass(frozen=True)
class Line:
    """One node in a section."""

    node_id: str
    title: str  # plain words ("" when untitled)
    note: str  # what more there is to say, in plain words
    codes: tuple[str, ...] = ()  # labels or Lean names the note is about, shown as code
    url: str | None = None  # the node on the published site


@dataclass(frozen=True)
class Section:
    key: str  # its name in the JSON
    heading: str
    lines: tuple[Line, ...]
    hidden: int = 0  # lines left out (beyond SHOWN)
    count: int = 0  # what the heading counts (regressions: a line may say two of a node)


@dataclass(frozen=True)
class Count:
    words: str
    before: int
    after: int
    total_before: int
    total_after: int

    def shown(self, side: str) -> str:
        value, total = ((self.before, self.total_before) if side == "before"
                        else (self.after, self.total_after))
        if self.words == "nodes":
            return str(value)
        return f"{value} ({percent(value, total)}%)"


@dataclass(frozen=True)
class Report:
    base: Revision
    head: Revision
    summary: str
    counts: tuple[Count, ...]
    sections: tuple[Section, ...]
    regressions: int
    picture_url: str | None = None


def prepare(diff: BlueprintDiff, base: Revision, head: Revision, site_url: str | None = None,
            picture_url: str | None = None,
            words: Callable[[str], str] = lambda tex: tex) -> Report:
    """What the text and the Markdown say. `words` turns a title in TeX into plain words
    (`texhtml.tex_text`); nodes get links when `site_url` is known."""
    after, before = diff.after, diff.before

    def line(node_id: str, note: str = "", codes: Sequence[str] = (),
             side: ProjectState = after) -> Line:
        node = side.by_id.get(node_id)
        url = node_url(site_url, node_id) if site_url and side is after else None
        return Line(node_id, _title(node, words), note, tuple(codes), url)

    def section(key: str, heading: str, lines: Sequence[Line], count: int = -1) -> Section:
        return Section(key, heading, tuple(lines[:SHOWN]), max(0, len(lines) - SHOWN),
                       len(lines) if count < 0 else count)

    regressions: list[Line] = []
    for regression in diff.regressions:
        entry = _regression_line(regression, line, before, after)
        last = regressions[-1] if regressions else None
        if last and last.node_id == entry.node_id and not last.codes:  # one line a node
            entry = replace(last, note=f"{last.note}; {entry.note}", codes=entry.codes)
            regressions[-1] = entry
        else:
            regressions.append(entry)
    sections = [
        section("regressions", "Regressions", regressions, len(diff.regressions)),
        section("proved", "Proofs formalized", [line(i) for i in diff.proved]),
        section("stated", "Statements formalized", [line(i) for i in diff.stated]),
        section("fully_proved", "Fully proved, with everything they use",
                [line(i) for i in diff.fully_proved]),
        section("ready", "Newly ready", [
            line(t.node_id, _task_note(t.kind, t.unlocks, t.dependents), t.unlocks)
            for t in diff.ready
        ]),
        section("names_gone", "Lean names the project no longer declares", [
            line(gone.node_id, "a dependency may declare", gone.names)
            for gone in diff.names_gone
        ]),
        section("added_nodes", "Nodes added", [line(i) for i in diff.added_nodes]),
        section("relabelled", "Nodes relabelled", [
            line(r.after, "was", (r.before,)) for r in diff.relabelled
        ]),
        # Removed nodes, and removed uses between nodes that are still there, are
        # regressions; the uses of removed nodes went with them (the JSON lists them all).
        section("added_edges", "Uses added", [
            line(e.target, f"{e.kind.value} uses", (e.source,)) for e in diff.added_edges
        ]),
    ]
    return Report(
        base=base,
        head=head,
        summary=summary(diff),
        counts=_counts(*diff.progress),
        sections=tuple(s for s in sections if s.lines),
        regressions=len(diff.regressions),
        picture_url=picture_url,
    )


def summary(diff: BlueprintDiff) -> str:
    """One line: what matters most first."""
    if not diff.changed:
        return "no change to the blueprint"
    parts = []
    for count, one, many in (
        (len(diff.regressions), "regression", "regressions"),
        (len(diff.proved), "proof formalized", "proofs formalized"),
        (len(diff.stated), "statement formalized", "statements formalized"),
        (len(diff.fully_proved), "node fully proved", "nodes fully proved"),
        (len(diff.ready), "task newly ready", "tasks newly ready"),
        (len(diff.added_nodes), "node added", "nodes added"),
        (len(diff.removed_nodes), "node removed", "nodes removed"),
        (sum(len(g.names) for g in diff.names_gone), "Lean name no longer in the project",
         "Lean names no longer in the project"),
    ):
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    edges = len(diff.added_edges) + len(diff.removed_edges)
    if not parts and edges:
        parts.append(f"{edges} {'use' if edges == 1 else 'uses'} changed")
    return ", ".join(parts) or "progress counts changed"


def node_url(site_url: str, node_id: str) -> str:
    """The node on the site's graph page (its permalink)."""
    return f"{site_url.rstrip('/')}/graph.html#{quote(node_id, safe='')}"


def _title(node: NodeState | None, words: Callable[[str], str]) -> str:
    if node is None or not node.title:
        return ""
    return words(node.title)


def _regression_line(regression: Regression, line: Callable[..., Line],
                     before: ProjectState, after: ProjectState) -> Line:
    kind, names = regression.kind, regression.names
    note = REGRESSION_WORDS[kind].format(uses=vocabulary(after.format).uses)
    if kind is RegressionKind.NODE_REMOVED:
        return line(regression.node_id, note, side=before)
    if kind is RegressionKind.CYCLE:
        return line(regression.node_id, f"{note} {' → '.join([*names, names[0]])}")
    return line(regression.node_id, note, names)


def _task_note(kind: TaskKind, unlocks: Sequence[str], dependents: int) -> str:
    verb = "state" if kind is TaskKind.STATE else "prove"
    if unlocks:
        return f"ready to {verb}; then ready:"
    if dependents:
        needs = "node needs" if dependents == 1 else "nodes need"
        return f"ready to {verb}; {dependents} {needs} it"
    return f"ready to {verb}"


def _counts(before: Progress, after: Progress) -> tuple[Count, ...]:
    return tuple(
        Count(words, getattr(before, key), getattr(after, key), before.nodes, after.nodes)
        for key, words in (("nodes", "nodes"), ("stated", "statements formalized"),
                           ("proved", "proofs formalized"), ("fully_proved", "fully proved"))
    )


# ---------------------------------------------------------------- text


def text_report(report: Report, width: int = 80) -> str:
    """Plain lines of at most `width` columns (a label or a name longer than that excepted):
    readable in a terminal, a pipe and a CI log."""
    out = [*textwrap.wrap(_revisions_line(report), width, subsequent_indent="  "),
           *textwrap.wrap(f"Summary: {report.summary}", width, subsequent_indent="  "), ""]
    column = max(len(c.words) for c in report.counts)
    for count in report.counts:
        change = count.after - count.before
        delta = f"  ({change:+d})" if change else ""
        out.append(f"  {count.words:<{column}}  {count.shown('before'):>10} → "
                   f"{count.shown('after'):<10}{delta}".rstrip())
    for section in report.sections:
        out += ["", f"{section.heading} ({section.count})"]
        for entry in section.lines:
            out += _wrapped(entry, width)
        if section.hidden:
            out.append(f"  … and {section.hidden} more")
    return "\n".join(out) + "\n"


def _revisions_line(report: Report) -> str:
    def side(revision: Revision) -> str:
        if not revision.sha:
            return revision.label
        if not revision.named:
            return revision.short
        return f"{revision.label} ({revision.short})"

    return f"Blueprint changes from {side(report.base)} to {side(report.head)}"


def _wrapped(entry: Line, width: int) -> list[str]:
    words = [entry.node_id]
    if entry.title:
        words.append(f"“{entry.title}”")
    if entry.note:
        words.append(f"— {entry.note}" if entry.title else entry.note)
    words += [", ".join(entry.codes)] if entry.codes else []
    return textwrap.wrap(" ".join(words), width=width, initial_indent="  ",
                         subsequent_indent="      ", break_long_words=False,
                         break_on_hyphens=False) or ["  " + entry.node_id]


# ---------------------------------------------------------------- Markdown

# The characters that make Markdown or HTML (or math, on GitHub) in running text, escaped
# with a backslash; `@` and `#` get an invisible space too, so that a title mentions nobody
# and no issue.
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>&|~!$#@])")


def markdown_text(text: str) -> str:
    """Words shown as they are: no Markdown, no HTML, no mention, on one line."""
    escaped = _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))
    return escaped.replace("\\@", "\\@\u200b").replace("\\#", "\\#\u200b")


def markdown_code(text: str) -> str:
    """A code span holding `text` as it is, whatever backticks it has."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown_url(url: str) -> str:
    """A URL safe inside `(...)` of a Markdown link or image."""
    return re.sub(r"[\s()<>\"'\\`]", lambda m: f"%{ord(m.group()):02X}", url)


def markdown_report(report: Report, env: jinja2.Environment | None = None) -> str:
    """The pull request's comment: a summary line, the counts, then collapsible sections."""
    env = env or markdown_environment()
    return env.get_template(MARKDOWN_TEMPLATE).render(report=report, marker=MARKER)


def markdown_environment() -> jinja2.Environment:
    from blueprint.site.assets import TEMPLATE_DIR

    # No HTML escaping: the template writes Markdown, and every text from the project goes
    # through `md` or `code`, which make it inert there.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["code"] = markdown_code
    env.filters["url"] = markdown_url
    return env


# ---------------------------------------------------------------- JSON


def json_report(diff: BlueprintDiff, base: Revision, head: Revision,
                site_url: str | None = None, picture: str | None = None,
                words: Callable[[str], str] = lambda tex: tex) -> dict[str, object]:
    """The diff for scripts: every list whole (no SHOWN limit), ids as in the blueprint."""
    after, before = diff.after, diff.before

    def node(node_id: str, side: ProjectState = after) -> dict[str, object]:
        state = side.by_id.get(node_id)
        return {
            "id": node_id,
            "title": _title(state, words) or None,
            "url": node_url(site_url, node_id) if site_url and side is after else None,
        }

    def counts(row: Progress) -> dict[str, int]:
        return {"nodes": row.nodes, "stated": row.stated, "proved": row.proved,
                "fully_proved": row.fully_proved}

    old, new = diff.progress
    return {
        "base": {"label": base.label, "sha": base.sha},
        "head": {"label": head.label, "sha": head.sha},
        "summary": summary(diff),
        "progress": {
            "before": counts(old),
            "after": counts(new),
            "chapters": [
                {"title": words(c.label), "before": counts(c.before) if c.before else None,
                 "after": counts(c.after) if c.after else None}
                for c in diff.chapters
            ],
        },
        "stated": [node(i) for i in diff.stated],
        "proved": [node(i) for i in diff.proved],
        "fully_proved": [node(i) for i in diff.fully_proved],
        "ready": [
            {**node(t.node_id), "kind": t.kind.value, "unlocks": list(t.unlocks),
             "dependents": t.dependents, "main_results": t.main_results}
            for t in diff.ready
        ],
        "regressions": [
            {**node(r.node_id, before if r.kind is RegressionKind.NODE_REMOVED else after),
             "kind": r.kind.value, "names": list(r.names)}
            for r in diff.regressions
        ],
        "names_gone": [{**node(gone.node_id), "names": list(gone.names)}
                       for gone in diff.names_gone],
        "nodes": {
            "added": [node(i) for i in diff.added_nodes],
            "removed": [node(i, before) for i in diff.removed_nodes],
            "relabelled": [{"before": r.before, "after": r.after} for r in diff.relabelled],
        },
        "edges": {
            "added": [{"source": e.source, "target": e.target, "kind": e.kind.value}
                      for e in diff.added_edges],
            "removed": [{"source": e.source, "target": e.target, "kind": e.kind.value}
                        for e in diff.removed_edges],
        },
        "picture": picture,
    }
