"""Hypothesis property tests: no crash, positions inside the file, fixes that converge.

Short profile by default (30 examples per test); a long one:

    PATTERN_LINT_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import STANDALONE
from lint import cli
from lint.runner import Options, run

EXAMPLES = int(os.environ.get("PATTERN_LINT_FUZZ_EXAMPLES", "30"))
# The short profile (CI) runs the same examples every time, so a red CI is never a coin toss;
# the long one (the variable set) explores new examples on every run.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize="PATTERN_LINT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
YAML_CHARS = ":-[]{}&*!|>'\"#%@\t\n"


def _lint(path: str):
    result = run([path], Options(ignore=["graph"]))
    internal = [f.message for f in result.findings if f.code == "PL000"]
    assert not internal, internal
    assert result.internal_errors == 0
    return result


def _check_positions(path: str, result) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    # Lines as the linter counts them: LF, CRLF and lone CR each end a line.
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for finding in result.findings:
        assert 1 <= finding.line <= lines + 1, (finding, lines)
        assert finding.column >= 1, finding


def _write(tmp_path, data: bytes, name: str = "transparent-ledger.md") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return os.fspath(path)


# (a) random bytes -------------------------------------------------------------------------------------

@FUZZ
@given(data=st.one_of(st.binary(max_size=4000), st.binary(max_size=200).map(lambda b: b"---\n" + b)))
def test_random_bytes(tmp_path, data):
    path = _write(tmp_path, data)
    _check_positions(path, _lint(path))


# (b) STANDALONE with random mutations ------------------------------------------------------------------

_pieces = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=YAML_CHARS, max_size=12),
    st.sampled_from(["---\n", "\n---\n", "- ", ": ", "&a ", "*a", "!!str ", "\r\n", "\r", "\ufeff", "\u2028",
                     "<!-- pattern-lint: disable=invalid-slug -->\n", "# pattern-lint: disable=missing-field",
                     "### Section 9: x\n", "[x](../other/)", "`", "{TITLE}", "> [!NOTE] Confidence Rating: ★\n"]),
)


@st.composite
def mutated(draw):
    text = STANDALONE
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + draw(st.sampled_from([0, 1, 5, 40, 400])))))
        operation = draw(st.sampled_from(["insert", "delete", "replace"]))
        if operation == "insert":
            text = text[:start] + draw(_pieces) + text[start:]
        elif operation == "delete":
            text = text[:start] + text[end:]
        else:
            text = text[:start] + draw(_pieces) + text[end:]
    return text


def _fix(path: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(["--no-cache", "--fix", "--unsafe-fixes", "--ignore", "graph", path], stdout=out), out.getvalue()


@FUZZ
@given(text=mutated())
def test_mutated_pattern_lints_and_fixes_converge(tmp_path, text):
    path = _write(tmp_path, text.encode("utf-8", "surrogatepass"))
    before = _lint(path)
    _check_positions(path, before)
    fixed_kinds = {f.name for f in before.findings if f.fix is not None}

    status, report = _fix(path)
    assert status in (0, 1)
    after = _lint(path)
    _check_positions(path, after)
    with open(path, "rb") as handle:
        once = handle.read()
    still = [(f.name, f.line, f.message) for f in after.findings if f.fix is not None and f.name in fixed_kinds]
    # The fixer may refuse a file (PL008 in its report), e.g. when copying a summary with a
    # placeholder into the body would add a template-placeholder finding: then fixes remain.
    refused = "[fix-not-applied]" in report
    if not refused:
        assert not still, still

    assert _fix(path)[0] in (0, 1)
    with open(path, "rb") as handle:
        twice = handle.read()
    assert twice == once, "a second --fix --unsafe-fixes changed the file again"


# (c) generated frontmatter -----------------------------------------------------------------------------

_keys = st.one_of(st.sampled_from(["id", "slug", "title", "summary", "ontology", "lifecycle", "relationships",
                                   "a", "1", "true", "null", "~", "<<", "? x", "-"]),
                  st.from_regex(r"[a-z_][a-z0-9_-]{0,8}", fullmatch=True))
_scalars = st.one_of(
    st.sampled_from(["", "~", "null", "yes", "no", "on", "1.10", "010", "0o17", "1:20", "1e3", ".nan", "-.inf",
                     "2026-02-30", "2026-02-19", "0x_", "!!int \"\"", "!!int ~", "!!timestamp \"\"", "!include x",
                     "!!python/object/apply:os.system ['true']", "&a x", "*a", "*b", "'it''s'", '"a\\e\\0b"',
                     "pat_01khm0pp0qw6rb1r861rg6dfh1", "transparent-ledger", "|", ">-", "[a, b", "{a: 1",
                     "\"unclosed", "a\u2028b", "a\tb", "9" * 50]),
    st.integers().map(str), st.floats(allow_nan=False).map(repr),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15),
)


def _render(value, indent: int) -> list[str]:
    pad = "  " * indent
    kind, payload = value
    if kind == "scalar":
        return [payload]
    if kind == "flow":
        return ["[" + ", ".join(payload) + "]"]
    if not payload:
        return ["{}" if kind == "map" else "[]"]
    lines = []
    for key, child in payload:
        rendered = _render(child, indent + 1)
        prefix = f"{pad}- " if kind == "seq" else f"{pad}{key}:"
        if child[0] in ("map", "seq") and child[1]:
            lines.append(prefix.rstrip() if kind == "map" else prefix + "")
            lines.extend(rendered)
        else:
            lines.append(f"{prefix} {rendered[0]}" if kind == "map" else f"{prefix}{rendered[0]}")
            lines.extend(rendered[1:])
    return lines


_values = st.recursive(
    st.one_of(st.tuples(st.just("scalar"), _scalars), st.tuples(st.just("flow"), st.lists(_scalars, max_size=4))),
    lambda children: st.one_of(
        st.tuples(st.just("map"), st.lists(st.tuples(_keys, children), max_size=5)),
        st.tuples(st.just("seq"), st.lists(st.tuples(st.just(""), children), max_size=5)),
    ),
    max_leaves=25,
)


@st.composite
def frontmatter_files(draw):
    top = draw(st.lists(st.tuples(_keys, _values), max_size=8))
    if draw(st.booleans()):
        top = [("id", ("scalar", "pat_01khm0pp0qw6rb1r861rg6dfh1")), ("slug", ("scalar", "transparent-ledger"))] + top
    lines = _render(("map", top), 0)
    body = STANDALONE.split("\n---\n", 1)[1] if draw(st.booleans()) else "\nBody.\n"
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@FUZZ
@given(text=frontmatter_files())
def test_generated_frontmatter(tmp_path, text):
    path = _write(tmp_path, text.encode("utf-8", "surrogatepass"))
    _check_positions(path, _lint(path))
