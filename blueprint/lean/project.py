"""A Lean project: its libraries, which files are compiled, and a name index.

Pure helpers (module names, reachability, name resolution) plus one edge,
`load_lean_project`, which reads the files.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import cast

from blueprint.files import MAX_LEAN_BYTES, KnownFiles, is_text_name, read_regular
from blueprint.lean.deps import DepIndex, index_dependencies
from blueprint.lean.lakefile import (
    Glob,
    LakeConfig,
    LeanLib,
    parse_lakefile_lean,
    parse_lakefile_toml,
)
from blueprint.lean.lexer import clean_source
from blueprint.lean.model import Declaration, LeanFile
from blueprint.lean.naming import module_suffix
from blueprint.lean.scancache import DiskScanCache
from blueprint.lean.scanner import scan_lean
from blueprint.model import PROJECT_FOLDER, DeclarationStatus, Diagnostic, Severity

#: the top-level namespaces of Lean's own libraries, which no dependency index holds
LEAN_CORE_ROOTS = frozenset({"Init", "Lean", "Std", "Lake"})

#: folders never scanned (build output, dependencies, VCS)
SKIP_DIRS = frozenset({".lake", "lake-packages", "build", ".git", ".blueprint-cache",
                       "node_modules", "_target"})

# --- module names and reachability (pure) --------------------------------------


def module_of_path(rel: str | PurePosixPath, src_dir: str = "") -> str:
    """`Foo/Bar.lean` -> `Foo.Bar` (relative to the source directory)."""
    p = PurePosixPath(str(rel).replace("\\", "/"))
    if src_dir:
        with contextlib.suppress(ValueError):
            p = p.relative_to(PurePosixPath(src_dir))
    parts = list(p.parts)
    if parts and parts[-1].endswith(".lean"):
        parts[-1] = parts[-1][: -len(".lean")]
    return ".".join(parts)


def path_of_module(module: str, src_dir: str = "") -> str:
    """`Foo.Bar` -> `Foo/Bar.lean` (POSIX, relative to the project root)."""
    rel = "/".join(p.strip("«»") for p in module.split(".")) + ".lean"
    return f"{src_dir.rstrip('/')}/{rel}" if src_dir else rel


def reachable(roots: Iterable[str], imports: Mapping[str, Sequence[str]]) -> set[str]:
    """Modules transitively imported from `roots` (the roots included if known)."""
    seen: set[str] = set()
    stack = [r for r in roots if r in imports]
    while stack:
        mod = stack.pop()
        if mod in seen:
            continue
        seen.add(mod)
        stack.extend(i for i in imports.get(mod, ()) if i in imports and i not in seen)
    return seen


def library_roots(libs: Iterable[LeanLib], modules: Iterable[str]) -> set[str]:
    """Project modules matched by the libraries' globs."""
    mods = list(modules)
    out: set[str] = set()
    for lib in libs:
        for g in lib.all_globs():
            out.update(m for m in mods if g.matches(m))
    return out


def in_library_folder(module: str, libs: Iterable[LeanLib]) -> bool:
    """True if the module lives under the folder of some library root/glob."""
    top = module.split(".", 1)[0]
    return any(g.module.split(".", 1)[0] == top for lib in libs for g in lib.all_globs())


# --- resolution -----------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """What a `\\lean{name}` points to."""

    name: str
    status: DeclarationStatus
    message: str
    declaration: Declaration | None = None

    @property
    def found(self) -> bool:
        return self.status in (
            DeclarationStatus.FORMALIZED, DeclarationStatus.DEPENDENCY, DeclarationStatus.MACRO
        )


def _instance_shape(last: str) -> tuple[list[str], list[str]]:
    """`instFooBarOfBazOfQux_suffix` -> (["Foo", "Bar"], ["Baz", "Qux"]), in words."""
    core = last.removeprefix("inst").split("_", 1)[0]
    pieces = re.split(r"Of(?=[A-Z])", core)
    body = re.findall(r"[A-Z]+[a-z0-9']*|[a-z0-9']+|[^A-Za-z0-9']+", pieces[0])
    return body, [p for p in pieces[1:] if p]


def _is_subsequence(small: Sequence[str], big: Sequence[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


@dataclass
class LeanProject:
    """Scanned sources, compiled modules and a name index."""

    root: Path
    config: LakeConfig
    files: dict[str, LeanFile]  # module -> scanned file
    compiled: set[str]
    libs: list[LeanLib]
    index: dict[str, list[Declaration]] = field(default_factory=dict)
    deps: DepIndex | None = None
    extra_names: tuple[str, ...] = ()  # glob patterns of names made by project macros
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: name -> uses `sorry`, from a `lake build` log: exact where the text only guesses
    sorry_overrides: dict[str, bool] = field(default_factory=dict)
    #: path -> (text, result) of the `alongside` reading of each file this load scanned
    read_alongside: dict[str, tuple[str, object]] = field(default_factory=dict)

    def has_sorry(self, decl: Declaration) -> bool:
        """Whether `decl` uses `sorry`: as the build log says, else as its text does."""
        return self.sorry_overrides.get(decl.name, decl.has_sorry)

    def lookup(self, name: str) -> Declaration | None:
        """The best declaration of that exact name (compiled and formalized first). A
        private name as Lean writes it, `_private.Module.0.name`, is `name` in `Module`."""
        name = name.removeprefix("_root_.")
        decls = self.index.get(name)
        if not decls and name.startswith("_private."):
            module, _, plain = name.removeprefix("_private.").partition(".0.")
            decls = [d for d in self.index.get(plain, ()) if d.private and d.module == module]
        if not decls:
            return None
        if len(decls) == 1:  # most names: no choice to make
            return decls[0]
        return min(decls, key=lambda d: (not d.formalized, d.module not in self.compiled,
                                         d.generated))

    def resolve(self, name: str) -> Resolution:
        """Where `name` is declared, and whether it counts as formalized."""
        name = name.strip().removeprefix("_root_.")
        decl = self.lookup(name) or self._approximate_instance(name)
        if decl is not None:
            where = f"{decl.file}:{decl.line}"
            if not decl.formalized:
                message = f"only stated as `{decl.kind}` at {where}: not formalized"
                return Resolution(name, DeclarationStatus.PROOF_WANTED, message, decl)
            if decl.module not in self.compiled:
                why = ("no library root imports it" if in_library_folder(decl.module, self.libs)
                       else "its folder is outside every Lean library")
                message = f"declared at {where} but not compiled: {why}"
                return Resolution(name, DeclarationStatus.NOT_COMPILED, message, decl)
            return Resolution(name, DeclarationStatus.FORMALIZED, f"declared at {where}", decl)
        for pat in self.extra_names:
            if fnmatch.fnmatchcase(name, pat):
                message = f"declared by a project macro (pattern {pat!r})"
                return Resolution(name, DeclarationStatus.MACRO, message)
        if self.deps is not None:
            mod = self.deps.module_of(name)
            if mod is not None:
                message = f"declared in dependency module {mod}"
                return Resolution(name, DeclarationStatus.DEPENDENCY, message)
        top = name.partition(".")[0]
        if "." in name and top in self.own_namespaces:
            message = (f"declared nowhere (`{top}` is the project's own namespace: no dependency "
                       "declares names in it)")
        elif self.deps is not None:
            message = ("not declared in the project's sources nor in the indexed dependencies "
                       "(.lake/packages; Lean core is not indexed)")
        else:
            message = "not in the project's sources (may be in a dependency)"
        return Resolution(name, DeclarationStatus.MISSING, message)

    @functools.cached_property
    def own_namespaces(self) -> frozenset[str]:
        """Top-level namespaces that only the project declares names in: a name under one of
        them that the project does not declare is declared nowhere.

        Without the dependencies' sources these are the names of the library roots (`Sample`
        for `lean_lib Sample`): a dependency's names live under its own roots. With them
        (`.lake/packages`), every top-level namespace the project declares a name in, less those
        an indexed dependency declares names in too. Lean core is never indexed: its roots never
        count."""
        roots = {glob.module.split(".", 1)[0].strip("«»") for lib in self.libs
                 for glob in lib.all_globs()}
        if self.deps is None:
            return frozenset(roots - LEAN_CORE_ROOTS)
        declared = roots | {name.partition(".")[0] for name in self.index if "." in name}
        return frozenset(declared - self.deps.top_namespaces() - LEAN_CORE_ROOTS)

    def _approximate_instance(self, name: str) -> Declaration | None:
        """The unique anonymous instance of that namespace whose guessed name fits.

        Lean names anonymous instances from elaborated types, which text cannot
        always reproduce: accept the candidate whose class is the same, whose
        other heads appear in order in `name`, and whose `Of...` parts include
        those of `name`.
        """
        ns, _, last = name.rpartition(".")
        if not last.startswith("inst"):
            return None
        want_body, want_of = _instance_shape(last)
        found = []
        for decls in self.index.values():
            for d in decls:
                if not (d.generated and d.kind == "instance" and d.namespace == ns):
                    continue
                cand = d.name.rpartition(".")[2]
                if cand.partition("_")[2] != last.partition("_")[2]:
                    continue  # the module suffix must agree
                body, ofs = _instance_shape(cand)
                if (body[:1] == want_body[:1] and _is_subsequence(body, want_body)
                        and _is_subsequence(want_of, ofs)):
                    found.append(d)
        unique = {d.line: d for d in found}
        return found[0] if len(unique) == 1 else None

    def resolve_references(self, decl: Declaration) -> set[str]:
        """Names of project declarations that `decl` mentions (best effort)."""
        return set(self.reference_targets(decl).values())

    def reference_targets(self, decl: Declaration) -> dict[str, str]:
        """The project declaration each of `decl`'s references names, by reference (those
        that name none, or `decl` itself, left out). Found once for each declaration: the
        reader of a LeanArchitect blueprint and the status from Lean both ask."""
        found = self._targets.get(id(decl))
        if found is not None and found[0] is decl:
            return found[1]
        out: dict[str, str] = {}
        scopes = _scopes(decl)
        # the declarations of one namespace under the same `open`s resolve a name alike:
        # each name is resolved once for them all (PrimeNumberTheoremAnd: 110,000
        # references of 9,000 declarations, 38,000 such pairs)
        known = self._resolved.setdefault((tuple(scopes), decl.opens), {})
        for ref in decl.references:
            if ref in known:
                full = known[ref]
            else:
                full = known[ref] = self._resolve_ident(ref, scopes, decl.opens)
            if full is not None and full != decl.name:
                out[ref] = full
        self._targets[id(decl)] = (decl, out)
        return out

    @functools.cached_property
    def _targets(self) -> dict[int, tuple[Declaration, dict[str, str]]]:
        return {}

    @functools.cached_property
    def _resolved(self) -> dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, str | None]]:
        return {}

    def _resolve_ident(self, ident: str, scopes: Sequence[str],
                       opens: Sequence[str]) -> str | None:
        ident = ident.removeprefix("@")
        parts = ident.split(".")
        last_parts = self._last_parts
        for k in range(len(parts), 0, -1):  # `foo.le` may be `foo` + field notation
            if parts[k - 1] not in last_parts:
                continue  # every candidate below ends so: none can be a project name
            head = ".".join(parts[:k])
            for ns in scopes:
                cand = f"{ns}.{head}" if ns else head
                if cand in self.index:
                    return cand
            for o in opens:
                for ns in scopes:
                    cand = f"{ns}.{o}.{head}" if ns else f"{o}.{head}"
                    if cand in self.index:
                        return cand
        return None

    @functools.cached_property
    def _last_parts(self) -> frozenset[str]:
        """The last component of every indexed name: most names a proof mentions are
        Mathlib's, and this rules them out without trying each namespace in turn."""
        return frozenset(name.rpartition(".")[2] for name in self.index)

    @property
    def declarations(self) -> Iterable[Declaration]:
        for f in self.files.values():
            yield from f.declarations


def _scopes(decl: Declaration) -> list[str]:
    """Namespaces searched for a name used in `decl`, innermost first."""
    ns = decl.name.rpartition(".")[0] if decl.name else decl.namespace
    out = []
    parts = ns.split(".") if ns else []
    for k in range(len(parts), -1, -1):
        out.append(".".join(parts[:k]))
    if decl.namespace not in out:
        out.insert(0, decl.namespace)
    return out


def build_index(files: Iterable[LeanFile], project_root: str = "",
                new_instance_names: bool = True) -> dict[str, list[Declaration]]:
    """name -> declarations; anonymous instances get Lean's module suffix."""
    index: dict[str, list[Declaration]] = {}
    files = list(files)
    for f in files:
        for d in f.declarations:
            if d.name:
                index.setdefault(d.name, []).append(d)
    if not new_instance_names:
        return index
    by_module = {f.module: {d.name for d in f.declarations} for f in files}
    renamed: list[tuple[Declaration, str]] = []
    for f in files:
        local = by_module.get(f.module, set())
        for d in f.declarations:
            if d.generated and d.kind == "instance" and d.name_parts:
                suffix = _instance_suffix(d, local, index, project_root)
                if suffix:
                    renamed.append((d, d.name + suffix))
    for d, new in renamed:
        index[d.name] = [x for x in index[d.name] if x is not d]
        if not index[d.name]:
            del index[d.name]
        index.setdefault(new, []).append(replace(d, name=new))
    return index


def _instance_suffix(d: Declaration, local: set[str], index: Mapping[str, object],
                     project_root: str) -> str:
    """Lean's rule: no suffix if a constant of this module is mentioned, the project's
    root if one of the project is, else the whole module."""
    cands = [p for p in d.name_parts]
    scopes = _scopes(d)
    resolved = []
    for c in cands:
        for ns in scopes:
            full = f"{ns}.{c}" if ns else c
            if full in index:
                resolved.append(full)
                break
    if any(r in local for r in resolved):
        return ""
    if resolved:
        return module_suffix(project_root or d.module.split(".", 1)[0])
    return module_suffix(d.module)


# --- loading (I/O) ----------------------------------------------------------------


def read_lake_config(root: Path) -> LakeConfig:
    """Parse `lakefile.toml` or `lakefile.lean` (the TOML one wins, as in Lake).

    One that cannot be read is an error at its line 1, and no library is known."""
    for name in ("lakefile.toml", "lakefile.lean"):
        path = root / name
        if not path.is_file():
            continue
        text, problems = read_source(path, name)
        if text is None:
            return LakeConfig(file=name, diagnostics=problems)
        cfg = lake_config(text, None) if name == "lakefile.toml" else lake_config(None, text)
        cfg.diagnostics[:0] = problems
        return cfg
    return lake_config(None, None)


def lake_config(toml_text: str | None, lean_text: str | None) -> LakeConfig:
    """The configuration from the lakefiles' texts (None: no such file). Pure.

    Without a lakefile `file` is None (`assemble_project` says what that means)."""
    if toml_text is not None:
        return parse_lakefile_toml(toml_text, "lakefile.toml")
    if lean_text is not None:
        return parse_lakefile_lean(lean_text, "lakefile.lean")
    return LakeConfig()


#: the `file` of the library made of `blueprint.toml`'s `[lean] roots`
CONFIG_FILE = "blueprint.toml"


def project_libs(cfg: LakeConfig, roots: Sequence[str] | None = None,
                 root_lines: Sequence[int] = ()) -> list[LeanLib]:
    """The libraries a build compiles; `roots` (from `blueprint.toml`, each written at the line
    of `root_lines` beside it) override the lakefile."""
    if roots:
        lines = list(root_lines) or [1]
        return [LeanLib(CONFIG_FILE, roots=list(roots), file=CONFIG_FILE, line=lines[0],
                        glob_lines={Glob(r): n for r, n in zip(roots, lines, strict=False)})]
    return cfg.built_libs()


def source_dirs(cfg: LakeConfig, libs: Sequence[LeanLib],
                lean_dirs: Sequence[str] | None = None) -> list[str]:
    """Folders searched for `.lean` files ("" is the project root)."""
    dirs = list(lean_dirs) if lean_dirs else sorted(
        {lib.src_dir or cfg.src_dir for lib in libs} | {cfg.src_dir}
    )
    return dirs or [""]


def select_lean_files(paths: Iterable[str], src_dirs: Sequence[str] = ("",)) -> list[str]:
    """The paths `find_lean_files` would find, picked from a list of every file's path."""
    out: set[str] = set()
    for src in dict.fromkeys(src_dirs):
        prefix = src.strip("/") + "/" if src.strip("/") else ""
        for path in paths:
            if not path.endswith(".lean") or not path.startswith(prefix):
                continue
            folders = path[len(prefix):].split("/")[:-1]
            if any(f in SKIP_DIRS or f.startswith(".") for f in folders):
                continue
            if "/" not in path and path.startswith("lakefile"):
                continue
            out.add(path)
    return sorted(out)


def module_paths(rels: Iterable[str], cfg: LakeConfig,
                 libs: Sequence[LeanLib]) -> list[tuple[str, str]]:
    """(path, module) of each source file, the module relative to its library's folder."""
    src_of = list({lib.name: lib.src_dir or cfg.src_dir for lib in libs}.values())
    default_src = cfg.src_dir
    out = []
    for rel in rels:
        src = next((s for s in src_of if s and rel.startswith(s.rstrip("/") + "/")),
                   default_src if default_src and rel.startswith(default_src + "/") else "")
        out.append((rel, module_of_path(rel, src)))
    return out


def find_lean_files(root: Path, src_dirs: Sequence[str] = ("",)) -> list[str]:
    """Relative POSIX paths of `.lean` files, skipping build and dependency folders."""
    out: list[str] = []
    for src in dict.fromkeys(src_dirs):
        base = root / src if src else root
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS
                                 and not d.startswith("."))
            rel_dir = os.path.relpath(dirpath, root)
            for fn in sorted(filenames):
                if fn.endswith(".lean") and not (rel_dir == "." and fn.startswith("lakefile")):
                    rel = fn if rel_dir == "." else f"{rel_dir}/{fn}"
                    out.append(rel.replace(os.sep, "/"))
    return sorted(set(out))


def text_names(rels: Sequence[str]) -> tuple[list[str], list[Diagnostic]]:
    """The paths that are text, and a diagnostic for each one that is not: a name whose bytes
    are not UTF-8 (Lean cannot import it, and it could not be written in a page)."""
    kept: list[str] = []
    skipped: list[Diagnostic] = []
    for rel in rels:
        if is_text_name(rel):
            kept.append(rel)
            continue
        shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        skipped.append(Diagnostic(shown, 1, Severity.WARNING,
                                  "file name is not UTF-8 (Lean cannot import it): skipped"))
    return kept, skipped


def read_source(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a source file; binary or non-UTF-8 content becomes a diagnostic."""
    try:
        data = read_regular(path, MAX_LEAN_BYTES)  # a FIFO named .lean must not hang the build
    except OSError as exc:
        return None, [Diagnostic(rel, 1, Severity.ERROR, f"cannot read: {exc.strerror}")]
    return decode_source(data, rel)


def decode_source(data: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """A source file's text; binary or non-UTF-8 content becomes a diagnostic. Pure."""
    if b"\x00" in data:
        return None, [Diagnostic(rel, 1, Severity.ERROR, "binary file (NUL bytes): skipped")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diag = Diagnostic(rel, line, Severity.ERROR, "not valid UTF-8 (Lean would reject "
                          "this file); read with replacement characters")
        return data.decode("utf-8", errors="replace"), [diag]


class ScanCache:
    """Scanned files kept between builds (watch mode), in memory: a file is read again only
    when it changed (`files`), scanned again only when its text changed. The same questions
    as `DiskScanCache` answers."""

    def __init__(self, files: KnownFiles | None = None) -> None:
        self.files = files if files is not None else KnownFiles()
        #: rel -> (the bytes last read, their text and diagnostics): bytes that `files`
        #: hands back unchanged are not decoded again
        self._sources: dict[str, tuple[bytes, str | None, list[Diagnostic]]] = {}
        # rel -> (what was scanned: module, keywords, text; its scan). The text itself, not
        # a hash of it: a rebuild compares every file's text, and comparing is faster
        self._entries: dict[str, tuple[object, LeanFile]] = {}
        #: rel -> the blanked text of its entry (`_blanked`), once worked out
        self._blanks: dict[str, tuple[str, frozenset[int], tuple[tuple[int, str], ...]]] = {}
        #: the scans of the last build and the project made of them: the same project is
        #: handed back while every scan is the same (an edit of a comment, say)
        self.last: tuple[object, LeanProject] | None = None

    def source(self, path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
        """`read_source` of a file, read through `files`."""
        try:
            data = self.files.read(path, MAX_LEAN_BYTES)
        except OSError:
            self._sources.pop(rel, None)
            return read_source(path, rel)  # says why, as a build does
        known = self._sources.get(rel)
        if known is not None and known[0] is data:
            return known[1], list(known[2])
        text, problems = decode_source(data, rel)
        self._sources[rel] = (data, text, problems)
        return text, list(problems)

    @staticmethod
    def key(text: str, module: str, keywords: tuple[str, ...]) -> object:
        return (module, keywords, text)

    def get(self, rel: str, key: object) -> LeanFile | None:
        found = self._entries.get(rel)
        if found is None:
            return None
        if found[0] == key:
            return found[1]
        # A scan reads the text with its comments and strings blanked out (`clean_source`),
        # so an edit inside them, a doc comment's, leaves it as it was: known so for 7 ms
        # of a 200 KB file a text, where its scan takes 45 (a LeanArchitect statement saved)
        module, keywords, text = cast(tuple[str, tuple[str, ...], str], key)
        was_module, was_keywords, was_text = cast(tuple[str, tuple[str, ...], str], found[0])
        if (module, keywords) != (was_module, was_keywords) or "\r" in text or "\r" in was_text:
            return None
        was = self._blanks.get(rel) or _blanked(was_text)
        now = _blanked(text)
        if now != was:
            return None
        self._entries[rel] = (key, found[1])
        self._blanks[rel] = now  # the next edit of its comments blanks only the new text
        return found[1]

    def put(self, rel: str, key: object, scanned: LeanFile) -> None:
        self._entries[rel] = (key, scanned)
        self._blanks.pop(rel, None)

    def save(self) -> None:
        """Nothing to write: the session keeps it."""


#: a reading of a Lean file's text made while the project is scanned: (text, module, path)
#: -> what the reader makes of it (`load_lean_project`'s `alongside`)
Alongside = Callable[[str, str, str], object]


def _scan_changed(
    tasks: Sequence[tuple[str, str, str, tuple[str, ...]]],
    workers: int,
    store: ScanCache | DiskScanCache,
    alongside: Alongside | None = None,
    read_alongside: dict[str, tuple[str, object]] | None = None,
) -> list[tuple[LeanFile, list[Diagnostic]]]:
    """Every file read; scanned only when `store` has no scan of its text. `alongside` is
    run on the text of each file scanned, into `read_alongside` (path -> text, result):
    while the workers scan, when there are workers (the build waits for them anyway)."""
    results: list[tuple[LeanFile, list[Diagnostic]]] = []
    todo: list[tuple[int, object, tuple[str, str, str, tuple[str, ...]]]] = []  # index, key, args
    source = store.source if isinstance(store, ScanCache) else read_source
    for root, rel, module, extra in tasks:
        text, diags = source(Path(root) / rel, rel)
        if text is None:
            results.append((LeanFile(module, rel), diags))
            continue
        key = store.key(text, module, extra)
        cached = store.get(rel, key)
        if cached is None:
            todo.append((len(results), key, (text, module, rel, extra)))
            cached = LeanFile(module, rel)  # replaced by its scan below
        results.append((cached, diags))
    if workers > 1 and len(todo) >= POOL_THRESHOLD:
        scans = _scan_in_pool([args for _, _, args in todo], workers,
                              lambda: _read_alongside(todo, alongside, read_alongside))
    else:
        scans = [_scan_text(args) for _, _, args in todo]
        _read_alongside(todo, alongside, read_alongside)
    for (index, key, (_, _, rel, _)), scanned in zip(todo, scans, strict=True):
        results[index] = (scanned, results[index][1])
        store.put(rel, key, scanned)
    store.save()
    return results


def _scan_in_pool(
    todo: Sequence[tuple[str, str, str, tuple[str, ...]]],
    workers: int,
    meanwhile: Callable[[], None],
) -> list[LeanFile]:
    """The scan of each of `todo`, by `workers` processes: this one and `workers - 1` in a
    pool. This one runs `meanwhile` first, then scans the files no worker has taken yet,
    the smallest first: its scans need no pickling (a scan of PrimeNumberTheoremAnd's 9,000
    declarations takes 0.1 s to pickle and 0.15 s to unpickle)."""
    from concurrent.futures import ProcessPoolExecutor

    # the largest files first, in chunks of about as much text, so that the workers
    # finish together: a worker has the chunk it scans and the next one when this process
    # stops taking them (PrimeNumberTheoremAnd's 14 largest files, a 16th of them, were
    # a third of its text, and this process waited 0.3 s for the last two such chunks)
    order = sorted(range(len(todo)), key=lambda i: -len(todo[i][0]))
    share = sum(len(args[0]) for args in todo) / (workers * 16)
    chunks: list[list[int]] = [[]]
    filled = 0
    for i in order:
        if chunks[-1] and filled + len(todo[i][0]) > share:
            chunks.append([])
            filled = 0
        chunks[-1].append(i)
        filled += len(todo[i][0])
    scans: list[LeanFile | None] = [None] * len(todo)
    with ProcessPoolExecutor(workers - 1) as pool:
        futures = [pool.submit(_scan_texts, [todo[i] for i in chunk]) for chunk in chunks]
        meanwhile()
        for chunk, future in zip(reversed(chunks), reversed(futures), strict=True):
            if not future.cancel():
                break  # a worker has it, and every larger one
            for i in chunk:
                scans[i] = _scan_text(todo[i])
        for chunk, future in zip(chunks, futures, strict=True):
            if not future.cancelled():
                for i, scanned in zip(chunk, future.result(), strict=True):
                    scans[i] = scanned
    return cast(list[LeanFile], scans)


def _scan_texts(todo: list[tuple[str, str, str, tuple[str, ...]]]) -> list[LeanFile]:
    return [_scan_text(args) for args in todo]


def _read_alongside(
    todo: Sequence[tuple[int, object, tuple[str, str, str, tuple[str, ...]]]],
    alongside: Alongside | None,
    into: dict[str, tuple[str, object]] | None,
) -> None:
    if alongside is None or into is None:
        return
    for _, _, (text, module, rel, _) in todo:
        into[rel] = (text, alongside(text, module, rel))


def _blanked(text: str) -> tuple[str, frozenset[int], tuple[tuple[int, str], ...]]:
    """All that a scan of `text` reads of it (see `scanner._scan`)."""
    cleaned = clean_source(text)
    return cleaned.text, frozenset(cleaned.doc_marks), tuple(cleaned.problems)


def _scan_text(args: tuple[str, str, str, tuple[str, ...]]) -> LeanFile:
    text, module, rel, extra = args
    return scan_lean(text, module, rel, extra_keywords=extra)


#: below this many files a process pool costs more than it saves. Measured on 1,300
#: files: 0.70 s with 2 workers against 1.08 s in one process on an idle 2-core
#: machine, but 1.3 s against 1.0-1.2 s when another process keeps a core busy.
POOL_THRESHOLD = 200


def load_lean_project(
    root: Path,
    *,
    lean_dirs: Sequence[str] | None = None,
    roots: Sequence[str] | None = None,
    root_lines: Sequence[int] = (),
    with_deps: bool = True,
    cache_dir: Path | None = None,
    extra_names: Sequence[str] = (),
    extra_keywords: Sequence[str] = (),
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
    scan_cache: ScanCache | None = None,
    package: str = "",
    skip: Collection[str] = (),
    alongside: Alongside | None = None,
) -> LeanProject:
    """Read, scan and index a Lean project (the I/O edge of this package).

    `alongside(text, module, path)` is run on each file a one-shot load (no `scan_cache`)
    scans, while its workers scan: the project's `read_alongside` holds its results (a
    LeanArchitect blueprint's attributes are read so, not after the scan).

    `package` is the folder of the Lake package whose lakefile is read, when it is not the
    project itself (a Verso Blueprint's `require Noperthedron from "./Noperthedron"`): paths
    stay relative to `root`. The files of `skip` are not read (a Verso Blueprint's
    documents: text, not Lean code).

    ``lean_dirs``/``roots`` override what the lakefile says (from
    `blueprint.toml`, where ``root_lines`` says each root is written); ``extra_names`` are
    glob patterns of names declared by project macros; ``with_deps`` indexes
    `.lake/packages/*` when present.
    """
    root = Path(root)
    cfg = read_lake_config(root / package if package else root)
    if package:
        cfg = in_folder(cfg, package)
    libs = project_libs(cfg, roots, root_lines)
    rels, misnamed = text_names(find_lean_files(root, source_dirs(cfg, libs, lean_dirs)))
    if skip:
        rels = [rel for rel in rels if rel not in skip]
    tasks = [(str(root), rel, module, tuple(extra_keywords))
             for rel, module in module_paths(rels, cfg, libs)]
    if progress:
        progress(f"scanning {len(tasks)} Lean files")
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    store = scan_cache if scan_cache is not None else DiskScanCache.load(cache_dir)
    read_alongside: dict[str, tuple[str, object]] = {}
    results = _scan_changed(tasks, workers, store, alongside if scan_cache is None else None,
                            read_alongside)
    made_of = (package, cfg, libs, misnamed, results, tuple(extra_names), with_deps)
    if scan_cache is not None and scan_cache.last is not None and scan_cache.last[0] == made_of:
        return scan_cache.last[1]
    project = assemble_project(root, cfg, libs, results, extra_names=extra_names,
                               new_instance_names=_lean_at_least(root / package, (4, 8)))
    project.diagnostics += misnamed
    project.read_alongside = read_alongside
    if with_deps:
        if progress:
            progress("indexing dependency names")
        project.deps = index_dependencies(root / package if package else root,
                                          cache_dir=cache_dir)
    if scan_cache is not None:
        scan_cache.last = (made_of, project)
    return project


def in_folder(cfg: LakeConfig, folder: str) -> LakeConfig:
    """The configuration of the package in `folder` with its paths relative to the project:
    its lakefile's, its libraries' source folders."""
    def moved(path: str) -> str:
        return posixpath.normpath(posixpath.join(folder, path)) if path else folder

    libs = [replace(lib, src_dir=moved(lib.src_dir or cfg.src_dir),
                    file=moved(lib.file) if lib.file else lib.file) for lib in cfg.libs]
    diagnostics = [replace(d, file=moved(d.file)) for d in cfg.diagnostics]
    return replace(cfg, libs=libs, src_dir=moved(cfg.src_dir), diagnostics=diagnostics,
                   file=moved(cfg.file) if cfg.file else None)


def assemble_project(
    root: Path,
    cfg: LakeConfig,
    libs: Sequence[LeanLib],
    scanned: Iterable[tuple[LeanFile, list[Diagnostic]]],
    *,
    extra_names: Sequence[str] = (),
    new_instance_names: bool = True,
) -> LeanProject:
    """A project from its scanned files: which modules are compiled, and the name index.

    Pure: the disk loader and the git history (files read from a commit) share it."""
    libs = list(libs)
    diags = list(cfg.diagnostics)
    if cfg.file is None:
        diags.append(_no_lakefile(libs))
    files: dict[str, LeanFile] = {}
    for lf, d in scanned:
        diags.extend(d)
        diags.extend(lf.diagnostics)
        if lf.module in files:
            diags.append(Diagnostic(lf.file, 1, Severity.WARNING,
                                    f"module {lf.module} also in {files[lf.module].file}"))
            continue
        files[lf.module] = lf
    imports = {m: f.imports for m, f in files.items()}
    if libs:
        compiled = reachable(library_roots(libs, files), imports)
        for lib in libs:
            for g in lib.all_globs():
                if not any(g.matches(m) for m in files):
                    diags.append(_unmatched(lib, g, cfg))
    else:
        compiled = set(files)
    for m, f in files.items():
        if m not in compiled:
            why = ("no library root imports it" if in_library_folder(m, libs)
                   else "its folder is outside every Lean library")
            diags.append(Diagnostic(f.file, 1, Severity.INFO, f"not compiled: {why}"))
    project_root = (libs[0].all_globs()[0].module.split(".", 1)[0] if libs else "")
    return LeanProject(root, cfg, files, compiled, libs,
                       build_index(files.values(), project_root, new_instance_names),
                       extra_names=tuple(extra_names), diagnostics=diags)


def _no_lakefile(libs: Sequence[LeanLib]) -> Diagnostic:
    """Where and what to say of a project without a lakefile: at `[lean] roots` when
    `blueprint.toml` names the libraries, else about the project folder."""
    named = next((lib for lib in libs if lib.file), None)
    if named is not None:
        return Diagnostic(named.file, named.line, Severity.WARNING, "no lakefile.toml or "
                          "lakefile.lean: the modules these roots import count as compiled")
    return Diagnostic(PROJECT_FOLDER, 0, Severity.WARNING, "no lakefile.toml or "
                      "lakefile.lean: every .lean file counts as compiled")


def _unmatched(lib: LeanLib, glob: Glob, cfg: LakeConfig) -> Diagnostic:
    """A root or glob that no source file matches, at the line where it is written."""
    what = "[lean] roots" if lib.file == CONFIG_FILE else f"library {lib.name}"
    message = f"{what}: no module matches {glob.module}"
    if lib.file:
        return Diagnostic(lib.file, lib.line_of(glob), Severity.WARNING, message)
    if cfg.file:
        return Diagnostic(cfg.file, 1, Severity.WARNING, message)
    return Diagnostic(PROJECT_FOLDER, 0, Severity.WARNING, message)


def _lean_at_least(root: Path, version: tuple[int, int]) -> bool:
    try:
        text = (root / "lean-toolchain").read_text(encoding="utf-8")
    except OSError:
        return True
    return lean_at_least(text, version)


def lean_at_least(toolchain: str | None, version: tuple[int, int]) -> bool:
    """From the text of `lean-toolchain`; unknown or nightly counts as new."""
    m = re.search(r"v(\d+)\.(\d+)", toolchain or "")
    return m is None or (int(m.group(1)), int(m.group(2))) >= version
