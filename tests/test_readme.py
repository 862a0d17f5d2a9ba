"""README's code blocks are true: the options the usage block shows exist, the configuration example
loads, and the pre-commit configuration is one pre-commit accepts (its own validator and SchemaStore's
schema) naming hooks the manifest defines. tests/test_precommit_real.py runs that configuration for real."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from helpers import schemastore
from lint import config as config_module
from lint.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[tuple[str, str]]:
    """(the heading above it, text) of each README code block in `language`, indentation removed."""
    out = []
    for match in FENCE.finditer(README):
        if match.group(2) != language:
            continue
        heading = re.findall(r"^#+ (.*)$", README[: match.start()], re.MULTILINE)[-1]
        indent = len(match.group(1))
        out.append((heading, "".join(line[indent:] + "\n" for line in match.group(3).splitlines())))
    return out


def block(language: str, heading: str, containing: str = "") -> str:
    found = [text for head, text in blocks(language) if head == heading and containing in text]
    assert len(found) == 1, f"one {language} block under '{heading}' with {containing!r}: {len(found)}"
    return found[0]


def precommit_config() -> str:
    """README's pre-commit configuration."""
    return block("yaml", "Use it from pre-commit", "repos:")





def help_of(command: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main([*command, "--help"], stdout=out)
    return out.getvalue()


def test_every_option_of_the_usage_block_exists():
    usage = block("text", "Usage", "lint [check]")
    commands: dict[str, set[str]] = {}
    current = None
    for line in usage.splitlines():
        match = re.match(r"lint (\w+)?", line)
        if match:
            word = match.group(1) or "check"
            current = word if word in ("rules", "schema", "explain", "graph", "report", "init") else "check"
        elif not line.startswith(" "):
            continue
        commands.setdefault(current, set()).update(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line.split("   ")[0]
                                                              if match else line))
    assert set(commands) >= {"check", "rules", "graph", "report", "init"}
    for command, options in commands.items():
        shown = help_of([] if command == "check" else [command])
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", shown), f"`lint {command}` has no {option}"


def test_the_configuration_example_loads(tmp_path):
    text = block("toml", "Configuration", "[tool.pattern-lint]")
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    config = config_module.load(str(tmp_path / "pyproject.toml"))  # raises ConfigError on a bad key or value
    assert config.exclude[-1] == "_templates/"
    assert config.vocabularies["usage_stage"] == {"extend": ["application"]}


def test_the_precommit_configuration_is_valid_and_names_the_manifests_hooks(tmp_path):
    from pre_commit.clientlib import load_config, load_manifest

    text = precommit_config()
    data = yaml.safe_load(text)
    Draft7Validator(schemastore("https://json.schemastore.org/pre-commit-config.json")).validate(data)
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(text, encoding="utf-8")
    load_config(str(path))  # pre-commit's own validation of a configuration
    manifest = {hook["id"] for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    (repo,) = data["repos"]
    assert repo["repo"] == "https://github.com/pattern-lint/pattern-lint"
    assert [hook["id"] for hook in repo["hooks"]] == ["pattern-lint", "pattern-lint-library"]
    commented = re.findall(r"#\s*- id: ([\w-]+)", text)
    assert set(commented) | {hook["id"] for hook in repo["hooks"]} == manifest
