"""How the site shows who works on a node: in words, as a badge on the graph, and the link
that claims a free task on GitHub. Plain data for the templates (which escape it all)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from blueprint.github.claims import Work, WorkState, claim_url

#: the stages (site.words.STAGES) of a node that is a task now, and what the task is
TASK_ACTIONS = {"can_state": "formalize the statement of", "can_prove": "formalize the proof of"}


@dataclass(frozen=True)
class WorkInfo:
    """A node's work as the pages show it."""

    state: str  # free | claimed | in_review | done
    words: str  # "Claimed by @alice since 2024-05-01"
    badge: str  # what the graph draws on the node: "C" (claimed), "PR" (in review), or ""
    issue: str  # "#12", or ""
    issue_url: str
    pr: str  # "#20", or ""
    pr_url: str
    stale: bool
    free: bool  # free to take: nobody works on it and it is a task now
    claim_url: str  # for a node free to take: where it is claimed in one click
    claim_words: str

    @property
    def news(self) -> bool:
        """Whether the node's panel says it: someone works on it, it is free to take, or
        an issue or a pull request is about it (not merely "done" or "nobody")."""
        return self.state in ("claimed", "in_review") or self.free or bool(self.issue_url)


def work_info(
    work: Work, label: str, heading: str, stage: str, web: str, lean: Sequence[str]
) -> WorkInfo:
    """What the pages say of `work`, the work on node `label` ("Lemma 2.3 (Title)" is its
    `heading`, `stage` its stage); `web` is the repository's address."""
    free = work.state is WorkState.FREE and stage in TASK_ACTIONS
    issue_url, pr_url = _web(work.issue_url), _web(work.pr_url)
    link = words = ""
    if free:
        action = TASK_ACTIONS[stage]
        link = claim_url(web, label, heading, action, lean, issue_url or None)
        words = f"Claim on GitHub (comment “claim” on #{work.issue})" if issue_url else (
            "Claim on GitHub"
        )
    return WorkInfo(
        state=work.state.value,
        words=describe(work, stage in TASK_ACTIONS),
        badge={WorkState.CLAIMED: "C", WorkState.IN_REVIEW: "PR"}.get(work.state, ""),
        issue=f"#{work.issue}" if work.issue else "",
        issue_url=issue_url,
        pr=f"#{work.pr}" if work.pr else "",
        pr_url=pr_url,
        stale=work.stale is True,
        free=free,
        claim_url=link,
        claim_words=words,
    )


def describe(work: Work, ready: bool = True) -> str:
    """`work` in one sentence."""
    who = _who(work.who)
    if work.state is WorkState.IN_REVIEW:
        draft = " (draft)" if work.draft else ""
        return f"In review: pull request #{work.pr}{draft} by {who}{_since(work.since)}"
    if work.state is WorkState.CLAIMED:
        stale = "; stale: no pull request for over 14 days" if work.stale else ""
        return f"Claimed by {who}{_since(work.since)}{stale}"
    if work.state is WorkState.DONE:
        return "Done"
    return "Free to take" if ready else "Nobody works on it"


def claims_note(repo: str, as_of: datetime | None, warning: str | None) -> str:
    """Where the claims come from and how old they are, for the pages."""
    when = f" as of {as_of:%Y-%m-%d %H:%M} UTC" if as_of else ""
    note = f"Claims from the issues and pull requests of {repo} on GitHub{when}."
    if warning:
        note += " GitHub could not be read at the last build: " + (
            "these are the claims last read." if as_of else "no claims are known."
        )
    return note


def _since(moment: datetime | None) -> str:
    return f" since {moment:%Y-%m-%d}" if moment else ""


def _who(who: str | None) -> str:
    """A GitHub login as @login; an owner's name (Verso) as written."""
    if not who:
        return "someone"
    return who if " " in who else f"@{who}"


def _web(url: str | None) -> str:
    """An address from GitHub, if it is one a link may point to."""
    return url if url and url.startswith(("https://", "http://")) else ""
