from helpers import rows

NAME = "frontmatter-not-mapping"
ID = "pat_01khm0pp0qw6rb1r861rg6dfh1"


def test_list_frontmatter_is_reported(check):
    findings = check(f"---\n- id: {ID}\n- slug: transparent-ledger\n---\n")
    assert rows(findings, NAME) == [("PL102", NAME, 2)]
    found = next(f for f in findings if f.name == NAME)
    assert "a list" in found.message


def test_scalar_frontmatter_is_reported(check):
    findings = check("---\njust a sentence\n---\n")
    assert rows(findings, NAME) == [("PL102", NAME, 2)]
    found = next(f for f in findings if f.name == NAME)
    assert "a single value" in found.message


def test_mapping_frontmatter_is_fine(check):
    assert rows(check(f"---\nid: {ID}\nslug: transparent-ledger\n---\n"), NAME) == []


def test_empty_frontmatter_is_not_reported(check):
    assert rows(check("---\n---\n"), NAME) == []
