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
        ("shared-budget-circle.md", "overall-score-mismatch", 43),
        ("shared-budget-circle.md", "summary-mismatch", 87),
        ("shared-budget-circle.md", "confidence-mismatch", 89),
        ("shared-budget-circle.md", "missing-section", 104),
        ("shared-budget-circle.md", "template-placeholder", 106),
        ("shared-budget-circle.md", "section-number-mismatch", 110),
    ]
    assert result.summary.as_dict() == {"files": 6, "patterns": 5, "skipped": 1, "errors": 10, "warnings": 4}


def test_readme_shows_the_real_summary():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert "Checked 6 files: 5 patterns, 1 skipped (not patterns); 10 errors, 4 warnings." in readme
