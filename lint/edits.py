"""Edit builders: the edits a fix makes in frontmatter, written the way the file writes its YAML.

Rules call these to propose fixes (`lint.findings.Edit`, `lint.findings.Fix`); `apply_edits`
applies edits to a text (`lint.fix` applies the fixes to files, the language server to buffers).
Nothing here reads or writes files.
"""

from __future__ import annotations

import dataclasses
import re

from .findings import Edit

# -- values written into YAML ----------------------------------------------------------------------

# What no value a fix writes may hold: C0 and C1 controls (tab and line ends too), the other line
# breaks YAML or editors know (U+2028, U+2029; U+0085 is C1), a byte order mark, and what YAML does
# not allow at all (U+FFFE, U+FFFF, lone surrogates). Such a value is refused, never escaped: it
# would not read back as what it says on one line, and printed it could drive a terminal.
_UNWRITABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A plain scalar that is text in every YAML reader: it starts with a letter or `_` (never a number,
# date, `.inf`, `-`, `~` or other indicator) and holds no space, `:`, `#`, `,` or bracket.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
# Words YAML 1.1 readers take for booleans or null (PyYAML knows all but y and n).
_NOT_TEXT = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def writable(text: str) -> bool:
    """Whether a fix may write `text` (see _UNWRITABLE)."""
    return _UNWRITABLE.search(text) is None


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(text: str) -> str | None:
    """`text` as a YAML scalar that reads back as that text, in a block or a flow context: plain when
    it is plainly text, else double-quoted as yaml-implicit-type quotes (`yes`, `123`, `1.10`,
    `2026-01-01`, `null` all are); None when it holds what no fix writes (`writable`)."""
    if not writable(text):
        return None
    if _PLAIN.fullmatch(text) and text.lower() not in _NOT_TEXT and _reads_as_text(text):
        return text
    return quoted(text)


def _reads_as_text(text: str) -> bool:
    import yaml
    from yaml.nodes import ScalarNode

    from .yamlnodes import STR

    return yaml.resolver.Resolver().resolve(ScalarNode, text, (True, False)) == STR


# -- edits in frontmatter --------------------------------------------------------------------------

def replace_value(doc, path: tuple, text: str) -> Edit | None:
    """An edit replacing the scalar at `path` (on one line) with `text`."""
    located = doc.positions.get(path)
    node = located.node if located else None
    if node is None or node.start_mark.line != node.end_mark.line:
        return None
    line = located.line
    return Edit(line, located.column, line, located.column + (node.end_mark.column - node.start_mark.column), text)


def can_add_to_list(doc, path: tuple) -> bool:
    """Whether `add_to_list` has a place to write (a flow list, or a block list with an entry)."""
    located = doc.positions.get(path)
    if located is None:
        return False
    if located.node is None:  # a library record (records.Record) keeps this answer instead
        return path in getattr(doc, "listable", ())  # (a document whose node was not kept: none)
    from .yamlnodes import can_extend

    return can_extend(located.node)


def add_to_list(doc, path: tuple, value: str) -> tuple[Edit, ...] | None:
    """Edits adding `value` to the list at `path`, in the style the list is written in:
    `[a, b]` gets `, value`; a block list gets a `- value` (or `- slug: value` when its entries
    are mappings named by `slug`, `id` or `target`) line with the same indentation. The value is
    written as `scalar` writes it (quoted when YAML would read it as something else). () when the
    list already holds it; None when there is no list to add to or the value cannot be written."""
    from yaml.nodes import MappingNode, SequenceNode

    located = doc.positions.get(path)
    node = located.node if located else None
    written = scalar(value)
    if not isinstance(node, SequenceNode) or written is None:
        return None
    if _listed(doc.get(*path), value):
        return ()
    if node.flow_style:
        if node.value:  # right after the last item: also right with `[x, ]` and a `]` on its own line
            last = doc.positions.get(path + (len(node.value) - 1,))
            item = node.value[-1]
            if last is None:
                return None
            line = last.line + item.end_mark.line - item.start_mark.line
            column = (item.end_mark.column + 1) if item.end_mark.line != item.start_mark.line \
                else last.column + item.end_mark.column - item.start_mark.column
            return (Edit(line, column, line, column, f", {written}", join=True),)
        end_line = located.line + node.end_mark.line - node.start_mark.line
        end_column = node.end_mark.column  # 1-based column of the closing `]` (0-based end just after it)
        return (Edit(end_line, end_column, end_line, end_column, written),)  # the next entries: next round
    if not node.value:
        return None
    first = doc.positions.get(path + (0,))
    item = node.value[0]
    if isinstance(item, MappingNode):
        keys = [k.value for k, _ in item.value]
        key = next((k for k in ("slug", "id", "target") if k in keys), None)
        if key is None:
            return None
        entry = f"- {key}: {written}"
    else:
        entry = f"- {written}"
    indent = " " * (first.column - 3) if first else ""  # the item starts after `- `
    lines = doc.text.split("\n")
    end_line = located.line + node.end_mark.line - node.start_mark.line  # where the next token starts
    before_next = node.end_mark.column <= len(lines[end_line - 1]) - len(lines[end_line - 1].lstrip())
    last = end_line - 1 if before_next else end_line
    while last > located.line and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
        last -= 1  # not after the blank lines and banner comments that follow the list
    return (Edit(last, len(lines[last - 1]) + 1, last, len(lines[last - 1]) + 1, f"\n{indent}{entry}", join=True),)


def add_all_to_list(doc, path: tuple, values: tuple[str, ...]) -> tuple[Edit, ...] | None:
    """Edits adding every one of `values` the list at `path` lacks, in one round: as `add_to_list`
    adds each (its insertions at one place all go in, in order), except that an empty flow list
    `[]` gets them all in one edit (`[a, b]`). () when the list holds them all; None when there is
    no list to add to or a value cannot be written."""
    from yaml.nodes import SequenceNode

    wanted = [value for value in dict.fromkeys(values) if not _listed(doc.get(*path), value)]
    if not wanted:
        return ()
    located = doc.positions.get(path)
    node = located.node if located else None
    if isinstance(node, SequenceNode) and node.flow_style and not node.value:
        written = [scalar(value) for value in wanted]
        if None in written:
            return None
        (edit,) = add_to_list(doc, path, wanted[0])
        return (dataclasses.replace(edit, text=", ".join(written)),)
    edits = []
    for value in wanted:
        made = add_to_list(doc, path, value)
        if made is None:
            return None
        edits.extend(made)
    return tuple(edits)


def _listed(entries, value: str) -> bool:
    """Whether a list holds `value`, as an entry or as the `slug`, `id` or `target` of one."""
    if not isinstance(entries, list):
        return False
    return any(entry == value or (isinstance(entry, dict) and value in (entry.get(k) for k in ("slug", "id", "target")))
               for entry in entries)


# -- applying edits to text ------------------------------------------------------------------------

def apply_edits(raw: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """`raw` with the edits that do not overlap an earlier one applied; returns the text and the edits used.
    The same edit twice is applied once (both count as used); `join` insertions at one place all go in."""
    newline = "\r\n" if "\r\n" in raw else "\n"
    starts = [0] + [m.end() for m in re.finditer("\n", raw)]  # not a Python loop over every character

    def offset(line: int, column: int) -> int:
        if line - 1 >= len(starts):
            return len(raw)
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(raw)
        if end > start and raw[end - 1] == "\r":
            end -= 1
        return min(start + column - 1, end)

    spans = sorted(((offset(e.line, e.column), offset(e.end_line, e.end_column), e) for e in edits),
                   key=lambda s: (s[0], s[1]))
    used, last_end, pieces, position = [], -1, [], 0
    done: set[tuple[int, int, str]] = set()
    previous = None
    for start, end, edit in spans:
        if (start, end, edit.text) in done:
            used.append(edit)  # another finding's copy of an edit made already
            continue
        joined = previous is not None and start == end == previous[0] == previous[1] and edit.join \
            and previous[2].join
        if not joined and (start < last_end or (start == last_end and used and start == end)):
            continue  # overlaps an edit already taken: next round
        pieces.append(raw[position:start])
        pieces.append(edit.text.replace("\n", newline))
        position = end
        last_end = max(end, start + 1 if start == end else end)
        used.append(edit)
        done.add((start, end, edit.text))
        previous = (start, end, edit)
    pieces.append(raw[position:])
    return "".join(pieces), used
