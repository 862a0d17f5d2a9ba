"""Fixes: edits a finding proposes, applied so that no byte the fix did not target changes.

An edit replaces a range given in lines and columns of the document (1-based, end
exclusive) with new text. Ranges are mapped onto the file's own text, so CRLF line ends,
a byte order mark and every byte outside the ranges stay exactly as they were; inserted
line breaks use the file's own line end. Files are written through a temporary file in
the same folder (named after the writing process, so that a later run can remove one a
killed run left) and an atomic replace, with the file's mode, owner, group and extended
attributes, and only when the file on disk is still the one that was read. A file is not
touched when it has a `yaml-syntax` or `duplicate-key` finding, is a symlink, has other hard
links, uses bare CR line ends, or is read-only; nor when re-checking the fixed text with
every file rule (whatever the run selected) finds something new.

Fixes are applied in rounds until none is left (fixes that overlap wait for the next round,
made anew on the new text), at most `MAX_ROUNDS`; fixes that have not settled by then are a
bug, and the file is refused rather than half fixed. The command line repeats the whole
run while fixing one file makes others fixable (a renamed relationship key, then the other
half of the link), at most `MAX_PASSES` times (cli._check_group).
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

MAX_ROUNDS = 10  # rounds of fixes in one file (overlapping fixes need one each)
MAX_PASSES = 10  # runs over the library while fixing one file makes another fixable
UNTOUCHABLE = {"yaml-syntax", "duplicate-key", "invalid-encoding", "unclosed-frontmatter", "file-too-large",
               "unreadable-file"}


@dataclass(frozen=True)
class Edit:
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    # An insertion that other `join` insertions at the same place follow, in order, in the same
    # round (entries added to one list); any other edit at a place taken waits for the next round.
    join: bool = False


@dataclass(frozen=True)
class Fix:
    title: str
    safe: bool
    edits: tuple[Edit, ...] = ()
    # For fixes worked out on another file's full text (a library rule's finding may come from
    # a file that was indexed, not read): called with that file's document at fix time; returns
    # the edits, () when there is nothing (more) to do, None when the fix cannot be placed.
    make: Callable | None = field(default=None, compare=False)

    def edits_for(self, doc) -> tuple[Edit, ...] | None:
        if self.make is None:
            return self.edits
        made = self.make(doc)
        return None if made is None else tuple(made)


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


# -- values written into YAML ----------------------------------------------------------------------

# What no value a fix writes may hold: C0 and C1 controls (tab and line ends too), the other line
# breaks YAML or editors know (U+2028, U+2029; U+0085 is C1), a byte order mark, and what YAML does
# not allow at all (U+FFFE, U+FFFF, lone surrogates). Such a value is refused, never escaped: it
# would not read back as what it says on one line, and printed it could drive a terminal.
_UNWRITABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A plain scalar that is text in every YAML reader: it starts with a letter or `_` (never a number,
# date, `.inf`, `-`, `~` or other indicator) and holds no space, `:`, `#`, `,` or bracket.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
# Words YAML 1.1 readers take for booleans or null (PyYAML knows all but y and n).
_NOT_TEXT = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def writable(text: str) -> bool:
    """Whether a fix may write `text` (see _UNWRITABLE)."""
    return _UNWRITABLE.search(text) is None


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(text: str) -> str | None:
    """`text` as a YAML scalar that reads back as that text, in a block or a flow context: plain when
    it is plainly text, else double-quoted as yaml-implicit-type quotes (`yes`, `123`, `1.10`,
    `2026-01-01`, `null` all are); None when it holds what no fix writes (`writable`)."""
    if not writable(text):
        return None
    if _PLAIN.fullmatch(text) and text.lower() not in _NOT_TEXT and _reads_as_text(text):
        return text
    return quoted(text)


def _reads_as_text(text: str) -> bool:
    import yaml
    from yaml.nodes import ScalarNode

    from .yamlnodes import STR

    return yaml.resolver.Resolver().resolve(ScalarNode, text, (True, False)) == STR


# -- edits in frontmatter --------------------------------------------------------------------------

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
    if located.node is None:  # a library record (records.Record) keeps this answer instead
        return path in getattr(doc, "listable", ())  # (a document whose node was not kept: none)
    from yaml.nodes import SequenceNode

    node = located.node
    return isinstance(node, SequenceNode) and bool(node.flow_style or node.value)


def add_to_list(doc, path: tuple, value: str) -> tuple[Edit, ...] | None:
    """Edits adding `value` to the list at `path`, in the style the list is written in:
    `[a, b]` gets `, value`; a block list gets a `- value` (or `- slug: value` when its entries
    are mappings named by `slug`, `id` or `target`) line with the same indentation. The value is
    written as `scalar` writes it (quoted when YAML would read it as something else). () when the
    list already holds it; None when there is no list to add to or the value cannot be written."""
    from yaml.nodes import MappingNode, SequenceNode

    located = doc.positions.get(path)
    node = located.node if located else None
    written = scalar(value)
    if not isinstance(node, SequenceNode) or written is None:
        return None
    if _listed(doc.get(*path), value):
        return ()
    if node.flow_style:
        if node.value:  # right after the last item: also right with `[x, ]` and a `]` on its own line
            last = doc.positions.get(path + (len(node.value) - 1,))
            item = node.value[-1]
            if last is None:
                return None
            line = last.line + item.end_mark.line - item.start_mark.line
            column = (item.end_mark.column + 1) if item.end_mark.line != item.start_mark.line \
                else last.column + item.end_mark.column - item.start_mark.column
            return (Edit(line, column, line, column, f", {written}", join=True),)
        end_line = located.line + node.end_mark.line - node.start_mark.line
        end_column = node.end_mark.column  # 1-based column of the closing `]` (0-based end just after it)
        return (Edit(end_line, end_column, end_line, end_column, written),)  # the next entries: next round
    if not node.value:
        return None
    first = doc.positions.get(path + (0,))
    item = node.value[0]
    if isinstance(item, MappingNode):
        keys = [k.value for k, _ in item.value]
        key = next((k for k in ("slug", "id", "target") if k in keys), None)
        if key is None:
            return None
        entry = f"- {key}: {written}"
    else:
        entry = f"- {written}"
    indent = " " * (first.column - 3) if first else ""  # the item starts after `- `
    lines = doc.text.split("\n")
    end_line = located.line + node.end_mark.line - node.start_mark.line  # where the next token starts
    before_next = node.end_mark.column <= len(lines[end_line - 1]) - len(lines[end_line - 1].lstrip())
    last = end_line - 1 if before_next else end_line
    while last > located.line and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
        last -= 1  # not after the blank lines and banner comments that follow the list
    return (Edit(last, len(lines[last - 1]) + 1, last, len(lines[last - 1]) + 1, f"\n{indent}{entry}", join=True),)


def add_all_to_list(doc, path: tuple, values: tuple[str, ...]) -> tuple[Edit, ...] | None:
    """Edits adding every one of `values` the list at `path` lacks, in one round: as `add_to_list`
    adds each (its insertions at one place all go in, in order), except that an empty flow list
    `[]` gets them all in one edit (`[a, b]`). () when the list holds them all; None when there is
    no list to add to or a value cannot be written."""
    from yaml.nodes import SequenceNode

    wanted = [value for value in dict.fromkeys(values) if not _listed(doc.get(*path), value)]
    if not wanted:
        return ()
    located = doc.positions.get(path)
    node = located.node if located else None
    if isinstance(node, SequenceNode) and node.flow_style and not node.value:
        written = [scalar(value) for value in wanted]
        if None in written:
            return None
        (edit,) = add_to_list(doc, path, wanted[0])
        return (dataclasses.replace(edit, text=", ".join(written)),)
    edits = []
    for value in wanted:
        made = add_to_list(doc, path, value)
        if made is None:
            return None
        edits.extend(made)
    return tuple(edits)


def _listed(entries, value: str) -> bool:
    """Whether a list holds `value`, as an entry or as the `slug`, `id` or `target` of one."""
    if not isinstance(entries, list):
        return False
    return any(entry == value or (isinstance(entry, dict) and value in (entry.get(k) for k in ("slug", "id", "target")))
               for entry in entries)


# -- applying edits to text ------------------------------------------------------------------------

def apply_edits(raw: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """`raw` with the edits that do not overlap an earlier one applied; returns the text and the edits used.
    The same edit twice is applied once (both count as used); `join` insertions at one place all go in."""
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
    done: set[tuple[int, int, str]] = set()
    previous = None
    for start, end, edit in spans:
        if (start, end, edit.text) in done:
            used.append(edit)  # another finding's copy of an edit made already
            continue
        joined = previous is not None and start == end == previous[0] == previous[1] and edit.join \
            and previous[2].join
        if not joined and (start < last_end or (start == last_end and used and start == end)):
            continue  # overlaps an edit already taken: next round
        pieces.append(raw[position:start])
        pieces.append(edit.text.replace("\n", newline))
        position = end
        last_end = max(end, start + 1 if start == end else end)
        used.append(edit)
        done.add((start, end, edit.text))
        previous = (start, end, edit)
    pieces.append(raw[position:])
    return "".join(pieces), used


def diff(outcome: FileOutcome) -> str:
    """A unified diff `patch` applies: lines split at `\\n` only (not at the other characters Python
    takes for line ends, such as U+2028 or a vertical tab), a missing last line end marked with
    `\\ No newline at end of file`, and the byte order mark in the first line, where the file has it."""
    from .report.text import safe

    bom = "\ufeff" if outcome.bom else ""
    shown = safe(outcome.path)  # a name with a line break must not start a line of its own
    out = []
    for line in difflib.unified_diff(_lines(bom + outcome.before), _lines(bom + outcome.after),
                                     fromfile=f"a/{shown}", tofile=f"b/{shown}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


# -- the fixer ---------------------------------------------------------------------------------------

def fix_files(findings, rules, options, *, unsafe: bool, skip=()) -> list[FileOutcome]:
    """Work out the fixed text of every file with applicable fixes (nothing is written here); the
    files in `skip` are left out."""
    from . import registry

    by_path: dict[str, list] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    # Every file rule judges the fixed text, whatever the run selected: with `--select` one rule, a
    # fix that breaks the YAML or the schema must still be caught. Only the selected rules' fixes are applied.
    judges = [r for r in registry.all_rules() if r.scope == "file"]
    fixer = _Fixer(rules, judges, options, unsafe)
    outcomes = []
    for path, found in sorted(by_path.items()):
        if path in skip or not any(fixer.wanted(f) for f in found):
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
        outcome.bom, outcome.original = bom, raw_bytes
        outcome.refused = fixer.fix(outcome, found)
        if outcome.refused is None and outcome.after == outcome.before:
            outcome.refused = "its fixes change nothing (a bug: please report it)"
        if outcome.refused is not None:
            outcome.after, outcome.fixed = outcome.before, []
    return outcomes


class _Fixer:
    def __init__(self, rules, judges, options, unsafe: bool):
        self.rules, self.judges, self.options, self.unsafe = rules, judges, options, unsafe
        self.selected = {r.name for r in rules}
        self.file_rules = {r.name for r in judges}

    def wanted(self, finding) -> bool:
        return finding.fix is not None and (finding.fix.safe or self.unsafe)

    def fix(self, outcome: FileOutcome, found: list) -> str | None:
        """Apply the fixes to `outcome.after` round by round until none is left; why not, or None."""
        from . import engine

        path, bom = outcome.path, b"\xef\xbb\xbf" if outcome.bom else b""
        # "Would the fix add findings?" is judged on every finding, silenced or not: `found` lacks those
        # a suppression comment or per-file-ignores silence, which the re-check of the fixed text has.
        doc, unsilenced = engine.check_text(path, outcome.original, self.judges, self.options)
        baseline = Counter(f.name for f in unsilenced)
        if set(baseline) & UNTOUCHABLE:
            return "it has findings that make its structure uncertain (fix those first)"
        # The file rules' fixes come from the check of exactly the bytes read (the file may have changed
        # since the run); the others (a library rule's) are made on the text at fix time.
        pending = self._fixable(path, doc, unsilenced) + [f for f in found if self.wanted(f)
                                                            and f.name not in self.file_rules]
        for round_ in range(MAX_ROUNDS + 1):
            if not pending:
                return None  # settled: nothing is left to fix
            doc = engine.load_text(path, bom + outcome.after.encode("utf-8"), self.options)
            edits: list[Edit] = []
            owner: dict[int, object] = {}
            for finding in pending:
                made = finding.fix.edits_for(doc)
                if made is None:
                    return f"the fix `{finding.fix.title}` cannot be placed in it"
                for edit in made:
                    edits.append(edit)
                    owner[id(edit)] = finding
            if not edits:
                return None  # settled: what is left was done already (an entry another finding added)
            if round_ == MAX_ROUNDS:
                rounds = f"{MAX_ROUNDS} round{'s' * (MAX_ROUNDS != 1)}"
                return f"its fixes did not settle in {rounds} (a bug: please report it)"
            text, used = apply_edits(outcome.after, edits)
            if text == outcome.after:
                return "its fixes change nothing (a bug: please report it)"
            fixed_doc, rechecked = engine.check_text(path, bom + text.encode("utf-8"), self.judges, self.options)
            grown = [name for name, count in Counter(f.name for f in rechecked).items() if count > baseline[name]]
            if grown:
                return f"fixing it would add {', '.join(sorted(grown))} findings"
            applied = {id(owner[id(edit)]) for edit in used}
            after = fixed_doc if fixed_doc is not None else engine.load_text(path, bom + text.encode("utf-8"),
                                                                               self.options)
            for finding in pending:
                if id(finding) in applied and finding.fix.make is not None and finding.fix.edits_for(after) != ():
                    return f"the fix `{finding.fix.title}` did not take effect (a bug: please report it)"
            for edit in used:
                finding = owner[id(edit)]
                entry = (finding.name, finding.line, finding.fix.title)
                if entry not in outcome.fixed:
                    outcome.fixed.append(entry)
            outcome.after = text
            # Next round: what the fixed text still has to fix (the fixes an overlap held back, made anew),
            # as the run would report it: the selected rules' findings that nothing silences.
            pending = self._fixable(path, fixed_doc, rechecked) + [
                f for f in pending if f.fix.make is not None and id(f) not in applied]
        return None  # not reached: the last round returns

    def _fixable(self, path: str, doc, findings: list) -> list:
        """The findings a run would report, from every file rule's findings on `doc`, that have a fix to apply."""
        from . import engine, suppression

        findings = [f for f in findings if f.name in self.selected and self.wanted(f)]
        if not findings:
            return []
        directives = []
        if doc is not None and doc.text is not None and doc.is_pattern:
            try:
                directives = suppression.parse(doc)
            except Exception:  # the run reports it as an internal error; what it silences is unknown
                return []
        shown = engine.apply_suppressions(findings, {path: directives} if directives else {}, self.rules)
        return [f for f in engine.apply_configuration(shown, self.options.config) if f.fix is not None]


def fixable_left(findings, unsafe: bool, skip=()) -> list:
    """The findings with a fix `--fix` (with `unsafe`) would apply, outside the files in `skip`."""
    return [f for f in findings if f.fix is not None and (f.fix.safe or unsafe) and f.path not in skip]


# -- writing -----------------------------------------------------------------------------------------

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
