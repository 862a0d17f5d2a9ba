from helpers import VALID, edit, line_of, rows

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
