"""Status from the Lean sources, and `blueprint check`, on the sample project.

The sample's deliberate discrepancies are listed in sample_project/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from blueprint.analysis import Analysis
from blueprint.build import analyze
from blueprint.cli.check import github_annotations
from blueprint.model import Border, Diagnostic, Fill, Severity, StatusSource
from tests.conftest import run_cli


def messages(analysis: Analysis, node_id: str) -> list[Diagnostic]:
    return [d for d in analysis.diagnostics if d.message.startswith(f"{node_id}:")]


def test_auto_reads_status_from_lean_when_there_is_a_lakefile(sample: Path) -> None:
    assert analyze(sample).status_source is StatusSource.LEAN
    (sample / "lakefile.toml").unlink()
    assert analyze(sample).status_source is StatusSource.ANNOTATIONS


def test_lean_overrides_stale_annotations(sample: Path) -> None:
    lean = analyze(sample, StatusSource.LEAN).statuses
    notes = analyze(sample, StatusSource.ANNOTATIONS).statuses
    # (a) proof marked \leanok, but the Lean proof still has sorry
    assert notes["thm:euler"].fill is Fill.PROVED
    assert lean["thm:euler"].fill is Fill.CAN_PROVE
    # (b) the Lean proof is complete though the blueprint lacks \leanok: its users are
    # now fully proved
    assert notes["lem:primeProd-pos"].fill is Fill.CAN_PROVE
    assert lean["lem:primeProd-pos"].fill is Fill.FULLY_PROVED
    assert lean["thm:euclid"].fill is Fill.FULLY_PROVED
    # (d) declared only in a file no root imports: not formalized
    assert notes["lem:prod-units"].border is Border.STATED
    assert lean["lem:prod-units"].border is not Border.STATED
    # \mathlibok is trusted, with or without a proof environment
    assert lean["lem:choose-middle"].border is Border.MATHLIB


def test_check_reports_each_discrepancy_with_file_and_line(sample: Path) -> None:
    analysis = analyze(sample, StatusSource.LEAN)
    euler = messages(analysis, "thm:euler")
    assert any(
        "uses sorry" in d.message and "Sample/Congruences.lean:54" in d.message for d in euler
    )
    assert all(d.file == "blueprint/src/chapter/congruences.tex" for d in euler)
    assert any(
        "\\leanok may be added to the proof" in d.message
        for d in messages(analysis, "lem:primeProd-pos")
    )
    typo = messages(analysis, "lem:not-dvd-succ")
    assert any("did you mean `Sample.Euclid.not_dvd_succ_of_dvd`" in d.message for d in typo)
    assert any(
        "not compiled" in d.message and "Legacy.lean" in d.message
        for d in messages(analysis, "lem:prod-units")
    )
    assert any("add \\uses{lem:card-units}" in d.message for d in messages(analysis, "thm:fermat"))
    for d in analysis.diagnostics:
        assert (sample / d.file).is_file(), d
        assert 1 <= d.line <= len((sample / d.file).read_text().splitlines()), d


def test_lean_log_overrides_the_textual_sorry_guess(sample: Path) -> None:
    log = sample / "build.log"
    log.write_text(
        "⚠ [2/5] Built Sample.Primes\n"
        "warning: ././././Sample/Primes.lean:30:8: declaration uses 'sorry'\n"
        "✔ [4/5] Built Sample.Congruences\n"
    )
    statuses = analyze(sample, StatusSource.LEAN, lean_log=log).statuses
    assert statuses["lem:primeProd-pos"].fill is Fill.CAN_PROVE  # the log says sorry
    assert statuses["thm:euler"].proved  # the log says Congruences built clean


def test_export_lists_declarations_and_sorry_free_down(sample: Path) -> None:
    result = run_cli("export", str(sample), cwd=sample.parent)
    nodes = {n["id"]: n for n in json.loads(result.stdout)["nodes"]}
    euler = nodes["thm:euler"]["declarations"]
    assert euler == [
        {
            "name": "Sample.euler_totient",
            "found": True,
            "file": "Sample/Congruences.lean",
            "line": 54,
            "has_sorry": True,
            "status": "formalized",
        }
    ]
    assert nodes["thm:euler"]["sorry_free_down"] is False
    assert nodes["thm:wilson"]["sorry_free_down"] is True


def test_a_typo_under_the_projects_namespace_is_a_warning_and_not_formalized(
    sample: Path,
) -> None:
    """`\\lean{Sample.lagrange_thm_typo}\\leanok`: no dependency declares names under `Sample`,
    so the name is missing, not "maybe in a dependency"."""
    chapter = sample / "blueprint" / "src" / "chapter" / "groups.tex"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("\\lean{Sample.pow_natCard_eq_one}",
                                    "\\lean{Sample.lagrange_thm_typo}"), encoding="utf-8")
    analysis = analyze(sample, StatusSource.LEAN)
    typo = [d for d in messages(analysis, "cor:pow-card-eq-one") if "typo" in d.message]
    assert [d.severity for d in typo] == [Severity.WARNING], typo
    status = analysis.statuses["cor:pow-card-eq-one"]
    assert not status.stated and status.fill is not Fill.FULLY_PROVED
    # a name that could come from Mathlib stays a note
    totient = messages(analysis, "def:totient")
    assert [d.severity for d in totient] == [Severity.INFO]
    built = run_cli("build", str(sample), "-o", str(sample.parent / "site"), "--strict",
                    cwd=sample.parent)
    assert built.returncode == 1 and "Sample.lagrange_thm_typo" in built.stdout


def test_check_exit_status_and_formats(sample: Path) -> None:
    plain = run_cli("check", str(sample), cwd=sample.parent)
    assert plain.returncode == 0, plain.stdout  # warnings only
    assert "blueprint/src/chapter/congruences.tex" in plain.stdout
    strict = run_cli("check", str(sample), "--strict", cwd=sample.parent)
    assert strict.returncode == 1
    usage = run_cli("check", str(sample), "--format", "yaml", cwd=sample.parent)
    assert usage.returncode == 2
    github = run_cli("check", str(sample), "--format", "github", cwd=sample.parent)
    assert "::warning file=blueprint/src/chapter/congruences.tex,line=" in github.stdout
    data = json.loads(run_cli("check", str(sample), "--format", "json", cwd=sample.parent).stdout)
    assert {"severity", "file", "line", "message"} == set(data[0])


def test_github_annotations_escape_newlines_and_separators() -> None:
    line = github_annotations([Diagnostic("a,b:c.tex", 3, Severity.ERROR, "x\ny%")])[0]
    assert line == "::error file=a%2Cb%3Ac.tex,line=3::x%0Ay%25"


def test_suggestions_find_moves_and_renames_but_not_common_names_elsewhere() -> None:
    from types import SimpleNamespace

    from blueprint.analysis.lean_status import _Suggestions

    names = [
        "Sample.Euclid.not_dvd_succ",
        "ProbabilityTheory.maximal_ineq",
        "Foo.AEStronglyAdapted.congr",
        "Bar.Quux.congr",
        "Sample.lemma_one'",
    ]
    suggest = _Suggestions(SimpleNamespace(index=dict.fromkeys(names)))  # type: ignore[arg-type]
    assert suggest("Euclid.not_dvd_succ") == ["Sample.Euclid.not_dvd_succ"]  # missing prefix
    assert suggest("MeasureTheory.maximal_ineq") == ["ProbabilityTheory.maximal_ineq"]  # moved
    assert suggest("Sample.lemma_one") == ["Sample.lemma_one'"]  # renamed
    assert suggest("MeasureTheory.Martingale.congr") == []  # a common name elsewhere


def test_a_watch_session_works_out_again_only_the_lean_nodes_that_changed(sample: Path) -> None:
    """`LeanStatusMemo`: a node written in Lean keeps its result while it is the same node
    and the project and overrides the same; anything else is worked out again, and every
    result is the one worked out from scratch."""
    from dataclasses import replace

    from blueprint.analysis.lean_status import LeanStatusMemo, lean_status

    analysis = analyze(sample, StatusSource.LEAN)
    graph, project = analysis.graph, analysis.lean_project
    assert project is not None
    nodes = [replace(node, from_lean=True) for node in analysis.nodes]
    memo = LeanStatusMemo()
    first = lean_status(nodes, graph, project, None, memo)
    again = lean_status(nodes, graph, project, None, memo)
    assert first == again == lean_status(nodes, graph, project)
    assert all(again.reports[node.id] is first.reports[node.id] for node in nodes)

    at = next(i for i, node in enumerate(nodes) if node.id == "thm:euler")
    euler = nodes[at]
    renamed = replace(euler, statement=replace(euler.statement, lean=["Sample.nowhere"]))
    edited = [*nodes[:at], renamed, *nodes[at + 1 :]]
    changed = lean_status(edited, graph, project, None, memo)
    assert changed == lean_status(edited, graph, project)
    assert [d.found for d in changed.reports["thm:euler"].declarations] == [False]
    assert all(d.found for d in first.reports["thm:euler"].declarations)

    sorried = [d.name for d in first.reports["thm:euler"].declarations if d.has_sorry]
    assert sorried  # the sample's proof with a sorry
    overrides = {name: False for name in sorried}
    proved = lean_status(nodes, graph, project, overrides, memo)
    assert proved == lean_status(nodes, graph, project, overrides)
    assert not any(d.has_sorry for d in proved.reports["thm:euler"].declarations)
