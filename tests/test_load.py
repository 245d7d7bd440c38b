"""The short version of `bench/load_serve.py`: 50 browser-like clients, twice for 2 s, against a
watch-mode server on 127.0.0.1, which must answer every request whole, keep every
live-reload stream and deliver the reloads, and end each round with the threads and
descriptors it started with, its memory no longer growing."""

from __future__ import annotations

import statistics
import sys

import pytest

from bench.load_serve import print_report, run_load

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def test_fifty_clients_twice_for_two_seconds() -> None:
    report = run_load(clients=50, seconds=2.0, reload_every=0.5, rounds=2)
    print_report(report)
    assert report.requests > 500 and not report.errors
    assert report.streams_held == 100
    # delivered as they happen: each stream gets every reload sent while it was open (but
    # one sent as its round ended), and most were open for the whole round
    due = report.reloads_due()
    assert len(due) == len(report.reloads_seen) == 100
    assert all(seen >= sent - 1 for seen, sent in zip(report.reloads_seen, due, strict=True))
    assert statistics.median(report.reloads_seen) >= report.reloads_sent - 1
    assert report.before is not None and report.peak is not None
    assert report.peak.threads > 100  # the clients were really there at once
    first, second = report.afters
    for after in (first, second):
        assert after.threads == report.before.threads  # no leaked thread
        assert after.fds == report.before.fds  # no leaked descriptor
    assert second.rss_mb < first.rss_mb + 8  # memory stable: the second round adds little
