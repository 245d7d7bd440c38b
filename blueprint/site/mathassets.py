"""MathJax for sites that must work offline (`blueprint build --offline-math`).

The files come from the `mathjax` npm package, fetched at build time with `npm pack` into the
project's cache folder (nothing third-party is committed to this repository), and are read
straight from the tarball: no archive member is ever written to disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from blueprint.model import BlueprintError

# What the site needs from the package: the SVG output (no font files, so it works from
# file://), the TeX extensions it may autoload, and the `safe` filter the pages load.
_WANTED = ("es5/tex-svg.js", "es5/input/tex/extensions/", "es5/ui/safe.js")


def mathjax_files(cache_dir: Path, version: str) -> dict[str, bytes]:
    """Site path -> bytes for MathJax `version` (under static/mathjax/), fetched once into
    the cache, or into a temporary folder when the cache cannot be written."""
    folder = cache_dir / "npm"
    if (folder / f"mathjax-{version}.tgz").is_file() or _can_make(folder):
        return _unpack(_tarball(folder, version))
    with tempfile.TemporaryDirectory(prefix="blueprint-npm-") as temporary:
        return _unpack(_tarball(Path(temporary), version))


def _can_make(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _unpack(tarball: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive.getmembers():
                name = member.name.removeprefix("package/")
                if not member.isfile() or not name.startswith(_WANTED):
                    continue
                if ".." in name.split("/"):
                    continue
                handle = archive.extractfile(member)
                if handle is not None:
                    files[f"static/mathjax/{name.removeprefix('es5/')}"] = handle.read()
    except (tarfile.TarError, OSError) as error:
        raise BlueprintError(f"cannot read {tarball}: {error}") from None
    if "static/mathjax/tex-svg.js" not in files:
        raise BlueprintError(f"{tarball} has no es5/tex-svg.js: not a MathJax 3 package")
    return files


def _tarball(folder: Path, version: str) -> Path:
    tarball = folder / f"mathjax-{version}.tgz"
    if tarball.is_file():
        return tarball
    npm = shutil.which("npm")
    if npm is None:
        raise BlueprintError("--offline-math needs npm (to fetch the mathjax package once)")
    try:
        completed = subprocess.run(
            [npm, "pack", f"mathjax@{version}", "--silent", "--pack-destination", str(folder)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BlueprintError("npm pack mathjax took more than 300 s: stopped") from None
    if completed.returncode != 0 or not tarball.is_file():
        detail = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise BlueprintError(f"npm pack mathjax@{version} failed: {detail}")
    return tarball
