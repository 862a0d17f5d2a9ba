"""A relationship is recorded in one direction only.

What it checks
--------------
The format keeps some relationships in both directions (`links.reciprocal`; v7.1:
`generalizes_from` and `specializes_to`): when A lists B under `generalizes_from`, B must
list A under `specializes_to`, and the reverse. Reported on the file that lacks the entry,
at the list that should hold it (or its `relationships` group), when A or B is among the
files checked. One finding per list that lacks entries: when several patterns are missing
from it, the message says how many and names the first three (with their files).

When A's entry names B, B does not list A back, and a pattern C alike to B (the same title, or
a slug that extends B's or that B's extends, `ce-leverage-point-identification` beside
`leverage-point-identification`) lists A and is not listed by A, the entry is most likely the
mistake: one finding at A's entry, "did you mean C?", without a fix (instead of two missing
links, whose fixes would add a wrong link to B).

Why it matters
--------------
Navigation runs both ways: a reader on B never finds A when only A records the link.
ADR-0005 keeps both directions on purpose.

Example
-------
    a.md:  generalizes_from: [b]
    b.md:  specializes_to: []          # <- missing `a`

How to fix
----------
Add the missing entry to the file reported, in the list named. `--fix --unsafe-fixes`
adds it in the style that list is written in (flow `[a, b]` or block `- a`, by slug, or by
TypeID in the flat format), quoted when YAML would read it as something else (`"yes"`,
`"123"`); when the list is missing altogether, or the name holds a control character or a
line break, it is left to you. The fix of a list that lacks several entries adds them all
(those that can be written) in one go.

What it does not report
-----------------------
- A link to a pattern that is not in the library (dangling-link) or to the file itself
  (self-link), and a target whose format keeps no relationship lists (the collection
  format): there is no list to add the entry to.
- A pair where neither file is among the files checked: a run on one file reports only what
  that file lacks or what it causes another to lack.
- The same target twice in one list is one missing entry (duplicate-link reports the repeat).
"""

CODE = "PL609"
NAME = "missing-reciprocal-link"
GROUP = "graph"
SEVERITY = "warning"
SCOPE = "library"
FIXABLE = True

from functools import partial

from lint.edits import add_all_to_list, can_add_to_list, scalar
from lint.findings import Fix, Problem


SHOWN = 3  # of several missing entries, the first this many are named in the message


def check(library, options):
    listed: dict[int, set] = {}  # id() of a record -> (type, id() of the record named) of its entries

    def lists(entry, link_type: str, other) -> bool:
        if id(entry.record) not in listed:
            listed[id(entry.record)] = {(link.type, id(found.record)) for link in library.links_of(entry)
                                     if link.kind == "relationship" and (found := library.resolve(link.target))}
        return (link_type, id(other.record)) in listed[id(entry.record)]

    # One finding per list that lacks entries (a pattern 150 others generalize from got 150 findings
    # on one line): (id() of the target's record, forward, backward) -> (target, [sources]).
    missing: dict[tuple, tuple] = {}
    for source in library.entries:
        pairs = source.record.format.links.get("reciprocal", ()) if source.record.format else ()
        for forward, backward in [tuple(p) for p in pairs] + [tuple(reversed(p)) for p in pairs]:
            told = set()  # a target listed twice lacks one entry: said once (duplicate-link reports the repeat)
            for link in library.links_of(source):
                if link.kind != "relationship" or link.type != forward:
                    continue
                target = library.resolve(link.target)
                if target is None or target is source or target.record.format is None \
                        or not target.record.format.links.get("relationships"):
                    continue  # the target's format keeps no relationship lists to add the entry to
                if not (library.is_target(source) or library.is_target(target)) or id(target.record) in told:
                    continue
                told.add(id(target.record))
                if not lists(target, backward, source):
                    missing.setdefault((id(target.record), forward, backward), (target, []))[1].append(source)

    yield from _mistaken_entries(library, missing)
    for (_, forward, backward), (target, sources) in missing.items():
        if not sources:
            continue
        group = tuple(target.record.format.links["relationships"][0])
        line, column = target.record.position(group + (backward,), key=True)
        where = group + (backward,)
        # Only entries that name their source once written (not another pattern with the same name,
        # which would leave the finding for the next run to add again) and that can be written (no
        # control character or line break) are added; the others stay in the finding, not fixable.
        values = [value for source in sources
                  if scalar(value := _value(target, source)) is not None and library.resolve(value) is source]
        remedy = None
        if values and can_add_to_list(target.record, where):
            title = f"add {', '.join(values)} to {backward}" if len(values) <= SHOWN \
                else f"add {len(values)} entries to {backward}"
            remedy = Fix(title, False, make=partial(add_all_to_list, path=where, values=tuple(values)))
        yield Problem(line, column, _message(forward, backward, sources), path=target.path, fix=remedy)


def _mistaken_entries(library, missing: dict):
    """An entry naming the wrong one of two alike patterns is one mistake, not two missing links:
    `X` lists `T` under `forward`, `T` does not list `X` back, while `U`, a pattern with the same
    title or a slug that extends `T`'s (`ce-leverage-point-identification` beside
    `leverage-point-identification`), lists `X` under `backward` and `X` does not list `U`. Reported
    once at `X`'s entry ("did you mean `U`?"); both missing-link findings are dropped (their fixes
    would add a wrong link to `T` and a second one to `X`)."""
    for (_, forward, backward), (target, sources) in list(missing.items()):
        for source in list(sources):
            other = missing.get((id(source.record), backward, forward))  # patterns listing `source` that it does not list
            alike = next((u for u in other[1] if u is not target and _alike(u, target)), None) if other else None
            if alike is None:
                continue
            link = next((link for link in library.links_of(source) if link.kind == "relationship"
                         and link.type == forward and library.resolve(link.target) is target), None)
            if link is None:
                continue
            sources.remove(source)
            other[1].remove(alike)
            yield Problem(link.line, link.column,
                          f"`{forward}` entry `{link.target}` names `{target.name}` ({target.path}), which does "
                          f"not list this pattern under `{backward}`, while `{alike.name}` ({alike.path}), "
                          f"{_how_alike(alike, target)}, lists it there and is not listed here: did you mean "
                          f"`{alike.name}`?", path=source.path)


def _alike(one, other) -> bool:
    return _how_alike(one, other) != ""


def _how_alike(one, other) -> str:
    if one.title and other.title and one.title.strip().casefold() == other.title.strip().casefold():
        return "with the same title"
    a, b = one.name, other.name
    if a.endswith("-" + b) or b.endswith("-" + a):
        return "whose slug extends it" if a.endswith("-" + b) else "whose slug it extends"
    return ""


def _value(target, source) -> str:
    return source.id if _by_id(target) and source.id else source.name


def _message(forward: str, backward: str, sources: list) -> str:
    if len(sources) == 1:
        (source,) = sources
        return (f"`{source.name}` ({source.path}) lists this pattern under `{forward}`, "
                f"but this pattern's `{backward}` does not list `{source.name}`; add it here, or remove the entry "
                f"there if it names the wrong pattern")
    named = ", ".join(f"`{s.name}` ({s.path})" for s in sources[:SHOWN])
    more = len(sources) - SHOWN
    return (f"{len(sources):,} patterns list this pattern under `{forward}`, but this pattern's `{backward}` "
            f"lists none of them: {named}" + (f" and {more:,} more" if more > 0 else "")
            + "; add them here, or remove the entries there that name the wrong pattern")


def _by_id(entry) -> bool:
    """Whether the file names its relationship targets by TypeID (the flat formats do)."""
    return bool(entry.record.format.links.get("relationship_keys"))
