"""Names declared by the dependencies in `.lake/packages/*`, cached on disk.

Only names are kept (scanned with `names_only=True`). The cache, one JSON
file, maps each source file to `[size, mtime_ns, module, names]`; a file whose
size or mtime changed is scanned again, removed files are dropped. It lives in
`<project>/.blueprint-cache/` unless another folder is given (`.lake/` belongs
to Lake).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blueprint.files import is_text_name
from blueprint.lean.lakefile import LakeConfig, parse_lakefile_lean, parse_lakefile_toml
from blueprint.lean.scanner import scan_lean

CACHE_VERSION = 1
CACHE_NAME = "lean-deps.json"
_SKIP = frozenset({".lake", "lake-packages", "build", ".git"})


@dataclass
class DepIndex:
    """name -> module, for every dependency package found."""

    names: dict[str, str] = field(default_factory=dict)
    packages: list[str] = field(default_factory=list)
    files: int = 0
    scanned: int = 0  # files scanned this time (0 when all came from the cache)
    _tops: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __len__(self) -> int:
        return len(self.names)

    def module_of(self, name: str) -> str | None:
        return self.names.get(name.removeprefix("_root_."))

    def top_namespaces(self) -> frozenset[str]:
        """The first component of every name with a namespace (`Nat` for `Nat.succ_le`)."""
        if self._tops is None:
            self._tops = frozenset(n.partition(".")[0] for n in self.names if "." in n)
        return self._tops


def package_dirs(project_root: Path) -> list[Path]:
    """`.lake/packages/*` (and the older `lake-packages/*`) that exist."""
    out: list[Path] = []
    for base in (project_root / ".lake" / "packages", project_root / "lake-packages"):
        if base.is_dir():
            out.extend(sorted(p for p in base.iterdir() if p.is_dir()))
    return out


def _package_config(pkg: Path) -> LakeConfig | None:
    try:
        if (pkg / "lakefile.toml").is_file():
            return parse_lakefile_toml((pkg / "lakefile.toml").read_text("utf-8", "replace"))
        if (pkg / "lakefile.lean").is_file():
            return parse_lakefile_lean((pkg / "lakefile.lean").read_text("utf-8", "replace"))
    except OSError:
        return None
    return None


def _package_tops(pkg: Path) -> tuple[str, set[str] | None]:
    """Source folder and top-level module names a package's built libraries use.

    None means "every file" (no lakefile, or none readable)."""
    cfg = _package_config(pkg)
    if cfg is None or not cfg.libs:
        return "", None
    tops = {g.module.split(".", 1)[0] for lib in cfg.built_libs() for g in lib.all_globs()}
    return cfg.src_dir, tops or None


def _walk(pkg: Path, src_dir: str, tops: set[str] | None) -> Iterator[tuple[str, os.stat_result]]:
    base = pkg / src_dir if src_dir else pkg
    stack = [base]
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                if e.name in _SKIP or e.name.startswith("."):
                    continue
                if d == base and tops is not None and e.name not in tops:
                    continue
                stack.append(Path(e.path))
            elif e.name.endswith(".lean") and e.is_file() and is_text_name(e.name):
                if d == base and tops is not None and e.name[:-5] not in tops:
                    continue
                if d == base and e.name.startswith("lakefile"):
                    continue
                yield e.path, e.stat()


def _scan_names(args: tuple[str, str]) -> list[str]:
    path, module = args
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
    except OSError:
        return []
    lf = scan_lean(text, module, path, names_only=True)
    return [d.name for d in lf.declarations if d.name and d.formalized]


def _load_cache(path: Path) -> dict[str, list[Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def index_dependencies(
    project_root: Path,
    *,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
) -> DepIndex | None:
    """Index declaration names of `.lake/packages/*`; None when there are none."""
    pkgs = package_dirs(Path(project_root))
    if not pkgs:
        return None
    cache_dir = Path(cache_dir) if cache_dir else Path(project_root) / ".blueprint-cache"
    cache_path = cache_dir / CACHE_NAME
    cached = _load_cache(cache_path) if use_cache else {}
    entries: dict[str, list[Any]] = {}
    todo: list[tuple[str, str]] = []
    index = DepIndex(packages=[p.name for p in pkgs])
    for pkg in pkgs:
        src_dir, tops = _package_tops(pkg)
        base = pkg / src_dir if src_dir else pkg
        for path, st in _walk(pkg, src_dir, tops):
            old = cached.get(path)
            if old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns:
                entries[path] = old
                continue
            rel = os.path.relpath(path, base)
            module = rel[:-5].replace(os.sep, ".")
            entries[path] = [st.st_size, st.st_mtime_ns, module, ""]
            todo.append((path, module))
    if todo:
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if workers > 1 and len(todo) > 200:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(workers) as pool:
                results = list(pool.map(_scan_names, todo, chunksize=32))
        else:
            results = [_scan_names(t) for t in todo]
        for (path, _), names in zip(todo, results, strict=True):
            entries[path][3] = "\n".join(names)
    index.files = len(entries)
    index.scanned = len(todo)
    by_name = index.names
    for _, _, module, joined in entries.values():
        if joined:
            for n in joined.split("\n"):
                by_name.setdefault(n, module)
    if use_cache and (todo or len(entries) != len(cached)):
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = cache_path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": CACHE_VERSION, "files": entries}),
                           encoding="utf-8")
            os.replace(tmp, cache_path)
        except OSError:
            pass  # a read-only project still works, only slower next time
    if not index.names:
        return None  # `.lake/packages` without sources: as if there were no dependencies
    return index
