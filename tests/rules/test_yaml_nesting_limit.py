from helpers import VALID, edit, rows

NAME = "yaml-nesting-limit"


def nested(levels: int) -> str:
    return edit(VALID, "sources: []", "sources: " + "[" * levels + "x" + "]" * levels)


def test_200_levels_are_reported_at_the_start_of_the_frontmatter(check):
    findings = check(nested(200))
    assert rows(findings) == [("PL108", NAME, 2)]
    assert "limit of 64" in findings[0].message


def test_unbalanced_deep_brackets_are_reported(check):
    text = edit(VALID, "sources: []", "sources: " + "[" * 200)
    assert rows(check(text), NAME) == [("PL108", NAME, 2)]


def test_64_levels_with_the_top_mapping_are_fine(check):
    assert rows(check(nested(63)), NAME) == []


def test_65_levels_are_reported(check):
    assert rows(check(nested(64)), NAME) == [("PL108", NAME, 2)]
