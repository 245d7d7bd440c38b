"""Byte-identity check: the site and the export of real blueprints, before and after a change.

    python bench/same_output.py record  BASELINE [--corpus DIR] [--project PATH ...]
    python bench/same_output.py compare BASELINE [--corpus DIR] [--project PATH ...]

For every blueprint of the corpus (tests/corpus, else ../shared/corpus: their blueprint folder
only), every whole project given with --project (Lean sources included) and sample_project,
this runs, as a user does and from a fresh copy (no cache):

- `blueprint build PROJECT -o site`, then the same build again with the caches of the first
  (a rebuild must give the same bytes as a cold build);
- `blueprint export PROJECT --format json`, with the default status source and with
  `--status-source annotations`.

`record` stores the outputs under BASELINE (keep it outside the repository); `compare` makes
them again and lists every file that differs, is missing or is new, and exits 1 if any does.
Each copy is built at the same path in every run (`--work`), so that nothing differs by its
path. Run `record` on the commit before a change and `compare` after it.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_COPIED = (".git", ".lake", "site", ".blueprint-cache", "build", "web", "print")


def default_corpus() -> Path:
    inside = ROOT / "tests" / "corpus"
    return inside if inside.is_dir() else ROOT.parent / "shared" / "corpus"


def sources(corpus: Path, projects: list[Path]) -> list[tuple[str, Path, bool]]:
    """(name, source folder, whole project?) of everything to build."""
    found: list[tuple[str, Path, bool]] = []
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus} (give it with --corpus)")
    for folder in sorted(corpus.iterdir()):
        if (folder / "blueprint").is_dir():
            found.append((f"corpus-{folder.name}", folder, False))
    for project in projects:
        found.append((f"project-{project.name}", project, True))
    found.append(("sample_project", ROOT / "sample_project", True))
    return found


def blueprint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "blueprint", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def make_outputs(name: str, source: Path, whole: bool, work: Path, out: Path) -> None:
    """Copy the source to work/name, then write its outputs into out/name."""
    project = work / name
    shutil.rmtree(project, ignore_errors=True)
    if whole:
        shutil.copytree(source, project, ignore=shutil.ignore_patterns(*NOT_COPIED))
    else:
        shutil.copytree(source / "blueprint", project / "blueprint")
    target = out / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for folder in ("site", "site-rebuilt"):
        built = blueprint("build", project, "-o", target / folder)
        if not (target / folder / "index.html").is_file():
            raise SystemExit(f"{name}: the build wrote no site\n{built.stderr}")
    for label, extra in (
        ("export.json", ()),
        ("export-annotations.json", ("--status-source", "annotations")),
    ):
        exported = blueprint("export", project, "--format", "json", "-o", target / label, *extra)
        if not (target / label).is_file():
            raise SystemExit(f"{name}: the export wrote nothing\n{exported.stderr}")


def differences(before: Path, after: Path) -> list[str]:
    """Every file that differs between two folders, relative to them, with what differs."""
    found: list[str] = []
    old = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    new = {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    for path in sorted(old - new):
        found.append(f"missing  {path}")
    for path in sorted(new - old):
        found.append(f"new      {path}")
    for path in sorted(old & new):
        if not filecmp.cmp(before / path, after / path, shallow=False):
            found.append(f"differs  {path}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--project", type=Path, action="append", default=[])
    parser.add_argument("--work", type=Path, default=Path("/tmp/blueprint-same-output"))
    args = parser.parse_args()
    baseline: Path = args.baseline.resolve()
    if baseline.is_relative_to(ROOT):
        raise SystemExit("keep the baseline outside the repository")
    work = args.work.resolve()
    out = baseline if args.action == "record" else work / "outputs"
    if args.action == "compare" and not baseline.is_dir():
        raise SystemExit(f"no baseline at {baseline}: run `record` first")
    bad = 0
    for name, source, whole in sources(args.corpus, [p.resolve() for p in args.project]):
        start = time.perf_counter()
        make_outputs(name, source, whole, work / "projects", out)
        seconds = time.perf_counter() - start
        if args.action == "record":
            files = sum(1 for p in (out / name).rglob("*") if p.is_file())
            print(f"{name:<36} {files:>5} files recorded  ({seconds:.1f} s)", flush=True)
            continue
        found = differences(baseline / name, out / name)
        bad += len(found)
        print(
            f"{name:<36} {'same' if not found else f'{len(found)} differ'}  ({seconds:.1f} s)",
            flush=True,
        )
        for line in found:
            print(f"    {line}")
    if args.action == "compare":
        print("byte-identical" if not bad else f"{bad} files differ")
        raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
