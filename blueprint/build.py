"""The pipeline: discover the project, read its blueprint, analyse it, make the site, write it.

    config    = load_config(project)          blueprint.config
    blueprint = read(config)                  blueprint.readers
    analysis  = analyse(config, blueprint)    blueprint.analysis
    site      = make_site(analysis)           blueprint.site
    write_site(site.files, out)               blueprint.site.writer
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from blueprint.analysis import Analysis, AnalysisMemo, analyse, status_source_for
from blueprint.config import load_config
from blueprint.lean.loader import LeanLoader
from blueprint.model import SiteOptions, StatusSource
from blueprint.readers import read
from blueprint.readers.cache import BlueprintCache
from blueprint.timings import Timings

if TYPE_CHECKING:
    from blueprint.github.project import ClaimsReader
    from blueprint.history.model import History
    from blueprint.lean.project import ScanCache


@dataclass
class BuildCache(BlueprintCache):
    """What a watch session keeps between builds, so that a rebuild reads only what changed:
    the blueprint and the files it was read from, and the Lean files' scans."""

    lean_scans: ScanCache | None = None  # made when a Lean project is first read
    analysis: AnalysisMemo = field(default_factory=AnalysisMemo)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's collector of reference cycles paused (a decorator too): a build makes
    hardly any cycles (PrimeNumberTheoremAnd's read leaves 53 objects to it) but a few
    hundred thousand objects that live as long as it, which the collector would walk
    through again and again while they are made (PrimeNumberTheoremAnd: 0.15 s of the
    read's 1.7 s of CPU, 0.5 s of the build's 3.7 s). Any cycles are collected once it runs
    again. The processes forked meanwhile (the scan's workers) run without it too."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@without_cycle_collection()
def analyze(
    project: Path,
    status_source: StatusSource = StatusSource.AUTO,
    timings: Timings | None = None,
    lean_log: Path | None = None,
    cache: BuildCache | None = None,
    cache_dir: Path | None = None,
    github: ClaimsReader | None = None,
) -> Analysis:
    """Discover, read and analyse: everything that needs no layout. `cache_dir` replaces
    the project's cache folder (which need not be writable); with `github`, the claims are
    read from the project's issues and pull requests."""
    timings = timings or Timings()
    with timings.stage("discover"):
        config = load_config(project, cache_dir)
        source = status_source_for(config, status_source)
    needs_lean = source is StatusSource.LEAN or config.has_lean_sources()
    if cache is not None and cache.lean_scans is None and needs_lean:
        from blueprint.lean.project import ScanCache

        cache.lean_scans = ScanCache(cache.files)  # one reading of each file
    # read once, on first use, by the reader (a LeanArchitect blueprint) or the status
    lean = LeanLoader(config, cache.lean_scans if cache else None, lean_log)
    with timings.stage("read"):
        blueprint = cache.read_blueprint(config, lean) if cache else read(config, lean=lean)
    memo = cache.analysis if cache else None
    return analyse(config, blueprint, source, timings, github=github, lean=lean, memo=memo)


@without_cycle_collection()
def build(
    project: Path,
    out: Path,
    status_source: StatusSource = StatusSource.AUTO,
    timings: Timings | None = None,
    lean_log: Path | None = None,
    site: SiteOptions | None = None,
    history: bool = False,
    cache_dir: Path | None = None,
    github: ClaimsReader | None = None,
) -> Analysis:
    """Build the site of `project` into `out`, replacing it whole, or not at all.

    With `history`, the site gets a progress-over-time page made from the git history
    (`history.html`; without git history the page says so)."""
    from blueprint.outputs import claim_site_folder
    from blueprint.site.make import make_site
    from blueprint.site.writer import write_site

    timings = timings or Timings()
    analysis = analyze(
        project, status_source, timings, lean_log, cache_dir=cache_dir, github=github
    )
    claim_site_folder(out, analysis.source_paths())  # before the work: refuse it at once

    def git_history() -> History:
        from blueprint.history.walk import collect_history

        return collect_history(
            analysis.config.root,
            status_source=status_source,
            cache_dir=analysis.config.cache_dir / "history",
        )

    made = make_site(analysis, site, timings, git_history if history else None)
    with timings.stage("write"):
        write_site(made.files, out, analysis.source_paths())
    return analysis
