"""A relationship is recorded in one direction only.

What it checks
--------------
The format keeps some relationships in both directions (`links.reciprocal`; v7.1:
`generalizes_from` and `specializes_to`): when A lists B under `generalizes_from`, B must
list A under `specializes_to`, and the reverse. Reported on the file that lacks the entry,
at the list that should hold it (or its `relationships` group), when A or B is among the
files checked.

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
line break, it is left to you.
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


def check(library, options):
    listed: dict[int, set] = {}  # id() of a document -> (type, id() of the document named) of its entries

    def lists(entry, link_type: str, other) -> bool:
        if id(entry.doc) not in listed:
            listed[id(entry.doc)] = {(link.type, id(found.doc)) for link in library.links[id(entry.doc)]
                                     if link.kind == "relationship" and (found := library.resolve(link.target))}
        return (link_type, id(other.doc)) in listed[id(entry.doc)]

    for source in library.entries:
        pairs = source.doc.format.links.get("reciprocal", ()) if source.doc.format else ()
        for forward, backward in [tuple(p) for p in pairs] + [tuple(reversed(p)) for p in pairs]:
            told = set()  # a target listed twice lacks one entry: said once (duplicate-link reports the repeat)
            for link in library.links[id(source.doc)]:
                if link.kind != "relationship" or link.type != forward:
                    continue
                target = library.resolve(link.target)
                if target is None or target is source or target.doc.format is None \
                        or not target.doc.format.links.get("relationships"):
                    continue  # the target's format keeps no relationship lists to add the entry to
                if not (library.is_target(source) or library.is_target(target)) or id(target.doc) in told:
                    continue
                told.add(id(target.doc))
                if lists(target, backward, source):
                    continue
                group = tuple(target.doc.format.links["relationships"][0])
                line, column = target.doc.position(group + (backward,), key=True)
                value = source.id if _by_id(target) and source.id else source.name
                where = group + (backward,)
                # Only an entry that names `source` once written (not another pattern with the same name,
                # which would leave the finding for the next run to add again) and that can be written
                # (no control character or line break) is added.
                fixable = fix.can_add_to_list(target.doc, where) and fix.scalar(value) is not None \
                    and library.resolve(value) is source
                remedy = fix.Fix(f"add {value} to {backward}", False,
                                 make=partial(fix.add_to_list, path=where, value=value))
                yield Problem(line, column, f"`{source.name}` ({source.path}) lists this pattern under `{forward}`, "
                              f"but this pattern's `{backward}` does not list `{source.name}`; add it",
                              path=target.path, fix=remedy if fixable else None)


def _by_id(entry) -> bool:
    """Whether the file names its relationship targets by TypeID (the flat formats do)."""
    return bool(entry.doc.format.links.get("relationship_keys"))
