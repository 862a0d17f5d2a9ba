from helpers import VALID, edit, rows

NAME = "file-too-large"
SIZE = len(VALID.encode("utf-8"))


def test_file_over_the_limit_is_reported_and_not_read(check):
    text = edit(VALID, "status: stable", "status: stabel")  # would be a finding if the file were read
    findings = check(text, max_file_size=100)
    assert rows(findings) == [("PL002", NAME, 1)]
    assert f"file is {len(text.encode()):,} bytes, more than the limit of 100" in findings[0].message


def test_file_one_byte_over_the_limit_is_reported(check):
    assert rows(check(VALID, max_file_size=SIZE - 1)) == [("PL002", NAME, 1)]


def test_file_exactly_at_the_limit_is_checked(check):
    assert rows(check(VALID, max_file_size=SIZE)) == []
