from helpers import VALID, edit, line_of, rows

NAME = "byte-order-mark"
BOM = b"\xef\xbb\xbf"


def test_bom_is_reported_and_the_rest_of_the_file_is_checked(check):
    assert rows(check(BOM + VALID.encode("utf-8"))) == [("PL004", NAME, 1)]


def test_bom_does_not_shift_or_hide_other_findings(check):
    text = edit(VALID, "status: stable", "status: stabel")
    findings = check(BOM + text.encode("utf-8"))
    assert rows(findings) == [("PL004", NAME, 1), ("PL207", "unknown-vocabulary", line_of(text, "status: stabel"))]


def test_no_bom_no_finding(check):
    assert rows(check(VALID), NAME) == []


def test_bom_in_a_file_that_is_not_a_pattern_is_not_reported(check):
    assert rows(check(BOM + b"# Notes\n\nText.\n", name="notes.md")) == []
