"""Verso Blueprints built as a user builds them (issue #15, phase 2): the format found, the
model the reader makes (ids, kinds, numbers, chapters, planning), statuses from the Lean
sources (or "not checked" without them), `blueprint check`'s problems at file:line, and the
pages (Verso markup converted, math left to MathJax, `{uses}` as links).

In-repo data: tests/data/verso/checked (written for these tests: a package that is its own
Lean library), sample (a submodule not checked out), flt and markoff-modp (copies, without
their Lean code). The four real projects are read from checkouts (tests/verso_texts.py says
where), skipped without them; FLT's is read with `format = "verso"` (its LaTeX blueprint is
the default)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from blueprint.analysis import Analysis
from blueprint.analysis.status import Stage, stage
from blueprint.build import analyze
from blueprint.config import BlueprintFormat
from blueprint.model import Border, Fill, Planning, Severity, Syntax
from blueprint.site.items import DisplayMath, Link, Math, Paragraph, Verbatim
from blueprint.site.latex.parser import Context
from blueprint.site.make import make_site
from blueprint.site.verso import to_blocks
from tests.conftest import run_cli
from tests.verso_texts import projects_folder

DATA = Path(__file__).parent / "data" / "verso"


@cache
def built(folder: Path) -> Analysis:
    return analyze(folder, cache_dir=None)


def copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(DATA / name, target)
    return target


def stages(analysis: Analysis) -> dict[str, Stage]:
    return {node_id: stage(status) for node_id, status in analysis.statuses.items()}


def problems(analysis: Analysis, severity: Severity) -> list[tuple[str, int, str]]:
    return [(d.file, d.line, d.message) for d in analysis.diagnostics if d.severity is severity]


# ------------------------------------------------------------ statuses from Lean


def test_statuses_come_from_the_lean_sources_of_the_package(tmp_path: Path) -> None:
    analysis = analyze(copy(tmp_path, "checked"), cache_dir=tmp_path / "cache")
    assert analysis.config.format is BlueprintFormat.VERSO
    statuses = analysis.statuses
    by_id = analysis.by_id
    # declared and compiled, no sorry: the definition is defined, the theorem proved
    assert (statuses["double_def"].border, statuses["double_def"].fill) == (
        Border.STATED, Fill.DEFINED)
    assert stages(analysis)["double_eq"] is Stage.DONE
    # a `sorry` keeps the proof unformalized, whatever the ```tex witness's \leanok says
    assert (statuses["hard"].stated, statuses["hard"].proved) == (True, False)
    assert by_id["hard"].proof is not None and not by_id["hard"].proof.leanok
    assert statuses["hard"].fill is Fill.CAN_PROVE
    # declared nowhere, or in a file nothing compiles: not formalized
    for missing in ("typo", "orphan"):
        assert not statuses[missing].stated and statuses[missing].border is Border.CAN_STATE
    reports = analysis.lean_reports
    assert [d.status.value for d in reports["typo"].declarations] == ["missing"]
    assert [d.status.value for d in reports["orphan"].declarations] == ["not_compiled"]
    assert reports["hard"].declarations[0].has_sorry is True
    # Verso's own @[blueprint] on a Lean theorem: a node, its uses and proofUses as edges
    quad = by_id["quad"]
    assert (quad.env, quad.lean, quad.statement.uses) == ("theorem", ["Checked.quad"],
                                                          ["double_def"])
    assert quad.proof is not None and quad.proof.uses == ["double_eq"]
    assert stages(analysis)["quad"] is Stage.DONE
    # the documents are text, not Lean code: the scanner never read them
    scanned = {f.file for f in analysis.lean_project.files.values()} \
        if analysis.lean_project else set()
    assert "Checked/Chapter.lean" not in scanned and "Checked/Basic.lean" in scanned


def test_check_reports_what_issue_15_lists_at_file_and_line(tmp_path: Path) -> None:
    analysis = analyze(copy(tmp_path, "checked"), cache_dir=tmp_path / "cache")
    chapter = "Checked/Chapter.lean"
    warnings = problems(analysis, Severity.WARNING)
    errors = problems(analysis, Severity.ERROR)
    assert (chapter, 55, "todo uses nowhere, which is no node") in warnings
    assert (chapter, 47, "typo: `Checked.Double` is declared nowhere (`Checked` is the "
            "project's own namespace: no dependency declares names in it); did you mean "
            "`Checked.double`?") in warnings
    assert (chapter, 63, "label hard is already defined at Checked/Chapter.lean:35") in errors
    assert (chapter, 67, "a proof of ghost, which has no statement") in errors
    assert (chapter, 56, "unknown role `{foo}`: its text is shown") in warnings
    assert (chapter, 59, "unknown directive `:::sidebar`: its text is shown") in warnings
    # no \leanok advice: a Verso Blueprint has no \leanok
    assert not any("leanok" in message for _, _, message in warnings + errors)


def test_lean_sources_in_a_submodule_not_cloned_are_said_once_and_not_checked() -> None:
    analysis = built(DATA / "sample")
    said = [d for d in analysis.diagnostics if "not checked out" in d.message]
    assert [(d.file, d.line) for d in said] == [("lakefile.lean", 5)]
    found = stages(analysis)
    for node in analysis.nodes:
        if node.lean:
            assert found[node.id] is Stage.NOT_CHECKED, node.id
            assert (analysis.statuses[node.id].border, analysis.statuses[node.id].fill) == (
                Border.NONE, Fill.NONE)
    assert analysis.lean_project is None


# ------------------------------------------------------------ the model


def test_the_model_of_a_verso_blueprint(tmp_path: Path) -> None:
    analysis = analyze(copy(tmp_path, "checked"), cache_dir=tmp_path / "cache")
    blueprint = analysis.blueprint
    assert blueprint.syntax is Syntax.VERSO and blueprint.options.title == (
        "Checked against $`\\mathbb{N}`")
    node = analysis.by_id["double_def"]
    assert (node.env, node.is_definition, node.title, node.number, node.chapter,
            node.section) == ("definition", True, None, "1.1", "Doubling", "Definitions")
    assert node.statement.syntax is Syntax.VERSO
    assert node.statement.text == "The double of $`n` is $`n + n`."
    assert node.planning == Planning(owner="ada", effort="small", tags=("easy", "arith"))
    eq = analysis.by_id["double_eq"]
    assert (eq.number, eq.section, eq.planning) == ("1.2", "Results", Planning(priority="high"))
    assert eq.statement.uses == ["double_def"] and eq.proof is not None
    assert eq.proof.text == "Unfold {uses \"double_def\"}[] and compute."
    # the document in reading order: headings with levels and numbers, prose, places
    headings = [(h.level.value, h.number, h.title) for h in blueprint.headings]
    assert headings == [("chapter", "1", "Doubling"), ("section", "1.1", "Definitions"),
                        ("section", "1.2", "Results"), ("chapter", "2", "Compiled nodes")]
    # the tex_prelude's macros reach MathJax, with KaTeX's shorthands Verso's pages have
    assert blueprint.macros["dbl"].args == 1 and "R" in blueprint.macros
    # the owner is a claim the blueprint makes (issue #16's claims read it)
    owners = {n.id: n.planning.owner for n in analysis.nodes if n.planning and n.planning.owner}
    assert owners == {"double_def": "ada"}


def test_the_export_carries_the_planning_and_the_options_verso_gives(tmp_path: Path) -> None:
    project = copy(tmp_path, "checked")
    done = run_cli("export", str(project), "--cache-dir", str(tmp_path / "cache"), cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    nodes = {node["id"]: node for node in json.loads(done.stdout)["nodes"]}
    assert nodes["double_def"]["planning"] == {
        "owner": "ada", "priority": None, "effort": "small", "tags": ["easy", "arith"],
        "pr_url": None, "issue_url": None}
    assert nodes["double_eq"]["planning"]["priority"] == "high"
    assert nodes["orphan"]["planning"]["tags"] == ["arith"]
    # the options that are no planning: autoDeps, as written
    assert nodes["typo"]["extra"] == [{"name": "autoDeps", "value": "false"}]
    # only where the blueprint says something: no empty planning, no empty options
    assert "planning" not in nodes["todo"] and "extra" not in nodes["double_def"]
    # the planning is in the order the fields are documented
    assert list(nodes["double_def"]["planning"]) == [
        "owner", "priority", "effort", "tags", "pr_url", "issue_url"]
    # and the work queue of `status --format json` gives the same, to whoever picks a task
    queue = run_cli("status", str(project), "--format", "json", "--cache-dir",
                    str(tmp_path / "cache"), cwd=tmp_path)
    tasks = {task["label"]: task for task in json.loads(queue.stdout)["tasks"]}
    assert tasks["typo"].get("planning") is None
    planned = [task for task in tasks.values() if "planning" in task]
    assert planned and all(task["planning"] == nodes[task["label"]]["planning"]
                           for task in planned)


def test_owners_reach_the_claims(tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    class Reader:
        def read(self, config: object, nodes: object, statuses: object, reports: object,
                 github: object = None, owners: object = None) -> None:
            seen["owners"] = owners

    analyze(copy(tmp_path, "checked"), cache_dir=tmp_path / "cache",
            github=Reader())  # type: ignore[arg-type]
    assert seen["owners"] == {"double_def": "ada"}


# ------------------------------------------------------------ the pages


def test_verso_markup_becomes_the_sites_items() -> None:
    class Links:
        def ref(self, label: str) -> object:
            from blueprint.site.latex.parser import Target

            return Target("chapter-1.html#n", "1.2", "Theorem", label) if label == "t" else None

        def cite(self, key: str) -> None:
            return None

    text = (
        "Some _emph_ and *bold*, `code`, $`a+b`, {uses \"t\"}[the theorem] and {bpref \"t\"}[],"
        " a [link](https://example.org) and a [bad one](javascript:alert(1)).\n\n"
        "$$`\\sum_i i`\n\n"
        "```tex \"t\"\n\\leanok hidden\n```\n\n"
        "```lean \"t\"\ntheorem x : True := trivial\n```\n"
    )
    blocks = to_blocks(text, Context(Links()))  # type: ignore[arg-type]
    first, display, code = blocks
    assert isinstance(first, Paragraph) and isinstance(display, DisplayMath)
    assert display.math == Math("\\sum_i i", True)
    links = [i for i in first.children if isinstance(i, Link)]
    assert [(link.href, link.node) for link in links[:2]] == [
        ("chapter-1.html#n", "t"), ("chapter-1.html#n", "t")]
    assert links[1].children[0].text == "Theorem 1.2"  # type: ignore[union-attr]
    assert len(links) == 3 and links[2].href == "https://example.org"  # javascript: dropped
    assert isinstance(code, Verbatim) and "theorem x" in code.text  # the tex witness: hidden


def test_a_verso_site_has_its_chapters_panel_and_board(tmp_path: Path) -> None:
    analysis = analyze(copy(tmp_path, "checked"), cache_dir=tmp_path / "cache")
    files = make_site(analysis).files
    chapter = files["chapter-1.html"].decode()
    assert "Doubling" in chapter and "\\dbl{n}" in chapter
    assert "Complete, says the TeX" not in chapter  # witnesses are never shown
    assert 'data-node="double_def"' in chapter
    graph = files["graph.html"].decode()
    assert '<dd class="owner">ada</dd>' in graph and "<dt>Effort</dt><dd>small</dd>" in graph
    tasks = files["tasks.html"].decode()
    assert 'id="task-filters"' in tasks and '<option value="arith">arith</option>' in tasks


# ------------------------------------------------------------ the four projects


def checkout(name: str) -> Path:
    folder = projects_folder()
    if folder is None or not (folder / name).is_dir():
        pytest.skip(f"no checkout of {name} (set BLUEPRINT_PROJECTS)")
    return folder / name


def verso_of(project: Path, tmp_path: Path) -> Analysis:
    """The project built with `format = "verso"` in a blueprint.toml of a copy's."""
    from dataclasses import replace

    import blueprint.build as build
    from blueprint.config import load_config

    config = load_config(project)
    if config.format is BlueprintFormat.VERSO:
        return analyze(project, cache_dir=tmp_path)
    folder = dict((k, v) for k, v in config.other_blueprints)[BlueprintFormat.VERSO]
    verso = replace(config, format=BlueprintFormat.VERSO,
                    blueprint_dir=config.root / folder, main_file="lakefile.toml")
    original = build.load_config
    build.load_config = lambda root, cache_dir=None: verso  # type: ignore[assignment]
    try:
        return analyze(project, cache_dir=tmp_path)
    finally:
        build.load_config = original


def summary(analysis: Analysis) -> tuple[int, int, int, dict[str, int]]:
    proofs = sum(1 for n in analysis.nodes if n.proof is not None)
    found = Counter(s.value for s in stages(analysis).values())
    return len(analysis.nodes), analysis.graph.number_of_edges(), proofs, dict(found)


def facts(analysis: Analysis, node_id: str) -> tuple[object, ...]:
    node = analysis.by_id[node_id]
    return (node.env, node.number, node.chapter, tuple(node.lean),
            stage(analysis.statuses[node_id]).value)


def test_flt(tmp_path: Path) -> None:
    analysis = verso_of(checkout("flt"), tmp_path)
    assert summary(analysis) == (18, 25, 8, {"done": 6, "blocked": 5, "can_state": 4,
                                             "proved": 3})
    chapter1 = "Stating Fermat's Last Theorem"
    assert facts(analysis, "Statement_B1_FLT") == (
        "definition", "1.7", chapter1, ("FLT.Bosses.B1",), "proved")
    assert facts(analysis, "frey_package") == (
        "definition", "3.1", "Level 3: Frey packages", ("FreyPackage",), "done")
    assert facts(analysis, "B2_proof") == (
        "theorem", "3.4", "Level 3: Frey packages", ("FLT.Bosses.B2_proof",), "done")
    assert facts(analysis, "FLT_mono")[:3] == ("lemma", "2.4", "First reductions")
    assert analysis.by_id["Statement_B1_FLT"].planning == Planning(owner="flt_author")
    # Lean names from FLT itself (blueprint-verso requires `..`)
    assert analysis.lean_reports["frey_package"].declarations[0].file == (
        "FLT/FreyCurve/FreyPackage.lean")


def test_markoff_modp(tmp_path: Path) -> None:
    analysis = verso_of(checkout("markoff-modp"), tmp_path)
    assert summary(analysis) == (76, 123, 5, {"done": 76})
    assert facts(analysis, "markoff_surface")[:3] == (
        "definition", "1.1", analysis.by_id["markoff_surface"].chapter)
    assert facts(analysis, "opening_cyclotomic_bound")[:3] == ("theorem", "2.1", "The opening")
    assert analysis.by_id["markoff_semiring_functor"].planning == Planning(
        priority="high", tags=("proved-in-lean", "functorial"))
    assert ("group", "Opening") in analysis.by_id["opening_orbit_growth"].extra


def test_verso_noperthedron(tmp_path: Path) -> None:
    analysis = verso_of(checkout("verso-noperthedron"), tmp_path)
    assert summary(analysis) == (68, 84, 59, {"not_checked": 59, "can_state": 9})
    assert facts(analysis, "def:C15") == (
        "definition", "2.3", "The Noperthedron", ("NopertInline.C15",), "not_checked")
    assert facts(analysis, "lem:radius_noperthedron_one")[:2] == ("lemma", "2.2")
    assert analysis.by_id["lem:radius_noperthedron_one"].proof is not None


def test_verso_sphere_packing(tmp_path: Path) -> None:
    analysis = verso_of(checkout("verso-sphere-packing"), tmp_path)
    assert summary(analysis) == (139, 257, 93, {"not_checked": 89, "blocked": 38,
                                                "can_state": 12})
    assert facts(analysis, "SpherePacking.balls") == (
        "definition", "2.1", "Sphere Packings", ("SpherePacking.balls",), "not_checked")
    assert analysis.by_id["SpherePacking.finiteDensity"].statement.uses == [
        "SpherePacking", "SpherePacking.balls"]
