"""`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, with the C encoder doing the work.

The standard library uses its C encoder only without `indent`; with it, every value goes through
the pure-Python one (0.3 s of a warm run that reports 10,000 findings). Here the C encoder writes
the indentation itself, as its item separator (`",\\n"` and the next line's indent): a leaf
container (a list or mapping of strings, numbers, booleans and nulls) is one encoder call, and a
list of such mappings, a report's findings, one call per BATCH of them (the text of a whole report at
once would hold tens of MB: `write` writes a batch at a time). That works because an
encoded string never holds a raw line break (the encoder writes `\\n`), so the separator is found
only between items, and in a list of mappings of plain values a separator followed by `{` only
between two of the mappings, where the list's own indent is put back in. Other containers (a report's
top level, a few keys) are joined here. Anything else (keys that are not strings, subclasses,
objects a `default` would turn into data) is left to the standard library, so the text is always
its own.

A report's findings may also come as `Rows`: the mappings' keys once and each mapping's values as a
tuple, written as the list of mappings would be without making them (a warm run's 10,000 findings:
each column's values encoded by one `map`, each mapping's text by one `%`).
"""

from __future__ import annotations

import json
from itertools import chain
from json.encoder import encode_basestring

_PLAIN = frozenset((str, int, float, bool, type(None)))
_encoders: dict[str, json.JSONEncoder] = {}
BATCH = 2_000


def dumps(value, indent: int = 2) -> str:
    """The text of `json.dumps(value, indent=indent, ensure_ascii=False)`."""
    if not _usable(value):
        return json.dumps(_standard(value), indent=indent, ensure_ascii=False)
    return "".join(_pieces(value, 0, " " * indent))


def write(value, out, indent: int = 2) -> None:
    """`json.dump(value, out, indent=indent, ensure_ascii=False)`: the same text, written a batch of
    mappings at a time."""
    if not _usable(value):
        json.dump(_standard(value), out, indent=indent, ensure_ascii=False)
        return
    for piece in _pieces(value, 0, " " * indent):
        out.write(piece)


def _standard(value):
    """`value` with its Rows made into the mappings they stand for (for the standard library)."""
    kind = type(value)
    if kind is Rows:
        return value.mappings()
    if kind is dict:
        return {key: _standard(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return kind(map(_standard, value))
    return value


def strings(values: list[str]) -> list[str]:
    """`json.dumps(value, ensure_ascii=False)` of each string, in one encoder call: separated by line
    breaks, which no encoded string holds."""
    if not all(type(value) is str for value in values):
        return [json.dumps(value, ensure_ascii=False) for value in values]
    return _encode(values, "\n")[1:-1].split("\n") if values else []


def _encode(value, separator: str) -> str:
    """`value` in the C encoder (when the interpreter has it), items separated by `separator`."""
    encoder = _encoders.get(separator)
    if encoder is None:
        encoder = _encoders[separator] = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": "))
    return encoder.encode(value)


def _plain(container) -> bool:
    if type(container) is dict:
        return all(type(key) is str for key in container) and all(type(v) in _PLAIN for v in container.values())
    return all(type(v) in _PLAIN for v in container)


def _plain_mappings(items) -> bool:
    """Whether `items` are non-empty mappings with text keys and plain values (checked by map, not
    item by item: a report's 10,000 findings)."""
    return set(map(type, items)) == {dict} and all(items) and set(map(type, chain.from_iterable(items))) == {str} \
        and set(map(type, chain.from_iterable(map(dict.values, items)))) <= _PLAIN


class Rows:
    """A list of mappings that all have `keys`, in that order: `rows` holds each one's values (plain
    values: str, int, float, bool, None). Written as `[dict(zip(keys, row)) for row in rows]` is."""

    __slots__ = ("keys", "rows")

    def __init__(self, keys: tuple[str, ...], rows: list[tuple]) -> None:
        self.keys = tuple(keys)
        self.rows = rows

    def mappings(self) -> list[dict]:
        return [dict(zip(self.keys, row)) for row in self.rows]

    def usable(self) -> bool:
        return bool(self.keys) and all(type(key) is str for key in self.keys) \
            and set(map(len, self.rows)) <= {len(self.keys)} \
            and set(map(type, chain.from_iterable(self.rows))) <= _PLAIN

    def pieces(self, depth: int, unit: str):
        if not self.rows:
            yield "[]"
            return
        inner, field = unit * (depth + 1), unit * (depth + 2)
        template = (inner + "{\n" + ",\n".join(field + _encode(key, "").replace("%", "%%") + ": %s" for key in self.keys)
                    + "\n" + inner + "}")
        yield "[\n"
        for start in range(0, len(self.rows), BATCH):
            columns = zip(*self.rows[start:start + BATCH])
            texts = map(template.__mod__, zip(*map(_column, columns)))
            yield (",\n" if start else "") + ",\n".join(texts)
        yield f"\n{unit * depth}]"


_WORDS = {True: "true", False: "false", None: "null"}


def _column(values: tuple) -> list[str]:
    """The encoded text of each value of a column (one `map`, by the column's one type when it has one)."""
    kinds = set(map(type, values))
    if kinds == {str}:
        distinct = set(values)
        if len(distinct) * 2 > len(values):
            return list(map(encode_basestring, values))
        encoded = dict(zip(distinct, map(encode_basestring, distinct)))  # (paths, codes, names: few)
        return list(map(encoded.__getitem__, values))
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds <= {bool, type(None)}:
        return list(map(_WORDS.__getitem__, values))
    return [_encode(value, ", ") for value in values]


def _usable(value) -> bool:
    """Whether this module writes `value` itself: plain values, and lists, tuples and mappings with
    text keys of them. Anything else is left to the standard library."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if kind is Rows:
        return value.usable()
    if kind is dict:
        return all(type(key) is str for key in value) and all(map(_usable, value.values()))
    if kind is list or kind is tuple:
        return _plain_mappings(value) or all(map(_usable, value))
    return False


def _pieces(value, depth: int, unit: str):
    """The text of a value `_usable` accepts, in pieces."""
    kind = type(value)
    if kind in _PLAIN:
        yield _encode(value, ", ")
        return
    if kind is Rows:
        yield from value.pieces(depth, unit)
        return
    if not value:
        yield "{}" if kind is dict else "[]"
        return
    inner = unit * (depth + 1)
    if _plain(value):  # one call: `[` or `{`, the items on lines of their own, the closing one back out
        text = _encode(value, ",\n" + inner)
        yield f"{text[0]}\n{inner}{text[1:-1]}\n{unit * depth}{text[-1]}"
        return
    if kind is not dict and _plain_mappings(value):
        yield from _mappings(value, depth, unit)
        return
    yield "{\n" if kind is dict else "[\n"
    items = value.items() if kind is dict else ((None, item) for item in value)
    for n, (key, item) in enumerate(items):
        yield (",\n" if n else "") + inner + (f"{_encode(key, '')}: " if kind is dict else "")
        yield from _pieces(item, depth + 1, unit)
    yield f"\n{unit * depth}{'}' if kind is dict else ']'}"


def _mappings(value, depth: int, unit: str):
    """A list of non-empty mappings of plain values (findings): one encoder call per BATCH of them."""
    outer, inner, field = unit * depth, unit * (depth + 1), unit * (depth + 2)
    separator = ",\n" + field
    between = f"\n{inner}}},\n{inner}{{\n{field}"  # what ends one mapping and starts the next
    yield f"[\n{inner}{{\n{field}"
    for start in range(0, len(value), BATCH):
        text = _encode(value[start:start + BATCH], separator)  # [{"a": 1,\n<field>"b": 2},\n<field>{"a": 3 ...}]
        if start:
            yield between
        yield text[2:-2].replace("}" + separator + "{", between)
    yield f"\n{inner}}}\n{outer}]"
