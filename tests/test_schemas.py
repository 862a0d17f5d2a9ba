"""The JSON Schemas themselves: valid draft 2020-12, one per group, composed into the pattern schema."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from helpers import VALID
from lint import SCHEMAS_DIR
from lint.formats import FORMATS, by_name, detect

GROUPS = ["identity", "context-labels", "ontology", "lifecycle", "relationships", "graph-garden", "provenance"]


@pytest.mark.parametrize("path", sorted(SCHEMAS_DIR.glob("*/*.schema.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_v7_pattern_schema_composes_one_schema_per_group():
    pattern = json.loads((SCHEMAS_DIR / "v7" / "pattern.schema.json").read_text(encoding="utf-8"))
    assert [ref["$ref"] for ref in pattern["allOf"]] == [f"urn:pattern-lint:v7:{g}" for g in GROUPS]
    for group in GROUPS:
        assert (SCHEMAS_DIR / "v7" / f"{group}.schema.json").is_file()


def test_formats_are_loaded_and_detected():
    assert [f.name for f in FORMATS] == ["v7", "classification", "collection"]
    assert detect({"id": "x", "lifecycle": {}}) is by_name("v7")
    assert detect({"id": "x", "classification": {}, "relationships": {}}) is by_name("classification")
    assert detect({"title": "x", "collection": "y"}) is by_name("collection")
    assert detect({"title": "x", "collection": "y", "ontology": {}}) is by_name("v7")  # a v7.1 file with a stray key
    assert detect({"id": "x", "slug": "y", "title": "z"}) is None


def test_schema_index_answers_types_and_keys():
    index = by_name("v7").schema.index
    assert index.types(("lifecycle", "version")) == ({"string", "number"}, set())
    assert index.types(("graph_garden", "last_pruned")) == ({"string"}, {"date"})
    assert index.types(("relationships", "enables", 3, "weight"))[0] == {"number"}
    assert index.is_closed(("lifecycle",)) and not index.is_closed(("context_labels",))
    assert "commons_assessment" in index.known_keys(("ontology",))
    assert ("ontology", "commons_domain") in index.property_paths()


def test_valid_example_validates_without_errors(check):
    assert check(VALID) == []
