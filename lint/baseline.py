"""A baseline: the findings a library already had when it adopted the linter, recorded so that a
run reports only the new ones (`lint --write-baseline`, `lint --baseline FILE`, `baseline = "FILE"`
in the configuration).

The file
--------
JSON, versioned, one finding a line and sorted (by path, rule, fingerprint, message; never by line
number), so that `git diff` shows one line per finding recorded or dropped:

    {
      "version": 1,
      "tool": "pattern-lint",
      "findings": [
        {"path": "patterns/a.md", "rule": "dangling-link", "code": "PL601", "fingerprint": "…",
         "section": "frontmatter: relationships.enables", "line": 40, "message": "…"},
        …
      ]
    }

`path` is relative to the baseline file's folder (the library root by default), with `/`, so the
file means the same from any working folder and on any machine. `section`, `line` and `message`
are what the finding was when the file was written, for a reviewer; `line` is never used to
match. Every later version of the linter reads version 1 files (tests/data/baseline-v1.json is
one, checked in); a change to what is recorded or how it is matched makes version 2, and the
reader keeps matching version 1 entries as described here.

Matching
--------
A finding matches an entry of the same rule in the same file (a multiset: two entries hide at most
two findings; each entry hides at most one) in three passes, the first that pairs them winning:

1. the same fingerprint and the same message (numbers left out, paths made relative);
2. the same fingerprint, whatever the message: a newer linter reworded it (issue 19 rewrites
   messages; a baseline must survive an upgrade), or a number in it changed;
3. the same section and the same message: the offending line itself was edited (a value added to
   the same list) but the problem, where it is, is the same.

The fingerprint is a hash of the rule, the section the finding is in (its key path in the
frontmatter, e.g. `relationships.enables`; or the nearest heading above it in the body) and the
offending line's text with its spacing and numbers normalised; never the line number, so lines
added, removed or moved elsewhere in the file (a section moved 40 lines up) change nothing, and
renumbered headings (`### 4.` to `### 5.`) neither.

SARIF's fingerprint (report/locations.py `fingerprints`) is not reused as it is: it hashes the
message, so every reworded message (a new linter version) would turn a baselined finding into a
new one and fail the gate that the baseline was meant to open; it hashes the path, so a renamed
file could not keep its entries; and its occurrence counter is ordered by line, so one new finding
above an old one renumbers both. It keeps its own purpose (code scanning's alert identity, which
must not change under existing alerts). Its message normalisation (`stable_message`) is reused
for the message the passes compare.

What the matching cannot tell apart: one finding fixed and another of the same rule introduced on
the same line of the same section (pass 2 takes it as a reworded message). The count of findings
the baseline allows does not grow, which is what the gate promises.

Renamed files
-------------
An entry whose file no longer exists follows the file when git says it was renamed since the
baseline was written: `git diff -M --name-status` between the last commit that changed the baseline
file (HEAD when it has uncommitted changes or is not committed) and the work tree. A file moved
with `git mv`, or moved and `git add`-ed, is a rename; a file moved but not yet added is unknown to
git, and its entries count as fixed until it is added.

Fixed entries
-------------
An entry no finding matched counts as fixed when the run looked for it: its file was checked (or
is gone from a folder the run checked) and its rule ran. A pre-commit run over two files says
nothing about the entries of the others. `--strict-baseline` makes fixed entries fail the run, so
the baseline only shrinks.

Where it applies
----------------
After the run, on what the run reports (so findings taken from the cache are filtered like fresh
ones, after suppression comments and per-file ignores): every report format shows only the new
findings, and the exit status is theirs. `--fix` fixes what is fixable whether or not it is
baselined (fixing is always safe to review); the baseline only filters what is reported.
`internal-error` (a bug in the linter) is never recorded nor hidden.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from .rules import internal_error

FORMAT_VERSION = 1
TOOL = "pattern-lint"
DEFAULT_NAME = ".pattern-lint-baseline.json"
NEVER = {internal_error.NAME}  # a crash of the linter is never baselined
_DIGITS = re.compile(r"[0-9]+")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_KEY = re.compile(r"^((?:-[ \t]+)*)([^\s#:'\"-][^:#]*?|'[^']*'|\"[^\"]*\")[ \t]*:(?:[ \t]|$)")
_MAX_READ = 16 * 1024 * 1024


class BaselineError(Exception):
    """A baseline file that cannot be used: a usage error (exit 2), naming the file."""


@dataclass
class Entry:
    path: str  # relative to the baseline's folder, with `/`
    rule: str
    code: str = ""
    fingerprint: str = ""
    section: str = ""
    line: int = 0
    message: str = ""

    def as_dict(self) -> dict:
        return {"path": self.path, "rule": self.rule, "code": self.code, "fingerprint": self.fingerprint,
                "section": self.section, "line": self.line, "message": self.message}

    def sort_key(self) -> tuple:
        return (self.path, self.rule, self.fingerprint, self.message, self.section, self.code)


@dataclass
class Baseline:
    file: str  # absolute
    entries: list[Entry] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return os.path.dirname(self.file)


@dataclass
class Outcome:
    """What a baseline did to a run's findings (Result.baseline)."""

    file: str
    hidden: int = 0  # findings the baseline hid
    fixed: int = 0  # entries the run looked for and did not find
    new: int = 0  # findings reported
    hidden_findings: list = field(default_factory=list, repr=False)  # what it hid (`lint report` counts them)

    def as_dict(self) -> dict:
        return {"file": self.file, "new": self.new, "hidden": self.hidden, "fixed": self.fixed}


def merged(outcomes: list) -> Outcome | None:
    """One outcome for the runs of several configurations."""
    outcomes = [o for o in outcomes if o is not None]
    if not outcomes:
        return None
    files = sorted({o.file for o in outcomes})
    return Outcome(", ".join(files), sum(o.hidden for o in outcomes), sum(o.fixed for o in outcomes),
                   sum(o.new for o in outcomes))


# -- reading and writing ---------------------------------------------------------------------------

def default_path(root: str | None) -> str:
    return os.path.join(os.path.abspath(root or os.getcwd()), DEFAULT_NAME)


def load(path: str, missing_ok: bool = False) -> Baseline:
    """The baseline in `path`; BaselineError (naming the file and what is wrong) when it is missing,
    unreadable, not JSON, another tool's, or of a version this linter does not know."""
    path = os.path.abspath(path)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_READ + 1)
    except FileNotFoundError:
        if missing_ok:
            return Baseline(path)
        raise BaselineError(f"{shown}: no such baseline file (write one with `lint --write-baseline {shown}`)") \
            from None
    except IsADirectoryError:
        raise BaselineError(f"{shown}: cannot read the baseline: it is a folder") from None
    except OSError as exc:
        raise BaselineError(f"{shown}: cannot read the baseline: {exc.strerror or exc}") from None
    if len(raw) > _MAX_READ:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: larger than {_MAX_READ // (1024 * 1024)} MB")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: not valid JSON ({exc.msg} at line "
                            f"{exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        what = "a JSON object" if isinstance(data, dict) else f"JSON {type(data).__name__}"
        raise BaselineError(f"{shown}: not a pattern-lint baseline ({what} without \"tool\": \"{TOOL}\"); "
                            "write one with `lint --write-baseline`")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: `version` must be a whole number, "
                            f"not {version!r}")
    if version > FORMAT_VERSION:
        raise BaselineError(f"{shown}: baseline format version {version} is newer than this pattern-lint "
                            f"reads (up to {FORMAT_VERSION}): upgrade pattern-lint")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{shown}: not a pattern-lint baseline: `findings` must be a list")
    entries = []
    for number, item in enumerate(findings, 1):
        entries.append(_entry(item, f"{shown}: finding {number}"))
    return Baseline(path, entries)


def _entry(item, where: str) -> Entry:
    if not isinstance(item, dict):
        raise BaselineError(f"{where} must be a JSON object")
    for key in ("path", "rule"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise BaselineError(f"{where} has no `{key}` (text)")
    for key in ("code", "fingerprint", "section", "message"):
        if not isinstance(item.get(key, ""), str):
            raise BaselineError(f"{where}: `{key}` must be text")
    line = item.get("line", 0)
    if not isinstance(line, int) or isinstance(line, bool):
        raise BaselineError(f"{where}: `line` must be a whole number")
    return Entry(item["path"], item["rule"], item.get("code", ""), item.get("fingerprint", ""),
                 item.get("section", ""), line, item.get("message", ""))


def dumps(entries: list[Entry]) -> str:
    """The file's text: stable (sorted, one finding a line, keys in a fixed order)."""
    lines = [json.dumps(e.as_dict(), ensure_ascii=False) for e in sorted(entries, key=Entry.sort_key)]
    body = ",\n".join(f"    {line}" for line in lines)
    return (f'{{\n  "version": {FORMAT_VERSION},\n  "tool": "{TOOL}",\n  "findings": ['
            + (f"\n{body}\n  " if lines else "") + "]\n}\n")


def write(path: str, entries: list[Entry]) -> None:
    """Atomically (a half-written baseline would fail every run after it)."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".pattern-lint-baseline-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", errors="surrogateescape") as handle:
            handle.write(dumps(entries))
        try:
            os.chmod(temp, os.stat(path).st_mode & 0o7777)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


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
                        data = handle.read(_MAX_READ)
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
    from .report.locations import stable_message

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
                                    and any(_inside(absolute, f) for f in named_folders)):
            fixed.append(entry)
    return shown, hidden, fixed


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


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
    baseline was written (see the module's docstring); {} outside git or when git cannot say."""
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



# -- the command line's use of it ------------------------------------------------------------------

def add_arguments(parser, write: bool = True) -> None:
    """The baseline options (`lint` check; `lint report` takes --baseline and --no-baseline)."""
    parser.add_argument("--baseline", metavar="FILE",
                        help="report only the findings not recorded in this baseline file (default: the "
                             "configuration's `baseline`)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="ignore the configuration's baseline: report every finding")
    if not write:
        return
    parser.add_argument("--write-baseline", nargs="?", const="", default=None, metavar="FILE",
                        help="record the findings of this run in FILE (default: the baseline the configuration "
                             f"or --baseline names, else {DEFAULT_NAME} in the library root); findings of files "
                             "not checked are kept. Write --write-baseline=FILE, or put it after the paths")
    parser.add_argument("--strict-baseline", action="store_true",
                        help="exit 1 when findings recorded in the baseline no longer occur (so the baseline "
                             "only shrinks: run --write-baseline to drop them)")


def named(args, config) -> str | None:
    """The baseline file a run filters with: --baseline, else the configuration's; None with --no-baseline."""
    if getattr(args, "no_baseline", False):
        return None
    if getattr(args, "baseline", None):
        return os.path.abspath(args.baseline)
    return config.baseline


def target(args, config, root: str | None) -> str:
    """The file --write-baseline writes."""
    if args.write_baseline:
        return os.path.abspath(args.write_baseline)
    return named(args, config) or default_path(config.root or root)


def check_target(path: str) -> str | None:
    """Why --write-baseline cannot write `path`, or None."""
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    if os.path.isdir(path):
        return (f"--write-baseline {shown}: is a folder; name the baseline file (--write-baseline=FILE), or put "
                "--write-baseline after the paths to check")
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        return f"{shown}: cannot write the baseline there: no such folder {folder}"
    if not os.access(folder, os.W_OK | os.X_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        return f"{shown}: cannot write the baseline there: permission denied"
    return None


def prepare(args, groups) -> list[Baseline | None]:
    """The baseline of each (paths, options) group, read before the run (a bad file stops it at once,
    exit 2, never a silent empty baseline). Raises BaselineError."""
    loaded: dict[str, Baseline] = {}
    out: list[Baseline | None] = []
    writing = getattr(args, "write_baseline", None) is not None
    for paths, options in groups:
        path = named(args, options.config)
        if writing:
            written = target(args, options.config, _root(paths, options))
            problem = check_target(written)
            if problem:
                raise BaselineError(problem)
            path = written  # read to keep the entries of files this run does not check
        if path is None:
            out.append(None)
            continue
        if path not in loaded:
            loaded[path] = load(path, missing_ok=writing)
        out.append(loaded[path])
    return out


def _root(paths, options) -> str | None:
    from .discovery import library_roots

    return options.config.root or (library_roots(paths or ["."], options.config) or [None])[0]


def finish(args, groups, results, baselines, stdin: bytes | None = None) -> list[str]:
    """With --write-baseline, write each group's findings; then filter each result by its baseline
    (Result.baseline says what was hidden and fixed). Returns lines to say on standard error."""
    said: list[str] = []
    texts = {os.path.normpath(groups[0][0][0]): stdin} if stdin is not None and groups and groups[0][0] else None
    if getattr(args, "write_baseline", None) is not None:
        by_file: dict[str, list[int]] = {}
        for i, baseline in enumerate(baselines):
            by_file.setdefault(baseline.file, []).append(i)
        for file, members in by_file.items():
            old = baselines[members[0]]
            fresh: list[Entry] = []
            checked: set[str] = set()
            ran: set[str] = set()
            for i in members:
                result = results[i]
                fresh += entries_of(result.findings, old.folder, texts)
                checked.update(relative(p, old.folder) for p in result.paths)
                ran.update(rule.name for rule in result.rules)
            # entries of files (or rules) this run did not look at stay as they were
            kept = [e for e in old.entries
                    if not _gone(e, old.folder) and (e.path not in checked or e.rule not in ran)]
            write(file, fresh + kept)
            new = Baseline(file, fresh + kept)
            for i in members:
                baselines[i] = new
            if not getattr(args, "quiet", False):
                shown = os.path.relpath(file) if not os.path.relpath(file).startswith("..") else file
                said.append(f"wrote {len(fresh + kept)} finding{'s' * (len(fresh + kept) != 1)} to {shown}"
                            + (f" ({len(kept)} kept from files or rules this run did not check)" if kept else ""))
    for (paths, options), result, baseline in zip(groups, results, baselines):
        if baseline is not None:
            apply(result, baseline, paths or ["."], texts)
    return said


def _gone(entry: Entry, folder: str) -> bool:
    return not os.path.lexists(os.path.join(folder, entry.path))


def apply(result, baseline: Baseline, named_paths: list[str], texts: dict[str, bytes] | None = None) -> None:
    """Filter `result` in place by `baseline`, recount its summary, set result.baseline."""
    shown, hidden, fixed = split(result.findings, baseline, result.paths, named_paths,
                                 [rule.name for rule in result.rules], texts)
    result.findings = shown
    result.summary.errors = sum(1 for f in shown if f.severity == "error")
    result.summary.warnings = sum(1 for f in shown if f.severity == "warning")
    result.baseline = Outcome(_shown_file(baseline.file), hidden=len(hidden), fixed=len(fixed), new=len(shown),
                              hidden_findings=hidden)


def _shown_file(path: str) -> str:
    relative_path = os.path.relpath(path)
    return path if relative_path.startswith("..") else relative_path.replace(os.sep, "/")


def summary_lines(outcome: Outcome | None) -> list[str]:
    """What the text report adds to its summary."""
    if outcome is None:
        return []
    lines = []
    if outcome.hidden:
        lines.append(f"{outcome.hidden} finding{'s' * (outcome.hidden != 1)} hidden by the baseline ({outcome.file}).")
    if outcome.fixed:
        lines.append(fixed_line(outcome))
    return lines


def fixed_line(outcome: Outcome) -> str:
    return (f"{outcome.fixed} baseline finding{'s' * (outcome.fixed != 1)} fixed: run --write-baseline to drop "
            "them.")
