"""Fixes: edits a finding proposes, applied so that no byte the fix did not target changes.

An edit replaces a range given in lines and columns of the document (1-based, end
exclusive) with new text. Ranges are mapped onto the file's own text, so CRLF line ends,
a byte order mark and every byte outside the ranges stay exactly as they were; inserted
line breaks use the file's own line end. Files are written through a temporary file in
the same folder (named after the writing process, so that a later run can remove one a
killed run left) and an atomic replace, with the file's mode, owner, group and extended
attributes, and only when the file on disk is still the one that was read. A file is not touched when it has a `yaml-syntax`
or `duplicate-key` finding, is a symlink, has other hard links, uses bare CR line ends,
or is read-only; nor when re-checking the fixed text finds something new. Fixes that
overlap are applied in rounds, at most `MAX_ROUNDS`.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

MAX_ROUNDS = 5
UNTOUCHABLE = {"yaml-syntax", "duplicate-key", "invalid-encoding", "unclosed-frontmatter", "file-too-large",
               "unreadable-file"}


@dataclass(frozen=True)
class Edit:
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Fix:
    title: str
    safe: bool
    edits: tuple[Edit, ...] = ()
    # For fixes worked out on another file's full text (a library rule's finding may come from
    # a file that was indexed, not read): called with that file's document at fix time.
    make: Callable | None = field(default=None, compare=False)

    def edits_for(self, doc) -> tuple[Edit, ...]:
        return tuple(self.make(doc)) if self.make is not None else self.edits


def summary_of(fix: Fix | None) -> Fix | None:
    """What reports show of a fix (its title, whether it is safe), without what it would edit:
    it can be cached and sent between processes. Only runs with --fix or --diff keep whole fixes."""
    return Fix(fix.title, fix.safe) if fix is not None else None


@dataclass
class FileOutcome:
    path: str
    before: str = ""
    after: str = ""
    fixed: list = field(default_factory=list)  # (rule name, line, title) of the fixes applied
    refused: str | None = None  # why the file was not written
    bom: bool = False
    original: bytes = b""  # the bytes read, to check nothing changed them before writing


def replace_value(doc, path: tuple, text: str) -> Edit | None:
    """An edit replacing the scalar at `path` (on one line) with `text`."""
    located = doc.positions.get(path)
    node = located.node if located else None
    if node is None or node.start_mark.line != node.end_mark.line:
        return None
    line = located.line
    return Edit(line, located.column, line, located.column + (node.end_mark.column - node.start_mark.column), text)


def can_add_to_list(doc, path: tuple) -> bool:
    """Whether `add_to_list` has a place to write (a flow list, or a block list with an entry)."""
    located = doc.positions.get(path)
    if located is None:
        return False
    if located.node is None:  # a document rebuilt from the index cache keeps this answer instead
        return path in doc.cache.get("listable", ())
    from yaml.nodes import SequenceNode

    node = located.node
    return isinstance(node, SequenceNode) and bool(node.flow_style or node.value)


def add_to_list(doc, path: tuple, value: str) -> tuple[Edit, ...]:
    """Edits adding `value` to the list at `path`, in the style the list is written in:
    `[a, b]` gets `, value`; a block list gets a `- value` (or `- slug: value` when its entries
    are mappings named by `slug`, `id` or `target`) line with the same indentation."""
    from yaml.nodes import MappingNode, SequenceNode

    located = doc.positions.get(path)
    node = located.node if located else None
    if not isinstance(node, SequenceNode):
        return ()
    if node.flow_style:
        if node.value:  # right after the last item: also right with `[x, ]` and a `]` on its own line
            last = doc.positions.get(path + (len(node.value) - 1,))
            item = node.value[-1]
            if last is None:
                return ()
            line = last.line + item.end_mark.line - item.start_mark.line
            column = (item.end_mark.column + 1) if item.end_mark.line != item.start_mark.line \
                else last.column + item.end_mark.column - item.start_mark.column
            return (Edit(line, column, line, column, f", {value}"),)
        end_line = located.line + node.end_mark.line - node.start_mark.line
        end_column = node.end_mark.column  # 1-based column of the closing `]` (0-based end just after it)
        return (Edit(end_line, end_column, end_line, end_column, value),)
    if not node.value:
        return ()
    first = doc.positions.get(path + (0,))
    item = node.value[0]
    if isinstance(item, MappingNode):
        keys = [k.value for k, _ in item.value]
        key = next((k for k in ("slug", "id", "target") if k in keys), None)
        if key is None:
            return ()
        entry = f"- {key}: {value}"
    else:
        entry = f"- {value}"
    indent = " " * (first.column - 3) if first else ""  # the item starts after `- `
    lines = doc.text.split("\n")
    end_line = located.line + node.end_mark.line - node.start_mark.line  # where the next token starts
    before_next = node.end_mark.column <= len(lines[end_line - 1]) - len(lines[end_line - 1].lstrip())
    last = end_line - 1 if before_next else end_line
    while last > located.line and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
        last -= 1  # not after the blank lines and banner comments that follow the list
    return (Edit(last, len(lines[last - 1]) + 1, last, len(lines[last - 1]) + 1, f"\n{indent}{entry}"),)


# -- applying edits to text ------------------------------------------------------------------------

def apply_edits(raw: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """`raw` with the edits that do not overlap an earlier one applied; returns the text and the edits used."""
    newline = "\r\n" if "\r\n" in raw else "\n"
    starts = [0] + [m.end() for m in re.finditer("\n", raw)]  # not a Python loop over every character

    def offset(line: int, column: int) -> int:
        if line - 1 >= len(starts):
            return len(raw)
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(raw)
        if end > start and raw[end - 1] == "\r":
            end -= 1
        return min(start + column - 1, end)

    spans = sorted(((offset(e.line, e.column), offset(e.end_line, e.end_column), e) for e in edits),
                   key=lambda s: (s[0], s[1]))
    used, last_end, pieces, position = [], -1, [], 0
    for start, end, edit in spans:
        if start < last_end or (start == last_end and used and start == end):
            continue  # overlaps an edit already taken: next round
        pieces.append(raw[position:start])
        pieces.append(edit.text.replace("\n", newline))
        position = end
        last_end = max(end, start + 1 if start == end else end)
        used.append(edit)
    pieces.append(raw[position:])
    return "".join(pieces), used


def diff(outcome: FileOutcome) -> str:
    """A unified diff `patch` applies: lines split at `\\n` only (not at the other characters Python
    takes for line ends, such as U+2028 or a vertical tab), a missing last line end marked with
    `\\ No newline at end of file`, and the byte order mark in the first line, where the file has it."""
    bom = "\ufeff" if outcome.bom else ""
    out = []
    for line in difflib.unified_diff(_lines(bom + outcome.before), _lines(bom + outcome.after),
                                     fromfile=f"a/{outcome.path}", tofile=f"b/{outcome.path}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


# -- the fixer ---------------------------------------------------------------------------------------

def fix_files(findings, rules, options, *, unsafe: bool) -> list[FileOutcome]:
    """Work out the fixed text of every file with applicable fixes (nothing is written here)."""
    from . import runner

    by_path: dict[str, list] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    file_rules = [r for r in rules if r.scope == "file"]
    outcomes = []
    for path, found in sorted(by_path.items()):
        if not any(f.fix and (f.fix.safe or unsafe) for f in found):
            continue
        outcome = FileOutcome(path)
        outcomes.append(outcome)
        if {f.name for f in found} & UNTOUCHABLE:
            outcome.refused = "it has findings that make its structure uncertain (fix those first)"
            continue
        try:
            raw_bytes = _read(path)
        except OSError as exc:
            outcome.refused = f"it cannot be read: {exc.strerror or exc}"
            continue
        bom = raw_bytes.startswith(b"\xef\xbb\xbf")
        try:
            raw = raw_bytes[3 if bom else 0:].decode("utf-8")
        except UnicodeDecodeError:
            outcome.refused = "it is not UTF-8"
            continue
        if "\r" in raw.replace("\r\n", ""):
            outcome.refused = "it uses bare CR line ends (convert them first)"
            continue
        outcome.before = outcome.after = raw
        current = found
        # "Would the fix add findings?" is judged on every finding, silenced or not: `found` lacks those
        # a suppression comment or per-file-ignores silence, which the re-check of the fixed text has.
        _, unsilenced = runner.check_text(path, raw_bytes, file_rules, options)
        baseline = Counter(f.name for f in unsilenced)
        pending: list = []  # fixes worked out on the whole library: re-tried when an overlap held them back
        for _ in range(MAX_ROUNDS):
            fixes = [f for f in current if f.fix and (f.fix.safe or unsafe)] + pending
            if not fixes:
                break
            doc = runner.load_text(path, (b"\xef\xbb\xbf" if bom else b"") + outcome.after.encode("utf-8"), options)
            edits: list[Edit] = []
            owner: dict[int, object] = {}
            for finding in fixes:
                for edit in finding.fix.edits_for(doc):
                    edits.append(edit)
                    owner[id(edit)] = finding
            text, used = apply_edits(outcome.after, edits)
            if not used or text == outcome.after:
                break
            _, rechecked = runner.check_text(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"),
                                             file_rules, options)
            grown = [name for name, count in Counter(f.name for f in rechecked).items() if count > baseline[name]]
            if grown:
                outcome.refused = f"fixing it would add {', '.join(sorted(grown))} findings"
                outcome.after = outcome.before
                outcome.fixed = []
                break
            applied = {id(owner[id(edit)]) for edit in used}
            for edit in used:
                finding = owner[id(edit)]
                entry = (finding.name, finding.line, finding.fix.title)
                if entry not in outcome.fixed:
                    outcome.fixed.append(entry)
            pending = [f for f in fixes if f.fix.make is not None and id(f) not in applied]
            outcome.after = text
            current = rechecked
        outcome.bom, outcome.original = bom, raw_bytes
    return outcomes


TEMPORARY_PREFIX = ".pattern-lint-"
# `.pattern-lint-<pid of the writer>-<random>.tmp`: what a later run may remove once that process is gone.
_TEMPORARY = re.compile(r"\.pattern-lint-([0-9]{1,10})-[A-Za-z0-9_]+\.tmp")


class _Refused(Exception):
    pass


def write(outcome: FileOutcome, cleaned: set | None = None) -> str | None:
    """Write the fixed text atomically; returns why not, or None when written. Temporary files that
    killed fixers left in the folder are removed first (once per folder when `cleaned` is given)."""
    path = outcome.path
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"it vanished: {exc.strerror or exc}"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symlink (writing would replace the link with a file)"
    if info.st_nlink > 1:
        return "it has other hard links (writing would split them)"
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "it is read-only"
    try:
        if _read(path) != outcome.original:
            return "it changed on disk since it was read"
    except OSError as exc:
        return f"it cannot be read again: {exc.strerror or exc}"
    data = (b"\xef\xbb\xbf" if outcome.bom else b"") + outcome.after.encode("utf-8")
    folder = os.path.dirname(os.path.abspath(path))
    if cleaned is None or folder not in cleaned:
        remove_stale_temporaries(folder)
        if cleaned is not None:
            cleaned.add(folder)
    try:
        import tempfile  # only when a fix is written

        fd, temp = tempfile.mkstemp(dir=folder, prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-", suffix=".tmp")
    except OSError as exc:
        return f"its folder is not writable: {exc.strerror or exc}"
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _keep_owner(handle.fileno(), info)
            _keep_extended_attributes(path, handle.fileno())
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))  # after chown, which may clear set-id bits
        os.replace(temp, path)
    except (OSError, _Refused) as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, _Refused):
            return str(exc)
        return f"writing failed: {exc.strerror or exc}"
    return None


def _keep_owner(fd: int, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group (root can, an owner can choose among their own
    groups); refuse rather than change them."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except (OSError, AttributeError):
        raise _Refused("its owner or group cannot be kept (writing would change them)") from None


def _keep_extended_attributes(path: str, fd: int) -> None:
    """Copy the old file's extended attributes (ACLs, labels, `user.` attributes) onto the new one;
    refuse rather than drop one. Nothing to do where the system or file system has none."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, getattr(errno, "ENOSYS", None)):
            return
        raise _Refused("its extended attributes cannot be read") from None
    for name in names:
        try:
            value = os.getxattr(path, name, follow_symlinks=False)
        except OSError:
            raise _Refused("its extended attributes cannot be read") from None
        try:
            os.setxattr(fd, name, value)
        except OSError:
            try:
                same = os.getxattr(fd, name) == value  # e.g. a security label the new file has already
            except OSError:
                same = False
            if not same:
                raise _Refused("its extended attributes cannot be kept (writing would drop them)") from None


def remove_stale_temporaries(folder: str) -> list[str]:
    """Remove the temporary files fixers that no longer run left in `folder` (killed between writing
    and renaming); returns their names. A file whose writer still runs, or that is not a regular
    file, is left alone."""
    removed = []
    try:
        names = [name for name in os.listdir(folder) if name.startswith(TEMPORARY_PREFIX)]
    except OSError:
        return removed
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match is None or _running(int(match[1])):
            continue
        full = os.path.join(folder, name)
        try:
            if stat.S_ISREG(os.lstat(full).st_mode):
                os.unlink(full)
                removed.append(name)
        except OSError:
            pass
    return removed


def _running(pid: int) -> bool:
    """Whether process `pid` exists (True when that cannot be told)."""
    if pid == os.getpid():
        return True
    if os.name != "posix" or pid <= 0:
        return True  # signal 0 would not just probe there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # PermissionError: it runs, as another user
    return True


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
