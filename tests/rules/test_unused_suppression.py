"""PL007 unused-suppression: a suppression comment that silences nothing, or names no rule."""

from __future__ import annotations

from helpers import STANDALONE, edit, line_of, rows

IMPLEMENTATION = "### Section 4: Implementation\n\nStart with a monthly summary, then the full ledger.\n"


def implementation(body: str) -> str:
    return edit(STANDALONE, IMPLEMENTATION, "### Section 4: Implementation\n\n" + body)


def test_used_suppression_is_not_reported(check):
    text = implementation("<!-- pattern-lint: disable-next-line=PL410 -->\n{Placeholder}.\n")
    assert rows(check(text)) == []


def test_unused_body_suppression_at_the_comments_line_and_column(check):
    text = implementation("Start small. <!-- pattern-lint: disable-next-line=template-placeholder -->\n"
                          "Then grow.\n\n{Placeholder}.\n")
    found = check(text)
    line = line_of(text, "Start small.")
    assert [(f.code, f.name, f.line, f.column, f.severity) for f in found] == [
        ("PL007", "unused-suppression", line, len("Start small. ") + 1, "warning"),
        ("PL410", "template-placeholder", line_of(text, "{Placeholder}"), 1, "error"),
    ]
    assert found[0].message == ("this suppression of `template-placeholder` silences nothing (there is no such "
                                "finding where it applies); remove it")


def test_unused_range_suppression(check):
    text = implementation("<!-- pattern-lint: disable=PL410 -->\n\nAll written.\n\n"
                          "<!-- pattern-lint: enable=PL410 -->\n\n{Placeholder}.\n")
    found = check(text)
    assert [(f.code, f.line, f.column) for f in found] == [
        ("PL007", line_of(text, "disable=PL410"), 1), ("PL410", line_of(text, "{Placeholder}"), 1)]
    assert "suppression of `PL410` silences nothing" in found[0].message


def test_unused_frontmatter_suppression_at_the_hash(check):
    text = edit(STANDALONE, "  status: stable", "  status: stable  # pattern-lint: disable=unknown-vocabulary")
    found = check(text)
    assert [(f.code, f.name, f.line, f.column) for f in found] == [
        ("PL007", "unused-suppression", line_of(text, "status: stable"), len("  status: stable  ") + 1)]


def test_only_the_unused_name_of_a_directive_is_reported(check):
    text = implementation("<!-- pattern-lint: disable-next-line=PL410,summary-mismatch -->\n{Placeholder}.\n")
    found = check(text)
    assert rows(found) == [("PL007", "unused-suppression", line_of(text, "disable-next-line"))]
    assert "suppression of `summary-mismatch` silences nothing" in found[0].message


def test_a_name_that_is_no_rule(check):
    text = implementation("Start small.\n\n<!-- pattern-lint: disable=template-placeholdr -->\n")
    found = check(text)
    assert [(f.code, f.name, f.line, f.column) for f in found] == [
        ("PL007", "unused-suppression", line_of(text, "template-placeholdr"), 1)]
    assert found[0].message == ("`template-placeholdr` in this suppression names no rule; correct the name "
                                "(`lint rules` lists them) or remove it")


def test_a_name_that_is_no_rule_in_the_frontmatter(check):
    text = edit(STANDALONE, "  status: stable", "  status: stable  # pattern-lint: disable=PL999")
    found = check(text)
    assert rows(found) == [("PL007", "unused-suppression", line_of(text, "PL999"))]
    assert found[0].message.startswith("`PL999` in this suppression names no rule")


def test_a_group_name_is_no_rule(check):
    text = implementation("<!-- pattern-lint: disable=sections -->\n\nStart small.\n")
    found = check(text)
    assert rows(found) == [("PL007", "unused-suppression", line_of(text, "disable=sections"))]
    assert "`sections` in this suppression names no rule" in found[0].message


def test_suppression_of_a_rule_not_selected_is_not_unused(check):
    text = implementation("<!-- pattern-lint: disable=template-placeholder -->\n\nStart small.\n")
    assert rows(check(text, ignore=["graph", "template-placeholder"])) == []
    # graph rules are left out by the `check` fixture: a suppression of one is not reported either
    text = implementation("<!-- pattern-lint: disable=dangling-body-link -->\n\nStart small.\n")
    assert rows(check(text)) == []


def test_suppression_of_a_rule_off_by_default_is_not_unused(check):
    text = implementation("<!-- pattern-lint: disable=section-length -->\n\nStart small.\n")
    assert rows(check(text)) == []


def test_unused_suppression_can_itself_be_ignored(check):
    text = implementation("<!-- pattern-lint: disable=template-placeholder -->\n\nStart small.\n")
    assert rows(check(text, ignore=["graph", "unused-suppression"])) == []


def test_a_no_rule_name_is_reported_even_if_nothing_else_runs(check):
    text = implementation("<!-- pattern-lint: disable=bogus -->\n\nStart small.\n")
    assert rows(check(text, select=["unused-suppression"])) == [
        ("PL007", "unused-suppression", line_of(text, "disable=bogus"))]


def test_directive_in_code_is_not_checked(check):
    text = implementation("```\n<!-- pattern-lint: disable=bogus -->\n```\n")
    assert rows(check(text)) == []


# -- comments that look like suppressions but are not: reported, never silently ignored -------------


def test_disable_without_rules_is_reported_and_silences_nothing(check):
    for comment in ("<!-- pattern-lint: disable -->", "<!-- pattern-lint: disable= -->",
                    "<!-- pattern-lint:disable-next-line-->", "<!--pattern-lint: enable-->"):
        text = implementation(f"{comment}\n{{Placeholder}}.\n")
        found = check(text)
        assert [(f.code, f.name, f.line, f.column) for f in found] == [
            ("PL007", "unused-suppression", line_of(text, comment), 1),
            ("PL410", "template-placeholder", line_of(text, "{Placeholder}"), 1)], comment
        assert "names no rule, so it silences nothing" in found[0].message
        assert "=NAME[,NAME]`" in found[0].message


def test_an_unknown_directive_word_is_reported_with_what_was_expected(check):
    text = implementation("Start. <!-- pattern-lint: disabel=template-placeholder -->\n{Placeholder}.\n")
    found = check(text)
    assert [(f.code, f.line, f.column) for f in found] == [
        ("PL007", line_of(text, "disabel"), len("Start. ") + 1), ("PL410", line_of(text, "{Placeholder}"), 1)]
    assert found[0].message == ("`disabel` is no suppression directive; did you mean `disable`? write "
                                "`<!-- pattern-lint: disable=NAME -->` (or `disable-next-line=`, `enable=`)")


def test_a_directive_closed_without_a_space_is_read(check):
    text = implementation("<!--pattern-lint:disable-next-line=PL410-->\n{Placeholder}.\n")
    assert rows(check(text)) == []


def test_a_directive_that_cannot_be_read_is_reported(check):
    text = implementation("<!-- pattern-lint: disable=template-placeholder because -->\n{Placeholder}.\n")
    found = check(text)
    assert rows(found) == [("PL007", "unused-suppression", line_of(text, "because")),
                           ("PL410", "template-placeholder", line_of(text, "{Placeholder}"))]
    assert "could not be read after `disable=template-placeholder`" in found[0].message


def test_a_frontmatter_comment_naming_no_rule_is_reported(check):
    text = edit(STANDALONE, "  status: stable", "  status: stable  # pattern-lint: disable")
    found = check(text)
    assert rows(found) == [("PL007", "unused-suppression", line_of(text, "# pattern-lint"))]
    assert "`disable` names no rule" in found[0].message


def test_enable_in_the_frontmatter_is_reported(check):
    text = edit(STANDALONE, "  status: stable", "  # pattern-lint: enable=unknown-vocabulary\n  status: stable")
    found = check(text)
    assert rows(found) == [("PL007", "unused-suppression", line_of(text, "enable=unknown"))]
    assert found[0].message.startswith("`enable` is for ranges in the body")


def test_frontmatter_disable_next_line_on_its_own_line_silences_the_next_line(check):
    bad = edit(STANDALONE, "  status: stable", "  status: stabel")
    assert rows(check(bad)) == [("PL207", "unknown-vocabulary", line_of(bad, "status: stabel"))]
    text = edit(bad, "  status: stabel", "  # pattern-lint: disable-next-line=unknown-vocabulary\n  status: stabel")
    assert rows(check(text)) == []
    # and only that line: the line after it is not covered
    text = edit(bad, "  status: stabel", "  # pattern-lint: disable-next-line=unknown-vocabulary\n  # a comment\n"
                "  status: stabel")
    assert rows(check(text)) == [("PL007", "unused-suppression", line_of(text, "disable-next-line")),
                                 ("PL207", "unknown-vocabulary", line_of(text, "status: stabel"))]
