from helpers import VALID, edit, line_of, rows

NAME = "line-endings"


def test_crlf_is_reported_once_and_nothing_else(check):
    findings = check(VALID.replace("\n", "\r\n"))
    assert rows(findings) == [("PL005", NAME, 1)]
    assert "CRLF" in findings[0].message


def test_crlf_file_keeps_correct_line_numbers(check):
    text = edit(VALID, "status: stable", "status: stabel")
    findings = check(text.replace("\n", "\r\n"))
    assert rows(findings, "unknown-vocabulary") == [("PL207", "unknown-vocabulary", line_of(text, "status: stabel"))]


def test_bare_cr_is_reported(check):
    findings = check(VALID.replace("\n", "\r"))
    assert rows(findings) == [("PL005", NAME, 1)]
    assert "bare CR" in findings[0].message


def test_one_lone_cr_in_an_lf_file_is_reported_at_its_line(check):
    text = edit(VALID, "slug: transparent-ledger\n", "slug: transparent-ledger\r")
    findings = check(text)
    assert rows(findings) == [("PL005", NAME, line_of(text, "slug: "))]
    assert "bare CR" in findings[0].message


def test_lf_is_fine(check):
    assert rows(check(VALID), NAME) == []


def test_crlf_in_a_file_that_is_not_a_pattern_is_not_reported(check):
    assert rows(check("---\r\ntitle: Section\r\n---\r\n", name="_index.md")) == []
