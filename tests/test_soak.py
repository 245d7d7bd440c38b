"""The short version of `bench/soak_watch.py`: random edits against a live `watch`, then
the served site must be a fresh build of the final files, byte for byte."""

from __future__ import annotations

from pathlib import Path

from bench.soak_watch import print_report, run_soak


def test_fifty_random_edits_end_in_the_site_of_the_final_files(tmp_path: Path) -> None:
    report = run_soak(50, seed=20_261_128, folder=tmp_path)
    print_report(report)
    assert sum(report.edits.values()) == 50
    assert report.rebuilds > 5 and report.failed_rebuilds > 0  # broken files were seen
    assert report.compared > 10 and not report.mismatches and not report.extra
    assert not report.final_errors
    assert not report.internal_errors and not report.bad_fetches
    assert report.crashed is None
