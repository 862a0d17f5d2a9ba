"""A value outside the known vocabulary (status, usage_stage, adoption_stage, relationship type).

What it checks
--------------
Checks `lifecycle.status`, `lifecycle.usage_stage`, `lifecycle.adoption_stage` and the
relationship types (the keys of `relationships`) against the known values, with a
did-you-mean. Known by default: the spec's and template's values plus those the seed
patterns use (status: draft, revised, stable, deprecated; usage_stage: ideation, design,
implementation, operation, recognition; adoption_stage: emerging, growth, mature;
relationship types: generalizes_from, specializes_to, enables, requires, alternatives,
complementary, tools, related). Domains are open. A library that uses more values
extends the sets in its configuration (coming with the configuration work).

Why it matters
--------------
Filters, badges and graph edges are keyed by these words; `Draft`, `stabel` or
`enabels` silently fall out of them.

Example
-------
    lifecycle:
      status: stabel      # did you mean `stable`?
    relationships:
      enabels: [other-pattern]

How to fix
----------
Use a known value (see the suggestion), or add the value to the library's vocabulary.
When the value differs from a known one only by case, spaces or `_`/`-` (`Draft`,
`early-adopters`), `--fix --unsafe-fixes` writes the known one.
"""

import dataclasses
import difflib

from lint import fix
from lint.findings import Problem
from lint.document import dotted

CODE = "PL207"
NAME = "unknown-vocabulary"
GROUP = "schema"
SEVERITY = "warning"
NEEDS_FORMAT = True
FIXABLE = True


def check(doc, options):
    for vocabulary in doc.format.vocabularies:
        known = vocabulary.values
        if vocabulary.path:
            value = doc.get(*vocabulary.path)
            if isinstance(value, str) and value not in known:
                line, column = doc.position(vocabulary.path)
                edit = fix.replace_value(doc, vocabulary.path, _same(value, known) or "")
                yield Problem(line, column, _message(vocabulary.name, dotted(vocabulary.path), value, known),
                              fix=_fix(value, known, edit))
        elif vocabulary.keys_of:
            mapping = doc.get(*vocabulary.keys_of)
            if isinstance(mapping, dict):
                for key in mapping:
                    if key not in known:
                        line, column = doc.position(vocabulary.keys_of + (key,), key=True)
                        edit = fix.Edit(line, column, line, column + len(key), _same(key, known) or "")
                        yield Problem(line, column, _message(vocabulary.name, dotted(vocabulary.keys_of), key, known),
                                      fix=_fix(key, known, edit))


def _same(value: str, known: tuple[str, ...]) -> str | None:
    """The known value that differs from `value` only by case, spaces or `_`/`-`."""
    return next((k for k in known if _normalise(k) == _normalise(value)), None)


def _fix(value: str, known: tuple[str, ...], edit):
    same = _same(value, known)
    if same is None or edit is None or not edit.text:
        return None  # only an obvious spelling variant is corrected, never a guess
    written = fix.scalar(same)  # a configured value YAML would read otherwise is quoted
    if written is None:
        return None
    return fix.Fix(f"write `{same}`", False, (dataclasses.replace(edit, text=written),))


def _message(what: str, where: str, value: str, known: tuple[str, ...]) -> str:
    normal = _normalise(value)
    close = [k for k in known if _normalise(k) == normal] or difflib.get_close_matches(value, known, n=1, cutoff=0.75)
    hint = f"did you mean `{close[0]}`?" if close else f"known values: {', '.join(known)}"
    return (f"unknown {what} `{value}` in `{where}`; {hint} "
            "(if your library uses this value on purpose, add it to the library's vocabulary)")


def _normalise(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")
