from helpers import VALID, edit, line_of, rows

NAME = "yaml-nesting-limit"


def nested(levels: int) -> str:
    return edit(VALID, "sources: []", "sources: " + "[" * levels + "x" + "]" * levels)


def test_200_levels_are_reported_where_the_limit_is_crossed(check):
    text = nested(200)
    findings = check(text)
    assert rows(findings) == [("PL108", NAME, line_of(text, "sources: [[["))]
    assert findings[0].column == len("sources: ") + 64  # the 64th bracket is the 65th level
    assert "more than 64 levels" in findings[0].message


def test_unbalanced_deep_brackets_are_reported(check):
    text = edit(VALID, "sources: []", "sources: " + "[" * 200)
    assert rows(check(text), NAME) == [("PL108", NAME, line_of(text, "sources: [[["))]


def test_100000_levels_are_refused_without_crashing_the_parser(check):
    text = edit(VALID, "sources: []", "sources: " + "[" * 100_000 + "]" * 100_000)
    findings = check(text)
    assert rows(findings, NAME) == [("PL108", NAME, line_of(text, "sources: [[["))]
    # where the limit is crossed, as for 200 levels, whether or not libyaml refuses 1,000 levels itself
    assert findings[0].column == len("sources: ") + 64
    assert rows(findings, "yaml-syntax") == []


def test_deep_block_nesting_is_reported(check):
    block = "".join(" " * i + "- \n" for i in range(1, 100))
    text = edit(VALID, "sources: []\n", "sources:\n" + block)
    assert rows(check(text), NAME) == [("PL108", NAME, line_of(text, "sources:") + 64)]


def test_64_levels_with_the_top_mapping_are_fine(check):
    assert rows(check(nested(63)), NAME) == []


def test_65_levels_are_reported(check):
    text = nested(64)
    assert rows(check(text), NAME) == [("PL108", NAME, line_of(text, "sources: [[["))]
