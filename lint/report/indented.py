"""`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, with the C encoder doing the work.

The standard library uses its C encoder only without `indent`; with it, every value goes through
the pure-Python one (0.3 s of a warm run that reports 10,000 findings). Here the C encoder writes
the indentation itself, as its item separator (`",\\n"` and the next line's indent): a leaf
container (a list or mapping of strings, numbers, booleans and nulls) is one encoder call, and a
list of such mappings, a report's findings, is one call for the whole list. That works because an
encoded string never holds a raw line break (the encoder writes `\\n`), so the separator is found
only between items, and in a list of mappings of plain values a separator followed by `{` only
between two of the mappings, where the list's own indent is put back in. Other containers (a report's
top level, a few keys) are joined here. Anything else (keys that are not strings, subclasses,
objects a `default` would turn into data) is left to `json.dumps` itself, so the text is always
the standard library's.
"""

from __future__ import annotations

import json
from itertools import chain

_PLAIN = frozenset((str, int, float, bool, type(None)))
_encoders: dict[str, json.JSONEncoder] = {}


class _Unusual(Exception):
    """A value this module does not write itself: the standard library writes the whole text."""


def dumps(value, indent: int = 2) -> str:
    """The text of `json.dumps(value, indent=indent, ensure_ascii=False)`."""
    try:
        return _value(value, 0, " " * indent)
    except _Unusual:
        return json.dumps(value, indent=indent, ensure_ascii=False)


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


def _value(value, depth: int, unit: str) -> str:
    kind = type(value)
    if kind in _PLAIN:
        return _encode(value, ", ")
    if kind is not dict and kind is not list and kind is not tuple:
        raise _Unusual
    if not value:
        return "{}" if kind is dict else "[]"
    inner = unit * (depth + 1)
    if _plain(value):  # one call: `[` or `{`, the items on lines of their own, the closing one back out
        text = _encode(value, ",\n" + inner)
        return f"{text[0]}\n{inner}{text[1:-1]}\n{unit * depth}{text[-1]}"
    if kind is not dict and _plain_mappings(value):
        return _mappings(value, depth, unit)
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise _Unusual
        items = [f"{inner}{_encode(key, '')}: {_value(item, depth + 1, unit)}" for key, item in value.items()]
    else:
        items = [inner + _value(item, depth + 1, unit) for item in value]
    return f"{'{' if kind is dict else '['}\n" + ",\n".join(items) + f"\n{unit * depth}{'}' if kind is dict else ']'}"


def _mappings(value, depth: int, unit: str) -> str:
    """A list of non-empty mappings of plain values (findings): one encoder call for the whole list."""
    outer, inner, field = unit * depth, unit * (depth + 1), unit * (depth + 2)
    separator = ",\n" + field
    text = _encode(value, separator)  # [{"a": 1,\n<field>"b": 2},\n<field>{"a": 3 ...}]
    body = text[2:-2].replace("}" + separator + "{", f"\n{inner}}},\n{inner}{{\n{field}")
    return f"[\n{inner}{{\n{field}{body}\n{inner}}}\n{outer}]"
