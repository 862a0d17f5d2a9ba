"""The example library the README runs: clean patterns stay clean, defective ones show each defect."""

from __future__ import annotations

from pathlib import Path

from lint.runner import run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_example_library_findings():
    result = run([str(EXAMPLES)])
    got = [(Path(f.path).name, f.name, f.line) for f in result.findings]
    assert got == [
        ("broken-frontmatter.md", "yaml-syntax", 17),
        ("open-budget-review.md", "invalid-typeid", 5),
        ("open-budget-review.md", "score-out-of-range", 34),
        ("open-budget-review.md", "unknown-vocabulary", 51),
        ("open-budget-review.md", "yaml-implicit-type", 52),
        ("open-budget-review.md", "unknown-field", 53),
        ("open-budget-review.md", "wrong-type", 63),
        ("open-budget-review.md", "duplicate-key", 86),
    ]
    assert result.summary.as_dict() == {"files": 5, "patterns": 4, "skipped": 1, "errors": 6, "warnings": 2}


def test_readme_shows_the_real_summary():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert "Checked 5 files: 4 patterns, 1 skipped (not patterns); 6 errors, 2 warnings." in readme
