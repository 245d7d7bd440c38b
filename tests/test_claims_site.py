"""Claims on the site, in the export and in `blueprint status`, against a fake GitHub.

The sample project's repository is example/sample (its blueprint's `\\github`). On the fake
GitHub: lem:primeProd-le is claimed by alice for 21 days with no pull request (stale),
lem:neg-one-square is in review (a draft pull request closing its issue), thm:bertrand is
assigned to a login made to look like markup; the other ready tasks are free.
"""

from __future__ import annotations

import json
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from blueprint.build import StatusSource, analyze, build
from blueprint.config import ProjectConfig, config_from_settings
from blueprint.github.claims import WorkState
from blueprint.github.project import ClaimsReader, project_repo, repository_of, web_url
from blueprint.model import BlueprintError
from blueprint.tomllines import toml_lines
from tests.conftest import copy_sample, run_cli
from tests.fake_github import FakeGitHub

TOKEN = "ghp_claimsTestToken123"
HOSTILE = "<img src=x onerror=alert(1)>"


def github_with_claims(fake: FakeGitHub) -> None:
    fake.add_issue(3, "Prove lem:primeProd-le", "The bound `lem:primeProd-le`.")
    fake.comment(3, "alice", "claim")
    fake.tick(days=20)
    fake.add_issue(4, "Negative one", "Formalize `lem:neg-one-square`")
    fake.comment(4, "bob", "claim")
    fake.add_pull(5, "Negative one is a square", "Closes #4", user="bob", draft=True)
    fake.add_issue(6, "Bertrand", "thm:bertrand", assignees=(HOSTILE,))
    fake.tick(days=1)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with FakeGitHub(repo="example/sample", token=TOKEN) as fake:
        github_with_claims(fake)
        yield fake


def environ(fake: FakeGitHub) -> dict[str, str]:
    return {"GITHUB_API_URL": fake.url, "GITHUB_TOKEN": TOKEN,
            "GITHUB_SERVER_URL": "https://github.example"}


def test_each_node_gets_its_work_from_the_projects_issues(
    github: FakeGitHub, sample: Path
) -> None:
    analysis = analyze(sample, StatusSource.LEAN, github=ClaimsReader(environ(github)))
    claims = analysis.claims
    assert claims is not None and claims.repo == "example/sample"
    assert claims.as_of == github.now
    work = claims.work
    assert (work["lem:primeProd-le"].state, work["lem:primeProd-le"].who) == (
        WorkState.CLAIMED, "alice")
    assert work["lem:primeProd-le"].stale is True
    assert (work["lem:neg-one-square"].state, work["lem:neg-one-square"].pr) == (
        WorkState.IN_REVIEW, 5)
    assert work["thm:bertrand"].who == HOSTILE
    assert work["def:quadratic-residue"].state is WorkState.FREE
    assert work["thm:euclid"].state is WorkState.DONE  # proved in Lean


def test_a_rebuild_with_nothing_changed_costs_one_request_a_list(
    github: FakeGitHub, sample: Path, tmp_path: Path
) -> None:
    build(sample, tmp_path / "a", StatusSource.LEAN, github=ClaimsReader(environ(github)))
    start = len(github.log)
    github.tick(minutes=10)
    build(sample, tmp_path / "b", StatusSource.LEAN, github=ClaimsReader(environ(github)))
    assert [(entry.path.split("?")[0], entry.status) for entry in github.log[start:]] == [
        ("/repos/example/sample/issues", 304), ("/repos/example/sample/pulls", 304)]


def test_the_export_gives_each_nodes_work(github: FakeGitHub, sample: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in environ(github).items():
        monkeypatch.setenv(name, value)
    done = run_cli("export", str(sample), "--github", cwd=sample)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["claims"] == {"repo": "example/sample", "as_of": "2024-05-22T12:00:00Z",
                              "warning": None}
    work = {node["id"]: node["work"] for node in data["nodes"]}
    assert work["lem:primeProd-le"] == {
        "state": "claimed", "who": "alice", "since": "2024-05-01T12:00:00Z", "issue": 3,
        "pr": None, "stale": True,
        "issue_url": "https://github.example/example/sample/issues/3", "pr_url": None,
        "draft": False,
    }
    assert work["lem:neg-one-square"]["state"] == "in_review"
    assert work["lem:neg-one-square"]["pr_url"] == "https://github.example/example/sample/pull/5"
    assert work["def:quadratic-residue"] == {
        "state": "free", "who": None, "since": None, "issue": None, "pr": None, "stale": False,
        "issue_url": None, "pr_url": None, "draft": False}
    # without --github the export is as it was: no work, no claims
    plain = json.loads(run_cli("export", str(sample), cwd=sample).stdout)
    assert "claims" not in plain and all("work" not in node for node in plain["nodes"])


def test_status_lists_the_free_tasks_first_and_gives_the_work_queue(
    github: FakeGitHub, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in environ(github).items():
        monkeypatch.setenv(name, value)
    done = run_cli("status", str(sample), "--github", "--format", "json", cwd=sample)
    assert done.returncode == 0, done.stderr
    queue = json.loads(done.stdout)
    tasks = queue["tasks"]
    states = [task["work"]["state"] for task in tasks]
    assert states == sorted(states, key=lambda state: state != "free")  # free ones first
    assert queue["free"] == states.count("free") == 4
    first = tasks[0]
    assert first["label"] == "def:quadratic-residue" and first["task"] == "state"
    assert first["statement"].startswith("An element $a \\in \\Zmod{p}$ is a \\emph{quadratic")
    assert first["used_by"] == ["lem:euler-criterion"] and first["unlocks"] == 1
    link = urlsplit(first["claim_url"])
    assert link.netloc == "github.example" and link.path == "/example/sample/issues/new"
    fields = parse_qs(link.query)
    assert fields["title"] == [
        "def:quadratic-residue: formalize the statement of Definition 3.11 (Quadratic residue)"]
    assert fields["body"][0].startswith("claim\n\n")
    taken = {task["label"]: task for task in tasks if task["work"]["state"] != "free"}
    assert taken["lem:primeProd-le"]["lean_files"] == ["Sample/Primes.lean"]
    assert taken["lem:primeProd-le"]["claim_url"] is None
    text = run_cli("status", str(sample), "--github", cwd=sample, columns=200)
    assert "Ready now: 7 tasks, 4 free to take" in text.stdout
    assert "Stale claims (over 14 days, no pull request):\n  lem:primeProd-le: claimed by " \
        "@alice since 2024-05-01, #3, stale" in text.stdout
    lines = text.stdout.splitlines()
    first = next(index for index, line in enumerate(lines) if line.startswith("│ 1 "))
    assert "def:quadratic-residue" in lines[first] and "free to take" in lines[first + 2]
    assert "PR #5 (draft) by @bob" in text.stdout


def test_github_out_of_reach_warns_once_and_never_fails_the_build(
    github: FakeGitHub, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in environ(github).items():
        monkeypatch.setenv(name, value)
    site = tmp_path / "site"
    first = run_cli("build", str(sample), "-o", str(site), "--github", cwd=sample)
    assert first.returncode == 0, first.stderr
    assert "GitHub example/sample as of 2024-05-22 12:00 UTC: 2 claimed (1 stale), 1 in review" \
        in first.stdout
    github.fail("server_error")
    failed = analyze(sample, StatusSource.LEAN, github=ClaimsReader(environ(github)))
    assert failed.claims is not None and "502 Bad Gateway" in (failed.claims.warning or "")
    # not a diagnostic: --strict does not turn GitHub's troubles into a failed build
    assert not any("GitHub" in d.message for d in failed.diagnostics)
    lenient = tmp_path / "lenient"
    github.fail("rate_limit")
    done = run_cli("build", str(sample), "-o", str(lenient), "--github", cwd=sample)
    assert done.returncode == 0
    assert done.stderr.count("warning") == 1
    assert "rate limit of 5000 requests an hour is used up" in done.stderr
    assert "claims as of 2024-05-22 12:00 UTC" in done.stderr
    tasks = (lenient / "tasks.html").read_text(encoding="utf-8")
    assert "GitHub could not be read at the last build: these are the claims last read." in tasks
    assert "Claimed by @alice since 2024-05-01" in tasks  # from the cache
    everything = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    everything += b"".join(p.read_bytes() for p in sample.rglob("*") if p.is_file())
    assert TOKEN.encode() not in everything
    assert TOKEN not in done.stdout + done.stderr


def test_everything_from_github_is_escaped(github: FakeGitHub, sample: Path,
                                           tmp_path: Path) -> None:
    build(sample, tmp_path / "site", StatusSource.LEAN, github=ClaimsReader(environ(github)))
    for page in ("graph.html", "tasks.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert HOSTILE not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_without_a_repository_github_asks_for_one(tmp_path: Path) -> None:
    def config(text: str) -> ProjectConfig:
        settings = tomllib.loads(text)
        return config_from_settings(
            tmp_path, settings, lambda path: path == "blueprint/src/web.tex", toml_lines(text)
        )

    bare = config("")
    with pytest.raises(BlueprintError, match=r"Set \[github\] repo = \"owner/name\""):
        project_repo(bare)
    assert project_repo(bare, "https://github.com/a/b") == "a/b"  # the blueprint's \github
    assert project_repo(bare, None, "git@github.com:c/d.git") == "c/d"  # the git remote
    assert project_repo(config('[project]\ngithub = "https://github.com/g/h"\n')) == "g/h"
    given = config('[github]\nrepo = "e/f"\n[project]\ngithub = "https://github.com/g/h"\n')
    assert project_repo(given, "https://github.com/a/b") == "e/f"
    with pytest.raises(
        BlueprintError,
        match=r'blueprint.toml:2: \[github\] repo = "not a repo" must be a GitHub repository',
    ):
        config('[github]\nrepo = "not a repo"\n')


def test_the_git_remote_and_the_folder_in_the_repository(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    project = copy_sample(tmp_path)  # in tmp_path/sample/
    git("init", "-q")
    git("remote", "add", "origin", "https://github.com/someone/elsewhere.git")
    config = analyze(project).config
    assert repository_of(config) == ("sample/", "https://github.com/someone/elsewhere.git")
    assert project_repo(config, None, repository_of(config)[1]) == "someone/elsewhere"


def test_the_web_address_follows_the_api() -> None:
    assert web_url({}) == "https://github.com"
    assert web_url({"GITHUB_API_URL": "https://ghe.example/api/v3"}) == "https://ghe.example"
    assert web_url({"GITHUB_SERVER_URL": "https://ghe.example/"}) == "https://ghe.example"


# ---------------------------------------------------------------- in the browser


@pytest.fixture
def claimed_site(github: FakeGitHub, tmp_path: Path) -> Path:
    project = copy_sample(tmp_path)
    out = tmp_path / "site"
    build(project, out, StatusSource.LEAN, github=ClaimsReader(environ(github)))
    return out


@pytest.mark.browser
def test_the_graph_marks_who_works_on_what_and_filters_what_is_free(
    claimed_site: Path, page: Any
) -> None:
    site = claimed_site
    page.goto((site / "graph.html").as_uri())
    page.wait_for_selector("html[data-graph-ready]")
    badges = page.evaluate(
        """() => Array.from(document.querySelectorAll("g.nodes g.node"))
            .filter(n => n.querySelector(".work-badge"))
            .map(n => [n.dataset.id, n.querySelector(".work-badge text").textContent,
                       n.querySelector(".work-badge").classList.contains("stale")])"""
    )
    assert sorted(badges) == [
        ["lem:neg-one-square", "PR", False], ["lem:primeProd-le", "C", True],
        ["thm:bertrand", "C", False]]
    label = page.locator('g.node[data-id="lem:primeProd-le"]').get_attribute("aria-label")
    assert "Claimed by @alice since 2024-05-01" in (label or "")
    page.check("#filter-free")
    kept = page.evaluate(
        """() => Array.from(document.querySelectorAll("g.nodes g.node:not(.filtered-out)"),
                            n => n.dataset.id)"""
    )
    assert sorted(kept) == ["def:quadratic-residue", "lem:prod-units", "lemma-1cd82e6f",
                            "thm:euler"]
    assert "4 of 37 nodes match the filters." in page.inner_text("#graph-status")
    page.screenshot(path=str(site.parent / "free.png"))
    # the filter is kept across a reload, as the others are
    page.reload()
    page.wait_for_selector("html[data-graph-ready]")
    assert page.is_checked("#filter-free")


@pytest.mark.browser
def test_the_claim_link_is_pre_filled_and_links_back_to_the_node(
    claimed_site: Path, page: Any
) -> None:
    from blueprint.live.server import SiteServer

    site = claimed_site
    server = SiteServer(site, "127.0.0.1", 0)
    server.start()
    try:
        page.goto(f"{server.url}graph.html#def%3Aquadratic-residue")
        page.wait_for_selector("#panel:not([hidden])")
        panel = page.locator("#panel")
        assert "Free to take" in panel.inner_text()
        link = panel.locator("a.claim-link")
        assert link.inner_text() == "Claim on GitHub"
        before = parse_qs(urlsplit(link.get_attribute("href") or "").query)
        assert before["title"] == [
            "def:quadratic-residue: formalize the statement of Definition 3.11 "
            "(Quadratic residue)"]
        assert before["body"] == [
            "claim\n\nFormalize the statement of Definition 3.11 (Quadratic residue) "
            "(`def:quadratic-residue`)."]
        # clicked: the link gets the node's address on this site (the click itself is stopped
        # before it leaves for GitHub)
        page.evaluate(
            """() => document.addEventListener("click", e => e.preventDefault())"""
        )
        link.click()
        after = parse_qs(urlsplit(link.get_attribute("href") or "").query)
        assert after["body"][0].endswith(
            f"\n\nIn the blueprint: {server.url}graph.html#def%3Aquadratic-residue")
        page.goto(f"{server.url}tasks.html")
        assert page.locator("#tasks a.claim-link").count() == 4
        assert page.locator("#taken tbody tr").count() == 3
        assert "lem:primeProd-le" in page.inner_text("#stale")
        page.screenshot(path=str(site.parent / "tasks.png"), full_page=True)
    finally:
        server.shutdown()


def test_watch_asks_github_at_most_once_a_minute(github: FakeGitHub, sample: Path) -> None:
    reader = ClaimsReader(environ(github), every=60.0)
    first = analyze(sample, StatusSource.LEAN, github=reader)
    asked = len(github.log)
    github.comment(4, "bob", "disclaim")  # not seen before the minute is over
    again = analyze(sample, StatusSource.LEAN, github=reader)
    assert len(github.log) == asked
    assert first.claims is not None and again.claims is not None
    assert again.claims.work == first.claims.work
    assert (again.claims.requests, again.claims.not_modified) == (0, 0)


def test_a_watch_session_shows_the_claims(github: FakeGitHub, sample: Path) -> None:
    from tests.helpers import watching

    with watching(sample, github=ClaimsReader(environ(github), every=60.0)) as session:
        assert "work-claimed" in session.node_classes("lem:primeProd-le")
        assert "work-in_review" in session.node_classes("lem:neg-one-square")
        assert "Free to take" in session.get("/tasks.html")
