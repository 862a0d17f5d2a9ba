import pytest

from helpers import CLASSIFICATION, VALID, edit, line_of, rows

NAME = "unknown-field"


def test_typo_is_reported_with_did_you_mean(check):
    text = edit(VALID, "  confidence: 3\n", "  confidance: 3\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL203", NAME, line_of(text, "confidance:"))]
    found = next(f for f in findings if f.name == NAME)
    assert found.column == 3
    assert "did you mean `confidence`?" in found.message
    assert rows(findings, "missing-field") == []  # one defect, one finding


def test_key_in_the_wrong_group_names_the_right_one(check):
    text = edit(VALID, "license: CC-BY-SA-4.0\n", "license: CC-BY-SA-4.0\ncommons_domain: [life]\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL203", NAME, line_of(text, "commons_domain:"))]
    found = next(f for f in findings if f.name == NAME)
    assert "`ontology.commons_domain`" in found.message


def test_key_in_the_right_group_is_known(check):
    text = edit(VALID, "  domain: finance\n", "  domain: finance\n  commons_domain: [life]\n")
    assert rows(check(text), NAME) == []


def test_extra_audience_in_context_labels_is_fine(check):
    text = edit(VALID, '  tech: "Public Blockchain Ledger"\n',
                '  tech: "Public Blockchain Ledger"\n  academic: "Open Science"\n')
    assert rows(check(text)) == []


def test_extra_relationship_type_is_vocabulary_not_unknown_field(check):
    text = edit(VALID, "  tools: []\n", "  tools: []\n  inspires: []\n")
    findings = check(text)
    assert rows(findings, NAME) == []
    assert rows(findings, "unknown-vocabulary") == [("PL207", "unknown-vocabulary", line_of(text, "inspires:"))]


# -- a key that is already where it belongs (issue 19) -----------------------------------------------


def _top_level_commons_alignment(value):
    """From a3-thinking-toyota-problem-solving.md (corpus-dev): `classification.commons_alignment: 3`
    and, at the end of the frontmatter, `commons_alignment: 4`."""
    return edit(CLASSIFICATION, "license: CC-BY-SA-4.0\n", f"license: CC-BY-SA-4.0\ncommons_alignment: {value}\n")


def _top_line(text):
    return text.split("\n").index(next(t for t in text.split("\n") if t.startswith("commons_alignment:"))) + 1


def test_key_also_written_where_it_belongs_with_another_value_conflicts(check):
    text = _top_level_commons_alignment(3)  # CLASSIFICATION has `commons_alignment: 4` in its block
    findings = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert rows(findings) == [("PL203", NAME, _top_line(text))]
    assert findings[0].column == 1
    there = line_of(text, "  commons_alignment: 4")
    assert findings[0].message == (
        f"unknown field `commons_alignment` at the top level; it conflicts with `classification.commons_alignment` "
        f"(line {there}), which is `4` where this is `3`; keep the right value there and remove this one")
    assert "move it there" not in findings[0].message


@pytest.mark.parametrize("value", ["4", "4.0"])
def test_key_also_written_where_it_belongs_with_the_same_value_duplicates(check, value):
    text = _top_level_commons_alignment(value)
    findings = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert rows(findings) == [("PL203", NAME, _top_line(text))]
    there = line_of(text, "  commons_alignment: 4")
    assert findings[0].message.endswith(f"it duplicates `classification.commons_alignment` (line {there}), "
                                        "which has the same value; remove it")


@pytest.mark.parametrize("value, shown", [("'4'", 'the text "4"'), ("true", "the boolean `true`"),
                                          ("[4]", "a list"), ("", "empty (null)")])
def test_conflict_of_other_kinds_of_value_is_said_without_crashing(check, value, shown):
    text = _top_level_commons_alignment(value)
    (finding,) = [f for f in check(text, name="empathy-mapping.md") if f.name == NAME]
    assert f"which is `4` where this is {shown};" in finding.message


def test_key_in_the_wrong_group_and_absent_from_the_right_one_is_still_moved(check):
    text = edit(VALID, "license: CC-BY-SA-4.0\n", "license: CC-BY-SA-4.0\ncommons_domain: [life]\n")
    (finding,) = [f for f in check(text) if f.name == NAME]
    assert finding.message.endswith("it belongs at `ontology.commons_domain`; move it there")


def test_the_sites_collection_key_is_known_in_a_v71_file(check):
    # The commons.engineering site keeps `collection: bmn-gassmann` in its v7.1 files (real:
    # commons-engineering/tiered-access-model.md, usage-based-pricing.md): how the site groups its pages,
    # a key its collection format defines; "remove it" would take the page out of its collection (issue 19).
    text = edit(VALID, "slug: transparent-ledger\n", "slug: transparent-ledger\ncollection: bmn-gassmann\n")
    assert rows(check(text)) == []


def test_a_collection_that_is_not_text_is_wrong_type(check):
    text = edit(VALID, "slug: transparent-ledger\n", "slug: transparent-ledger\ncollection: [a, b]\n")
    assert rows(check(text)) == [("PL204", "wrong-type", line_of(text, "collection:"))]
