"""`lint schema [FORMAT]`: one self-contained JSON Schema 2020-12 document per format, which an
editor can use with no other file to validate frontmatter."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry

from helpers import CLASSIFICATION, COLLECTION, VALID, edit
from lint import document
from lint.cli import main


# format name -> (valid pattern, invalid variants)
CASES = {
    "v7": (VALID, [
        edit(VALID, "  confidence: 3", '  confidence: "high"'),
        edit(VALID, "    resilience: 5", "    resilience: 7"),  # a $ref to a $defs inside an embedded schema
        edit(VALID, "  status: stable\n", "  status: stable\n  colour: blue\n"),  # unknown key
        edit(VALID, "slug: transparent-ledger\n", ""),  # a required field missing
    ]),
    "classification": (CLASSIFICATION, [
        edit(CLASSIFICATION, "  commons_alignment: 4", '  commons_alignment: "high"'),
        edit(CLASSIFICATION, "title: Empathy Mapping\n", ""),
    ]),
    "collection": (COLLECTION, [
        edit(COLLECTION, "vitality_score: 4.5", 'vitality_score: "high"'),
        edit(COLLECTION, "type: pattern\n", ""),
    ]),
}


def schema_of(*argv: str) -> dict:
    out = io.StringIO()
    assert main(["schema", *argv], stdout=out) == 0
    return json.loads(out.getvalue())


def frontmatter(text: str, tmp_path) -> dict:
    """The frontmatter as the linter reads it (YAML 1.2-like scalars: a date stays text, as in an editor)."""
    path = tmp_path / "pattern.md"
    path.write_text(text, encoding="utf-8")
    data = document.load(str(path)).frontmatter
    assert isinstance(data, dict)
    return json.loads(json.dumps(data))  # plain JSON values, as an editor would hand them over


def validator(schema: dict) -> Draft202012Validator:
    # An empty registry: every $ref must resolve inside the printed document.
    return Draft202012Validator(schema, registry=Registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_default_is_v7():
    assert schema_of() == schema_of("v7")
    assert schema_of()["$id"] == "urn:pattern-lint:v7:pattern"


@pytest.mark.parametrize("name", sorted(CASES))
def test_schema_is_valid_2020_12(name):
    schema = schema_of(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(CASES))
def test_schema_validates_a_valid_pattern_without_a_registry(name, tmp_path):
    schema = schema_of(name)
    valid, _ = CASES[name]
    errors = [(list(e.absolute_path), e.message) for e in validator(schema).iter_errors(frontmatter(valid, tmp_path))]
    assert errors == []


@pytest.mark.parametrize("name, index", [(name, i) for name in sorted(CASES) for i in range(len(CASES[name][1]))])
def test_schema_rejects_an_invalid_pattern(name, index, tmp_path):
    schema = schema_of(name)
    invalid = CASES[name][1][index]
    errors = list(validator(schema).iter_errors(frontmatter(invalid, tmp_path)))
    assert errors


def test_v7_confidence_high_is_rejected_at_its_path(tmp_path):
    data = frontmatter(edit(VALID, "  confidence: 3", '  confidence: "high"'), tmp_path)
    paths = {tuple(e.absolute_path) for e in validator(schema_of()).iter_errors(data)}
    assert ("lifecycle", "confidence") in paths


def test_schemas_of_the_formats_differ():
    ids = {schema_of(name)["$id"] for name in CASES}
    assert len(ids) == 3


def test_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["schema", "v8"], stdout=io.StringIO())
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_unknown_format_exit_status_from_the_command_line():
    proc = subprocess.run([sys.executable, "-m", "lint", "schema", "no-such-format"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
