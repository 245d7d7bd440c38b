"""What a command may write over: never a file it did not write.

A site folder is replaced whole at each build, so before anything is written it must be
missing, empty, or a site this tool wrote, and it must neither be nor hold the project's
sources. A site lists the files it wrote in its manifest (`.blueprint-site`); files that are
not listed (a `CNAME` a user added for GitHub Pages, say) are carried into the next site.
A single output file (an export, a chart) is replaced only when it is missing or was written
by this tool, and always whole (written beside it, then renamed over it).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from blueprint.model import BlueprintError, UsageError

#: the file of a site that lists the files the build wrote, one relative path a line
MANIFEST = ".blueprint-site"
_MANIFEST_HEAD = (
    "# Written by `blueprint build`: this folder is replaced at each build. The files listed\n"
    "# below are the build's; any other file put here is kept.\n"
)
#: what every page of a site written before the manifest existed carries
_GENERATOR = b'<meta name="generator" content="blueprint'


@dataclass(frozen=True)
class SiteFolder:
    """An output folder that may be replaced, and the files in it that are not the site's."""

    path: Path
    kept: tuple[str, ...]  # relative posix paths, carried into the new site


def manifest(files: Iterable[str]) -> bytes:
    """The manifest of a site made of `files` (relative posix paths)."""
    return (_MANIFEST_HEAD + "".join(f"{name}\n" for name in sorted(files))).encode()


def claim_site_folder(out: Path, protected: Iterable[Path] = ()) -> SiteFolder:
    """`out` as a folder a site may replace, or a UsageError that says why not.

    `protected` are the folders and files of the project's sources (the project folder, the
    blueprint folder, the Lean source folders): `out` may be none of them nor hold one."""
    out = Path(os.path.abspath(out))
    real = Path(os.path.realpath(out))
    for source in protected:
        source = Path(os.path.realpath(source))
        if source == real or source.is_relative_to(real):
            what = "is part of" if source == real else f"holds ({source})"
            raise UsageError(
                f"refusing to write the site to {out}: it {what} the project's sources; "
                "choose another folder"
            )
    if out.is_symlink():
        raise UsageError(
            f"refusing to write the site to {out}: it is a symbolic link (to {real}); "
            "give the folder itself"
        )
    if not out.exists():
        return SiteFolder(out, ())
    if not out.is_dir():
        raise UsageError(f"refusing to write the site to {out}: it is a file, not a folder")
    present = _files_below(out)
    if not present:
        return SiteFolder(out, ())
    ours = _site_files(out, present)
    if ours is None:
        more = f" and {len(present) - 3} more" if len(present) > 3 else ""
        shown = ", ".join(present[:3]) + more
        raise UsageError(
            f"refusing to replace {out}: it holds files that blueprint did not write "
            f"({shown}); give an empty or new folder"
        )
    return SiteFolder(out, tuple(name for name in present if name not in ours))


def write_output_file(path: Path, data: bytes, written_by_us: Callable[[bytes], bool]) -> None:
    """Write `data` to `path`, replacing a file there only if `written_by_us` says its bytes
    are ours; the new file appears whole or not at all."""
    path = Path(os.path.abspath(path))
    if path.is_dir():
        raise UsageError(f"refusing to write {path}: it is a folder")
    if path.exists() or path.is_symlink():
        if path.is_symlink() or not path.is_file():
            raise UsageError(f"refusing to replace {path}: it is not a regular file")
        try:
            present = path.read_bytes()
        except OSError as error:
            raise BlueprintError(f"cannot read {path}: {error.strerror}") from None
        if present and not written_by_us(present):
            raise UsageError(
                f"refusing to replace {path}: blueprint did not write it; give a new file name"
            )
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise not_writable(path, error) from None


def json_with(*keys: str) -> Callable[[bytes], bool]:
    """Whether a file's bytes are a JSON object with these keys: how the JSON files this tool
    writes (an export, a history) are told from others."""

    def ours(data: bytes) -> bool:
        try:
            found = json.loads(data)
        except ValueError:
            return False
        return isinstance(found, dict) and all(key in found for key in keys)

    return ours


def marked(mark: bytes) -> Callable[[bytes], bool]:
    """Whether a file's first kilobyte holds `mark` (a comment this tool writes there)."""
    return lambda data: mark in data[:1024]


def not_writable(path: Path, error: OSError) -> BlueprintError:
    """The user error for an output that cannot be written (a read-only folder, a full disk)."""
    where = error.filename or path
    return BlueprintError(f"cannot write {where}: {error.strerror or error}")


def _files_below(folder: Path) -> list[str]:
    """Every file and symbolic link below `folder` (relative posix paths, sorted); an empty
    folder counts as a file, so that a user's empty folder is kept too."""
    found: list[str] = []
    for top, dirs, files in os.walk(folder):
        base = Path(top).relative_to(folder)
        links = [d for d in dirs if os.path.islink(os.path.join(top, d))]
        dirs[:] = sorted(d for d in dirs if d not in links)
        found += [(base / name).as_posix() for name in [*files, *links]]
        if not files and not dirs and not links and base != Path("."):
            found.append(base.as_posix() + "/")
    return sorted(found)


def _site_files(folder: Path, present: list[str]) -> set[str] | None:
    """The files of `folder` that a build wrote, or None if it is not a site of ours.

    A site lists them in its manifest. A site written before the manifest existed is known by
    its pages, which all carry our generator tag: its pages and `static/` folder are ours."""
    listed = folder / MANIFEST
    if listed.is_file() and not listed.is_symlink():
        lines = listed.read_text(encoding="utf-8", errors="replace").splitlines()
        names = {line for line in lines if line and not line.startswith("#")}
        return names | {MANIFEST}
    pages = [name for name in present if name.endswith(".html")]
    if "index.html" not in pages or not all(_is_our_page(folder / name) for name in pages):
        return None
    return {name for name in present if name.endswith(".html") or name.startswith("static/")}


def _is_our_page(path: Path) -> bool:
    try:
        with path.open("rb") as page:
            return _GENERATOR in page.read(2048)
    except OSError:
        return False
