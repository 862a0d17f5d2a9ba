"""`lint schema FORMAT` validates exactly what `lint` accepts, in the tools that consume it.

What "agree" means: the exported schema's verdict on a file's frontmatter (valid or not) equals
whether `lint` reports a finding of one of its schema rules on that file, the rules whose findings
come from the format's schemas (`SOURCE = "schema"`):

    missing-field, unknown-field, wrong-type, invalid-value, score-out-of-range, yaml-implicit-type

(yaml-implicit-type is how `lint` reports a plain number or boolean where text is meant, `title: 4`:
"quote it", where a schema says "not a string"). Two decisions, as README's editor section says:
unknown-field is a warning in `lint`, but a schema cannot warn, so the exported schema rejects an
unknown key (an editor marks it, check-jsonschema fails); unknown-vocabulary, also a warning, is not
in the schema: the known values are the library's to extend in its configuration, which
`lint schema` does not read, so a value outside them is valid.

The frontmatter is read as those tools read it: check-jsonschema's YAML loader (YAML 1.2, dates
kept as text), like a YAML language server. Where YAML 1.1, which the linter reads, and YAML 1.2
read the same plain value differently, the outcome is pinned down in YAML_READINGS.

The real check-jsonschema command runs on every real file and on every mutated case (one run per
format); jsonschema runs in-process on the same cases, to say which case broke.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from check_jsonschema.parsers import ParserSet
from jsonschema import Draft202012Validator
from referencing import Registry

from helpers import CLASSIFICATION, COLLECTION, SHARED, VALID, edit, not_installed
from lint.formats import FORMATS, YAML11_BOOLEAN_WORDS
from lint.registry import all_rules
from lint.engine import load
from lint.runner import Options, run

REPO = Path(__file__).resolve().parents[1]
SCHEMA_RULES = tuple(rule.name for rule in all_rules() if rule.source == "schema")
NAMES = [f.name for f in FORMATS]
# check-jsonschema must not need the network: any fetch goes to a closed port and fails the run
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """Each format's schema as `lint schema NAME` prints it, in a file."""
    folder = tmp_path_factory.mktemp("schemas")
    paths = {}
    for name in NAMES:
        proc = subprocess.run([sys.executable, "-m", "lint", "schema", name], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        paths[name] = folder / f"{name}.schema.json"
        paths[name].write_text(proc.stdout, encoding="utf-8")
    return paths


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--no-cache", *args],
                          capture_output=True, text=True, env=OFFLINE)


def check_jsonschema_verdicts(schema: Path, instances: list[Path]) -> dict[Path, bool]:
    """check-jsonschema's verdict on each instance file (True: valid), from one run."""
    proc = check_jsonschema("--output-format", "json", "--schemafile", os.fspath(schema),
                            *map(os.fspath, instances))
    report = json.loads(proc.stdout)
    assert not report.get("parse_errors"), report["parse_errors"]
    invalid = {Path(error["filename"]) for error in report["errors"]}
    assert (proc.returncode == 0) == (not invalid), proc.stdout + proc.stderr
    return {path: path not in invalid for path in instances}


def frontmatter_text(data: bytes) -> str:
    """The YAML between the opening `---` line and the next `---` line (what check-jsonschema is given,
    since it does not read Markdown frontmatter)."""
    lines = data.decode("utf-8-sig").splitlines(keepends=True)
    assert lines[0].rstrip("\r\n") == "---"
    end = next(i for i, line in enumerate(lines) if i and line.rstrip("\r\n") == "---")
    return "".join(lines[1:end])


def lint_rules(paths: list[Path], rules=SCHEMA_RULES) -> dict[Path, set[str]]:
    """The names of `rules` that `lint` reports on each file."""
    found: dict[Path, set[str]] = {path: set() for path in paths}
    for finding in run([os.fspath(p) for p in paths], Options(select=list(rules))).findings:
        found[Path(finding.path)].add(finding.name)
    return found


def as_yaml12(text: str):
    """The frontmatter as check-jsonschema's own loader reads it."""
    return ParserSet().parse_data_with_path(text.encode("utf-8"), "frontmatter.yaml", "yaml")


def validator(schema_path: Path) -> Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # An empty registry: every $ref must resolve inside the document.
    return Draft202012Validator(schema, registry=Registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- the document itself -------------------------------------------------------------------------

def _nodes(schema, pointer=""):
    if isinstance(schema, dict):
        yield pointer, schema
        for key, value in schema.items():
            yield from _nodes(value, f"{pointer}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _nodes(value, f"{pointer}/{i}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_2020_12_and_self_contained(name, exported):
    """Valid against the 2020-12 metaschema (check-jsonschema's check and jsonschema's), and
    self-contained for every consumer: each `$ref` a JSON pointer into the document (no URI to
    resolve, no embedded `$id`), `$schema` at the top only, and only the `date` format (checked the same
    way by jsonschema, check-jsonschema and the linter; `date-time` needs an extra package in jsonschema)."""
    proc = check_jsonschema("--check-metaschema", os.fspath(exported[name]))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    schema = json.loads(exported[name].read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for pointer, node in _nodes(schema):
        if pointer:
            assert "$id" not in node and "$schema" not in node, pointer
        if isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            assert ref.startswith("#/"), (pointer, ref)
            target = schema
            for part in ref[2:].split("/"):
                target = target[part]
            assert isinstance(target, dict), (pointer, ref)
        assert node.get("format", "date") == "date", (pointer, node["format"])


@pytest.mark.parametrize("name", NAMES)
def test_an_invalid_field_is_one_error_not_a_cascade(name, exported):
    """`unevaluatedProperties: false` at the top made every field of a group with one bad value
    "unexpected" too; the top level is closed with `additionalProperties: false` instead."""
    schema = json.loads(exported[name].read_text(encoding="utf-8"))
    assert not any("unevaluatedProperties" in node for _, node in _nodes(schema))
    broken = {"v7": edit(VALID, "  confidence: 3", "  confidence: 4"),
              "classification": edit(CLASSIFICATION, "  commons_alignment: 4", "  commons_alignment: 9"),
              "collection": edit(COLLECTION, "vitality_score: 4.5", "vitality_score: 9")}[name]
    errors = list(validator(exported[name]).iter_errors(as_yaml12(frontmatter_text(broken.encode()))))
    assert len(errors) == 1, [e.message for e in errors]


# --- every real file ------------------------------------------------------------------------------

def real_files() -> list[Path]:
    return sorted([*SHARED.glob("corpus-sample/**/*.md"), *SHARED.glob("corpus-dev/**/*.md"),
                   *SHARED.glob("seeds/*.txt")])


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not beside the repository")
def test_check_jsonschema_agrees_with_lint_on_every_real_file(exported, tmp_path):
    assert set(SCHEMA_RULES) == {"missing-field", "unknown-field", "wrong-type", "invalid-value",
                                 "score-out-of-range", "yaml-implicit-type"}  # as README names them
    by_format: dict[str, dict[Path, Path]] = {name: {} for name in NAMES}  # format -> {yaml file: real file}
    unreadable: dict[Path, Path] = {}
    for path in real_files():
        doc = load(os.fspath(path), Options())
        if not doc.is_pattern:
            continue  # no frontmatter, or no `id`/`slug`: not a pattern, for lint and for the schema
        instance = tmp_path / f"{path.parent.name}--{path.name}.yaml"
        instance.write_text(frontmatter_text(path.read_bytes()), encoding="utf-8")
        if not isinstance(doc.frontmatter, dict):
            unreadable[instance] = path
        else:
            assert doc.format is not None, path
            by_format[doc.format.name][instance] = path
    # frontmatter that is not YAML: lint reports it, and check-jsonschema cannot read it either
    assert len(unreadable) == 1
    assert all(lint_rules(list(unreadable.values()), ["yaml-syntax"]).values())
    proc = check_jsonschema("--output-format", "json", "--schemafile", os.fspath(exported["v7"]),
                            *map(os.fspath, unreadable))
    assert {Path(e["filename"]) for e in json.loads(proc.stdout)["parse_errors"]} == set(unreadable)
    lint = lint_rules([real for files in by_format.values() for real in files.values()])
    disagree, verdicts = [], []
    for name, files in by_format.items():
        for instance, valid in check_jsonschema_verdicts(exported[name], list(files)).items():
            real = files[instance]
            verdicts.append(valid)
            if valid != (not lint[real]):
                disagree.append((os.fspath(real.relative_to(SHARED)), name, valid, sorted(lint[real])))
    assert disagree == []
    assert len(verdicts) >= 60 and all(by_format.values())
    # both verdicts are exercised (4 invalid since issue 19 made the site's `collection` key known in v7.1 files)
    assert verdicts.count(False) >= 4 and verdicts.count(True) >= 40


def _readme_blocks(section: str, language: str) -> list[str]:
    body = (REPO / "README.md").read_text(encoding="utf-8").split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", body, re.S)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not beside the repository")
@pytest.mark.skipif(bool(not_installed()), reason=not_installed() or "installed")  # README runs `lint`
def test_readme_check_jsonschema_commands_pass_a_real_file_and_fail_a_broken_one(tmp_path):
    """README's editor section, copied as it is, on empathy-mapping.md (dates written
    `2026-01-28 00:00:00+00:00`), then on a copy with a score out of range."""
    commands = next(b for b in _readme_blocks("Use it in an editor", "sh") if "check-jsonschema" in b)
    env = {**OFFLINE, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    pattern = tmp_path / "patterns" / "empathy-mapping.md"
    pattern.parent.mkdir()
    shutil.copyfile(SHARED / "corpus-sample" / "commons-os" / "empathy-mapping.md", pattern)
    proc = subprocess.run(["bash", "-e", "-c", commands], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok -- validation done" in proc.stdout
    pattern.write_text(edit(pattern.read_text(encoding="utf-8"), "commons_alignment: 4", "commons_alignment: 9"),
                       encoding="utf-8")
    proc = subprocess.run(["bash", "-e", "-c", commands], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 1 and "9 is greater than the maximum of 5" in proc.stdout, proc.stdout + proc.stderr


# --- mutated copies: each kind of constraint ---------------------------------------------------------

@dataclass(frozen=True)
class Case:
    id: str
    format: str
    text: str
    lint: frozenset  # the schema rules `lint` reports: none when it accepts the frontmatter


def _cases() -> list[Case]:
    v7, c, k = VALID, CLASSIFICATION, COLLECTION
    dated = edit(c, "version: 1.0\n", "version: 1.0\ncreated: 2026-01-28 00:00:00+00:00\nmodified: 2026-02-01\n"
                 "last_updated: '2026-02-10 00:00:00+00:00'\nconfidence_score: 0.8\n")
    rows = [
        ("v7", "as written", v7, ""),
        ("v7", "no slug", edit(v7, "slug: transparent-ledger\n", ""), "missing-field"),
        ("v7", "no lifecycle.confidence", edit(v7, "  confidence: 3\n", ""), "missing-field"),
        ("v7", "relationship entry without target",
         edit(v7, "    - slug: participatory-budgeting\n      weight: 0.8", "    - weight: 0.8"), "missing-field"),
        ("v7", "unknown top-level key", edit(v7, "summary: >-", "colour: blue\nsummary: >-"), "unknown-field"),
        ("v7", "unknown key in lifecycle", edit(v7, "  status: stable\n", "  status: stable\n  colour: blue\n"),
         "unknown-field"),
        ("v7", "misspelt required key", edit(v7, "  confidence: 3", "  confidance: 3"), "unknown-field"),
        ("v7", "text for an integer", edit(v7, "  confidence: 3", '  confidence: "high"'), "wrong-type"),
        ("v7", "list for a text", edit(v7, "  domain: finance", "  domain: [finance]"), "wrong-type"),
        ("v7", "number for a text", edit(v7, 'title: "Transparent Ledger"', "title: 4"), "yaml-implicit-type"),
        ("v7", "boolean for a text", edit(v7, 'title: "Transparent Ledger"', "title: true"), "yaml-implicit-type"),
        ("v7", "number for a context label", edit(v7, '  corporate: "Open Book Management"', "  corporate: 5"),
         "yaml-implicit-type"),
        ("v7", "empty value for a text", edit(v7, "  status: stable", "  status:"), "wrong-type"),
        ("v7", "list for a context label", edit(v7, '  corporate: "Open Book Management"', "  corporate: [a, b]"),
         "wrong-type"),
        ("v7", "list in a relationship list", edit(v7, "specializes_to: [open-budgeting]", "specializes_to: [[a]]"),
         "wrong-type"),
        ("v7", "empty relationship entry", edit(v7, "specializes_to: [open-budgeting]", 'specializes_to: [""]'),
         "invalid-value"),
        ("v7", "confidence 4", edit(v7, "  confidence: 3", "  confidence: 4"), "invalid-value"),
        ("v7", "empty title", edit(v7, 'title: "Transparent Ledger"', 'title: ""'), "invalid-value"),
        ("v7", "score 0", edit(v7, "    resilience: 5", "    resilience: 0"), "score-out-of-range"),
        ("v7", "score 7", edit(v7, "    resilience: 5", "    resilience: 7"), "score-out-of-range"),
        ("v7", "vitality 0", edit(v7, "    vitality: 4.5", "    vitality: 0"), ""),
        ("v7", "overall score 5.5", edit(v7, "    overall_score: 4.4", "    overall_score: 5.5"), "score-out-of-range"),
        ("v7", "date quoted, no such day", edit(v7, "  last_pruned: 2026-02-17", "  last_pruned: '2026-02-30'"),
         "invalid-value"),
        ("v7", "date with a time", edit(v7, "  last_pruned: 2026-02-17", "  last_pruned: 2026-02-17 10:00:00"),
         "invalid-value"),
        ("v7", "date as words", edit(v7, "  last_pruned: 2026-02-17", "  last_pruned: mid February"),
         "invalid-value"),
        ("v7", "unknown relationship type (a vocabulary warning)", edit(v7, "  tools: []", "  toolz: []"), ""),
        ("v7", "unknown status (a vocabulary warning)", edit(v7, "  status: stable", "  status: stabel"), ""),
        ("classification", "as written, with dates", dated, ""),
        ("classification", "date and time with T and Z",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", "created: 2026-01-28T09:30:00Z"), ""),
        ("classification", "date and time with a fraction and an offset, quoted",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", 'created: "2026-01-28T09:30:00.25+01:00"'), ""),
        ("classification", "date and time without a zone",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", "created: 2026-01-28 9:30:00"), ""),
        ("classification", "date as words",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", "created: next week"), "invalid-value"),
        ("classification", "date with slashes",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", "created: 2026/01/28"), "invalid-value"),
        ("classification", "hour 25, quoted",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", 'created: "2026-01-28 25:00:00"'), "invalid-value"),
        ("classification", "date and time ending in a newline",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", 'created: "2026-01-28 10:00:00\\n"'), "invalid-value"),
        ("classification", "date as a number",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", "created: 2026"),
         "yaml-implicit-type invalid-value"),
        ("classification", "date as a mapping",
         edit(dated, "created: 2026-01-28 00:00:00+00:00", "created: {year: 2026}"), "wrong-type"),
        ("classification", "commons_alignment 6", edit(c, "  commons_alignment: 4", "  commons_alignment: 6"),
         "score-out-of-range"),
        ("classification", "confidence_score 1.5", edit(dated, "confidence_score: 0.8", "confidence_score: 1.5"),
         "score-out-of-range"),
        ("classification", "confidence_score empty", edit(dated, "confidence_score: 0.8", "confidence_score:"), ""),
        ("classification", "no classification.domain", edit(c, "  domain: operations\n", ""), "missing-field"),
        ("classification", "no title", edit(c, "title: Empathy Mapping\n", ""), "missing-field"),
        ("classification", "unknown key in classification",
         edit(c, "  status: draft\n", "  status: draft\n  colour: x\n"), "unknown-field"),
        ("classification", "top-level commons_alignment",
         edit(c, "related: []\n", "related: []\ncommons_alignment: 4\n"), "unknown-field"),
        ("classification", "empty TypeID", edit(c, "generalizes_from: []", 'generalizes_from: [""]'), "invalid-value"),
        ("classification", "a TypeID not in a list",
         edit(c, "generalizes_from: []", "generalizes_from: pat_01kg5023wbfw1azjwp99gcgcrn"), "wrong-type"),
        ("classification", "status published (a vocabulary warning)", edit(c, "  status: draft", "  status: published"),
         ""),
        ("collection", "as written", k, ""),
        ("collection", "draft true", edit(k, "vitality_score: 4.5\n", "vitality_score: 4.5\ndraft: true\n"), ""),
        *[("collection", f"draft {word} (a YAML 1.1 boolean)",
           edit(k, "vitality_score: 4.5\n", f"vitality_score: 4.5\ndraft: {word}\n"), "")
          for word in YAML11_BOOLEAN_WORDS],
        ("collection", "draft maybe", edit(k, "vitality_score: 4.5\n", "vitality_score: 4.5\ndraft: maybe\n"),
         "wrong-type"),
        ("collection", "draft 1", edit(k, "vitality_score: 4.5\n", "vitality_score: 4.5\ndraft: 1\n"), "wrong-type"),
        ("collection", "vitality_score 5.5", edit(k, "vitality_score: 4.5", "vitality_score: 5.5"),
         "score-out-of-range"),
        ("collection", "vitality_score high", edit(k, "vitality_score: 4.5", "vitality_score: high"), "wrong-type"),
        ("collection", "no type", edit(k, "type: pattern\n", ""), "missing-field"),
        ("collection", "unknown key", edit(k, "domain: education\n", "domain: education\ncolour: blue\n"),
         "unknown-field"),
        ("collection", "empty summary", edit(k, "summary: Learning paths that adjust to the learner.", 'summary: ""'),
         "invalid-value"),
    ]
    return [Case(f"{fmt}: {what}", fmt, text, frozenset(rules.split())) for fmt, what, text, rules in rows]


CASES = _cases()


def _write(case: Case, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(case.text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_schema_agrees_with_lint_on_a_mutation(case, exported, tmp_path):
    path = _write(case, tmp_path, "pattern.md")
    doc = load(os.fspath(path), Options())
    assert doc.format is not None and doc.format.name == case.format
    assert lint_rules([path])[path] == case.lint  # the case breaks what it says, and only that
    errors = [e.message for e in validator(exported[case.format]).iter_errors(as_yaml12(frontmatter_text(
        case.text.encode())))]
    assert (not errors) == (not case.lint), errors


def test_check_jsonschema_agrees_with_lint_on_every_mutation(exported, tmp_path):
    # YAML11_BOOLEAN_WORDS, which the schema adds to boolean fields, are exactly the plain words the
    # linter reads as booleans (so `lint` accepts `draft: yes`) and check-jsonschema as text
    for word in YAML11_BOOLEAN_WORDS + ("true", "False", "y", "n"):
        path = _write(Case(word, "collection", edit(COLLECTION, "domain: education\n", f"draft: {word}\n"),
                           frozenset()), tmp_path, "adaptive-learning.md")
        in_lint = load(os.fspath(path), Options()).frontmatter["draft"]
        in_yaml12 = as_yaml12(f"draft: {word}\n")["draft"]
        assert (isinstance(in_lint, bool) and isinstance(in_yaml12, str)) == (word in YAML11_BOOLEAN_WORDS), word
    disagree = []
    for name in NAMES:
        cases = {tmp_path / f"{name}-{i}.yaml": case for i, case in enumerate(c for c in CASES if c.format == name)}
        for instance, case in cases.items():
            instance.write_text(frontmatter_text(case.text.encode()), encoding="utf-8")
        for instance, valid in check_jsonschema_verdicts(exported[name], list(cases)).items():
            if valid != (not cases[instance].lint):
                disagree.append((cases[instance].id, valid))
    assert disagree == []


# --- YAML 1.1 (the linter) and YAML 1.2 (editors, check-jsonschema) ------------------------------------

# (case, what `lint` reports of SCHEMA_RULES and yaml-syntax, is the schema's verdict "valid")
YAML_READINGS = [
    # text fields: the linter reports a plain value that YAML 1.1 reads as a date, a boolean or a
    # number (yaml-implicit-type) where YAML 1.2 reads the text, which the schema accepts
    (Case("a date as a title", "v7", edit(VALID, 'title: "Transparent Ledger"', "title: 2026-02-19"), frozenset()),
     {"yaml-implicit-type"}, True),
    (Case("no as a status", "v7", edit(VALID, "  status: stable", "  status: no"), frozenset()),
     {"yaml-implicit-type"}, True),
    (Case("1.10 as a version", "v7", edit(VALID, "  version: 1.2", "  version: 1.10"), frozenset()),
     {"yaml-implicit-type"}, True),
    # a plain date with no such day: the linter cannot read it (yaml-syntax); YAML 1.2 keeps the text
    (Case("no such day, plain", "v7", edit(VALID, "  last_pruned: 2026-02-17", "  last_pruned: 2026-02-30"),
          frozenset()), {"yaml-syntax"}, False),
    # number fields: `1e3` is text in YAML 1.1 (a float needs a dot) and 1000.0 in YAML 1.2
    (Case("1e3 as a weight", "v7", edit(VALID, "      weight: 0.8", "      weight: 1e3"), frozenset()),
     {"wrong-type"}, True),
    # not a number (`.nan`) passes every range of a schema (JSON has no NaN and no infinity); the
    # linter refuses both
    (Case(".nan as a weight", "v7", edit(VALID, "      weight: 0.8", "      weight: .nan"), frozenset()),
     {"wrong-type"}, True),
    (Case(".inf as a weight", "v7", edit(VALID, "      weight: 0.8", "      weight: .inf"), frozenset()),
     {"wrong-type"}, True),
    (Case(".inf as a score", "v7", edit(VALID, "    resilience: 5", "    resilience: .inf"), frozenset()),
     {"wrong-type"}, False),
    (Case(".nan as a score", "v7", edit(VALID, "    resilience: 5", "    resilience: .nan"), frozenset()),
     {"wrong-type"}, True),
    # a quoted YAML 1.1 boolean word is text for the linter; YAML 1.2 cannot tell it from the plain word
    (Case("quoted yes as draft", "collection",
          edit(COLLECTION, "vitality_score: 4.5\n", 'vitality_score: 4.5\ndraft: "yes"\n'), frozenset()),
     {"wrong-type"}, True),
    # the one rejection the linter does not make: YAML 1.1 reads `1:20` as the number 80 (base 60),
    # YAML 1.2 as text; in a text field the linter reports it (yaml-implicit-type), in a number field not,
    # and yaml-implicit-type (a rule of the linter's YAML reading) is not the schema's to change
    (Case("1:20 as a weight", "v7", edit(VALID, "      weight: 0.8", "      weight: 1:20"), frozenset()),
     set(), False),
]


@pytest.mark.parametrize("case, lint, valid", YAML_READINGS, ids=[c.id for c, _, _ in YAML_READINGS])
def test_yaml_11_and_12_readings(case, lint, valid, exported, tmp_path):
    """As README's editor section says: apart from the base-60 number, the schema rejects only where
    `lint` reports an error, and `lint` is stricter only on how a value is written."""
    path = _write(case, tmp_path, "pattern.md")
    assert lint_rules([path], SCHEMA_RULES + ("yaml-syntax",))[path] == lint
    errors = list(validator(exported[case.format]).iter_errors(as_yaml12(frontmatter_text(case.text.encode()))))
    assert (not errors) == valid, [e.message for e in errors]


# --- the linter's verdict on dates does not depend on an optional package ------------------------------

def test_dates_are_judged_the_same_with_rfc3339_validator_installed(tmp_path):
    """jsonschema checks `format: date-time` only when rfc3339-validator is installed (jsonschema[format]
    pulls it in). The schemas used it for `created`, `modified` and `last_updated`, so with that package
    `lint` reported `2026-02-01` and `2026-01-28 00:00:00+00:00` as invalid, and without it accepted any
    text. Run here with a stand-in for the package (check-jsonschema's own RFC 3339 check)."""
    dated = edit(CLASSIFICATION, "version: 1.0\n", "version: 1.0\ncreated: 2026-01-28 00:00:00+00:00\n"
                 "modified: 2026-02-01\nlast_updated: next week\n")
    path = tmp_path / "empathy-mapping.md"
    path.write_text(dated, encoding="utf-8")
    script = textwrap.dedent("""\
        import sys, types

        def validate_rfc3339(value):
            from check_jsonschema.formats.implementations.rfc3339 import validate
            return validate(value)

        if sys.argv[1] == "with":  # before jsonschema is imported: it looks for the package once
            sys.modules["rfc3339_validator"] = types.SimpleNamespace(validate_rfc3339=validate_rfc3339)
        from lint.cli import main
        sys.exit(main(["--no-cache", "--select", "schema", "--format", "json", sys.argv[2]]))
        """)
    outputs = []
    for mode in ("with", "without"):
        proc = subprocess.run([sys.executable, "-c", script, mode, os.fspath(path)], capture_output=True, text=True)
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append([(f["line"], f["name"]) for f in json.loads(proc.stdout)["findings"]])
    assert outputs[0] == outputs[1] == [(9, "invalid-value")]  # `next week` only
