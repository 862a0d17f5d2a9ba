from helpers import rows

NAME = "empty-file"


def test_empty_file_is_reported(check):
    assert rows(check(b"")) == [("PL006", NAME, 1)]


def test_whitespace_only_file_is_reported(check):
    assert rows(check("  \n\n\t\n")) == [("PL006", NAME, 1)]


def test_file_with_text_is_not_empty(check):
    assert rows(check("Text.\n"), NAME) == []
