"""The file is not UTF-8 text (another encoding, UTF-16, or binary).

What it checks
--------------
Reported at the first byte that is not valid UTF-8, for UTF-16 files, and for files that
contain NUL bytes (binary files).

Why it matters
--------------
Site generators and the library's own scripts read patterns as UTF-8; other encodings
turn accents into garbage or stop the build.

Example
-------
A file saved as Windows-1252: `Café` is the byte 0xe9, which is not UTF-8.

    cafe.md:7:14: PL003 [invalid-encoding] byte 0xe9 is not valid UTF-8 ...

How to fix
----------
Re-save the file as UTF-8 without byte order mark (in most editors: "Save with
encoding"), or `iconv -f cp1252 -t utf-8`.

What it does not report
-----------------------
Only the first bad byte of a file is reported; the file is not checked further. Text that
is valid UTF-8 but was garbled by a double conversion (`CafÃ©`) is not recognised, nor are
control characters other than NUL. A UTF-8 byte order mark is `byte-order-mark`; a file over
the size limit is never read (`file-too-large`).
"""

CODE = "PL003"
NAME = "invalid-encoding"
GROUP = "file"
SEVERITY = "error"
SOURCE = "document"


# -- messages (the reader, lint/document.py, reports them) -------------------------------------------

def utf16() -> str:
    return "file is UTF-16; save it as UTF-8 (without byte order mark)"


def nul_bytes() -> str:
    return "file contains NUL bytes: it is binary, not Markdown text; remove it from the library or restore the text"


def not_utf8(byte: int) -> str:
    """`byte`: the first byte that is not UTF-8."""
    return f"byte 0x{byte:02x} is not valid UTF-8; re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)"
