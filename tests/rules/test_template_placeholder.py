"""template-placeholder: messages checked by their start or shape, word counts in headings with their fix, the
fixes on the whole run; the simple cases are data in tests/cases/body.yaml."""

import pytest

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

NAME = "template-placeholder"
CODE = "PL410"
CONTEXT = "A cooperative grows past the size where everyone sees every transaction."


def test_template_instruction_in_braces_is_reported(check):
    text = edit(VALID, CONTEXT, CONTEXT + "\n\n{Describe the situation or environment in which the problem arises.}")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "{Describe the situation"))]
    assert findings[0].column == 1
    assert findings[0].message.startswith("template placeholder `{Describe the situation or environment")
    assert "left in the body" in findings[0].message


def test_hint_wrapped_over_two_lines_is_reported_in_a_one_line_message(check):
    text = edit(VALID, CONTEXT, CONTEXT + " Write about it (100-200\nwords) here.")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "(100-200"))]
    assert "\n" not in findings[0].message


# -- word counts left in headings (issue 19) ----------------------------------------------------------


@pytest.mark.parametrize("heading, hint", [
    # As in real files of both libraries (blueprint-application.md, systems-seeing.md).
    ("### Section 1: Context (189 words)", "(189 words)"),
    ("### Section 1: Context (1,200 words)", "(1,200 words)"),
    # The classification template's hint (real commons-os files: web3-governance.md, six-sigma-dmaic.md).
    ("### Section 1: Context (3-7 principles, 200-400 words)", "(3-7 principles, 200-400 words)"),
    ("### Section 1: Context (100-200 words)", "(100-200 words)"),
], ids=["count", "count with a comma", "items and range", "range"])
def test_word_count_in_a_heading_is_reported_once_at_its_parenthesis(check, heading, hint):
    text = edit(VALID, "### Section 1: Context", heading)
    findings = [f for f in check(text) if f.name == NAME]
    assert rows(findings) == [(CODE, NAME, line_of(text, heading))]
    assert findings[0].column == heading.index("(") + 1
    assert findings[0].message == f"word count `{hint}` left in a heading; delete it"
    assert findings[0].fixable and findings[0].fix.safe
    assert findings[0].fix.title == "delete the word count"


@pytest.mark.parametrize("heading, fixed", [
    ("### Section 1: Context (189 words)", "### Section 1: Context"),
    # The blanks after it are not the fix's: they stay.
    ("### Section 1: Context  (3-7 principles, 200-400 words)  ", "### Section 1: Context  "),
    ("### Section 1: Context (189 words) ###", "### Section 1: Context ###"),
], ids=["count", "hint with blanks around", "closing hashes"])
def test_fix_deletes_the_count_and_the_blanks_before_it_and_nothing_else(tmp_path, heading, fixed):
    text = edit(STANDALONE, "### Section 1: Context", heading)
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", str(path))
    assert path.read_bytes() == edit(text, heading, fixed).encode("utf-8")
    cli("--fix", str(path))  # a second --fix changes nothing
    assert path.read_bytes() == edit(text, heading, fixed).encode("utf-8")


@pytest.mark.parametrize("heading", [
    "### Section 1: Context *(100–200 words)*",  # inside emphasis: deleting would leave `**`
    "### Section 1: Context (189 words) and more",  # text follows
    "### (189 words)",  # the whole title
], ids=["emphasis", "text after", "whole title"])
def test_count_the_fix_cannot_delete_cleanly_is_reported_without_a_fix(check, heading):
    text = edit(VALID, "### Section 1: Context\n\nA cooperative", heading + "\n\nA cooperative")
    findings = [f for f in check(text) if f.name == NAME]
    assert rows(findings) == [(CODE, NAME, line_of(text, heading))]
    assert findings[0].fix is None and not findings[0].fixable


# -- one finding per cause (issue 19: "at most three findings per root cause in any file") ---------

HEADINGS = ["### Section 1: Context", "### Section 2: Problem", "### Section 3: Solution"]


def _counted(text, counts):
    for heading, count in zip(HEADINGS, counts):
        text = edit(text, heading, f"{heading} ({count} words)")
    return text


def test_word_counts_in_several_headings_are_one_finding_at_the_first(check):
    # As in real files of both libraries: every section heading carries one (blueprint-application.md,
    # systems-seeing.md, six-sigma-dmaic.md), left by one generator run.
    text = _counted(VALID, [189, 168, 351])
    findings = [f for f in check(text) if f.name == NAME]
    assert rows(findings) == [(CODE, NAME, line_of(text, "### Section 1: Context (189 words)"))]
    assert findings[0].column == len("### Section 1: Context ") + 1
    second, third = line_of(text, "(168 words)"), line_of(text, "(351 words)")
    assert findings[0].message == (f"word counts left in 3 headings (`(189 words)` here, and on lines {second} "
                                   f"and {third}); delete them")
    assert findings[0].fix.safe and findings[0].fix.title == "delete the word counts"


def test_the_one_fix_deletes_every_count_and_a_second_fix_changes_nothing(tmp_path):
    text = _counted(STANDALONE, [189, 168, 351])
    path = tmp_path / "transparent-ledger.md"
    path.write_bytes(text.encode("utf-8"))
    cli("--fix", str(path))
    assert path.read_bytes() == STANDALONE.encode("utf-8")
    cli("--fix", str(path))
    assert path.read_bytes() == STANDALONE.encode("utf-8")


def test_counts_the_fix_cannot_delete_stay_in_the_finding(check):
    text = _counted(VALID, [189, 168])
    text = edit(text, "### Section 3: Solution", "### Section 3: Solution *(100–200 words)*")
    findings = [f for f in check(text) if f.name == NAME]
    assert len(findings) == 1 and "3 headings" in findings[0].message
    assert len(findings[0].fix.edits) == 2  # the one inside emphasis is left to the author


@pytest.mark.parametrize("count, expected", [(3, 3), (4, 1)])
def test_more_than_three_body_placeholders_are_one_finding(check, count, expected):
    body = CONTEXT + "\n\n" + "\n\n".join(f"{{Example {n}}}" for n in range(1, count + 1))
    text = edit(VALID, CONTEXT, body)
    findings = [f for f in check(text) if f.name == NAME]
    assert rows(findings) == [(CODE, NAME, line_of(text, f"{{Example {n}}}")) for n in range(1, expected + 1)]
    if expected == 1:
        assert findings[0].message.startswith(f"{count} template placeholders left in the body (`{{Example 1}}` here")
