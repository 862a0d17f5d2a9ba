"""The configuration file `lint init` writes: TOML strings, the `[tool.pattern-lint]` table of a pyproject.toml, and the atomic write."""

from __future__ import annotations

import os
import re
import tempfile

PYPROJECT, OWN_FILE = "pyproject.toml", ".pattern-lint.toml"


class InitError(Exception):
    """A usage error: said on standard error, exit status 2, nothing written."""


# -- the TOML text -----------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(value: str) -> str | None:
    """`value` as a TOML basic string; None when TOML cannot hold it (a lone surrogate)."""
    out = ['"']
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return None
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


# -- where it goes ---------------------------------------------------------------------------------

_HEADER = re.compile(r"""^[ \t]*\[(?!\[)[ \t]*tool[ \t]*\.[ \t]*(?:pattern-lint|"pattern-lint"|'pattern-lint')[ \t]*[.\]]""")
_ANY_HEADER = re.compile(r"^[ \t]*\[")


def target_of(folder: str) -> str:
    own = os.path.join(folder, OWN_FILE)
    pyproject = os.path.join(folder, PYPROJECT)
    if os.path.exists(own) or not os.path.isfile(pyproject):
        return own
    return pyproject


def _without_table(data: dict) -> dict:
    out = dict(data)
    tool = dict(out.get("tool", {})) if isinstance(out.get("tool"), dict) else out.get("tool")
    if isinstance(tool, dict):
        tool.pop("pattern-lint", None)
        out["tool"] = tool
        if not tool:
            del out["tool"]
    return out


def pyproject_table(text: str, force: bool, where: str) -> tuple[dict, bool]:
    """(`text` read as TOML, whether it has [tool.pattern-lint]); InitError when it cannot be read, or
    has the table and `force` is not given."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InitError(f"{where}: not valid TOML ({exc}); nothing written") from None
    has_table = isinstance(data.get("tool"), dict) and "pattern-lint" in data["tool"]
    if has_table and not force:
        raise InitError(f"{where} already has [tool.pattern-lint]; run with --force to replace that table, "
                        "or --print to see the proposal")
    return data, has_table


def into_pyproject(text: str, table_text: str, force: bool, where: str) -> str:
    """`text` (a pyproject.toml) with `table_text` as its `[tool.pattern-lint]`: appended, or with
    `force` in place of the one there. Every other byte is kept; checked by reading both back."""
    import tomllib

    before, has_table = pyproject_table(text, force, where)
    newline = "\r\n" if "\r\n" in text else "\n"
    table_text = table_text.replace("\n", newline)
    lines = text.splitlines(keepends=True)
    if not has_table:
        out = text
        if out and not out.endswith(("\n", "\r")):
            out += newline
        out = out + (newline if out.strip() else "") + table_text
    else:
        kept: list[str] = []
        at = None
        inside = False
        removed: list[str] = []
        for line in lines:
            if _ANY_HEADER.match(line):
                was_inside, inside = inside, bool(_HEADER.match(line))
                if was_inside and not inside:  # the comments right above the next table are that table's
                    attached = []
                    while removed and removed[-1].lstrip().startswith("#"):
                        attached.insert(0, removed.pop())
                    kept += attached
                if inside:
                    # the comments right above the header (no blank line between) belong to it
                    while kept and kept[-1].lstrip().startswith("#"):
                        kept.pop()
                    if at is None:
                        at = len(kept)
            (removed if inside else kept).append(line)
        if at is None:
            raise InitError(f"{where}: [tool.pattern-lint] is not written as a table header; remove it by hand, "
                            "or use --print")
        if kept[:at] and not kept[at - 1].endswith(("\n", "\r")):
            kept[at - 1] += newline
        rest = kept[at:]
        block = table_text + (newline if rest and rest[0].strip() else "")
        out = "".join(kept[:at]) + block + "".join(rest)
    try:
        after = tomllib.loads(out)
    except tomllib.TOMLDecodeError:
        after = None
    expected = tomllib.loads(table_text).get("tool", {}).get("pattern-lint")
    if after is None or _without_table(after) != _without_table(before) or \
            after.get("tool", {}).get("pattern-lint") != expected:
        raise InitError(f"{where}: cannot replace [tool.pattern-lint] without touching the rest of the file "
                        "(is part of it written with dotted keys elsewhere?); edit it by hand, or use --print")
    return out


def write(path: str, text: str) -> None:
    """Write `text` to `path` whole or not at all (a temporary file renamed over it), keeping its mode."""
    import shutil

    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    handle, temporary = tempfile.mkstemp(prefix=".pattern-lint-init-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if os.path.exists(real):
            shutil.copymode(real, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
