"""The short version of `bench/load_serve.py`: 50 browser-like clients for 4 s against a
watch-mode server on 127.0.0.1, which must answer every request whole, keep every
live-reload stream and deliver the reloads, and end with the threads, descriptors and
memory it started with."""

from __future__ import annotations

import sys

import pytest

from bench.load_serve import print_report, run_load

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def test_fifty_clients_for_four_seconds() -> None:
    report = run_load(clients=50, seconds=4.0, reload_every=1.25)  # quiet spells between
    print_report(report)
    assert report.requests > 500 and not report.errors
    assert report.streams_held == 50
    assert min(report.reloads_seen) >= report.reloads_sent - 1  # delivered as they happen
    assert report.before is not None and report.peak is not None and report.after is not None
    assert report.peak.threads > 50  # the clients were really there at once
    assert report.after.threads == report.before.threads  # no leaked thread
    assert report.after.fds == report.before.fds  # no leaked descriptor
    assert report.after.rss_mb < report.before.rss_mb + 40  # memory stable
