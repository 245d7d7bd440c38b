"""`blueprint new`: a blueprint skeleton in a Lean project, and a GitHub workflow for it."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from blueprint.cli.common import example, existing_folder
from blueprint.model import BlueprintError, UsageError

_GITHUB = re.compile(
    r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[^/\s]+)/(?P<repo>[^/\s]+?)(?:\.git)?/?"
)


def register(app: typer.Typer) -> None:
    typical = example('blueprint new . --title "Primes" --author "A \\and B" --ci --yes')
    app.command("new", epilog=typical)(new_command)


def _one_line_latex(value: str) -> str:
    """A title or an author: LaTeX on one line, its braces balanced."""
    if "\n" in value or "\r" in value:
        raise typer.BadParameter("must be one line")
    depth = 0
    for i, char in enumerate(value):
        if char == "\\":
            continue
        if i and value[i - 1] == "\\" and char in "{}":
            continue  # \{ and \} are characters, not groups
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise typer.BadParameter(f"unbalanced braces in {value!r}")
    return value


def _github_url(value: str) -> str:
    value = value.strip().rstrip("/")
    if value and not _GITHUB.fullmatch(value):
        raise typer.BadParameter(f"not a GitHub repository URL: {value!r}")
    return value


def _lean_name(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"[^\s{}\\%#\"]+", value):
        raise typer.BadParameter(f"not a Lean module name: {value!r}")
    return value


def _checked_option(flag: str, help: str, check: Callable[[str], str]) -> Any:
    """An optional text option, checked by `check` when it is given (a usage error if not)."""

    def callback(value: str | None) -> str | None:
        return None if value is None else check(value)

    return typer.Option(None, flag, help=help, callback=callback)


def new_command(
    project: Path = typer.Argument(
        Path("."), help="The Lean project folder.", callback=existing_folder
    ),
    title: str | None = _checked_option(
        "--title", "The blueprint's title (LaTeX).", _one_line_latex
    ),
    author: str | None = _checked_option(
        "--author", "Its authors (LaTeX; separate them with \\and).", _one_line_latex
    ),
    github: str | None = _checked_option(
        "--github", 'The project\'s GitHub URL ("" for none).', _github_url
    ),
    lib: str | None = _checked_option(
        "--lib", "The Lean library root (default: the lakefile's).", _lean_name
    ),
    ci: bool = typer.Option(
        False,
        "--ci",
        help="Also write .github/workflows/blueprint.yml: check, build, publish on GitHub Pages.",
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Ask nothing: what is not given is guessed."
    ),
) -> None:
    """Write a blueprint skeleton into a Lean project, as `leanblueprint new` does.

    Asks for what is not given as an option (or takes the guess with --yes), and never
    replaces a file.
    """
    from blueprint.cli import console
    from blueprint.config import BLUEPRINT_CANDIDATES
    from blueprint.skeleton import WORKFLOW, Skeleton, render_skeleton, render_workflow

    existing = next((c for c in BLUEPRINT_CANDIDATES if (project / c).is_file()), None)
    if existing and not ci:
        raise UsageError(
            f"{project / existing} exists: this project has a blueprint already; nothing was"
            " written (`blueprint new --ci` adds the GitHub workflow alone)"
        )
    files: dict[str, str] = {}
    site = ""  # where GitHub Pages will publish the site, when known
    if existing is None:
        guess = _guess(project)
        chosen = _ask(guess, title, author, github, lib, yes)
        files.update(render_skeleton(Skeleton(
            title=chosen.title,
            author=chosen.author,
            lib=chosen.lib,
            github=chosen.github,
            roots=() if chosen.lib in guess.built else (chosen.lib,),
        )))
        site = _pages_url(chosen.github)
    if ci:
        files[WORKFLOW] = render_workflow(distribution_name())
    taken = [rel for rel in files if (project / rel).exists() or (project / rel).is_symlink()]
    if taken:
        more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
        raise UsageError(
            f"{project / taken[0]} exists{more}: nothing was written, as `blueprint new`"
            " replaces no file"
        )
    for rel, text in files.items():
        _write(project / rel, text)

    if existing:
        console.print(f"{project / existing} exists: only the workflow was written.")
    console.print(f"Wrote {len(files)} file{'s' if len(files) != 1 else ''} in {project}/:")
    for folder, names in _by_folder(files).items():
        console.print(f"  {folder}{' '.join(names)}", soft_wrap=True)
    console.print(
        f"Next: `blueprint build {project}` writes the site in site/ (`blueprint watch"
        f" {project}` rebuilds it on every save); `latexmk` in blueprint/src makes the PDF."
        " Add site/ and .blueprint-cache/ to .gitignore.",
        soft_wrap=True,
    )
    if ci:
        console.print(
            f"The workflow publishes the site on GitHub Pages{f' at {site}' if site else ''}"
            " once you choose GitHub Actions as the source of Pages (Settings > Pages).",
            soft_wrap=True,
        )


def _pages_url(github: str) -> str:
    """Where GitHub Pages publishes the site of a repository ("" when there is none)."""
    found = _GITHUB.fullmatch(github)
    if not found:
        return ""
    owner, repo = found["owner"], found["repo"]
    home = f"https://{owner.lower()}.github.io/"
    return home if repo.lower() == f"{owner.lower()}.github.io" else f"{home}{repo}/"


def _by_folder(paths: Iterable[str]) -> dict[str, list[str]]:
    """`{"blueprint/src/": ["web.tex", ...]}`, in the order first seen."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        folders.setdefault(f"{folder}/: " if folder else "", []).append(name)
    return folders


@dataclass(frozen=True)
class _Guess:
    """What the project says about itself: the defaults of the questions."""

    title: str
    author: str
    github: str
    libs: tuple[str, ...]  # the library roots the lakefile builds, then its others
    built: tuple[str, ...]  # the library roots `lake build` builds


@dataclass(frozen=True)
class _Answers:
    title: str
    author: str
    github: str
    lib: str


def _guess(project: Path) -> _Guess:
    from blueprint.lean.lakefile import LeanLib
    from blueprint.lean.project import read_lake_config

    lake = read_lake_config(project)
    built = lake.built_libs()
    others = [lib for lib in lake.libs if lib not in built and not lib.exe]

    def roots(libs: Iterable[LeanLib]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(root for lib in libs for root in (lib.roots or [lib.name])))

    remote = _git(project, "remote", "get-url", "origin")
    found = _GITHUB.fullmatch(remote.strip()) if remote else None
    github = f"https://github.com/{found['owner']}/{found['repo']}" if found else ""
    return _Guess(
        title=lake.package or project.resolve().name,
        author=_git(project, "config", "user.name").strip(),
        github=github,
        libs=roots([*built, *others]),
        built=roots(built),
    )


def _ask(
    guess: _Guess,
    title: str | None,
    author: str | None,
    github: str | None,
    lib: str | None,
    yes: bool,
) -> _Answers:
    """The answers: each option given, else its guess with --yes, else asked."""
    if lib is None and not guess.libs and yes:
        raise UsageError(
            "no Lean library found (no lakefile.toml or lakefile.lean with a lean_lib):"
            " give its root with --lib"
        )

    def ask(given: str | None, text: str, default: str, check: Callable[[str], str]) -> str:
        if given is not None:
            return given
        if yes:
            return default
        answer: str = typer.prompt(
            text, default=default, value_proc=check, show_default=bool(default)
        )
        return answer

    return _Answers(
        title=ask(title, "Title", guess.title, _one_line_latex),
        author=ask(author, "Author(s), separated by \\and", guess.author, _one_line_latex),
        github=ask(github, "GitHub URL (empty for none)", guess.github, _github_url),
        lib=ask(lib, "Lean library root", guess.libs[0] if guess.libs else "", _lean_name),
    )


def distribution_name() -> str:
    """The name `pip install` knows this tool by: in a source checkout pyproject.toml's
    (installed metadata there may be a stale `*.egg-info`), else the distribution that
    installed the `blueprint` command."""
    import tomllib
    from importlib.metadata import entry_points

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if pyproject.is_file():
        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
            return str(project["name"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            pass
    for entry in entry_points(group="console_scripts", name="blueprint"):
        if entry.value == "blueprint.__main__:main" and entry.dist is not None:
            return entry.dist.name
    raise BlueprintError("cannot tell the name this tool is installed by")


def _git(project: Path, *args: str) -> str:
    """What `git ARGS` prints in the project, or "" (no git, no repository, no value)."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=project, capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""


def _write(path: Path, text: str) -> None:
    """Write a new file; an existing one (made since we looked) is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise UsageError(f"{path} exists: it was left as it is") from None
    except OSError as error:
        raise BlueprintError(f"cannot write: {error.strerror}", str(path)) from None
