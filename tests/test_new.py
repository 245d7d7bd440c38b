"""`blueprint new`: a blueprint skeleton in a Lean project, and its GitHub workflow."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from blueprint.config import load_config
from blueprint.skeleton import WORKFLOW, skeleton_files
from tests.conftest import REPO, copy_sample, run_cli

LAKEFILE = 'name = "demo"\ndefaultTargets = ["Demo"]\n\n[[lean_lib]]\nname = "Demo"\n'
FLAGS = ("--title", "Even numbers", "--author", "Ada \\and Emmy", "--github", "", "--yes")


def new(project: Path, *args: str, answers: str = "") -> subprocess.CompletedProcess[str]:
    """`blueprint new` in a fresh process, `answers` on its standard input (none: a prompt
    would meet the end of its input and fail)."""
    return subprocess.run(
        [sys.executable, "-P", "-m", "blueprint", "new", str(project), *args],
        cwd=project.parent,
        input=answers,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )


def blueprint(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=project)


@pytest.fixture
def lean_project(tmp_path: Path) -> Path:
    """A Lean project with no blueprint yet."""
    project = tmp_path / "demo"
    (project / "Demo").mkdir(parents=True)
    (project / "lakefile.toml").write_text(LAKEFILE)
    (project / "Demo.lean").write_text("import Demo.Basic\n")
    (project / "Demo" / "Basic.lean").write_text("def IsEven (n : Nat) : Prop := ∃ k, n = 2 * k\n")
    return project


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_flags_make_a_skeleton_without_a_question_that_builds_cleanly(lean_project: Path) -> None:
    before = files_in(lean_project)
    made = new(lean_project, *FLAGS)
    assert made.returncode == 0, made.stderr
    written = set(files_in(lean_project)) - set(before)
    assert written == set(skeleton_files())
    assert {"blueprint/src/web.tex", "blueprint/src/print.tex", "blueprint/src/content.tex",
            "blueprint/src/macros/common.tex", "blueprint/src/macros/web.tex",
            "blueprint/src/macros/print.tex", "blueprint/src/plastex.cfg",
            "blueprint.toml"} <= written
    src = lean_project / "blueprint" / "src"
    for name in ("web.tex", "print.tex"):
        text = (src / name).read_text()
        assert "\\title{Even numbers}" in text and "\\author{Ada \\and Emmy}" in text
    for rel in written:  # every placeholder filled
        text = (lean_project / rel).read_text()
        assert "<<" not in text and "<%" not in text, rel
    config = load_config(lean_project)
    assert config.main_file == "web.tex" and config.diagnostics == ()
    assert config.lean_roots == ()  # the lakefile's library is the one asked: not repeated
    checked = blueprint(lean_project, "check", ".")
    assert checked.returncode == 0 and "2 nodes checked; no problems" in checked.stdout, (
        checked.stdout + checked.stderr
    )
    built = blueprint(lean_project, "build", ".", "-o", "site")
    assert built.returncode == 0 and "2 nodes, 1 edges" in built.stdout, built.stdout
    assert "Even numbers" in (lean_project / "site" / "index.html").read_text()


def test_the_skeleton_is_laid_out_as_leanblueprint_lays_it_out(lean_project: Path) -> None:
    """leanblueprint's `web` runs plasTeX on web.tex with plastex.cfg, its `pdf` latexmk
    on print.tex: both need their settings where leanblueprint puts them."""
    assert new(lean_project, *FLAGS).returncode == 0
    src = lean_project / "blueprint" / "src"
    cfg = (src / "plastex.cfg").read_text()
    for setting in ("renderer=HTML5", "directory=../web/", "extra-css=extra_styles.css"):
        assert setting in cfg
    assert "plastexdepgraph" in cfg and "leanblueprint" in cfg
    assert (src / "extra_styles.css").is_file()
    assert "@default_files = ('print.tex');" in (src / "latexmkrc").read_text()
    web = (src / "web.tex").read_text()
    assert "\\usepackage[showmore, dep_graph]{blueprint}" in web
    assert "\\input{macros/web}" in web and "\\input{content}" in web
    assert "\\input{macros/print}" in (src / "print.tex").read_text()
    pdf_macros = (src / "macros" / "print.tex").read_text()
    for macro in ("\\lean", "\\leanok", "\\mathlibok", "\\notready", "\\uses", "\\proves"):
        assert macro in pdf_macros, macro  # the PDF must know every blueprint macro


def test_questions_are_asked_with_the_projects_own_defaults(lean_project: Path) -> None:
    git = ["git", "-C", str(lean_project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "config", "user.name", "Ada Lovelace"], check=True)
    subprocess.run([*git, "remote", "add", "origin", "git@github.com:ada/demo.git"], check=True)
    # a title with unbalanced braces is asked again; then the defaults are taken
    made = new(lean_project, "--ci", answers="My {title\n\n\n\n\n")
    assert made.returncode == 0, made.stderr
    assert "on GitHub Pages at https://ada.github.io/demo/" in made.stdout
    assert "unbalanced braces" in made.stdout
    assert "Title [demo]" in made.stdout and "Lean library root [Demo]" in made.stdout
    web = (lean_project / "blueprint" / "src" / "web.tex").read_text()
    assert "\\title{demo}" in web and "\\author{Ada Lovelace}" in web
    assert "\\github{https://github.com/ada/demo}" in web


def test_a_library_the_lakefile_does_not_build_goes_to_blueprint_toml(lean_project: Path) -> None:
    made = new(lean_project, *FLAGS, "--lib", "Other")
    assert made.returncode == 0, made.stderr
    assert load_config(lean_project).lean_roots == ("Other",)
    chapter = lean_project / "blueprint" / "src" / "chapter" / "introduction.tex"
    assert "\\lean{Other.IsEven}" in chapter.read_text()


def test_a_library_lake_does_not_build_by_default_goes_to_blueprint_toml(
    lean_project: Path,
) -> None:
    (lean_project / "lakefile.toml").write_text(LAKEFILE + '\n[[lean_lib]]\nname = "Extra"\n')
    made = new(lean_project, *FLAGS, "--lib", "Extra")
    assert made.returncode == 0, made.stderr
    assert load_config(lean_project).lean_roots == ("Extra",)


def test_without_a_lakefile_the_library_must_be_given(tmp_path: Path) -> None:
    refused = new(tmp_path, *FLAGS)
    assert refused.returncode == 2 and "--lib" in refused.stderr
    assert files_in(tmp_path) == {}
    assert new(tmp_path, *FLAGS, "--lib", "Mine").returncode == 0
    assert load_config(tmp_path).lean_roots == ("Mine",)


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--title", "A {broken", "unbalanced braces"),
        ("--author", "Ada\nEmmy", "one line"),
        ("--github", "https://example.com/x", "not a GitHub repository URL"),
        ("--lib", "My Lib", "not a Lean module name"),
    ],
)
def test_a_bad_option_is_a_usage_error(
    lean_project: Path, option: str, value: str, said: str
) -> None:
    before = files_in(lean_project)
    refused = new(lean_project, "--yes", option, value)
    assert refused.returncode == 2 and said in refused.stderr, refused.stderr
    assert files_in(lean_project) == before


@pytest.mark.parametrize("existing", ["blueprint.toml", "blueprint/src/macros/common.tex"])
def test_an_existing_file_is_never_replaced(lean_project: Path, existing: str) -> None:
    (lean_project / existing).parent.mkdir(parents=True, exist_ok=True)
    (lean_project / existing).write_text("% mine\n")
    before = files_in(lean_project)
    refused = new(lean_project, *FLAGS, "--ci")
    assert refused.returncode == 2
    assert f"{existing} exists" in refused.stderr and "nothing was written" in refused.stderr
    assert files_in(lean_project) == before


def test_a_project_with_a_blueprint_gets_only_the_workflow_and_only_with_ci(
    tmp_path: Path,
) -> None:
    sample = copy_sample(tmp_path)
    workflows = sample / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "lean_action_ci.yml").write_text("name: Lean Action CI\n")
    before = files_in(sample)
    refused = new(sample, *FLAGS)
    assert refused.returncode == 2 and "has a blueprint already" in refused.stderr
    assert files_in(sample) == before
    made = new(sample, "--ci")  # no question: nothing of the skeleton is written
    assert made.returncode == 0, made.stderr
    after = files_in(sample)
    assert set(after) - set(before) == {WORKFLOW}
    assert all(after[rel] == data for rel, data in before.items())  # the Lean CI untouched
    again = new(sample, "--ci")
    assert again.returncode == 2 and f"{WORKFLOW} exists" in again.stderr


def test_the_workflow_checks_builds_and_publishes_with_real_commands(
    lean_project: Path,
) -> None:
    assert new(lean_project, *FLAGS, "--ci").returncode == 0
    # a pull request's checkout: the default branch, and a change on top of it
    git = ["git", "-C", str(lean_project), "-c", "user.name=Ada", "-c", "user.email=a@b.c",
           "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "blueprint"], check=True)
    subprocess.run([*git, "checkout", "-q", "-b", "feature"], check=True)
    chapter = lean_project / "blueprint" / "src" / "chapter" / "introduction.tex"
    chapter.write_text(chapter.read_text().replace("% \\lean{Demo.IsEven}", "\\lean{IsEven}"))
    subprocess.run([*git, "commit", "-q", "-am", "IsEven formalizes def:even"], check=True)
    workflow = yaml.safe_load((lean_project / WORKFLOW).read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    assert uses[0] == "actions/checkout" and uses[-1] == "actions/upload-pages-artifact"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "pull_request" in deploy["if"] and "default_branch" in deploy["if"]
    runs = [shlex.split(line) for step in build["steps"] if "run" in step
            for line in step["run"].splitlines()]
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert ["pip", "install", pyproject["project"]["name"]] in runs
    commands = [run for run in runs if run[0] == "blueprint"]
    assert [run[1] for run in commands] == ["check", "build", "diff", "diff"]
    assert commands[0][-2:] == ["--format", "github"]
    outputs = []
    for run in commands:  # as the workflow runs them, in the project's folder
        done = blueprint(lean_project, *run[1:])
        assert done.returncode == 0, (run, done.stdout, done.stderr)
        outputs.append(done.stdout)
    site = build["steps"][-1]["with"]["path"]
    assert (lean_project / site / "index.html").is_file()
    assert (lean_project / site / "history.html").is_file()
    # the log says what the pull request changes; the comment's Markdown is in the file
    assert "Summary: 1 statement formalized" in outputs[2]
    comment = (lean_project / "blueprint-diff.md").read_text()
    assert comment.startswith("<!-- blueprint-diff -->\n**Blueprint:** 1 statement formalized")
    diff_steps = [step for step in build["steps"] if "diff" in step.get("run", "")
                  or "github-script" in step.get("uses", "")]
    assert all(step["if"] == "github.event_name == 'pull_request'" for step in diff_steps)
    assert build["permissions"] == {"contents": "read", "pull-requests": "write"}


def test_check_annotations_in_the_workflow_are_github_commands(lean_project: Path) -> None:
    assert new(lean_project, *FLAGS).returncode == 0
    chapter = lean_project / "blueprint" / "src" / "chapter" / "introduction.tex"
    chapter.write_text(chapter.read_text().replace("% \\lean{Demo.IsEven}", "\\lean{Demo.IsOdd}"))
    done = blueprint(lean_project, "check", ".", "--format", "github")
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines), done.stdout
    assert any("file=blueprint/src/chapter/introduction.tex" in line for line in lines)


def test_the_readme_shows_the_workflow_blueprint_new_writes() -> None:
    from blueprint.cli.new import distribution_name
    from blueprint.skeleton import render_workflow

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Coming from leanblueprint"):]
    shown = section[section.index("```yaml\n") + 8:]
    assert shown[: shown.index("```")] == render_workflow(distribution_name())


#: runs the workflow's github-script as actions/github-script does (an async function of
#: `require, github, context, core`), against a fake GitHub that records what it is asked
_GITHUB_SCRIPT_HARNESS = r"""
const script = require("fs").readFileSync(process.argv[2], "utf8");
const scenario = JSON.parse(process.argv[3]);
const calls = [];
const log = [];
const github = {
  paginate: async (method, params) => {
    calls.push([method, params.issue_number]);
    if (scenario.fail) throw new Error("Resource not accessible by integration");
    return scenario.comments;
  },
  rest: { issues: {
    listComments: "list",
    updateComment: async (p) => { calls.push(["update", p.comment_id, p.body]); },
    createComment: async (p) => { calls.push(["create", p.issue_number, p.body]); },
  } },
};
const core = { info: (m) => log.push(["info", m]), warning: (m) => log.push(["warning", m]) };
const context = {
  repo: { owner: "me", repo: "demo" },
  payload: { pull_request: { number: 7, head: { repo: { full_name: scenario.head } } } },
};
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core)
  .then(() => console.log(JSON.stringify({ calls, log })));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_workflow_keeps_one_comment_and_logs_a_forks_summary(tmp_path: Path) -> None:
    from blueprint.cli.new import distribution_name
    from blueprint.diff.report import MARKER
    from blueprint.skeleton import render_workflow

    steps = yaml.safe_load(render_workflow(distribution_name()))["jobs"]["build"]["steps"]
    script = next(s for s in steps if "github-script" in s.get("uses", ""))["with"]["script"]
    (tmp_path / "script.js").write_text(script)
    (tmp_path / "harness.js").write_text(_GITHUB_SCRIPT_HARNESS)
    body = f"{MARKER}\n**Blueprint:** 1 proof formalized\n"
    (tmp_path / "blueprint-diff.md").write_text(body)
    bot = {"login": "github-actions[bot]"}

    def run(**scenario: object) -> dict:
        done = subprocess.run(["node", "harness.js", "script.js",
                               json.dumps({"head": "me/demo", "comments": [], **scenario})],
                              cwd=tmp_path, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    first = run()
    assert first["calls"] == [["list", 7], ["create", 7, body]]
    earlier = [{"id": 1, "user": {"login": "ada"}, "body": f"{MARKER} quoted by a person"},
               {"id": 2, "user": bot, "body": "a comment of another workflow"},
               {"id": 3, "user": bot, "body": f"{MARKER}\nthe last run's"}]
    assert run(comments=earlier)["calls"] == [["list", 7], ["update", 3, body]]
    fork = run(head="someone/demo")
    assert fork["calls"] == [] and "in the log of the step before" in fork["log"][0][1]
    refused = run(fail=True)
    assert refused["calls"] == [["list", 7]] and refused["log"][0][0] == "warning"
