"""A real install: the wheel that `pip install blueprint-lean` would get, in a fresh virtualenv.

The tests elsewhere run from the source checkout (an editable install), where the templates
sit beside the package; a user's install has only what the wheel ships.
"""

from __future__ import annotations

import importlib.util
import re
import site
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_sample

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# The import names of the dependencies (each is its distribution's name, lower-cased).
DEPENDENCIES = [
    re.split(r"[^\w.-]", spec, maxsplit=1)[0].lower() for spec in PROJECT["dependencies"]
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            str(REPO),
            "-w",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (found,) = folder.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def environment(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed (not editable) and our dependencies.

    The dependencies are the ones this interpreter imports, wherever it has them: the
    virtualenv sees this interpreter's site-packages folders through a .pth file. (A venv
    with `system_site_packages` would see the *base* interpreter's instead, which inside a
    virtualenv are not where the dependencies are.) A .pth line adds a folder without reading
    the .pth files in it, so the checkout's editable install stays out."""
    environment = tmp_path_factory.mktemp("install") / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*pip, "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = [*site.getsitepackages(), sysconfig.get_path("purelib"), sysconfig.get_path("platlib")]
    if site.ENABLE_USER_SITE:
        ours.append(site.getusersitepackages())
    folders = dict.fromkeys(folder for folder in ours if Path(folder).is_dir())
    (Path(purelib) / "blueprint-test-dependencies.pth").write_text("\n".join(folders) + "\n")
    return environment


def test_the_distribution_is_blueprint_lean_and_gives_the_blueprint_command(wheel: Path) -> None:
    """`pip install blueprint` gets an unrelated project: ours is `blueprint-lean`, and it
    installs the `blueprint` command and the `blueprint` package."""
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    (metadata,) = (name for name in names if name.endswith(".dist-info/METADATA"))
    assert "\nName: blueprint-lean\n" in archive.read(metadata).decode()
    entry_points = archive.read(metadata.replace("METADATA", "entry_points.txt")).decode()
    assert "[console_scripts]\nblueprint = blueprint.__main__:main" in entry_points
    assert "blueprint/__init__.py" in names
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install blueprint-lean" in readme


def test_the_wheel_ships_every_template_and_static_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = REPO / "templates"
    expected = {
        f"blueprint/templates/{path.relative_to(templates).as_posix()}"
        for path in templates.rglob("*")
        if path.is_file()
    }
    assert expected, "no templates in the checkout?"
    assert expected <= names, sorted(expected - names)


def test_the_virtualenv_has_the_wheel_and_the_dependencies_we_test_with(
    environment: Path, tmp_path: Path
) -> None:
    found = subprocess.run(
        [
            str(environment / "bin" / "python"),
            "-P",
            "-c",
            "import importlib.util, sys\n"
            "for name in sys.argv[1:]: print(importlib.util.find_spec(name).origin)",
            "blueprint",
            *DEPENDENCIES,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    where, *dependencies = found.stdout.split("\n")[:-1]
    assert Path(where).is_relative_to(environment), where  # not the checkout's editable install
    ours = [importlib.util.find_spec(name) for name in DEPENDENCIES]
    assert dependencies == [spec.origin for spec in ours if spec], "not the ones we test with"


def test_an_installed_blueprint_builds_the_sample_site(environment: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    project = copy_sample(tmp_path)
    built = subprocess.run(
        [str(environment / "bin" / "blueprint"), "build", str(project), "-o", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "tasks.html" in {p.name for p in out.iterdir()}
    assert (out / "static" / "graph-core.js").read_bytes() == (
        REPO / "templates" / "static" / "graph-core.js"
    ).read_bytes()
    assert "<svg" in (out / "graph.html").read_text(encoding="utf-8")  # laid out by dot


def test_an_installed_blueprint_new_writes_every_file_and_installs_itself_in_ci(
    environment: Path, tmp_path: Path
) -> None:
    """The skeleton's templates travel in the wheel, and the workflow installs the
    distribution the wheel's metadata names (no pyproject.toml beside an install)."""
    project = tmp_path / "project"
    project.mkdir()
    made = subprocess.run(
        [str(environment / "bin" / "blueprint"), "new", str(project), "--yes", "--ci",
         "--lib", "Demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    skeleton = REPO / "blueprint" / "skeleton" / "project"
    expected = {p.relative_to(skeleton).as_posix() for p in skeleton.rglob("*") if p.is_file()}
    written = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert written == expected | {".github/workflows/blueprint.yml"}
    workflow = (project / ".github" / "workflows" / "blueprint.yml").read_text()
    assert f"run: pip install {PROJECT['name']}\n" in workflow
