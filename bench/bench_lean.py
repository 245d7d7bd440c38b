"""Benchmark of the Lean scanner and the dependency name index.

Generates (deterministically, in a temporary folder) a project of ~1,300
Mathlib-like files / 160,000 lines and a `.lake/packages` tree of ~7,000
files / 2,000,000 lines, then prints scan time, dependency index cold, and
dependency index from cache, against the goals (<2 s, <20 s, <1 s).

    python bench/bench_lean.py [--files 1300] [--lines 160000]
        [--dep-files 7000] [--dep-lines 2000000] [--keep DIR]

With --project DIR, it measures instead the scanner alone (`scan_lean` of every `.lean`
file of a real project, read beforehand; process CPU seconds, best of --repeat), and with
--baseline CODE (a checkout of another revision) that code's too, in processes of their own
taking turns (--rounds), printing the ratio and whether both scanned every file the same:

    python bench/bench_lean.py --project /work/projects/PrimeNumberTheoremAnd \\
        --baseline /tmp/base2 [--repeat 5] [--rounds 4]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import baseline
from blueprint.lean.deps import index_dependencies
from blueprint.lean.model import LeanFile
from blueprint.lean.project import load_lean_project
from blueprint.lean.scanner import scan_lean

_WORDS = ["mul", "add", "one", "zero", "le", "lt", "comm", "assoc", "inv", "pow", "sum", "prod",
          "card", "map", "comp", "id", "mem", "subset", "union", "inter", "eq", "ne", "pos",
          "nonneg", "entropy", "measure", "integral", "cont", "deriv", "norm", "dist"]
_TYPES = ["ℝ", "ℕ", "ℤ", "G", "α", "Finset α", "Set α", "Measure Ω", "E →L[𝕜] F"]
_TACTICS = [
    "simp [{a}, {b}]", "rw [{a}, ← {b}]", "exact {a} h", "apply {a}", "linarith [{a} x]",
    "obtain ⟨y, hy, rfl⟩ := {a} h", "refine ⟨_, {a}⟩", "intro x hx", "constructor",
    "· simpa using {a} (by positivity)", "field_simp", "ring", "gcongr", "nlinarith [sq_nonneg x]",
    "have h' : x ≤ y := {a} hx", "calc x ≤ y := {a}\n    _ ≤ z := {b}", "norm_num",
    "rcases h with ⟨a, b⟩ | h", "filter_upwards [{a}] with x hx", "exact mod_cast {a}",
]


def _name(rng: random.Random) -> str:
    return "_".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 4)))


def _decl(rng: random.Random, ns: str, known: list[str], i: int) -> list[str]:
    name = f"{_name(rng)}_{i}"
    a = rng.choice(known) if known else "le_refl"
    b = rng.choice(known) if known else "mul_comm"
    lines: list[str] = []
    if rng.random() < 0.6:
        lines.append(f"/-- The statement `{name}`: a doc comment with `code` and -- dashes. -/")
    roll = rng.random()
    if roll < 0.1:
        lines.append("@[to_additive (attr := simp)]")
    elif roll < 0.25:
        lines.append("@[simp]")
    kind = rng.choices(["theorem", "lemma", "def", "instance", "structure", "abbrev"],
                       [40, 35, 10, 7, 4, 4])[0]
    t = rng.choice(_TYPES)
    if kind in ("theorem", "lemma"):
        lines.append(f"{kind} {name} {{x y : {t}}} (h : x ≤ y) (h' : 0 < x) :")
        lines.append(f"    {a} x y = {b} (x * y) ∧ ∑ i ∈ s, f i ≤ ∏ i ∈ s, g i := by")
        for _ in range(rng.randint(3, 12)):
            tac = rng.choice(_TACTICS).format(a=a, b=b)
            lines.extend("  " + x for x in tac.split("\n"))
        if rng.random() < 0.05:
            lines.append("  sorry")
    elif kind == "def":
        lines.append(f"noncomputable def {name} (s : Finset {t}) : ℝ :=")
        lines.append(f'  ∑ i ∈ s, f i * Real.log (g i) -- "{name}"')
    elif kind == "abbrev":
        lines.append(f"abbrev {name.title().replace('_', '')} := {t}")
    elif kind == "instance":
        if rng.random() < 0.5:
            lines.append(f"instance [Group G] : Module ℝ (Foo{i} G) where")
        else:
            lines.append(f"instance (priority := 100) inst_{name} : Nonempty (Foo{i} α) := by")
        lines.append("  smul_add := by simp [smul_add, mul_comm]")
        lines.append("  add_smul r s x := by ring")
    else:
        lines.append(f"structure S{name.title().replace('_', '')} (α : Type*) where")
        lines.append("  carrier : Set α")
        lines.append("  prop' : ∀ x ∈ carrier, x = x")
        lines.append("  /-- a field -/")
        lines.append("  val (n : ℕ) : α := default")
    known.append(name)
    lines.append("")
    return lines


def make_file(rng: random.Random, module: str, imports: list[str], target_lines: int) -> str:
    ns = module.split(".")[-1]
    out = ["/-", "Copyright (c) 2024 Someone. All rights reserved.",
           "Released under Apache 2.0 license as described in the file LICENSE.", "-/"]
    out += [f"import {m}" for m in imports]
    out += ["", "/-!", f"# {module}", "", "Some `theorem` names in a module doc: not declared.",
            "-/", "", "open Finset Real", "", "noncomputable section", "",
            f"namespace {ns}", "", "variable {α G : Type*} [CommGroup G] {s : Finset α}", ""]
    known: list[str] = []
    i = 0
    while len(out) < target_lines - 3:
        out += _decl(rng, ns, known, i)
        i += 1
        if i % 17 == 0:
            out += ["section Sub", "open scoped Pointwise in", f"lemma aux_{i} : True := trivial",
                    "end Sub", ""]
    out += [f"end {ns}", "", "end"]
    return "\n".join(out) + "\n"


def make_tree(base: Path, top: str, files: int, lines: int, seed: int) -> None:
    rng = random.Random(seed)
    per_file = max(20, lines // files)
    modules = [f"{top}.Part{i // 50}.File{i}" for i in range(files)]
    for i, mod in enumerate(modules):
        imports = [modules[j] for j in sorted({rng.randrange(i) for _ in range(3)})] if i else []
        if i == 0:
            imports = ["Mathlib.Tactic"]
        path = base / (mod.replace(".", "/") + ".lean")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_file(rng, mod, imports, per_file), encoding="utf-8")
    root_file = base / f"{top}.lean"
    root_file.write_text("".join(f"import {m}\n" for m in modules), encoding="utf-8")


def scan_project(project: Path, repeat: int) -> dict[str, object]:
    """The least CPU seconds of `repeat` scans of all the project's `.lean` files (those of
    `.lake` apart), the number of files, and a digest of what the scans found."""
    texts = [(path.read_text(encoding="utf-8"), path.relative_to(project).as_posix())
             for path in sorted(project.rglob("*.lean")) if ".lake" not in path.parts]
    best, scans = float("inf"), []
    for _ in range(repeat):
        start = time.process_time()
        scans = [scan_lean(text, rel, rel) for text, rel in texts]
        best = min(best, time.process_time() - start)
    digest = hashlib.sha256("\n".join(map(_canonical, scans)).encode()).hexdigest()
    return {"seconds": best, "files": len(texts), "digest": digest}


def _canonical(scan: LeanFile) -> str:
    """A scan written with its sets sorted (a set's order changes from process to process)."""
    def fields(item: object) -> tuple[object, ...]:
        return tuple(sorted(value) if isinstance(value, frozenset) else value
                     for value in astuple(item))  # type: ignore[call-overload]
    return repr((scan.module, scan.file, scan.imports,
                 [fields(d) for d in scan.declarations], [fields(d) for d in scan.diagnostics]))


def compare_scans(project: Path, code: Path | None, repeat: int, rounds: int) -> None:
    """Scan CPU time of our scanner and of the baseline `code`'s, in turns; their ratio."""
    codes: list[Path | None] = [None] if code is None else [code, None]
    best: dict[Path | None, float] = {}
    digests: dict[Path | None, str] = {}
    files = 0
    for _ in range(rounds if code is not None else 1):
        for each in codes:
            result = baseline.call(each, "bench.bench_lean", "scan_project", project, repeat)
            assert isinstance(result, dict)
            best[each] = min(best.get(each, float("inf")), float(result["seconds"]))
            digests[each] = str(result["digest"])
            files = int(result["files"])
    print(f"{project.name}: scan of {files} Lean files ({baseline.load()}), CPU seconds, "
          f"best of {repeat} x {rounds if code is not None else 1}")
    for each in codes:
        print(f"  {'ours' if each is None else 'baseline':10}{best[each]:8.3f}")
    if code is not None:
        print(f"  {'ratio':10}{best[code] / best[None]:7.2f}x   (baseline {code})")
        same = digests[None] == digests[code]
        print("  scans: " + ("the same" if same else "DIFFERENT from the baseline's"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, help="measure the scanner alone on this project")
    ap.add_argument("--baseline", type=Path, help="with --project: a checkout to compare with")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--files", type=int, default=1300)
    ap.add_argument("--lines", type=int, default=160_000)
    ap.add_argument("--dep-files", type=int, default=7000)
    ap.add_argument("--dep-lines", type=int, default=2_000_000)
    ap.add_argument("--keep", type=Path, default=None, help="generate here and keep it")
    args = ap.parse_args()
    if args.project is not None:
        compare_scans(args.project, args.baseline, args.repeat, args.rounds)
        return
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-lean-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        if not (tmp / "lakefile.toml").exists():
            (tmp / "lakefile.toml").write_text('name = "Bench"\n\n[[lean_lib]]\nname = "Bench"\n')
            make_tree(tmp, "Bench", args.files, args.lines, seed=1)
            dep = tmp / ".lake" / "packages" / "mathlib"
            dep.mkdir(parents=True)
            (dep / "lakefile.lean").write_text("@[default_target]\nlean_lib Mathlib\n")
            make_tree(dep, "Mathlib", args.dep_files, args.dep_lines, seed=2)
        gen = time.perf_counter() - t0
        nlines = sum(p.read_text().count("\n") for p in (tmp / "Bench").rglob("*.lean"))
        dlines = sum(p.read_bytes().count(b"\n")
                     for p in (tmp / ".lake" / "packages").rglob("*.lean"))

        t0 = time.perf_counter()
        project = load_lean_project(tmp, with_deps=False)
        scan = time.perf_counter() - t0
        ndecl = sum(len(f.declarations) for f in project.files.values())

        cache = tmp / ".blueprint-cache"
        shutil.rmtree(cache, ignore_errors=True)
        t0 = time.perf_counter()
        cold = index_dependencies(tmp, cache_dir=cache)
        t_cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm = index_dependencies(tmp, cache_dir=cache)
        t_warm = time.perf_counter() - t0
        assert cold is not None and warm is not None and warm.scanned == 0

        print(f"generated in {gen:.1f} s under {tmp}")
        print(f"{'step':<32}{'size':>34}{'time':>10}{'goal':>8}")
        rows = [
            ("project scan (read+scan+index)",
             f"{len(project.files)} files / {nlines} lines / {ndecl} decls", scan, 2.0),
            ("dependency index, cold", f"{cold.files} files / {dlines} lines / {len(cold)} names",
             t_cold, 20.0),
            ("dependency index, cached", f"{warm.files} files, {warm.scanned} rescanned",
             t_warm, 1.0),
        ]
        for label, size, t, goal in rows:
            mark = "ok" if t < goal else "SLOW"
            print(f"{label:<32}{size:>34}{t:>9.2f}s{goal:>6.0f} s {mark}")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
