"""The short version of `bench/fuzz.py`: a few thousand generated cases, and proof that the
campaign does find and shrink a bug when there is one."""

from __future__ import annotations

import re

import pytest

from bench import fuzz
from blueprint.lean import scanner, scope
from blueprint.model import Diagnostic, Severity
from blueprint.readers.latex import reader


def test_a_short_campaign_finds_nothing() -> None:
    report = fuzz.run_campaign(3_000, seed=20_261_128)
    assert report.cases == 3_000
    assert set(report.by_generator) == {g.__name__.replace("_", "-") for g in fuzz.GENERATORS}
    assert report.severities, "the cases should produce diagnostics"
    assert not report.findings, {s: f.detail for s, f in report.findings.items()}


def test_a_planted_exception_is_found_and_shrunk(monkeypatch: pytest.MonkeyPatch) -> None:
    handler = reader.Reader._cs_label

    def broken(self: reader.Reader, cur: reader.Cursor, match: re.Match[str]) -> int:
        if cur.src.text.startswith("{b}", match.end()):
            raise KeyError("planted")
        return handler(self, cur, match)

    monkeypatch.setattr(reader.Reader, "_cs_label", broken)
    report = fuzz.run_campaign(1_000, seed=3)
    [finding] = report.findings.values()
    assert finding.signature.startswith("tex: KeyError at")
    small = fuzz.shrink(finding)
    assert small.files == {"web.tex": "\\label{b}"}


def test_a_diagnostic_pointing_nowhere_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    def beyond(
        self: scope.ScanContext, pos: int, message: str, severity: Severity = Severity.WARNING
    ) -> None:
        self.diags.append(Diagnostic(self.file, self.line(pos) + 10_000, severity, message))

    monkeypatch.setattr(scope.ScanContext, "diag", beyond)
    report = fuzz.run_campaign(500, seed=5)
    assert any("which has" in signature for signature in report.findings)


def test_the_scanner_guard_counts_as_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise IndexError("planted")

    monkeypatch.setattr(scanner, "merge_extra", broken)
    monkeypatch.setattr(scanner, "find_commands", broken)
    report = fuzz.run_campaign(50, seed=1)
    assert "lean: scanner guard caught IndexError" in report.findings
