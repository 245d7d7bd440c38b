"""A local server that answers like GitHub's REST API, for the tests of the claims.

The answers have the shapes GitHub documents (docs.github.com/en/rest, API version
2022-11-28) for the endpoints `blueprint` reads:

- `GET /repos/{owner}/{repo}/issues`: issues and pull requests mixed, as GitHub lists them
  (a pull request carries a `pull_request` object), with `state`, `sort`, `direction`,
  `per_page` (at most 100, 30 by default) and `page`;
- `GET /repos/{owner}/{repo}/pulls` (the same parameters);
- `GET /repos/{owner}/{repo}/issues/{number}/comments`, oldest first;
- `GET /repos/{owner}/{repo}/pulls/{number}/files`.

Every list is paginated with a `Link` header (`next`, `last`, `first`, `prev`), carries a weak
`ETag` and answers `304 Not Modified` to a matching `If-None-Match`, gzipped when asked. Each
answer has the rate-limit headers (`x-ratelimit-limit` 60 without a token, 5,000 with the
right one; a 304 to an authenticated request does not count, as GitHub says); a used-up
limit gives GitHub's 403. `fail(kind)` makes the next answers fail on purpose, each fault as
GitHub (or the network) shows it. The server's clock (`now`, the `Date` header and every
timestamp it writes) moves only when a test moves it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
import threading
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = (
    "rate_limit",
    "secondary",
    "server_error",
    "timeout",
    "broken_json",
    "wrong_shape",
    "reset",
    "bad_credentials",
)
DOCS = "https://docs.github.com/rest"


@dataclass
class Logged:
    """One request the server answered."""

    path: str  # with its query
    status: int
    if_none_match: str | None
    authorization: str | None


@dataclass
class FakeGitHub:
    """GitHub's REST API for one repository, on 127.0.0.1 at a free port."""

    repo: str = "owner/repo"
    token: str | None = None  # the token that authenticates (any other gets a 401)
    prefix: str = ""  # "/api/v3" for GitHub Enterprise
    now: datetime = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    timeout_delay: float = 2.0  # how long a "timeout" fault keeps the client waiting
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    remaining: dict[bool, int] = field(default_factory=lambda: {False: 60, True: 5000})

    def __post_init__(self) -> None:
        self._faults: deque[str] = deque()
        self._path_faults: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._next_id = 1000

    # -- running ----------------------------------------------------------------------------

    def __enter__(self) -> FakeGitHub:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def date_time_string(self, timestamp: float | None = None) -> str:
                return format_datetime(fake.now, usegmt=True)  # the Date header

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    @property
    def url(self) -> str:
        """The API's base URL (what `GITHUB_API_URL` would say)."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    @property
    def html(self) -> str:
        return f"https://github.example/{self.repo}"

    def fail(self, kind: str, times: int = 1, path: str | None = None) -> None:
        """Make the next `times` requests fail with `kind` (one of FAULTS); with `path`, the
        next requests whose path ends so (`/issues/6/comments`)."""
        assert kind in FAULTS, kind
        if path is None:
            self._faults.extend([kind] * times)
        else:
            self._path_faults.extend([(path, kind)] * times)

    def tick(self, **delta: float) -> None:
        """Move the server's clock (`tick(days=3)`)."""
        self.now += timedelta(**delta)

    def requests_since(self, start: int) -> list[Logged]:
        return self.log[start:]

    # -- the repository's content, as GitHub stores it -------------------------------------------

    def add_issue(
        self,
        number: int,
        title: str,
        body: str | None = "",
        user: str = "author",
        assignees: tuple[str, ...] = (),
        labels: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        stamp = self._stamp()
        issue = {
            "id": self._id(),
            "node_id": f"I_{number}",
            "url": f"{self._api_repo()}/issues/{number}",
            "repository_url": self._api_repo(),
            "labels_url": f"{self._api_repo()}/issues/{number}/labels{{/name}}",
            "comments_url": f"{self._api_repo()}/issues/{number}/comments",
            "events_url": f"{self._api_repo()}/issues/{number}/events",
            "html_url": f"{self.html}/issues/{number}",
            "number": number,
            "state": "open",
            "state_reason": None,
            "title": title,
            "body": body,
            "user": self._user(user),
            "labels": [self._label(name) for name in labels],
            "assignee": self._user(assignees[0]) if assignees else None,
            "assignees": [self._user(name) for name in assignees],
            "milestone": None,
            "locked": False,
            "active_lock_reason": None,
            "comments": 0,
            "closed_at": None,
            "created_at": stamp,
            "updated_at": stamp,
            "closed_by": None,
            "author_association": "CONTRIBUTOR",
            "reactions": {
                "url": "",
                "total_count": 0,
                "+1": 0,
                "-1": 0,
                "laugh": 0,
                "hooray": 0,
                "confused": 0,
                "heart": 0,
                "rocket": 0,
                "eyes": 0,
            },
            "timeline_url": f"{self._api_repo()}/issues/{number}/timeline",
            "performed_via_github_app": None,
        }
        self.issues[number] = issue
        self.comments.setdefault(number, [])
        return issue

    def comment(self, number: int, user: str, body: str) -> None:
        """A new comment on issue `number`; the issue's `updated_at` and count follow."""
        stamp = self._stamp()
        self.comments[number].append(
            {
                "id": self._id(),
                "node_id": f"IC_{self._next_id}",
                "url": f"{self._api_repo()}/issues/comments/{self._next_id}",
                "html_url": f"{self.html}/issues/{number}#issuecomment-{self._next_id}",
                "body": body,
                "user": self._user(user),
                "created_at": stamp,
                "updated_at": stamp,
                "issue_url": f"{self._api_repo()}/issues/{number}",
                "author_association": "CONTRIBUTOR",
                "performed_via_github_app": None,
                "reactions": {"url": "", "total_count": 0},
            }
        )
        self.update_issue(number, comments=len(self.comments[number]))

    def update_issue(self, number: int, **fields: Any) -> None:
        """Change an issue (`assignees=("bob",)`, `state="closed"`, ...), as an edit does."""
        issue = self.issues[number]
        if "assignees" in fields:
            names = fields.pop("assignees")
            issue["assignees"] = [self._user(name) for name in names]
            issue["assignee"] = issue["assignees"][0] if names else None
        if fields.get("state") == "closed":
            issue["closed_at"] = self._stamp()
            fields.setdefault("state_reason", "completed")
        issue.update(fields)
        issue["updated_at"] = self._stamp()

    def add_pull(
        self,
        number: int,
        title: str,
        body: str | None = "",
        user: str = "author",
        draft: bool = False,
        files: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        stamp = self._stamp()
        branch = {
            "label": f"{user}:work",
            "ref": "work",
            "sha": "0" * 40,
            "user": self._user(user),
            "repo": None,
        }
        pull = {
            "url": f"{self._api_repo()}/pulls/{number}",
            "id": self._id(),
            "node_id": f"PR_{number}",
            "html_url": f"{self.html}/pull/{number}",
            "diff_url": f"{self.html}/pull/{number}.diff",
            "patch_url": f"{self.html}/pull/{number}.patch",
            "issue_url": f"{self._api_repo()}/issues/{number}",
            "commits_url": f"{self._api_repo()}/pulls/{number}/commits",
            "review_comments_url": f"{self._api_repo()}/pulls/{number}/comments",
            "review_comment_url": f"{self._api_repo()}/pulls/comments{{/number}}",
            "comments_url": f"{self._api_repo()}/issues/{number}/comments",
            "statuses_url": f"{self._api_repo()}/statuses/{'0' * 40}",
            "number": number,
            "state": "open",
            "locked": False,
            "title": title,
            "user": self._user(user),
            "body": body,
            "labels": [],
            "milestone": None,
            "active_lock_reason": None,
            "created_at": stamp,
            "updated_at": stamp,
            "closed_at": None,
            "merged_at": None,
            "merge_commit_sha": None,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [],
            "requested_teams": [],
            "head": branch,
            "base": {**branch, "label": "owner:main", "ref": "main"},
            "_links": {"self": {"href": f"{self._api_repo()}/pulls/{number}"}},
            "author_association": "CONTRIBUTOR",
            "auto_merge": None,
            "draft": draft,
        }
        self.pulls[number] = pull
        self.comments.setdefault(number, [])
        self.files[number] = [self._file(name) for name in files]
        return pull

    def update_pull(self, number: int, **fields: Any) -> None:
        """Change a pull request (`merged=True` merges and closes it; `files=(...)`)."""
        pull = self.pulls[number]
        if fields.pop("merged", False):
            pull["merged_at"] = self._stamp()
            fields["state"] = "closed"
        if "files" in fields:
            self.files[number] = [self._file(name) for name in fields.pop("files")]
        if fields.get("state") == "closed":
            pull["closed_at"] = self._stamp()
        pull.update(fields)
        pull["updated_at"] = self._stamp()

    # -- answering --------------------------------------------------------------------------

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(handler.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        authorization = handler.headers.get("Authorization")
        if_none_match = handler.headers.get("If-None-Match")
        with self._lock:
            fault = self._faults.popleft() if self._faults else None
            for index, (ending, kind) in enumerate(self._path_faults):
                if fault is None and parts.path.endswith(ending):
                    fault = kind
                    del self._path_faults[index]
                    break
        if fault == "reset":
            self.log.append(Logged(handler.path, 0, if_none_match, authorization))
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "timeout":
            self._stopping.wait(self.timeout_delay)
        authenticated = authorization is not None and authorization == f"Bearer {self.token}"
        status, body, headers = self._route(parts.path, query, fault, authorization)
        etag = None
        if status == 200:
            etag = 'W/"' + hashlib.sha256(body).hexdigest()[:40] + '"'
            headers["ETag"] = etag
        if status == 200 and if_none_match is not None and if_none_match == etag:
            status, body = 304, b""
        counts = status != 304 or not authenticated  # an authenticated 304 is free
        rate_key = authenticated
        if status in (200, 304) and counts:
            self.remaining[rate_key] = max(0, self.remaining[rate_key] - 1)
        limit = 5000 if authenticated else 60
        headers.setdefault("x-ratelimit-limit", str(limit))
        headers.setdefault("x-ratelimit-remaining", str(self.remaining[rate_key]))
        headers.setdefault("x-ratelimit-used", str(limit - self.remaining[rate_key]))
        reset = int((self.now + timedelta(hours=1)).timestamp())
        headers.setdefault("x-ratelimit-reset", str(reset))
        headers.setdefault("x-ratelimit-resource", "core")
        headers["X-GitHub-Api-Version-Selected"] = "2022-11-28"
        headers["Vary"] = "Accept, Authorization, Cookie, Accept-Encoding"
        if status == 200 and "gzip" in handler.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.log.append(Logged(handler.path, status, if_none_match, authorization))
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            if status != 304:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except OSError:
            pass  # the client gave up (a timeout)

    def _route(
        self, path: str, query: dict[str, str], fault: str | None, authorization: str | None
    ) -> tuple[int, bytes, dict[str, str]]:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        authenticated = authorization == f"Bearer {self.token}" and self.token is not None
        if fault == "bad_credentials" or (authorization is not None and not authenticated):
            return 401, _json({"message": "Bad credentials", "documentation_url": DOCS}), headers
        if fault == "rate_limit" or self.remaining[authenticated] == 0:
            headers["x-ratelimit-remaining"] = "0"
            message = (
                "API rate limit exceeded for 127.0.0.1. (But here's the good news: "
                "Authenticated requests get a higher rate limit. Check out the documentation "
                "for more details.)"
            )
            return 403, _json({"message": message, "documentation_url": DOCS}), headers
        if fault == "secondary":
            headers["retry-after"] = "60"
            message = (
                "You have exceeded a secondary rate limit. Please wait a few minutes "
                "before you try again."
            )
            return 403, _json({"message": message, "documentation_url": DOCS}), headers
        if fault == "server_error":
            headers["Content-Type"] = "text/html"
            return 502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", headers
        base = f"{self.prefix}/repos/{self.repo}"
        rest = path.removeprefix(base) if path.startswith(base + "/") else None
        items: list[dict[str, Any]] | None = None
        if rest == "/issues":
            views = [*self.issues.values(), *(self._as_issue(p) for p in self.pulls.values())]
            items = self._listed(views, query)
        elif rest == "/pulls":
            items = self._listed(list(self.pulls.values()), query)
        elif rest is not None and rest.startswith("/issues/") and rest.endswith("/comments"):
            number = rest.split("/")[2]
            if number.isdigit() and int(number) in self.comments:
                items = self.comments[int(number)]
        elif rest is not None and rest.startswith("/pulls/") and rest.endswith("/files"):
            number = rest.split("/")[2]
            if number.isdigit() and int(number) in self.files:
                items = self.files[int(number)]
        if items is None:
            return 404, _json({"message": "Not Found", "documentation_url": DOCS}), headers
        per_page = max(1, min(100, int(query.get("per_page", "30"))))
        page = max(1, int(query.get("page", "1")))
        last = max(1, -(-len(items) // per_page))
        chosen = items[(page - 1) * per_page : page * per_page]
        links = []

        def at(n: int) -> str:
            return f"<{self._link(path, query, n)}>"

        if page < last:
            links += [f'{at(page + 1)}; rel="next"', f'{at(last)}; rel="last"']
        if page > 1:
            links += [f'{at(1)}; rel="first"', f'{at(page - 1)}; rel="prev"']
        if links:
            headers["Link"] = ", ".join(links)
        if fault == "broken_json":
            return 200, _json(chosen)[:-7], headers
        if fault == "wrong_shape":
            return 200, _json({"total_count": len(items), "items": chosen}), headers
        return 200, _json(chosen), headers

    def _listed(self, items: list[dict[str, Any]], query: dict[str, str]) -> list[dict[str, Any]]:
        state = query.get("state", "open")
        if state != "all":
            items = [item for item in items if item["state"] == state]
        key = "updated_at" if query.get("sort") == "updated" else "created_at"
        descending = query.get("direction", "desc") == "desc"
        return sorted(items, key=lambda item: (item[key], item["number"]), reverse=descending)

    def _as_issue(self, pull: dict[str, Any]) -> dict[str, Any]:
        """A pull request as the issues list shows it."""
        number = pull["number"]
        view = {
            key: pull[key]
            for key in (
                "number",
                "state",
                "title",
                "body",
                "user",
                "labels",
                "assignee",
                "assignees",
                "milestone",
                "locked",
                "active_lock_reason",
                "created_at",
                "updated_at",
                "closed_at",
                "author_association",
                "draft",
            )
        }
        return {
            **view,
            "id": pull["id"],
            "node_id": f"I_{number}",
            "url": f"{self._api_repo()}/issues/{number}",
            "repository_url": self._api_repo(),
            "html_url": pull["html_url"],
            "comments": len(self.comments.get(number, [])),
            "state_reason": None,
            "pull_request": {
                "url": pull["url"],
                "html_url": pull["html_url"],
                "diff_url": pull["diff_url"],
                "patch_url": pull["patch_url"],
                "merged_at": pull["merged_at"],
            },
        }

    def _link(self, path: str, query: dict[str, str], page: int) -> str:
        address = self.server.server_address
        return (
            f"http://{address[0]}:{address[1]}{path}?"
            f"{urllib.parse.urlencode({**query, 'page': str(page)})}"
        )

    def _api_repo(self) -> str:
        return f"https://api.github.example/repos/{self.repo}"

    def _stamp(self) -> str:
        return self.now.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _user(self, login: str) -> dict[str, Any]:
        return {
            "login": login,
            "id": int(hashlib.sha256(login.encode()).hexdigest()[:6], 16),
            "node_id": f"U_{login}",
            "avatar_url": f"https://avatars.github.example/{login}",
            "gravatar_id": "",
            "url": f"https://api.github.example/users/{login}",
            "html_url": f"https://github.example/{login}",
            "type": "User",
            "site_admin": False,
        }

    def _label(self, name: str) -> dict[str, Any]:
        return {
            "id": self._id(),
            "node_id": f"L_{name}",
            "url": "",
            "name": name,
            "description": None,
            "color": "ededed",
            "default": False,
        }

    def _file(self, name: str) -> dict[str, Any]:
        return {
            "sha": hashlib.sha1(name.encode()).hexdigest(),
            "filename": name,
            "status": "modified",
            "additions": 3,
            "deletions": 1,
            "changes": 4,
            "blob_url": f"{self.html}/blob/{'0' * 40}/{name}",
            "raw_url": f"{self.html}/raw/{'0' * 40}/{name}",
            "contents_url": f"{self._api_repo()}/contents/{name}?ref={'0' * 40}",
            "patch": "@@ -1,1 +1,3 @@",
        }


def _json(data: Any) -> bytes:
    return json.dumps(data).encode()
