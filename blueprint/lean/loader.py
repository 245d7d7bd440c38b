"""The project's Lean sources, read, scanned and indexed at most once a build, on first use.

A build asks for them twice: the reader of a LeanArchitect blueprint (its nodes are written
in the Lean files) and the status from Lean. `LeanLoader` loads them for the first and
hands the same `LeanProject` to the second; a LaTeX project with status from annotations
never loads them. A `lake build` log (`--lean-log`) is read with them: its verdicts on
`sorry` then hold for both.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from blueprint.model import BlueprintError

if TYPE_CHECKING:
    from blueprint.config import ProjectConfig
    from blueprint.lean.project import Alongside, LeanProject, ScanCache


class LeanProjects(Protocol):
    """What the readers and the status ask of a project's Lean sources: the scanned project
    of a Lake package (`LeanLoader`'s from the disk; the history's from a commit's objects)."""

    def project(self, package: str = "", skip: Collection[str] = frozenset(),
                alongside: Alongside | None = None) -> LeanProject:
        ...


class LeanLoader:
    """The Lean sources of one project, for one build."""

    def __init__(
        self,
        config: ProjectConfig,
        scans: ScanCache | None = None,
        lean_log: Path | None = None,
    ) -> None:
        self.config = config
        self.scans = scans  # kept by a watch session: only changed files are scanned again
        self.lean_log = lean_log
        self._projects: dict[tuple[str, frozenset[str]], LeanProject] = {}

    def project(self, package: str = "", skip: Collection[str] = frozenset(),
                alongside: Alongside | None = None) -> LeanProject:
        """The scanned project, loaded on the first call. `package`: the folder of the Lake
        package whose lakefile says where the code is, when it is not the project's (a Verso
        Blueprint's); the files of `skip` are no Lean code (its documents); `alongside`, a
        reading of each file to make while the first call scans (see `load_lean_project`)."""
        key = (package, frozenset(skip))
        found = self._projects.get(key)
        if found is None:
            found = self._projects[key] = self._load(package, key[1], alongside)
        return found

    def _load(self, package: str, skip: frozenset[str],
              alongside: Alongside | None = None) -> LeanProject:
        # Imported here: projects without Lean sources do not pay for the scanner.
        from blueprint.lean.project import load_lean_project

        config = self.config
        project = load_lean_project(
            config.root,
            lean_dirs=config.lean_dirs or None,
            roots=config.lean_roots or None,
            root_lines=config.lean_root_lines,
            cache_dir=config.cache_dir,
            extra_names=config.lean_name_patterns,
            extra_keywords=config.lean_keywords,
            scan_cache=self.scans,
            package=package,
            skip=skip,
            alongside=alongside,
        )
        if self.lean_log is not None:
            project.sorry_overrides = read_lean_log(self.lean_log, project)
        return project


def read_lean_log(path: Path, project: LeanProject) -> dict[str, bool]:
    """name -> uses `sorry`, for the declarations of the files a `lake build` log covers."""
    from blueprint.lean.buildlog import parse_build_log, sorry_overrides

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise BlueprintError(
            f"cannot read the Lean build log: {error.strerror}", str(path)
        ) from None
    return sorry_overrides(parse_build_log(text), project.files.values())
