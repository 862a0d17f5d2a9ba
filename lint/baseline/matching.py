"""A finding's fingerprint (its rule, section and normalised line) and the matching of findings to baseline entries, renamed files followed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..discovery import inside
from ..rules import internal_error
from .file import MAX_READ, Baseline, Entry

NEVER = {internal_error.NAME}  # a crash of the linter is never baselined
_DIGITS = re.compile(r"[0-9]+")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_KEY = re.compile(r"^((?:-[ \t]+)*)([^\s#:'\"-][^:#]*?|'[^']*'|\"[^\"]*\")[ \t]*:(?:[ \t]|$)")


# -- fingerprints --------------------------------------------------------------------------------

def _normal(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text).split())


class _Sources:
    """Each file's lines and the section of each line, read once."""

    def __init__(self, texts: dict[str, bytes] | None = None):
        self.texts = texts or {}
        self.files: dict[str, tuple[list[str], list[str]]] = {}

    def of(self, path: str) -> tuple[list[str], list[str]]:
        if path not in self.files:
            data = self.texts.get(path)
            if data is None:
                try:
                    with open(path, "rb") as handle:
                        data = handle.read(MAX_READ)
                except OSError:
                    data = b""
            lines = data.decode("utf-8", "replace").lstrip("\ufeff").split("\n")
            lines = [line.rstrip("\r") for line in lines]
            self.files[path] = (lines, sections(lines))
        return self.files[path]


def sections(lines: list[str]) -> list[str]:
    """Each line's section: `frontmatter: a.b` (the keys above it, by indentation) in the
    frontmatter, the nearest ATX heading above it (outside code fences) in the body."""
    out = [""] * len(lines)
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            stack: list[tuple[int, str]] = []
            out[0] = out[end] = "frontmatter"
            for i in range(1, end):
                line = lines[i]
                content = line.lstrip(" ")
                if not content.strip() or content.startswith("#"):
                    out[i] = "frontmatter: " + ".".join(k for _, k in stack) if stack else "frontmatter"
                    continue
                indent = len(line) - len(content)
                match = _KEY.match(content)
                # A list item (`- x`) belongs to the key above it, even at the same indentation.
                threshold = indent + 1 if content.startswith("-") else indent
                while stack and stack[-1][0] >= threshold:
                    stack.pop()
                out[i] = "frontmatter: " + ".".join(k for _, k in stack) if stack else "frontmatter"
                if match:
                    stack.append((indent + len(match.group(1)), match.group(2).strip("'\"")))
            start = end + 1
    heading, fence = "body", None
    for i in range(start, len(lines)):
        line = lines[i]
        found = _FENCE.match(line)
        if fence is not None:
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = None
        elif found:
            fence = found.group(1)
        else:
            match = _HEADING.match(line)
            if match:
                heading = f"{match.group(1)} {(match.group(2) or '').strip()}".strip()
        out[i] = heading
    return out


@dataclass
class _Seen:
    """A finding as the baseline compares it."""

    rule: str
    path: str
    fingerprint: str
    section: str
    message: str  # for the file: paths made relative to the baseline's folder
    key: str  # the message as compared: numbers left out, spacing normalised


def _seen(finding, folder: str, sources: _Sources) -> _Seen:
    from ..report.locations import stable_message

    path = relative(finding.path, folder)
    lines, secs = sources.of(finding.path)
    index = finding.line - 1
    text = lines[index] if 0 <= index < len(lines) else ""
    section = secs[index] if 0 <= index < len(secs) else ""
    import hashlib

    material = "\0".join((finding.name, _normal(section), _normal(text)))
    fingerprint = hashlib.sha256(material.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    message = stable_message(finding, folder, numbers=True)
    return _Seen(finding.name, path, fingerprint, section, message, _normal(message))


def relative(path: str, folder: str) -> str:
    try:
        out = os.path.relpath(os.path.abspath(path), folder)
    except ValueError:  # another drive (Windows)
        out = os.path.abspath(path)
    return out.replace(os.sep, "/")


def entries_of(findings, folder: str, texts: dict[str, bytes] | None = None) -> list[Entry]:
    """The baseline entries recording `findings` (all but internal errors)."""
    sources = _Sources(texts)
    out = []
    for finding in findings:
        if finding.name in NEVER:
            continue
        seen = _seen(finding, folder, sources)
        out.append(Entry(seen.path, seen.rule, finding.code, seen.fingerprint, seen.section, finding.line,
                         seen.message))
    return out


# -- applying it ---------------------------------------------------------------------------------

def split(findings, baseline: Baseline, checked: list[str], named: list[str], rules_ran,
          texts: dict[str, bytes] | None = None) -> tuple[list, list, list[Entry]]:
    """(findings to report, findings the baseline hides, entries fixed). `checked`: the files the
    run checked; `named`: the paths it was given; `rules_ran`: the names of the rules that ran."""
    folder = baseline.folder
    sources = _Sources(texts)
    entries = _followed(baseline)
    seen = [None if f.name in NEVER else _seen(f, folder, sources) for f in findings]
    matched_entry = [False] * len(entries)
    hidden_finding = [False] * len(findings)
    passes = (lambda s, e: (s.rule, s.path, s.fingerprint, s.key) if isinstance(s, _Seen)
              else (e.rule, e.path, e.fingerprint, _normal(e.message)),
              lambda s, e: (s.rule, s.path, s.fingerprint) if isinstance(s, _Seen)
              else (e.rule, e.path, e.fingerprint),
              lambda s, e: (s.rule, s.path, _normal(s.section), s.key) if isinstance(s, _Seen)
              else (e.rule, e.path, _normal(e.section), _normal(e.message)))
    for key in passes:
        pool: dict[tuple, list[int]] = {}
        for i, entry in enumerate(entries):
            if not matched_entry[i]:
                pool.setdefault(key(None, entry), []).append(i)
        if not pool:
            break
        for j, one in enumerate(seen):
            if one is None or hidden_finding[j]:
                continue
            waiting = pool.get(key(one, None))
            if waiting:
                matched_entry[waiting.pop(0)] = True
                hidden_finding[j] = True
    shown = [f for f, hide in zip(findings, hidden_finding) if not hide]
    hidden = [f for f, hide in zip(findings, hidden_finding) if hide]
    looked = {relative(p, folder) for p in checked}
    named_folders = [os.path.abspath(p) for p in named if os.path.isdir(p)]
    ran = set(rules_ran)
    fixed = []
    for entry, matched in zip(entries, matched_entry):
        if matched or entry.rule not in ran:
            continue
        absolute = os.path.normpath(os.path.join(folder, entry.path))
        if entry.path in looked or (not os.path.lexists(absolute)
                                    and any(inside(absolute, f) for f in named_folders)):
            fixed.append(entry)
    return shown, hidden, fixed



def _followed(baseline: Baseline) -> list[Entry]:
    """The entries, those of files git says were renamed under their new path."""
    folder = baseline.folder
    gone = {e.path for e in baseline.entries if not os.path.lexists(os.path.join(folder, e.path))}
    if not gone:
        return list(baseline.entries)
    moves = renames(baseline.file)
    if not moves:
        return list(baseline.entries)
    out = []
    for entry in baseline.entries:
        absolute = os.path.normpath(os.path.join(folder, entry.path))
        if entry.path in gone and absolute in moves:
            entry = Entry(**{**entry.__dict__, "path": relative(moves[absolute], folder)})
        out.append(entry)
    return out


def _git(args: list[str], cwd: str) -> str | None:
    import subprocess

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def renames(baseline_file: str) -> dict[str, str]:
    """{old absolute path: new absolute path} for the files git says were renamed since the
    baseline was written (see the docstring of lint/baseline/__init__.py); {} outside git or when git cannot say."""
    folder = os.path.dirname(os.path.abspath(baseline_file))
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if not top:
        return {}
    top = top.strip()
    base = "HEAD"
    name = os.path.basename(baseline_file)
    tracked = _git(["ls-files", "--", name], folder)
    changed = _git(["status", "--porcelain", "--", name], folder)
    if tracked and tracked.strip() and changed is not None and not changed.strip():
        last = _git(["log", "-1", "--format=%H", "--", name], folder)
        if last and last.strip():
            base = last.strip()
    out = _git(["diff", "-M", "--name-status", "-z", base, "--"], top)
    if out is None:
        return {}
    moves: dict[str, str] = {}
    parts = out.split("\0")
    i = 0
    while i < len(parts) and parts[i]:
        status = parts[i]
        if status.startswith(("R", "C")) and i + 2 < len(parts):
            if status.startswith("R"):
                moves[os.path.normpath(os.path.join(top, parts[i + 1]))] = os.path.normpath(os.path.join(top, parts[i + 2]))
            i += 3
        else:
            i += 2
    return moves
