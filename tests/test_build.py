"""End to end: the sample project through `build` and `export`, and the CLI's manners."""

from __future__ import annotations

import gc
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from blueprint.analysis.export import export_data
from blueprint.build import analyze, build
from blueprint.model import BlueprintError, StatusSource
from tests.conftest import run_cli
from tests.helpers import cold_site


def test_sample_statuses_match_leanblueprint_when_read_from_annotations(sample: Path) -> None:
    reference = json.loads((sample / "expected" / "reference-nonreduced.json").read_text())
    data = export_data(analyze(sample, StatusSource.ANNOTATIONS))
    ours = {node["id"]: node for node in data["nodes"]}
    labelled = {k: v for k, v in reference["nodes"].items() if not k.startswith("a0")}
    assert set(labelled) <= set(ours)
    for node_id, expected in labelled.items():
        assert (ours[node_id]["border"], ours[node_id]["fill"]) == (
            expected["border_status"],
            expected["fill_status"],
        ), node_id
    edges = {(e["source"], e["target"]) for e in data["edges"]}
    assert edges == {(s, t) for s, t, _ in reference["edges"]}


def test_build_writes_a_complete_deterministic_site(sample: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(sample, first, StatusSource.ANNOTATIONS)
    build(sample, second, StatusSource.ANNOTATIONS)
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert {"index.html", "graph.html", "static/site.css", "static/graph-core.js"} <= set(files)
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    graph = (first / "graph.html").read_text()
    assert graph.count('class="node ') == 37
    assert "<script>alert" not in graph


def test_a_build_pauses_the_cycle_collector_and_starts_it_again_even_when_it_fails(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from blueprint.readers import read as real

    seen: list[bool] = []

    def read(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr("blueprint.build.read", read)
    analyze(sample)
    build(sample, tmp_path / "site")
    assert seen == [False, False] and gc.isenabled()
    with pytest.raises(BlueprintError):
        analyze(tmp_path)  # no blueprint there
    assert gc.isenabled()
    gc.disable()  # a caller that paused it keeps it paused
    try:
        analyze(sample)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_export_contract_has_the_documented_fields(sample: Path) -> None:
    result = run_cli("export", str(sample), "--format", "json", cwd=sample.parent)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["nodes"][0]) >= {
        "id",
        "env",
        "is_definition",
        "title",
        "chapter",
        "file",
        "line",
        "lean",
        "statement_leanok",
        "proof_leanok",
        "mathlibok",
        "notready",
        "discussion",
        "border",
        "fill",
    }
    assert {e["kind"] for e in data["edges"]} == {"statement", "proof"}
    assert all(set(d) == {"severity", "file", "line", "message"} for d in data["diagnostics"])


def test_help_works_anywhere(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("build", "export", "serve", "watch"):
        assert command in result.stdout


def test_a_folder_without_blueprint_is_a_clean_error_and_debug_shows_the_traceback(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("build", str(empty), cwd=tmp_path)
    assert result.returncode == 1
    assert "error:" in result.stderr and "no blueprint found" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run_cli("--debug", "build", str(empty), cwd=tmp_path)
    assert "Traceback" in debug.stderr
    missing = run_cli("build", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere" in missing.stderr


def test_build_reports_problems_with_file_and_line_and_strict_fails(sample: Path) -> None:
    chapter = sample / "blueprint" / "src" / "chapter" / "primes.tex"
    chapter.write_text(chapter.read_text() + "\n\\begin{lemma}\\label{x}\\uses{no-such-label}\n")
    out = sample / "site"
    result = run_cli("build", str(sample), "--out", str(out), cwd=sample)
    assert result.returncode == 1  # the unclosed lemma is an error
    assert "chapter/primes.tex:" in result.stdout
    assert (out / "index.html").is_file()  # the build went on with the rest
    lenient = run_cli("build", str(sample), "--out", str(out), "--strict", cwd=sample)
    assert lenient.returncode == 1


def test_project_level_lean_problems_point_at_the_line_of_blueprint_toml(sample: Path) -> None:
    """No lakefile, and a `[lean] roots` entry that matches no module: both are reported at
    the line of blueprint.toml that causes them, in every output format."""
    (sample / "lakefile.toml").unlink()
    (sample / "blueprint.toml").write_text(
        '[project]\ntitle = "S"\n\n[lean]\nroots = [\n  "Sample",\n  "Sample.Gone",\n]\n'
    )
    result = run_cli("build", str(sample), "--out", str(sample / "site"), cwd=sample)
    assert "blueprint.toml:6: no lakefile.toml or lakefile.lean" in result.stdout
    assert "blueprint.toml:7: [lean] roots: no module matches Sample.Gone" in result.stdout
    github = run_cli("check", str(sample), "--format", "github", cwd=sample).stdout
    assert "::warning file=blueprint.toml,line=7::[lean] roots: no module" in github
    records = json.loads(run_cli("check", str(sample), "--format", "json", cwd=sample).stdout)
    for record in records:
        assert record["line"] >= 1 and (sample / record["file"]).is_file(), record


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[project]\ntitle = "S\n', "blueprint.toml:2: invalid TOML"),
        ('title = "S"\n\n[blueprint]\nmain = "no.tex"\n', "blueprint.toml:4: [blueprint] main"),
        ('title = "S"\nlean = 3\n', "blueprint.toml:2: [lean] must be a table"),
    ],
)
def test_a_bad_blueprint_toml_is_reported_at_its_line(sample: Path, text: str, where: str) -> None:
    (sample / "blueprint.toml").write_text(text)
    result = run_cli("check", str(sample), cwd=sample)
    assert result.returncode == 1 and where in result.stderr, result.stderr


def test_an_input_next_to_the_blueprint_folder_is_read_and_one_outside_is_refused(
    sample: Path,
) -> None:
    (sample / "blueprint" / "print").mkdir()
    (sample / "blueprint" / "print" / "refs.bbl").write_text("\\begin{thebibliography}{1}\n")
    outside = sample.parent / "secret.tex"
    outside.write_text("\\begin{lemma}\\label{stolen}x\\end{lemma}\n")
    web = sample / "blueprint" / "src" / "web.tex"
    web.write_text(
        web.read_text().replace(
            "\\end{document}",
            "\\input{../print/refs.bbl}\n\\input{../../../secret}\n\\end{document}",
        )
    )
    analysis = analyze(sample, StatusSource.ANNOTATIONS)
    assert "blueprint/print/refs.bbl" in analysis.blueprint.files
    assert "stolen" not in analysis.by_id
    refused = [d for d in analysis.diagnostics if "outside the project" in d.message]
    assert refused and refused[0].file == "blueprint/src/web.tex"


def test_dep_by_chapter_draws_each_chapter_with_its_neighbours_marked(
    sample: Path, tmp_path: Path
) -> None:
    import re

    web = sample / "blueprint" / "src" / "web.tex"
    web.write_text(web.read_text().replace("[dep_graph,", "[dep_graph, dep_by=chapter,"))
    out = tmp_path / "site"
    analysis = build(sample, out, StatusSource.ANNOTATIONS)
    chapters = {node.chapter for node in analysis.nodes}
    pages = sorted(out.glob("graph-*.html"))
    assert len(pages) == len(chapters)
    crossing = [
        (u, v)
        for u, v, _ in analysis.graph.edges()
        if analysis.by_id[u].chapter != analysis.by_id[v].chapter
    ]
    assert crossing  # the sample has dependencies between chapters
    for page in pages:
        html = page.read_text()
        drawn = {
            node_id: classes
            for classes, node_id in re.findall(r'<g class="node ([^"]*)" data-id="([^"]+)"', html)
        }
        own = {n for n in drawn if "outside" not in drawn[n]}
        assert len({analysis.by_id[n].chapter for n in own}) == 1
        for u, v in crossing:
            if v in own:
                assert u in drawn and "outside" in drawn[u]  # the neighbour is kept, marked


def test_the_watch_cache_reads_again_when_the_main_file_changes(sample: Path) -> None:
    from blueprint.build import BuildCache

    src = sample / "blueprint" / "src"
    (src / "alt.tex").write_text((src / "web.tex").read_text().replace("\\title{", "\\title{Alt "))
    cache = BuildCache()
    first = analyze(sample, StatusSource.ANNOTATIONS, cache=cache).blueprint
    assert analyze(sample, StatusSource.ANNOTATIONS, cache=cache).blueprint is first
    (sample / "blueprint.toml").write_text('[blueprint]\nmain = "blueprint/src/alt.tex"\n')
    second = analyze(sample, StatusSource.ANNOTATIONS, cache=cache).blueprint
    assert second is not first and (second.options.title or "").startswith("Alt ")


def test_the_pages_are_made_of_the_texts_read_for_the_graph_not_of_a_later_save(
    sample: Path,
) -> None:
    """The blueprint is read from the disk once: files saved (or deleted) between reading
    and rendering change nothing in the pages, which show what the graph was made of."""
    from blueprint.site.pagedata import site_data

    analysis = analyze(sample, StatusSource.ANNOTATIONS)
    before = site_data(analysis)
    assert "We now apply" in repr(before.chapters)  # prose of chapter/congruences.tex
    assert before.macros  # from macros/common.tex
    src = sample / "blueprint" / "src"
    for tex in src.rglob("*.tex"):
        text = tex.read_text().replace("We now apply", "Saved later, we apply")
        tex.write_text(text.replace("\\begin{lemma}", "\\begin{lemma}Saved later."))
    (src / "macros" / "common.tex").unlink()
    after = site_data(analysis)
    assert "Saved later" not in repr(after)
    assert after == before


def test_the_tex_is_parsed_once_per_build(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chapter pages are made from the document the reader returned, not from a second
    walk over the TeX: a build prepares each file of the blueprint once (the sample inputs
    each once), and a watch rebuild with nothing changed prepares none."""
    from blueprint.build import BuildCache
    from blueprint.readers.latex import source
    from blueprint.site.make import SiteMemo, make_site

    prepared: list[str] = []
    builder = source._Builder.__init__

    def counted(
        self: source._Builder, path: str, raw: str, lines: list[int] | None = None
    ) -> None:
        prepared.append(path)
        builder(self, path, raw, lines)

    monkeypatch.setattr(source._Builder, "__init__", counted)
    analysis = build(sample, tmp_path / "site", StatusSource.ANNOTATIONS)
    read = [name.removeprefix("blueprint/src/") for name in analysis.blueprint.files]
    assert sorted(prepared) == sorted(read)  # each file once, and no other
    chapter = (tmp_path / "site" / "chapter-1.html").read_text()
    assert 'data-node="thm:euclid"' in chapter and "following Euclid" in chapter

    cache, memo = BuildCache(), SiteMemo()
    make_site(analyze(sample, cache=cache), memo=memo)
    prepared.clear()
    make_site(analyze(sample, cache=cache), memo=memo)
    assert prepared == []


def test_a_watch_rebuild_draws_again_only_what_an_edit_changed(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited statement text lays nothing out and draws no graph again (the drawings, and
    the panels of the views that do not show the node, are the previous build's), yet it
    is on the pages (a title would draw again: it is in the drawing's labels); a new use
    lays the graph out again; each rebuild's site is the one a cold build makes of the same
    files."""
    import jinja2

    import blueprint.site.render
    from blueprint.build import BuildCache
    from blueprint.site.make import SiteMemo, make_site

    rendered: list[str] = []
    render = jinja2.Template.render
    panels_of = blueprint.site.render._fragments_for_script

    def counted(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        rendered.append(str(self.name))
        return render(self, *args, **kwargs)

    def counted_panels(panels: tuple[Any, ...], *rest: Any) -> str:
        rendered.append("panels")
        return panels_of(panels, *rest)

    cache, memo = BuildCache(), SiteMemo()
    first = make_site(analyze(sample, cache=cache), memo=memo)
    assert first.laid_out and rendered == []
    chapter = sample / "blueprint" / "src" / "chapter" / "groups.tex"
    text = chapter.read_text()
    chapter.write_text(text.replace("divides $", "(edited) divides $", 1))
    monkeypatch.setattr(jinja2.Template, "render", counted)
    monkeypatch.setattr(blueprint.site.render, "_fragments_for_script", counted_panels)
    edited = make_site(analyze(sample, cache=cache), memo=memo)
    monkeypatch.undo()
    assert not edited.laid_out
    assert "graph_svg.html" not in rendered  # no graph drawn again
    showing = [view for view in edited.views if "thm:lagrange" in view.node_ids]
    assert rendered.count("panels") == len(showing)  # the others' are kept
    assert any(b"(edited) divides" in page for page in edited.files.values())
    assert edited.files == cold_site(sample, tmp_path)
    lemma = "\\begin{lemma}\\label{lem:new}\\uses{thm:lagrange}A new lemma.\\end{lemma}\n"
    chapter.write_text(chapter.read_text() + lemma)
    used = make_site(analyze(sample, cache=cache), memo=memo)
    assert used.laid_out and "lem:new" in used.views[0].node_ids
    assert used.files == cold_site(sample, tmp_path)


def test_a_chapter_page_keeps_the_reading_order(sample: Path, tmp_path: Path) -> None:
    """The prose before a section's heading comes before it on the page (the second walk
    over the TeX put it after)."""
    build(sample, tmp_path / "site", StatusSource.ANNOTATIONS)
    page = (tmp_path / "site" / "chapter-1.html").read_text()
    intro, section = page.index("following Euclid"), page.index("Primes and prime factors</h2>")
    assert intro < section


def test_an_environment_never_closed_ends_at_the_next_heading_on_the_pages(
    tmp_path: Path,
) -> None:
    """As in the graph, a proof never closed ends at the next heading: the sections after it
    are on the pages and in the contents (the second walk swallowed them into the proof)."""
    src = tmp_path / "project" / "blueprint" / "src"
    src.mkdir(parents=True)
    (src / "content.tex").write_text(
        "\\chapter{One}\n\\begin{lemma}\\label{a}A.\\end{lemma}\n"
        "\\begin{proof}Never closed.\n"
        "\\section{After}\nText after.\n\\begin{lemma}\\label{b}B.\\end{lemma}\n"
        "\\begin{proof}Closed.\\end{proof}\n"
    )
    analysis = build(tmp_path / "project", tmp_path / "site", StatusSource.ANNOTATIONS)
    assert any("never closed" in d.message for d in analysis.diagnostics)
    page = (tmp_path / "site" / "chapter-1.html").read_text()
    assert page.index("Never closed") < page.index("After</h2>") < page.index("Text after")
    assert "After" in (tmp_path / "site" / "contents.html").read_text()


def test_serve_says_when_the_port_asked_for_is_taken(sample: Path, tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys

    out = tmp_path / "site"
    build(sample, out, StatusSource.ANNOTATIONS)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = subprocess.Popen(
            [sys.executable, "-P", "-m", "blueprint", "serve", str(out), "--port", str(port)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
        finally:
            process.terminate()
            process.wait(10)
    assert f"(port {port} is in use)" in line and "http://127.0.0.1:" in line


@pytest.mark.parametrize("project_name", ["sample", "FLT"])
def test_same_input_same_bytes_whatever_the_hash_seed(
    project_name: str, sample: Path, tmp_path: Path
) -> None:
    """Python randomizes string hashing per process: no output may depend on set order."""
    import os
    import subprocess
    import sys

    from tests.helpers import CORPUS

    project = sample
    if project_name != "sample":
        project = tmp_path / project_name
        shutil.copytree(CORPUS / project_name / "blueprint", project / "blueprint")
    sites = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"site-{seed}"
        subprocess.run(
            [sys.executable, "-P", "-m", "blueprint", "build", str(project), "-o", str(out)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=False,
        )
        sites.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert sites[0] and sites[0] == sites[1] == sites[2]


def test_a_watch_rebuild_reuses_unchanged_nodes_and_matches_a_fresh_build(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Watch keeps each node's rendered panel and card (`TextMemo`): after a status change the
    site must be the same bytes as a fresh build, only the changed nodes rendered again."""
    import blueprint.site.render as render
    from blueprint.build import BuildCache
    from blueprint.site.make import SiteMemo, make_site

    cache, memo = BuildCache(), SiteMemo()
    first = analyze(sample, cache=cache)
    make_site(first, memo=memo)

    lean = sample / "Sample" / "Congruences.lean"
    lean.write_text(
        lean.read_text().replace("  sorry\n\nend Euler", "  exact ZMod.pow_totient a\n\nend Euler")
    )
    rendered: list[str] = []
    module = render._environment().get_template("_node.html").module
    panel = module.panel  # type: ignore[attr-defined]

    def counted(info: object, *args: object) -> object:
        rendered.append(info.id)  # type: ignore[attr-defined]
        return panel(info, *args)

    monkeypatch.setattr(module, "panel", counted)
    second = analyze(sample, cache=cache)
    assert second.blueprint is first.blueprint  # no .tex changed: the memo stays valid
    again = make_site(second, memo=memo).files
    monkeypatch.undo()

    fresh = make_site(analyze(sample)).files
    assert again == fresh
    changed = {n for n in second.statuses if second.statuses[n] != first.statuses[n]}
    assert "thm:euler" in changed and set(rendered) == changed  # only what changed
    assert "fully_proved" in second.statuses["thm:euler"].fill.value


def test_a_watch_rebuild_reads_each_tex_file_once(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a .tex change the bytes that make the cache key are the ones the reader gets:
    no file is read twice, and every file the blueprint is made of is read (they were all
    saved just now: see the test below for files saved long ago)."""
    import blueprint.files as build_module
    from blueprint.build import BuildCache
    from blueprint.config import load_config

    for path in sample.rglob("*"):
        if path.is_file():
            os.utime(path)  # saved just now: too young for their times to vouch for them
    config = load_config(sample)
    cache = BuildCache()
    first = cache.read_blueprint(config)
    chapter = sample / "blueprint" / "src" / "chapter" / "groups.tex"
    chapter.write_text(chapter.read_text().replace("[Lagrange]", "[Lagrange, saved]", 1))
    reads: list[Path] = []
    read_regular = build_module.read_regular

    def counted(path: Path, max_bytes: int) -> bytes:
        reads.append(Path(os.path.realpath(path)))
        return read_regular(path, max_bytes)

    monkeypatch.setattr(build_module, "read_regular", counted)
    second = cache.read_blueprint(config)
    assert second is not first and "Lagrange, saved" in repr(second.nodes)
    assert len(reads) == len(set(reads))  # each file once
    assert {sample / path for path in second.files} <= set(reads)


def test_a_watch_rebuild_reads_again_only_the_files_that_changed(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files saved long ago whose size, times and inode did not change are not read again
    (the TeX files and the Lean files alike); the file saved is, and so is a file changed
    behind the watcher's back with its modification time put back; the rebuilt site is the
    site a cold build makes of the files as they are."""
    import blueprint.files as files_module
    from blueprint.build import BuildCache, build
    from blueprint.site.make import SiteMemo, make_site

    old = time.time() - 3600
    for path in sample.rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))
    cache, memo = BuildCache(), SiteMemo()
    make_site(analyze(sample, cache=cache), memo=memo)
    chapter = sample / "blueprint" / "src" / "chapter" / "groups.tex"
    chapter.write_text(chapter.read_text().replace("[Lagrange]", "[Lagrange, saved]", 1))
    lean = next(p for p in sorted(sample.rglob("*.lean")) if "theorem" in p.read_text())
    stamp = lean.stat()
    lean.write_text(lean.read_text().replace("theorem", "theorem  ", 1))
    os.utime(lean, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # its change time still moves
    reads: list[Path] = []
    read_regular = files_module.read_regular

    def counted(path: Path, max_bytes: int) -> bytes:
        data = read_regular(path, max_bytes)
        if path.suffix in (".tex", ".lean") and not path.name.startswith("lakefile"):
            reads.append(Path(os.path.realpath(path)))
        return data

    monkeypatch.setattr(files_module, "read_regular", counted)
    site = make_site(analyze(sample, cache=cache), memo=memo)
    assert set(reads) == {chapter.resolve(), lean.resolve()}
    monkeypatch.undo()
    out = sample.parent / "cold"
    build(sample, out, cache_dir=sample.parent / "cold-cache")
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
               if p.is_file() and p.name != ".blueprint-site"}
    assert any(b"Lagrange, saved" in page for page in written.values())
    assert site.files == written


def test_a_watch_read_says_what_a_plain_read_says_of_bad_files(sample: Path) -> None:
    """Files served to the reader from the fingerprint's bytes give the same blueprint and
    the same diagnostics as the reader's own reads: bad UTF-8, a FIFO, a folder, a file over
    the size limit, a symbolic link leading out of the project."""
    from blueprint.build import BuildCache
    from blueprint.config import load_config
    from blueprint.files import MAX_TEX_BYTES
    from blueprint.readers import read as _read

    chapter = sample / "blueprint" / "src" / "chapter"
    (chapter / "latin1.tex").write_bytes(b"Text.\n\\begin{lemma}\\label{l1}caf\xe9\\end{lemma}\n")
    os.mkfifo(chapter / "pipe.tex")
    (chapter / "folder.tex").mkdir()
    (chapter / "huge.tex").write_bytes(b"%" * (MAX_TEX_BYTES + 1))
    (sample.parent / "secret.tex").write_text("\\begin{lemma}\\label{stolen}x\\end{lemma}\n")
    (chapter / "escape.tex").symlink_to(sample.parent / "secret.tex")
    content = sample / "blueprint" / "src" / "content.tex"
    inputs = "".join(
        f"\\input{{chapter/{name}}}\n" for name in ("latin1", "pipe", "folder", "huge", "escape")
    )
    content.write_text(inputs + content.read_text())
    config = load_config(sample)
    cached = BuildCache().read_blueprint(config)
    plain = _read(config)
    assert cached == plain
    messages = " ".join(d.message for d in cached.diagnostics)
    for words in ("not valid UTF-8", "not a regular file", "no such file", "not read", "outside"):
        assert words in messages
    assert "l1" in {n.id for n in cached.nodes} and "stolen" not in {n.id for n in cached.nodes}


def test_a_file_unreadable_while_the_watch_cache_looks_is_read_again_next_time(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that vanishes mid-save gives a blueprint without it, made of the bytes (here:
    the error) that the key was made of; the next rebuild reads it again."""
    import errno

    import blueprint.files as build_module
    from blueprint.build import BuildCache
    from blueprint.config import load_config

    config = load_config(sample)
    fresh = len(BuildCache().read_blueprint(config).nodes)
    chapter = sample / "blueprint" / "src" / "chapter" / "groups.tex"
    read_regular = build_module.read_regular
    failed: list[Path] = []

    def flaky(path: Path, max_bytes: int) -> bytes:
        if path.name == "groups.tex" and not failed:
            failed.append(path)
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return read_regular(path, max_bytes)

    monkeypatch.setattr(build_module, "read_regular", flaky)
    cache = BuildCache()
    first = cache.read_blueprint(config)
    assert failed == [chapter]
    assert any("chapter/groups" in d.message for d in first.diagnostics)
    assert len(first.nodes) < fresh
    second = cache.read_blueprint(config)  # no event needed: the key held the error
    assert second is not first and len(second.nodes) == fresh
    assert cache.read_blueprint(config) is second


def _input_from_content(project: Path, name: str) -> None:
    content = project / "blueprint" / "src" / "content.tex"
    content.write_text(f"\\input{{{name}}}\n" + content.read_text())


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("../../Other/notes", "Other/notes.tex"),  # outside the blueprint folder
        (
            "../../.lake/build/blueprint/module/A.artifacts/x",
            ".lake/build/blueprint/module/A.artifacts/x.tex",
        ),  # LeanArchitect's output
        ("data.txt", "blueprint/src/data.txt"),  # in the folder, not named like TeX
    ],
)
def test_the_watch_cache_reads_again_when_a_file_read_from_outside_the_folder_changes(
    sample: Path, name: str, path: str
) -> None:
    from blueprint.build import BuildCache
    from blueprint.config import load_config

    _input_from_content(sample, name)
    notes = sample / path
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.write_text("\\begin{lemma}\\label{outside}First.\\end{lemma}\n")
    config = load_config(sample)
    cache = BuildCache()
    first = cache.read_blueprint(config)
    assert "First." in repr(first.nodes)
    assert cache.read_blueprint(config) is first  # nothing changed: nothing read again
    notes.write_text("\\begin{lemma}\\label{outside}Second.\\end{lemma}\n")
    second = cache.read_blueprint(config)
    assert "Second." in repr(second.nodes)
    assert cache.read_blueprint(config) is second
    notes.unlink()
    third = cache.read_blueprint(config)
    assert "outside" not in {n.id for n in third.nodes}
    assert sample.resolve() / path in cache.read_files  # for the watcher


def test_the_watch_cache_reads_again_when_a_missing_input_appears(sample: Path) -> None:
    from blueprint.build import BuildCache
    from blueprint.config import load_config

    _input_from_content(sample, "../../Other/later")
    config = load_config(sample)
    cache = BuildCache()
    first = cache.read_blueprint(config)
    assert any("Other/later" in d.message for d in first.diagnostics)
    assert cache.read_blueprint(config) is first
    (sample / "Other").mkdir()
    (sample / "Other" / "later.tex").write_text("\\begin{lemma}\\label{later}x\\end{lemma}\n")
    assert "later" in {n.id for n in cache.read_blueprint(config).nodes}
