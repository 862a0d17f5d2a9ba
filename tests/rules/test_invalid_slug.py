from helpers import VALID, edit, line_of, rows

NAME = "invalid-slug"


def test_uppercase_and_underscore_slug_is_reported_with_a_suggestion(check):
    text = edit(VALID, "slug: transparent-ledger", "slug: Transparent_Ledger")
    findings = check(text)
    assert rows(findings) == [("PL302", NAME, line_of(text, "slug:"))]
    assert findings[0].column == len("slug: ") + 1
    assert "`transparent-ledger`" in findings[0].message


def test_double_hyphen_is_reported(check):
    text = edit(VALID, "slug: transparent-ledger", "slug: transparent--ledger")
    assert rows(check(text, name="transparent--ledger.md"), NAME) == [("PL302", NAME, line_of(text, "slug:"))]


def test_lowercase_hyphenated_slug_is_fine(check):
    assert rows(check(VALID), NAME) == []
