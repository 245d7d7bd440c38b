"""Progress over time: a small git repository built commit after commit in a temporary folder,
its counts, the cache, the chart, the recently finished nodes and the pace."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blueprint.analysis.tasks import Progress, progress
from blueprint.build import analyze, build
from blueprint.history.cache import HistoryCache, from_json, to_json
from blueprint.history.git import Commit, parse_log, parse_tree, sample
from blueprint.history.model import History
from blueprint.history.series import (
    WEEK,
    Point,
    Verdict,
    pace,
    recently_finished,
    series,
)
from blueprint.history.snapshot import Snapshot, Snapshotter, State
from blueprint.history.walk import collect_history
from blueprint.lean.project import find_lean_files, select_lean_files
from blueprint.model import StatusSource
from blueprint.site.chart import make_chart, nice_scale, time_ticks
from blueprint.site.history import render_history_page
from tests.conftest import copy_sample, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

WEB = r"""\documentclass{report}
\usepackage{amsthm}
\usepackage{blueprint}
\begin{document}
\chapter{First}
\input{%s}
\end{document}
"""

A = r"""\begin{definition}\label{A}%s
An A.
\end{definition}
"""
B = r"""\begin{lemma}\label{B}\uses{A}%s%s
B holds.
\end{lemma}
\begin{proof}%s
Easy.
\end{proof}
"""
C = r"""\begin{theorem}\label{C}\uses{B}%s
C holds.
\end{theorem}
\begin{proof}\uses{B}%s
By B.
\end{proof}
"""
LAKEFILE = """name = "demo"
defaultTargets = ["Demo"]

[[lean_lib]]
name = "Demo"
"""


def day(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


class GitRepo:
    """A repository made commit by commit, with fixed dates and a local identity."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        self.git("init", "-q")
        self.git("config", "user.name", "Ada Tester")
        self.git("config", "user.email", "ada@example.org")
        self.git("config", "commit.gpgsign", "false")
        self.shas: dict[str, str] = {}

    def git(self, *args: str, when: str | None = None) -> str:
        env = {**os.environ}
        if when is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+00:00"
        done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                              text=True, check=True, env=env)
        return done.stdout.strip()

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, name: str, when: str, message: str | None = None) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message or name, when=when)
        self.shas[name] = self.git("rev-parse", "HEAD")
        return self.shas[name]


def content(a: bool = False, b: bool = False, b_proof: bool = False, c: bool = False,
            c_proof: bool = False, lean: bool = False) -> str:
    ok = r"\leanok"
    return (
        A % (ok if a else "")
        + B % (r"\lean{b_thm}" if lean else "", ok if b else "", ok if b_proof else "")
        + C % ((r"\lean{c_thm}" if lean else "") + (ok if c else ""), ok if c_proof else "")
    )


def lean_files(repo: GitRepo, sorry: bool, module: str = "Basic") -> None:
    repo.write("lakefile.toml", LAKEFILE)
    repo.write("Demo.lean", f"import Demo.{module}\n")
    proof = "sorry" if sorry else "trivial"
    repo.write(f"Demo/{module}.lean",
               f"theorem b_thm : True := {proof}\n\ntheorem c_thm : True := trivial\n")


@dataclass
class Built:
    repo: GitRepo
    cache: Path


def make_history(tmp_path: Path) -> Built:
    """Nine commits: before the blueprint, annotations, a broken file, renames, then Lean."""
    repo = GitRepo(tmp_path / "project")
    repo.write("README.md", "A project.\n")
    repo.commit("c0-no-blueprint", "2024-01-01")
    repo.write("blueprint/src/web.tex", WEB % "content")
    repo.write("blueprint/src/content.tex", content())
    repo.commit("c1-blueprint", "2024-01-08")
    repo.write("blueprint/src/content.tex", content(a=True, b=True))
    repo.commit("c2-a-done", "2024-01-15")
    repo.write("blueprint/src/content.tex", content(a=True, b=True).replace(r"\end{lemma}", ""))
    repo.commit("c3-broken", "2024-01-22")
    repo.write("blueprint/src/content.tex", content(a=True, b=True, b_proof=True))
    repo.commit("c4-b-done", "2024-01-29")
    repo.git("mv", "blueprint/src/content.tex", "blueprint/src/one.tex")
    repo.write("blueprint/src/web.tex", WEB % "one")
    repo.commit("c5-renamed", "2024-02-05")
    lean_files(repo, sorry=True)
    repo.write("blueprint/src/one.tex", content(a=True, b=True, b_proof=True, c=True,
                                                c_proof=True, lean=True))
    repo.commit("c6-lean", "2024-02-12")
    lean_files(repo, sorry=False)
    repo.commit("c7-no-sorry", "2024-02-19", "Prove b_thm")
    repo.git("mv", "Demo/Basic.lean", "Demo/Core.lean")
    repo.write("Demo.lean", "import Demo.Core\n")
    repo.commit("c8-lean-moved", "2024-02-26")
    return Built(repo, tmp_path / "cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return make_history(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def history(built: Built) -> History:
    return collect_history(built.repo.root, cache_dir=built.cache)


def counts(history: History, name: str, repo: GitRepo) -> tuple[int, ...] | State:
    snapshot = history.snapshots[repo.shas[name]]
    if snapshot.state is not State.OK:
        return snapshot.state
    row = snapshot.row()
    assert row is not None
    return row.nodes, row.stated, row.proved, row.fully_proved


# ------------------------------------------------------------------ counts per commit


def test_counts_at_each_commit(history: History, built: Built) -> None:
    repo = built.repo
    expected: dict[str, tuple[int, ...] | State] = {
        "c0-no-blueprint": State.ABSENT,
        # a definition not formalized is not done, whatever leanblueprint's colour says
        "c1-blueprint": (3, 0, 0, 0),
        "c2-a-done": (3, 2, 1, 1),
        "c3-broken": State.BROKEN,
        "c4-b-done": (3, 2, 2, 2),
        "c5-renamed": (3, 2, 2, 2),  # content.tex moved: same counts
        "c6-lean": (3, 3, 2, 1),  # Lean: b_thm has sorry despite \leanok, c_thm is proved
        "c7-no-sorry": (3, 3, 3, 3),
        "c8-lean-moved": (3, 3, 3, 3),  # Demo/Basic.lean moved to Demo/Core.lean
    }
    assert {name: counts(history, name, repo) for name in expected} == expected
    sources = [history.snapshots[repo.shas[n]].source for n in ("c5-renamed", "c6-lean")]
    assert sources == ["annotations", "lean"]
    assert history.stats is not None
    assert (history.stats.chain, history.stats.sampled) == (9, 9)


def test_a_broken_commit_is_a_gap_with_its_reason(history: History, built: Built) -> None:
    broken = history.snapshots[built.repo.shas["c3-broken"]]
    assert broken.state is State.BROKEN
    assert "blueprint/src/content.tex" in broken.message
    assert "never closed" in broken.message
    points = series(history)
    assert [p.gap for p in points].count(True) == 1
    assert points[0].commit.sha == built.repo.shas["c1-blueprint"]  # before it: no point


def test_the_counts_are_those_of_a_build_of_a_checkout(history: History, built: Built,
                                                       tmp_path: Path) -> None:
    """The git-object pipeline agrees with `analyze` on a checkout of the same commit."""
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(built.repo.root), str(checkout)], check=True)
    for name in ("c2-a-done", "c5-renamed", "c6-lean", "c8-lean-moved"):
        sha = built.repo.shas[name]
        subprocess.run(["git", "-C", str(checkout), "checkout", "-q", "--detach", sha],
                       check=True)
        analysis = analyze(checkout)
        assert history.snapshots[sha].rows == tuple(progress(analysis.nodes, analysis.statuses))


def test_every_and_since_sample_the_chain(built: Built) -> None:
    every = collect_history(built.repo.root, every=4, cache_dir=None)
    names = {sha: name for name, sha in built.repo.shas.items()}
    assert [names[c.sha] for c in every.commits] == ["c0-no-blueprint", "c4-b-done",
                                                      "c8-lean-moved"]
    since = collect_history(built.repo.root, since=day("2024-02-12"), cache_dir=None)
    assert [names[c.sha] for c in since.commits] == ["c6-lean", "c7-no-sorry", "c8-lean-moved"]


def test_annotations_only_when_asked(built: Built) -> None:
    found = collect_history(built.repo.root, status_source=StatusSource.ANNOTATIONS,
                            cache_dir=None)
    assert counts(found, "c6-lean", built.repo) == (3, 3, 3, 3)  # \leanok everywhere


def test_a_project_in_a_subfolder_and_a_bare_clone(tmp_path: Path, built: Built) -> None:
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(built.repo.root), str(bare)], check=True)
    found = collect_history(bare, cache_dir=None)
    assert counts(found, "c8-lean-moved", built.repo) == (3, 3, 3, 3)
    outer = GitRepo(tmp_path / "outer")
    outer.write("sub/blueprint/src/web.tex", WEB % "content")
    outer.write("sub/blueprint/src/content.tex", content(a=True))
    outer.write("blueprint/src/web.tex", "not this one")
    outer.commit("one", "2024-03-01")
    inside = collect_history(outer.root / "sub", cache_dir=None)
    assert counts(inside, "one", outer) == (3, 1, 1, 1)


def test_without_git_history(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    found = collect_history(plain, cache_dir=None)
    assert not found.available
    assert "not in a git repository" in found.reason


# ------------------------------------------------------------------ cache


def test_a_second_run_reads_nothing_and_a_new_commit_only_itself(tmp_path: Path) -> None:
    made = make_history(tmp_path)
    first = collect_history(made.repo.root, cache_dir=made.cache)
    assert first.stats is not None and first.stats.computed == 9
    assert len(list(made.cache.glob("*.json"))) == 9
    second = collect_history(made.repo.root, cache_dir=made.cache)
    assert second.stats is not None
    assert (second.stats.cached, second.stats.computed, second.stats.objects_read) == (9, 0, 0)
    assert second.snapshots == first.snapshots
    made.repo.write("Demo/Core.lean", "theorem b_thm : True := trivial\n"
                    "theorem c_thm : True := by sorry\n")
    made.repo.commit("c9-new", "2024-03-04")
    third = collect_history(made.repo.root, cache_dir=made.cache)
    assert third.stats is not None
    assert (third.stats.cached, third.stats.computed) == (9, 1)
    assert counts(third, "c9-new", made.repo) == (3, 3, 2, 2)


def test_snapshots_at_hand_are_not_read_again(built: Built) -> None:
    first = collect_history(built.repo.root, cache_dir=None)
    again = collect_history(built.repo.root, cache_dir=None, known=first.snapshots)
    assert again.stats is not None and first.stats is not None
    assert (again.stats.cached, again.stats.objects_read) == (9, 0)
    assert again.snapshots == first.snapshots


def test_the_working_tree_ends_the_history_when_its_counts_differ(history: History,
                                                                   built: Built) -> None:
    """Watch mode: the files as they are now are the newest point, unless HEAD says the same."""
    from blueprint.history.model import WORKING_TREE
    from blueprint.live.history import with_working_tree, working_tree

    now = day("2024-03-01")
    clean = working_tree(analyze(built.repo.root))  # the working tree is HEAD's
    assert clean == history.snapshots[built.repo.shas["c8-lean-moved"]]
    assert with_working_tree(history, clean, now) is history
    edited = Snapshot(State.OK, source="lean",
                      rows=(Progress("All", 4, 3, 3, 3), Progress("First", 4, 3, 3, 3)),
                      finished=clean.finished, stated=clean.stated)
    longer = with_working_tree(history, edited, now)
    assert [c.sha for c in longer.commits] == [*(c.sha for c in history.commits), WORKING_TREE]
    assert history.commits[-1].sha != WORKING_TREE  # the walked history is left alone
    last = series(longer)[-1]
    assert last.time == now and last.counts == Progress("All", 4, 3, 3, 3)


def test_a_cache_entry_of_other_rules_is_not_used(tmp_path: Path) -> None:
    snapshot = Snapshot(State.OK, source="lean", rows=(Progress("All", 2, 1, 1, 0),),
                        finished=frozenset({"x"}), stated=frozenset({"x"}))
    HistoryCache(tmp_path, "rules-1").put("abc", snapshot)
    assert HistoryCache(tmp_path, "rules-1").get("abc") == snapshot
    assert HistoryCache(tmp_path, "rules-2").get("abc") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert HistoryCache(tmp_path, "rules-1").get("bad") is None
    assert from_json(json.loads(json.dumps(to_json(snapshot)))) == snapshot


def test_blobs_are_scanned_once_across_commits() -> None:
    files = {"lakefile.toml": "lake", "Demo.lean": "root", "Demo/Basic.lean": "basic",
             "blueprint/src/web.tex": "web", "blueprint/src/content.tex": "content"}
    blobs = {"lake": LAKEFILE, "root": "import Demo.Basic\n",
             "basic": "theorem b_thm : True := trivial\ntheorem c_thm : True := trivial\n",
             "web": WEB % "content", "content": content(a=True, lean=True),
             "content2": content(lean=True)}
    reads: list[str] = []

    def read(oid: str) -> bytes:
        reads.append(oid)
        return blobs[oid].encode()

    snapshotter = Snapshotter()
    first = snapshotter.snapshot(files, read)
    second = snapshotter.snapshot({**files, "blueprint/src/content.tex": "content2"}, read)
    assert first.state is second.state is State.OK
    assert snapshotter.scanned == 2  # the two Lean files, once
    assert reads.count("basic") == 1 and reads.count("root") == 1
    assert first.finished == {"A", "B", "C"} and second.finished == {"B", "C"}


# ------------------------------------------------------------------ git output


def test_parse_log_reads_nul_separated_records() -> None:
    data = (b"a" * 40 + b"\0" + b"\0" + b"1700000000\0Ada\0first\0"
            + b"b" * 40 + b"\0" + b"a" * 40 + b" " + b"c" * 40 + b"\0"
            + b"1700000100\0B\xc3\xa9a\0Merge: x\0")
    first, merge = parse_log(data)
    assert first == Commit("a" * 40, (), 1700000000, "Ada", "first")
    assert merge.parents == ("a" * 40, "c" * 40) and merge.author == "Béa"


def test_parse_tree_reads_raw_entries() -> None:
    data = (b"100644 web.tex\0" + bytes(range(20)) + b"40000 chapter\0" + bytes([255] * 20)
            + b"160000 sub\0" + bytes(20))
    entries = parse_tree(data)
    assert [(e.mode, e.name) for e in entries] == [("100644", "web.tex"),
                                                   ("40000", "chapter"), ("160000", "sub")]
    assert entries[0].oid == bytes(range(20)).hex() and entries[1].oid == "ff" * 20


def _commits(count: int) -> list[Commit]:
    return [Commit(f"{i:040x}", (), i, "a", "s") for i in range(count)]


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=7),
       st.integers(min_value=0, max_value=20))
def test_sampling_keeps_old_samples_when_commits_arrive(count: int, every: int,
                                                        more: int) -> None:
    before = sample(_commits(count), every)
    after = sample(_commits(count + more), every)
    assert before[-1].time == count - 1  # the newest is always there
    kept = [c for c in before if c.time % every == 0]
    assert kept == [c for c in after if c.time < count and c.time % every == 0]


def test_select_lean_files_picks_what_find_lean_files_finds(tmp_path: Path) -> None:
    paths = ["lakefile.lean", "Main.lean", "A/B.lean", ".lake/packages/x/X.lean",
             "build/ir/Y.lean", ".hidden/Z.lean", "src/lakefile.lean", "src/C.lean",
             "notes.txt", "A/.git/D.lean"]
    for path in paths:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("")
    for dirs in ([""], ["src"], ["src", "A"]):
        assert select_lean_files(paths, dirs) == find_lean_files(tmp_path, dirs), dirs


# ------------------------------------------------------------------ series, finished, pace


def test_recently_finished_names_the_commit_that_turned_each_node_green(
    history: History, built: Built
) -> None:
    found = [(f.node_id, f.commit.sha, f.commit.author, f.commit.subject)
             for f in recently_finished(history)]
    shas = built.repo.shas
    # B went back to unfinished with the sorry of c6, and was finished again by c7
    assert found == [
        ("B", shas["c7-no-sorry"], "Ada Tester", "Prove b_thm"),
        ("C", shas["c6-lean"], "Ada Tester", "c6-lean"),
        ("A", shas["c2-a-done"], "Ada Tester", "c2-a-done"),
    ]


def point(t: int, nodes: int, stated: int, proved: int, fully: int | None = None,
          gap: bool = False) -> Point:
    commit = Commit(f"{t:040x}", (), t, "a", "s")
    counts = None if gap else Progress("All", nodes, stated, proved,
                                       proved if fully is None else fully)
    return Point(t, commit, counts, gap)


def test_pace_and_the_forecast_net_of_growth() -> None:
    start = day("2024-01-01")
    points = [point(start + k * WEEK, 100 + 2 * k, 40 + 5 * k, 20 + 6 * k) for k in range(9)]
    found = pace(points, weeks=4)
    assert found is not None
    assert (found.weeks, found.proved_per_week, found.nodes_per_week) == (4, 6, 2)
    assert found.remaining == 116 - 68
    assert found.verdict is Verdict.FORECAST
    # 48 nodes left, closing at 6 - 2 = 4 a week: 12 weeks after the last commit
    assert found.finish == points[-1].time + 12 * WEEK
    assert [w.proved for w in found.last_weeks] == [6] * 8
    assert found.last_weeks[0].end == points[-1].time


@pytest.mark.parametrize(
    ("proved_step", "nodes_step", "verdict"),
    [(0, 0, Verdict.STALLED), (3, 3, Verdict.GROWING), (3, 5, Verdict.GROWING)],
)
def test_no_finish_date_when_it_means_nothing(proved_step: int, nodes_step: int,
                                              verdict: Verdict) -> None:
    points = [point(k * WEEK, 100 + nodes_step * k, 50, 10 + proved_step * k)
              for k in range(6)]
    found = pace(points)
    assert found is not None and found.verdict is verdict and found.finish is None


def test_pace_of_a_finished_or_very_young_project() -> None:
    done = pace([point(0, 5, 5, 5), point(3 * WEEK, 5, 5, 5)])
    assert done is not None and done.verdict is Verdict.DONE
    young = pace([point(0, 5, 1, 1), point(2 * 24 * 3600, 6, 2, 2)])
    assert young is not None and young.verdict is Verdict.TOO_SHORT
    assert pace([point(0, 0, 0, 0, gap=True)]) is None


# ------------------------------------------------------------------ chart


def test_chart_puts_the_points_at_the_right_places() -> None:
    """x spans the commits' times, y the counts (axis top 10 for at most 10 nodes)."""
    points = [point(0, 4, 1, 0), point(100, 4, 2, 1), point(200, 0, 0, 0, gap=True),
              point(300, 10, 5, 5), point(400, 10, 5, 5)]
    chart = make_chart(points, "T", width=448, height=156)
    assert chart is not None
    # plot box: x from 48 to 432 (384 wide: 0.96 per second), y from 128 (0) up to 28 (10)
    assert (chart.left, chart.right, chart.top, chart.bottom) == (48, 432, 28, 128)
    lines = {line.key: line for line in chart.lines}
    # nodes: 4 at t=0 and t=100 (held), then a gap, then 10 from t=300 held to t=400
    assert lines["nodes"].path == "M48,88 H144 M336,28 H432"
    # stated: 1 at t=0, 2 at t=100 (a step), gap, 5 from t=300
    assert lines["stated"].path == "M48,118 H144 V108 M336,78 H432"
    assert lines["proved"].last == 5
    assert chart.gaps == ((144.0, 336.0),)
    assert [t.label for t in chart.y_ticks] == ["0", "2", "4", "6", "8", "10"]


def test_chart_renders_an_svg_without_scripts(history: History) -> None:
    from blueprint.site.chart import standalone_svg

    chart = make_chart(series(history), "Progress <over> time")
    assert chart is not None
    svg = standalone_svg(chart)
    assert svg.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    assert "<script" not in svg and "Progress &lt;over&gt; time" in svg
    ElementTree.fromstring(svg)  # well-formed: the file opens on its own (no `--` in a comment)
    for line in chart.lines:
        assert f'd="{line.path}"' in svg
    assert svg.count('class="gap"') == 1


def test_axis_scales() -> None:
    assert nice_scale(0) == (1, 1)
    assert nice_scale(7) == (8, 2)
    assert nice_scale(218) == (250, 50)
    assert nice_scale(1000) == (1000, 200)
    assert [label for _, label in time_ticks(day("2024-01-03"), day("2024-01-20"), 6)] == [
        "2024-01-08", "2024-01-15"]
    months = time_ticks(day("2023-11-15"), day("2025-06-01"), 6)
    assert [label for _, label in months] == ["2024-01", "2024-07", "2025-01"]  # 20 months
    years = time_ticks(day("2015-03-01"), day("2024-06-01"), 6)
    assert [label for _, label in years] == ["2016", "2018", "2020", "2022", "2024"]


# ------------------------------------------------------------------ site and CLI


def test_build_with_history_adds_the_page(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(built.repo.root, out, history=True)
    page = (out / "history.html").read_text()
    assert "<svg" in page and "Recently finished" in page
    assert 'href="graph.html#B"' in page and "Prove b_thm" in page
    assert "do not parse" in page and "never closed" in page
    assert (out / "history.svg").read_text().startswith("<svg")
    assert 'href="history.html"' in (out / "index.html").read_text()  # in the navigation
    plain = tmp_path / "plain"
    build(built.repo.root, plain)
    assert not (plain / "history.html").exists()
    assert 'href="history.html"' not in (plain / "index.html").read_text()


def test_build_without_git_history_says_so(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    out = tmp_path / "site"
    build(project, out, StatusSource.ANNOTATIONS, history=True)
    page = (out / "history.html").read_text()
    assert 'id="no-history"' in page and "not in a git repository" in page
    assert not (out / "history.svg").exists()


def test_no_local_path_of_the_building_machine_is_in_the_site(tmp_path: Path) -> None:
    """A site is published: the folders it was built in are nobody's business. The sample in
    a temporary folder is no git repository, which the history page says, naming no path."""
    project = copy_sample(tmp_path)
    out = tmp_path / "site"
    done = run_cli("build", str(project.resolve()), "-o", str(out), "--history", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    local = {str(tmp_path.resolve()), str(tmp_path), str(Path.home()) + "/"}
    files = [path for path in out.rglob("*") if path.is_file()]
    assert any(path.name == "history.html" for path in files)
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert not [folder for folder in local if folder in text], path


def test_the_page_needs_the_base_context() -> None:
    from blueprint.site.history import HistoryView
    from blueprint.site.render import _environment

    with pytest.raises(ValueError, match="math_json"):
        render_history_page(_environment(), {"title": "t", "version": "1"},
                            HistoryView(False, "none"))


def test_cli_history(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "h.json"
    svg = tmp_path / "h.svg"
    done = run_cli("history", str(built.repo.root), "--cache-dir", str(tmp_path / "c"),
                   "--json", str(out), "--svg", str(svg), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"9 commits \(9 read, 0 from the cache\)", done.stdout)
    assert "1 without a blueprint, 1 that do not parse" in done.stdout
    assert re.search(r"Recently finished:\n  B  2024-02-19  Ada Tester\n", done.stdout)
    data = json.loads(out.read_text())
    assert [c["state"] for c in data["commits"]].count("ok") == 7
    assert svg.read_text().startswith("<svg")
    again = run_cli("history", str(built.repo.root), "--cache-dir", str(tmp_path / "c"),
                    cwd=tmp_path)
    assert "(0 read, 9 from the cache)" in again.stdout
    bad = run_cli("history", str(built.repo.root), "--since", "last week", cwd=tmp_path)
    assert bad.returncode == 2


def test_cli_history_reads_at_80_columns_and_its_json_is_plain_text(tmp_path: Path) -> None:
    """Every commit that changed a count, not only the last; lines that fit a CI log; chapter
    titles in words, not TeX."""
    repo = GitRepo(tmp_path / "project")
    repo.write("blueprint/src/web.tex", (WEB % "content").replace(
        r"\chapter{First}", r"\chapter{Towards 100\% of \emph{everything}}"))
    for number, (name, flags) in enumerate([("start", {}), ("a", {"a": True}),
                                            ("b", {"a": True, "b": True}),
                                            ("b-proof", {"a": True, "b": True,
                                                         "b_proof": True})]):
        repo.write("blueprint/src/content.tex", content(**flags))
        repo.commit(name, f"2024-03-{number + 1:02d}")
    out = tmp_path / "h.json"
    done = run_cli("history", str(repo.root), "--cache-dir", str(tmp_path / "c"), "--json",
                   str(out), cwd=tmp_path, columns=80)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in done.stdout
    rows = [line for line in lines if re.match(r"│ 2024-03-0\d", line)]
    assert [row[2:12] for row in rows] == ["2024-03-01", "2024-03-02", "2024-03-03",
                                           "2024-03-04"]
    assert "2 (67%)" in rows[-1] and "0 (0%)" in rows[0]
    data = json.loads(out.read_text(encoding="utf-8"))
    last = data["commits"][-1]
    assert last["chapters"][0]["title"] == "Towards 100% of everything"
    assert last["total"] == {"nodes": 3, "stated": 2, "proved": 2, "fully_proved": 2}
    assert "\\" not in out.read_text(encoding="utf-8")


def test_cli_without_history_fails_briefly(tmp_path: Path) -> None:
    done = run_cli("history", str(tmp_path), "--cache-dir", str(tmp_path / "c"), cwd=tmp_path)
    assert done.returncode == 1
    assert "no history" in done.stderr and "Traceback" not in done.stderr



def test_lean_formalization_is_that_of_lean_status(tmp_path: Path) -> None:
    from blueprint.analysis.lean_status import lean_formalization, lean_status

    project = copy_sample(tmp_path)
    analysis = analyze(project, StatusSource.LEAN)
    assert analysis.lean_project is not None
    full = lean_status(analysis.nodes, analysis.graph, analysis.lean_project)
    assert lean_formalization(analysis.nodes, analysis.lean_project) == full.formalization


def test_the_page_escapes_what_commits_say() -> None:
    """Subjects, authors and chapter titles come from anyone who can push: escaped."""
    from blueprint.site.history import history_view
    from blueprint.site.render import _environment

    hostile = "<script>alert(1)</script>"
    commits = [Commit(f"{k:040x}", (), day("2024-01-01") + k * WEEK, f"<b>{k}</b>", hostile)
               for k in range(3)]
    rows = [(Progress("All", 2, 0, 0, 0), Progress(hostile, 2, 0, 0, 0)),
            (Progress("All", 2, 1, 1, 1), Progress(hostile, 2, 1, 1, 1)),
            (Progress("All", 2, 2, 2, 2), Progress(hostile, 2, 2, 2, 2))]
    finished = [frozenset(), frozenset({"x<y"}), frozenset({"x<y", '"z"'})]
    history = History(True, commits=commits, snapshots={
        c.sha: Snapshot(State.OK, source="annotations", rows=r, finished=f, stated=f)
        for c, r, f in zip(commits, rows, finished, strict=True)
    })
    env = _environment()
    view = history_view(env, history, {"x<y": "graph.html#x%3Cy"}, "https://github.com/o/r")
    context = {"title": "T", "version": "1", "math_json": "{}", "has_history": True}
    html = render_history_page(env, context, view).decode()
    assert "<script>alert" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="graph.html#x%3Cy"' in html and "&#34;z&#34;" in html
    assert f'href="https://github.com/o/r/commit/{commits[2].sha}"' in html


# ------------------------------------------------------------------ watch


def test_history_ends_with_the_working_tree_and_follows_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`watch` with history: the history page's newest point is the working tree after each
    rebuild (as the progress page), the git walk is not done again for an edit, and a commit,
    which changes no watched file, brings the history up to date by itself."""
    import blueprint.history.walk as walk
    from tests.helpers import watching

    walks: list[str] = []
    collect = walk.collect_history

    def counted(*args: object, **kwargs: object) -> object:
        walks.append(str(kwargs.get("rev")))
        return collect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(walk, "collect_history", counted)
    repo = GitRepo(tmp_path / "project")
    repo.write(".gitignore", ".blueprint-cache/\n")
    repo.write("blueprint/src/web.tex", WEB % "content")
    repo.write("blueprint/src/content.tex", content())
    repo.commit("one", "2024-01-01")
    repo.write("blueprint/src/content.tex", content(a=True, b=True))
    repo.commit("two", "2024-01-08")
    with watching(repo.root, history=True, head_poll=0.1) as state:
        page = state.get("/history.html")
        assert "2 commits from 2024-01-01 to 2024-01-08" in page
        assert "working tree" not in page  # the files are those of HEAD
        assert walks == [repo.shas["two"]]

        # B's proof, saved, not committed: the newest point is the working tree
        repo.write("blueprint/src/content.tex", content(a=True, b=True, b_proof=True))
        page = page_with(state, "then the changes not committed yet")
        assert "<strong>2 of 3</strong> nodes fully proved, 2 proofs" in page  # as progress
        assert "<strong>2 of 3</strong> nodes are fully formalized" in state.get("/progress.html")
        finished = page[page.index('id="finished"'):page.index('id="numbers"')]
        assert '<code>B</code>' in finished and "<em>working tree</em>" in finished
        assert "Not committed yet" in finished
        assert walks == [repo.shas["two"]]  # an edit does not walk the commits again

        # committed: no file changes, yet the page follows
        repo.commit("three", "2024-01-15", "Prove B")
        page = page_with(state, "3 commits from 2024-01-01 to 2024-01-15")
        state.wait_rebuilds(3)  # reported just after the new site is served: wait for it
        assert "working tree" not in page and "Prove B" in page
        assert walks == [repo.shas["two"], repo.shas["three"]]
        rebuilds = len(state.rebuilds)
        time.sleep(0.5)  # HEAD stays: no more rebuilds
        assert len(state.rebuilds) == rebuilds and all(r.ok for r in state.rebuilds)


def page_with(state: Any, text: str, timeout: float = 20.0) -> str:
    """The history page once it says `text`."""
    deadline = time.monotonic() + timeout
    while text not in (page := state.get("/history.html")):
        assert time.monotonic() < deadline, f"the history page never said {text!r}"
        time.sleep(0.05)
    return page
