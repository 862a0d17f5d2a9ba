from helpers import VALID, edit, line_of, rows

NAME = "invalid-encoding"


def test_latin1_byte_is_reported_at_its_line_and_character_column(check):
    data = "---\nid: pat_01khm0pp0qw6rb1r861rg6dfh1\ntitle: Ça caf".encode("utf-8") + b"\xe9\n---\n"
    findings = check(data)
    assert rows(findings) == [("PL003", NAME, 3)]
    assert findings[0].column == 14  # characters, not bytes: `Ç` is two bytes in UTF-8
    assert "0xe9" in findings[0].message


def test_utf16_file_is_reported(check):
    findings = check(VALID.encode("utf-16"))  # with its byte order mark
    assert rows(findings) == [("PL003", NAME, 1)]
    assert "UTF-16" in findings[0].message


def test_nul_byte_is_reported_at_its_position(check):
    text = edit(VALID, "slug: transparent-ledger", "slug: transparent\x00ledger")
    findings = check(text)
    assert rows(findings) == [("PL003", NAME, line_of(text, "slug: "))]
    assert findings[0].column == len("slug: transparent") + 1
    assert "NUL" in findings[0].message


def test_utf8_accents_are_fine(check):
    text = edit(VALID, 'title: "Transparent Ledger"', 'title: "Transparent Ledger, Café"')
    assert rows(check(text), NAME) == []
