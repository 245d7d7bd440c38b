"""Who is working on which node: free, claimed, in review or done, from GitHub's activity.

Pure: takes the nodes' ties to GitHub, what GitHub said (`Activity`), the owners a blueprint
names and the time to judge by; returns each node's `Work`. The conventions are those of the
projects that coordinate through GitHub (equational_theories, infinity-cosmos, FLT, and the
`intentions` claim bot of leanprover-community that replaced their workflows):

- a comment that is only `claim` (a first line `claim 2w` too: an expiry) claims the issue's
  task, unless someone else holds it; `disclaim` from the holder frees it again; an issue
  opened with `claim` as its first line is claimed by its author;
- `propose #PR` (or `propose PR #PR`) from the holder links a pull request, `withdraw #PR`
  unlinks it (the holder keeps the claim);
- an assignee of the issue holds it, whatever the comments say;
- a pull request that closes the issue (`Closes #N`, `fixes owner/repo#N`, ...) is its
  review, as is one that changes a file where the node is declared in Lean and names it.

An issue belongs to a node when the blueprint points at it (`\\discussion{N}`, LeanArchitect's
`discussion`, Verso's `issue_url`/`pr_url`) or when its title, body or a label names the node:
one of its labels or of its Lean names, as a whole word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlencode

from blueprint.github.records import Activity, Comment, Issue, PullRequest, State

#: a claim older than this with no pull request is stale
STALE_AFTER = timedelta(days=14)


class WorkState(StrEnum):
    FREE = "free"
    CLAIMED = "claimed"
    IN_REVIEW = "in_review"
    DONE = "done"


@dataclass(frozen=True)
class Work:
    """Who works on a node, since when, through which issue and pull request."""

    state: WorkState
    who: str | None = None  # a GitHub login (or a Verso owner's name)
    since: datetime | None = None
    issue: int | None = None
    issue_url: str | None = None
    pr: int | None = None
    pr_url: str | None = None
    draft: bool = False  # the pull request is a draft
    #: claimed for longer than STALE_AFTER with no pull request; None when the claim's age
    #: is unknown (an assignee with no `claim` comment, an owner)
    stale: bool | None = False


FREE = Work(WorkState.FREE)


@dataclass(frozen=True)
class NodeTies:
    """What ties a node to GitHub."""

    id: str
    names: tuple[str, ...] = ()  # its label and aliases
    lean_names: tuple[str, ...] = ()
    lean_files: tuple[str, ...] = ()  # where its Lean names are declared, from the repo's root
    #: issues and pull requests the blueprint points at: a number or an address
    references: tuple[str, ...] = ()
    finished: bool = False  # its status says there is nothing left to formalize


class Verb(StrEnum):
    CLAIM = "claim"
    DISCLAIM = "disclaim"
    PROPOSE = "propose"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Command:
    verb: Verb
    pr: int | None = None  # for propose and withdraw


_PR_COMMAND = re.compile(r"(propose|withdraw)\s*(?:pr\s*)?#(\d+)")
_CLAIM_LINE = re.compile(r"claim(?:\s.*)?")


def parse_command(body: str) -> Command | None:
    """The command a comment is, or None: the whole comment must be it (spaces and case
    aside), so that "I'll claim this later" is none; `claim` may carry an expiry and a note
    on the lines below, as the claim bot allows."""
    whole = " ".join(body.split()).lower()
    if whole == "disclaim":
        return Command(Verb.DISCLAIM)
    found = _PR_COMMAND.fullmatch(whole)
    if found:
        return Command(Verb(found[1]), int(found[2]))
    first_line = " ".join(body.strip().split("\n", 1)[0].split()).lower()
    if _CLAIM_LINE.fullmatch(first_line):
        return Command(Verb.CLAIM)
    return None


@dataclass(frozen=True)
class Claim:
    """Who holds an issue, since when (None: unknown), and the pull requests they proposed."""

    who: str
    since: datetime | None
    proposed: tuple[int, ...] = ()


def claim_of(issue: Issue, comments: Sequence[Comment]) -> Claim | None:
    """Who holds `issue`, from its assignees and its comments' commands, oldest first. An
    issue whose description starts with a `claim` line (the site's "Claim on GitHub" link
    opens one so) is claimed by its author when it is opened."""
    holder: str | None = None
    since: datetime | None = None
    proposed: list[int] = []
    opening = Comment(issue.author, issue.body.strip().split("\n", 1)[0], issue.created_at)
    said = [opening] if parse_command(opening.body) == Command(Verb.CLAIM) else []
    for comment in [*said, *sorted(comments, key=lambda c: c.created_at)]:
        command = parse_command(comment.body)
        if command is None:
            continue
        author = comment.author
        speaks_for_task = author == holder or author in issue.assignees
        if command.verb is Verb.CLAIM and holder in (None, author):
            if holder is None:
                proposed = []
            holder, since = author, comment.created_at
        elif command.verb is Verb.DISCLAIM and author == holder:
            holder, since, proposed = None, None, []
        elif command.verb is Verb.PROPOSE and speaks_for_task and command.pr not in proposed:
            proposed.append(command.pr or 0)
        elif command.verb is Verb.WITHDRAW and speaks_for_task and command.pr in proposed:
            proposed.remove(command.pr or 0)
    if issue.assignees:
        if holder in issue.assignees:
            return Claim(holder, since, tuple(proposed))
        return Claim(issue.assignees[0], None, tuple(proposed))
    return Claim(holder, since, tuple(proposed)) if holder is not None else None


#: what separates words in an issue's text: a label or a Lean name is one word between them
_WORD_BREAKS = re.compile(r"[\s`\"()\[\]{}<>,;*|#=&]+")
_CLOSING = re.compile(
    r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+"
    r"(?:(?P<repo>[\w.-]+/[\w.-]+)?#(?P<number>\d+)\b"
    r"|https?://[^\s/]+/(?P<url_repo>[\w.-]+/[\w.-]+)/issues/(?P<url_number>\d+))",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"https?://[^\s/]+/(?P<repo>[^\s/]+/[^\s/]+)/(?:issues|pull|pulls)/(\d+)")


def words(text: str) -> set[str]:
    """The words of `text` a node's label or Lean name could be, with the sentence's
    punctuation at their end taken off too ("see thm:main." names `thm:main`)."""
    found: set[str] = set()
    for word in _WORD_BREAKS.split(text):
        if word:
            found.add(word)
            found.add(word.rstrip(".:"))
            found.add(word.rstrip(".:!?'"))
    found.discard("")
    return found


def closed_issues(body: str, repo: str) -> set[int]:
    """The issues of `repo` a pull request's description closes, as GitHub reads closing
    keywords: `Closes #12`, `fixes: owner/repo#12`, `Resolves https://…/owner/repo/issues/12`."""
    numbers: set[int] = set()
    for found in _CLOSING.finditer(body):
        other = found["repo"] or found["url_repo"]
        if other is not None and other.lower() != repo.lower():
            continue
        numbers.add(int(found["number"] or found["url_number"]))
    return numbers


def reference_number(reference: str, repo: str) -> int | None:
    """The issue or pull request of `repo` a blueprint points at: `12`, `#12`, or an
    address `https://github.com/owner/repo/issues/12` (or `/pull/12`); None for another."""
    text = reference.strip()
    if text.removeprefix("#").isdigit():
        return int(text.removeprefix("#"))
    found = _ADDRESS.match(text)
    if found and found["repo"].lower() == repo.lower():
        return int(found[2])
    return None


class Ties:
    """Which nodes an issue or a pull request is about."""

    def __init__(self, nodes: Iterable[NodeTies], repo: str) -> None:
        self.repo = repo
        self.nodes = {node.id: node for node in nodes}
        self.by_word: dict[str, set[str]] = {}
        self.by_number: dict[int, set[str]] = {}
        for node in self.nodes.values():
            for word in (*node.names, *node.lean_names):
                self.by_word.setdefault(word, set()).add(node.id)
            for reference in node.references:
                number = reference_number(reference, repo)
                if number is not None:
                    self.by_number.setdefault(number, set()).add(node.id)

    def named_in(self, *texts: str) -> set[str]:
        """The nodes whose label or Lean name is a word of one of `texts`."""
        found: set[str] = set()
        for text in texts:
            for word in words(text):
                found |= self.by_word.get(word, set())
        return found

    def of_issue(self, issue: Issue) -> set[str]:
        return self.by_number.get(issue.number, set()) | self.named_in(
            issue.title, issue.body, *issue.labels
        )

    def wants_comments(self, issue: Issue) -> bool:
        """Whether `issue`'s comments can say who works on a node: it is open and tied."""
        return issue.state is State.OPEN and bool(self.of_issue(issue))

    def wants_files(self, pull: PullRequest) -> bool:
        """Whether the files `pull` changes can tie it to a node: it is open and names a node
        whose Lean declarations are known to be in files."""
        return pull.state is State.OPEN and any(
            self.nodes[node].lean_files for node in self.named_in(pull.title, pull.body)
        )


def work_of_nodes(
    nodes: Sequence[NodeTies],
    activity: Activity,
    now: datetime,
    owners: Mapping[str, str] | None = None,
) -> dict[str, Work]:
    """Each node's work, judged at `now` (a parameter, so that the answer is the same for
    the same input); `owners` are the owners a blueprint names (Verso's `owner`), by node."""
    ties = Ties(nodes, activity.repo)
    owners = owners or {}
    issues_of: dict[str, list[Issue]] = {node.id: [] for node in nodes}
    for issue in activity.issues:
        for node_id in ties.of_issue(issue):
            issues_of[node_id].append(issue)
    claims = {
        issue.number: claim_of(issue, activity.comments.get(issue.number, ()))
        for issue in activity.issues
        if issue.state is State.OPEN
    }
    pulls_of = _pulls_of_nodes(ties, activity, issues_of, claims)
    return {
        node.id: _work(
            node, ties, issues_of[node.id], pulls_of[node.id], claims, owners.get(node.id), now
        )
        for node in nodes
    }


def _pulls_of_nodes(
    ties: Ties,
    activity: Activity,
    issues_of: Mapping[str, list[Issue]],
    claims: Mapping[int, Claim | None],
) -> dict[str, list[PullRequest]]:
    """The pull requests of each node: pointed at by the blueprint, closing or proposed in one
    of its issues, or changing a file of its Lean declarations and naming it."""
    pulls = {pull.number: pull for pull in activity.pulls}
    found: dict[str, dict[int, PullRequest]] = {node: {} for node in ties.nodes}
    for number, node_ids in ties.by_number.items():
        if number in pulls:
            for node_id in node_ids:
                found[node_id][number] = pulls[number]
    closing = {pull.number: closed_issues(pull.body, ties.repo) for pull in activity.pulls}
    for node_id, issues in issues_of.items():
        numbers = {issue.number for issue in issues}
        for pull in activity.pulls:
            if closing[pull.number] & numbers:
                found[node_id][pull.number] = pull
        for issue in issues:
            claim = claims.get(issue.number)
            for number in claim.proposed if claim else ():
                if number in pulls:
                    found[node_id][number] = pulls[number]
    for pull in activity.pulls:
        changed = set(activity.files.get(pull.number, ()))
        for node_id in ties.named_in(pull.title, pull.body) if changed else ():
            if changed & set(ties.nodes[node_id].lean_files):
                found[node_id][pull.number] = pull
    return {
        node: sorted(by_number.values(), key=lambda p: p.number)
        for node, by_number in found.items()
    }


def _work(
    node: NodeTies,
    ties: Ties,
    issues: list[Issue],
    pulls: list[PullRequest],
    claims: Mapping[int, Claim | None],
    owner: str | None,
    now: datetime,
) -> Work:
    pointed = {number for number, ids in ties.by_number.items() if node.id in ids}
    # the issues the blueprint points at first, then by number
    issues = sorted(issues, key=lambda i: (i.number not in pointed, i.number))
    open_issues = [issue for issue in issues if issue.state is State.OPEN]
    first = open_issues[0] if open_issues else (issues[0] if issues else None)
    number, address = (first.number, first.html_url) if first else (None, None)
    if node.finished:
        return Work(WorkState.DONE, issue=number, issue_url=address)
    open_pulls = [pull for pull in pulls if pull.state is State.OPEN]
    if open_pulls:
        pull = max(open_pulls, key=lambda p: (p.created_at, p.number))
        return Work(
            WorkState.IN_REVIEW,
            pull.author,
            pull.created_at,
            number,
            address,
            pull.number,
            pull.html_url,
            draft=pull.draft,
        )
    for issue in open_issues:
        claim = claims.get(issue.number)
        if claim is not None:
            stale = None if claim.since is None else now - claim.since > STALE_AFTER
            return Work(
                WorkState.CLAIMED,
                claim.who,
                claim.since,
                issue.number,
                issue.html_url,
                stale=stale,
            )
    if owner:
        return Work(WorkState.CLAIMED, owner, None, number, address, stale=None)
    if not open_issues:
        # only what the blueprint points at says that a node is done: a closed issue that
        # merely names it may have been about something else
        for issue in issues:
            if issue.number in pointed and issue.completed:
                return Work(WorkState.DONE, None, issue.closed_at, issue.number, issue.html_url)
        for pull in pulls:
            if pull.number in pointed and pull.merged:
                return Work(WorkState.DONE, pull.author, None, pr=pull.number, pr_url=pull.html_url)
    return Work(WorkState.FREE, issue=number, issue_url=address)


def claim_url(
    web: str,
    label: str,
    heading: str,
    action: str,
    lean: Sequence[str] = (),
    issue_url: str | None = None,
) -> str:
    """Where a free task is claimed in one click: its open issue, where a comment `claim`
    claims it, else a new issue of the repository at `web`, pre-filled with the task, whose
    first line `claim` claims it for whoever opens it. `action` says what to do ("formalize
    the proof of"), `heading` names the node ("Theorem 1.2 (Main)")."""
    if issue_url:
        return issue_url
    lines = ["claim", "", f"{action[:1].upper()}{action[1:]} {heading} (`{label}`)."]
    if lean:
        lines.append("Lean: " + ", ".join(f"`{name}`" for name in lean))
    query = urlencode({"title": f"{label}: {action} {heading}", "body": "\n".join(lines)})
    return f"{web}/issues/new?{query}"
