"""Reading a repository's issues, comments and pull requests from GitHub's REST API.

Every answer is kept in `CACHE_DIR/github/OWNER+NAME.json` with its ETag, and asked for again
with `If-None-Match`, so that what did not change costs a `304 Not Modified` (free against the
rate limit with a token). Both lists are asked for newest change first (`sort=updated`): when
their first page is unchanged, nothing in them is, so a rebuild with nothing changed costs one
request a list; when it changed, pages are read only down to the changes already known. An
issue's comments and a pull request's files are asked for again only when the issue or pull
request changed (its `updated_at`).

`fetch` never raises for GitHub's sake: no network, a rate limit, a 5xx, a timeout or an answer
that is not what GitHub documents each end the refresh with one warning, and the activity is
then the cache's, "as of" the last complete refresh. The token (`GITHUB_TOKEN`) is sent only to
the API's own host, never on a redirect, and is written nowhere: not in the cache, not in a
warning.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from blueprint.github.records import (
    Activity,
    Comment,
    Issue,
    PullRequest,
    State,
    check_repo,
    comment_from_json,
    format_time,
    is_pull_request,
    issue_from_json,
    parse_time,
    pull_from_json,
)

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
CACHE_VERSION = 1
PER_PAGE = 100
#: pages read from one list at most (10,000 issues): older ones are not needed for claims
MAX_PAGES = 100
DEFAULT_TIMEOUT = 10.0  # seconds a request may wait for GitHub

#: the issues and pull requests the claim rules want more of (comments, changed files)
Wanted = Callable[[Any], bool]


@dataclass(frozen=True)
class Fetched:
    """The activity of a repository, and how it was had."""

    activity: Activity
    #: why GitHub could not be read (the activity is then the cache's); None when it was
    warning: str | None = None
    requests: int = 0  # requests made
    not_modified: int = 0  # of which answered 304

    @property
    def fresh(self) -> bool:
        return self.warning is None


class GitHubClient:
    """Issues, comments and pull requests of one repository, through a conditional cache."""

    def __init__(
        self,
        repo: str,
        cache_dir: Path,
        *,
        api_url: str | None = None,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        per_page: int = PER_PAGE,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = check_repo(repo)
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.cache_path = cache_dir / "github" / f"{repo.replace('/', '+')}.json"
        self._token = token or None
        self.timeout = timeout
        self.per_page = per_page
        self.clock = clock

    @classmethod
    def from_environment(
        cls, repo: str, cache_dir: Path, environ: Mapping[str, str] = os.environ, **options: Any
    ) -> GitHubClient:
        """A client with the token of `GITHUB_TOKEN` and the API of `GITHUB_API_URL` (as in
        GitHub Actions and GitHub Enterprise), when they are set."""
        return cls(
            repo,
            cache_dir,
            api_url=environ.get("GITHUB_API_URL") or None,
            token=environ.get("GITHUB_TOKEN") or None,
            **options,
        )

    def __repr__(self) -> str:  # never shows the token
        return f"GitHubClient({self.repo!r}, api_url={self.api_url!r})"

    def fetch(
        self,
        wants_comments: Callable[[Issue], bool] = lambda issue: issue.state is State.OPEN,
        wants_files: Callable[[PullRequest], bool] = lambda pull: False,
    ) -> Fetched:
        """The repository's issues and pull requests, the comments of the issues
        `wants_comments` picks and the changed files of the pull requests `wants_files` picks."""
        cache = self._load_cache()
        session = _Session(self.api_url, self._token, self.timeout)
        warning = None
        try:
            self._refresh(session, cache, wants_comments, wants_files)
            cache["as_of"] = format_time(session.date or self.clock())
        except _Fault as fault:
            warning = self._warning(fault.message, cache.get("as_of"))
        self._save_cache(cache)
        activity = _activity(self.repo, cache)
        return Fetched(activity, warning, session.requests, session.not_modified)

    # -- the refresh ------------------------------------------------------------------------

    def _refresh(
        self,
        session: _Session,
        cache: dict[str, Any],
        wants_comments: Callable[[Issue], bool],
        wants_files: Callable[[PullRequest], bool],
    ) -> None:
        repo_path = f"{self.api_url}/repos/{self.repo}"
        order = f"state=all&sort=updated&direction=desc&per_page={self.per_page}"
        issues = _refresh_list(session, cache, "issues", f"{repo_path}/issues?{order}", _issue)
        pulls = _refresh_list(session, cache, "pulls", f"{repo_path}/pulls?{order}", _pull)
        comments = _refresh_each(
            session, cache["comments"], issues, issue_from_json, wants_comments,
            lambda n: f"{repo_path}/issues/{n}/comments?per_page={self.per_page}", _comment,
            lambda issue: issue.comment_count == 0,
        )
        files = _refresh_each(
            session, cache["files"], pulls, pull_from_json, wants_files,
            lambda n: f"{repo_path}/pulls/{n}/files?per_page={self.per_page}", _file,
        )
        # what is no longer wanted is dropped only after a complete refresh
        cache["comments"], cache["files"] = comments, files

    def _warning(self, what: str, as_of: str | None) -> str:
        if self._token:
            what = what.replace(self._token, "***")
        when = (
            f"claims as of {parse_time(as_of):%Y-%m-%d %H:%M} UTC"
            if as_of
            else "no claims known yet"
        )
        return f"GitHub ({self.repo}): {what}; {when}"

    # -- the cache --------------------------------------------------------------------------

    def _load_cache(self) -> dict[str, Any]:
        empty = {
            "version": CACHE_VERSION,
            "api": self.api_url,
            "repo": self.repo,
            "as_of": None,
            "lists": {},
            "comments": {},
            "files": {},
        }
        try:
            found = json.loads(self.cache_path.read_bytes())
        except (OSError, ValueError):
            return empty
        same = isinstance(found, dict) and all(
            found.get(key) == empty[key] for key in ("version", "api", "repo")
        )
        shaped = same and all(isinstance(found.get(key), dict) for key in _CACHE_TABLES)
        try:
            _activity(self.repo, found if shaped else empty)
        except (ValueError, KeyError, TypeError, AttributeError):
            return empty  # damaged (by hand): read again from GitHub
        return found if shaped else empty

    def _save_cache(self, cache: dict[str, Any]) -> None:
        """Written whole or not at all; a cache that cannot be written only costs requests."""
        data = json.dumps(cache, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        folder = self.cache_path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(data)
                os.replace(temporary, self.cache_path)
            except OSError:
                os.unlink(temporary)
                raise
        except OSError:
            return


_CACHE_TABLES = ("lists", "comments", "files")


class _Fault(Exception):
    """GitHub could not be read; the message says why, for the one warning."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class _Page:
    status: int  # 200, or 304 for an unchanged answer
    etag: str | None
    next: str | None  # the `Link` header's rel="next"
    data: Any  # the JSON (None for a 304)


class _Session:
    """The requests of one refresh: the first fault ends it."""

    def __init__(self, api_url: str, token: str | None, timeout: float) -> None:
        self.api_url = api_url
        self.origin = _origin(api_url)
        self.token = token
        self.timeout = timeout
        self.requests = 0
        self.not_modified = 0
        self.date: datetime | None = None  # the server's clock at the first answer
        self.opener = urllib.request.build_opener()

    def get(self, url: str, etag: str | None) -> _Page:
        if _origin(url) != self.origin:
            raise _Fault(f"a link led away from {self.api_url}: {url}")
        request = urllib.request.Request(
            url,
            headers={
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": API_VERSION,
                "User-Agent": "blueprint",
                "Accept-Encoding": "gzip",
            },
        )
        if etag:
            request.add_header("If-None-Match", etag)
        if self.token:  # not repeated on a redirect, wherever it leads
            request.add_unredirected_header("Authorization", f"Bearer {self.token}")
        self.requests += 1
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                body = answer.read()
                headers = answer.headers
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 304:
                self.not_modified += 1
                self._note_date(error.headers)
                return _Page(304, error.headers.get("ETag") or etag, None, None)
            raise _Fault(_refusal(error, self.token is not None)) from None
        except TimeoutError:
            raise _Fault(_no_answer(self.timeout)) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Fault(_no_answer(self.timeout)) from None
            host = urllib.parse.urlsplit(url).netloc
            raise _Fault(f"cannot reach {host} ({_reason(error.reason)})") from None
        except (OSError, http.client.HTTPException) as error:
            raise _Fault(f"the connection broke ({_reason(error)})") from None
        self._note_date(headers)
        try:
            if headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            data = json.loads(body)
        except (OSError, EOFError, ValueError):
            raise _Fault(f"the answer to {_path(url)} is not JSON") from None
        return _Page(200, headers.get("ETag"), _next_link(headers.get("Link")), data)

    def _note_date(self, headers: Any) -> None:
        if self.date is None and headers.get("Date"):
            with contextlib.suppress(TypeError, ValueError):
                self.date = parsedate_to_datetime(headers["Date"]).astimezone(UTC)


# -- the lists ---------------------------------------------------------------------------------

#: each kind of item: its parser (which checks its shape) and what of it the cache keeps
_Kind = tuple[Callable[[Mapping[str, Any]], Any], Callable[[Mapping[str, Any]], dict[str, Any]]]


def _keep_issue(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **_keep_posted(item),
        "state_reason": item.get("state_reason"),
        "assignees": [_keep_user(user) for user in item.get("assignees") or []],
        "labels": [{"name": label["name"]} for label in item.get("labels") or []],
        "closed_at": item.get("closed_at"),
        "comments": item.get("comments"),
    }


def _keep_pull(item: Mapping[str, Any]) -> dict[str, Any]:
    return {**_keep_posted(item), "draft": item.get("draft"), "merged_at": item.get("merged_at")}


def _keep_posted(item: Mapping[str, Any]) -> dict[str, Any]:
    """What the cache keeps of both issues and pull requests."""
    shared = ("number", "title", "body", "state", "html_url", "created_at", "updated_at")
    return {key: item.get(key) for key in shared} | {"user": _keep_user(item.get("user"))}


def _keep_comment(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "user": _keep_user(item.get("user")),
        "body": item.get("body"),
        "created_at": item["created_at"],
    }


def _keep_user(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"login": user["login"]}


def _check_file(item: Mapping[str, Any]) -> str:
    name = item["filename"]
    if not isinstance(name, str):
        raise ValueError("filename is not text")
    return name


_issue: _Kind = (issue_from_json, _keep_issue)
_pull: _Kind = (pull_from_json, _keep_pull)
_comment: _Kind = (comment_from_json, _keep_comment)
_file: _Kind = (_check_file, lambda item: {"filename": item["filename"]})


def _refresh_list(
    session: _Session, cache: dict[str, Any], name: str, url: str, kind: _Kind
) -> list[dict[str, Any]]:
    """A whole list sorted by `updated_at`, newest first, read only down to what the cache
    already has. Pull requests in the issues list are left out (the pulls list has them)."""
    entry = cache["lists"].get(name)
    first = session.get(url, entry["etag"] if entry else None)
    if first.status == 304 and entry is not None:
        return list(entry["items"])
    known = entry["newest"] if entry else None
    fresh: list[dict[str, Any]] = []
    newest = known
    page, pages = first, 1
    while True:
        items = _items(page.data, url)
        stamps = [item["updated_at"] for item in items]
        newest = max([*stamps, *([newest] if newest else [])], key=parse_time, default=None)
        fresh += [_kept(item, kind, url) for item in items if not is_pull_request(item)]
        reached_known = known is not None and any(
            parse_time(stamp) < parse_time(known) for stamp in stamps
        )
        if page.next is None or reached_known or pages >= MAX_PAGES:
            break
        page, pages = session.get(page.next, None), pages + 1
    merged = {item["number"]: item for item in (entry["items"] if entry else [])}
    merged.update((item["number"], item) for item in fresh)
    ordered = sorted(
        merged.values(),
        key=lambda item: (parse_time(item["updated_at"]), item["number"]),
        reverse=True,
    )
    cache["lists"][name] = {"etag": first.etag, "newest": newest, "items": ordered}
    return ordered


def _refresh_each(
    session: _Session,
    table: dict[str, Any],
    items: list[dict[str, Any]],
    parse: Callable[[Mapping[str, Any]], Any],
    wants: Callable[[Any], bool],
    url_of: Callable[[int], str],
    kind: _Kind,
    empty: Callable[[Any], bool] = lambda record: False,
) -> dict[str, Any]:
    """The lists of the issues or pull requests `wants` picks (their comments, their files),
    by number; each is kept in the cache's `table` as soon as it is read."""
    found: dict[str, Any] = {}
    for item in items:
        record = parse(item)
        if wants(record):
            key = str(record.number)
            found[key] = table[key] = _refresh_stamped(
                session, table.get(key), item["updated_at"], url_of(record.number), kind,
                empty=empty(record),
            )
    return found


def _refresh_stamped(
    session: _Session,
    entry: dict[str, Any] | None,
    stamp: str,
    url: str,
    kind: _Kind,
    empty: bool = False,
) -> dict[str, Any]:
    """The pages of a list that belongs to an issue or a pull request, asked for again only
    when it changed (`stamp`, its `updated_at`), each page with its own ETag."""
    if entry is not None and entry.get("stamp") == stamp:
        return entry
    if empty:
        return {"stamp": stamp, "pages": []}
    old = {page["url"]: page for page in (entry or {}).get("pages", [])}
    pages: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url is not None and len(pages) < MAX_PAGES:
        cached = old.get(next_url)
        answer = session.get(next_url, cached["etag"] if cached else None)
        if answer.status == 304 and cached is not None:
            page = {**cached, "etag": answer.etag}
        else:
            items = [_kept(item, kind, next_url) for item in _items(answer.data, next_url)]
            page = {"url": next_url, "etag": answer.etag, "next": answer.next, "items": items}
        pages.append(page)
        next_url = page["next"]
    return {"stamp": stamp, "pages": pages}


def _items(data: Any, url: str) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise _Fault(f"the answer to {_path(url)} is not a list of objects")
    return data


def _kept(item: dict[str, Any], kind: _Kind, url: str) -> dict[str, Any]:
    """What the cache keeps of `item`, once its shape is checked."""
    parse, keep = kind
    try:
        parse(item)
        return keep(item)
    except (ValueError, KeyError, TypeError) as error:
        raise _Fault(f"the answer to {_path(url)} is not as documented ({error})") from None


def _activity(repo: str, cache: Mapping[str, Any]) -> Activity:
    lists = cache["lists"]
    issues = tuple(issue_from_json(item) for item in lists.get("issues", {}).get("items", []))
    pulls = tuple(pull_from_json(item) for item in lists.get("pulls", {}).get("items", []))
    comments: dict[int, tuple[Comment, ...]] = {
        int(number): tuple(
            comment_from_json(item) for page in entry["pages"] for item in page["items"]
        )
        for number, entry in cache["comments"].items()
    }
    files = {
        int(number): tuple(item["filename"] for page in entry["pages"] for item in page["items"])
        for number, entry in cache["files"].items()
    }
    return Activity(
        repo,
        tuple(sorted(issues, key=lambda issue: issue.number)),
        tuple(sorted(pulls, key=lambda pull: pull.number)),
        MappingProxyType(dict(sorted(comments.items()))),
        MappingProxyType(dict(sorted(files.items()))),
        parse_time(cache["as_of"]) if cache.get("as_of") else None,
    )


# -- what the warning says ---------------------------------------------------------------------


def _refusal(error: urllib.error.HTTPError, with_token: bool) -> str:
    """What an error answer means, from its status and GitHub's rate-limit headers."""
    code, headers = error.code, error.headers
    if code in (403, 429) and headers.get("x-ratelimit-remaining") == "0":
        reset = headers.get("x-ratelimit-reset", "")
        when = ""
        if reset.isdigit():
            when = f", until {datetime.fromtimestamp(int(reset), UTC):%H:%M} UTC"
        limit = headers.get("x-ratelimit-limit", "")
        per_hour = f" of {limit} requests an hour" if limit.isdigit() else ""
        advice = "" if with_token else " (a GITHUB_TOKEN raises it)"
        return f"the rate limit{per_hour} is used up{when}{advice}"
    if code in (403, 429) and headers.get("retry-after"):
        return f"GitHub asks to wait {headers['retry-after']} s (secondary rate limit)"
    if code == 401:
        return "GitHub refused the token (401 Bad credentials)"
    if code == 404:
        advice = "" if with_token else ", or a private one: set GITHUB_TOKEN"
        return f"no such repository{advice} (404)"
    return f"GitHub answered {code} {error.reason}".rstrip()


def _no_answer(timeout: float) -> str:
    return f"no answer within {timeout:g} s"


def _reason(error: object) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _path(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _next_link(header: str | None) -> str | None:
    """The `rel="next"` address of a `Link` header (RFC 8288, as GitHub writes it)."""
    for part in (header or "").split(","):
        address, _, params = part.partition(";")
        address = address.strip()
        if not (address.startswith("<") and address.endswith(">")):
            continue
        rels = [
            value.strip().strip('"')
            for key, _, value in (p.partition("=") for p in params.split(";"))
            if key.strip().lower() == "rel"
        ]
        if any("next" in rel.split() for rel in rels):
            return address[1:-1]
    return None
