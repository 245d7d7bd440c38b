"""`history` and `diff` on a Verso Blueprint and on a LeanArchitect blueprint: each commit is
read from git objects through the build's format dispatch (`readers.read`), with the same
counts a build of a checkout of that commit gives, and `diff` says what a change did in the
words of the format. Small repositories made commit by commit here (tests/test_history.py's
`GitRepo`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from blueprint.analysis.tasks import progress
from blueprint.build import analyze, build
from blueprint.config import BlueprintFormat
from blueprint.diff.compare import RegressionKind, compare
from blueprint.diff.report import Revision, prepare, text_report
from blueprint.diff.revisions import read_sides
from blueprint.history.series import series
from blueprint.history.snapshot import State
from blueprint.history.walk import collect_history
from tests.conftest import run_cli
from tests.test_history import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

# ------------------------------------------------------------------ a Verso Blueprint

VERSO_LAKEFILE = """name = "Tiny"
defaultTargets = ["Tiny"]

[[require]]
name = "VersoBlueprint"
git = "https://github.com/leanprover/verso-blueprint"
rev = "v4.33.0"

[[lean_lib]]
name = "Tiny"

[[lean_exe]]
name = "blueprint-gen"
root = "TinyMain"
"""
VERSO_MAIN = """import VersoManual
import Tiny.Blueprint

def main (args : List String) : IO UInt32 :=
  Verso.Genre.Manual.manualMain (%doc Tiny.Blueprint) args
"""
VERSO_BOOK = """import VersoManual
import VersoBlueprint
import Tiny.Chapter

open Verso.Genre Manual

#doc (Manual) "Tiny" =>

{include 0 Tiny.Chapter}
"""
VERSO_CHAPTER = """import VersoManual
import VersoBlueprint

open Verso.Genre Manual
open Informal

#doc (Manual) "Doubling" =>

:::definition "double_def" (lean := "Tiny.double")
The double of $`n` is $`n + n`.
:::

:::theorem "double_eq" (lean := "Tiny.double_eq")
{uses "double_def"}[The double] of $`n` is $`2n`.
:::

:::proof "double_eq"
Unfold and compute.
:::
%s"""
VERSO_MORE = """
:::corollary "double_pos" (lean := "Tiny.double_pos") (uses := "double_eq, %s")
The double of a positive number is positive.
:::
"""


def tiny_lean(sorry: bool, more: bool = False) -> str:
    proof = "sorry" if sorry else "by unfold double; omega"
    extra = ("\ntheorem double_pos (n : Nat) (h : 0 < n) : 0 < double n := by\n"
             "  unfold double; omega\n") if more else ""
    return (f"namespace Tiny\n\ndef double (n : Nat) : Nat := n + n\n\n"
            f"theorem double_eq (n : Nat) : double n = 2 * n := {proof}\n{extra}\nend Tiny\n")


def verso_repo(root: Path) -> GitRepo:
    """v1: two nodes, the proof a `sorry`; v2: proved; v3: a node that uses double_eq and a
    label that names nothing; v4: the Lean code put in a submodule that is not checked out."""
    repo = GitRepo(root)
    repo.write("lakefile.toml", VERSO_LAKEFILE)
    repo.write("TinyMain.lean", VERSO_MAIN)
    repo.write("Tiny.lean", "import Tiny.Basic\n")
    repo.write("Tiny/Blueprint.lean", VERSO_BOOK)
    repo.write("Tiny/Chapter.lean", VERSO_CHAPTER % "")
    repo.write("Tiny/Basic.lean", tiny_lean(sorry=True))
    repo.commit("v1", "2025-03-03")
    repo.write("Tiny/Basic.lean", tiny_lean(sorry=False))
    repo.commit("v2", "2025-03-10")
    repo.write("Tiny/Chapter.lean", VERSO_CHAPTER % (VERSO_MORE % "nowhere"))
    repo.write("Tiny/Basic.lean", tiny_lean(sorry=False, more=True))
    repo.commit("v3", "2025-03-17")
    return repo


@pytest.fixture(scope="module")
def verso(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return verso_repo(tmp_path_factory.mktemp("verso") / "tiny")


def rows_of_checkouts(repo: GitRepo, names: list[str], folder: Path) -> dict[str, tuple]:
    """What `analyze` gives for a checkout of each commit: the progress rows."""
    checkout = folder / "checkout"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(checkout)], check=True)
    rows = {}
    for name in names:
        subprocess.run(["git", "-C", str(checkout), "checkout", "-q", "--detach",
                        repo.shas[name]], check=True)
        analysis = analyze(checkout, cache_dir=folder / "cache")
        rows[name] = tuple(progress(analysis.nodes, analysis.statuses))
    return rows


def totals(repo: GitRepo, history: object, name: str) -> tuple[int, ...] | State:
    snapshot = history.snapshots[repo.shas[name]]  # type: ignore[attr-defined]
    if snapshot.state is not State.OK:
        return snapshot.state
    row = snapshot.row()
    return row.nodes, row.stated, row.proved, row.fully_proved


def test_the_history_of_a_verso_blueprint_is_that_of_its_checkouts(verso: GitRepo,
                                                                   tmp_path: Path) -> None:
    history = collect_history(verso.root, cache_dir=tmp_path / "history")
    assert {name: totals(verso, history, name) for name in ("v1", "v2", "v3")} == {
        "v1": (2, 2, 1, 1),  # the definition is done; double_eq's proof is a sorry
        "v2": (2, 2, 2, 2),
        "v3": (3, 3, 3, 3),
    }
    assert all(s.source == "lean" for s in history.snapshots.values())
    built = rows_of_checkouts(verso, ["v1", "v2", "v3"], tmp_path)
    assert {name: history.snapshots[verso.shas[name]].rows for name in built} == built
    # a second walk reads every commit from the cache
    again = collect_history(verso.root, cache_dir=tmp_path / "history")
    assert again.stats is not None and again.stats.cached == 3
    assert again.snapshots == history.snapshots


def test_a_diff_of_a_verso_blueprint_speaks_verso(verso: GitRepo, tmp_path: Path) -> None:
    sides = read_sides(verso.root, verso.shas["v1"], verso.shas["v2"], cache_dir=None)
    diff = compare(sides.base.state, sides.head.state)
    assert (diff.proved, diff.fully_proved) == (("double_eq",), ("double_eq",))
    assert sides.head.state.format is BlueprintFormat.VERSO
    later = read_sides(verso.root, verso.shas["v2"], verso.shas["v3"], cache_dir=None)
    diff = compare(later.base.state, later.head.state)
    assert diff.added_nodes == ("double_pos",)
    assert [(r.kind, r.node_id, r.names) for r in diff.regressions] == [
        (RegressionKind.LABEL, "double_pos", ("nowhere",))]
    text = text_report(prepare(diff, Revision("v2", verso.shas["v2"]),
                           Revision("v3", verso.shas["v3"])))
    assert "double_pos uses names nothing: nowhere" in " ".join(text.split())
    assert "\\uses" not in text
    # the command, on the working tree against v2
    done = run_cli("diff", verso.shas["v2"], "-p", str(verso.root), "--format", "json",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"double_pos"' in done.stdout


def test_lean_sources_moved_to_a_submodule_are_not_checked_no_fall(tmp_path: Path) -> None:
    """noperthedron's history: the package requires its Lean code by path, first a folder
    of the repository, then a submodule (a commit holds it as a link to another
    repository's commit, never its files): from then on nothing can be checked, which is a
    gap in the chart and no regression in a diff, not a fall to nothing."""
    repo = GitRepo(tmp_path / "nested")
    repo.write("lakefile.toml", VERSO_LAKEFILE.replace(
        '[[lean_lib]]\nname = "Tiny"\n',
        '[[require]]\nname = "TinyCode"\npath = "code"\n\n[[lean_lib]]\nname = "Tiny"\n'))
    repo.write("TinyMain.lean", VERSO_MAIN)
    repo.write("Tiny.lean", "import Tiny.Chapter\n")
    repo.write("Tiny/Blueprint.lean", VERSO_BOOK)
    repo.write("Tiny/Chapter.lean", VERSO_CHAPTER % "")
    repo.write("code/lakefile.toml", 'name = "TinyCode"\ndefaultTargets = ["Tiny"]\n\n'
                                     '[[lean_lib]]\nname = "Tiny"\n')
    repo.write("code/Tiny.lean", "import Tiny.Basic\n")
    repo.write("code/Tiny/Basic.lean", tiny_lean(sorry=False))
    repo.commit("s0", "2025-04-01")
    repo.git("rm", "-r", "-q", "code")
    repo.write(".gitmodules", '[submodule "code"]\n\tpath = code\n'
                              '\turl = https://example.org/code\n')
    repo.git("add", "-A")
    repo.git("update-index", "--add", "--cacheinfo",
             f"160000,{'1' * 40},code")  # a submodule: a commit of another repository
    repo.commit("s1", "2025-04-08")
    history = collect_history(repo.root, cache_dir=tmp_path / "history")
    assert totals(repo, history, "s0") == (2, 2, 2, 2)  # read from code/
    moved = history.snapshots[repo.shas["s1"]]
    assert moved.state is State.UNCHECKED and moved.rows == ()
    assert "code/) are a git submodule that is not checked out" in moved.message
    assert [p.gap for p in series(history)] == [False, True]
    # the same from the cache
    again = collect_history(repo.root, cache_dir=tmp_path / "history")
    assert again.snapshots == history.snapshots
    # a diff across the move: the nodes are still there, with their uses; nothing regressed
    sides = read_sides(repo.root, repo.shas["s0"], repo.shas["s1"], cache_dir=None)
    assert sides.head.state.state is State.OK and sides.head.state.unchecked
    assert not any(node.checked for node in sides.head.state.nodes)
    diff = compare(sides.base.state, sides.head.state)
    assert (diff.regressions, diff.proved, diff.added_nodes, diff.removed_edges) == (
        (), (), (), ())
    # the build of a checkout of it says as much, and its history page says why the gap
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(checkout)], check=True)
    analysis = build(checkout, tmp_path / "site", history=True)
    assert not any(status.checked for status in analysis.statuses.values())
    page = " ".join((tmp_path / "site" / "history.html").read_text().split())
    assert "At the last one read, of 2025-04-01: <strong>2 of 2</strong>" in page
    assert "or whose statuses could not be checked" in page
    told = run_cli("history", str(checkout), "--cache-dir", str(tmp_path / "c2"), cwd=tmp_path)
    assert "1 whose statuses could not be checked (no counts): the Lean sources of" in (
        " ".join(told.stdout.split())), told.stdout


# ------------------------------------------------------------------ a LeanArchitect blueprint

ARCH_LAKEFILE = """name = "Demo"
defaultTargets = ["Demo"]

[[require]]
name = "LeanArchitect"
git = "https://github.com/hanwenzhu/LeanArchitect.git"

[[lean_lib]]
name = "Demo"
"""
ARCH_WEB = r"""\documentclass{report}
\usepackage{blueprint}
\begin{document}
\chapter{Doubling}
\inputleanmodule{Demo.Basic}
\end{document}
"""


def arch_lean(sorry: bool) -> str:
    proof = "sorry" if sorry else "by unfold double; omega"
    return f"""import Architect

namespace Demo

@[blueprint "def:double" (statement := /-- The double of $n$. -/)]
def double (n : Nat) : Nat := n + n

@[blueprint "thm:double-eq" (statement := /-- It is $2n$. -/)]
theorem double_eq (n : Nat) : double n = 2 * n := {proof}

end Demo
"""


#: a module no library imports (so not compiled: its node is not formalized)
ARCH_WIP = """import Architect
import Demo.Basic

namespace Demo

@[blueprint "thm:pos" (statement := /-- Positive. -/) (notReady := true)
  (uses := ["nowhere"])]
theorem double_pos (n : Nat) (h : 0 < n) : 0 < double n := by
  unfold double; omega

end Demo
"""


def arch_repo(root: Path) -> GitRepo:
    """a1: two nodes, the theorem a `sorry`; a2: proved; a3: a node marked not ready, in a
    module nothing compiles, that uses a label naming nothing."""
    repo = GitRepo(root)
    repo.write("lakefile.toml", ARCH_LAKEFILE)
    repo.write("Demo.lean", "import Demo.Basic\n")
    repo.write("Demo/Basic.lean", arch_lean(sorry=True))
    repo.write("blueprint/src/web.tex", ARCH_WEB)
    repo.commit("a1", "2025-05-05")
    repo.write("Demo/Basic.lean", arch_lean(sorry=False))
    repo.commit("a2", "2025-05-12")
    repo.write("Demo/Wip.lean", ARCH_WIP)
    repo.write("blueprint/src/web.tex", ARCH_WEB.replace(
        "\\end{document}", "\\inputleanmodule{Demo.Wip}\n\\end{document}"))
    repo.commit("a3", "2025-05-19")
    return repo


@pytest.fixture(scope="module")
def arch(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return arch_repo(tmp_path_factory.mktemp("arch") / "demo")


def test_the_history_of_a_leanarchitect_blueprint_is_that_of_its_checkouts(
        arch: GitRepo, tmp_path: Path) -> None:
    history = collect_history(arch.root, cache_dir=tmp_path / "history")
    assert {name: totals(arch, history, name) for name in ("a1", "a2", "a3")} == {
        "a1": (2, 2, 1, 1),  # \leanok of LeanArchitect's rules: the theorem's proof a sorry
        "a2": (2, 2, 2, 2),
        "a3": (3, 2, 2, 2),  # its Lean code never compiled: not formalized
    }
    built = rows_of_checkouts(arch, ["a1", "a2", "a3"], tmp_path)
    assert {name: history.snapshots[arch.shas[name]].rows for name in built} == built


def test_a_diff_of_a_leanarchitect_blueprint_speaks_of_its_attributes(arch: GitRepo,
                                                                      tmp_path: Path) -> None:
    sides = read_sides(arch.root, arch.shas["a1"], arch.shas["a2"], cache_dir=None)
    diff = compare(sides.base.state, sides.head.state)
    assert diff.proved == ("thm:double-eq",)
    # the edge LeanArchitect infers from the statement's `double` is there on both sides
    assert {(e.source, e.target) for e in sides.head.state.edges} == {
        ("def:double", "thm:double-eq")}
    later = read_sides(arch.root, arch.shas["a2"], arch.shas["a3"], cache_dir=None)
    assert later.head.state.format is BlueprintFormat.LEANARCHITECT
    diff = compare(later.base.state, later.head.state)
    assert diff.added_nodes == ("thm:pos",)
    assert [(r.kind, r.node_id, r.names) for r in diff.regressions] == [
        (RegressionKind.LABEL, "thm:pos", ("nowhere",))]
    text = " ".join(text_report(prepare(diff, Revision("a2", arch.shas["a2"]),
                                    Revision("a3", arch.shas["a3"]))).split())
    assert "thm:pos uses names nothing: nowhere" in text and "\\uses" not in text


def test_status_on_a_leanarchitect_project_names_its_attribute_option(
        arch: GitRepo, tmp_path: Path) -> None:
    done = run_cli("status", str(arch.root), "--cache-dir", str(tmp_path / "cache"),
                   cwd=tmp_path)
    assert "Blockers (marked (notReady := true))" in done.stdout, done.stdout
