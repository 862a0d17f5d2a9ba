"""A relationship is recorded in one direction only.

What it checks
--------------
The format keeps some relationships in both directions (`links.reciprocal`; v7.1:
`generalizes_from` and `specializes_to`): when A lists B under `generalizes_from`, B must
list A under `specializes_to`, and the reverse. Reported on the file that lacks the entry,
at the list that should hold it (or its `relationships` group), when A or B is among the
files checked. One finding per list that lacks entries: when several patterns are missing
from it, the message says how many and names the first three (with their files).

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

from lint import fix
from lint.findings import Problem


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

    for (_, forward, backward), (target, sources) in missing.items():
        group = tuple(target.record.format.links["relationships"][0])
        line, column = target.record.position(group + (backward,), key=True)
        where = group + (backward,)
        # Only entries that name their source once written (not another pattern with the same name,
        # which would leave the finding for the next run to add again) and that can be written (no
        # control character or line break) are added; the others stay in the finding, not fixable.
        values = [value for source in sources
                  if fix.scalar(value := _value(target, source)) is not None and library.resolve(value) is source]
        remedy = None
        if values and fix.can_add_to_list(target.record, where):
            title = f"add {', '.join(values)} to {backward}" if len(values) <= SHOWN \
                else f"add {len(values)} entries to {backward}"
            remedy = fix.Fix(title, False, make=partial(fix.add_all_to_list, path=where, values=tuple(values)))
        yield Problem(line, column, _message(forward, backward, sources), path=target.path, fix=remedy)


def _value(target, source) -> str:
    return source.id if _by_id(target) and source.id else source.name


def _message(forward: str, backward: str, sources: list) -> str:
    if len(sources) == 1:
        (source,) = sources
        return (f"`{source.name}` ({source.path}) lists this pattern under `{forward}`, "
                f"but this pattern's `{backward}` does not list `{source.name}`; add it")
    named = ", ".join(f"`{s.name}` ({s.path})" for s in sources[:SHOWN])
    more = len(sources) - SHOWN
    return (f"{len(sources):,} patterns list this pattern under `{forward}`, but this pattern's `{backward}` "
            f"lists none of them: {named}" + (f" and {more:,} more" if more > 0 else "") + "; add them")


def _by_id(entry) -> bool:
    """Whether the file names its relationship targets by TypeID (the flat formats do)."""
    return bool(entry.record.format.links.get("relationship_keys"))
