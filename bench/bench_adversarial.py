"""How the time of hostile inputs grows with their size: each case at doubling sizes.

    python bench/bench_adversarial.py                 # sizes 0.5, 1, 2, 4 MB (reader, scanner)
    python bench/bench_adversarial.py --mb 1 --steps 5 --build-mb 0.25

Three groups: the LaTeX reader alone (a dict-backed loader, no size limit), the Lean
scanner alone, and the whole `build()` of a copy of the sample project with the hostile
file `\\input` from its content (below the 4 MB limit a .tex file may have; a 50 MB file is
refused, which is timed last). For each size the time and the ratio to the previous size
are printed: about 2 means linear, about 4 quadratic; a ratio over 3 is flagged. (At the
largest sizes Python's cyclic garbage collector alone adds a little: with `gc` disabled the
scanner's 8 MB of declarations take 2.0 times its 4 MB, with it 2.5 times.)
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from blueprint.build import build  # noqa: E402
from blueprint.lean.scanner import scan_lean  # noqa: E402
from blueprint.readers.latex import read_blueprint  # noqa: E402

Maker = Callable[[int], str]  # size in bytes -> content of about that size

PROSE = "Some prose $x^2$ with \\emph{words}, \\cite{ref} and more words, lots of them.\n"
LEMMA = "\\begin{lemma}[L%d]\\label{l%d}\\uses{l0, nope%d}\\lean{A.b%d}\\leanok x\\end{lemma}\n"
DECL = "/-- doc -/\ntheorem t%d (n : ℕ) : n + 0 = n := by\n  simp [foo, bar.baz]\n\n"


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def nested(opener: str, closer: str, middle: str = "x") -> Maker:
    def make(size: int) -> str:
        depth = size // (len(opener) + len(closer))
        return opener * depth + middle + closer * depth

    return make


TEX_CASES: dict[str, Maker] = {
    "prose": lambda size: repeat(PROSE, size),
    "lemmas with unknown \\uses": lambda size: "".join(
        LEMMA % (i, i, i, i) for i in range(size // len(LEMMA % (0, 0, 0, 0)))
    ),
    "nested braces": nested("{", "}"),
    "unclosed braces": lambda size: "{" * size,
    "stray closing braces": lambda size: "}" * size,
    "nested environments": nested("\\begin{itemize}\\item ", "\\end{itemize}"),
    "unclosed environments": lambda size: repeat("\\begin{lemma}", size),
    "unclosed arguments": lambda size: repeat("\\label{\\begin{lemma}[", size),
    "one long line of comments": lambda size: repeat("% c ", size),
    "\\iffalse never closed": lambda size: "\\iffalse" + repeat("\\ifx x ", size),
    "\\verb| never closed": lambda size: repeat("\\verb|x ", size),
    "verbatim never closed": lambda size: repeat("\\begin{verbatim}\\begin{lemma}", size),
}
LEAN_CASES: dict[str, Maker] = {
    "declarations": lambda size: repeat(DECL, size),
    "nested brackets": nested("(", ")"),
    "unterminated comment": lambda size: "/-" + repeat("/- x -/ theorem t : T := x\n", size),
    "unterminated string": lambda size: '"' + repeat("theorem t : T := x\n", size),
    "one long line": lambda size: "def x := " + repeat("a + ", size),
    "attributes": lambda size: repeat("@[simp, to_additive (attr := simp)] ", size),
}
BUILD_CASES: dict[str, Maker] = {
    "prose chapter": lambda size: "\\chapter{Big}\n" + repeat(PROSE, size),
    "lemmas": lambda size: "\\chapter{L}\n"
    + "".join(LEMMA % (i, i, i, i) for i in range(size // len(LEMMA % (0, 0, 0, 0)))),
    "nested braces": nested("{", "}"),
    "unclosed environments": lambda size: repeat("\\begin{enumerate}\\item ", size),
}


def seconds(run: Callable[[], object]) -> float:
    """The best of three runs when a run is short (noise), else of one."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
        if best > 0.5:
            break
    return best


def time_reader(text: str) -> float:
    files = {"web.tex": "\\begin{document}\n\\input{big}\n\\end{document}\n", "big.tex": text}
    return seconds(lambda: read_blueprint("web.tex", files.__getitem__))


def time_scanner(text: str) -> float:
    return seconds(lambda: scan_lean(text, "M", "M.lean"))


def time_build(sample: Path, text: str) -> float:
    chapter = sample / "blueprint" / "src" / "chapter" / "big.tex"
    chapter.write_text(text, encoding="utf-8")
    return seconds(lambda: build(sample, sample.parent / "site"))


def prepare_sample(folder: Path) -> Path:
    sample = folder / "sample"
    shutil.copytree(REPO / "sample_project", sample, ignore=shutil.ignore_patterns(".blueprint-*"))
    content = sample / "blueprint" / "src" / "content.tex"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("\\input{chapter/groups}", "\\input{chapter/big}\n"
                                    "\\input{chapter/groups}"), encoding="utf-8")  # fmt: skip
    return sample


def table(
    title: str, cases: dict[str, Maker], sizes: list[int], timer: Callable[[str], float]
) -> int:
    """Print one group; the number of cases whose time grows faster than linearly."""
    header = "".join(f"{size / 1e6:>9.2f} MB" for size in sizes)
    print(f"\n{title}\n{'case':<28}{header}   ratios (2 = linear)")
    flagged = 0
    for name, make in cases.items():
        times = [timer(make(size)) for size in sizes]
        ratios = [b / a if a > 0 else 0.0 for a, b in itertools.pairwise(times)]
        # tiny times are noise: judge the growth on the larger sizes
        worst = max((r for r, t in zip(ratios, times[1:], strict=False) if t > 0.05), default=0)
        flag = "  SUPERLINEAR?" if worst > 3 else ""
        flagged += bool(flag)
        cells = "".join(f"{t:>10.3f} s" for t in times)
        print(f"{name:<28}{cells}   {' '.join(f'{r:.1f}' for r in ratios)}{flag}")
    return flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=0.5, help="smallest size, reader/scanner")
    parser.add_argument("--build-mb", type=float, default=0.25, help="smallest size, build")
    parser.add_argument("--steps", type=int, default=4, help="sizes, each twice the last")
    args = parser.parse_args()
    sizes = [int(args.mb * 1e6) * 2**i for i in range(args.steps)]
    flagged = table("LaTeX reader (read_blueprint)", TEX_CASES, sizes, time_reader)
    flagged += table("Lean scanner (scan_lean)", LEAN_CASES, sizes, time_scanner)
    build_sizes = [int(args.build_mb * 1e6) * 2**i for i in range(args.steps)]
    with tempfile.TemporaryDirectory() as folder:
        sample = prepare_sample(Path(folder))
        time_build(sample, "")  # a first build fills the layout cache
        flagged += table("whole build() of the sample plus the file", BUILD_CASES, build_sizes,
                         lambda text: time_build(sample, text))  # fmt: skip
        huge = repeat(PROSE, 50_000_000)
        refused = time_build(sample, huge)
        print(f"\na 50 MB .tex file (refused: over the 4 MB limit): whole build {refused:.2f} s")
    print(f"\n{flagged} case(s) grow faster than linearly" if flagged else "\nall cases linear")


if __name__ == "__main__":
    main()
