"""JSON Schema validation of frontmatter, with every error turned into a finding at its line.

The validator is built once per format. Errors map to rules by keyword
(`required` -> missing-field, `type` -> wrong-type, anything else ->
invalid-value) unless the failing subschema names a rule itself with
`"x-rule": {keyword: rule}` (and optionally `"x-message"`); an `x-rule` must name
one of the rules in `RULES`. The words come from the rule modules' message
builders, chosen by keyword (a range's from score-out-of-range, whichever rule
reports it). Unknown keys are
found by walking the document against the schema (`SchemaIndex`), which also
gives did-you-mean hints; the same index tells which types a path accepts, so
YAML 1.1 typing traps can be recognised before validation.

`index.py` answers what the schema says about a path, `validator.py` builds the validators once per
format, `errors.py` turns what they find into findings.
"""

from __future__ import annotations

from .errors import RULES, flagged, problems
from .index import SchemaIndex
from .validator import FORMATS, FormatSchema

__all__ = ["FORMATS", "RULES", "FormatSchema", "SchemaIndex", "flagged", "problems"]
