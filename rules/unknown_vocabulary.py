"""A value outside its format's vocabulary (status, usage_stage, adoption_stage, relationship type, universality, domain).

What it checks
--------------
Checks each value a file's own format keeps a vocabulary for against that format's list (in
its `schemas/<format>/format.json`), with a did-you-mean. A file is never judged by another
format's words.

- v7.1: `lifecycle.status`, `lifecycle.usage_stage`, `lifecycle.adoption_stage` and the
  relationship types (the keys of `relationships`). Known: the spec's and template's values
  plus those the seed patterns use (status: draft, revised, stable, deprecated; usage_stage:
  ideation, design, implementation, operation, recognition; adoption_stage: emerging,
  growth, mature; relationship types: generalizes_from, specializes_to, enables, requires,
  alternatives, complementary, tools, related). Domains are open.
- classification: `classification.status` (draft, review, published),
  `classification.universality` (universal, domain) and `classification.domain`
  (governance, operations, finance, technology, culture, security, privacy, sovereignty,
  startup): the lists of the library's own validator (Commons-OS/patterns
  `scripts/validate_pattern.py`, which checks them in the block it calls `tags`).

A library that uses more values extends the sets in its configuration (`vocabularies`).

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
When the value differs from a known one of the file's own format only by case, spaces or
`_`/`-` (`Draft`, `early-adopters`), `--fix --unsafe-fixes` writes the known one; any other
value is left to you (a guess, or a value only another format knows, such as a v7.1
`stable` in a classification file, is never written).

What it does not report
-----------------------
- Values the format keeps no list for: v7.1 domains, and in the classification format
  `category`, `era` and `commons_domain`. The classification validator defines lists for
  them but does not check category and era, and the library's files use other values (era
  `digital` in most of them); `commons_domain` is a list in those files, while the
  validator compares a single value. A list of ours there would be a guess.
- A value that is not text (a number, a list, a mapping): wrong-type reports it.
"""

import dataclasses
import difflib

from lint.edits import replace_value, scalar
from lint.findings import Edit, Fix, Problem
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
                edit = replace_value(doc, vocabulary.path, _same(value, known) or "")
                yield Problem(line, column, _message(vocabulary.name, dotted(vocabulary.path), value, known),
                              fix=_fix(value, known, edit))
        elif vocabulary.keys_of:
            mapping = doc.get(*vocabulary.keys_of)
            if isinstance(mapping, dict):
                for key in mapping:
                    if key not in known:
                        line, column = doc.position(vocabulary.keys_of + (key,), key=True)
                        edit = Edit(line, column, line, column + len(key), _same(key, known) or "")
                        yield Problem(line, column, _message(vocabulary.name, dotted(vocabulary.keys_of), key, known),
                                      fix=_fix(key, known, edit))


def _same(value: str, known: tuple[str, ...]) -> str | None:
    """The known value that differs from `value` only by case, spaces or `_`/`-`."""
    return next((k for k in known if _normalise(k) == _normalise(value)), None)


def _fix(value: str, known: tuple[str, ...], edit):
    same = _same(value, known)
    if same is None or edit is None or not edit.text:
        return None  # only an obvious spelling variant is corrected, never a guess
    written = scalar(same)  # a configured value YAML would read otherwise is quoted
    if written is None:
        return None
    return Fix(f"write `{same}`", False, (dataclasses.replace(edit, text=written),))


def _message(what: str, where: str, value: str, known: tuple[str, ...]) -> str:
    normal = _normalise(value)
    close = [k for k in known if _normalise(k) == normal] or difflib.get_close_matches(value, known, n=1, cutoff=0.75)
    hint = f"did you mean `{close[0]}`?" if close else f"known values: {', '.join(known)}"
    return (f"unknown {what} `{value}` in `{where}`; {hint} "
            "(if your library uses this value on purpose, add it to the library's vocabulary)")


def _normalise(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")
