import pytest

from helpers import VALID, line_of, rows

NAME = "section-length"
CODE = "PL411"
RANGES = {"Context": (100, 200), "Problem": (100, 200), "Solution": (200, 400), "Implementation": (300, 500),
          "Consequences": (200, 300), "Known Uses": (200, 300), "Cognitive Era": (150, 250), "Vitality": (200, 300)}
HEAD = VALID.split("### Section 1: Context")[0]


def words(n: int) -> str:
    return " ".join(["word"] * n)


def pattern(**content: str) -> str:
    """VALID's frontmatter and opening, then the eight sections, each at the low end of its range
    unless given (keyword = section name with spaces as underscores)."""
    parts = [HEAD]
    for number, (name, (low, _)) in enumerate(RANGES.items(), 1):
        parts.append(f"### Section {number}: {name}\n\n{content.get(name.replace(' ', '_'), words(low))}\n\n")
    return "".join(parts)


def test_not_run_unless_selected(check):
    assert rows(check(pattern(Context=words(3))), NAME) == []
    assert rows(check(VALID), NAME) == []  # every section of VALID is far too short


def test_sections_within_their_ranges_are_fine(check):
    assert rows(check(pattern(), extend_select=["section-length"]), NAME) == []
    highs = {name.replace(" ", "_"): words(high) for name, (_, high) in RANGES.items()}
    assert rows(check(pattern(**highs), extend_select=["section-length"]), NAME) == []


@pytest.mark.parametrize("count", [99, 201])
def test_section_outside_its_range_is_reported(check, count):
    text = pattern(Context=words(count))
    findings = check(text, extend_select=["section-length"])
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 1: Context"))]
    finding = next(f for f in findings if f.name == NAME)
    assert finding.column == 1
    assert finding.message == f"`Context` has {count} words; the spec suggests 100-200"


def test_each_section_has_its_own_range(check):
    text = pattern(Known_Uses=words(199))  # 199 would be fine for Context
    findings = check(text, extend_select=["section-length"])
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 6: Known Uses"))]
    assert next(f for f in findings if f.name == NAME).message == "`Known Uses` has 199 words; the spec suggests 200-300"


def test_code_and_comments_are_not_counted(check):
    extra = "\n\n```\n" + words(60) + "\n```\n\n    " + words(60) + "\n\n<!-- " + words(60) + " -->"
    assert rows(check(pattern(Context=words(200) + extra), extend_select=["section-length"]), NAME) == []
    text = pattern(Context=words(99) + extra)
    findings = check(text, extend_select=["section-length"])
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 1: Context"))]
    assert next(f for f in findings if f.name == NAME).message.startswith("`Context` has 99 words;")


def test_emphasis_and_blockquote_marks_are_not_words(check):
    text = pattern(Context="> **" + words(100) + "**")
    assert rows(check(text, extend_select=["section-length"]), NAME) == []


@pytest.mark.parametrize("markup", ["- last", "1. last", "#### Last", "> - last"],
                         ids=["bullet", "ordered item", "sub-heading", "quoted bullet"])
def test_markdown_markers_are_not_words(check, markup):
    # 199 words of prose plus one word under a marker: 200 words, the top of the range.
    text = pattern(Context=words(199) + "\n\n" + markup)
    assert rows(check(text, extend_select=["section-length"]), NAME) == []
