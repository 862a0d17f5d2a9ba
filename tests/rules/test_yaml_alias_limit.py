from helpers import VALID, edit, line_of, rows

NAME = "yaml-alias-limit"
ID = "pat_01khm0pp0qw6rb1r861rg6dfh1"


def test_billion_laughs_is_reported_without_expanding(check):
    levels = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = f"---\nid: {ID}\n" + "\n".join(levels) + "\n---\n"
    findings = check(text)
    # lol0-lol3 build 8,302 values; lol4 would add 66,430: reported at the key that crosses the limit.
    assert rows(findings) == [("PL107", NAME, line_of(text, "lol4:"))]
    assert "50,000" in findings[0].message


def test_self_referencing_alias_is_reported(check):
    findings = check(f"---\nid: {ID}\na: &x [*x]\n---\n")
    assert rows(findings) == [("PL107", NAME, 3)]  # the anchored list that contains its own alias
    assert "(a cycle)" in findings[0].message


def test_alias_cycle_in_a_full_pattern_is_reported_where_it_is(check):
    text = edit(VALID, "sources: []", "sources: &x [*x]")
    assert rows(check(text), NAME) == [("PL107", NAME, line_of(text, "sources: &x"))]


def test_small_anchor_and_alias_are_fine(check):
    text = edit(VALID, 'contributors: ["higgerix", "cloudsters"]',
                'contributors: &people ["higgerix", "cloudsters"]\nprovenance:\n  contributors: *people')
    assert rows(check(text)) == []
