"""byte-order-mark: a file that is not a pattern; the cases on VALID are data in tests/cases/file.yaml."""

from helpers import rows

NAME = "byte-order-mark"
BOM = b"\xef\xbb\xbf"


def test_bom_in_a_file_that_is_not_a_pattern_is_not_reported(check):
    assert rows(check(BOM + b"# Notes\n\nText.\n", name="notes.md")) == []
