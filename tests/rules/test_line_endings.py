"""line-endings: a file that is not a pattern; the cases on VALID are data in tests/cases/file.yaml."""

from helpers import rows


def test_crlf_in_a_file_that_is_not_a_pattern_is_not_reported(check):
    assert rows(check("---\r\ntitle: Section\r\n---\r\n", name="_index.md")) == []
