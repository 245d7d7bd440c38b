"""Where a Verso Blueprint is in a project, and reading it whole (pure: texts in, data out).

The blueprint is a Lake package that requires VersoBlueprint: the project itself
(`lakefile.lean`: `require VersoBlueprint from git ...`) or a folder of it with its own
lakefile (FLT's `blueprint-verso/lakefile.toml`, `[[require]] name = "VersoBlueprint"`).
Its main document is what its generator renders, `(%doc Module)` in the `lean_exe` root; the
chapters are what that document `{include}`s, in order. The Lean code the nodes name is in
the package and in the packages it requires by path (`require FLT from ".."`,
`[[require]] path = ".."`), which may be git submodules that a checkout lacks.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

from blueprint.lean.lakefile import (
    LakeConfig,
    parse_lakefile_lean,
    parse_lakefile_toml,
    requirements,
)
from blueprint.lean.scanner import scan_lean
from blueprint.markup.verso import Document, VersoFile
from blueprint.model import Diagnostic, Severity
from blueprint.readers.verso import leanfile
from blueprint.readers.verso.attribute import (
    AttributeFormat,
    BlueprintAttribute,
    attribute_format,
    read_blueprint_attributes,
)
from blueprint.readers.verso.nodes import Included, VersoBlueprint, read_blueprint

VERSO_BLUEPRINT = "VersoBlueprint"
_MAIN_DOC_RE = re.compile(r"%doc\s+([\w.«»']+)")
# where an attribute list may hold `blueprint` (a cheap test before a file is read)
_ATTRIBUTE_RE = re.compile(r"@\[[^\]]*\bblueprint\b|\battribute\s*\[[^\]]*\bblueprint\b")
_GITMODULE_PATH_RE = re.compile(r"^\s*path\s*=\s*(.+?)\s*$", re.M)


@dataclass(frozen=True, slots=True)
class LeanSources:
    """A folder whose Lean files hold declarations the blueprint names."""

    package: str
    folder: str  # relative to the project; "" is the project itself
    present: bool  # False: nothing there (a git submodule not checked out, say)
    submodule: bool  # listed in .gitmodules


@dataclass(frozen=True, slots=True)
class VersoProject:
    folder: str  # the Lake package requiring VersoBlueprint ("" is the project itself)
    lakefile: str
    main_module: str
    main_file: str
    src_dirs: tuple[str, ...]  # folders of the package where modules are looked up
    lean_sources: tuple[LeanSources, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def find_verso_project(
    texts: Mapping[str, str], paths: Collection[str] = (), lakefile: str | None = None
) -> VersoProject | None:
    """The Verso Blueprint of a project, or None when no package requires VersoBlueprint.

    `texts` holds the text of the project's lakefiles, `.gitmodules` and `.lean` files, by
    POSIX path relative to the project; `paths` lists every file of the checkout (it defaults
    to the keys of `texts`), to tell a folder with files from an empty one; `lakefile` names
    the package's lakefile when it is known (else the least deep one requiring
    VersoBlueprint is read)."""
    listing = set(paths) | set(texts)
    lakefiles = [lakefile] if lakefile is not None and lakefile in texts else sorted(
        (p for p in texts if posixpath.basename(p) in ("lakefile.lean", "lakefile.toml")
         and ".lake/" not in p and any(r.name == VERSO_BLUEPRINT
                                       for r in requirements(texts[p], p))),
        key=lambda p: (p.count("/"), p),
    )
    if not lakefiles:
        return None
    diagnostics: list[Diagnostic] = []
    lakefile = lakefiles[0]
    for other in lakefiles[1:]:
        diagnostics.append(Diagnostic(other, 1, Severity.INFO,
                                      f"another package requiring VersoBlueprint; {lakefile} "
                                      "is the one read"))
    folder = posixpath.dirname(lakefile)
    config = (parse_lakefile_toml if lakefile.endswith(".toml") else parse_lakefile_lean)(
        texts[lakefile], lakefile
    )
    src_dirs = _src_dirs(folder, config)
    main = _main_module(texts, folder, config, src_dirs)
    if main is None:
        diagnostics.append(Diagnostic(lakefile, 1, Severity.ERROR,
                                      "no main Verso document: no `%doc Module` in the "
                                      "package's programs, no #doc that includes chapters"))
        return VersoProject(folder, lakefile, "", "", src_dirs, (), tuple(diagnostics))
    main_file = module_file(main, src_dirs, texts) or _join(src_dirs[0], *main.split(".")) + ".lean"
    if main_file not in texts:
        diagnostics.append(Diagnostic(lakefile, 1, Severity.ERROR,
                                      f"the main document {main} ({main_file}) is missing"))
    submodules = _submodules(texts, folder)
    sources = [LeanSources(config.package or posixpath.basename(folder) or ".", folder,
                           True, False)]
    for req in requirements(texts[lakefile], lakefile):
        if req.path is None:
            continue
        where = posixpath.normpath(_join(folder, req.path))
        where = "" if where == "." else where
        present = any(p.startswith(where + "/") and p.endswith(".lean") for p in listing) \
            if where else True
        is_submodule = where in submodules
        sources.append(LeanSources(req.name, where, present, is_submodule))
        if not present:
            what = "a git submodule that is not checked out" if is_submodule else "missing"
            diagnostics.append(Diagnostic(lakefile, req.line, Severity.WARNING,
                                          f"the Lean sources of {req.name} ({where}/) are "
                                          f"{what}: the nodes' Lean names are not checked"))
    return VersoProject(folder, lakefile, main, main_file, src_dirs, tuple(sources),
                        tuple(diagnostics))


def module_file(module: str, src_dirs: tuple[str, ...], texts: Mapping[str, str]) -> str | None:
    """The file of a module, looked up in the package's source folders."""
    relative = "/".join(p.strip("«»") for p in module.split(".")) + ".lean"
    for src in src_dirs:
        path = _join(src, relative)
        if path in texts:
            return path
    return None


@functools.lru_cache(maxsize=1024)
def parse_verso_file(text: str, path: str) -> VersoFile:
    """`leanfile.parse_verso_file`, once per text and path (a `VersoFile` is immutable): a
    watch rebuild parses again only the files that changed."""
    return leanfile.parse_verso_file(text, path)


@dataclass
class _Files:
    """The project's `.lean` files, each parsed once, on demand."""

    texts: Mapping[str, str]
    parsed: dict[str, VersoFile] = field(default_factory=dict)

    def get(self, path: str) -> VersoFile | None:
        if path not in self.parsed:
            if path not in self.texts:
                return None
            self.parsed[path] = parse_verso_file(self.texts[path], path)
        return self.parsed[path]


def read_verso_project(project: VersoProject, texts: Mapping[str, str]) -> VersoBlueprint:
    """The blueprint: the main document with everything it includes, and the `@[blueprint]`
    attributes of the Lean files that import VersoBlueprint."""
    files = _Files(texts)
    main = files.get(project.main_file)
    main_doc = next((d for d in main.documents if d.name is None), None) if main else None
    attributes = _attributes(project, files)
    if main is None or main_doc is None:
        where = project.main_file or project.lakefile
        empty = VersoFile(where, (), (), (), (Diagnostic(
            where, 1, Severity.ERROR, f"no #doc in the main document {project.main_module}"),))
        return read_blueprint((Document((), "Manual", None, (), 1, 1), empty),
                              lambda name, file: None, attributes)

    def resolve(name: str, including: VersoFile) -> Included | None:
        path = module_file(name, project.src_dirs, texts)
        found = files.get(path) if path else None
        doc = next((d for d in found.documents if d.name is None), None) if found else None
        if found is not None and doc is not None:
            return doc, found
        return _find_docs(name, including, files, project.src_dirs)

    blueprint = read_blueprint((main_doc, main), resolve, attributes,
                               _imported(main, files, project.src_dirs))
    if project.diagnostics:
        blueprint = replace(blueprint, diagnostics=project.diagnostics + blueprint.diagnostics)
    return blueprint


def _imported(main: VersoFile, files: _Files, src_dirs: tuple[str, ...]) -> list[VersoFile]:
    """The package's files with Verso documents that the main one imports, directly or
    through other such files, nearest first (Lean-only files are not followed)."""
    out: list[VersoFile] = []
    seen = {main.path}
    queue = [main]
    while queue:
        file = queue.pop(0)
        for imp in file.imports:
            path = module_file(imp.module, src_dirs, files.texts)
            if path is None or path in seen or "#doc" not in files.texts[path]:
                continue
            seen.add(path)
            found = files.get(path)
            if found is not None:
                out.append(found)
                queue.append(found)
    return out


def _find_docs(name: str, including: VersoFile, files: _Files,
               src_dirs: tuple[str, ...]) -> Included | None:
    """The `#docs` called `name` in the including file or in what it imports."""
    seen: set[str] = set()
    queue = [including.path]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        file = files.get(path)
        if file is None:
            continue
        if "#docs" in files.texts[path]:
            for doc in file.documents:
                if doc.name is not None and (doc.name == name or name.endswith("." + doc.name)):
                    return doc, file
        for imp in file.imports:
            target = module_file(imp.module, src_dirs, files.texts)
            if target is not None and target not in seen:
                queue.append(target)
    return None


def _attributes(project: VersoProject, files: _Files) -> list[BlueprintAttribute]:
    out: list[BlueprintAttribute] = []
    folders = [s.folder for s in project.lean_sources if s.present]
    for path in sorted(files.texts):
        if not path.endswith(".lean") or ".lake/" in path \
                or not any(not f or path.startswith(f + "/") for f in folders):
            continue
        text = files.texts.get(path) or ""
        if VERSO_BLUEPRINT not in text or not _ATTRIBUTE_RE.search(text):
            continue
        file = files.get(path)
        assert file is not None
        if attribute_format([i.module for i in file.imports]) is not AttributeFormat.VERSO:
            continue
        module = _module_of(path, (*project.src_dirs, *folders))
        found, _ = read_blueprint_attributes(text, path, module,
                                             scan_lean(text, module, path).declarations)
        out.extend(found)
    return out


def _module_of(path: str, roots: Iterable[str]) -> str:
    """The module of a file under the first of `roots` that holds it (longest first)."""
    for root in sorted(roots, key=len, reverse=True):
        if not root or path.startswith(root + "/"):
            relative = path[len(root) + 1 :] if root else path
            return relative.removesuffix(".lean").replace("/", ".")
    return path.removesuffix(".lean").replace("/", ".")


def _main_module(texts: Mapping[str, str], folder: str, config: LakeConfig,
                 src_dirs: tuple[str, ...]) -> str | None:
    """The document the package's generator renders: `(%doc M)` in a `lean_exe` root, else
    in any of its files, else the #doc that includes the most chapters."""
    roots = [module_file(r, src_dirs, texts) for lib in config.libs if lib.exe for r in lib.roots]
    candidates = [p for p in roots if p] + sorted(
        p for p in texts if p.endswith(".lean") and _inside(p, folder)
    )
    for path in candidates:
        m = _MAIN_DOC_RE.search(texts[path])
        if m:
            return m.group(1)
    best: tuple[int, str] | None = None
    included: set[str] = set()
    for path in candidates:
        included.update(re.findall(r"^\{include\s+(?:\d+\s+)?([\w.«»']+)", texts[path], re.M))
    for path in candidates:
        text = texts[path]
        count = len(re.findall(r"^\{include\b", text, re.M))
        module = _module_of(path, src_dirs)
        if "#doc" in text and count and module not in included and (
            best is None or count > best[0]
        ):
            best = (count, module)
    return best[1] if best else None


def _src_dirs(folder: str, config: LakeConfig) -> tuple[str, ...]:
    dirs = [_join(folder, lib.src_dir) for lib in config.libs if lib.src_dir]
    dirs.append(_join(folder, config.src_dir))
    return tuple(dict.fromkeys(dirs))


def _submodules(texts: Mapping[str, str], folder: str) -> set[str]:
    out: set[str] = set()
    for base in dict.fromkeys(["", folder]):
        text = texts.get(_join(base, ".gitmodules"))
        if text:
            out.update(posixpath.normpath(_join(base, p.strip('"')))
                       for p in _GITMODULE_PATH_RE.findall(text))
    return out


def _inside(path: str, folder: str) -> bool:
    return (not folder or path.startswith(folder + "/")) and ".lake/" not in path


def _join(*parts: str) -> str:
    return "/".join(p.strip("/") for p in parts if p and p != ".")

