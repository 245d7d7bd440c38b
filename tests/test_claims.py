"""The claim rules: commands, ties between nodes and GitHub, and each node's work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from blueprint.github.claims import (
    Claim,
    Command,
    NodeTies,
    Ties,
    Verb,
    Work,
    WorkState,
    claim_of,
    closed_issues,
    parse_command,
    reference_number,
    words,
    work_of_nodes,
)
from blueprint.github.client import GitHubClient
from blueprint.github.records import Activity, Comment, Issue, PullRequest, State
from tests.fake_github import FakeGitHub

REPO = "owner/repo"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def issue(
    number: int,
    title: str = "",
    body: str = "",
    state: State = State.OPEN,
    assignees: Sequence[str] = (),
    labels: Sequence[str] = (),
    state_reason: str | None = None,
) -> Issue:
    return Issue(
        number,
        title,
        body,
        state,
        "author",
        f"https://github.com/{REPO}/issues/{number}",
        T0,
        T0,
        at(3) if state is State.CLOSED else None,
        state_reason,
        tuple(assignees),
        tuple(labels),
    )


def pull(
    number: int,
    title: str = "",
    body: str = "",
    author: str = "bob",
    state: State = State.OPEN,
    draft: bool = False,
    merged: bool = False,
    created: float = 1,
) -> PullRequest:
    return PullRequest(
        number,
        title,
        body,
        state,
        author,
        f"https://github.com/{REPO}/pull/{number}",
        at(created),
        at(created),
        draft,
        merged,
    )


def said(*comments: tuple[str, str, float]) -> tuple[Comment, ...]:
    return tuple(Comment(author, body, at(day)) for author, body, day in comments)


@pytest.mark.parametrize(
    ("body", "command"),
    [
        ("claim", Command(Verb.CLAIM)),
        ("  Claim \n", Command(Verb.CLAIM)),
        ("CLAIM", Command(Verb.CLAIM)),
        ("claim 2w", Command(Verb.CLAIM)),  # with an expiry, as the claim bot allows
        ("claim\nI will start with the easy case.", Command(Verb.CLAIM)),
        ("disclaim", Command(Verb.DISCLAIM)),
        (" Disclaim\n\n", Command(Verb.DISCLAIM)),
        ("propose #12", Command(Verb.PROPOSE, 12)),
        ("propose PR #12", Command(Verb.PROPOSE, 12)),  # equational_theories' spelling
        ("Propose  pr  #7 ", Command(Verb.PROPOSE, 7)),
        ("propose #7\n", Command(Verb.PROPOSE, 7)),
        ("withdraw #12", Command(Verb.WITHDRAW, 12)),
        ("withdraw PR #12", Command(Verb.WITHDRAW, 12)),
        ("I'll claim this later", None),
        ("claimed", None),
        ("disclaim it please", None),
        ("please propose #12", None),
        ("propose 12", None),
        ("propose #12 and #13", None),
        ("", None),
    ],
)
def test_a_comment_is_a_command_only_when_it_is_nothing_else(
    body: str, command: Command | None
) -> None:
    assert parse_command(body) == command


def test_a_claim_holds_until_its_holder_disclaims() -> None:
    task = issue(1)
    assert claim_of(task, said(("alice", "claim", 1))) == Claim("alice", at(1))
    assert claim_of(task, said(("alice", "claim", 1), ("alice", "disclaim", 2))) is None
    # someone else's claim while it is held is refused, as the claim bots refuse it
    assert claim_of(task, said(("alice", "claim", 1), ("bob", "claim", 2))) == Claim("alice", at(1))
    # and only the holder can disclaim
    assert claim_of(task, said(("alice", "claim", 1), ("bob", "disclaim", 2))) == Claim(
        "alice", at(1)
    )
    # the last claim not undone
    assert claim_of(
        task, said(("alice", "claim", 1), ("alice", "disclaim", 2), ("bob", "claim", 3))
    ) == Claim("bob", at(3))
    # a claim renewed by its holder is as old as the renewal
    assert claim_of(task, said(("alice", "claim", 1), ("alice", "claim 2w", 9))) == Claim(
        "alice", at(9)
    )
    # prose is no claim
    assert claim_of(task, said(("alice", "I could claim this", 1))) is None


def test_an_assignee_holds_the_task() -> None:
    assigned = issue(1, assignees=("carol",))
    assert claim_of(assigned, ()) == Claim("carol", None)  # since when: unknown
    assert claim_of(assigned, said(("dave", "claim", 1))) == Claim("carol", None)
    both = issue(1, assignees=("alice",))
    assert claim_of(both, said(("alice", "claim", 1))) == Claim("alice", at(1))


def test_propose_and_withdraw_link_pull_requests() -> None:
    task = issue(1)
    assert claim_of(task, said(("alice", "claim", 1), ("alice", "propose #5", 2))) == Claim(
        "alice", at(1), (5,)
    )
    assert claim_of(
        task,
        said(("alice", "claim", 1), ("alice", "propose #5", 2), ("alice", "withdraw PR #5", 3)),
    ) == Claim("alice", at(1), ())  # the holder keeps the claim
    # someone who does not hold the task proposes nothing
    assert claim_of(task, said(("alice", "claim", 1), ("bob", "propose #6", 2))) == Claim(
        "alice", at(1), ()
    )


def test_words_of_an_issue() -> None:
    found = words("Prove `thm:main` (see lem:aux.) and Nat.foo', then \\ref{def:x}: done")
    assert {"thm:main", "lem:aux", "Nat.foo'", "def:x"} <= found
    assert "thm" not in found and "main" not in found
    assert "thm:main" in words("https://site.example/index.html#node=thm:main")


def test_closing_keywords() -> None:
    body = (
        "Closes #12. fixes: #13, Resolved owner/repo#14, fix other/repo#15, "
        "resolves https://github.com/owner/repo/issues/16, see #17, closes#18"
    )
    assert closed_issues(body, REPO) == {12, 13, 14, 16}
    assert closed_issues("CLOSES #3", REPO) == {3}


def test_what_a_blueprint_points_at() -> None:
    assert reference_number("12", REPO) == 12
    assert reference_number("#12", REPO) == 12
    assert reference_number("https://github.com/owner/repo/issues/12", REPO) == 12
    assert reference_number("https://github.com/Owner/Repo/pull/7", REPO) == 7
    assert reference_number("https://github.com/other/repo/issues/12", REPO) is None
    assert reference_number("https://leanprover.zulipchat.com/#narrow", REPO) is None


NODES = (
    NodeTies("thm:free"),
    NodeTies("thm:pointed", ("thm:pointed",), references=("1",)),
    NodeTies("thm:named", ("thm:named",), ("Proj.named",)),
    NodeTies("thm:stale", ("thm:stale",), references=("3",)),
    NodeTies("thm:review", ("thm:review",), references=("4",)),
    NodeTies("thm:file", ("thm:file",), ("Proj.file_lemma",), ("Proj/File.lean",)),
    NodeTies("thm:finished", ("thm:finished",), references=("6",), finished=True),
    NodeTies("thm:closed", ("thm:closed",), references=("7",)),
    NodeTies("thm:mentioned_closed", ("thm:mentioned_closed",)),
    NodeTies("thm:owned", ("thm:owned",)),
    NodeTies(
        "thm:proposed", ("thm:proposed",), references=("https://github.com/owner/repo/issues/9",)
    ),
)


def activity() -> Activity:
    return Activity(
        REPO,
        issues=(
            issue(1, "Formalize the pointed theorem"),
            issue(2, "Prove `Proj.named`", "from the blueprint"),
            issue(3, "An old claim"),
            issue(4, "Review me"),
            issue(6, "Finished already", assignees=("zoe",)),
            issue(7, "Done", state=State.CLOSED, state_reason="completed"),
            issue(8, "About thm:mentioned_closed", state=State.CLOSED, state_reason="completed"),
            issue(9, "A task"),
            issue(10, "Not a task", "mentions nothing", assignees=("yuri",)),
        ),
        pulls=(
            pull(20, "Pointed, part 1", "Closes #4", author="bob", draft=True, created=5),
            pull(21, "File lemma", "This proves thm:file.", author="carol", created=6),
            pull(22, "Proposed one", "", author="dave", created=7),
            pull(23, "Old", "Closes #1", author="erin", state=State.CLOSED, created=0),
        ),
        comments={
            1: said(("alice", "claim", 9)),
            2: said(("bob", "claim", 1), ("bob", "disclaim", 2)),
            3: said(("carol", "claim", 0)),
            9: said(("dave", "claim", 2), ("dave", "propose #22", 7)),
        },
        files={21: ("Proj/File.lean", "Proj/Other.lean")},
        as_of=at(15),
    )


def test_each_node_gets_its_work() -> None:
    work = work_of_nodes(NODES, activity(), now=at(15), owners={"thm:owned": "Ann Owner"})
    url = f"https://github.com/{REPO}"
    assert work["thm:free"] == Work(WorkState.FREE)
    assert work["thm:pointed"] == Work(
        WorkState.CLAIMED, "alice", at(9), 1, f"{url}/issues/1", stale=False
    )
    # free again after the disclaim, and its issue is where to claim it
    assert work["thm:named"] == Work(WorkState.FREE, issue=2, issue_url=f"{url}/issues/2")
    assert work["thm:stale"] == Work(
        WorkState.CLAIMED, "carol", at(0), 3, f"{url}/issues/3", stale=True
    )
    assert work["thm:review"] == Work(
        WorkState.IN_REVIEW, "bob", at(5), 4, f"{url}/issues/4", 20, f"{url}/pull/20", draft=True
    )
    assert work["thm:file"] == Work(
        WorkState.IN_REVIEW, "carol", at(6), pr=21, pr_url=f"{url}/pull/21"
    )
    assert work["thm:finished"] == Work(WorkState.DONE, issue=6, issue_url=f"{url}/issues/6")
    assert work["thm:closed"] == Work(WorkState.DONE, None, at(3), 7, f"{url}/issues/7")
    # a closed issue that only names a node does not make it done
    assert work["thm:mentioned_closed"] == Work(
        WorkState.FREE, issue=8, issue_url=f"{url}/issues/8"
    )
    assert work["thm:owned"] == Work(WorkState.CLAIMED, "Ann Owner", stale=None)
    assert work["thm:proposed"] == Work(
        WorkState.IN_REVIEW, "dave", at(7), 9, f"{url}/issues/9", 22, f"{url}/pull/22"
    )


def test_a_claim_turns_stale_after_fourteen_days_without_a_pull_request() -> None:
    nodes = (NodeTies("thm:a", ("thm:a",)),)
    claimed = Activity(REPO, (issue(1, "thm:a"),), comments={1: said(("alice", "claim", 0))})
    assert work_of_nodes(nodes, claimed, now=at(14))["thm:a"].stale is False
    assert work_of_nodes(nodes, claimed, now=at(14.01))["thm:a"].stale is True
    reviewed = Activity(
        REPO, claimed.issues, (pull(5, body="Closes #1", created=1),), claimed.comments
    )
    assert work_of_nodes(nodes, reviewed, now=at(30))["thm:a"].state is WorkState.IN_REVIEW
    assigned = Activity(REPO, (issue(1, "thm:a", assignees=("bob",)),))
    assert work_of_nodes(nodes, assigned, now=at(30))["thm:a"] == Work(
        WorkState.CLAIMED, "bob", None, 1, f"https://github.com/{REPO}/issues/1", stale=None
    )


def test_a_file_alone_or_a_name_alone_does_not_tie_a_pull_request() -> None:
    nodes = (NodeTies("thm:a", ("thm:a",), ("A.a",), ("A.lean",)),)
    only_file = Activity(REPO, pulls=(pull(5, "Golf"),), files={5: ("A.lean",)})
    only_name = Activity(REPO, pulls=(pull(5, "Golf A.a"),), files={5: ("B.lean",)})
    both = Activity(REPO, pulls=(pull(5, "Golf A.a"),), files={5: ("A.lean",)})
    assert work_of_nodes(nodes, only_file, T0)["thm:a"].state is WorkState.FREE
    assert work_of_nodes(nodes, only_name, T0)["thm:a"].state is WorkState.FREE
    assert work_of_nodes(nodes, both, T0)["thm:a"].state is WorkState.IN_REVIEW


def test_a_label_of_the_issue_ties_it() -> None:
    nodes = (NodeTies("thm:a", ("thm:a",)),)
    labelled = Activity(
        REPO, (issue(1, "Some task", labels=("thm:a",)),), comments={1: said(("alice", "claim", 0))}
    )
    assert work_of_nodes(nodes, labelled, T0)["thm:a"].who == "alice"


def test_the_client_and_the_rules_together(tmp_path: Path) -> None:
    """The ties decide which comments and files are asked for; nothing else is."""
    nodes = (
        NodeTies("thm:a", ("thm:a",), ("A.a",), ("A.lean",)),
        NodeTies("thm:b", ("thm:b",), references=("2",)),
    )
    with FakeGitHub() as github:
        github.add_issue(1, "Formalize thm:a")
        github.add_issue(2, "Second task")
        github.add_issue(3, "Unrelated", "nothing here")
        for number in (1, 2, 3):
            github.comment(number, "alice", "claim")
        github.add_pull(4, "Golf A.a", "", files=("A.lean",))
        github.add_pull(5, "Docs", "", files=("README.md",))
        github.tick(days=1)
        ties = Ties(nodes, github.repo)
        fetched = GitHubClient(github.repo, tmp_path, api_url=github.url).fetch(
            ties.wants_comments, ties.wants_files
        )
        asked = sorted(entry.path.split("?")[0].rsplit("/repo", 1)[1] for entry in github.log)
        assert asked == [
            "/issues",
            "/issues/1/comments",
            "/issues/2/comments",
            "/pulls",
            "/pulls/4/files",
        ]
        work = work_of_nodes(nodes, fetched.activity, github.now)
        assert work["thm:a"].state is WorkState.IN_REVIEW and work["thm:a"].pr == 4
        assert work["thm:b"].who == "alice" and work["thm:b"].state is WorkState.CLAIMED


def test_an_issue_opened_with_a_claim_line_is_claimed_by_its_author() -> None:
    opened = Issue(
        1,
        "thm:a: formalize",
        "claim\n\nFormalize `thm:a`.",
        State.OPEN,
        "zoe",
        f"https://github.com/{REPO}/issues/1",
        at(2),
        at(2),
    )
    assert claim_of(opened, ()) == Claim("zoe", at(2))
    assert claim_of(opened, said(("zoe", "disclaim", 3))) is None
    described = Issue(
        1,
        "thm:a",
        "We could claim this.",
        State.OPEN,
        "zoe",
        f"https://github.com/{REPO}/issues/1",
        at(2),
        at(2),
    )
    assert claim_of(described, ()) is None
