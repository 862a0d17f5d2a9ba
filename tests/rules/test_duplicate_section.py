import re

import pytest

from helpers import VALID, edit, line_of, rows

NAME = "duplicate-section"
CODE = "PL403"


def test_second_section_of_a_name_is_reported_with_the_first_line(check):
    text = edit(VALID, "### Section 6: Known Uses", "### Section 5: Consequences\n\nMore consequences.\n\n### Section 6: Known Uses")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "### Section 5: Consequences", 2))]
    finding = next(f for f in findings if f.name == NAME)
    assert finding.column == 1
    assert finding.message == (f"second `Consequences` section (the first is at line "
                               f"{line_of(text, '### Section 5: Consequences')}); merge them or rename one")


def test_second_copy_with_another_heading_style_is_a_duplicate(check):
    text = re.sub(r"(?m)^### Section \d: ", "## ", VALID)
    text = edit(text, "## Implementation", "## Problem (continued)\n\nMore problem.\n\n## Implementation")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "## Problem (continued)"))]


def test_each_section_once_is_fine(check):
    assert rows(check(VALID), NAME) == []


def test_sub_heading_named_like_a_section_is_not_a_duplicate(check):
    text = edit(VALID, "Publish the ledger where", "#### Problem framing\n\nThe framing.\n\nPublish the ledger where")
    assert rows(check(text)) == []


@pytest.mark.parametrize("hidden", [
    "```markdown\n### Section 2: Problem\n```",
    "~~~\n### Section 2: Problem\n~~~",
    "    ### Section 2: Problem",
    "<!-- ### Section 2: Problem -->",
], ids=["backtick fence", "tilde fence", "indented code", "html comment"])
def test_heading_in_code_or_comment_is_not_a_duplicate(check, hidden):
    text = edit(VALID, "Start with a monthly summary", hidden + "\n\nStart with a monthly summary")
    assert rows(check(text)) == []
