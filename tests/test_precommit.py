"""`.pre-commit-hooks.yaml` is a valid pre-commit manifest, and its hook is documented."""

from __future__ import annotations

import re
from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[1]


def test_manifest_is_valid_and_names_the_hook():
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    hooks = {h["id"]: h for h in hooks}
    assert list(hooks) == ["pattern-lint", "pattern-lint-library", "pattern-lint-fix"]
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["entry"] == "pattern-lint"
    assert hooks["pattern-lint"]["args"] == ["--force-exclude"]
    assert hooks["pattern-lint-library"]["pass_filenames"] is False and hooks["pattern-lint-library"]["always_run"]
    assert hooks["pattern-lint-fix"]["args"] == ["--force-exclude", "--fix", "--exit-non-zero-on-fix"]


def test_hooks_are_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook in ("pattern-lint", "pattern-lint-library", "pattern-lint-fix"):
        assert re.search(rf"- id: {hook}\s", readme), hook
