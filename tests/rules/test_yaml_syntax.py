from helpers import VALID, edit, line_of, rows

NAME = "yaml-syntax"
LABELS = """\
context_labels:
  corporate: "Open Book Management"
  government: "Public Account Auditing"
  activist: "Radical Transparency"
  tech: "Public Blockchain Ledger"
"""
FLOW_LABELS = ('context_labels: {corporate: "Open Book Management", government: "Public Account Auditing",\n'
               '  activist: "Radical Transparency", tech: "Public Blockchain Ledger"}\n')


def test_flow_mapping_with_block_lines_inside_is_reported(check):
    # as in real files: a `{...}` left open, continued in block style
    text = edit(VALID, "ontology:\n  domain: finance\n  cross_domains: [governance, technology]\n",
                "ontology: {domain: finance, cross_domains: [governance, technology]\n"
                "  commons_domain:\n    - life\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL103", NAME, line_of(text, "commons_domain:"))]
    found = next(f for f in findings if f.name == NAME)
    assert found.column == 3


def test_unclosed_flow_mapping_names_the_line_it_was_opened(check):
    text = edit(VALID, LABELS, FLOW_LABELS.replace('Ledger"}', 'Ledger"'))
    findings = check(text)
    assert rows(findings, NAME) == [("PL103", NAME, line_of(text, "ontology:"))]
    found = next(f for f in findings if f.name == NAME)
    assert f"opened at line {line_of(text, 'context_labels:')}" in found.message


def test_closed_flow_mapping_is_fine(check):
    assert rows(check(edit(VALID, LABELS, FLOW_LABELS)), NAME) == []


def test_tab_indentation_is_reported_with_a_tab_message(check):
    text = edit(VALID, "  confidence: 3\n", "\tconfidence: 3\n")
    findings = check(text)
    assert rows(findings, NAME) == [("PL103", NAME, line_of(text, "\tconfidence"))]
    found = next(f for f in findings if f.name == NAME)
    assert "tab" in found.message


def test_impossible_date_is_reported_at_the_value(check):
    text = edit(VALID, "last_pruned: 2026-02-17", "last_pruned: 2026-02-30")
    findings = check(text)
    assert rows(findings, NAME) == [("PL103", NAME, line_of(text, "last_pruned:"))]
    found = next(f for f in findings if f.name == NAME)
    assert found.column == len("  last_pruned: ") + 1
    assert "`2026-02-30`" in found.message
    assert [f.name for f in findings] == [NAME]  # one problem, one finding: not also invalid-value


def test_real_date_is_fine(check):
    assert rows(check(edit(VALID, "last_pruned: 2026-02-17", "last_pruned: 2026-02-28")), NAME) == []
