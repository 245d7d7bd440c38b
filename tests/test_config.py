"""`blueprint.toml` is checked: every table, key and type, all problems reported at once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blueprint.config import (
    SETTINGS,
    BlueprintFormat,
    ConfigError,
    ProjectConfig,
    config_from_settings,
    parse_settings,
)
from blueprint.model import BlueprintError, Severity
from blueprint.tomllines import toml_lines
from tests.conftest import REPO, run_cli

ROOT = Path("/project")
WEB = "blueprint/src/web.tex"


def config(text: str, files: tuple[str, ...] = (WEB,)) -> ProjectConfig:
    """The configuration of a project holding `files`, with `text` as its blueprint.toml."""
    settings = parse_settings(text, "blueprint.toml")
    return config_from_settings(ROOT, settings, lambda rel: rel in files, toml_lines(text))


def problems(text: str, files: tuple[str, ...] = (WEB,)) -> list[tuple[int, str]]:
    """The (line, message) of each problem `text` has, errors then warnings."""
    with pytest.raises(ConfigError) as raised:
        config(text, files)
    return [(p.line, p.message) for p in raised.value.problems]


def warnings(text: str) -> list[tuple[int, str]]:
    found = config(text).diagnostics
    assert all(d.severity is Severity.WARNING and d.file == "blueprint.toml" for d in found)
    return [(d.line, d.message) for d in found]


def test_a_string_where_an_array_is_expected_is_an_error_not_its_letters() -> None:
    (found,) = problems('[lean]\nroots = "Abc"\n')
    assert found == (2, '[lean] roots must be an array of strings, like roots = ["Abc"]')


def test_a_number_where_a_string_is_expected_is_an_error() -> None:
    assert problems("[project]\n\ntitle = 3\n") == [
        (3, "[project] title must be a string, not an integer")
    ]


def test_an_item_of_the_wrong_type_is_reported_at_its_own_line() -> None:
    text = '[lean]\ndirs = [\n  "src",\n  4,\n]\n'
    assert problems(text) == [(4, "[lean] dirs[1] must be a string, not an integer")]


def test_a_table_that_is_not_a_table_is_an_error() -> None:
    assert problems('title = "S"\nlean = 3\n')[0] == (2, "[lean] must be a table")


def test_every_problem_is_reported_at_once_errors_first() -> None:
    text = (
        "[project]\n"
        "title = 3\n"  # 2
        'titel = "x"\n'  # 3
        'github = "github.com/me/p"\n'  # 4
        "[lean]\n"
        'roots = "Abc"\n'  # 6
        "keywords = [true]\n"  # 7
        "[blueprint]\n"
        'main = "nowhere.tex"\n'  # 9
    )
    found = problems(text)
    assert [line for line, _ in found] == [2, 4, 6, 7, 9, 3]
    assert "did you mean title?" in found[-1][1]
    with pytest.raises(ConfigError) as raised:
        config(text)
    shown = str(raised.value)
    assert shown.startswith("the configuration has 5 errors and 1 warning:")
    for line in (2, 3, 4, 6, 7, 9):
        assert f"/project/blueprint.toml:{line}: " in shown


def test_a_misspelt_key_is_a_warning_naming_the_key_it_resembles() -> None:
    assert warnings('[project]\ntitel = "S"\n[blueprint]\nmian = "x.tex"\n') == [
        (2, "unknown setting [project] titel, ignored (did you mean title?)"),
        (4, "unknown setting [blueprint] mian, ignored (did you mean main?)"),
    ]


def test_a_key_in_the_wrong_table_or_outside_any_is_pointed_to_its_table() -> None:
    found = warnings('title = "S"\n[project]\nroots = ["A"]\n[projet]\nx = 1\n')
    assert found == [
        (1, "unknown setting title outside any table, ignored (did you mean [project] title?)"),
        (3, "unknown setting [project] roots, ignored (did you mean [lean] roots?)"),
        (4, "unknown table [projet] in blueprint.toml, ignored (did you mean [project]?)"),
    ]


def test_a_key_like_none_gets_no_suggestion() -> None:
    assert warnings("[lean]\nzzz = 1\n") == [(2, "unknown setting [lean] zzz, ignored")]


def test_links_must_be_http_urls() -> None:
    found = problems('[project]\ngithub = "javascript:alert(1)"\ndochome = "ftp://x"\n')
    assert [line for line, _ in found] == [2, 3]
    assert all("must be an http(s) URL" in message for _, message in found)
    assert config('[project]\ngithub = ""\ndochome = "https://x.io/docs"\n').dochome


@pytest.mark.parametrize("chosen", ["auto", "latex"])
def test_the_formats_read_today_are_accepted(chosen: str) -> None:
    # `auto` is resolved: a project with only a LaTeX blueprint has it read
    assert config(f'[blueprint]\nformat = "{chosen}"\n').format is BlueprintFormat.LATEX


def test_the_leanarchitect_format_is_read_from_the_lean_sources() -> None:
    chosen = config('[blueprint]\nformat = "leanarchitect"\n')
    assert chosen.format is BlueprintFormat.LEANARCHITECT and not chosen.format_found


def test_an_unknown_format_names_the_known_ones() -> None:
    ((_, message),) = problems('[blueprint]\nformat = "markdown"\n')
    assert message == (
        '[blueprint] format = "markdown" must be one of auto, latex, leanarchitect, verso'
    )


def test_the_format_is_found_unless_set() -> None:
    found = config("")
    assert (found.format, found.format_found) == (BlueprintFormat.LATEX, True)
    chosen = config('[blueprint]\nformat = "latex"\n')
    assert (chosen.format, chosen.format_found) == (BlueprintFormat.LATEX, False)


def test_paths_out_of_the_project_or_a_dir_not_holding_main_are_errors() -> None:
    found = problems('[blueprint]\nmain = "../other/web.tex"\ndir = "/"\n')
    assert [line for line, _ in found] == [2, 3]
    assert all("is outside the project" in message for _, message in found)
    ((line, message),) = problems('[blueprint]\nmain = "tex/web.tex"\ndir = "src"\n',
                                  files=("tex/web.tex",))
    assert (line, message) == (
        3, '[blueprint] dir = "src" does not hold the main file "tex/web.tex"'
    )


def test_good_settings_are_read_as_the_code_uses_them() -> None:
    text = (
        '[project]\ntitle = "T"\ngithub = "https://github.com/me/p"\nmain_results = ["thm:a"]\n'
        'cache_dir = "cache"\n'
        '[blueprint]\nmain = "tex/web.tex"\ndir = "tex"\nformat = "latex"\n'
        '[lean]\nroots = ["A"]\ndirs = ["src"]\nname_patterns = ["A.*_aux"]\nkeywords = ["k"]\n'
    )
    read = config(text, files=("tex/web.tex",))
    assert (read.title, read.github, read.main_results) == ("T", "https://github.com/me/p",
                                                            ("thm:a",))
    assert (read.blueprint_dir, read.main_file) == (ROOT / "tex", "web.tex")
    assert read.cache_dir == ROOT / "cache"
    assert (read.lean_roots, read.lean_dirs) == (("A",), ("src",))
    assert (read.lean_name_patterns, read.lean_keywords) == (("A.*_aux",), ("k",))
    assert read.diagnostics == ()


def test_no_blueprint_and_a_misspelt_main_are_reported_together() -> None:
    found = problems('[blueprint]\nmian = "tex/web.tex"\n', files=())
    assert found[0][1].startswith("no blueprint found")
    assert found[1] == (2, "unknown setting [blueprint] mian, ignored (did you mean main?)")


def test_the_readme_documents_every_setting_the_code_reads() -> None:
    """Each key of SETTINGS is in the README's blueprint.toml example, under its table, and
    the example has no key the code does not read."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"### `blueprint.toml`.*?```toml\n(.*?)```", readme, re.S)
    assert example, "no blueprint.toml example in the README"
    documented = {
        table: set(keys) for table, keys in parse_settings(example.group(1), "README").items()
    }
    assert documented == {table: set(keys) for table, keys in SETTINGS.items()}


def test_the_commands_report_config_warnings_with_file_and_line(sample: Path) -> None:
    (sample / "blueprint.toml").write_text('[project]\ntitle = "S"\n\n[lean]\nroot = ["Sample"]\n')
    result = run_cli("check", str(sample), cwd=sample)
    assert result.returncode == 0, result.stderr
    assert "unknown setting [lean] root, ignored (did you mean roots?)" in result.stdout
    github = run_cli("check", str(sample), "--format", "github", cwd=sample).stdout
    assert "::warning file=blueprint.toml,line=5::unknown setting [lean] root" in github
    strict = run_cli("build", str(sample), "-o", str(sample / "site"), "--strict", cwd=sample)
    assert strict.returncode == 1 and "blueprint.toml:5" in strict.stdout


def test_the_commands_report_every_config_error_and_fail(sample: Path) -> None:
    (sample / "blueprint.toml").write_text('[project]\ntitle = 3\n[lean]\nroots = "Sample"\n')
    result = run_cli("build", str(sample), "-o", str(sample / "site"), cwd=sample)
    assert result.returncode == 1
    assert "blueprint.toml:2: [project] title must be a string" in result.stderr
    assert "blueprint.toml:4: [lean] roots must be an array of strings" in result.stderr
    assert not (sample / "site").exists()


def test_watch_shows_every_config_problem_at_its_line(tmp_path: Path) -> None:
    from tests.conftest import copy_sample
    from tests.helpers import watching

    with watching(copy_sample(tmp_path)) as session:
        (session.project / "blueprint.toml").write_text('[project]\ntitle = 3\ngithub = 4\n')
        broken = session.wait_rebuilds(2)
        assert not broken.ok
        assert [(p.file, p.line) for p in broken.problems] == [
            ("blueprint.toml", 2), ("blueprint.toml", 3)
        ]


def with_verso(text: str, files: tuple[str, ...], lakefile: str | None) -> ProjectConfig:
    """The configuration of a project whose Verso Blueprint's lakefile is `lakefile`."""
    settings = parse_settings(text, "blueprint.toml")
    return config_from_settings(ROOT, settings, lambda rel: rel in files, toml_lines(text),
                                lambda: lakefile)


def test_auto_reads_a_verso_blueprint_when_there_is_no_latex_one() -> None:
    found = with_verso("", (), "lakefile.lean")
    assert (found.format, found.format_found) == (BlueprintFormat.VERSO, True)
    assert (found.blueprint_dir, found.main_file, found.other_blueprints) == (
        ROOT, "lakefile.lean", ())


def test_a_verso_package_beside_a_latex_blueprint_leaves_the_latex_one_read() -> None:
    # FLT: blueprint/src/web.tex and blueprint-verso/ (a package of its own)
    found = with_verso("", (WEB,), "blueprint-verso/lakefile.toml")
    assert (found.format, found.blueprint_dir, found.main_file) == (
        BlueprintFormat.LATEX, ROOT / "blueprint/src", "web.tex")
    assert found.other_blueprints == ((BlueprintFormat.VERSO, "blueprint-verso"),)
    chosen = with_verso('[blueprint]\nformat = "verso"\n', (WEB,), "blueprint-verso/lakefile.toml")
    assert (chosen.format, chosen.blueprint_dir, chosen.main_file, chosen.format_found) == (
        BlueprintFormat.VERSO, ROOT / "blueprint-verso", "lakefile.toml", False)


def test_a_project_that_is_a_verso_package_is_read_as_one_whatever_latex_it_keeps() -> None:
    # noperthedron: the project requires VersoBlueprint, blueprint/src is what it was ported from
    found = with_verso("", (WEB,), "lakefile.lean")
    assert found.format is BlueprintFormat.VERSO
    assert found.other_blueprints == ((BlueprintFormat.LATEX, "blueprint/src"),)
    named = with_verso(f'[blueprint]\nmain = "{WEB}"\n', (WEB,), "lakefile.lean")
    assert named.format is BlueprintFormat.LATEX  # [blueprint] main names the LaTeX one


def test_format_verso_without_a_verso_blueprint_says_what_it_looked_for() -> None:
    with pytest.raises(BlueprintError) as raised:
        with_verso('[blueprint]\nformat = "verso"\n', (WEB,), None)
    assert "no Verso Blueprint found" in str(raised.value)
    assert "requires VersoBlueprint" in str(raised.value)


def test_the_verso_blueprint_is_found_on_the_disk(tmp_path: Path) -> None:
    from blueprint.config import find_verso, load_config

    (tmp_path / "blueprint-verso").mkdir()
    (tmp_path / "lakefile.toml").write_text('name = "P"\n[[lean_lib]]\nname = "P"\n')
    (tmp_path / "blueprint-verso" / "lakefile.toml").write_text(
        '[[require]]\nname = "VersoBlueprint"\ngit = "https://example.org/v"\n')
    assert find_verso(tmp_path) == "blueprint-verso/lakefile.toml"
    config = load_config(tmp_path)  # no LaTeX blueprint: loading does not fail
    assert (config.format, config.blueprint_dir) == (
        BlueprintFormat.VERSO, tmp_path / "blueprint-verso")
