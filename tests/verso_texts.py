"""What the Verso reader is given, read from a folder (the tests and bench/bench_verso.py
use it; the build will have its own loader): the text of every `.lean` file, lakefile and
`.gitmodules`, and the list of all files, by POSIX path relative to the folder."""

from __future__ import annotations

import os
from pathlib import Path

READ = (".lean", "lakefile.toml", ".gitmodules")


def project_texts(root: Path) -> tuple[dict[str, str], list[str]]:
    texts: dict[str, str] = {}
    paths: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in (".lake", ".git"))
        for name in sorted(files):
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            paths.append(relative)
            if name.endswith(READ):
                texts[relative] = path.read_text(encoding="utf-8", errors="replace")
    return texts, paths


def projects_folder() -> Path | None:
    """Checkouts of real projects: `$BLUEPRINT_PROJECTS`, else a `projects` folder beside
    the repository or above it (None when there is none)."""
    if os.environ.get("BLUEPRINT_PROJECTS"):
        return Path(os.environ["BLUEPRINT_PROJECTS"])
    here = Path(__file__).resolve().parent.parent
    for parent in (here.parent, *here.parent.parents):
        if (parent / "projects").is_dir():
            return parent / "projects"
    return None
