"""`blueprint diff`: small git histories, one change a commit, and what the diff says of each,
as data and in the three formats; the history's cache, the working tree, the default base,
the Markdown's escaping and the picture."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from blueprint.analysis.tasks import TaskKind
from blueprint.diff.compare import BlueprintDiff, Regression, RegressionKind, compare
from blueprint.diff.report import (
    MARKER,
    Revision,
    markdown_code,
    markdown_report,
    markdown_text,
    prepare,
    text_report,
)
from blueprint.diff.revisions import read_sides
from blueprint.history.walk import collect_history
from blueprint.model import BlueprintError, UsageError
from tests.conftest import run_cli
from tests.test_history import LAKEFILE, GitRepo
from tests.test_history import WEB as HISTORY_WEB

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

WEB = HISTORY_WEB % "content"


def content(*, b_proved: bool = False, f: bool = True, cycle: bool = False,
            g_label: str = "lem:G", title: str = "Big C", extra: str = "") -> str:
    """The blueprint: A (a definition) <- B <- C, A <- D <- F <- G."""
    b_proof = (r"\leanok" if b_proved else "") + (r"\uses{thm:C}" if cycle else "")
    f_node = r"""
\begin{lemma}\label{lem:F}\uses{lem:D}\lean{Demo.f_thm}
F holds.
\end{lemma}
\begin{proof}
Obvious.
\end{proof}
""" if f else ""
    return rf"""
\begin{{definition}}\label{{def:A}}\lean{{Demo.foo}}\leanok
An A.
\end{{definition}}

\begin{{lemma}}\label{{lem:B}}\uses{{def:A}}\lean{{Demo.b_thm}}\leanok
B holds.
\end{{lemma}}
\begin{{proof}}\uses{{def:A}}{b_proof}
Easy.
\end{{proof}}

\begin{{theorem}}[{title}]\label{{thm:C}}\uses{{lem:B}}\lean{{Demo.c_thm}}\leanok
C holds.
\end{{theorem}}
\begin{{proof}}\uses{{lem:B}}
By B.
\end{{proof}}

\begin{{lemma}}\label{{lem:D}}\uses{{def:A}}\lean{{Demo.d_thm}}
D holds.
\end{{lemma}}
\begin{{proof}}
Clear.
\end{{proof}}
{f_node}
\begin{{lemma}}\label{{{g_label}}}\uses{{lem:F}}
G holds.
\end{{lemma}}
{extra}"""


def lean(*, b_sorry: bool = True, d: bool = False, c_name: str = "c_thm") -> str:
    return "\n".join([
        "namespace Demo",
        "def foo : Nat := 1",
        f"theorem b_thm : True := {'sorry' if b_sorry else 'trivial'}",
        f"theorem {c_name} : True := sorry",
        *(["theorem d_thm : True := sorry"] if d else []),
        "end Demo",
        "",
    ])


def commit(repo: GitRepo, name: str, when: str) -> None:
    """A commit, tagged with its name: the tests name commits as a user names revisions."""
    repo.commit(name, when)
    repo.git("tag", name)


def write(repo: GitRepo, blueprint: str, lean_text: str) -> None:
    repo.write("blueprint/src/content.tex", blueprint)
    repo.write("Demo/Basic.lean", lean_text)


#: the commits, each one change after the one before
STEPS = ("c0-base", "c1-proved", "c2-sorry-back", "c3-renamed", "c4-removed", "c5-cycle",
         "c6-relabel")


def make_repo(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.git("checkout", "-q", "-b", "main")
    repo.write("lakefile.toml", LAKEFILE)
    repo.write("Demo.lean", "import Demo.Basic\n")
    repo.write("blueprint/src/web.tex", WEB)
    write(repo, content(), lean())
    commit(repo, "c0-base", "2024-03-01")
    # a \leanok added to B's proof with its Lean proof completed; D's statement formalized
    write(repo, content(b_proved=True), lean(b_sorry=False, d=True))
    commit(repo, "c1-proved", "2024-03-02")
    write(repo, content(b_proved=True), lean(b_sorry=True, d=True))  # sorry brought back
    commit(repo, "c2-sorry-back", "2024-03-03")
    write(repo, content(b_proved=True), lean(d=True, c_name="c_theorem"))  # renamed in Lean
    commit(repo, "c3-renamed", "2024-03-04")
    write(repo, content(b_proved=True, f=False), lean(d=True, c_name="c_theorem"))
    commit(repo, "c4-removed", "2024-03-05")
    write(repo, content(b_proved=True, f=False, cycle=True), lean(d=True, c_name="c_theorem"))
    commit(repo, "c5-cycle", "2024-03-06")
    write(repo, content(b_proved=True, f=False, cycle=True, g_label="lem:G2"),
          lean(d=True, c_name="c_theorem"))
    commit(repo, "c6-relabel", "2024-03-07")
    return repo


@dataclass
class Setup:
    repo: GitRepo
    cache: Path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("diff")
    return Setup(make_repo(root / "project"), root / "cache")


def diff_of(setup: Setup, base: str, head: str) -> BlueprintDiff:
    shas = setup.repo.shas
    sides = read_sides(setup.repo.root, shas[base], shas[head], cache_dir=None)
    return compare(sides.base.state, sides.head.state)


def regressions(diff: BlueprintDiff) -> set[tuple[RegressionKind, str, tuple[str, ...]]]:
    return {(r.kind, r.node_id, r.names) for r in diff.regressions}


# ------------------------------------------------------------------ each change, as data


def test_a_proof_completed_with_its_leanok(setup: Setup) -> None:
    diff = diff_of(setup, "c0-base", "c1-proved")
    assert diff.proved == ("lem:B",)
    assert diff.stated == ("lem:D",)
    assert diff.fully_proved == ("lem:B",)
    ready = {(t.node_id, t.kind, t.unlocks) for t in diff.ready}
    # D can now be proved, and F stated; stating F makes G ready in turn
    assert ready == {("lem:D", TaskKind.PROVE, ()), ("lem:F", TaskKind.STATE, ("lem:G",))}
    assert diff.regressions == ()
    before, after = diff.progress
    assert (before.nodes, before.stated, before.proved, before.fully_proved) == (6, 3, 1, 1)
    assert (after.nodes, after.stated, after.proved, after.fully_proved) == (6, 4, 2, 2)


def test_sorry_brought_back(setup: Setup) -> None:
    diff = diff_of(setup, "c1-proved", "c2-sorry-back")
    assert regressions(diff) == {
        (RegressionKind.PROOF, "lem:B", ()),
        (RegressionKind.SORRY, "lem:B", ("Demo.b_thm",)),
    }
    assert diff.proved == diff.stated == diff.fully_proved == ()


def test_a_declaration_renamed(setup: Setup) -> None:
    diff = diff_of(setup, "c2-sorry-back", "c3-renamed")
    assert regressions(diff) == {
        (RegressionKind.STATEMENT, "thm:C", ()),
        (RegressionKind.LEAN_NAME, "thm:C", ("Demo.c_thm",)),
    }


def test_a_node_removed(setup: Setup) -> None:
    diff = diff_of(setup, "c3-renamed", "c4-removed")
    assert regressions(diff) == {
        (RegressionKind.NODE_REMOVED, "lem:F", ()),
        (RegressionKind.LABEL, "lem:G", ("lem:F",)),  # G's \uses{lem:F} names nothing now
    }
    assert diff.removed_nodes == ("lem:F",)
    assert {(e.source, e.target) for e in diff.removed_edges} == {("lem:D", "lem:F"),
                                                                  ("lem:F", "lem:G")}
    assert [t.node_id for t in diff.ready] == ["lem:G"]  # nothing holds its statement back


def test_a_new_use_that_makes_a_cycle(setup: Setup) -> None:
    diff = diff_of(setup, "c4-removed", "c5-cycle")
    assert regressions(diff) == {(RegressionKind.CYCLE, "lem:B", ("lem:B", "thm:C"))}
    assert [(e.source, e.target) for e in diff.added_edges] == [("thm:C", "lem:B")]


def test_a_node_relabelled_is_neither_removed_nor_added(setup: Setup) -> None:
    diff = diff_of(setup, "c5-cycle", "c6-relabel")
    assert [(r.before, r.after) for r in diff.relabelled] == [("lem:G", "lem:G2")]
    assert diff.removed_nodes == diff.added_nodes == ()
    assert diff.regressions == ()  # its \uses{lem:F} named nothing before either
    assert diff.added_edges == diff.removed_edges == ()


def test_a_lemma_moved_upstream_is_said_but_is_no_regression(tmp_path: Path) -> None:
    """A name outside the project's namespaces that the project stops declaring (upstreamed
    to Mathlib, say) may be declared by a dependency: the blueprint's \\leanok vouches."""
    repo = make_repo(tmp_path / "p")
    node = r"""
\begin{lemma}\label{lem:H}\lean{Nat.helper}\leanok
H holds.
\end{lemma}
\begin{proof}\leanok
Done.
\end{proof}
"""
    write(repo, content(extra=node), lean() + "theorem Nat.helper : True := trivial\n")
    commit(repo, "h-local", "2024-04-01")
    write(repo, content(extra=node), lean())
    commit(repo, "h-upstream", "2024-04-02")
    sides = read_sides(repo.root, "h-local", "h-upstream")
    diff = compare(sides.base.state, sides.head.state)
    assert [(g.node_id, g.names) for g in diff.names_gone] == [("lem:H", ("Nat.helper",))]
    assert diff.regressions == ()
    text = text_report(prepare(diff, Revision("h-local", None), Revision("h-upstream", None)))
    assert "Lean names the project no longer declares (1)" in text
    assert "Summary: 1 Lean name no longer in the project" in text
    assert "lem:H a dependency may declare Nat.helper" in text


def test_nothing_changed_says_so(setup: Setup) -> None:
    diff = diff_of(setup, "c6-relabel", "c6-relabel")
    assert not diff.changed
    report = prepare(diff, Revision("a", "0" * 40), Revision("b", "1" * 40))
    assert report.summary == "no change to the blueprint"
    assert report.sections == ()


def test_a_broken_side_cannot_be_compared(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    repo.write("blueprint/src/content.tex", r"\begin{lemma}\label{x} unclosed")
    commit(repo, "broken", "2024-04-01")
    sides = read_sides(repo.root, repo.shas["c6-relabel"], repo.shas["broken"])
    with pytest.raises(BlueprintError, match="does not parse"):
        compare(sides.base.state, sides.head.state)
    done = run_cli("diff", "c6-relabel", "HEAD", cwd=repo.root)
    assert done.returncode == 1 and "does not parse" in done.stderr


# ------------------------------------------------------------------ the three formats

#: per step from the one before: (regression kind or section, node, words the text shows)
EXPECTED = {
    "c1-proved": [("proved", "lem:B", ""), ("stated", "lem:D", ""),
                  ("fully_proved", "lem:B", ""), ("ready", "lem:F", "lem:G"),
                  ("ready", "lem:D", "ready to prove")],
    "c2-sorry-back": [("proof", "lem:B", "proof no longer formalized"),
                      ("sorry", "lem:B", "Demo.b_thm")],
    "c3-renamed": [("statement", "thm:C", "statement no longer formalized"),
                   ("lean_name", "thm:C", "Demo.c_thm")],
    "c4-removed": [("node_removed", "lem:F", "removed"), ("label", "lem:G", "lem:F")],
    "c5-cycle": [("cycle", "lem:B", "lem:B → thm:C → lem:B")],
    "c6-relabel": [("relabelled", "lem:G2", "lem:G")],
}
SECTIONS = {"proved", "stated", "fully_proved", "ready", "relabelled"}


@pytest.mark.parametrize("step", list(EXPECTED))
def test_every_change_in_all_three_formats(setup: Setup, step: str) -> None:
    before = STEPS[STEPS.index(step) - 1]
    root = setup.repo.root
    args = ("diff", before, step, "--cache-dir", str(setup.cache))
    data = json.loads(run_cli(*args, "--format", "json", cwd=root).stdout)
    text = run_cli(*args, cwd=root, columns=80).stdout
    markdown = run_cli(*args, "--format", "markdown", cwd=root).stdout
    assert markdown.startswith(MARKER)
    assert data["base"]["sha"] == setup.repo.shas[before]
    for key, node_id, words in EXPECTED[step]:
        if key in SECTIONS:
            listed = (data["nodes"]["relabelled"] if key == "relabelled" else data[key])
            ids = [e.get("id", e.get("after")) for e in listed]
            assert node_id in ids, (key, listed)
        else:
            assert any(r["kind"] == key and r["id"] == node_id for r in data["regressions"])
        # the text: a line that names the node and says what happened to it
        lines = [line for line in _entries(text) if line.split()[0] == node_id]
        assert any(words in line for line in lines), (node_id, words, text)
        # the Markdown: the same, as a list item, the names as code
        items = [line for line in markdown.splitlines()
                 if line.startswith(f"- {markdown_code(node_id)}")]
        shown = [markdown_text(w) if " " in w else w for w in words.split(", ")]
        assert any(all(s in item for s in shown) for item in items), (node_id, markdown)
    regressed = any(key not in SECTIONS for key, _, _ in EXPECTED[step])
    assert ("⚠️" in markdown.splitlines()[1]) is regressed
    assert len(data["regressions"]) > 0 if regressed else data["regressions"] == []
    assert all(len(line) <= 80 for line in text.splitlines()), text


def _entries(text: str) -> list[str]:
    """The text's entries, each joined from its wrapped lines."""
    entries: list[str] = []
    for line in text.splitlines():
        if line.startswith("      ") and entries:
            entries[-1] += " " + line.strip()
        elif line.startswith("  ") and not line.startswith("   "):
            entries.append(line.strip())
    return entries


def test_strict_fails_on_regressions_only(setup: Setup) -> None:
    root = setup.repo.root
    assert run_cli("diff", "c0-base", "c1-proved", "--strict", cwd=root).returncode == 0
    failed = run_cli("diff", "c1-proved", "c2-sorry-back", "--strict", cwd=root)
    assert failed.returncode == 1 and "Regressions (2)" in failed.stdout
    assert run_cli("diff", "c1-proved", "c2-sorry-back", cwd=root).returncode == 0


def test_the_text_report_counts_and_wraps_at_80_columns(setup: Setup) -> None:
    diff = diff_of(setup, "c0-base", "c1-proved")
    report = prepare(diff, Revision("c0-base", setup.repo.shas["c0-base"]),
                     Revision("working tree", None))
    text = text_report(report)
    assert text.splitlines()[0] == (
        f"Blueprint changes from c0-base ({setup.repo.shas['c0-base'][:7]}) to working tree")
    assert re.search(r"proofs formalized\s+1 \(17%\) → 2 \(33%\)\s+\(\+1\)", text)
    assert "Newly ready (2)" in text


# ------------------------------------------------------------------ where the sides come from


def test_both_sides_come_from_the_history_cache(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    cache = tmp_path / "cache" / "history"
    cold = read_sides(repo.root, "c0-base", "c1-proved", cache_dir=cache)
    assert not cold.base.cached and cold.lean_scans > 0
    warm = read_sides(repo.root, "c0-base", "c1-proved", cache_dir=cache)
    assert warm.base.cached and warm.head.cached and warm.lean_scans == 0
    assert warm.base.state == cold.base.state and warm.head.state == cold.head.state
    # a commit the history walked is read from its cache too
    walked = tmp_path / "walked"
    collect_history(repo.root, cache_dir=walked)
    sides = read_sides(repo.root, "c3-renamed", "c4-removed", cache_dir=walked)
    assert sides.base.cached and sides.head.cached and sides.lean_scans == 0
    assert compare(sides.base.state, sides.head.state).removed_nodes == ("lem:F",)


def test_the_working_tree_against_the_merge_base_with_main(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    repo.git("checkout", "-q", "-b", "feature", repo.shas["c0-base"])
    write(repo, content(b_proved=True), lean(b_sorry=False))
    commit(repo, "feature-1", "2024-05-01")
    # main moved on since: the merge base is still c0-base
    sides = read_sides(repo.root, cache_dir=None)
    assert sides.base.sha == repo.shas["c0-base"]
    assert sides.base.label == "merge base with main"
    assert sides.head.sha == repo.shas["feature-1"]  # a clean working tree is HEAD
    # a change not committed yet is read from the disk
    repo.write("Demo/Basic.lean", lean(b_sorry=True))
    repo.write("notes.txt", "not a file that counts\n")
    sides = read_sides(repo.root, cache_dir=None)
    assert sides.head.sha is None and sides.head.label == "working tree"
    diff = compare(sides.base.state, sides.head.state)
    assert diff.proved == () and diff.regressions == ()
    done = run_cli("diff", cwd=repo.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Blueprint changes from merge base with main ({repo.shas['c0-base'][:7]}) to "
        "working tree")


def test_a_pull_requests_base_branch_comes_from_github_base_ref(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    repo.git("branch", "release", repo.shas["c2-sorry-back"])
    repo.git("branch", "-m", "main", "trunk")  # no main nor master: only GITHUB_BASE_REF says
    sides = read_sides(repo.root, environ={"GITHUB_BASE_REF": "release"})
    assert sides.base.sha == repo.shas["c2-sorry-back"]
    with pytest.raises(BlueprintError, match="no default branch"):
        read_sides(repo.root, environ={})


def test_unknown_revisions_are_usage_errors(setup: Setup) -> None:
    done = run_cli("diff", "no-such-branch", cwd=setup.repo.root)
    assert done.returncode == 2 and "no commit 'no-such-branch'" in done.stderr


# ------------------------------------------------------------------ Markdown and the picture


def test_markdown_shows_text_from_the_project_inert(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    hostile = r"@octocat see #1 <img src=x onerror=alert(1)> {[x](javascript:alert(1))} **b**"
    write(repo, content(title=hostile.replace("#", r"\#")), lean(c_name="c_theorem"))
    commit(repo, "hostile", "2024-04-01")  # C regresses: its title is shown
    markdown = run_cli("diff", "c0-base", "hostile", "--format", "markdown",
                       "--site-url", "https://example.org/site", cwd=repo.root).stdout
    shown = next(line for line in markdown.splitlines() if "thm:C" in line)
    assert "octocat" in shown and "onerror" in shown
    assert not re.search(r"(?<!\\)[<\[]", shown.split(") ", 1)[1])  # no tag, no link
    assert "@octocat" not in shown and "#1" not in shown  # no mention, no issue reference
    assert markdown_text("a*b") == r"a\*b" and markdown_code("a`b") == "``a`b``"


def test_links_and_the_picture_when_the_site_is_published(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    site = tmp_path / "site"
    site.mkdir()
    (site / ".blueprint-site").write_text("# a site\nindex.html\n")
    repo.write("blueprint.toml", '[project]\nsite_url = "https://me.github.io/demo/"\n')
    done = run_cli("diff", "c0-base", "c1-proved", "--format", "markdown", "--svg",
                   str(site / "changes.svg"), cwd=repo.root)
    assert done.returncode == 0, done.stderr
    markdown = done.stdout
    assert "](https://me.github.io/demo/changes.svg)" in markdown
    assert "[`lem:B`](https://me.github.io/demo/graph.html#lem%3AB)" in markdown
    svg = (site / "changes.svg").read_text()
    assert svg.startswith("<svg") and "Made by blueprint diff" in svg
    ElementTree.fromstring(svg)  # well-formed: it opens on its own, in a browser or an <img>
    changed = re.findall(r'<g class="changed">\s*<title>([^<]*) \(changed\)', svg)
    neighbours = re.findall(r'<g class="neighbour" opacity="0.55">\s*<title>([^<]*)<', svg)
    assert set(changed) == {"lem:B", "lem:D", "lem:F"}
    assert set(neighbours) == {"def:A", "thm:C", "lem:G"}
    # outside a site, or with no address, the picture is written but not shown
    elsewhere = run_cli("diff", "c0-base", "c1-proved", "--format", "markdown", "--svg",
                        str(tmp_path / "c.svg"), cwd=repo.root).stdout
    assert ".svg)" not in elsewhere and (tmp_path / "c.svg").is_file()


def test_report_files_replace_only_what_the_command_wrote(setup: Setup, tmp_path: Path) -> None:
    mine = tmp_path / "notes.md"
    mine.write_text("my notes\n")
    done = run_cli("diff", "c0-base", "c1-proved", "--format", "markdown", "-o", str(mine),
                   cwd=setup.repo.root)
    assert done.returncode == 2 and mine.read_text() == "my notes\n"
    out = tmp_path / "diff.md"
    for _ in range(2):  # the second run replaces the first's file
        done = run_cli("diff", "c0-base", "c1-proved", "--format", "markdown", "-o", str(out),
                       cwd=setup.repo.root)
        assert done.returncode == 0, done.stderr
    assert out.read_text().startswith(MARKER)


def test_a_report_of_a_hand_made_regression() -> None:
    """The pure part alone: a regression of every kind gets a line in both reports, and two
    of one node (its proof lost with the sorry that took it) share one."""
    from blueprint.history.state import ProjectState, State

    empty = ProjectState(State.OK)
    kinds = [kind for kind in RegressionKind if kind is not RegressionKind.CYCLE]
    found = tuple(Regression(kind, f"x{i}", ("n",)) for i, kind in enumerate(kinds))
    both = (Regression(RegressionKind.PROOF, "y"), Regression(RegressionKind.SORRY, "y", ("s",)))
    diff = BlueprintDiff(empty, empty, (), (), (), (), found + both, (), (), (), (), (), (), ())
    report = prepare(diff, Revision("a", None), Revision("b", None))
    text = text_report(report)
    assert len(re.findall(r"\n  x\d ", text)) == len(kinds)
    assert f"Regressions ({len(kinds) + 2})" in text
    assert "\n  y proof no longer formalized; sorry brought back in s\n" in text
    markdown = markdown_report(report)
    assert len(re.findall(r"\n- `x\d`", markdown)) == len(kinds)
    assert f"<details open><summary>Regressions ({len(kinds) + 2})</summary>" in markdown


def test_a_project_in_a_folder_of_its_repository(tmp_path: Path) -> None:
    """The project is `lean/` inside the repository: paths are the project's own, and a change
    outside it changes nothing."""
    repo = GitRepo(tmp_path / "repo")
    repo.git("checkout", "-q", "-b", "main")
    repo.write("lean/lakefile.toml", LAKEFILE)
    repo.write("lean/Demo.lean", "import Demo.Basic\n")
    repo.write("lean/blueprint/src/web.tex", WEB)
    repo.write("lean/blueprint/src/content.tex", content())
    repo.write("lean/Demo/Basic.lean", lean())
    commit(repo, "base", "2024-06-01")
    project = repo.root / "lean"
    repo.write("other/notes.tex", "not the project's\n")
    assert read_sides(project).head.sha == repo.shas["base"]  # nothing of the project changed
    repo.write("lean/Demo/Basic.lean", lean(b_sorry=False))
    sides = read_sides(project)
    assert sides.head.sha is None
    assert compare(sides.base.state, sides.head.state).proved == ("lem:B",)
    done = run_cli("diff", "-p", "lean", "--format", "json", cwd=repo.root)
    assert json.loads(done.stdout)["proved"][0]["id"] == "lem:B", done.stderr


def test_a_bare_repository_has_no_working_tree(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p")
    bare = tmp_path / "bare.git"
    repo.git("clone", "-q", "--bare", str(repo.root), str(bare))
    sides = read_sides(bare, "c0-base", "c1-proved")
    assert compare(sides.base.state, sides.head.state).proved == ("lem:B",)
    with pytest.raises(UsageError, match="bare repository"):
        read_sides(bare, "c0-base")
