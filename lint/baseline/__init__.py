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

import os
from dataclasses import dataclass, field

from .file import DEFAULT_NAME, Baseline, BaselineError, Entry, default_path, load, write
from .matching import entries_of, relative, split


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
    from ..discovery import library_roots

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
