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

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for given in paths:
        if os.path.isdir(given):
            for path in _walk(given):
                add(path)
        elif os.path.lexists(given):
            add(os.path.normpath(given))
        else:
            raise UsageError(f"{given}: no such file or folder")
    return found


def _walk(root: str) -> list[str]:
    root = os.path.normpath(root)
    real_root = os.path.realpath(root)
    out: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
                continue
            out.append(path)
    return out


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
