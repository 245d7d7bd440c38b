"""The disk cache of Lean scans: a build scans only the files whose text changed, and a
cached scan is the scan itself."""

from __future__ import annotations

import json
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

import blueprint.lean.project as project_module
from blueprint.lean import scancache
from blueprint.lean.model import Declaration, LeanFile
from blueprint.lean.project import ScanCache, load_lean_project
from blueprint.lean.scancache import CACHE_NAME, decode, encode
from blueprint.lean.scanner import scan_lean
from tests.conftest import SAMPLE_PROJECT

FIELDS = [f.name for f in fields(Declaration)]


def lean_texts() -> list[tuple[str, str]]:
    """Real-looking Lean: the sample project's files, and one the scanner complains about."""
    texts = [
        (path.relative_to(SAMPLE_PROJECT).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(SAMPLE_PROJECT.rglob("*.lean"))
    ]
    texts.append(("Odd.lean", "namespace A\ntheorem t : True := by\n  trivial\nend B\n/- open"))
    return texts


@pytest.mark.parametrize(("rel", "text"), lean_texts())
def test_a_cached_scan_is_the_scan(rel: str, text: str) -> None:
    scanned = scan_lean(text, rel.removesuffix(".lean").replace("/", "."), rel)
    assert scanned.imports or scanned.declarations or scanned.diagnostics
    data = json.loads(json.dumps(encode(scanned)))  # as it is stored
    assert decode(data) == scanned


def test_every_field_of_a_declaration_is_kept_in_its_place() -> None:
    # a declaration whose fields all differ: a field written in the wrong place shows
    odd = Declaration(
        "A.b", "theorem", "A.lean", 3, 9, True, frozenset({"r2", "r1"}), 2, "A", "A",
        ("O1", "O2"), generated=False, source="A.c", private=True, name_parts=("p1",),
        statement_references=frozenset({"r1"}), statement_sorry=False,
    )
    flipped = Declaration(
        "A.c", "def", "B.lean", 4, 8, False, frozenset(), 1, "B", "", (), generated=True,
        source=None, private=False, name_parts=(), statement_references=frozenset(),
        statement_sorry=True,
    )
    scanned = LeanFile("A", "A.lean", ["Mathlib"], [odd, flipped])
    data = json.loads(json.dumps(encode(scanned)))
    assert decode(data) == scanned
    rows = data[3]
    assert [dict(zip(FIELDS, row, strict=True))["source"] for row in rows] == ["A.c", None]
    assert [dict(zip(FIELDS, row, strict=True))["private"] for row in rows] == [True, False]
    assert [dict(zip(FIELDS, row, strict=True))["generated"] for row in rows] == [False, True]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        ["M", "M.lean", [], [["x"]], []],
        ["M", "M.lean", [], [], [["f", "one", "error", "m"]]],
        ["M", "M.lean", [], [[1] * 15], []],
    ],
)
def test_data_the_cache_did_not_write_is_refused(data: object) -> None:
    with pytest.raises((ValueError, TypeError, KeyError, IndexError)):
        decode(data)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_PROJECT, root, ignore=shutil.ignore_patterns(".blueprint-cache"))
    return root


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files scanned, as the loader asks the scanner."""
    scanned: list[str] = []

    def counting(text: str, module: str, rel: str, **options: object) -> object:
        scanned.append(rel)
        return scan_lean(text, module, rel, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(project_module, "scan_lean", counting)
    return scanned


def load(root: Path, scan_cache: ScanCache | None = None):  # type: ignore[no-untyped-def]
    return load_lean_project(
        root, cache_dir=root / ".blueprint-cache", with_deps=False, scan_cache=scan_cache
    )


@pytest.mark.parametrize("in_memory", [False, True], ids=["on disk", "watch session"])
def test_a_second_build_scans_only_what_changed(
    project: Path, scans: list[str], in_memory: bool
) -> None:
    session = ScanCache() if in_memory else None
    first = load(project, session)
    assert len(scans) == len(first.files) > 1
    scans.clear()
    again = load(project, session)
    assert scans == []
    assert again.files == first.files and again.diagnostics == first.diagnostics
    basic = project / "Sample" / "Basic.lean"
    basic.write_text(basic.read_text() + "\ntheorem extra : True := trivial\n")
    changed = load(project, session)
    assert scans == ["Sample/Basic.lean"]
    assert "extra" in {d.name for d in changed.files["Sample.Basic"].declarations}


def test_a_watch_session_scans_again_no_file_whose_comments_alone_changed(
    project: Path, scans: list[str]
) -> None:
    # a scan reads the text with comments and strings blanked out: a doc comment edited on
    # its lines (a LeanArchitect statement saved) leaves the scan as it was
    session = ScanCache()
    load(project, session)
    scans.clear()
    path = project / "Sample" / "Congruences.lean"
    text = path.read_text()
    edited = text.replace("**Fermat's little theorem**", "**Fermat's little theorem** (1640)")
    assert edited != text
    path.write_text(edited)
    again = load(project, session)
    assert scans == []
    module, rel = "Sample.Congruences", "Sample/Congruences.lean"
    assert again.files[module] == scan_lean(edited, module, rel)
    # a line more in the comment moves the declarations after it: scanned again
    longer = edited.replace("**Fermat's little theorem** (1640)", "**Fermat's little\ntheorem**")
    path.write_text(longer)
    moved = load(project, session)
    assert scans == [rel]
    assert moved.files[module] == scan_lean(longer, module, rel) != again.files[module]


def test_a_removed_file_leaves_the_cache(project: Path, scans: list[str]) -> None:
    load(project)
    (project / "Sample" / "Groups.lean").unlink()
    load(project)
    cached = json.loads((project / ".blueprint-cache" / CACHE_NAME).read_text())
    assert "Sample/Groups.lean" not in cached["files"]
    assert "Sample/Basic.lean" in cached["files"]


def test_a_changed_scanner_starts_afresh(
    project: Path, scans: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(project)
    scans.clear()
    monkeypatch.setattr(scancache, "scanner_version", lambda: "another scanner")
    assert load(project).files == first.files
    assert len(scans) == len(first.files)


@pytest.mark.parametrize(
    "damage",
    ["not json", '{"scanner": 1}', "[]", '{"scanner": "%s", "files": {"Sample/Basic.lean": 3}}',
     '{"scanner": "%s", "files": {"Sample/Basic.lean": ["%s", ["Sample.Basic"]]}}'],
)
def test_a_damaged_cache_is_scanned_again(project: Path, scans: list[str], damage: str) -> None:
    first = load(project)
    cache = project / ".blueprint-cache" / CACHE_NAME
    key = json.loads(cache.read_text())["files"]["Sample/Basic.lean"][0]
    cache.write_text(damage.replace("%s", scancache.scanner_version(), 1).replace("%s", key))
    scans.clear()
    assert load(project).files == first.files
    assert "Sample/Basic.lean" in scans
