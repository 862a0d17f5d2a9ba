"""`.pre-commit-hooks.yaml` is a valid pre-commit manifest, and its hook is documented."""

from __future__ import annotations

from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[1]


def test_manifest_is_valid_and_names_the_hook():
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [h["id"] for h in hooks] == ["pattern-lint"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["entry"] == "pattern-lint"
    assert hook["types"] == ["markdown"]


def test_hook_is_in_readme():
    assert "id: pattern-lint" in (ROOT / "README.md").read_text(encoding="utf-8")
