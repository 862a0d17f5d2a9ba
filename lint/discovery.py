"""Which files a run checks: files named on the command line, and `*.md` under folders named."""

from __future__ import annotations

import os
from operator import attrgetter

from . import config as config_module
from .config import DEFAULT_EXCLUDE
from .files import absolute

_name = attrgetter("name")


class UsageError(Exception):
    """A command-line mistake: reported on standard error, exit status 2."""


def collect(paths: list[str], config=None, skipped: list[tuple[str, str]] | None = None,
            force_exclude: bool = False, symlinks: set[str] | None = None, folders: list | None = None) -> list[str]:
    """Files to check, in a stable order, each once.

    Files named explicitly are checked whatever their extension; folders are walked for
    `*.md` (or the configuration's `include`), skipping hidden folders and not following
    symlinked folders. The configuration's `exclude` (gitignore-style) applies to walks, and
    with `force_exclude` to files named explicitly too (the pre-commit hooks pass it, so
    staged files under an excluded folder are left alone). A symlinked
    file found while walking is checked only if it resolves inside the folder being walked,
    so that a link planted in a pull request cannot make the linter quote a file from
    outside (for example a secret) into public CI logs. `skipped` collects what was left out;
    `symlinks`, the files found while walking that are symlinks; `folders`, each folder walked
    with its (mtime_ns, inode, device) taken before it was read (None when a path given was not
    a folder of its own: a file, or a symlink to a folder), so that the listing can be reused
    while none of them changed (cache.Cache.listing).
    """
    found: list[str] = []
    seen: set[str] = set()
    skipped = skipped if skipped is not None else []

    def add(path: str, resolve: bool) -> None:
        key = os.path.realpath(path) if resolve else absolute(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    # Walked files are keyed by their absolute path (symlinked ones by their target, see _walk);
    # realpath, a few system calls per file, is kept for what may be a link.
    for given in paths:
        if os.path.isdir(given):
            resolve = os.path.realpath(given) != os.path.abspath(given)
            if resolve and folders is not None:
                folders.append(None)
            walked, links = _walk(given, config, skipped, folders)
            if len(paths) == 1 and not resolve and not links:
                return walked  # one folder, no links: no file can come twice
            for path in walked:
                is_link = path in links
                add(path, resolve or is_link)
                if is_link and symlinks is not None:
                    symlinks.add(path)
        elif os.path.lexists(given):
            if folders is not None:
                folders.append(None)
            if force_exclude and config is not None and config.excluded(given):
                skipped.append((os.path.normpath(given), "excluded by the configuration"))
                continue
            add(os.path.normpath(given), True)
        else:
            raise UsageError(f"{given}: no such file or folder")
    return found


def _walk(root: str, config=None, skipped: list | None = None, folders: list | None = None
          ) -> tuple[list[str], set[str]]:
    """The `*.md` (or included) files under `root`, in os.walk's top-down order with names sorted,
    and those of them that are symlinks. os.scandir tells symlinks and folders from the directory
    entries themselves, so a file costs no system call of its own (a 100,000-file library is listed
    on every run, also for a one-file pre-commit check)."""
    root = os.path.normpath(root)
    real_root = os.path.realpath(root)
    out: list[str] = []
    links: set[str] = set()
    skipped = skipped if skipped is not None else []
    # The default include and exclude need only the entry's name (no path arithmetic per file)
    plain_include = config is None or config.include == ["*.md"]
    plain_exclude = config is None or config.exclude == DEFAULT_EXCLUDE
    stack = [root]
    while stack:
        folder = stack.pop()
        if folders is not None:
            try:
                info = os.stat(folder)
                folders.append((folder, info.st_mtime_ns, info.st_ino, info.st_dev, info.st_ctime_ns))
            except OSError:
                folders.append(None)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError:
            continue  # unreadable or gone: as os.walk, say nothing
        dirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if entry.name.startswith("."):
                    continue
                if config is not None and config.excluded(entry.path, is_dir=True):
                    skipped.append((entry.path, "excluded by the configuration"))
                    continue
                dirs.append(entry.path)
                continue
            name = entry.name
            if not (name.endswith(".md") if plain_include else config.included(entry.path)):
                continue
            path = entry.path  # os.path.join(folder, entry.name), made in C
            if config is not None and (name in DEFAULT_EXCLUDE if plain_exclude else config.excluded(path)):
                skipped.append((path, "excluded by the configuration"))
                continue
            if entry.is_symlink():
                if not inside(os.path.realpath(path), real_root):
                    skipped.append((path, "a symlink to a file outside the folder"))
                    continue
                links.add(path)
            out.append(path)
        stack.extend(reversed(dirs))  # depth first, in name order, as os.walk goes
    return out, links


def inside(path: str, root: str) -> bool:
    """Whether `path` is `root` or under it (both written the same way: absolute, or both real)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def library_roots(paths: list[str], config=None) -> list[str]:
    """The folders that make up the library: the configuration's folder when there is one;
    otherwise the folders given, and the folder of each file given (nested ones left out)."""
    roots: list[str] = []
    if config is not None and config.root:
        root = os.path.realpath(config.root)
        paths = [p for p in paths if not inside(os.path.realpath(p), root)]  # the rest: the default below
        roots.append(shown(config.root))
    for given in paths:
        folder = given if os.path.isdir(given) else (os.path.dirname(given) or ".")
        roots.append(os.path.normpath(folder))
    real = {root: os.path.realpath(root) for root in roots}
    unique = list(dict.fromkeys(roots))
    return [r for r in unique if not any(o != r and inside(real[r], real[o]) for o in unique)]


def shown(folder: str) -> str:
    """`folder` as a path from the current folder when it holds it or is inside it (`.`, `../..`,
    `lib`), else absolute: the library's files are listed from their root, and a maintainer jumps to
    `../../patterns/a.md` more easily than to a long absolute path."""
    folder = os.path.abspath(folder)
    here = os.getcwd()
    if inside(here, folder) or inside(folder, here):
        return os.path.relpath(folder, here)
    return folder


def work_tree(path: str) -> str | None:
    """The git work tree that holds `path`: the nearest folder at or above it (its folder, for a
    file) with a `.git` entry (a folder, or a file as in a linked work tree or submodule), as an
    absolute path; None outside any. Read from the file system alone: git need not be installed."""
    folder = os.path.abspath(path)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


CONFIG_ENV = "PATTERN_LINT_CONFIG"


def configurations(paths: list[str], explicit: str | None = None, isolated: bool = False
                   ) -> list[tuple[config_module.Config, list[str]]]:
    """The configuration each path is checked with, as (configuration, its paths) in the order the
    paths were given. Raises config.ConfigError.

    As ruff does: `explicit` (`--config`, else $PATTERN_LINT_CONFIG) holds for every path; otherwise
    each path finds its own, walking up from it (from a file's folder) to the nearest
    `.pattern-lint.toml` or `pyproject.toml` with `[tool.pattern-lint]`, whose folder is the library
    root. With none (or `isolated`: no configuration file is read), the library root is the git
    work tree that holds the path, so a pre-commit run on one staged file resolves its links
    against the same library as a run over the whole repository; outside any work tree it is the
    folders given (library_roots)."""
    explicit = explicit or (None if isolated else os.environ.get(CONFIG_ENV) or None)
    if explicit:
        if not os.path.isfile(explicit):
            raise config_module.ConfigError(f"{explicit}: no such configuration file")
        return [(config_module.load(explicit), list(paths))]
    groups: dict[tuple, list[str]] = {}
    by_folder: dict[str, tuple] = {}  # pre-commit names many files of few folders
    for given in paths:
        folder = given if os.path.isdir(given) else (os.path.dirname(given) or ".")
        if folder not in by_folder:
            found = None if isolated else config_module.find(folder)
            by_folder[folder] = ("file", os.path.abspath(found)) if found else ("tree", work_tree(folder))
        groups.setdefault(by_folder[folder], []).append(given)
    return [(config_module.load(where) if kind == "file" else config_module.Config(root=where), grouped)
            for (kind, where), grouped in groups.items()]
