"""`.pre-commit-hooks.yaml` is a valid pre-commit manifest, and its hook is documented."""

from __future__ import annotations

from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[1]


def test_manifest_is_valid_and_names_the_hook():
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [h["id"] for h in hooks] == ["pattern-lint", "pattern-lint-fix"]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"] == "pattern-lint"
        assert hook["types"] == ["markdown"]
    assert hooks[1]["args"] == ["--fix", "--exit-non-zero-on-fix"]


def test_hooks_are_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "id: pattern-lint\n" in readme and "id: pattern-lint-fix" in readme
