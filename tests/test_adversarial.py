"""Hostile files through the real `build()` on a copy of the sample project.

Each bad file must give a diagnostic at the right file and line, and the rest of the site
must still be built: the sample's nodes, pages and statuses. How the time grows with the
size of such files is measured by `bench/bench_adversarial.py`, not here.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from blueprint.analysis import Analysis
from blueprint.build import BuildCache, build
from blueprint.config import load_config
from blueprint.files import MAX_TEX_BYTES
from blueprint.model import Diagnostic, Severity, StatusSource
from blueprint.site.layout import LayoutNode as Box
from blueprint.site.layout import _escape_label, compute_layout, request_for
from tests.conftest import SAMPLE_PROJECT

SRC = Path("blueprint") / "src"
PAGES = ["index.html", "graph.html", "contents.html", "chapter-1.html", "tasks.html"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    root = tmp_path_factory.mktemp("baseline")
    return build(copy_sample(root), root / "site")


def copy_sample(tmp_path: Path) -> Path:
    project = tmp_path / "sample"
    shutil.copytree(SAMPLE_PROJECT, project, ignore=shutil.ignore_patterns(".blueprint-cache"))
    return project


def add_input(project: Path, name: str) -> int:
    """`\\input{name}` on a new line of content.tex, before the groups chapter; its line."""
    content = project / SRC / "content.tex"
    text = content.read_text(encoding="utf-8")
    marker = "\\input{chapter/groups}"
    content.write_text(text.replace(marker, f"\\input{{{name}}}\n{marker}"), encoding="utf-8")
    return text[: text.index(marker)].count("\n") + 1


def build_in_time(project: Path, out: Path, seconds: float = 120.0) -> Analysis:
    """build(), failing the test instead of hanging it if a file stalls the build."""
    result: list[Analysis] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(build(project, out))
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the build hangs"
    if errors:
        raise errors[0]
    return result[0]


def found(analysis: Analysis, file: str, pattern: str) -> Diagnostic:
    matches = [d for d in analysis.diagnostics if d.file == file and re.search(pattern, d.message)]
    assert matches, [str(d) for d in analysis.diagnostics if d.severity is not Severity.INFO]
    return matches[0]


def assert_rest_is_built(analysis: Analysis, baseline: Analysis, out: Path) -> None:
    """Every node of the sample with the status it has in a clean build, and every page."""
    for node_id, status in baseline.statuses.items():
        assert analysis.statuses.get(node_id) == status, node_id
    for page in PAGES:
        assert (out / page).is_file(), page
    graph = (out / "graph.html").read_text(encoding="utf-8")
    assert all(f'data-id="{node_id}"' in graph for node_id in baseline.by_id)


def assert_real_lines(analysis: Analysis, project: Path) -> None:
    """Every diagnostic names a file of the project and one of its lines, or a folder."""
    for diagnostic in analysis.diagnostics:
        path = project / diagnostic.file
        if diagnostic.line == 0:  # about a folder as a whole
            assert diagnostic.file.endswith("/") and path.is_dir(), str(diagnostic)
            continue
        assert path.exists() or path.is_symlink(), str(diagnostic)
        if path.is_file():
            lines = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
            assert 1 <= diagnostic.line <= lines + 1, str(diagnostic)


# -- big and deep files ----------------------------------------------------------------


def test_a_50_mb_tex_file_is_refused_and_the_rest_is_built(
    tmp_path: Path, baseline: Analysis
) -> None:
    project = copy_sample(tmp_path)
    line = add_input(project, "chapter/big")
    chunk = "\\begin{lemma}\\label{big-%d} Prose $x^2$ \\uses{def:prime} \\end{lemma}\n"
    block = "".join(chunk % index for index in range(1000)).encode()
    with (project / SRC / "chapter" / "big.tex").open("wb") as big:
        for _ in range(50_000_000 // len(block) + 1):
            big.write(block)
    assert (project / SRC / "chapter" / "big.tex").stat().st_size > 50_000_000 > MAX_TEX_BYTES
    analysis = build_in_time(project, tmp_path / "site")
    refused = found(analysis, "blueprint/src/content.tex", r"big\.tex: .*MB.*not read")
    assert (refused.line, refused.severity) == (line, Severity.ERROR)
    assert_rest_is_built(analysis, baseline, tmp_path / "site")
    assert_real_lines(analysis, project)


def test_ten_thousand_nested_braces_and_environments(tmp_path: Path, baseline: Analysis) -> None:
    project = copy_sample(tmp_path)
    add_input(project, "chapter/deep")
    depth = 10_000
    (project / SRC / "chapter" / "deep.tex").write_text(
        "\\begin{lemma}[" + "{" * depth + "t" + "}" * depth + "]\\label{deep}\n"
        "$" + "{" * depth + "x" + "}" * depth + "$\n"
        + "\\begin{itemize}\\item x " * depth + "\\end{itemize}" * depth + "\n\\end{lemma}\n"
        "\\section{" + "{" * depth + "s" + "}" * depth + "}\n"
        "\\begin{lemma}\\label{unclosed}\n" + "{" * depth + "never closed\n\\end{lemma}\n",
        encoding="utf-8",
    )
    analysis = build_in_time(project, tmp_path / "site")
    assert {"deep", "unclosed"} <= set(analysis.by_id)
    unbalanced = found(analysis, "blueprint/src/chapter/deep.tex", "unbalanced '{'")
    assert unbalanced.line == 7
    assert_rest_is_built(analysis, baseline, tmp_path / "site")
    assert_real_lines(analysis, project)


# -- files that are not text -----------------------------------------------------------


def test_a_non_utf8_tex_file_is_read_with_replacements_and_reported_at_its_line(
    tmp_path: Path, baseline: Analysis
) -> None:
    project = copy_sample(tmp_path)
    add_input(project, "chapter/latin")
    text = "\\section{L}\nD\u00e9j\u00e0 vu.\\begin{lemma}\\label{latin}\\uses{def:prime}"
    text += "\nCaf\u00e9.\\end{lemma}\n"
    (project / SRC / "chapter" / "latin.tex").write_bytes(text.encode("latin-1"))
    analysis = build_in_time(project, tmp_path / "site")
    error = found(analysis, "blueprint/src/chapter/latin.tex", "not valid UTF-8")
    assert (error.line, error.severity) == (2, Severity.ERROR)
    assert "latin" in analysis.by_id and analysis.graph.has_edge("def:prime", "latin")
    chapters = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").glob("chapter-*.html")]
    assert any("D\ufffdj\ufffd vu." in page for page in chapters)  # the prose is kept too
    assert_rest_is_built(analysis, baseline, tmp_path / "site")


def test_binary_files_named_tex_and_lean(tmp_path: Path, baseline: Analysis) -> None:
    project = copy_sample(tmp_path)
    add_input(project, "chapter/binary")
    noise = bytes(range(256)) * 64 + b"\\begin{lemma}\\label{after-noise}x\\end{lemma}"
    (project / SRC / "chapter" / "binary.tex").write_bytes(noise)
    (project / "Sample" / "Binary.lean").write_bytes(bytes(range(256)) * 64)
    analysis = build_in_time(project, tmp_path / "site")
    lean = found(analysis, "Sample/Binary.lean", "binary file")
    assert (lean.line, lean.severity) == (1, Severity.ERROR)
    tex = found(analysis, "blueprint/src/chapter/binary.tex", "not valid UTF-8")
    assert tex.line == 1 + bytes(range(128)).count(b"\n") + bytes(range(128)).count(b"\r")
    assert_rest_is_built(analysis, baseline, tmp_path / "site")
    assert_real_lines(analysis, project)


def test_file_names_that_are_not_utf8(tmp_path: Path, baseline: Analysis) -> None:
    project = copy_sample(tmp_path)
    lean = os.path.join(bytes(project), b"Sample", b"Bad\xff.lean")
    tex = os.path.join(bytes(project / SRC), b"chapter", b"bad\xff.tex")
    for name in (lean, tex):
        with open(name, "wb") as file:
            file.write(b"theorem bad : True := sorry\n\\begin{lemma}\\label{bad}x\\end{lemma}\n")
    analysis = build_in_time(project, tmp_path / "site")
    skipped = found(analysis, "Sample/Bad\ufffd.lean", "not UTF-8")
    assert (skipped.line, skipped.severity) == (1, Severity.WARNING)
    assert_rest_is_built(analysis, baseline, tmp_path / "site")
    cache = BuildCache()  # watch mode fingerprints every file of the blueprint folder
    assert len(cache.read_blueprint(load_config(project)).nodes) == len(baseline.nodes)


# -- \input cycles and escapes ---------------------------------------------------------


def test_an_input_cycle_is_reported_where_it_closes(tmp_path: Path, baseline: Analysis) -> None:
    project = copy_sample(tmp_path)
    add_input(project, "chapter/a")
    (project / SRC / "chapter" / "a.tex").write_text("\\input{chapter/b}\n", encoding="utf-8")
    (project / SRC / "chapter" / "b.tex").write_text("Text.\n\\input{chapter/a}\n", "utf-8")
    analysis = build_in_time(project, tmp_path / "site")
    cycle = found(analysis, "blueprint/src/chapter/b.tex", "cycle")
    assert cycle.line == 2 and "chapter/a.tex -> chapter/b.tex -> chapter/a.tex" in cycle.message
    assert_rest_is_built(analysis, baseline, tmp_path / "site")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../../../../../etc/passwd", "outside the project"),
        ("/etc/passwd", "absolute path"),
        ("chapter/escape", "outside the project"),  # a symbolic link leading out
    ],
)
def test_inputs_leading_outside_the_project_are_refused(
    tmp_path: Path, baseline: Analysis, name: str, reason: str
) -> None:
    secret = tmp_path / "secret.tex"
    secret.write_text("\\begin{lemma}\\label{stolen}SECRET-OUTSIDE\\end{lemma}\n", "utf-8")
    project = copy_sample(tmp_path)
    (project / SRC / "chapter" / "escape.tex").symlink_to(secret)
    line = add_input(project, name)
    analysis = build_in_time(project, tmp_path / "site")
    refused = found(analysis, "blueprint/src/content.tex", reason)
    assert (refused.line, refused.severity) == (line, Severity.ERROR)
    assert "stolen" not in analysis.by_id
    site = tmp_path / "site"
    assert not any(b"SECRET-OUTSIDE" in p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert not any(b"root:x:0:0" in p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert_rest_is_built(analysis, baseline, site)


# -- symbolic link loops, FIFOs --------------------------------------------------------


def test_symbolic_link_loops_are_diagnostics(tmp_path: Path, baseline: Analysis) -> None:
    project = copy_sample(tmp_path)
    chapter = project / SRC / "chapter"
    (chapter / "self.tex").symlink_to(chapter / "self.tex")
    (chapter / "ping.tex").symlink_to(chapter / "pong.tex")
    (chapter / "pong.tex").symlink_to(chapter / "ping.tex")
    (chapter / "again").symlink_to(chapter)  # a folder loop
    (project / "Sample" / "Loop.lean").symlink_to(project / "Sample" / "Loop.lean")
    (project / "Sample" / "Again").symlink_to(project / "Sample")
    first = add_input(project, "chapter/self")
    second = add_input(project, "chapter/ping")
    analysis = build_in_time(project, tmp_path / "site")
    for line, name in [(first, "self"), (second, "ping")]:
        loop = found(analysis, "blueprint/src/content.tex", rf"{name}\.tex: .*symbolic links")
        assert (loop.line, loop.severity) == (line, Severity.ERROR)
    lean = found(analysis, "Sample/Loop.lean", "symbolic links")
    assert (lean.line, lean.severity) == (1, Severity.ERROR)
    assert_rest_is_built(analysis, baseline, tmp_path / "site")


def test_fifos_named_like_sources_do_not_stall_the_build(
    tmp_path: Path, baseline: Analysis
) -> None:
    project = copy_sample(tmp_path)
    os.mkfifo(project / SRC / "chapter" / "pipe.tex")
    os.mkfifo(project / "Sample" / "Pipe.lean")
    line = add_input(project, "chapter/pipe")
    analysis = build_in_time(project, tmp_path / "site")
    tex = found(analysis, "blueprint/src/content.tex", r"pipe\.tex: not a regular file")
    assert tex.line == line
    assert found(analysis, "Sample/Pipe.lean", "not a regular file").line == 1
    assert_rest_is_built(analysis, baseline, tmp_path / "site")


def test_watch_fingerprint_survives_loops_fifos_and_vanishing_files(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    chapter = project / SRC / "chapter"
    (chapter / "self.tex").symlink_to(chapter / "self.tex")
    os.mkfifo(chapter / "pipe.tex")
    (chapter / "dangling.tex").symlink_to(tmp_path / "gone.tex")
    cache = BuildCache()
    config = load_config(project)
    first = cache.read_blueprint(config)
    assert len(first.nodes) > 30
    (chapter / "self.tex").unlink()
    assert cache.read_blueprint(config) is not first  # the folder changed: read again


# -- hostile names: HTML, URLs, element ids, DOT ---------------------------------------

HOSTILE_LABELS = [
    'q"uote\'s',
    "sp ace",
    "a<b>&amp;c",
    "</script><script>window.__pwned=1</script>",
    "ünï∀ℝ😀",
    "main",  # an element id of the templates
    '<<table><tr><td><img src="PIPE"/></td></tr></table>>',  # an HTML-like Graphviz label
]


def hostile_project(tmp_path: Path) -> Path:
    project = copy_sample(tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # dot would block on it if it opened the <img> of a label
    blocks = []
    for index, label in enumerate(HOSTILE_LABELS):
        label = label.replace("PIPE", str(pipe))
        uses = "def:prime" if index == 0 else HOSTILE_LABELS[index - 1].replace("PIPE", str(pipe))
        blocks.append(
            f"\\begin{{lemma}}[{label} & title]\\label{{{label}}}\\uses{{{uses}}}"
            f"\\lean{{Sample.«{label}»}}\nStatement {index} with {label}.\n\\end{{lemma}}\n"
        )
    (project / SRC / "chapter" / "hostile.tex").write_text("".join(blocks), encoding="utf-8")
    add_input(project, "chapter/hostile")
    return project


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, name, value or "") for name, value in attrs]


def page_attributes(site: Path) -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list[tuple[str, str, str]]] = {}
    for page in sorted(site.glob("*.html")):
        parser = _Collect()
        parser.feed(page.read_text(encoding="utf-8"))
        found[page.name] = parser.attrs
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, Path]:
    root = tmp_path_factory.mktemp("hostile")
    analysis = build_in_time(hostile_project(root), root / "site")
    return analysis, root / "site"


def test_hostile_labels_are_nodes_and_edges(hostile_site: tuple[Analysis, Path]) -> None:
    analysis, _ = hostile_site
    labels = [node.id for node in analysis.nodes if node.file.endswith("hostile.tex")]
    assert len(labels) == len(HOSTILE_LABELS)
    for before, after in itertools.pairwise(labels):
        assert analysis.graph.has_edge(before, after)


def test_element_ids_are_never_made_from_labels(hostile_site: tuple[Analysis, Path]) -> None:
    analysis, site = hostile_site
    for page, attrs in page_attributes(site).items():
        ids = [value for _, name, value in attrs if name == "id"]
        assert len(ids) == len(set(ids)), (page, "duplicate ids")
        for value in ids:
            assert re.fullmatch(r"[a-z][a-z0-9-]*", value), (page, value)
        data_ids = {value for _, name, value in attrs if name in ("data-id", "data-node")}
        assert data_ids <= set(analysis.by_id), (page, data_ids - set(analysis.by_id))


def test_links_to_nodes_are_percent_encoded(hostile_site: tuple[Analysis, Path]) -> None:
    analysis, site = hostile_site
    targets = set()
    for page, attrs in page_attributes(site).items():
        for _, name, value in attrs:
            if name == "href" and "#" in value and not value.startswith("http"):
                fragment = value.split("#", 1)[1]
                assert re.fullmatch(r"[A-Za-z0-9%._~-]*", fragment), (page, value)
                targets.add(unquote(fragment))
    hostile = {node.id for node in analysis.nodes if node.file.endswith("hostile.tex")}
    assert hostile <= targets  # every hostile node is linked to, and its link decodes back


def test_script_data_holds_the_labels_exactly(hostile_site: tuple[Analysis, Path]) -> None:
    analysis, site = hostile_site
    page = (site / "graph.html").read_text(encoding="utf-8")
    script = r'<script type="application/json" id="([a-z-]+)">(.*?)</script>'
    blocks = re.findall(script, page, re.S)
    assert blocks
    text = "".join(json.dumps(json.loads(body)) for _, body in blocks)
    for node in analysis.nodes:
        assert json.dumps(node.id)[1:-1] in text


def test_no_label_is_an_html_label_for_graphviz(hostile_site: tuple[Analysis, Path]) -> None:
    analysis, _ = hostile_site
    from blueprint.site.views import lay_out

    views = lay_out(analysis)
    assert all(view.layout.settings.startswith("dot") for view in views)  # dot did not stall
    for label in HOSTILE_LABELS:
        escaped = _escape_label(label)
        assert not (escaped.startswith("<") and escaped.endswith(">"))


@pytest.mark.parametrize(
    "label",
    [
        "<<table><tr><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></table>>",
        '<<font point-size="100">x</font>>',
    ],
)
def test_a_label_is_sized_as_one_line_of_literal_text(label: str) -> None:
    layout = compute_layout(request_for([Box("n", label, "box")], []))
    plain = compute_layout(request_for([Box("n", "x", "box")], []))
    assert layout.nodes[0].height == plain.nodes[0].height  # not three rows, not 100 pt
    assert layout.nodes[0].width > plain.nodes[0].width * 3  # the whole text is drawn


def test_dot_reads_quotes_backslashes_and_entities_literally() -> None:
    labels = ['"', "\\N\\G\\n\\l", "&lt;&#9731;", "x"]
    layout = compute_layout(request_for([Box(label, label, "box") for label in labels], []))
    assert [box.id for box in layout.nodes] == labels
    assert len({box.height for box in layout.nodes}) == 1  # no \n or \l became a line break
    assert layout.nodes[2].width > layout.nodes[3].width  # the entities are text, not one glyph


def test_site_status_source_is_unchanged_by_hostile_lean_names(
    hostile_site: tuple[Analysis, Path],
) -> None:
    analysis, _ = hostile_site
    assert analysis.status_source is StatusSource.LEAN
    for label in HOSTILE_LABELS[:-1]:
        assert analysis.by_id[label].lean == [f"Sample.«{label}»"]
