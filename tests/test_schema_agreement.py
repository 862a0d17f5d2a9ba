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

The real check-jsonschema command runs on every real file (one run per format).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import CLASSIFICATION, SHARED, edit
from lint.formats import FORMATS
from lint.registry import all_rules
from lint.runner import Options, load, run

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
    assert verdicts.count(False) >= 5 and verdicts.count(True) >= 40  # both verdicts are exercised


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
