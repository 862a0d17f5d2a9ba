import os

import pytest

from helpers import line_of, pattern, rows

NAME = "dangling-body-link"
CODE = "PL603"
ALPHA, BETA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1"


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


def lint(library, body, **options):
    text = pattern("alpha", ALPHA, body="\n" + body)
    return text, library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME], **options)


URLS = {
    "file": "{t}.md",
    "file in a folder": "../patterns/{t}.md",
    "file with anchor": "{t}.md#section-3-solution",
    "sibling folder": "../{t}/",
    "site path": "/patterns/{t}/",
    "site path with title": "/patterns/{t}/ \"Its page\"",
}


@pytest.mark.parametrize("url", URLS.values(), ids=URLS)
def test_body_link_to_a_pattern_of_the_library_is_fine(library, url):
    _, findings = lint(library, f"See [Beta]({url.format(t='beta')}) for the other side.\n")
    assert rows(findings) == []


@pytest.mark.parametrize("url", URLS.values(), ids=URLS)
def test_body_link_to_no_pattern_is_a_warning_at_its_url(library, tmp_path, url):
    url = url.format(t="missing-pattern")
    text, findings = lint(library, f"See [Missing]({url}) for the other side.\n")
    line = line_of(text, "See [Missing]")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    (finding,) = findings
    assert finding.severity == "warning"
    assert finding.column == text.split("\n")[line - 1].index("](") + 3
    assert finding.message.startswith(f"body link `missing-pattern` names no pattern in the library "
                                      f"(2 patterns under {tmp_path})")


def test_near_miss_gets_a_did_you_mean(library):
    files = {"alpha.md": pattern("alpha", ALPHA, body="\nSee [Budgets](../participatory-budgetting/).\n"),
             "participatory-budgeting.md": pattern("participatory-budgeting", BETA, title="Participatory-Budgeting")}
    (finding,) = library(files, select=[NAME])
    assert finding.message.endswith("did you mean `participatory-budgeting`?")


def test_reference_style_link_to_a_pattern_is_fine(library):
    _, findings = lint(library, "See [Beta][beta-ref] for the other side.\n\n[beta-ref]: beta.md\n")
    assert rows(findings) == []


def test_reference_style_link_to_no_pattern_is_reported_at_its_definition(library, tmp_path):
    text, findings = lint(library, "See [Missing][ref] for the other side.\n\n[ref]: missing-pattern.md\n")
    line = line_of(text, "[ref]: missing-pattern.md")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    assert findings[0].column == len("[ref]: ") + 1


def test_link_in_a_list_a_heading_and_a_quote_is_checked(library, tmp_path):
    body = ("#### See [Missing](missing-one.md)\n\n- Step: see [Missing](missing-two.md).\n\n"
            "> Quoted: [Missing](missing-three.md)\n")
    text, findings = lint(library, body)
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, f"missing-{n}"))
                                         for n in ("one", "two", "three")]


def test_link_whose_text_wraps_onto_the_next_line_is_checked(library, tmp_path):
    text, findings = lint(library, "See [the other\npattern](missing-pattern.md) for the accounting side.\n")
    line = line_of(text, "pattern](missing-pattern.md)")
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    assert findings[0].column == len("pattern](") + 1


def test_link_whose_text_wraps_to_a_pattern_is_fine(library):
    _, findings = lint(library, "See [the other\npattern](beta.md) for the accounting side.\n")
    assert rows(findings) == []


def test_column_stays_right_after_inline_code(library):
    text, findings = lint(library, "Use `[x](beta.md)` syntax, as in [Missing](missing-pattern.md).\n")
    line = line_of(text, "Use `[x]")
    assert [(f.line, f.column) for f in findings] == [(line, text.split("\n")[line - 1].index("missing-pattern") + 1)]


IGNORED = {
    "external": "See [Site](https://example.org/patterns/missing-pattern/).\n",
    "protocol-relative": "See [Site](//example.org/missing-pattern.md).\n",
    "mail": "Write to [us](mailto:missing-pattern@example.org).\n",
    "anchor": "See [below](#missing-pattern).\n",
    "readme": "See [the index](../README.md) and [the list](index.md).\n",
    "other file": "See [the sheet](missing-pattern.csv) and [the plan](missing-pattern.pdf).\n",
    "inline code": "Write `[Missing](missing-pattern.md)` to link.\n",
    "fenced code": "```markdown\n[Missing](missing-pattern.md)\n```\n",
    "indented code": "Example:\n\n    [Missing](missing-pattern.md)\n",
    "html comment": "<!-- [Missing](missing-pattern.md) -->\n",
    "image of a file": "![Sketch](missing-sketch.md)\n",
    "image at a site path": "![Sketch](/patterns/missing-sketch/)\n",
    "tilde fence in a list item": "1. Add the link:\n\n   ~~~markdown\n   See [Missing](missing-pattern.md).\n   ~~~\n",
    "fence with a blank line in a list item": ("1. Add the links:\n\n   ```markdown\n   See [Beta](beta.md).\n\n"
                                               "   See [Missing](missing-pattern.md).\n   ```\n"),
    "indented code in a list item": "- Example:\n\n        [Missing](missing-pattern.md)\n",
    "fence in a quote": "> ~~~\n> [Missing](missing-pattern.md)\n> ~~~\n",
}


@pytest.mark.parametrize("body", IGNORED.values(), ids=IGNORED)
def test_links_that_are_not_pattern_links_are_ignored(library, body):
    _, findings = lint(library, body)
    assert rows(findings) == []


def test_run_on_one_file_reports_only_that_file(library, tmp_path):
    text = pattern("alpha", ALPHA, body="\nSee [Beta](beta.md) and [Missing](missing-pattern.md).\n")
    files = {"alpha.md": text, "beta.md": pattern("beta", BETA, body="\nSee [Missing](missing-too.md).\n")}
    assert found(library(files, "alpha.md", select=[NAME]), tmp_path) == [
        ("alpha.md", CODE, NAME, line_of(text, "missing-pattern"))]


def test_reference_definition_cannot_interrupt_a_paragraph(library):
    # CommonMark: right after paragraph text, `[ref]: x.md` is text, not a definition.
    _, findings = lint(library, "Some text.\n[ref]: missing-pattern.md\n")
    assert rows(findings) == []
