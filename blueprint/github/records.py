"""GitHub's answers as typed records, and the repository names they are asked about.

Pure: each `*_from_json` takes one item of a REST API list (as GitHub documents its shape)
and keeps what the claim rules read; a malformed item raises `ValueError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

#: `owner/name` as GitHub allows them
_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
#: a repository's web or git address: https://github.com/o/r(.git), git@github.com:o/r.git,
#: ssh://git@github.com/o/r
_REPO_URL = re.compile(
    r"(?:https?://|ssh://(?:[^@/]+@)?|git://|[^@/\s]+@)"
    r"(?P<host>[^/:\s]+)(?::\d+)?[/:](?P<repo>[^/\s]+/[^/\s]+?)(?:\.git)?/?$"
)


class State(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Posted:
    """What issues and pull requests both have."""

    number: int
    title: str
    body: str
    state: State
    author: str
    html_url: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Issue(Posted):
    """An issue (never a pull request: the issues list's pull requests are `PullRequest`s)."""

    closed_at: datetime | None = None
    state_reason: str | None = None  # "completed", "not_planned", "reopened"
    assignees: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    comment_count: int = 0

    @property
    def completed(self) -> bool:
        """Closed as done (not as "not planned" nor as a duplicate)."""
        return self.state is State.CLOSED and self.state_reason in (None, "completed")


@dataclass(frozen=True)
class PullRequest(Posted):
    draft: bool = False
    merged: bool = False


@dataclass(frozen=True)
class Comment:
    """A comment on an issue."""

    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class Activity:
    """What GitHub said about a repository, as of `as_of` (None: never heard from it)."""

    repo: str
    issues: tuple[Issue, ...] = ()
    pulls: tuple[PullRequest, ...] = ()
    #: the comments of the issues that were asked for, by issue number, oldest first
    comments: Mapping[int, tuple[Comment, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: the files each pull request changes (paths from the repository's root), by number,
    #: for the pull requests that were asked for
    files: Mapping[int, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    as_of: datetime | None = None


def parse_time(text: Any) -> datetime:
    """GitHub's timestamps: ISO 8601 in UTC (`2024-05-01T12:00:00Z`)."""
    if not isinstance(text, str):
        raise ValueError(f"not a timestamp: {text!r}")
    found = datetime.fromisoformat(text)
    if found.tzinfo is None:
        raise ValueError(f"a timestamp without a time zone: {text!r}")
    return found


def format_time(moment: datetime) -> str:
    """The inverse of `parse_time`, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issue_from_json(item: Mapping[str, Any]) -> Issue:
    closed = item.get("closed_at")
    return Issue(
        *_shared(item),
        closed_at=parse_time(closed) if closed is not None else None,
        state_reason=_text(item, "state_reason") or None,
        assignees=tuple(_login(user) for user in _list(item, "assignees")),
        labels=tuple(_text(label, "name") for label in _list(item, "labels")),
        comment_count=_int(item, "comments") if item.get("comments") is not None else 0,
    )


def pull_from_json(item: Mapping[str, Any]) -> PullRequest:
    return PullRequest(
        *_shared(item),
        draft=item.get("draft") is True,
        merged=item.get("merged_at") is not None,
    )


def _shared(
    item: Mapping[str, Any],
) -> tuple[int, str, str, State, str, str, datetime, datetime]:
    """The fields of `Posted`, in order."""
    return (
        _int(item, "number"),
        _text(item, "title"),
        _text(item, "body"),
        State(item["state"]),
        _login(item.get("user")),
        _text(item, "html_url"),
        parse_time(item["created_at"]),
        parse_time(item["updated_at"]),
    )


def comment_from_json(item: Mapping[str, Any]) -> Comment:
    return Comment(
        author=_login(item.get("user")),
        body=_text(item, "body"),
        created_at=parse_time(item["created_at"]),
    )


def is_pull_request(item: Mapping[str, Any]) -> bool:
    """Whether an item of the issues list is a pull request (GitHub lists both there)."""
    return item.get("pull_request") is not None


def check_repo(name: str) -> str:
    """`name` if it is `owner/name`, else a ValueError that says what is expected."""
    if not _REPO.fullmatch(name):
        raise ValueError(f"{name!r} is not a GitHub repository (owner/name)")
    return name


def repo_from_url(url: str) -> str | None:
    """`owner/name` from a repository's address (web, https or ssh clone), or None."""
    found = _REPO_URL.match(url.strip())
    if found is None:
        return None
    repo = found["repo"]
    return repo if _REPO.fullmatch(repo) else None


def _int(item: Mapping[str, Any], key: str) -> int:
    value = item[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{key} is not a number: {value!r}")
    return value


def _text(item: Any, key: str) -> str:
    """A text field; GitHub gives `null` for an empty body."""
    if not isinstance(item, Mapping):
        raise ValueError(f"not an object: {item!r}")
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text: {value!r}")
    return value


def _login(user: Any) -> str:
    """A user's login; a deleted account is `null` (GitHub shows it as "ghost")."""
    return "ghost" if user is None else _text(user, "login")


def _list(item: Mapping[str, Any], key: str) -> list[Any]:
    value = item.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"{key} is not a list")
    return value
