"""The claims of a project: which repository, what ties each node to it, and who works on it.

`ClaimsReader.read` is what a build calls with `--github`: it finds the repository
(`[github] repo`, else the `github` address the project gives, else the git remote `origin`),
asks GitHub through the client (in watch mode at most once every `every` seconds) and judges
each node's work as of the time of GitHub's data, so that the same data gives the same site.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from blueprint.github.claims import NodeTies, Ties, Work, work_of_nodes
from blueprint.github.client import DEFAULT_API_URL, Fetched, GitHubClient
from blueprint.github.records import repo_from_url
from blueprint.model import BlueprintError, Border, Node

if TYPE_CHECKING:
    from blueprint.analysis.lean_status import LeanReport
    from blueprint.analysis.status import NodeStatus
    from blueprint.config import ProjectConfig

#: how often watch asks GitHub again (seconds); a rebuild in between uses what it had
WATCH_EVERY = 60.0


@dataclass(frozen=True)
class Claims:
    """Who works on which node, as GitHub said at `as_of`."""

    repo: str  # owner/name
    web: str  # the repository's address on the web, for links
    work: Mapping[str, Work]
    as_of: datetime | None  # None: GitHub was never read
    warning: str | None = None  # why GitHub could not be read now
    requests: int = 0
    not_modified: int = 0


class ClaimsReader:
    """Reads a project's claims from GitHub; `on_warning` hears each new fault once."""

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        every: float = 0.0,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.environ = os.environ if environ is None else environ
        self.every = every
        self.on_warning = on_warning
        self._last: tuple[str, Fetched, float] | None = None
        self._warned: str | None = None
        self._git: dict[Path, tuple[str, str | None]] = {}

    def read(
        self,
        config: ProjectConfig,
        nodes: Sequence[Node],
        statuses: Mapping[str, NodeStatus],
        reports: Mapping[str, LeanReport],
        blueprint_github: str | None = None,
        owners: Mapping[str, str] | None = None,
    ) -> Claims:
        """Each node's work; `blueprint_github` is the blueprint's own `\\github{...}`,
        `owners` the owners the blueprint names, by node."""
        if config.root not in self._git:  # asked once a session: git runs in a subprocess
            self._git[config.root] = repository_of(config)
        prefix, origin = self._git[config.root]
        repo = project_repo(config, blueprint_github, origin)
        ties = [node_ties(node, statuses[node.id], reports.get(node.id), prefix) for node in nodes]
        fetched = self._fetch(repo, config, Ties(ties, repo))
        if fetched.warning and fetched.warning != self._warned and self.on_warning:
            self.on_warning(fetched.warning)
        self._warned = fetched.warning
        activity = fetched.activity
        now = activity.as_of or datetime.fromtimestamp(0, UTC)
        return Claims(
            repo,
            f"{web_url(self.environ)}/{repo}",
            MappingProxyType(work_of_nodes(ties, activity, now, owners)),
            activity.as_of,
            fetched.warning,
            fetched.requests,
            fetched.not_modified,
        )

    def _fetch(self, repo: str, config: ProjectConfig, ties: Ties) -> Fetched:
        last = self._last
        if last is not None and last[0] == repo and time.monotonic() - last[2] < self.every:
            return Fetched(last[1].activity, last[1].warning)  # no request this time
        client = GitHubClient.from_environment(repo, config.cache_dir, self.environ)
        fetched = client.fetch(ties.wants_comments, ties.wants_files)
        self._last = (repo, fetched, time.monotonic())
        return fetched


def project_repo(
    config: ProjectConfig, blueprint_github: str | None = None, origin: str | None = None
) -> str:
    """`owner/name` of the project's repository: `[github] repo`, else the repository of
    the project's or the blueprint's `github` address, else of the git remote `origin`."""
    if config.github_repo:
        return config.github_repo
    for address in (config.github, blueprint_github, origin):
        found = repo_from_url(address) if address else None
        if found:
            return found
    raise BlueprintError(
        "--github: which repository holds the claims? Set [github] repo = \"owner/name\" in "
        "blueprint.toml (or [project] github, or a git remote named origin)"
    )


def node_ties(
    node: Node, status: NodeStatus, report: LeanReport | None, prefix: str = ""
) -> NodeTies:
    """What ties `node` to GitHub; `prefix` is the project's folder in its repository."""
    files = sorted(
        {f"{prefix}{decl.file}" for decl in report.declarations if decl.file}
        if report
        else set()
    )
    finished = status.border is Border.MATHLIB or (
        status.stated if node.is_definition else status.proved
    )
    return NodeTies(
        node.id,
        (node.id, *node.aliases),
        tuple(node.lean),
        tuple(files),
        (node.discussion,) if node.discussion else (),
        finished,
    )


def web_url(environ: Mapping[str, str]) -> str:
    """GitHub's web address: `GITHUB_SERVER_URL` (GitHub Actions sets it), else the one of
    the API in `GITHUB_API_URL` (`https://HOST/api/v3` is GitHub Enterprise at HOST)."""
    server = environ.get("GITHUB_SERVER_URL", "").rstrip("/")
    if server.startswith(("https://", "http://")):
        return server
    api = (environ.get("GITHUB_API_URL") or DEFAULT_API_URL).rstrip("/")
    if api.endswith("/api/v3"):
        return api.removesuffix("/api/v3")
    return "https://github.com"


def repository_of(config: ProjectConfig) -> tuple[str, str | None]:
    """The project's folder inside its git repository (`sub/dir/`, "" at its top or
    without git), and the address of the remote `origin`."""
    from blueprint.history.git import NoHistory, open_repository

    try:
        repository = open_repository(config.root)
    except (NoHistory, BlueprintError):
        return "", None
    prefix = f"{repository.prefix}/" if repository.prefix else ""
    try:
        origin = repository.git("config", "--get", "remote.origin.url").decode().strip()
    except (BlueprintError, UnicodeDecodeError):
        origin = ""
    return prefix, origin or None
