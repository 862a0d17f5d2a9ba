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

import argparse
import math
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, TextIO

from . import config as config_module

EXIT_OK, EXIT_USAGE = 0, 2
CONVENTION_MIN_FILES = 3  # a value in fewer files is more likely a slip than a convention
CONVENTION_SHARE = 0.01  # ... and it must be in at least 1% of the files of its format
NOISY_SHARE = 0.8  # a rule firing on at least 80% of the files it applies to fires on "nearly every file"
NOISY_MIN_FILES = 5
# The library rules that judge one kind of link: they apply to the files with links of that kind.
LINK_RULES = {"dangling-link": "relationship", "dangling-inferred-link": "inferred", "dangling-body-link": "body"}
LINK_WORDS = {"relationship": "relationship links", "inferred": "inferred links", "body": "body links"}
PYPROJECT, OWN_FILE = "pyproject.toml", ".pattern-lint.toml"


class InitError(Exception):
    """A usage error: said on standard error, exit status 2, nothing written."""


# -- facts, gathered from each file with the linter's own reader ------------------------------------

@dataclass
class FileFacts:
    is_pattern: bool = False
    format: str | None = None
    values: dict[str, list[str]] = field(default_factory=dict)  # vocabulary name -> values used
    rating: tuple[str, int] | None = None  # (label, stars meant) of the confidence callout


def _facts_of(path: str, data: bytes | None, options) -> FileFacts:
    from . import reconcile
    from .engine import load

    try:
        doc = load(path, options, data)
    except Exception:  # the check run reports it as an internal error; here it simply adds nothing
        return FileFacts()
    facts = FileFacts(is_pattern=bool(doc.is_pattern))
    fmt = doc.format if facts.is_pattern and isinstance(doc.frontmatter, dict) else None
    if fmt is None:
        return facts
    facts.format = fmt.name
    for vocabulary in fmt.vocabularies:
        name = vocabulary.name.replace(" ", "_")
        if vocabulary.path:
            value = doc.get(*vocabulary.path)
            used = [value] if isinstance(value, str) else []
        else:
            mapping = doc.get(*vocabulary.keys_of)
            used = sorted({key for key in mapping if isinstance(key, str)}) if isinstance(mapping, dict) else []
        if used:
            facts.values[name] = used
    confidence = fmt.body.get("confidence")
    if confidence:
        try:
            rating = reconcile.confidence_rating(doc)
        except Exception:
            rating = None
        if rating is not None and rating.label:
            stars = rating.stars
            if stars is None and confidence.get("path"):
                stated = doc.get(*confidence["path"])
                stars = stated if isinstance(stated, int) and not isinstance(stated, bool) else None
            if stars is not None:
                facts.rating = (rating.label, stars)
    return facts


def _crashed(path: str) -> FileFacts:
    return FileFacts()


# -- what to propose -------------------------------------------------------------------------------

@dataclass
class Proposal:
    files: int = 0
    patterns: int = 0
    formats: Counter = field(default_factory=Counter)  # format name -> pattern files
    no_format: int = 0
    vocabularies: dict[str, list[tuple[str, dict[str, int]]]] = field(default_factory=dict)  # name -> [(value, per format)]
    rare: dict[str, list[tuple[str, dict[str, int]]]] = field(default_factory=dict)
    spellings: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)  # name -> [(value, known, files)]
    labels: list[tuple[str, int, int]] = field(default_factory=list)  # (label, stars, files)
    labels_listed: list[tuple[str, dict[int, int]]] = field(default_factory=list)  # not written: stars -> files
    exclude: list[tuple[str, int]] = field(default_factory=list)  # (gitignore pattern, files)
    exclude_listed: list[tuple[str, int, int]] = field(default_factory=list)  # (pattern, files, findings)
    noisy: list[tuple[str, str, int, int, str, int]] = field(default_factory=list)
    # (rule, severity, files fired on, files it applies to, what those files are, findings)


def convention_threshold(files_of_format: int) -> int:
    """How many files of a format must use a value for it to be a convention."""
    return max(CONVENTION_MIN_FILES, math.ceil(CONVENTION_SHARE * files_of_format))


def _propose(root: str, facts: dict[str, FileFacts]) -> Proposal:
    from . import formats as formats_module

    proposal = Proposal(files=len(facts))
    used: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))  # vocab -> value -> format -> files
    ratings: dict[str, Counter] = defaultdict(Counter)  # label -> stars -> files
    for item in facts.values():
        if not item.is_pattern:
            continue
        proposal.patterns += 1
        if item.format is None:
            proposal.no_format += 1
            continue
        proposal.formats[item.format] += 1
        for name, values in item.values.items():
            for value in values:
                used[name][value][item.format] += 1
        if item.rating is not None:
            ratings[item.rating[0]][item.rating[1]] += 1
    known: dict[str, set[str]] = defaultdict(set)
    for fmt in formats_module.FORMATS:
        for vocabulary in fmt.vocabularies:
            known[vocabulary.name.replace(" ", "_")].update(vocabulary.values)
    for name in sorted(used):
        for value in sorted(used[name]):
            if value in known[name] or _toml_string(value) is None:
                continue
            per_format = dict(sorted(used[name][value].items()))
            same = _spelling_of(value, known[name])
            if same is not None:
                proposal.spellings.setdefault(name, []).append((value, same, sum(per_format.values())))
            elif any(n >= convention_threshold(proposal.formats[f]) for f, n in per_format.items()):
                proposal.vocabularies.setdefault(name, []).append((value, per_format))
            else:
                proposal.rare.setdefault(name, []).append((value, per_format))
    label_formats = [f for f in formats_module.FORMATS if f.body.get("confidence")]
    known_labels = {label.casefold() for f in label_formats for label in f.body["confidence"].get("labels", {})}
    with_callout = sum(proposal.formats[f.name] for f in label_formats)
    for label in sorted(ratings):
        if label.casefold() in known_labels or _toml_string(label) is None:
            continue
        counts = ratings[label]
        total = sum(counts.values())
        if len(counts) == 1 and total >= convention_threshold(with_callout) and next(iter(counts)) in (1, 2, 3):
            proposal.labels.append((label, next(iter(counts)), total))
        else:
            proposal.labels_listed.append((label, dict(sorted(counts.items()))))
    return proposal


def _spelling_of(value: str, known: set[str]) -> str | None:
    normal = value.strip().lower().replace("-", "_").replace(" ", "_")
    return next((k for k in sorted(known) if k.lower().replace("-", "_").replace(" ", "_") == normal), None)


def _patternless_folders(root: str, facts: dict[str, FileFacts]) -> list[tuple[str, int]]:
    """(folder relative to root, files in it) of the topmost folders that hold files but no pattern."""
    holding: set[str] = set()  # folders with a pattern in them or below
    files: Counter = Counter()  # folder -> files in it or below
    for path, item in facts.items():
        relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
        if relative.startswith("../"):
            continue
        parts = relative.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            files[folder] += 1
            if item.is_pattern:
                holding.add(folder)
    out = []
    for folder in sorted(files):
        parent = folder.rsplit("/", 1)[0] if "/" in folder else None
        if folder not in holding and (parent is None or parent in holding):
            out.append((folder, files[folder]))
    return out


def _ignore_pattern(folder: str) -> str:
    """A gitignore pattern for exactly `folder` (relative to the root): anchored, special characters escaped."""
    return "/" + re.sub(r"([\\*?\[\]!# ])", r"\\\1", folder) + "/"


# -- the TOML text -----------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_string(value: str) -> str | None:
    """`value` as a TOML basic string; None when TOML cannot hold it (a lone surrogate)."""
    out = ['"']
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return None
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _stars(count: int) -> str:
    return "★" * count + "☆" * (3 - count) if 0 <= count <= 3 else f"{count} stars"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _per_format(per_format: dict[str, int], proposal: Proposal) -> str:
    return ", ".join(f"{n} of {proposal.formats[name]} {name} files" for name, n in per_format.items())


def render(proposal: Proposal, table: str | None = None) -> str:
    """The configuration's text: at the top level, or as `[table]` (dotted keys inside it, so that it
    is one table with no sub-tables)."""
    lines: list[str] = []
    add = lines.append
    if table:
        add(f"[{table}]")
    add("# Written by `lint init` from the library as it was; review it, then keep it in version control.")
    found = ", ".join(f"{name} {n}" for name, n in sorted(proposal.formats.items()))
    add(f"# {_plural(proposal.files, 'file')}, {_plural(proposal.patterns, 'pattern')}; "
        f"pattern files per format: {found or 'none'}" + (f", no known format {proposal.no_format}"
                                                        if proposal.no_format else "") + ".")
    add(f"# A value is a convention when at least {CONVENTION_MIN_FILES} files and {CONVENTION_SHARE:.0%} of "
        "the files of its format use it;")
    add("# rarer values stay warnings (`unknown-vocabulary`) until you add them.")
    if proposal.exclude or proposal.exclude_listed:
        add("")
        add("# Folders that hold no pattern:")
        add("exclude = [")
        for pattern, files in proposal.exclude:
            add(f"    {_toml_string(pattern)},  # {_plural(files, 'file')}, none a pattern")
        for pattern, files, findings in proposal.exclude_listed:
            add(f"    # {_toml_string(pattern)},  # {_plural(files, 'file')}, none a pattern, but "
                f"{_plural(findings, 'finding')} that excluding would hide")
        add("]")
    vocabularies = sorted(set(proposal.vocabularies) | set(proposal.rare) | set(proposal.spellings))
    if vocabularies:
        add("")
        add("# Vocabulary values the formats do not know, with the files that use each:")
    for name in vocabularies:
        values = proposal.vocabularies.get(name, [])
        if values:
            add(f"vocabularies.{name} = [")
            for value, per_format in values:
                add(f"    {_toml_string(value)},  # {_per_format(per_format, proposal)}")
            add("]")
        for value, per_format in proposal.rare.get(name, []):
            add(f"# {name}: {_toml_string(value)} is rare ({_per_format(per_format, proposal)}): left a warning")
        for value, same, files in proposal.spellings.get(name, []):
            add(f"# {name}: {_toml_string(value)} ({_plural(files, 'file')}) is a spelling of "
                f"{_toml_string(same)}: `lint --fix --unsafe-fixes` writes {_toml_string(same)}")
    if proposal.labels or proposal.labels_listed:
        add("")
        add("# Confidence labels of the callouts (`Confidence Rating: ★★★ (Label)`), as stars:")
        for label, stars, files in proposal.labels:
            add(f"confidence-labels.{_toml_string(label)} = {stars}  # {_plural(files, 'file')}, all with "
                f"{_stars(stars)}")
        for label, counts in proposal.labels_listed:
            shown = ", ".join(f"{_plural(n, 'file')} with {_stars(stars)}" for stars, n in counts.items())
            why = ("its callouts disagree; add it with the stars it means to have the others reported"
                   if len(counts) > 1 else "rare, not added")
            add(f"# confidence-labels.{_toml_string(label)}: {shown}: {why}")
    if proposal.noisy:
        add("")
        add(f"# Rules that fire on nearly every file they apply to ({NOISY_SHARE:.0%} of them or more): the library "
            "may have a")
        add("# convention they do not know, or be a partial copy. Warnings are lowered to info (still shown, never")
        add("# counted or failing); errors are only listed. Decide for each: fix, keep, lower or ignore it.")
        for rule, severity, fired, applies, what, findings in proposal.noisy:
            note = (f"{severity} on {fired} of the {applies} {what} ({_plural(findings, 'finding')})")
            if severity == "warning":
                add(f"severity.{rule} = \"info\"  # {note}")
            else:
                add(f"# severity.{rule} = \"warning\"  # {note}")
    return "\n".join(lines) + "\n"


# -- where it goes ---------------------------------------------------------------------------------

_HEADER = re.compile(r"""^[ \t]*\[(?!\[)[ \t]*tool[ \t]*\.[ \t]*(?:pattern-lint|"pattern-lint"|'pattern-lint')[ \t]*[.\]]""")
_ANY_HEADER = re.compile(r"^[ \t]*\[")


def target_of(folder: str) -> str:
    own = os.path.join(folder, OWN_FILE)
    pyproject = os.path.join(folder, PYPROJECT)
    if os.path.exists(own) or not os.path.isfile(pyproject):
        return own
    return pyproject


def _without_table(data: dict) -> dict:
    out = dict(data)
    tool = dict(out.get("tool", {})) if isinstance(out.get("tool"), dict) else out.get("tool")
    if isinstance(tool, dict):
        tool.pop("pattern-lint", None)
        out["tool"] = tool
        if not tool:
            del out["tool"]
    return out


def _pyproject_table(text: str, force: bool, where: str) -> tuple[dict, bool]:
    """(`text` read as TOML, whether it has [tool.pattern-lint]); InitError when it cannot be read, or
    has the table and `force` is not given."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InitError(f"{where}: not valid TOML ({exc}); nothing written") from None
    has_table = isinstance(data.get("tool"), dict) and "pattern-lint" in data["tool"]
    if has_table and not force:
        raise InitError(f"{where} already has [tool.pattern-lint]; run with --force to replace that table, "
                        "or --print to see the proposal")
    return data, has_table


def into_pyproject(text: str, table_text: str, force: bool, where: str) -> str:
    """`text` (a pyproject.toml) with `table_text` as its `[tool.pattern-lint]`: appended, or with
    `force` in place of the one there. Every other byte is kept; checked by reading both back."""
    import tomllib

    before, has_table = _pyproject_table(text, force, where)
    newline = "\r\n" if "\r\n" in text else "\n"
    table_text = table_text.replace("\n", newline)
    lines = text.splitlines(keepends=True)
    if not has_table:
        out = text
        if out and not out.endswith(("\n", "\r")):
            out += newline
        out = out + (newline if out.strip() else "") + table_text
    else:
        kept: list[str] = []
        at = None
        inside = False
        removed: list[str] = []
        for line in lines:
            if _ANY_HEADER.match(line):
                was_inside, inside = inside, bool(_HEADER.match(line))
                if was_inside and not inside:  # the comments right above the next table are that table's
                    attached = []
                    while removed and removed[-1].lstrip().startswith("#"):
                        attached.insert(0, removed.pop())
                    kept += attached
                if inside:
                    # the comments right above the header (no blank line between) belong to it
                    while kept and kept[-1].lstrip().startswith("#"):
                        kept.pop()
                    if at is None:
                        at = len(kept)
            (removed if inside else kept).append(line)
        if at is None:
            raise InitError(f"{where}: [tool.pattern-lint] is not written as a table header; remove it by hand, "
                            "or use --print")
        if kept[:at] and not kept[at - 1].endswith(("\n", "\r")):
            kept[at - 1] += newline
        rest = kept[at:]
        block = table_text + (newline if rest and rest[0].strip() else "")
        out = "".join(kept[:at]) + block + "".join(rest)
    try:
        after = tomllib.loads(out)
    except tomllib.TOMLDecodeError:
        after = None
    expected = tomllib.loads(table_text).get("tool", {}).get("pattern-lint")
    if after is None or _without_table(after) != _without_table(before) or \
            after.get("tool", {}).get("pattern-lint") != expected:
        raise InitError(f"{where}: cannot replace [tool.pattern-lint] without touching the rest of the file "
                        "(is part of it written with dotted keys elsewhere?); edit it by hand, or use --print")
    return out


def _write(path: str, text: str) -> None:
    """Write `text` to `path` whole or not at all (a temporary file renamed over it), keeping its mode."""
    import shutil

    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    handle, temporary = tempfile.mkstemp(prefix=".pattern-lint-init-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if os.path.exists(real):
            shutil.copymode(real, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- the command -----------------------------------------------------------------------------------

def main(argv: list[str], out: TextIO) -> int:
    from .commandline import new_parser, say

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
    from . import discovery, parallel
    from .commandline import writable
    from .runner import run
    from .settings import Settings

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
            _pyproject_table(existing, args.force, shown_target)  # refused now, not after the runs

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
    facts = dict(parallel.map_files(_facts_of, [(path, None) for path in listed], (reading,), None, args.jobs,
                                    _crashed))
    proposal = _propose(root, facts)
    if proposal.patterns == 0:
        raise InitError(f"{folder}: no pattern files found ({_plural(len(listed), 'file')} read; a pattern is a "
                        "Markdown file whose frontmatter has `id` or `slug`); nothing written")

    before = run([folder], Settings(config=current, cache_dir=None, live_fixes=False, jobs=args.jobs))
    fired_before: Counter = Counter()
    for finding in before.findings:
        fired_before[_folder_of(finding.path, root)] += 1
    for name, files in _patternless_folders(root, facts):
        pattern = _ignore_pattern(name)
        probe = config_module.Config(root=root, exclude=[*config_module.DEFAULT_EXCLUDE, pattern])
        if _toml_string(pattern) is None or not probe.excluded(os.path.join(root, name), is_dir=True):
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
            _write(target, text)
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
    report.write(f"{_plural(proposal.patterns, 'pattern')} in {_plural(proposal.files, 'file')} ({found})\n")
    report.write(f"vocabularies: {_plural(added, 'value')} added, {_plural(rare, 'rare value')} left as warnings\n")
    report.write(f"confidence labels: {len(proposal.labels)} added, {len(proposal.labels_listed)} only listed\n")
    report.write(f"folders without patterns: {len(proposal.exclude)} excluded, "
                 f"{len(proposal.exclude_listed)} only listed (they have findings)\n")
    if proposal.noisy:
        names = ", ".join(f"{rule} ({'lowered to info' if rule in lowered else severity + ', listed'})"
                          for rule, severity, *_ in proposal.noisy)
        report.write(f"rules on nearly every file: {names}\n")
    report.write(f"findings before: {_plural(before.summary.errors, 'error')}, "
                 f"{_plural(before.summary.warnings, 'warning')}\n")
    report.write(f"findings after:  {_plural(after[0], 'error')}, {_plural(after[1], 'warning')}\n")
