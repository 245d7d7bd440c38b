"""Speed of the LaTeX to items conversion (`site.latex.parser`) on a whole project's texts.

The project is analysed once (as a build does), then its site data are made once with the
converter's LaTeX functions recording every text they are given (statements, proofs,
titles, chapter pages) with its context. Measured (process CPU seconds, best of --repeat):
converting the recorded texts again, and making the site data (`site_data`, which converts
them all and does the rest of the nodes' and pages' data). With --baseline DIR (a checkout of
another revision, `git archive main | tar -x -C DIR`) the same is measured with its code, in
a process of its own, in the same run, the two taking turns (--rounds), and the ratios are
printed, with whether the two codes made the same items of every text (`repr`s hashed).

    python bench/bench_latex.py [PROJECT] [--repeat 5] [--rounds 6] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import baseline

DEFAULT = Path("/work/projects/PrimeNumberTheoremAnd")
SITE_DATA_REPEAT = 3  # site_data takes 10 times as long as the conversions alone


def best_cpu(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    """The least CPU seconds of `repeat` runs of `work`, and what its last run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = work()
        best = min(best, time.process_time() - start)
    return best, result


def convert_texts(project: Path, repeat: int) -> dict[str, float | str]:
    """Analyse `project`, record the texts its site converts, and measure: the conversion of
    them all, and `site_data` (CPU seconds); how many texts, and a digest of their items."""
    from blueprint import collector
    from blueprint.build import analyze
    from blueprint.model import Syntax
    from blueprint.site import convert
    from blueprint.site.pagedata import site_data

    collector.for_one_shot()  # the cycle collector's pace in a build
    with tempfile.TemporaryDirectory() as cache:
        analysis = analyze(project, cache_dir=Path(cache))
    calls: list[tuple[Callable[[str, object], object], str, object]] = []
    tables = (convert._TO_BLOCKS, convert._TO_INLINES)
    originals = [table[Syntax.LATEX] for table in tables]

    def recorder(function: Callable[[str, object], object]) -> Callable[[str, object], object]:
        def record(text: str, context: object) -> object:
            calls.append((function, text, context))
            return function(text, context)

        return record

    for table, function in zip(tables, originals, strict=True):
        table[Syntax.LATEX] = recorder(function)  # type: ignore[index,arg-type]
    site_data(analysis)
    for table, function in zip(tables, originals, strict=True):
        table[Syntax.LATEX] = function  # type: ignore[index]
    seconds, results = best_cpu(
        repeat, lambda: [function(text, context) for function, text, context in calls]
    )
    site_seconds, _ = best_cpu(min(repeat, SITE_DATA_REPEAT), lambda: site_data(analysis))
    digest = hashlib.sha256(repr(results).encode()).hexdigest()
    return {"seconds": seconds, "site_data": site_seconds, "texts": len(calls), "digest": digest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("project", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=6, help="turns of each code (with --baseline)")
    ap.add_argument("--baseline", type=Path, help="a checkout of the revision to compare with")
    args = ap.parse_args()
    codes: list[Path | None] = [None] if args.baseline is None else [args.baseline, None]
    rounds = args.rounds if args.baseline else 1
    best: dict[tuple[Path | None, str], float] = {}
    digests: dict[Path | None, str] = {}
    texts = 0
    for _ in range(rounds):
        for code in codes:
            result = baseline.call(code, "bench.bench_latex", "convert_texts", args.project,
                                   args.repeat)
            assert isinstance(result, dict)
            for measure in ("seconds", "site_data"):
                key = (code, measure)
                best[key] = min(best.get(key, float("inf")), float(result[measure]))
            texts = int(result["texts"])
            digests[code] = str(result["digest"])
    print(f"{args.project.name}: {texts} texts ({baseline.load()}), CPU seconds, "
          f"best of {args.repeat} x {rounds}")
    print(f"  {'':10}{'convert':>9}{'site_data':>11}")
    for code in codes:
        name = "ours" if code is None else "baseline"
        print(f"  {name:10}{best[code, 'seconds']:9.3f}{best[code, 'site_data']:11.3f}")
    if args.baseline is not None:
        ratios = [best[args.baseline, m] / best[None, m] for m in ("seconds", "site_data")]
        print(f"  {'ratio':10}{ratios[0]:8.2f}x{ratios[1]:10.2f}x   (baseline {args.baseline})")
        same = digests[None] == digests[args.baseline]
        print("  items: " + ("the same" if same else "DIFFERENT from the baseline's"))


if __name__ == "__main__":
    main()
