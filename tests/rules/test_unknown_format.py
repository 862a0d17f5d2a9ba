from helpers import rows

NAME = "unknown-format"
IDENTITY_ONLY = """\
---
id: pat_01khm0pp0qw6rb1r861rg6dfh1
slug: transparent-ledger
title: Transparent Ledger
---

Text.
"""


def test_identity_keys_without_any_group_are_reported_once_and_not_schema_checked(check):
    findings = check(IDENTITY_ONLY)
    assert rows(findings) == [("PL201", NAME, 2)]  # no missing-field flood
    assert "v7" in findings[0].message


def test_same_file_with_a_group_is_a_known_format(check):
    text = IDENTITY_ONLY.replace("title: Transparent Ledger\n", "title: Transparent Ledger\nlifecycle: {}\n")
    findings = check(text)
    assert rows(findings, NAME) == []
    assert rows(findings, "missing-field")  # schema checks now run


def test_file_without_identity_keys_is_not_a_pattern(check):
    assert rows(check("---\ntitle: Section\n---\n", name="_index.md")) == []
