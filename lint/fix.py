"""Fixes applied: the edits findings propose (`lint.findings.Fix`, built with `lint.edits`), applied to
the text so that no byte the fix did not target changes, and the fixed files written.

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

import difflib
import errno
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field

from .edits import apply_edits  # noqa: F401  (fix.apply_edits: where callers and tests look for it)
from .findings import Edit
from .rules import (duplicate_key, file_too_large, invalid_encoding, unclosed_frontmatter, unreadable_file,
                    yaml_syntax)

MAX_ROUNDS = 10  # rounds of fixes in one file (overlapping fixes need one each)
MAX_PASSES = 10  # runs over the library while fixing one file makes another fixable
UNTOUCHABLE = {yaml_syntax.NAME, duplicate_key.NAME, invalid_encoding.NAME, unclosed_frontmatter.NAME,
               file_too_large.NAME, unreadable_file.NAME}


@dataclass
class FileOutcome:
    path: str
    before: str = ""
    after: str = ""
    fixed: list = field(default_factory=list)  # (rule name, line, title) of the fixes applied
    refused: str | None = None  # why the file was not written
    bom: bool = False
    original: bytes = b""  # the bytes read, to check nothing changed them before writing


# -- showing a fix ----------------------------------------------------------------------------------

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
        _fix_bytes(outcome, raw_bytes, found, fixer)
    return outcomes


def fix_text(path: str, data: bytes, findings, rules, options, *, unsafe: bool = False) -> FileOutcome:
    """What `--fix` would make of `data` as the content of `path` (an editor's unsaved buffer), given
    the findings a run reports on it (with live fixes); nothing is written. `refused` says why not."""
    from . import registry

    outcome = FileOutcome(path)
    fixer = _Fixer(rules, [r for r in registry.all_rules() if r.scope == "file"], options, unsafe)
    if {f.name for f in findings} & UNTOUCHABLE:
        outcome.refused = "it has findings that make its structure uncertain (fix those first)"
    elif not any(fixer.wanted(f) for f in findings):
        outcome.refused = "it has nothing to fix"
    else:
        _fix_bytes(outcome, data, findings, fixer)
    return outcome


def _fix_bytes(outcome: FileOutcome, raw_bytes: bytes, found: list, fixer: "_Fixer") -> None:
    """Work out `outcome.after` from the file's bytes, or say in `outcome.refused` why not."""
    bom = raw_bytes.startswith(b"\xef\xbb\xbf")
    try:
        raw = raw_bytes[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        outcome.refused = "it is not UTF-8"
        return
    if "\r" in raw.replace("\r\n", ""):
        outcome.refused = "it uses bare CR line ends (convert them first)"
        return
    outcome.before = outcome.after = raw
    outcome.bom, outcome.original = bom, raw_bytes
    outcome.refused = fixer.fix(outcome, found)
    if outcome.refused is None and outcome.after == outcome.before:
        outcome.refused = "its fixes change nothing (a bug: please report it)"
    if outcome.refused is not None:
        outcome.after, outcome.fixed = outcome.before, []


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
