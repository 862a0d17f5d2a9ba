"""Which files a run checks: files named on the command line, and `*.md` under folders named."""

from __future__ import annotations

import os


class UsageError(Exception):
    """A command-line mistake: reported on standard error, exit status 2."""


def collect(paths: list[str]) -> list[str]:
    """Files to check, in a stable order, each once.

    Files named explicitly are checked whatever their extension; folders are walked for
    `*.md`, skipping hidden folders and not following symlinked folders. A symlinked file
    found while walking is checked only if it resolves inside the folder being walked, so
    that a link planted in a pull request cannot make the linter quote a file from outside
    (for example a secret) into public CI logs.
    """
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str, resolve: bool) -> None:
        key = os.path.realpath(path) if resolve else os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    # Walked files are keyed by their absolute path (symlinked ones by their target, see _walk);
    # realpath, a few system calls per file, is kept for what may be a link.
    for given in paths:
        if os.path.isdir(given):
            resolve = os.path.realpath(given) != os.path.abspath(given)
            for path, is_link in _walk(given):
                add(path, resolve or is_link)
        elif os.path.lexists(given):
            add(os.path.normpath(given), True)
        else:
            raise UsageError(f"{given}: no such file or folder")
    return found


def _walk(root: str) -> list[tuple[str, bool]]:
    """(path, is a symlink) of the `*.md` files under `root`."""
    root = os.path.normpath(root)
    real_root = os.path.realpath(root)
    out: list[tuple[str, bool]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            is_link = os.path.islink(path)
            if is_link and not _inside(os.path.realpath(path), real_root):
                continue
            out.append((path, is_link))
    return out


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def library_roots(paths: list[str]) -> list[str]:
    """The folders that make up the library when no configuration says: the folders given,
    and the folder of each file given. Folders inside another root are left out."""
    roots: list[str] = []
    for given in paths:
        folder = given if os.path.isdir(given) else (os.path.dirname(given) or ".")
        roots.append(os.path.normpath(folder))
    real = {root: os.path.realpath(root) for root in roots}
    unique = list(dict.fromkeys(roots))
    return [r for r in unique if not any(o != r and _inside(real[r], real[o]) for o in unique)]
