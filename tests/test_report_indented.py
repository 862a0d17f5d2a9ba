"""lint/report/indented.py writes exactly what `json.dumps(value, indent=2, ensure_ascii=False)` writes:
on the JSON and GitLab reports of every real file in ../shared, of a generated library with findings
in every file, on findings with hostile text (line breaks, quotes, the separators themselves,
surrogates, bidi controls), and on hypothesis-generated JSON values, where the cases it hands back
to the standard library (keys that are not strings) are included."""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import SHARED, load_generator
from lint.findings import Finding
from lint.report import gitlab, indented
from lint.report import json as json_report
from lint.runner import Options, Result, Summary, run


def standard(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def reports(result: Result) -> list[object]:
    """The values the JSON report and the GitLab report encode, after checking that each report's text
    is the standard library's indented text of what it holds (the GitLab report puts it together itself)."""
    values = []
    for writer in (json_report.write, gitlab.write):
        out = io.StringIO()
        writer(result, out)
        values.append(json.loads(out.getvalue()))
        assert out.getvalue() == standard(values[-1]) + "\n", writer.__module__
    payload = {"findings": [json_report.as_json(f) for f in result.findings], "summary": result.summary.as_dict()}
    assert values[0] == payload
    return [payload, values[1]]


def real_folders() -> list[str]:
    folders = [SHARED / "corpus-sample", SHARED / "corpus-dev", SHARED / "seeds"]
    return [os.fspath(folder) for folder in folders if folder.is_dir()]


@pytest.mark.skipif(not real_folders(), reason="../shared is not there")
def test_equal_on_the_reports_of_every_real_file():
    result = run(real_folders(), Options())
    assert result.findings
    for value in reports(result):
        assert indented.dumps(value) == standard(value)


def test_equal_on_a_generated_library_with_findings_in_every_file(tmp_path):
    load_generator().generate(150, os.fspath(tmp_path), seed=7, per_file=3)
    result = run([os.fspath(tmp_path)], Options())
    assert len(result.findings) > 300
    for value in reports(result):
        assert indented.dumps(value) == standard(value)


ODD = ["", "},\n      {", '"},\n    {"', "\\", '"', "\n", "\r\n", "\u2028\u2029", "\x00\x1b[31m", "\udc80", "\udcff",
       "\u202e", "é ü 漢字 🙂", "\t{}[],:", "a" * 5000]


def test_equal_on_findings_with_odd_text():
    findings = [Finding(f"lib/{text}.md", n, n + 1, "PL999", "odd-name", "warning", f"x{text}y{text}", n % 2 == 0)
                for n, text in enumerate(ODD)]
    result = Result(findings=findings, paths=[f.path for f in findings], summary=Summary(files=len(ODD)))
    payload = {"findings": [f.as_dict() for f in findings], "summary": result.summary.as_dict()}
    assert indented.dumps(payload) == standard(payload)
    for value in reports(result):
        assert indented.dumps(value) == standard(value)


def test_the_gitlab_report_of_no_findings():
    out = io.StringIO()
    gitlab.write(Result(), out)
    assert out.getvalue() == "[]\n" == standard([]) + "\n"


@given(st.lists(st.one_of(st.text(), st.sampled_from(ODD)), max_size=20))
def test_strings_are_encoded_one_by_one_as_the_standard_library_does(values):
    assert indented.strings(values) == [json.dumps(value, ensure_ascii=False) for value in values]


@pytest.mark.parametrize("value", [
    {}, [], (), {"a": {}}, {"a": []}, [[]], [{}], [{}, {"a": 1}], [{"a": 1}, {}], [{"a": [1]}, {"a": 2}],
    [{"a": {"b": 1}}], {"a": [{"b": 1}, {"c": None}]}, [1, [2, [3, {"d": [4.5, True]}]]], "x", 1, None, 2.5,
    float("nan"), float("inf"), -float("inf"), -0.0, 10 ** 30, True, {1: 2}, {"a": {1: 2}}, [{1: 2}, {3: 4}],
    {None: 1, True: 2, 2.5: 3}, ("a", ("b",)), [{"k": "},\n      {"}, {"k": "}"}],
])
def test_equal_on_edge_cases(value):
    assert indented.dumps(value) == standard(value)


@pytest.mark.parametrize("indent", [0, 1, 4])
def test_equal_at_other_indents(indent):
    value = {"findings": [{"a": 1, "b": "x"}, {"a": 2, "b": "}"}], "s": {"n": [1, 2]}, "e": []}
    assert indented.dumps(value, indent) == json.dumps(value, indent=indent, ensure_ascii=False)


texts = st.one_of(st.text(), st.sampled_from(ODD), st.text(alphabet=st.sampled_from('{}[],:"\\\n \t')))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts)
keys = st.one_of(texts, texts, texts, st.integers(), st.none(), st.booleans())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5),
    st.lists(st.dictionaries(texts, scalars, max_size=4), max_size=5)), max_leaves=40)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_equal_on_generated_values(value):
    assert indented.dumps(value) == standard(value)


@pytest.mark.parametrize("batch", [1, 2, 3, 7])
def test_equal_across_batches(monkeypatch, batch, tmp_path):
    """Mappings are encoded BATCH at a time: the joins between batches are those within one."""
    monkeypatch.setattr(indented, "BATCH", batch)
    findings = [Finding(f"lib/{text}.md", n, 1, "PL999", "odd-name", "warning", f"x{text}", False)
                for n, text in enumerate(ODD)]
    result = Result(findings=findings, paths=[f.path for f in findings], summary=Summary(files=len(ODD)))
    for value in reports(result) + [[{"a": n} for n in range(10)], {"x": [{"a": n} for n in range(batch)]}]:
        assert indented.dumps(value) == standard(value)
        out = io.StringIO()
        indented.write(value, out)
        assert out.getvalue() == standard(value)


def test_write_leaves_what_it_does_not_know_to_the_standard_library():
    value = {"findings": [{"a": 1}], "odd": {1: [2]}}
    out = io.StringIO()
    indented.write(value, out)
    assert out.getvalue() == standard(value)


ROW_VALUES = [None, True, False, 0, -1, 10 ** 30, 2.5, float("nan"), -0.0, "", "%s %d %%", "},\n    {", "\udc80", "é"]


@pytest.mark.parametrize("batch", [1, 2, 5, 2_000])
def test_rows_are_written_as_their_mappings(monkeypatch, batch):
    """indented.Rows (a report's findings without a mapping each): every column's kind of values (one
    type, or several), keys that hold the format's own `%`, in batches; and inside a value left to the
    standard library, the mappings themselves."""
    monkeypatch.setattr(indented, "BATCH", batch)
    keys = ("a", "%s", "b\n", "c")
    rows = [(value, n, f"m{n}", ROW_VALUES[(n * 3) % len(ROW_VALUES)]) for n, value in enumerate(ROW_VALUES)]
    mappings = [dict(zip(keys, row)) for row in rows]
    for value, same in [(indented.Rows(keys, rows), mappings), ({"findings": indented.Rows(keys, rows), "s": {"n": 1}},
                                                                  {"findings": mappings, "s": {"n": 1}}),
                        ({"x": indented.Rows(keys, []), "y": 1}, {"x": [], "y": 1}),
                        ({"findings": indented.Rows(keys, rows), "odd": {1: 2}}, {"findings": mappings, "odd": {1: 2}}),
                        (indented.Rows(keys, [(1, 2, 3, [4])]), [dict(zip(keys, (1, 2, 3, [4])))])]:
        for indent in (0, 2, 4):
            assert indented.dumps(value, indent) == json.dumps(same, indent=indent, ensure_ascii=False)
        out = io.StringIO()
        indented.write(value, out)
        assert out.getvalue() == standard(same)


def test_the_json_report_of_findings_that_are_not_plain_findings():
    """A finding of another type, or with a path that is no text, is written from its as_dict as before."""
    class Other(Finding):
        def as_dict(self):
            return {**super().as_dict(), "extra": 1}

    findings = [Finding("a.md", 1, 2, "PL999", "odd-name", "warning", "m", False),
                Other("b.md", 3, 4, "PL999", "odd-name", "error", "n", True)]
    out = io.StringIO()
    json_report.write(Result(findings=findings, summary=Summary(files=2)), out)
    assert json.loads(out.getvalue())["findings"][1]["extra"] == 1
    assert out.getvalue() == standard(json.loads(out.getvalue())) + "\n"
