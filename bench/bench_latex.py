"""Speed of the LaTeX to items conversion (`site.latex.parser`) on a whole project's texts.

The project is analysed once (as a build does), then its site data are made once with the
converter's LaTeX functions recording every text they are given (statements, proofs,
titles, chapter pages) with its context; the recorded texts are then converted again,
best of --repeat (process CPU seconds). With --baseline DIR (a checkout of another revision,
`git archive main | tar -x -C DIR`) the same is measured with its code, in a process of its
own, in the same run, the two taking turns, and the ratio is printed, with whether the two
codes made the same items of every text (their `repr`s hashed).

    python bench/bench_latex.py [PROJECT] [--repeat 20] [--rounds 3] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import baseline

DEFAULT = Path("/work/projects/PrimeNumberTheoremAnd")


def convert_texts(project: Path, repeat: int) -> dict[str, float | str]:
    """Analyse `project`, record the texts its site converts, convert them `repeat` times:
    the least CPU seconds of one pass, and how many texts a pass converts."""
    from blueprint import collector
    from blueprint.build import analyze
    from blueprint.model import Syntax
    from blueprint.site import convert
    from blueprint.site.pagedata import site_data

    collector.for_one_shot()  # the cycle collector's pace in a build
    with tempfile.TemporaryDirectory() as cache:
        analysis = analyze(project, cache_dir=Path(cache))
    calls: list[tuple[object, str, object]] = []

    def recorder(function: object) -> object:
        def record(text: str, context: object) -> object:
            calls.append((function, text, context))
            return function(text, context)  # type: ignore[operator]

        return record

    for table in (convert._TO_BLOCKS, convert._TO_INLINES):
        table[Syntax.LATEX] = recorder(table[Syntax.LATEX])  # type: ignore[assignment]
    site_data(analysis)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        results = [function(text, context) for function, text, context in calls]  # type: ignore
        best = min(best, time.process_time() - start)
    digest = hashlib.sha256(repr(results).encode()).hexdigest()
    return {"seconds": best, "texts": len(calls), "digest": digest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("project", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3, help="turns of each code (with --baseline)")
    ap.add_argument("--baseline", type=Path, help="a checkout of the revision to compare with")
    args = ap.parse_args()
    codes: list[Path | None] = [None] if args.baseline is None else [args.baseline, None]
    best: dict[Path | None, float] = {}
    digests: dict[Path | None, str] = {}
    texts = 0
    for _ in range(args.rounds if args.baseline else 1):
        for code in codes:
            result = baseline.call(code, "bench.bench_latex", "convert_texts", args.project,
                                   args.repeat)
            assert isinstance(result, dict)
            best[code] = min(best.get(code, float("inf")), result["seconds"])
            texts = int(result["texts"])
            digests[code] = str(result["digest"])
    print(f"{args.project.name}: {texts} texts converted ({baseline.load()}), "
          f"CPU seconds of one pass, best of {args.repeat} x {args.rounds if args.baseline else 1}")
    print(f"  ours      {best[None]:.3f} s")
    if args.baseline is not None:
        before = best[args.baseline]
        print(f"  baseline  {before:.3f} s   ({args.baseline})")
        print(f"  ratio     {before / best[None]:.2f}x faster")
        same = digests[None] == digests[args.baseline]
        print("  items     " + ("the same" if same else "DIFFERENT from the baseline's"))


if __name__ == "__main__":
    main()
