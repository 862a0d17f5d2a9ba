"""The markdown summary fits a pull-request comment (65,536 characters) whatever the number of
findings: the per-rule table complete, findings listed while they fit, and a last line with the
number left out; values from files escaped."""

from __future__ import annotations

import io
import re
from collections import Counter

from lint.cli import main
from lint.findings import Finding
from lint.report import markdown
from lint.runner import Result, Summary

RULES = [("PL206", "score-out-of-range", "error"), ("PL207", "unknown-vocabulary", "warning"),
         ("PL601", "dangling-link", "error"), ("PL611", "orphan-pattern", "info"),
         ("PL401", "missing-section", "error"), ("PL506", "summary-mismatch", "warning")]


def generated(count: int) -> Result:
    findings = []
    for n in range(count):
        code, name, severity = RULES[n % len(RULES)] if n % 97 else RULES[n % 5]
        findings.append(Finding(f"library/folder-{n // 1000:03}/pattern-{n // 4:06}.md", n % 4 + 1, 3, code, name,
                                severity, f"problem number {n}: `value | with a pipe` and <b>markup</b> 🔴"))
    findings.sort(key=Finding.sort_key)
    return Result(findings=findings, paths=sorted({f.path for f in findings}),
                  summary=Summary(files=count // 4, patterns=count // 4,
                                  errors=sum(f.severity == "error" for f in findings),
                                  warnings=sum(f.severity == "warning" for f in findings)))


def listed(text: str) -> int:
    return sum(1 for line in text.splitlines() if re.match(r"- \S+ line \d+: PL\d{3} ", line))


def test_50000_findings_fit_a_comment():
    result = generated(50_000)
    out = io.StringIO()
    markdown.write(result, out)
    text = out.getvalue()
    assert len(text) <= 65_536 and markdown.size(text) <= 65_536
    assert len(text.encode("utf-8")) <= 1024 * 1024  # the job summary's limit
    # The table has every rule with its full count.
    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    rows = re.findall(r"^\| (PL\d{3}) `([a-z-]+)` \| \S+ (\w+) \| ([\d,]+) \|$", text, re.M)
    assert {(code, name, severity): int(n.replace(",", "")) for code, name, severity, n in rows} == counts
    # The findings listed and the last line's count add up.
    shown = listed(text)
    assert 100 < shown < 50_000
    last = text.rstrip("\n").splitlines()[-1]
    assert last.startswith(f"{50_000 - shown:,} of 50,000 findings are not listed here")
    assert "65,536" in last and "--format text" in last and "--format sarif" in last
    assert text.count("<details>") == text.count("</details>") == 1
    assert "<b>" not in text  # markup from a file is escaped


def test_a_small_report_lists_everything():
    result = generated(40)
    text = markdown.render(result)
    assert listed(text) == 40
    assert "not listed" not in text


def test_more_than_ten_in_a_file_says_so():
    findings = [Finding("a.md", n, 1, "PL207", "unknown-vocabulary", "warning", f"w {n}") for n in range(1, 13)]
    text = markdown.render(Result(findings=findings, paths=["a.md"], summary=Summary(files=1, patterns=1, warnings=12)))
    assert listed(text) == 10
    assert "- … and 2 more" in text
    assert text.rstrip("\n").splitlines()[-1].startswith("2 of 12 findings are not listed here (at most 10")


def test_one_huge_value_does_not_take_the_comment():
    findings = [Finding("a.md", 1, 1, "PL601", "dangling-link", "error", "x" * 200_000),
                Finding("b.md", 1, 1, "PL601", "dangling-link", "error", "short")]
    text = markdown.render(Result(findings=findings, paths=["a.md", "b.md"], summary=Summary(files=2, errors=2)))
    assert listed(text) == 2 and len(text) < 5_000


def test_control_characters_in_names_and_messages_are_escaped(tmp_path, monkeypatch):
    from helpers import STANDALONE, edit

    monkeypatch.chdir(tmp_path)
    name = "odd\x1bname.md"
    (tmp_path / name).write_text(edit(STANDALONE, "slug: transparent-ledger", 'slug: "bad\\e[31mred\\rx"'),
                                 encoding="utf-8")
    out = io.StringIO()
    main(["--no-cache", "--format", "markdown", name], stdout=out)
    text = out.getvalue()
    assert "\x1b" not in text and "\r" not in text
    assert "odd\\x1bname.md" in text


def test_file_names_show_as_written_whatever_they_hold():
    """A file name with emphasis marks or backticks, rendered by a CommonMark parser (markdown-it-py,
    the reference GitHub's renderer follows): one code span holding the name exactly, no emphasis."""
    from markdown_it import MarkdownIt

    names = ["lib/a*b*_c_.md", "lib/`tick`.md", "lib/``two``.md", "`lead.md"]
    findings = [Finding(name, 1, 1, "PL207", "unknown-vocabulary", "warning", "unknown status") for name in names]
    result = Result(findings=sorted(findings, key=Finding.sort_key), paths=names,
                    summary=Summary(files=4, patterns=4, warnings=4))
    html = MarkdownIt("commonmark").render(markdown.render(result))
    shown = re.findall(r"<p><strong><code>(.*?)</code></strong></p>", html)
    assert sorted(shown) == sorted(names)
    assert "<em>" not in html
