from helpers import rows

NAME = "unsupported-frontmatter"


def test_toml_pattern_is_reported_at_line_1(check):
    text = '+++\nid = "pat_01khm0pp0qw6rb1r861rg6dfh1"\nslug = "transparent-ledger"\n+++\n\nBody.\n'
    assert rows(check(text)) == [("PL110", NAME, 1)]


def test_json_pattern_is_reported(check):
    assert rows(check('{\n  "slug": "transparent-ledger"\n}\n\nBody.\n')) == [("PL110", NAME, 1)]


def test_toml_section_page_is_skipped_silently(check):
    assert check('+++\ntitle = "Patterns"\n+++\n', name="_index.md") == []


def test_one_line_json_pattern_is_reported(check):
    text = '{"id": "pat_01khm0pp0qw6rb1r861rg6dfh1", "slug": "transparent-ledger", "title": "Transparent Ledger"}\n\nBody.\n'
    assert rows(check(text)) == [("PL110", NAME, 1)]


def test_one_line_json_page_is_skipped_silently(check):
    assert check('{"title": "Patterns", "weight": 3}\n\nThe section.\n', name="_index.md") == []
