"""The GitHub client against a local server that answers like GitHub's REST API."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blueprint.github.client import GitHubClient
from blueprint.github.records import State
from tests.fake_github import FakeGitHub

TOKEN = "ghs_s3cretTokenValue0123456789"


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=TOKEN) as fake:
        yield fake


def client(fake: FakeGitHub, cache: Path, **options: object) -> GitHubClient:
    settings: dict = {"api_url": fake.url, "token": TOKEN, "timeout": 5.0, "per_page": 3}
    settings.update(options)
    return GitHubClient(fake.repo, cache, **settings)


def project(fake: FakeGitHub) -> None:
    """Seven issues (three pages of three) and two pull requests, with comments."""
    for number in range(1, 8):
        fake.add_issue(number, f"Prove lemma {number}", f"See `lem:{number}`.")
        fake.tick(minutes=1)
    fake.comment(2, "alice", "claim")
    fake.tick(minutes=1)
    fake.add_pull(8, "Lemma 3", "Closes #3", user="bob", files=("Proj/Three.lean",))
    fake.tick(minutes=1)
    fake.add_pull(9, "Lemma 4", "", user="carol", draft=True)
    fake.tick(minutes=1)


def statuses(fake: FakeGitHub, start: int) -> list[tuple[str, int]]:
    return [
        (entry.path.split("?")[0].rsplit("/repo", 1)[1], entry.status)
        for entry in fake.requests_since(start)
    ]


def test_the_first_fetch_reads_every_page_and_keeps_what_it_asked_for(
    github: FakeGitHub, tmp_path: Path
) -> None:
    project(github)
    fetched = client(github, tmp_path).fetch(wants_files=lambda pull: pull.number == 8)
    assert fetched.warning is None
    activity = fetched.activity
    # the issues list's pull requests are not issues
    assert [issue.number for issue in activity.issues] == [1, 2, 3, 4, 5, 6, 7]
    assert [(p.number, p.author, p.draft) for p in activity.pulls] == [
        (8, "bob", False),
        (9, "carol", True),
    ]
    assert [(c.author, c.body) for c in activity.comments[2]] == [("alice", "claim")]
    assert activity.comments[1] == ()  # no comments: nothing asked
    assert activity.files == {8: ("Proj/Three.lean",)}
    assert activity.as_of == github.now  # the server's clock, from its Date header
    # issues: 9 items in 3 pages; pulls: one page; the comments of issue 2; the files of 8
    assert statuses(github, 0) == [
        ("/issues", 200),
        ("/issues", 200),
        ("/issues", 200),
        ("/pulls", 200),
        ("/issues/2/comments", 200),
        ("/pulls/8/files", 200),
    ]
    assert all(entry.authorization == f"Bearer {TOKEN}" for entry in github.log)


def test_a_rebuild_with_nothing_changed_costs_one_request_a_list_all_304(
    github: FakeGitHub, tmp_path: Path
) -> None:
    project(github)
    first = client(github, tmp_path).fetch(wants_files=lambda pull: pull.number == 8)
    start = len(github.log)
    github.tick(hours=1)
    again = client(github, tmp_path).fetch(wants_files=lambda pull: pull.number == 8)
    assert statuses(github, start) == [("/issues", 304), ("/pulls", 304)]
    assert (again.requests, again.not_modified) == (2, 2)
    assert again.activity.issues == first.activity.issues
    assert again.activity.comments == first.activity.comments
    assert again.activity.files == first.activity.files
    assert again.activity.as_of == github.now


def test_a_change_costs_the_pages_down_to_it_and_the_lists_it_touched(
    github: FakeGitHub, tmp_path: Path
) -> None:
    project(github)
    client(github, tmp_path).fetch()
    github.tick(minutes=5)
    github.comment(5, "dave", "claim")
    start = len(github.log)
    fetched = client(github, tmp_path).fetch()
    # issue 5 moved to the top of the first page: the first page is enough
    assert statuses(github, start) == [
        ("/issues", 200),
        ("/pulls", 304),
        ("/issues/5/comments", 200),
    ]
    assert [c.author for c in fetched.activity.comments[5]] == ["dave"]
    assert [c.author for c in fetched.activity.comments[2]] == ["alice"]  # kept
    assert len(fetched.activity.issues) == 7


def test_an_issue_changed_without_new_comments_gets_a_304_for_them(
    github: FakeGitHub, tmp_path: Path
) -> None:
    project(github)
    client(github, tmp_path).fetch()
    github.tick(minutes=5)
    github.update_issue(2, assignees=("alice",))
    start = len(github.log)
    fetched = client(github, tmp_path).fetch()
    assert statuses(github, start) == [
        ("/issues", 200),
        ("/pulls", 304),
        ("/issues/2/comments", 304),
    ]
    issue = next(issue for issue in fetched.activity.issues if issue.number == 2)
    assert issue.assignees == ("alice",)


def test_a_closed_issue_is_seen_closed(github: FakeGitHub, tmp_path: Path) -> None:
    project(github)
    client(github, tmp_path).fetch()
    github.tick(minutes=5)
    github.update_issue(1, state="closed")
    github.update_pull(8, merged=True)
    activity = client(github, tmp_path).fetch().activity
    assert next(i for i in activity.issues if i.number == 1).completed
    assert next(p for p in activity.pulls if p.number == 8).merged
    # a closed issue's comments are not asked for any more
    assert 2 in activity.comments and 1 not in activity.comments


def test_comments_over_several_pages(github: FakeGitHub, tmp_path: Path) -> None:
    github.add_issue(1, "Many words")
    for n in range(7):
        github.comment(1, f"user{n}", f"comment {n}")
    activity = client(github, tmp_path).fetch().activity
    assert [c.body for c in activity.comments[1]] == [f"comment {n}" for n in range(7)]


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("rate_limit", "the rate limit of 5000 requests an hour is used up, until 13:13 UTC;"),
        ("secondary", "GitHub asks to wait 60 s (secondary rate limit)"),
        ("server_error", "GitHub answered 502 Bad Gateway"),
        ("timeout", "no answer within 0.3 s"),
        ("broken_json", "the answer to /repos/owner/repo/issues is not JSON"),
        ("wrong_shape", "the answer to /repos/owner/repo/issues is not a list of objects"),
        ("reset", "the connection broke"),
        ("bad_credentials", "GitHub refused the token (401 Bad credentials)"),
    ],
)
def test_each_fault_gives_one_warning_and_the_cache_as_of_its_time(
    github: FakeGitHub, tmp_path: Path, fault: str, says: str
) -> None:
    project(github)
    first = client(github, tmp_path).fetch()
    as_of = github.now
    github.tick(minutes=3)
    github.comment(4, "erin", "claim")  # a change the failed fetch cannot see
    github.fail(fault)
    # a slow machine must not turn another fault into a timeout
    fetched = client(github, tmp_path, timeout=0.3 if fault == "timeout" else 5.0).fetch()
    assert fetched.warning is not None
    assert says in fetched.warning
    assert fetched.warning.endswith(f"claims as of {as_of:%Y-%m-%d %H:%M} UTC")
    assert fetched.activity == first.activity  # the cache, whole
    assert fetched.requests == 1  # the first fault ends the refresh
    # and the next fetch, with GitHub back, sees the change
    later = client(github, tmp_path).fetch()
    assert later.warning is None
    assert [c.author for c in later.activity.comments[4]] == ["erin"]


def test_a_fault_with_nothing_cached_says_no_claims_are_known(
    github: FakeGitHub, tmp_path: Path
) -> None:
    github.add_issue(1, "A task")
    github.fail("server_error")
    fetched = client(github, tmp_path).fetch()
    assert fetched.warning == (
        "GitHub (owner/repo): GitHub answered 502 Bad Gateway; no claims known yet"
    )
    assert fetched.activity.issues == () and fetched.activity.as_of is None


def test_no_network(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    github = GitHubClient("owner/repo", tmp_path, api_url=f"http://127.0.0.1:{port}", timeout=1)
    fetched = github.fetch()
    assert fetched.warning is not None
    assert fetched.warning.startswith(f"GitHub (owner/repo): cannot reach 127.0.0.1:{port}")
    assert fetched.activity.issues == ()


def test_a_fault_half_way_keeps_what_was_complete(github: FakeGitHub, tmp_path: Path) -> None:
    project(github)
    client(github, tmp_path).fetch()
    github.tick(minutes=5)
    github.comment(5, "dave", "claim")
    github.tick(minutes=5)
    github.comment(6, "erin", "claim")
    # the lists and issue 6's comments are read (newest first), then issue 5's fail
    github.fail("server_error", path="/issues/5/comments")
    start = len(github.log)
    failed = client(github, tmp_path).fetch()
    assert failed.warning is not None
    assert statuses(github, start)[-1] == ("/issues/5/comments", 502)
    start = len(github.log)
    fetched = client(github, tmp_path).fetch()
    # the lists and issue 6's comments were kept: only issue 5's comments are asked again
    assert statuses(github, start) == [
        ("/issues", 304),
        ("/pulls", 304),
        ("/issues/5/comments", 200),
    ]
    assert [c.author for c in fetched.activity.comments[5]] == ["dave"]
    assert [c.author for c in fetched.activity.comments[6]] == ["erin"]


def test_the_token_is_written_nowhere(github: FakeGitHub, tmp_path: Path) -> None:
    project(github)
    client(github, tmp_path).fetch()
    github.fail("bad_credentials")
    fetched = client(github, tmp_path).fetch()
    everything = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert TOKEN.encode() not in everything
    assert TOKEN not in (fetched.warning or "")
    assert TOKEN not in repr(client(github, tmp_path))


def test_without_a_token_no_authorization_is_sent(github: FakeGitHub, tmp_path: Path) -> None:
    github.add_issue(1, "A task")
    fetched = client(github, tmp_path, token=None).fetch()
    assert fetched.warning is None
    assert [entry.authorization for entry in github.log] == [None, None]


def test_the_environment_gives_the_api_and_the_token(tmp_path: Path) -> None:
    with FakeGitHub(token=TOKEN, prefix="/api/v3") as enterprise:
        enterprise.add_issue(1, "A task")
        environ = {"GITHUB_API_URL": enterprise.url, "GITHUB_TOKEN": TOKEN}
        fetched = GitHubClient.from_environment("owner/repo", tmp_path, environ).fetch()
        assert fetched.warning is None
        assert [issue.title for issue in fetched.activity.issues] == ["A task"]
        assert enterprise.log[0].path.startswith("/api/v3/repos/owner/repo/issues?")
        assert enterprise.log[0].authorization == f"Bearer {TOKEN}"


def test_a_damaged_or_unwritable_cache_only_costs_requests(
    github: FakeGitHub, tmp_path: Path
) -> None:
    github.add_issue(1, "A task")
    cache = tmp_path / "cache"
    client(github, cache).fetch()
    (path,) = (cache / "github").glob("*.json")
    assert path.name == "owner+repo.json"
    path.write_text("{not json", encoding="utf-8")
    assert client(github, cache).fetch().activity.issues[0].title == "A task"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["lists"]["issues"]["items"][0]["created_at"] = "yesterday"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert client(github, cache).fetch().activity.issues[0].title == "A task"  # read again
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    fetched = client(github, blocked).fetch()  # its cache folder cannot be made
    assert fetched.warning is None
    assert fetched.activity.issues[0].state is State.OPEN


def test_the_server_clock_is_the_time_of_the_data(github: FakeGitHub, tmp_path: Path) -> None:
    github.add_issue(1, "A task")
    github.now = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert client(github, tmp_path).fetch().activity.as_of == github.now


def test_more_changes_than_a_page_read_the_pages_down_to_the_known(
    github: FakeGitHub, tmp_path: Path
) -> None:
    project(github)
    client(github, tmp_path).fetch()
    for number in (1, 3, 5, 7):  # four changes: more than a page of three
        github.tick(minutes=1)
        github.update_issue(number, title=f"Lemma {number}, renamed")
    start = len(github.log)
    fetched = client(github, tmp_path).fetch()
    assert statuses(github, start) == [("/issues", 200), ("/issues", 200), ("/pulls", 304)]
    titles = {issue.number: issue.title for issue in fetched.activity.issues}
    assert titles == {
        1: "Lemma 1, renamed",
        2: "Prove lemma 2",
        3: "Lemma 3, renamed",
        4: "Prove lemma 4",
        5: "Lemma 5, renamed",
        6: "Prove lemma 6",
        7: "Lemma 7, renamed",
    }
