"""Fixtures shared by the tests; plain helpers live in helpers.py."""

from __future__ import annotations

import os

import pytest

from lint.runner import Options, run


@pytest.fixture
def check(tmp_path):
    """Lint `content` (text or bytes) written as `name`; returns the findings."""

    def _check(content: str | bytes, name: str = "transparent-ledger.md", **options):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        path.write_bytes(data)
        return run([os.fspath(path)], Options(**options)).findings

    return _check
