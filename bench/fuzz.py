"""A fuzz campaign over the LaTeX reader and the Lean scanner.

    python bench/fuzz.py                       # 100,000 cases, seed 1
    python bench/fuzz.py --cases 1000000 --seed 7 [--corpus tests/corpus]

Cases are drawn from five generators: LaTeX token soup, mutated windows of the real
blueprints in the corpus, blueprints of several files that `\\input` each other (cycles,
missing files, paths leaving the folder, undecodable bytes, packages), Lean token soup and
mutated real Lean files. Every case must satisfy:

- `read_blueprint` (through a dict-backed loader) and `scan_lean` return; nothing raises (the
  scanner's own last-resort guard counts as a failure too: it only hides a bug);
- every diagnostic names a file of the case that was read and a line that file has, and so
  does every node, heading and declaration.

A failing case is shrunk to a small reproducer (delta debugging over lines, then
characters) and printed with the exception or the broken property. Cases much slower than
their size explains are listed too (a quadratic corner shows up there first).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from blueprint.lean.scanner import scan_lean  # noqa: E402
from blueprint.model import Diagnostic  # noqa: E402
from blueprint.readers.latex import read_blueprint  # noqa: E402
from blueprint.readers.latex.source import normalize_newlines  # noqa: E402
from tests.helpers import CORPUS  # noqa: E402

SLOW_SECONDS = 0.5  # a case this slow is reported (cases are at most a few kilobytes)
_GUARD = "Lean scanner failed"

TEX_TOKENS = [
    *["\\begin{lemma}", "\\end{lemma}", "\\begin{theorem}[T]", "\\end{theorem}"],
    *["\\begin{proof}", "\\end{proof}", "\\begin{definition}", "\\end{definition}"],
    *["\\begin{document}", "\\end{document}", "\\begin{itemize}", "\\end{itemize}", "\\item "],
    *["\\begin{equation}", "\\end{equation}", "\\begin{verbatim}", "\\end{verbatim}"],
    *["\\begin{comment}", "\\end{comment}", "\\begin{", "\\end{", "\\begin", "\\end"],
    *["\\label{a}", "\\label{b}", "\\label{a, b}", "\\label{", "\\label", "\\label{}"],
    *["\\uses{a}", "\\uses{a,b,zz}", "\\uses{", "\\proves{a}", "\\lean{A.b}", "\\lean{"],
    *["\\leanok", "\\mathlibok", "\\notready", "\\discussion{12}", "\\alsoIn{s}"],
    *["\\chapter{C}", "\\section{S}", "\\section*{S}", "\\subsection[s]{S}", "\\part{P}"],
    *["\\label{s}", "\\appendix", "\\input{f1}", "\\input{f2}", "\\include{f3}", "\\input "],
    *["\\input{../x}", "\\input{/etc/passwd}", "\\input{web}", "\\input", "\\input{"],
    *["\\usepackage{blueprint}", "\\usepackage[thms=lemma+theorem]{blueprint}"],
    *["\\usepackage{pkg}", "\\documentclass{article}", "\\documentclass{book}"],
    *["\\newtheorem{lemma}{Lemma}", "\\newtheorem{claim}[lemma]{Claim}[section]"],
    *["\\declaretheorem[name=X]{thm}", "\\newcommand{\\x}[1]{#1}", "\\def\\y#1{", "\\let\\z"],
    *["\\renewenvironment{proof}{a}{b}", "\\graphcolor{stated}{red}{R}", "\\github{u}"],
    *["\\title{T}", "\\home{", "\\iffalse", "\\ifx", "\\else", "\\fi", "\\verb|x|", "\\verb"],
    *["\\lstinline{y}", "\\\\", "\\%", "\\{", "\\}", "%", "% comment\n", "{", "}", "[", "]"],
    *["$", "$$", "\\[", "\\]", "&", "#", "~", "*", "\n", "\n\n", " ", "\t", "\r", "\r\n"],
    *["x", "word ", "é", "∀ℝ", "😀", "\ufeff", "\x00", "\ufffd", "<", ">", '"', "'"],
]
LEAN_TOKENS = [
    *["theorem ", "lemma ", "def ", "instance ", "structure ", "class ", "inductive ", "abbrev "],
    *["namespace ", "section ", "end ", "open ", " in\n", "variable ", "mutual ", "import "],
    *["private ", "protected ", "noncomputable ", "@[simp] ", "@[to_additive] ", "@[", "]"],
    *["alias ", "irreducible_def ", "proof_wanted ", "example ", "#exit", "set_option ", "where"],
    *["attribute [simp] ", "deriving ", "extends ", "| ", " := ", " : ", ":= by\n", "sorry"],
    *["/--", "/-", "-/", "--", '"', "'", 's!"', "r#\"", "\"#", "«", "»", "⟨", "⟩", "(", ")"],
    *["{", "}", "[", "]", "⦃", "⦄", ".", "_", "Foo", "bar", "x.y", "ℝ", "α", "₁", "\n", " "],
    *["\t", "\r", "\\", "fun x => x", "by simp", "exact h", "omega", "\n  ", "\x00"],
]


@dataclass
class Case:
    """One input: a LaTeX blueprint (files, main file) or a Lean file (one entry)."""

    kind: str  # "tex" | "lean"
    generator: str
    files: dict[str, str | bytes]
    root: str


@dataclass
class Finding:
    """A broken property: an exception, or a diagnostic pointing nowhere."""

    signature: str  # what failed and where, to group the same bug found many times
    detail: str
    case: Case


@dataclass
class Corpus:
    tex: list[list[str]]  # lines of each real .tex file
    lean: list[list[str]]

    @staticmethod
    def load(folder: Path | None) -> Corpus:
        tex = _files_lines(folder, "*.tex") if folder else []
        lean = _files_lines(REPO / "sample_project", "*.lean")
        tex += _files_lines(REPO / "sample_project" / "blueprint", "*.tex")
        return Corpus(tex or [["\\begin{lemma}\\label{a}x\\end{lemma}"]], lean or [["def a := 1"]])


def _files_lines(folder: Path, pattern: str) -> list[list[str]]:
    found = []
    for path in sorted(folder.rglob(pattern)):
        if path.is_file():
            found.append(path.read_text(encoding="utf-8", errors="replace").split("\n"))
    return found


# -- generators -----------------------------------------------------------------------


def soup(rng: random.Random, tokens: list[str], most: int) -> str:
    return "".join(rng.choice(tokens) for _ in range(rng.randint(0, most)))


def mutate(rng: random.Random, text: str, tokens: list[str]) -> str:
    """A few random edits: cut, duplicate, move, insert a token or a nest, truncate."""
    for _ in range(rng.randint(1, 6)):
        size = len(text)
        a, b = sorted((rng.randint(0, size), rng.randint(0, size)))
        b = min(b, a + rng.randint(0, 200))
        choice = rng.randrange(8)
        if choice == 0:
            text = text[:a] + text[b:]
        elif choice == 1:
            text = text[:b] + text[a:b] + text[b:]
        elif choice == 2:
            text = text[:a] + rng.choice(tokens) + text[a:]
        elif choice == 3:
            depth = rng.randint(1, 300)
            opener, closer = rng.choice([("{", "}"), ("[", "]"), ("\\begin{itemize}", "\\end{x}")])
            text = text[:a] + opener * depth + text[a:b] + closer * rng.randint(0, depth) + text[b:]
        elif choice == 4:
            odd = chr(rng.choice([0, 13, 0xFEFF, 0xFFFD, rng.randint(32, 0x2FFFF)]))
            text = text[:a] + odd + text[a:]
        elif choice == 5:
            text = text[:a]
        elif choice == 6:
            where = rng.randint(0, size)
            text = text[:where] + text[a:b] + text[where:]
        else:
            text = text[:a] + text[a:b].swapcase() + text[b:]
    return text


def window(rng: random.Random, files: list[list[str]], most: int = 120) -> str:
    lines = rng.choice(files)
    start = rng.randrange(len(lines))
    return "\n".join(lines[start : start + rng.randint(1, most)])


def tex_soup(rng: random.Random, corpus: Corpus) -> Case:
    return Case("tex", "tex-soup", {"web.tex": soup(rng, TEX_TOKENS, 200)}, "web.tex")


def tex_mutant(rng: random.Random, corpus: Corpus) -> Case:
    text = mutate(rng, window(rng, corpus.tex), TEX_TOKENS)
    if rng.random() < 0.5:
        text = f"\\begin{{document}}\n{text}\n\\end{{document}}"
    return Case("tex", "tex-mutant", {"web.tex": text}, "web.tex")


def tex_multi(rng: random.Random, corpus: Corpus) -> Case:
    """Several files that input each other, some in a folder, one maybe undecodable."""
    names = ["web.tex", "f1.tex", "f2.tex", "sub/f3.tex", "pkg.sty"]
    files: dict[str, str | bytes] = {}
    for name in names[: rng.randint(2, len(names))]:
        body = soup(rng, TEX_TOKENS, 80)
        if rng.random() < 0.5:
            body = mutate(rng, window(rng, corpus.tex, 40), TEX_TOKENS) + body
        links = [rng.choice(["f1", "f2", "sub/f3", "f3", "web", "../f1", "nope"])]
        body += "".join(f"\n\\input{{{link}}}\n" for link in links)
        files[name] = body
    if rng.random() < 0.2:
        victim = rng.choice([n for n in files if n != "web.tex"] or ["web.tex"])
        bad = bytes([rng.choice([0x80, 0xC3, 0xFF])])  # invalid UTF-8 at the end
        files[victim] = str(files[victim]).encode("utf-8", "surrogatepass") + bad
    return Case("tex", "tex-multi", files, "web.tex")


def lean_soup(rng: random.Random, corpus: Corpus) -> Case:
    return Case("lean", "lean-soup", {"M.lean": soup(rng, LEAN_TOKENS, 200)}, "M.lean")


def lean_mutant(rng: random.Random, corpus: Corpus) -> Case:
    text = mutate(rng, window(rng, corpus.lean, 200), LEAN_TOKENS)
    return Case("lean", "lean-mutant", {"M.lean": text}, "M.lean")


GENERATORS: list[Callable[[random.Random, Corpus], Case]] = [
    tex_soup,
    tex_mutant,
    tex_multi,
    lean_soup,
    lean_mutant,
]


# -- properties -------------------------------------------------------------------------


def dict_loader(files: dict[str, str | bytes]) -> Callable[[str], str]:
    def load(path: str) -> str:
        if path not in files:
            raise FileNotFoundError(path)
        content = files[path]
        return content.decode("utf-8") if isinstance(content, bytes) else content

    return load


def line_counts(files: dict[str, str | bytes]) -> dict[str, int]:
    """Lines of each file as the reader counts them (CR, CRLF and LF all end a line)."""
    counts = {}
    for name, content in files.items():
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        counts[name] = normalize_newlines(text).count("\n") + 1
    return counts


def nowhere(
    points: Iterable[tuple[str, int, str]], counts: dict[str, int], read: set[str]
) -> str | None:
    """The first (file, line) that is not a real line of a file read, described."""
    for file, line, what in points:
        if file not in read:
            return f"{what} names {file!r}, not a file read ({sorted(read)})"
        if not 1 <= line <= counts[file]:
            return f"{what} at {file}:{line}, which has {counts[file]} lines"
    return None


def check(case: Case) -> tuple[Finding | None, list[Diagnostic]]:
    """Run one case; a finding if a property breaks, and the diagnostics."""
    try:
        if case.kind == "tex":
            return _check_tex(case)
        return _check_lean(case)
    except Exception as error:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if "blueprint" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        detail = "".join(traceback.format_exception(error)[-6:])
        return Finding(f"{case.kind}: {type(error).__name__} at {where}", detail, case), []


def _check_tex(case: Case) -> tuple[Finding | None, list[Diagnostic]]:
    blueprint = read_blueprint(case.root, dict_loader(case.files))
    points = [(d.file, d.line, f"diagnostic {d.message!r}") for d in blueprint.diagnostics]
    points += [(n.file, n.line, f"node {n.id}") for n in blueprint.nodes]
    points += [(n.proof.file, n.proof.line, f"proof of {n.id}") for n in blueprint.nodes if n.proof]
    points += [(h.file, h.line, f"heading {h.title!r}") for h in blueprint.headings]
    problem = nowhere(points, line_counts(case.files), set(blueprint.files))
    finding = None
    if problem is not None:
        finding = Finding("tex: " + re.sub(r"'.*'|\d+", "_", problem), problem, case)
    return finding, blueprint.diagnostics


def _check_lean(case: Case) -> tuple[Finding | None, list[Diagnostic]]:
    text = str(case.files[case.root])
    scanned = scan_lean(text, "M", case.root)
    guard = [d for d in scanned.diagnostics if d.message.startswith(_GUARD)]
    if guard:
        kind = guard[0].message.removeprefix(_GUARD).split("(")[0].strip(": ")
        return Finding(f"lean: scanner guard caught {kind}", guard[0].message, case), []
    counts = {case.root: text.replace("\r\n", "\n").count("\n") + 1}
    points = [(d.file, d.line, f"diagnostic {d.message!r}") for d in scanned.diagnostics]
    points += [(case.root, d.line, f"declaration {d.name}") for d in scanned.declarations]
    problem = nowhere(points, counts, {case.root})
    finding = None
    if problem is not None:
        finding = Finding("lean: " + re.sub(r"'.*'|\d+", "_", problem), problem, case)
    return finding, scanned.diagnostics


# -- shrinking --------------------------------------------------------------------------


def shrink(finding: Finding, budget: int = 2000) -> Case:
    """A smaller case that fails the same way: files left out, then ddmin over each file's
    lines, then over its characters; at most `budget` runs."""
    tries = [0]

    def fails(candidate: Case) -> bool:
        tries[0] += 1
        found, _ = check(candidate)
        return found is not None and found.signature == finding.signature

    def allowed() -> bool:
        return tries[0] < budget

    case = finding.case
    for name in [n for n in case.files if n != case.root]:
        fewer = _with_files(case, {n: c for n, c in case.files.items() if n != name})
        if allowed() and fails(fewer):
            case = fewer
    for name in [n for n, c in case.files.items() if isinstance(c, str)]:
        for joiner in ("\n", ""):
            parts = str(case.files[name]).split("\n") if joiner else list(str(case.files[name]))
            base = case

            def still_fails(
                kept: list[str], n: str = name, j: str = joiner, c: Case = base
            ) -> bool:
                return fails(_with_text(c, n, j, kept))

            case = _with_text(case, name, joiner, _ddmin(parts, still_fails, allowed))
    return case


def _with_files(case: Case, files: dict[str, str | bytes]) -> Case:
    return Case(case.kind, case.generator, files, case.root)


def _with_text(case: Case, name: str, joiner: str, parts: list[str]) -> Case:
    return _with_files(case, {**case.files, name: joiner.join(parts)})


def _ddmin(
    parts: list[str], fails: Callable[[list[str]], bool], allowed: Callable[[], bool]
) -> list[str]:
    chunks = 2
    while len(parts) >= 2 and allowed():
        size = max(1, len(parts) // chunks)
        for start in range(0, len(parts), size):
            rest = parts[:start] + parts[start + size :]
            if allowed() and fails(rest):
                parts, chunks = rest, max(chunks - 1, 2)
                break
        else:
            if size == 1:
                break
            chunks = min(len(parts), chunks * 2)
    return parts


# -- the campaign -----------------------------------------------------------------------


@dataclass
class Report:
    cases: int = 0
    seconds: float = 0.0
    by_generator: Counter[str] = field(default_factory=Counter)
    findings: dict[str, Finding] = field(default_factory=dict)  # first of each signature
    counts: Counter[str] = field(default_factory=Counter)  # signature -> times found
    severities: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)  # diagnostic messages, generalised
    slow: list[tuple[float, str, int]] = field(default_factory=list)  # seconds, generator, size
    total_bytes: int = 0


def run_campaign(
    cases: int,
    seed: int = 1,
    corpus: Corpus | None = None,
    max_seconds: float | None = None,
    progress: Callable[[Report], None] | None = None,
) -> Report:
    """Run `cases` generated cases (fewer if `max_seconds` runs out first)."""
    rng = random.Random(seed)
    corpus = corpus or Corpus.load(CORPUS)
    report = Report()
    start = time.perf_counter()
    for index in range(cases):
        if max_seconds is not None and time.perf_counter() - start > max_seconds:
            break
        generator = GENERATORS[index % len(GENERATORS)]
        case = generator(random.Random(rng.getrandbits(64)), corpus)
        size = sum(len(c) for c in case.files.values())
        began = time.perf_counter()
        finding, diagnostics = check(case)
        elapsed = time.perf_counter() - began
        _tally(report, case, size, elapsed, finding, diagnostics)
        if progress is not None and (index + 1) % 10_000 == 0:
            report.seconds = time.perf_counter() - start
            progress(report)
    report.seconds = time.perf_counter() - start
    return report


def _tally(
    report: Report,
    case: Case,
    size: int,
    elapsed: float,
    finding: Finding | None,
    diagnostics: list[Diagnostic],
) -> None:
    report.cases += 1
    report.total_bytes += size
    report.by_generator[case.generator] += 1
    if elapsed > SLOW_SECONDS:
        report.slow.append((elapsed, case.generator, size))
    if finding is not None:
        report.counts[finding.signature] += 1
        report.findings.setdefault(finding.signature, finding)
    for diagnostic in diagnostics:
        report.severities[f"{case.kind} {diagnostic.severity}"] += 1
        report.kinds[f"{case.kind}: {_generalise(diagnostic.message)}"] += 1


def _generalise(message: str) -> str:
    message = re.sub(r"\{[^{}]*\}", "{…}", message)
    message = re.sub(r"`[^`]*`|\([^()]*\)|\d+", "…", message)
    return message[:70]


def print_report(report: Report, top: int = 15, shrink_budget: int = 2000) -> None:
    rate = report.cases / report.seconds if report.seconds else 0.0
    print(f"cases tried: {report.cases:,} in {report.seconds:.1f} s ({rate:,.0f}/s), "
          f"{report.total_bytes / 1e6:.1f} MB of input")  # fmt: skip
    generators = sorted(report.by_generator.items())
    print("by generator: " + ", ".join(f"{g} {n:,}" for g, n in generators))
    print("diagnostics: " + ", ".join(f"{k} {n:,}" for k, n in sorted(report.severities.items())))
    print(f"most frequent diagnostics (of {len(report.kinds)} kinds):")
    for kind, count in report.kinds.most_common(top):
        print(f"  {count:>9,}  {kind}")
    slow = sorted(report.slow, reverse=True)[:5]
    print(f"slow cases (> {SLOW_SECONDS} s): {len(report.slow)}"
          + "".join(f"\n  {s:.2f} s  {g}, {n:,} characters" for s, g, n in slow))  # fmt: skip
    print(f"findings: {len(report.findings)}")
    for signature, finding in report.findings.items():
        small = shrink(finding, shrink_budget)
        print(f"\n### {signature}  (found {report.counts[signature]:,} times)")
        print(finding.detail.rstrip())
        print(f"minimal reproducer ({small.kind}, main file {small.root!r}):")
        for name, content in small.files.items():
            print(f"  {name}: {content!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--max-seconds", type=float, default=None)
    args = parser.parse_args(argv)
    corpus = Corpus.load(args.corpus if args.corpus.is_dir() else None)
    print(f"corpus: {len(corpus.tex)} .tex files, {len(corpus.lean)} .lean files; "
          f"seed {args.seed}; {args.cases:,} cases")  # fmt: skip

    def progress(report: Report) -> None:
        print(f"  ... {report.cases:,} cases, {report.seconds:.0f} s, "
              f"{len(report.findings)} findings", flush=True)  # fmt: skip

    report = run_campaign(args.cases, args.seed, corpus, args.max_seconds, progress)
    print_report(report)
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
