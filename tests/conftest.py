"""Fixtures shared by the tests; plain helpers live in helpers.py."""

from __future__ import annotations

import os

import pytest

from helpers import not_installed
from lint.runner import Options, run

# From a source tree without an install, `lint` is importable here through pyproject's pytest
# `pythonpath`; child processes (`python -m lint` run in a temporary folder) find the tree the same way.
# Installed (the README's command, CI), nothing changes.
if not_installed():
    _TREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (_TREE, os.environ.get("PYTHONPATH"))))


@pytest.fixture(autouse=True)
def _cache_outside_the_repository(tmp_path, monkeypatch):
    """The command line keeps a cache in the working directory; tests keep theirs in their temp folder."""
    monkeypatch.setenv("PATTERN_LINT_CACHE_DIR", os.fspath(tmp_path / ".pattern-lint-cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # it would switch the default report to `github`


@pytest.fixture
def check(tmp_path):
    """Lint `content` (text or bytes) written as `name`; returns the findings.

    The file is checked on its own: library rules (group `graph`) are left out unless the
    test selects them, since VALID links to patterns that the temporary folder does not hold.
    Graph rules are tested with the `library` fixture.
    """

    def _check(content: str | bytes, name: str = "transparent-ledger.md", **options):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        path.write_bytes(data)
        if "select" not in options and "ignore" not in options:
            options["ignore"] = ["graph"]
        return run([os.fspath(path)], Options(**options)).findings

    return _check


@pytest.fixture
def library(tmp_path):
    """Write a library from {relative path: text} and lint the paths given (default: the whole folder)."""

    def _library(files: dict[str, str], *paths: str, **options):
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        targets = [os.fspath(tmp_path / p) for p in paths] or [os.fspath(tmp_path)]
        return run(targets, Options(**options)).findings

    return _library


@pytest.fixture
def loads(monkeypatch):
    """The names of the files parsed from disk during a run (the cache's tests count them)."""
    from lint import document

    seen: list[str] = []
    real = document.load

    def counting(path, **kw):
        seen.append(os.path.basename(path))
        return real(path, **kw)

    monkeypatch.setattr("lint.document.load", counting)
    return seen
