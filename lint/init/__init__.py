"""`lint init [PATH]`: look at a library and write a starting configuration for it.

One pass of the linter's own reading over the library (discovery, document loading, format
detection, the formats' vocabulary paths, the confidence callout parser) gathers the facts; the
checks then run twice, with the configuration in force today and with the one proposed, and the
summary gives both counts. What it proposes:

- the formats found and how many files each (a comment);
- for each vocabulary, the values the format does not know that are a convention of the library:
  used by at least CONVENTION_MIN_FILES files and by at least CONVENTION_SHARE of the files of a
  format that has the vocabulary. Rarer values stay warnings (listed in a comment), and so do
  spellings of a known value (`Draft` for `draft`: `--fix --unsafe-fixes` corrects those);
- the confidence labels callouts use that the label map does not know, when they are a
  convention by the same measure and every callout using one agrees on its number of stars (the
  stars shown, or the frontmatter's rating when the callout shows none): such a label adds no
  finding. A label whose callouts disagree is only listed, with its counts;
- folders (topmost ones) that hold no pattern, to exclude, unless a file in them has a finding
  (then only listed: excluding would hide it);
- rules that fire on nearly every file they apply to (NOISY_SHARE of them, at least
  NOISY_MIN_FILES): a warning is lowered to `info` (still shown, never counted or failing the
  run), an error is only listed as a comment. An error is never hidden by what init writes.

The configuration is written as `.pattern-lint.toml` in PATH, or as the `[tool.pattern-lint]`
table of PATH's `pyproject.toml` when there is one (every other byte kept); an existing
configuration is replaced only with `--force`. The text is deterministic: sorted, no dates, no
absolute paths, so the same library gives the same bytes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter, defaultdict
from typing import TextIO

from .. import config as config_module
from .facts import crashed, facts_of
from .proposal import NOISY_MIN_FILES, NOISY_SHARE, Proposal, ignore_pattern, patternless_folders, plural, propose, render
from .toml import OWN_FILE, PYPROJECT, InitError, into_pyproject, pyproject_table, target_of, toml_string, write

EXIT_OK, EXIT_USAGE = 0, 2
# The library rules that judge one kind of link: they apply to the files with links of that kind.
LINK_RULES = {"dangling-link": "relationship", "dangling-inferred-link": "inferred", "dangling-body-link": "body"}
LINK_WORDS = {"relationship": "relationship links", "inferred": "inferred links", "body": "body links"}


# -- the command -----------------------------------------------------------------------------------

def main(argv: list[str], out: TextIO) -> int:
    from ..commandline import new_parser, say

    parser = new_parser("lint init", "Look at the library in PATH (default: the current folder) and write a starting "
                     "configuration: its vocabularies, confidence labels, folders without patterns to exclude, and "
                     "the rules that fire on nearly every file. Prints the findings before and after.")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH")
    parser.add_argument("--print", dest="print_only", action="store_true",
                        help="print the configuration on standard output instead of writing it (the summary goes "
                             "to standard error)")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing .pattern-lint.toml, or the [tool.pattern-lint] table of "
                             "pyproject.toml")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="read and check files in N processes (default: one per core when there are many)")
    args = parser.parse_args(argv)
    try:
        return _init(args, out)
    except InitError as exc:
        say("lint init", str(exc))
        return EXIT_USAGE


def _init(args, out: TextIO) -> int:
    from .. import discovery, parallel
    from ..commandline import writable
    from ..runner import run
    from ..settings import Settings

    folder = args.path
    if not os.path.isdir(folder):
        raise InitError(f"{folder}: not a folder" + ("" if os.path.exists(folder) else " (no such path)"))
    root = os.path.abspath(folder)
    target = target_of(root)
    shown_target = os.path.join(folder, os.path.basename(target))
    existing = None
    if not args.print_only:
        if os.path.basename(target) == OWN_FILE and os.path.exists(target) and not args.force:
            raise InitError(f"{shown_target} exists; run with --force to replace it, or --print to see the proposal")
        problem = writable(target)
        if problem is None and os.path.exists(target) and not os.access(os.path.dirname(os.path.realpath(target)),
                                                                         os.W_OK | os.X_OK):
            problem = f"{target}: cannot write there: the folder is not writable"
        if problem:
            raise InitError(problem + "; nothing written")
        if os.path.basename(target) == PYPROJECT:
            try:
                with open(target, "rb") as handle:
                    existing = handle.read().decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InitError(f"{shown_target}: cannot read it: {getattr(exc, 'strerror', None) or exc}") from None
            pyproject_table(existing, args.force, shown_target)  # refused now, not after the runs

    # the configuration in force today, for the "before" count
    try:
        ((current, _),) = discovery.configurations([folder])
    except config_module.ConfigError as exc:
        if not args.force:
            raise InitError(f"{exc} (the configuration in force now; --force replaces it)") from None
        current = config_module.Config(root=root)

    # the facts: every file read once, as the linter reads it
    fresh = config_module.Config(root=root)
    reading = Settings(config=fresh, cache_dir=None, live_fixes=False, jobs=args.jobs)
    listed = discovery.collect([folder], fresh)
    facts = dict(parallel.map_files(facts_of, [(path, None) for path in listed], (reading,), None, args.jobs,
                                    crashed))
    proposal = propose(root, facts)
    if proposal.patterns == 0:
        raise InitError(f"{folder}: no pattern files found ({plural(len(listed), 'file')} read; a pattern is a "
                        "Markdown file whose frontmatter has `id` or `slug`); nothing written")

    before = run([folder], Settings(config=current, cache_dir=None, live_fixes=False, jobs=args.jobs))
    fired_before: Counter = Counter()
    for finding in before.findings:
        fired_before[_folder_of(finding.path, root)] += 1
    for name, files in patternless_folders(root, facts):
        pattern = ignore_pattern(name)
        probe = config_module.Config(root=root, exclude=[*config_module.DEFAULT_EXCLUDE, pattern])
        if toml_string(pattern) is None or not probe.excluded(os.path.join(root, name), is_dir=True):
            continue
        findings = sum(n for where, n in fired_before.items() if where == name or where.startswith(name + "/"))
        if findings:
            proposal.exclude_listed.append((pattern, files, findings))
        else:
            proposal.exclude.append((pattern, files))

    # the checks with what is proposed so far, to find the rules that still fire on nearly every file
    draft = _load(render(proposal), root)
    middle = run([folder], Settings(config=draft, cache_dir=None, live_fixes=False, jobs=args.jobs, keep_library=True))
    proposal.noisy = _noisy(middle)
    text = render(proposal, "tool.pattern-lint" if os.path.basename(target) == PYPROJECT else None)
    final = _load(render(proposal), root)  # raises if the text does not load back: a bug, not the user's
    lowered = {rule for rule, severity, *_ in proposal.noisy if severity == "warning"}
    after_errors = sum(1 for f in middle.findings if final.severity.get(f.name, f.severity) == "error")
    after_warnings = sum(1 for f in middle.findings if final.severity.get(f.name, f.severity) == "warning")

    report = sys.stderr if args.print_only else out
    if args.print_only:
        out.write(text)
    else:
        if existing is not None:
            text = into_pyproject(existing, text, args.force, shown_target)
        try:
            write(target, text)
        except OSError as exc:
            raise InitError(f"{shown_target}: cannot write it: {exc.strerror or exc}; nothing written") from None
        report.write(f"wrote {shown_target}\n")
    _summary(report, proposal, lowered, before, (after_errors, after_warnings))
    return EXIT_OK


def _folder_of(path: str, root: str) -> str:
    return os.path.dirname(os.path.relpath(os.path.abspath(path), root)).replace(os.sep, "/")


def _load(text: str, root: str) -> config_module.Config:
    """The configuration `text` (a .pattern-lint.toml) as `lint` would load it, with `root` as its root."""
    with tempfile.TemporaryDirectory(prefix="pattern-lint-init-") as folder:
        path = os.path.join(folder, OWN_FILE)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        loaded = config_module.load(path)
    loaded.path, loaded.root = None, root
    return loaded


def _noisy(result) -> list[tuple[str, str, int, int, str, int]]:
    """(rule, severity, files it fired on, files it applies to, what those are, findings) of the rules
    that fire on nearly every file they apply to."""
    library = result.library
    entries = library.target_entries() if library is not None else []
    patterns = {os.path.abspath(e.path) for e in entries}
    with_format = {os.path.abspath(e.path) for e in entries if e.record.format is not None}
    with_links: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for link in library.links_of(entry):
            with_links[link.kind].add(os.path.abspath(entry.path))
    fired: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts: Counter = Counter()
    for finding in result.findings:
        if finding.severity in ("error", "warning"):
            fired[(finding.name, finding.severity)].add(os.path.abspath(finding.path))
            counts[(finding.name, finding.severity)] += 1
    rules = {rule.name: rule for rule in result.rules}
    out = []
    for (name, severity), files in sorted(fired.items()):
        if name in LINK_RULES:
            applies, what = with_links[LINK_RULES[name]], f"files with {LINK_WORDS[LINK_RULES[name]]}"
        elif name in rules and rules[name].needs_format:
            applies, what = with_format, "patterns of a known format"
        else:
            applies, what = patterns, "patterns"
        hits = len(files & applies)
        if applies and hits >= NOISY_MIN_FILES and hits >= NOISY_SHARE * len(applies):
            out.append((name, severity, hits, len(applies), what, counts[(name, severity)]))
    return out


def _summary(report: TextIO, proposal: Proposal, lowered: set[str], before, after: tuple[int, int]) -> None:
    added = sum(len(v) for v in proposal.vocabularies.values())
    rare = sum(len(v) for v in proposal.rare.values())
    found = ", ".join(f"{name} {n}" for name, n in sorted(proposal.formats.items()))
    if proposal.no_format:
        found += f"{', ' if found else ''}no known format {proposal.no_format}"
    report.write(f"{plural(proposal.patterns, 'pattern')} in {plural(proposal.files, 'file')} ({found})\n")
    report.write(f"vocabularies: {plural(added, 'value')} added, {plural(rare, 'rare value')} left as warnings\n")
    report.write(f"confidence labels: {len(proposal.labels)} added, {len(proposal.labels_listed)} only listed\n")
    report.write(f"folders without patterns: {len(proposal.exclude)} excluded, "
                 f"{len(proposal.exclude_listed)} only listed (they have findings)\n")
    if proposal.noisy:
        names = ", ".join(f"{rule} ({'lowered to info' if rule in lowered else severity + ', listed'})"
                          for rule, severity, *_ in proposal.noisy)
        report.write(f"rules on nearly every file: {names}\n")
    report.write(f"findings before: {plural(before.summary.errors, 'error')}, "
                 f"{plural(before.summary.warnings, 'warning')}\n")
    report.write(f"findings after:  {plural(after[0], 'error')}, {plural(after[1], 'warning')}\n")
