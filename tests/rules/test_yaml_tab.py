from helpers import VALID, edit, line_of, rows


def test_tab_after_a_key_is_reported_once_with_a_count(check):
    text = edit(edit(VALID, "  status: stable", "  status:\tstable"), "  usage_stage: design", "  usage_stage:\tdesign")
    findings = check(text)
    assert rows(findings, "yaml-tab") == [("PL109", "yaml-tab", line_of(text, "usage_stage:\t"))]
    finding = next(f for f in findings if f.name == "yaml-tab")
    assert finding.column == len("  usage_stage:") + 1
    assert "and on 1 more line" in finding.message
    assert rows(findings, "yaml-syntax") == []  # PyYAML reads it; the value is still checked


def test_tab_inside_a_quoted_value_is_fine(check):
    assert rows(check(edit(VALID, 'title: "Transparent Ledger"', 'title: "Transparent\tLedger"')), "yaml-tab") == []


def test_tab_that_breaks_the_parse_is_yaml_syntax_not_yaml_tab(check):
    findings = check(edit(VALID, "  status: stable", "\tstatus: stable"))
    assert rows(findings, "yaml-tab") == []
    assert [f.name for f in findings] == ["yaml-syntax"]
    assert "tab" in findings[0].message
