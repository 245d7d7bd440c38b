"""Lean projects: lakefiles, reachability, the name index, dependency cache."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from blueprint.files import MAX_LEAN_BYTES
from blueprint.lean import project as lean_project
from blueprint.lean.deps import index_dependencies
from blueprint.lean.lakefile import Glob, parse_lakefile_lean, parse_lakefile_toml
from blueprint.lean.project import (
    build_index,
    find_lean_files,
    load_lean_project,
    module_of_path,
    path_of_module,
    reachable,
)
from blueprint.lean.scanner import scan_lean
from blueprint.tomllines import line_of, toml_lines


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- lakefiles ------------------------------------------------------------------


def test_lakefile_lean() -> None:
    cfg = parse_lakefile_lean(textwrap.dedent("""\
        import Lake
        open Lake DSL

        package «my-proj» where
          srcDir := "src"
          -- lean_lib Commented

        require mathlib from git "https://example.invalid/mathlib4.git"

        @[default_target]
        lean_lib «Foo» where
          roots := #[`Foo, `«Bar».Baz]
          globs := #[.submodules `Foo, Glob.andSubmodules `Qux, `One]

        lean_lib Other

        lean_exe cli where
          root := `Main
        """))
    assert cfg.package == "my-proj" and cfg.src_dir == "src"
    foo, other, cli = cfg.libs
    assert foo.default and foo.roots == ["Foo", "Bar.Baz"]
    assert foo.globs == [Glob("Foo", "submodules"), Glob("Qux", "andSubmodules"), Glob("One")]
    assert other.all_globs() == [Glob("Other")]
    assert cli.exe and cli.roots == ["Main"]
    assert [lib.name for lib in cfg.built_libs()] == ["Foo"]


def test_lakefile_toml() -> None:
    cfg = parse_lakefile_toml(textwrap.dedent("""\
        name = "FLT"
        defaultTargets = ["FLT"]

        [[require]]
        name = "mathlib"

        [[lean_lib]]
        name = "FLT"
        globs = ["FLT", "FermatsLastTheorem"]

        [[lean_lib]]
        name = "FLTTest"
        globs = ["FLTTest.*"]

        [[lean_lib]]
        name = "Plain"
        roots = ["A", "B"]
        """))
    assert cfg.package == "FLT"
    assert [lib.name for lib in cfg.built_libs()] == ["FLT"]
    assert cfg.libs[1].globs == [Glob("FLTTest", "submodules")]
    assert cfg.libs[2].all_globs() == [Glob("A"), Glob("B")]
    bad = parse_lakefile_toml("name = \n")
    assert bad.diagnostics and bad.diagnostics[0].line == 1


def test_globs() -> None:
    assert Glob.parse("Foo.*").matches("Foo.Bar") and not Glob.parse("Foo.*").matches("Foo")
    assert Glob.parse("Foo.+").matches("Foo") and Glob.parse("Foo.+").matches("Foo.A.B")
    assert Glob.parse("Foo").matches("Foo") and not Glob.parse("Foo").matches("Foo.Bar")


def test_module_paths() -> None:
    assert module_of_path("Foo/Bar.lean") == "Foo.Bar"
    assert module_of_path("src/Foo/Bar.lean", "src") == "Foo.Bar"
    assert path_of_module("Foo.Bar") == "Foo/Bar.lean"
    assert path_of_module("Foo.Bar", "src") == "src/Foo/Bar.lean"


def test_reachability() -> None:
    imports = {"A": ["A.B", "Mathlib"], "A.B": ["A.C"], "A.C": ["A.B"], "A.D": [], "Old.X": []}
    assert reachable(["A"], imports) == {"A", "A.B", "A.C"}
    assert reachable(["Missing"], imports) == set()


# --- a whole project ------------------------------------------------------------------


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    write(tmp_path, "lakefile.toml", 'name = "Proj"\n\n[[lean_lib]]\nname = "Proj"\n')
    write(tmp_path, "lean-toolchain", "leanprover/lean4:v4.20.0\n")
    write(tmp_path, "Proj.lean", "import Proj.Basic\nimport Proj.Main\n")
    write(tmp_path, "Proj/Basic.lean", """\
        namespace Proj
        def foo : ℕ := 1
        theorem foo_pos : 0 < foo := by
          sorry
        structure Thing where
          val : ℕ
        instance : Inhabited Thing := ⟨⟨0⟩⟩
        instance : Inhabited ℕ := ⟨0⟩
        proof_wanted wish : foo = 2
        end Proj
        """)
    write(tmp_path, "Proj/Main.lean", """\
        import Proj.Basic
        open Proj
        theorem main_thm : 0 < foo := foo_pos
        """)
    write(tmp_path, "Proj/Unused.lean", "theorem unused : True := trivial\n")
    write(tmp_path, "Old/Copy.lean", "theorem old_copy : True := trivial\n")
    write(tmp_path, ".lake/build/Junk.lean", "theorem junk : True := trivial\n")
    (tmp_path / "Proj" / "Binary.lean").write_bytes(b"\x00\x01\x02theorem bin")
    (tmp_path / "Proj" / "Latin1.lean").write_bytes("theorem caf\xe9 : True := trivial\n"
                                                    .encode("latin-1"))
    return tmp_path


def test_find_lean_files_skips_build_folders(project_dir: Path) -> None:
    files = find_lean_files(project_dir)
    assert ".lake/build/Junk.lean" not in files
    assert "Proj/Basic.lean" in files and "Old/Copy.lean" in files


def test_load_project_and_resolve(project_dir: Path) -> None:
    p = load_lean_project(project_dir, with_deps=False)
    assert p.compiled == {"Proj", "Proj.Basic", "Proj.Main"}
    r = p.resolve("Proj.foo_pos")
    assert r.status == "formalized" and r.declaration is not None
    assert r.declaration.has_sorry and r.declaration.line == 3
    assert p.resolve("main_thm").status == "formalized"
    unused = p.resolve("unused")
    assert unused.status == "not_compiled" and "no library root imports it" in unused.message
    old = p.resolve("old_copy")
    assert old.status == "not_compiled" and "outside every Lean library" in old.message
    assert p.resolve("Proj.wish").status == "proof_wanted"
    missing = p.resolve("Nat.succ_le")
    assert missing.status == "missing" and "may be in a dependency" in missing.message
    assert p.resolve("Proj.Thing.val").status == "formalized"
    # anonymous instances: module-local constant -> no suffix; only external -> module suffix
    assert p.resolve("Proj.instInhabitedThing").status == "formalized"
    assert p.resolve("Proj.instInhabitedNat_proj_basic").status == "formalized"
    assert p.resolve("Proj.instInhabitedNat").status == "missing"
    messages = [str(d) for d in p.diagnostics]
    assert any("Binary.lean" in m and "binary" in m for m in messages)
    assert any("Latin1.lean:1" in m and "UTF-8" in m for m in messages)


def test_resolved_references(project_dir: Path) -> None:
    p = load_lean_project(project_dir, with_deps=False)
    main = p.lookup("main_thm")
    assert main is not None
    assert p.resolve_references(main) == {"Proj.foo", "Proj.foo_pos"}
    pos = p.lookup("Proj.foo_pos")
    assert pos is not None and p.resolve_references(pos) == {"Proj.foo"}


def test_a_scan_in_processes_is_the_scan_in_one(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # the pool hands the largest files to a worker and scans the rest here: every file must
    # get its own scan, and the reading alongside must see every file, either way
    monkeypatch.setattr(lean_project, "POOL_THRESHOLD", 10)
    write(tmp_path, "lakefile.toml", 'name = "p"\n[[lean_lib]]\nname = "P"\nglobs = ["P.+"]\n')
    for i in range(40):
        body = "".join(f"theorem t{i}_{k} : True := by\n  exact t{i}_{k - 1}\n"
                       for k in range(1, 1 + i * 7 % 23))
        write(tmp_path, f"P/F{i}.lean", f"import P.F{max(i - 1, 0)}\nnamespace P\n{body}end P\n")

    def alongside(text: str, module: str, path: str) -> str:
        return f"{path} {module} {len(text)}"

    alone, pooled = (lean_project.load_lean_project(tmp_path, with_deps=False, jobs=jobs,
                                                    alongside=alongside) for jobs in (1, 2))
    assert len(alone.files) == 40 and sum(len(f.declarations) for f in alone.files.values()) > 200
    assert pooled.files == alone.files and pooled.index == alone.index
    assert pooled.read_alongside == alone.read_alongside and len(pooled.read_alongside) == 40


def test_extra_names_and_roots_override(project_dir: Path) -> None:
    p = load_lean_project(project_dir, with_deps=False, extra_names=["Proj.gen_*"],
                          roots=["Proj.Unused"])
    assert p.resolve("Proj.gen_thing").status == "macro"
    assert p.resolve("unused").status == "formalized"
    assert p.resolve("main_thm").status == "not_compiled"


def test_lakefile_lean_project(tmp_path: Path) -> None:
    write(tmp_path, "lakefile.lean", """\
        import Lake
        open Lake DSL
        package foo
        @[default_target] lean_lib Foo where
          globs := #[.andSubmodules `Foo]
        """)
    write(tmp_path, "Foo.lean", "theorem root_thm : True := trivial\n")
    write(tmp_path, "Foo/A.lean", "theorem a_thm : True := trivial\n")
    write(tmp_path, "Bar/B.lean", "theorem b_thm : True := trivial\n")
    p = load_lean_project(tmp_path, with_deps=False)
    assert p.compiled == {"Foo", "Foo.A"}
    assert p.resolve("b_thm").status == "not_compiled"


def test_index_keeps_duplicates() -> None:
    a = scan_lean("theorem x : True := trivial\n", "A", "A.lean")
    b = scan_lean("theorem x : True := sorry\n", "B", "B.lean")
    assert len(build_index([a, b])["x"]) == 2


# --- dependency names ------------------------------------------------------------------


def make_deps(root: Path) -> Path:
    pkg = root / ".lake" / "packages" / "mathlib"
    write(pkg, "lakefile.lean", "@[default_target]\nlean_lib Mathlib\nlean_lib MathlibTest\n")
    write(pkg, "Mathlib/Algebra/Group.lean", """\
        namespace Nat
        @[to_additive]
        theorem mul_thing : True := trivial
        end Nat
        """)
    write(pkg, "Mathlib/Order.lean", "theorem le_thing : True := trivial\n")
    write(pkg, "MathlibTest/T.lean", "theorem test_only : True := trivial\n")
    write(pkg, ".lake/build/X.lean", "theorem built : True := trivial\n")
    return pkg


def test_dependency_index_and_cache(tmp_path: Path) -> None:
    pkg = make_deps(tmp_path)
    cache = tmp_path / "cache"
    idx = index_dependencies(tmp_path, cache_dir=cache)
    assert idx is not None and idx.scanned == 2 and idx.files == 2
    assert idx.module_of("Nat.mul_thing") == "Mathlib.Algebra.Group"
    assert "Nat.add_thing" in idx and "le_thing" in idx
    assert "test_only" not in idx and "built" not in idx
    again = index_dependencies(tmp_path, cache_dir=cache)
    assert again is not None and again.scanned == 0 and again.names == idx.names
    # a changed file is scanned again, the others come from the cache
    order = pkg / "Mathlib/Order.lean"
    order.write_text("theorem le_other : True := trivial\n", encoding="utf-8")
    os.utime(order, ns=(1, 1))
    third = index_dependencies(tmp_path, cache_dir=cache)
    assert third is not None and third.scanned == 1
    assert "le_other" in third and "le_thing" not in third
    # a removed file drops its names
    order.unlink()
    fourth = index_dependencies(tmp_path, cache_dir=cache)
    assert fourth is not None and "le_other" not in fourth and fourth.files == 1


def test_dependency_cache_default_place_and_corruption(tmp_path: Path) -> None:
    make_deps(tmp_path)
    idx = index_dependencies(tmp_path)
    cache = tmp_path / ".blueprint-cache" / "lean-deps.json"
    assert idx is not None and cache.is_file()
    cache.write_text("{not json", encoding="utf-8")
    again = index_dependencies(tmp_path)
    assert again is not None and again.scanned == 2 and "le_thing" in again


def test_no_dependencies(tmp_path: Path) -> None:
    assert index_dependencies(tmp_path) is None


def test_resolution_with_dependencies(project_dir: Path) -> None:
    make_deps(project_dir)
    p = load_lean_project(project_dir, cache_dir=project_dir / "c")
    dep = p.resolve("Nat.add_thing")
    assert dep.status == "dependency" and "Mathlib.Algebra.Group" in dep.message
    assert p.resolve("Nat.nothing").status == "missing"
    assert "Lean core is not indexed" in p.resolve("Nat.nothing").message


def test_a_name_under_the_projects_own_namespace_is_missing_not_maybe_a_dependency(
    project_dir: Path,
) -> None:
    """Without `.lake/packages`, the library roots are the project's own namespaces; with it,
    so is every namespace the project declares in that no dependency declares in."""
    alone = load_lean_project(project_dir, with_deps=False)
    assert alone.own_namespaces == {"Proj"}
    typo = alone.resolve("Proj.lagrange_thm_typo")
    assert typo.status == "missing" and "may be in a dependency" not in typo.message
    assert "`Proj` is the project's own namespace" in typo.message
    assert "may be in a dependency" in alone.resolve("Nat.succ_le").message
    assert "may be in a dependency" in alone.resolve("Proj").message  # no namespace
    write(project_dir, "Proj/Ext.lean", "theorem Nat.proj_ext : True := trivial\n"
          "theorem Mine.own : True := trivial\n")
    make_deps(project_dir)
    write(project_dir, ".lake/packages/mathlib/Mathlib/Proj.lean",
          "theorem Proj.from_mathlib : True := trivial\n")
    indexed = load_lean_project(project_dir, cache_dir=project_dir / "c")
    # `Proj` is declared in by a dependency too; `Nat` is Mathlib's; `Mine` only the project's
    assert indexed.own_namespaces == {"Mine"}
    assert "`Mine` is the project's own" in indexed.resolve("Mine.typo").message
    assert "Lean core is not indexed" in indexed.resolve("Proj.typo").message


def test_a_lake_folder_without_sources_is_no_dependency_index(tmp_path: Path) -> None:
    from blueprint.lean.deps import index_dependencies

    (tmp_path / ".lake" / "packages" / "mathlib").mkdir(parents=True)
    (tmp_path / ".lake" / "packages" / "mathlib" / "README.md").write_text("no sources")
    assert index_dependencies(tmp_path, cache_dir=tmp_path / "cache") is None


# --- where project diagnostics point ----------------------------------------------------------


def test_toml_lines_name_tables_keys_and_array_items() -> None:
    text = textwrap.dedent('''\
        title = "x"  # [not a table]
        [lean]
        doc = """a
        [not] = 1
        """
        roots = ["A",
          # a comment, then
          'B', {name = "C"}]

        [[lean_lib]]
        name = "L"
        [[lean_lib]]
        globs = ["G.*"]
        ''')
    lines = toml_lines(text)
    assert (lines["title"], lines["lean"], lines["lean.doc"]) == (1, 2, 3)
    assert "not" not in lines and "lean.not" not in lines  # inside a multi-line string
    assert [lines[f"lean.roots[{i}]"] for i in range(3)] == [6, 8, 8]
    assert lines["lean.roots[2].name"] == 8
    assert (lines["lean_lib[0].name"], lines["lean_lib[1].globs[0]"]) == (11, 13)
    assert line_of(lines, "lean_lib[1].roots[4]") == 12  # not written: its table's line
    assert line_of(lines, "nothing.here") == 1


def test_a_root_or_glob_that_matches_nothing_is_reported_where_it_is_written(
    tmp_path: Path,
) -> None:
    write(tmp_path, "Foo.lean", "theorem t : True := trivial\n")
    write(tmp_path, "lakefile.lean", """\
        import Lake
        /- a comment
           over two lines -/
        @[default_target]
        lean_lib Foo where
          roots := #[`Foo,
            `Gone]

        @[default_target]
        lean_lib Absent
        """)
    found = {str(d) for d in load_lean_project(tmp_path, with_deps=False).diagnostics}
    assert "lakefile.lean:7: warning: library Foo: no module matches Gone" in found
    assert "lakefile.lean:10: warning: library Absent: no module matches Absent" in found
    (tmp_path / "lakefile.lean").unlink()
    write(tmp_path, "lakefile.toml", """\
        name = "foo"

        [[lean_lib]]
        name = "Foo"
        globs = [
          "Foo",
          "Nope.*",
        ]
        """)
    found = {str(d) for d in load_lean_project(tmp_path, with_deps=False).diagnostics}
    assert found == {"lakefile.toml:7: warning: library Foo: no module matches Nope"}
    project = load_lean_project(tmp_path, with_deps=False, roots=["Foo", "Bar"],
                                root_lines=[3, 4])
    assert {str(d) for d in project.diagnostics} == {
        "blueprint.toml:4: warning: [lean] roots: no module matches Bar"
    }


def test_without_a_lakefile_the_warning_is_at_the_roots_or_about_the_folder(
    tmp_path: Path,
) -> None:
    write(tmp_path, "Foo.lean", "theorem t : True := trivial\n")
    (alone,) = load_lean_project(tmp_path, with_deps=False).diagnostics
    assert (alone.file, alone.line, alone.where) == ("./", 0, "./")  # a folder has no lines
    assert str(alone) == ("./: warning: no lakefile.toml or lakefile.lean: every .lean file "
                          "counts as compiled")
    (named,) = load_lean_project(tmp_path, with_deps=False, roots=["Foo"],
                                 root_lines=[5]).diagnostics
    assert named.where == "blueprint.toml:5" and "these roots" in named.message


def test_a_lakefile_that_cannot_be_read_is_an_error_at_its_first_line(tmp_path: Path) -> None:
    write(tmp_path, "Foo.lean", "theorem t : True := trivial\n")
    with open(tmp_path / "lakefile.toml", "wb") as big:  # sparse: nothing is written
        big.truncate(MAX_LEAN_BYTES + 1)
    (problem,) = load_lean_project(tmp_path, with_deps=False).diagnostics
    assert problem.where == "lakefile.toml:1" and problem.severity == "error"
    assert "cannot read" in problem.message
    (tmp_path / "lakefile.toml").write_bytes(b'name = "caf\xe9"\n\n[[lean_lib]]\nname = "Foo"\n')
    (problem,) = load_lean_project(tmp_path, with_deps=False).diagnostics
    assert problem.where == "lakefile.toml:1" and "UTF-8" in problem.message
    (tmp_path / "lakefile.toml").write_text('name = "foo"\n\n[[lean_lib]]\nname = \n')
    (problem,) = load_lean_project(tmp_path, with_deps=False).diagnostics
    assert problem.where == "lakefile.toml:4" and "invalid TOML" in problem.message


def test_folder_diagnostics_print_without_a_line_and_annotate_no_file() -> None:
    from blueprint.cli.check import github_annotations
    from blueprint.live.server import _error_record
    from blueprint.model import PROJECT_FOLDER, Diagnostic, Severity

    folder = Diagnostic(PROJECT_FOLDER, 0, Severity.WARNING, "no lakefile")
    file = Diagnostic("blueprint.toml", 4, Severity.WARNING, "no module")
    assert (str(folder), str(file)) == ("./: warning: no lakefile",
                                        "blueprint.toml:4: warning: no module")
    assert github_annotations([folder, file]) == [
        "::warning::no lakefile", "::warning file=blueprint.toml,line=4::no module"
    ]
    assert _error_record(folder) == {"file": "./", "line": None, "message": "no lakefile"}


def test_the_overview_lists_a_folder_diagnostic_without_a_line(sample: Path,
                                                               tmp_path: Path) -> None:
    """The site's overview prints where a problem is as the CLI does: `./`, not `./:0`.
    (`build` itself stops before such a warning: `--status-source lean` without a lakefile
    is an error, and with `[lean] roots` the warning is at their line; the Lean loader's
    warning about a bare folder is put in the analysis of the sample.)"""
    from blueprint.build import analyze
    from blueprint.model import StatusSource
    from blueprint.site.make import make_site

    write(tmp_path / "bare", "Foo.lean", "theorem t : True := trivial\n")
    (folder,) = load_lean_project(tmp_path / "bare", with_deps=False).diagnostics
    assert (folder.file, folder.line) == ("./", 0)
    analysis = analyze(sample, StatusSource.ANNOTATIONS)
    analysis.diagnostics.append(folder)
    page = make_site(analysis).files["index.html"].decode()
    assert "<code>./</code> warning: no lakefile.toml or lakefile.lean" in page
    assert "./:0" not in page
    for d in analysis.diagnostics:  # a file's problem keeps its line
        assert f'<li class="{d.severity}"><code>{d.where}</code> {d.severity}:' in page
    assert any(d.line > 0 and f"<code>{d.file}:{d.line}</code>" in page
               for d in analysis.diagnostics)
