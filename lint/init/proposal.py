"""What `lint init` proposes from the facts (conventions, labels, folders to exclude) and the proposal as configuration text."""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .facts import FileFacts
from .toml import toml_string

CONVENTION_MIN_FILES = 3  # a value in fewer files is more likely a slip than a convention
CONVENTION_SHARE = 0.01  # ... and it must be in at least 1% of the files of its format
NOISY_SHARE = 0.8  # a rule firing on at least 80% of the files it applies to fires on "nearly every file"
NOISY_MIN_FILES = 5


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


def propose(root: str, facts: dict[str, FileFacts]) -> Proposal:
    from .. import formats as formats_module

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
            if value in known[name] or toml_string(value) is None:
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
        if label.casefold() in known_labels or toml_string(label) is None:
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


def patternless_folders(root: str, facts: dict[str, FileFacts]) -> list[tuple[str, int]]:
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


def ignore_pattern(folder: str) -> str:
    """A gitignore pattern for exactly `folder` (relative to the root): anchored, special characters escaped."""
    return "/" + re.sub(r"([\\*?\[\]!# ])", r"\\\1", folder) + "/"


# -- the TOML text -----------------------------------------------------------------------------------

def _stars(count: int) -> str:
    return "★" * count + "☆" * (3 - count) if 0 <= count <= 3 else f"{count} stars"


def plural(n: int, word: str) -> str:
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
    add(f"# {plural(proposal.files, 'file')}, {plural(proposal.patterns, 'pattern')}; "
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
            add(f"    {toml_string(pattern)},  # {plural(files, 'file')}, none a pattern")
        for pattern, files, findings in proposal.exclude_listed:
            add(f"    # {toml_string(pattern)},  # {plural(files, 'file')}, none a pattern, but "
                f"{plural(findings, 'finding')} that excluding would hide")
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
                add(f"    {toml_string(value)},  # {_per_format(per_format, proposal)}")
            add("]")
        for value, per_format in proposal.rare.get(name, []):
            add(f"# {name}: {toml_string(value)} is rare ({_per_format(per_format, proposal)}): left a warning")
        for value, same, files in proposal.spellings.get(name, []):
            add(f"# {name}: {toml_string(value)} ({plural(files, 'file')}) is a spelling of "
                f"{toml_string(same)}: `lint --fix --unsafe-fixes` writes {toml_string(same)}")
    if proposal.labels or proposal.labels_listed:
        add("")
        add("# Confidence labels of the callouts (`Confidence Rating: ★★★ (Label)`), as stars:")
        for label, stars, files in proposal.labels:
            add(f"confidence-labels.{toml_string(label)} = {stars}  # {plural(files, 'file')}, all with "
                f"{_stars(stars)}")
        for label, counts in proposal.labels_listed:
            shown = ", ".join(f"{plural(n, 'file')} with {_stars(stars)}" for stars, n in counts.items())
            why = ("its callouts disagree; add it with the stars it means to have the others reported"
                   if len(counts) > 1 else "rare, not added")
            add(f"# confidence-labels.{toml_string(label)}: {shown}: {why}")
    if proposal.noisy:
        add("")
        add(f"# Rules that fire on nearly every file they apply to ({NOISY_SHARE:.0%} of them or more): the library "
            "may have a")
        add("# convention they do not know, or be a partial copy. Warnings are lowered to info (still shown, never")
        add("# counted or failing); errors are only listed. Decide for each: fix, keep, lower or ignore it.")
        for rule, severity, fired, applies, what, findings in proposal.noisy:
            note = (f"{severity} on {fired} of the {applies} {what} ({plural(findings, 'finding')})")
            if severity == "warning":
                add(f"severity.{rule} = \"info\"  # {note}")
            else:
                add(f"# severity.{rule} = \"warning\"  # {note}")
    return "\n".join(lines) + "\n"
