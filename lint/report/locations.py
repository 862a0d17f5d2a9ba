"""Where a finding is, and which finding it is, as the tools that keep reports between runs want it.

Code scanning (SARIF), GitLab Code Quality and GitLab's test reports match a file by its path
relative to the repository: `repository_root` is the folder those paths start from, and
`repository_path` a finding's path from there, however the paths were named on the command line
(`patterns`, `./patterns`, an absolute path) and from whichever folder the linter ran.

`fingerprints` gives each finding an identity that survives the next run: a hash of the rule,
the repository-relative path and the message with every path in it made repository-relative and
its numbers taken out (line numbers, counts), plus an occurrence counter for findings that are
still alike. Lines added or removed elsewhere in the file, or the same library named another way,
do not change it, so an alert is not closed and opened again.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..discovery import inside, work_tree

if TYPE_CHECKING:
    from ..runner import Result

_DIGITS = re.compile(r"[0-9]+")


def repository_root(result: Result) -> str:
    """The folder report paths are relative to, as an absolute path: the git work tree of the current
    folder when it holds the library (a CI checkout, run from its root or from a subfolder), else the
    git work tree holding the library, else the current folder."""
    cwd = os.path.abspath(os.getcwd())
    if result.root:
        anchor = result.root
    elif result.paths:
        anchor = result.paths[0]
    elif result.findings:
        anchor = result.findings[0].path
    else:
        anchor = cwd
    anchor = os.path.abspath(anchor)
    tree = work_tree(cwd)
    if tree is not None and inside(anchor, tree):
        return tree
    return work_tree(anchor) or cwd


def repository_path(path: str, root: str, real_root: str | None = None) -> str | None:
    """`path` relative to `root` with forward slashes; None when it lies outside `root`. Lone
    surrogates (a file name that is not UTF-8) are kept: see `text` and `uri`. (`real_root`:
    `os.path.realpath(root)`, when the caller has it.)"""
    try:
        relative = os.path.relpath(os.path.abspath(path), root)
        if _outside(relative):  # named through a symlink, say: compare the real locations
            relative = os.path.relpath(os.path.realpath(path), real_root or os.path.realpath(root))
    except ValueError:  # another drive (Windows)
        return None
    if _outside(relative):
        return None
    return relative.replace(os.sep, "/")


def shown_path(path: str, root: str) -> str:
    """The repository-relative path, or the absolute one for a file outside the repository, as text."""
    return _shown(path, repository_path(path, root))


def _shown(path: str, relative: str | None) -> str:
    return text(relative if relative is not None else os.path.abspath(path).replace(os.sep, "/"))


def uri(path: str, root: str) -> tuple[str, bool]:
    """(URI reference, relative?) for SARIF: the repository-relative path percent-encoded (RFC 3986:
    spaces, `#`, `%`, `:` and non-ASCII are escaped; a file name's raw bytes when it is not UTF-8),
    or a `file:` URI for a file outside the repository."""
    return _uri(path, repository_path(path, root))


def _uri(path: str, relative: str | None) -> tuple[str, bool]:
    if relative is not None:
        return quote(relative.encode("utf-8", "surrogateescape"), safe="/"), True
    absolute = os.path.abspath(path).replace(os.sep, "/")
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # C:/x -> /C:/x
    return "file://" + quote(absolute.encode("utf-8", "surrogateescape"), safe="/:"), False


def text(value: str) -> str:
    """`value` as valid Unicode: a lone surrogate (from a file name that is not UTF-8) becomes U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class Paths:
    """The run's paths as seen from `root`, each worked out once: a report names a file once per
    finding, and each look-up costs system calls (`relpath`, `realpath`), so a report of 10,000
    findings would otherwise spend a second on them. Made for one report, as files can move between runs."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        # the prefixes stable_message takes out of messages (not the file system's root, whose prefix is `/` alone)
        self.prefixes = [prefix.rstrip(os.sep) + os.sep for prefix in {root, self.real_root}
                         if os.path.dirname(prefix) != prefix]
        self._relative: dict[str, str | None] = {}
        self._shown: dict[str, str] = {}
        self._uri: dict[str, tuple[str, bool]] = {}
        self.listed: dict[str, str] = {}  # _paths_in's answers

    def relative(self, path: str) -> str | None:
        """repository_path(path, root)."""
        try:
            return self._relative[path]
        except KeyError:
            found = self._relative[path] = repository_path(path, self.root, self.real_root)
            return found

    def shown(self, path: str) -> str:
        """shown_path(path, root)."""
        try:
            return self._shown[path]
        except KeyError:
            found = self._shown[path] = _shown(path, self.relative(path))
            return found

    def uri(self, path: str) -> tuple[str, bool]:
        """uri(path, root)."""
        try:
            return self._uri[path]
        except KeyError:
            found = self._uri[path] = _uri(path, self.relative(path))
            return found


def fingerprints(result: Result, root: str, paths: Paths | None = None) -> list[str]:
    """One fingerprint (32 hex digits) per finding of `result.findings`, in that order; distinct within
    a run, and the same in the next run for the same problem (see the module's docstring)."""
    paths = paths if paths is not None else Paths(root)
    keys = []
    named: dict[str, str] = {}  # a finding's path -> as the fingerprint names it
    for finding in result.findings:
        path = named.get(finding.path)
        if path is None:
            path = paths.relative(finding.path)
            path = named[finding.path] = path if path is not None else os.path.abspath(finding.path).replace(os.sep, "/")
        keys.append((path, finding.code, stable_message(finding, paths)))
    order = sorted(range(len(keys)), key=lambda i: (keys[i][0], result.findings[i].line, result.findings[i].column,
                                                    keys[i][1], keys[i][2]))
    seen: dict[tuple, int] = {}
    out = [""] * len(keys)
    for i in order:
        seen[keys[i]] = seen.get(keys[i], 0) + 1
        path, code, message = keys[i]
        material = "\0".join((code, path, message, str(seen[keys[i]])))
        out[i] = hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return out


def stable_message(finding, root: str | Paths, numbers: bool = False) -> str:
    """The message as a fingerprint reads it: every path it names made relative to `root` (the
    rules that name other files: duplicate-id, duplicate-slug, missing-reciprocal-link, and the
    library's folders in the dangling-link rules, whose did-you-mean and pattern count depend on the
    rest of the library and are left out), absolute paths under `root` shortened the same way (an
    exception's text in internal-error, an OS error in fix-not-applied), then numbers replaced by `#`
    (kept with `numbers`: the baseline records the message for a reader and compares it without them)."""
    paths = root if isinstance(root, Paths) else Paths(root)
    message = finding.message
    rewrite = _REWRITES.get(finding.name)
    if rewrite is not None:
        message = rewrite(message, paths)
    for prefix in paths.prefixes:
        message = message.replace(prefix, "")
    return " ".join((message if numbers else _DIGITS.sub("#", message)).split())


def _paths_in(listed: str, where: Paths) -> str:
    """A comma-separated list of paths as a rule wrote them (relative to the folder it ran in, or
    absolute), repository-relative and sorted. A path with `, ` in its name is joined up again while
    its pieces name no file."""
    known = where.listed.get(listed)
    if known is None:
        known = where.listed[listed] = _sorted_paths(listed, where)
    return known


def _sorted_paths(listed: str, where: Paths) -> str:
    paths, current = [], None
    for piece in listed.split(", "):
        current = piece if current is None else f"{current}, {piece}"
        if os.path.lexists(current):
            paths.append(current)
            current = None
    if current is not None:
        paths.extend(current.split(", "))
    return ", ".join(sorted((where.relative(p) or os.path.abspath(p)) for p in paths))


def _others(marker: str, ending: str):
    """duplicate-id, duplicate-slug: `... is also the id of PATH, PATH; give each ...`."""

    def rewrite(message: str, root: Paths) -> str:
        start = message.rfind(marker)
        if start < 0 or not message.endswith(ending):
            return message
        start += len(marker)
        return message[:start] + _paths_in(message[start:len(message) - len(ending)], root) + ending

    return rewrite


def _reciprocal(message: str, root: Paths) -> str:
    """missing-reciprocal-link: `` `name` (PATH) lists this pattern under `type`, but ... ``."""
    start, end = message.find("` ("), message.find(") lists this pattern under `")
    if start < 0 or end < start:
        return message
    return message[:start + 3] + _paths_in(message[start + 3:end], root) + message[end:]


def _dangling(message: str, root: Paths) -> str:
    """dangling-link and co.: `` `type` entry `x` names no pattern in the library (N patterns under
    ROOTS); did you mean `y`? `` -> the entry and the library's folders only."""
    marker = " names no pattern in the library ("
    start = message.find(marker)
    if start < 0:
        return message
    start += len(marker)
    # the folders end at "); " (the hint follows) or at ") (" (the other lines naming the target follow)
    end = min((i for i in (message.find("); ", start), message.find(") (", start)) if i >= 0), default=-1)
    if end < 0:
        return message
    within = message[start:end]
    under = within.find(" under ")
    roots = _paths_in(within[under + len(" under "):], root) if under >= 0 else ""
    return f"{message[:start]}under {roots})"


_REWRITES = {
    "duplicate-id": _others(" is also the id of ", "; give each pattern its own TypeID"),
    "duplicate-slug": _others(" is also the slug of ", "; give each pattern its own slug"),
    "missing-reciprocal-link": _reciprocal,
    "dangling-link": _dangling,
    "dangling-inferred-link": _dangling,
    "dangling-body-link": _dangling,
}


def _outside(relative: str) -> bool:
    return relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative)
