import pytest

from helpers import STANDALONE, VALID, cli, edit, line_of, rows

NAME = "template-placeholder"
CODE = "PL410"
CONTEXT = "A cooperative grows past the size where everyone sees every transaction."


def only(findings):
    found = [f for f in findings if f.name == NAME]
    assert len(found) == 1, found
    return found[0]


def test_word_count_hint_in_a_section_is_reported(check):
    text = edit(VALID, CONTEXT, "*(100–200 words)*\n\n" + CONTEXT)
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "*(100–200 words)*"))]
    assert findings[0].column == 2
    assert findings[0].message == ("template placeholder `(100–200 words)` left in the body; replace it with the "
                                   "real content")


def test_word_count_hint_left_in_a_heading_is_reported(check):
    text = edit(VALID, "### Section 1: Context", "### Section 1: Context (100-200 words)")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "(100-200 words)"))]
    assert only(findings).column == len("### Section 1: Context ") + 1
    assert "`(100-200 words)`" in only(findings).message


def test_template_instruction_in_braces_is_reported(check):
    text = edit(VALID, CONTEXT, CONTEXT + "\n\n{Describe the situation or environment in which the problem arises.}")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "{Describe the situation"))]
    assert findings[0].column == 1
    assert findings[0].message.startswith("template placeholder `{Describe the situation or environment")
    assert "left in the body" in findings[0].message


def test_placeholder_in_a_list_item_is_reported_at_its_column(check):
    text = edit(VALID, "- **Participatory cities:** public budgets.", "- **Participatory cities:** {Example 2}.")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "{Example 2}"))]
    assert findings[0].column == len("- **Participatory cities:** ") + 1


def test_two_placeholders_on_a_line_are_two_findings(check):
    text = edit(VALID, CONTEXT, "{Actor} meets {Obstacle}.")
    line = line_of(text, "{Actor}")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line), (CODE, NAME, line)]
    assert [f.column for f in findings] == [1, len("{Actor} meets ") + 1]


def test_placeholder_in_a_frontmatter_value_is_reported_at_the_value(check):
    text = edit(VALID, 'title: "Transparent Ledger"', 'title: "{TITLE}"')
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, 'title: "{TITLE}"'))]
    assert findings[0].column == len("title: ") + 1
    assert findings[0].message == "template placeholder `{TITLE}` left in `title`; replace it"


def test_placeholder_in_a_frontmatter_list_value_names_its_path(check):
    text = edit(VALID, 'aliases: ["Open Book Management"]', 'aliases: ["{ALIAS}"]')
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "aliases:"))]
    assert "left in `aliases[0]`" in findings[0].message


def test_pat_placeholder_outside_id_is_reported(check):
    text = edit(VALID, "  - id: pat_01khvcxczrfztsmcf9fgrgy593", "  - id: pat_placeholder")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "- id: pat_placeholder"))]
    assert "`pat_placeholder` left in `relationships.requires[0].id`" in only(findings).message


def test_pat_placeholder_as_the_id_is_invalid_typeid_only(check):
    text = edit(VALID, "id: pat_01khm0pp0qw6rb1r861rg6dfh1", "id: pat_placeholder")
    assert rows(check(text)) == [("PL301", "invalid-typeid", line_of(text, "id: pat_placeholder"))]


@pytest.mark.parametrize("hidden", [
    "```\n{TITLE} (100-200 words)\n```",
    "~~~\n{TITLE} (100-200 words)\n~~~",
    "    {TITLE} (100-200 words)",
    "<!-- {TITLE} (100-200 words) -->",
    "Write `{TITLE}` and ``(100-200 words)`` in the template.",
], ids=["backtick fence", "tilde fence", "indented code", "html comment", "inline code"])
def test_placeholder_in_code_or_a_comment_is_fine(check, hidden):
    assert rows(check(edit(VALID, CONTEXT, CONTEXT + "\n\n" + hidden))) == []


def test_inline_code_does_not_shift_the_column_of_a_real_placeholder(check):
    text = edit(VALID, CONTEXT, "Write `{X}` then {TITLE}.")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "then {TITLE}"))]
    assert findings[0].column == len("Write `{X}` then ") + 1


def test_lowercase_braces_and_ordinary_parentheses_are_fine(check):
    text = edit(VALID, CONTEXT, CONTEXT + " Use {x} and {n}, then (about 200 words) or (1-2 pages).")
    assert rows(check(text), NAME) == []


def test_placeholder_on_a_later_line_of_a_block_is_reported_at_that_line(check):
    text = edit(VALID, CONTEXT, CONTEXT + "\nMore text, then {TITLE}.")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "then {TITLE}"))]
    assert findings[0].column == len("More text, then ") + 1


def test_hint_wrapped_over_two_lines_is_reported_in_a_one_line_message(check):
    text = edit(VALID, CONTEXT, CONTEXT + " Write about it (100-200\nwords) here.")
    findings = check(text)
    assert rows(findings) == [(CODE, NAME, line_of(text, "(100-200"))]
    assert "\n" not in findings[0].message


def test_code_span_wrapped_over_two_lines_is_code(check):
    # CommonMark code spans may contain a line break; the placeholder inside is still code.
    text = edit(VALID, CONTEXT, CONTEXT + " Write `{TITLE}\nhere` in the template.")
    assert rows(check(text), NAME) == []


def test_placeholder_in_a_date_field_is_only_invalid_value(check):
    text = edit(VALID, "last_pruned: 2026-02-17", 'last_pruned: "{YYYY-MM-DD}"')
    assert rows(check(text)) == [("PL205", "invalid-value", line_of(text, "last_pruned:"))]


def test_placeholder_in_a_folded_value_is_reported_at_its_text(check):
    text = edit(VALID, "  A pattern for establishing collective trust by making operational data\n",
                "  {A one-sentence summary of the pattern's core idea.}\n")
    findings = check(text)
    assert rows(findings, NAME) == [(CODE, NAME, line_of(text, "  {A one-sentence summary"))]
    assert findings[0].column == 3


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


def test_word_count_in_a_setext_heading_is_reported_at_its_line(check):
    text = edit(VALID, CONTEXT, CONTEXT + "\n\nLedgers in practice (96 words)\n-------------------")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "Ledgers in practice"))]


@pytest.mark.parametrize("body", [
    CONTEXT + " The abstract (150 words) says it all.",
    CONTEXT + "\n\n#### About 200 words (roughly)",
    CONTEXT + "\n\n#### Notes (about 200 words)",
    CONTEXT + "\n\n#### Notes (200 pages)",
], ids=["count in running text", "words outside parentheses", "about", "pages"])
def test_other_counts_are_fine(check, body):
    assert rows(check(edit(VALID, CONTEXT, body)), NAME) == []


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
