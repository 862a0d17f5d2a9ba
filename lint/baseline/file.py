"""The baseline file's format: reading it (with what is wrong with a bad one), writing it stably and atomically."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

FORMAT_VERSION = 1
TOOL = "pattern-lint"
DEFAULT_NAME = ".pattern-lint-baseline.json"
MAX_READ = 16 * 1024 * 1024


class BaselineError(Exception):
    """A baseline file that cannot be used: a usage error (exit 2), naming the file."""


@dataclass
class Entry:
    path: str  # relative to the baseline's folder, with `/`
    rule: str
    code: str = ""
    fingerprint: str = ""
    section: str = ""
    line: int = 0
    message: str = ""

    def as_dict(self) -> dict:
        return {"path": self.path, "rule": self.rule, "code": self.code, "fingerprint": self.fingerprint,
                "section": self.section, "line": self.line, "message": self.message}

    def sort_key(self) -> tuple:
        return (self.path, self.rule, self.fingerprint, self.message, self.section, self.code)


@dataclass
class Baseline:
    file: str  # absolute
    entries: list[Entry] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return os.path.dirname(self.file)


# -- reading and writing ---------------------------------------------------------------------------

def default_path(root: str | None) -> str:
    return os.path.join(os.path.abspath(root or os.getcwd()), DEFAULT_NAME)


def load(path: str, missing_ok: bool = False) -> Baseline:
    """The baseline in `path`; BaselineError (naming the file and what is wrong) when it is missing,
    unreadable, not JSON, another tool's, or of a version this linter does not know."""
    path = os.path.abspath(path)
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_READ + 1)
    except FileNotFoundError:
        if missing_ok:
            return Baseline(path)
        raise BaselineError(f"{shown}: no such baseline file (write one with `lint --write-baseline {shown}`)") \
            from None
    except IsADirectoryError:
        raise BaselineError(f"{shown}: cannot read the baseline: it is a folder") from None
    except OSError as exc:
        raise BaselineError(f"{shown}: cannot read the baseline: {exc.strerror or exc}") from None
    if len(raw) > MAX_READ:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: larger than {MAX_READ // (1024 * 1024)} MB")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: not valid JSON ({exc.msg} at line "
                            f"{exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        what = "a JSON object" if isinstance(data, dict) else f"JSON {type(data).__name__}"
        raise BaselineError(f"{shown}: not a pattern-lint baseline ({what} without \"tool\": \"{TOOL}\"); "
                            "write one with `lint --write-baseline`")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BaselineError(f"{shown}: not a pattern-lint baseline: `version` must be a whole number, "
                            f"not {version!r}")
    if version > FORMAT_VERSION:
        raise BaselineError(f"{shown}: baseline format version {version} is newer than this pattern-lint "
                            f"reads (up to {FORMAT_VERSION}): upgrade pattern-lint")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{shown}: not a pattern-lint baseline: `findings` must be a list")
    entries = []
    for number, item in enumerate(findings, 1):
        entries.append(_entry(item, f"{shown}: finding {number}"))
    return Baseline(path, entries)


def _entry(item, where: str) -> Entry:
    if not isinstance(item, dict):
        raise BaselineError(f"{where} must be a JSON object")
    for key in ("path", "rule"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise BaselineError(f"{where} has no `{key}` (text)")
    for key in ("code", "fingerprint", "section", "message"):
        if not isinstance(item.get(key, ""), str):
            raise BaselineError(f"{where}: `{key}` must be text")
    line = item.get("line", 0)
    if not isinstance(line, int) or isinstance(line, bool):
        raise BaselineError(f"{where}: `line` must be a whole number")
    return Entry(item["path"], item["rule"], item.get("code", ""), item.get("fingerprint", ""),
                 item.get("section", ""), line, item.get("message", ""))


def dumps(entries: list[Entry]) -> str:
    """The file's text: stable (sorted, one finding a line, keys in a fixed order)."""
    lines = [json.dumps(e.as_dict(), ensure_ascii=False) for e in sorted(entries, key=Entry.sort_key)]
    body = ",\n".join(f"    {line}" for line in lines)
    return (f'{{\n  "version": {FORMAT_VERSION},\n  "tool": "{TOOL}",\n  "findings": ['
            + (f"\n{body}\n  " if lines else "") + "]\n}\n")


def write(path: str, entries: list[Entry]) -> None:
    """Atomically (a half-written baseline would fail every run after it)."""
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".pattern-lint-baseline-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", errors="surrogateescape") as handle:
            handle.write(dumps(entries))
        try:
            os.chmod(temp, os.stat(path).st_mode & 0o7777)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
