from helpers import VALID, edit, line_of, rows

NAME = "slug-filename-mismatch"


def test_file_named_other_than_its_slug_is_reported(check):
    findings = check(VALID, name="other.md")
    assert rows(findings) == [("PL303", NAME, line_of(VALID, "slug:"))]
    assert "`other.md`" in findings[0].message and "`transparent-ledger.md`" in findings[0].message


def test_file_named_after_its_slug_is_fine(check):
    assert rows(check(VALID, name="transparent-ledger.md"), NAME) == []


def test_invalid_slug_is_left_to_invalid_slug(check):
    text = edit(VALID, "slug: transparent-ledger", "slug: Transparent_Ledger")
    findings = check(text, name="other.md")
    assert rows(findings, NAME) == []
    assert rows(findings, "invalid-slug") == [("PL302", "invalid-slug", line_of(text, "slug:"))]
