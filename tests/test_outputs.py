"""Nothing is ever lost: what `build`, `export`, `history` and `watch` may write over.

Each command is run as a user runs it (a fresh process); every test checks that the files a
user had are still there, byte for byte, after the command refused or did its work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from blueprint.outputs import MANIFEST
from tests.conftest import REPO, run_cli


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, with its bytes (the cache left aside)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".blueprint-cache" not in p.parts
    }


@pytest.mark.parametrize(
    "out",
    [".", "sample", "sample/blueprint", "sample/blueprint/src", "sample/Sample"],
    ids=["ancestor", "project", "blueprint-parent", "blueprint-folder", "lean-folder"],
)
def test_the_site_never_replaces_the_project_or_its_sources(
    sample: Path, out: str
) -> None:
    before = files_of(sample)
    done = run_cli("build", "sample", "-o", out, cwd=sample.parent)
    assert done.returncode == 2, done.stderr
    assert "refusing to write the site" in done.stderr and "project's sources" in done.stderr
    assert "internal error" not in done.stderr and "Wrote" not in done.stdout
    assert files_of(sample) == before


def test_a_folder_of_a_users_files_is_refused_and_kept(sample: Path) -> None:
    docs = sample.parent / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("mine")
    done = run_cli("build", "sample", "-o", "docs", cwd=sample.parent)
    assert done.returncode == 2
    assert "did not write" in done.stderr and "notes.md" in done.stderr
    assert files_of(docs) == {"notes.md": b"mine"}


def test_a_file_given_as_the_site_folder_is_refused(sample: Path) -> None:
    (sample.parent / "out").write_text("mine")
    done = run_cli("build", "sample", "-o", "out", cwd=sample.parent)
    assert done.returncode == 2 and "is a file" in done.stderr
    assert (sample.parent / "out").read_text() == "mine"


def test_a_symbolic_link_given_as_the_site_folder_is_refused(sample: Path) -> None:
    target = sample.parent / "elsewhere"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    (sample.parent / "site").symlink_to(target)
    done = run_cli("build", "sample", "-o", "site", cwd=sample.parent)
    assert done.returncode == 2 and "symbolic link" in done.stderr
    assert files_of(target) == {"keep.txt": b"mine"}


def test_a_site_is_replaced_and_the_files_a_user_added_to_it_are_kept(sample: Path) -> None:
    site = sample.parent / "site"
    first = run_cli("build", "sample", "-o", "site", cwd=sample.parent)
    assert first.returncode == 0, first.stderr
    listed = (site / MANIFEST).read_text().splitlines()
    assert "index.html" in listed and "static/graph-core.js" in listed
    (site / "CNAME").write_text("blueprint.example.org")
    (site / "img").mkdir()
    (site / "img" / "logo.png").write_bytes(b"\x89PNG")
    (site / "empty").mkdir()
    again = run_cli("build", "sample", "-o", "site", cwd=sample.parent)
    assert again.returncode == 0, again.stderr
    assert (site / "CNAME").read_text() == "blueprint.example.org"
    assert (site / "img" / "logo.png").read_bytes() == b"\x89PNG"
    assert (site / "empty").is_dir()
    assert "CNAME" not in (site / MANIFEST).read_text().splitlines()  # still the user's


def test_pages_that_are_no_longer_made_go_with_the_old_site(sample: Path) -> None:
    site = sample.parent / "site"
    assert run_cli("build", "sample", "-o", "site", cwd=sample.parent).returncode == 0
    manifest = site / MANIFEST
    manifest.write_text(manifest.read_text() + "old-chapter.html\n")
    (site / "old-chapter.html").write_text("from an earlier build")
    assert run_cli("build", "sample", "-o", "site", cwd=sample.parent).returncode == 0
    assert not (site / "old-chapter.html").exists()


def test_a_users_file_where_the_new_site_has_a_page_is_refused(sample: Path) -> None:
    site = sample.parent / "site"
    assert run_cli("build", "sample", "-o", "site", cwd=sample.parent).returncode == 0
    manifest = site / MANIFEST
    kept = [line for line in manifest.read_text().splitlines() if line != "tasks.html"]
    manifest.write_text("\n".join(kept) + "\n")  # as if the user had made tasks.html
    (site / "tasks.html").write_text("my own task list")
    done = run_cli("build", "sample", "-o", "site", cwd=sample.parent)
    assert done.returncode == 2 and "tasks.html" in done.stderr
    assert (site / "tasks.html").read_text() == "my own task list"


def test_a_site_written_before_the_manifest_existed_is_replaced(sample: Path) -> None:
    site = sample.parent / "site"
    assert run_cli("build", "sample", "-o", "site", cwd=sample.parent).returncode == 0
    (site / MANIFEST).unlink()
    (site / "CNAME").write_text("kept")
    done = run_cli("build", "sample", "-o", "site", cwd=sample.parent)
    assert done.returncode == 0, done.stderr
    assert (site / MANIFEST).is_file() and (site / "CNAME").read_text() == "kept"
    # a page that does not carry our generator tag is not ours: the folder is refused
    (site / MANIFEST).unlink()
    (site / "about.html").write_text("<html>my page</html>")
    refused = run_cli("build", "sample", "-o", "site", cwd=sample.parent)
    assert refused.returncode == 2 and (site / "about.html").read_text() == "<html>my page</html>"


def test_export_replaces_its_own_file_but_not_a_users(sample: Path) -> None:
    out = sample.parent / "graph.json"
    assert run_cli("export", "sample", "-o", "graph.json", cwd=sample.parent).returncode == 0
    again = run_cli("export", "sample", "-o", "graph.json", cwd=sample.parent)
    assert again.returncode == 0, again.stderr
    mine = sample.parent / "mine.json"
    mine.write_text('{"my": "data"}')
    done = run_cli("export", "sample", "-o", "mine.json", cwd=sample.parent)
    assert done.returncode == 2 and "did not write it" in done.stderr
    assert mine.read_text() == '{"my": "data"}'
    web = sample / "blueprint" / "src" / "web.tex"
    before = web.read_bytes()
    assert run_cli("export", "sample", "-o", str(web), cwd=sample.parent).returncode == 2
    assert web.read_bytes() == before and out.is_file()


def test_history_charts_and_json_never_replace_a_users_file(sample: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=sample, check=True)
    subprocess.run(["git", "add", "."], cwd=sample, check=True)
    subprocess.run(
        ["git", "-c", "user.name=A", "-c", "user.email=a@b", "commit", "-qm", "start"],
        cwd=sample,
        check=True,
    )
    chart, data = sample.parent / "chart.svg", sample.parent / "h.json"
    made = run_cli("history", "sample", "--svg", "chart.svg", "--json", "h.json",
                   cwd=sample.parent)
    assert made.returncode == 0, made.stderr
    again = run_cli("history", "sample", "--svg", "chart.svg", "--json", "h.json",
                    cwd=sample.parent)
    assert again.returncode == 0, again.stderr
    assert chart.read_text().startswith("<svg") and data.is_file()
    logo = sample.parent / "logo.svg"
    logo.write_text("<svg>my logo</svg>")
    done = run_cli("history", "sample", "--svg", "logo.svg", cwd=sample.parent)
    assert done.returncode == 2 and logo.read_text() == "<svg>my logo</svg>"
    notes = sample.parent / "notes.json"
    notes.write_text("[1, 2]")
    done = run_cli("history", "sample", "--json", "notes.json", cwd=sample.parent)
    assert done.returncode == 2 and notes.read_text() == "[1, 2]"


def test_a_build_works_with_no_writable_cache(sample: Path) -> None:
    """A read-only project, as root sees one: its cache folder cannot be made (a file is in
    the way, which no permission bit lets root write through)."""
    (sample / ".blueprint-cache").write_text("")
    for command in (["build", "sample", "-o", "site"], ["check", "sample"],
                    ["status", "sample"], ["export", "sample"]):
        done = run_cli(*command, cwd=sample.parent)
        assert done.returncode in (0, 1), (command, done.stderr)  # check: the sample's warnings
        assert "internal error" not in done.stderr, (command, done.stderr)
    assert (sample.parent / "site" / "index.html").is_file()
    blocked = sample.parent / "blocked"
    blocked.write_text("")
    done = run_cli("build", "sample", "--cache-dir", "blocked/cache", "-o", "site2",
                   cwd=sample.parent)
    assert done.returncode == 0, done.stderr


def test_an_output_folder_that_cannot_be_written_is_a_user_error(sample: Path) -> None:
    (sample.parent / "plain").write_text("a file where a folder would be")
    done = run_cli("build", "sample", "-o", "plain/site", cwd=sample.parent)
    assert done.returncode == 1, done.stderr
    assert "cannot write" in done.stderr and "plain" in done.stderr
    assert "internal error" not in done.stderr


def test_cache_dir_moves_every_cache_out_of_the_project(sample: Path) -> None:
    cache = sample.parent / "cache"
    for command in (["build", "sample", "-o", "site"], ["check", "sample"],
                    ["status", "sample"], ["export", "sample"]):
        run_cli(*command, "--cache-dir", str(cache), cwd=sample.parent)
    assert not (sample / ".blueprint-cache").exists()
    assert (cache / "layout").is_dir() and (cache / "lean-scan.json").is_file()


WATCH = """
import sys
sys.argv = ["blueprint", "watch", sys.argv[1], "--port", "0"]
from blueprint.__main__ import main
main()
"""


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_watch_removes_its_build_folder_when_stopped(sample: Path, stop: int) -> None:
    temporary = sample.parent / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", WATCH, str(sample)],
        cwd=REPO,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if "Watching" in line:
            break
    sessions = list(temporary.glob("blueprint-watch-*"))
    assert len(sessions) == 1 and (sessions[0] / "1" / "index.html").is_file()
    process.send_signal(stop)
    try:  # generous: the whole suite may share the machine's cores with other work
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"watch did not stop on signal {stop}; it printed:\n{process.stdout.read()}")
    process.stdout.close()
    assert list(temporary.glob("blueprint-watch-*")) == []


def test_a_killed_watch_sessions_folder_is_removed_by_the_next_session(tmp_path: Path) -> None:
    from blueprint.live.watch import _remove_dead_sessions

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = Path(tempfile.mkdtemp(prefix=f"blueprint-watch-{dead}-", dir=tmp_path))
    (left / "1").mkdir()
    alive = Path(tempfile.mkdtemp(prefix=f"blueprint-watch-{os.getpid()}-", dir=tmp_path))
    other = tmp_path / "blueprint-watch-notes"
    other.mkdir()
    time.sleep(0.05)
    _remove_dead_sessions(tmp_path)
    assert not left.exists() and alive.is_dir() and other.is_dir()
