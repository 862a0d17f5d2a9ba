"""Formats: detection from the frontmatter's keys, and each format getting its own checks only."""

from __future__ import annotations

import os

import pytest

from helpers import CLASSIFICATION as CLASSIFICATION_FRONT, SHARED, STANDALONE, edit, line_of, rows
from lint import formats
from lint.config import Config
from lint.runner import Options, run

CORPUS = SHARED / "corpus-sample"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus-sample is not available")

LEGACY_SECTIONS = ["Overview", "Core Principles", "Key Practices", "Implementation", "7 Pillars Assessment",
                   "When to Use", "Anti-Patterns", "References"]
V2_SECTIONS = ["Overview", "Core Principles", "Key Practices", "Application Context", "Implementation",
               "Evidence & Impact", "Cognitive Era", "Commons Alignment Assessment", "Resources & References"]



def classification(sections: list[str], front: str = CLASSIFICATION_FRONT, drop: str = "") -> str:
    """The body with `sections` numbered in order; `drop` leaves one out (keeping the others' numbers)."""
    body = "".join(f"\n### {n}. {title}\n\nText about {title.lower()}.\n"
                   for n, title in enumerate(sections, 1) if title != drop)
    return front + body


COLLECTION = """\
---
title: Adaptive Learning
slug: adaptive-learning
type: pattern
summary: Learning paths that adjust to the learner.
collection: commons-blueprint
aliases_list:
- Personalized Learning Paths
tags:
- education
domain: education
vitality_score: 4.5
---

> Learning paths that adjust to the learner.

### 1. Context

Everyone learns at a different pace.

### 2. Problem

> **The core conflict is Standardized Curriculum vs. Individualized Mastery.**

One curriculum fits nobody.

### 3. Solution

> **Therefore, adjust the path to each learner's progress.**

Assess, adapt, repeat.

### 4. Implementation

Start with short assessments.

### 5. Consequences

Learners progress at their own pace.

### 6. Known Uses

- **Language apps:** adaptive drills.
- **Flight schools:** competency-based training.

### 7. Cognitive Era

Tutoring agents adapt in real time.

### 8. Vitality

Learners come back: alive.
"""


def _run(paths, **options):
    return run([os.fspath(p) for p in paths], Options(**options)).findings


# -- detection ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("keys, expected", [
    ({"id": "x", "slug": "x", "ontology": {}}, "v7"),
    ({"id": "x", "slug": "x", "lifecycle": {}}, "v7"),
    ({"id": "x", "slug": "x", "relationships": {}}, "v7"),
    ({"id": "x", "slug": "x", "context_labels": {}}, "v7"),
    ({"id": "x", "slug": "x", "graph_garden": {}}, "v7"),
    ({"id": "x", "slug": "x", "classification": {}}, "classification"),
    ({"id": "x", "slug": "x", "classification": {}, "ontology": {}, "lifecycle": {}}, "classification"),
    ({"slug": "x", "collection": "c"}, "collection"),
    ({"slug": "x", "vitality_score": 4}, "collection"),
    ({"slug": "x", "aliases_list": []}, "collection"),
    ({"slug": "x", "collection": "c", "relationships": {}}, "v7"),  # a v7 group wins
    ({"slug": "x", "collection": "c", "classification": {}}, "classification"),
    ({"id": "x", "slug": "x"}, None),
    ({"id": "x", "slug": "x", "title": "T", "tags": []}, None),
])
def test_detect_from_keys(keys, expected):
    fmt = formats.detect(keys)
    assert (fmt.name if fmt else None) == expected


def test_formats_are_loaded_from_the_schema_folders():
    assert [f.name for f in formats.FORMATS] == ["v7", "classification", "collection"]
    assert formats.by_name("collection").name == "collection"
    assert formats.by_name("v8") is None


def test_v7_file_is_detected_and_checked(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(edit(STANDALONE, "  status: stable", "  status: stabel"), encoding="utf-8")
    found = _run([path])
    assert rows(found) == [("PL207", "unknown-vocabulary", line_of(STANDALONE, "  status: stable"))]


def test_id_and_slug_only_is_unknown_format(check):
    text = "---\nid: pat_01khm0pp0qw6rb1r861rg6dfh1\nslug: transparent-ledger\ntitle: T\n---\n\nBody.\n"
    found = check(text)
    assert rows(found) == [("PL201", "unknown-format", 2)]
    (finding,) = found
    assert finding.severity == "warning"


def test_unknown_format_gets_no_format_checks(check):
    # No section, schema or reconciliation rule runs without a format: only unknown-format.
    text = "---\nslug: x\nfoo: [1, 2]\n---\n\nNo sections at all.\n"
    assert [f.name for f in check(text, name="x.md")] == ["unknown-format"]


# -- classification ---------------------------------------------------------------------------------


def test_classification_legacy_layout_passes(check):
    found = check(classification(LEGACY_SECTIONS), name="empathy-mapping.md")
    assert rows(found) == []


def test_classification_v2_nine_section_layout_passes(check):
    found = check(classification(V2_SECTIONS), name="empathy-mapping.md")
    assert rows(found) == []


def test_classification_missing_when_to_use_is_missing_section(check):
    text = classification(LEGACY_SECTIONS, drop="When to Use")
    found = check(text, name="empathy-mapping.md")
    assert rows(found) == [("PL401", "missing-section", line_of(text, "### 7. Anti-Patterns"))]
    assert found[0].message == "section `When to Use` is missing; add `### 6. When to Use` before this heading"


def test_classification_gets_no_v7_checks(check):
    # No v7 groups required, no confidence callout required, no Problem/Solution statements.
    found = check(classification(LEGACY_SECTIONS), name="empathy-mapping.md",
                  select=["schema", "sections", "reconciliation", "identity"])
    assert found == []


def test_classification_unknown_field_and_vocabulary(check):
    text = edit(CLASSIFICATION_FRONT, "  status: draft", "  status: drafted")
    text = edit(text, "license: CC-BY-SA-4.0", "license: CC-BY-SA-4.0\nontology:\n  domain: x")
    found = check(classification(LEGACY_SECTIONS, front=text), name="empathy-mapping.md")
    assert rows(found) == [("PL207", "unknown-vocabulary", line_of(text, "status: drafted")),
                           ("PL203", "unknown-field", line_of(text, "ontology:"))]


def test_classification_typeid_relationships_are_checked(library):
    other = "pat_01kg5023zzecsb265cp79x0gvh"
    missing = "pat_01kg5023vyfzhvteh02a487gvh"
    front = edit(CLASSIFICATION_FRONT, "related: []", f"related:\n- {other}\n- {missing}")
    second = edit(edit(CLASSIFICATION_FRONT, "id: pat_01kg5023yje10ty287508kv3vv", f"id: {other}"),
                  "slug: empathy-mapping", "slug: persona-design")
    found = library({"empathy-mapping.md": classification(LEGACY_SECTIONS, front=front),
                     "persona-design.md": classification(LEGACY_SECTIONS, front=second)})
    assert rows(found) == [("PL601", "dangling-link", line_of(front, missing))]
    assert missing in found[0].message


def test_classification_reciprocal_generalization(library):
    other = "pat_01kg5023zzecsb265cp79x0gvh"
    front = edit(CLASSIFICATION_FRONT, "specializes_to: []", f"specializes_to:\n- {other}")
    second = edit(edit(CLASSIFICATION_FRONT, "id: pat_01kg5023yje10ty287508kv3vv", f"id: {other}"),
                  "slug: empathy-mapping", "slug: persona-design")
    found = library({"empathy-mapping.md": classification(LEGACY_SECTIONS, front=front),
                     "persona-design.md": classification(LEGACY_SECTIONS, front=second)})
    assert [(os.path.basename(f.path), f.name) for f in found] == [("persona-design.md", "missing-reciprocal-link")]


# -- collection -------------------------------------------------------------------------------------


def test_collection_file_passes(check):
    assert rows(check(COLLECTION, name="adaptive-learning.md")) == []


def test_collection_gets_collection_checks_only(check):
    # No id, no v7 groups, no confidence callout: none of these is asked of a collection file.
    found = check(COLLECTION, name="adaptive-learning.md", select=["schema", "identity", "reconciliation"])
    assert found == []


def test_collection_checks(check):
    text = edit(COLLECTION, "vitality_score: 4.5", "vitality_score: 7")
    text = edit(text, "type: pattern\n", "")
    text = edit(text, "### 6. Known Uses", "### 6. Examples")
    found = check(text, name="adaptive-learning.md")
    assert rows(found) == [
        ("PL202", "missing-field", 2),
        ("PL206", "score-out-of-range", line_of(text, "vitality_score")),
        ("PL401", "missing-section", found[2].line),
    ]
    assert "`type`" in found[0].message
    assert "Known Uses" in found[2].message


def test_collection_body_statements_are_checked(check):
    text = edit(COLLECTION, "> **Therefore, adjust the path to each learner's progress.**\n", "")
    found = check(text, name="adaptive-learning.md")
    assert rows(found) == [("PL408", "missing-solution-statement", line_of(text, "### 3. Solution"))]


def test_forced_format_is_used_over_detection(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(STANDALONE, encoding="utf-8")
    config = Config(formats={"*.md": "collection"})
    found = _run([path], config=config, select=["schema"])
    names = sorted({f.name for f in found})
    assert names == ["missing-field", "unknown-field"]
    assert ("PL203", "unknown-field", line_of(STANDALONE, "ontology:")) in rows(found)


# -- the corpus sample (read in place) -----------------------------------------------------------


@needs_corpus
def test_corpus_classification_files_get_no_v7_findings():
    paths = [CORPUS / "commons-os" / "series-abc.md", CORPUS / "commons-os" / "empathy-mapping.md"]
    found = _run(paths)
    assert [(os.path.basename(f.path), f.code, f.name, f.line) for f in found] == [
        ("series-abc.md", "PL301", "invalid-typeid", 2)]


@needs_corpus
def test_corpus_classification_typeid_links_dangle():
    path = CORPUS / "commons-os" / "lean-six-sigma.md"
    found = _run([path], select=["dangling-link"])
    text = path.read_text(encoding="utf-8")
    assert len(found) == 15
    assert all(f.name == "dangling-link" and f.code == "PL601" for f in found)
    first = found[0]
    assert first.line == line_of(text, "pat_01kg5023vyfzhvteh02a487gvh")
    assert "`generalizes_from` entry `pat_01kg5023vyfzhvteh02a487gvh` names no pattern" in first.message
    # Entries that name a pattern in the library do not dangle.
    linked = [line for line in text.split("\n") if line.startswith("- pat_")]
    assert len(linked) > len(found)


@needs_corpus
def test_corpus_classification_missing_v2_section():
    path = CORPUS / "commons-os" / "platform-regulation-compliance.md"
    found = _run([path], select=["sections"])
    assert [(f.code, f.name) for f in found] == [("PL401", "missing-section")]
    assert "section `Resources & References` is missing" in found[0].message


@needs_corpus
def test_corpus_collection_files_get_collection_checks_only():
    found = _run([CORPUS / "commons-engineering"], ignore=["graph"])
    by_file = {}
    for f in found:
        by_file.setdefault(os.path.relpath(f.path, CORPUS / "commons-engineering"), []).append(f.name)
    collection_files = {"adaptive-learning.md", "boundary-negotiation.md", "stakeholder-architecture.md",
                        "value-stream-specification.md"}
    for name in collection_files:
        assert not {"missing-field", "unknown-field", "missing-confidence-rating", "invalid-typeid"} & set(
            by_file.get(name, [])), name
    # It opens with an epigraph, not its summary: summary-differs, off by default (summary-mismatch is for
    # edited copies of the frontmatter summary).
    assert "boundary-negotiation.md" not in by_file
    assert "_index.md" not in by_file and "business/_index.md" not in by_file


@needs_corpus
def test_corpus_index_files_are_skipped():
    result = run([os.fspath(CORPUS / "commons-engineering")], Options(ignore=["graph"]))
    assert result.summary.files == 7
    assert result.summary.patterns == 5
    assert result.summary.skipped == 2
    assert not any(f.path.endswith("_index.md") for f in result.findings)


SEED = SHARED / "seeds" / "000_3615fb32ec8f38c5.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is not available")
def test_seed_000_is_a_collection_pattern():
    found = _run([SEED])
    assert [(f.code, f.name, f.line) for f in found] == [
        ("PL303", "slug-filename-mismatch", 3)]  # its body opens with an epigraph: summary-differs, off by default
    assert [(f.name, f.line) for f in _run([SEED], extend_select=["summary-differs"]) if f.code != "PL303"] == [
        ("summary-differs", 24)]
