"""A real install: the wheel that `pip install blueprint` would get, in a fresh virtualenv.

The tests elsewhere run from the source checkout (an editable install), where the templates
sit beside the package; a user's install has only what the wheel ships.
"""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_sample


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
    (found,) = folder.glob("blueprint-*.whl")
    return found


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


def test_an_installed_blueprint_builds_the_sample_site(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    # the dependencies come from this interpreter's site-packages; the package from the wheel
    venv.create(environment, system_site_packages=True, with_pip=False)
    python = environment / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    where = subprocess.run(
        [str(python), "-P", "-c", "import blueprint; print(blueprint.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where).is_relative_to(environment), where  # not the checkout's editable install

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
