"""README's editor setup for `lint server`: each snippet reads as its editor reads it (JSON, TOML, the
Lua call), and the command each one names starts a server that answers an editor's first and last
messages (initialize, shutdown, exit) over standard input and output, with the exit status an
editor expects."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### The language server: `lint server`")
    return text[start:text.index("\n### ", start + 1)]


def _block(language: str) -> str:
    found = re.findall(rf"```{language}\n(.*?)```", _section(), re.S)
    assert len(found) == 1, f"one {language} block in README's language server section"
    return found[0]


def _command_of(argv: list[str]) -> list[str]:
    """The snippet's command as this environment runs it: `lint` is the console script beside the
    interpreter running the tests (an editor finds it on its PATH)."""
    assert argv[0] == "lint"
    script = Path(sys.executable).with_name("lint")
    executable = str(script) if script.exists() else shutil.which("lint")
    if executable is None:
        pytest.skip("the `lint` console script is not installed")
    return [executable, *argv[1:]]


def _message(payload: dict) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _replies(data: bytes) -> list[dict]:
    out = []
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
        out.append(json.loads(rest[:length]))
        data = rest[length:]
    return out


def _handshake(argv: list[str], folder: Path) -> tuple[int, list[dict]]:
    uri = folder.as_uri()
    messages = b"".join(_message(m) for m in (
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": os.getpid(), "rootUri": uri, "capabilities": {},
                    "workspaceFolders": [{"uri": uri, "name": "library"}]}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ))
    done = subprocess.run(argv, input=messages, capture_output=True, cwd=folder, timeout=120)
    return done.returncode, _replies(done.stdout)


def _check_handshake(argv: list[str], tmp_path: Path) -> None:
    (tmp_path / ".pattern-lint.toml").write_text("", encoding="utf-8")
    status, replies = _handshake(_command_of(argv), tmp_path)
    answers = {reply.get("id"): reply for reply in replies if "id" in reply}
    assert answers[1]["result"]["serverInfo"]["name"] == "pattern-lint"
    capabilities = answers[1]["result"]["capabilities"]
    for provided in ("hoverProvider", "definitionProvider", "referencesProvider", "codeActionProvider",
                     "completionProvider"):
        assert capabilities.get(provided), provided
    assert answers[2]["result"] is None
    assert status == 0


def test_the_vs_code_settings_start_the_server(tmp_path):
    settings = json.loads(_block("json"))
    assert settings["glspc.server.languageId"] == ["markdown"]
    _check_handshake([settings["glspc.server.command"], *settings["glspc.server.commandArguments"]], tmp_path)


def test_the_helix_configuration_starts_the_server(tmp_path):
    config = tomllib.loads(_block("toml"))
    server = config["language-server"]["pattern-lint"]
    markdown = next(language for language in config["language"] if language["name"] == "markdown")
    assert "pattern-lint" in markdown["language-servers"]
    _check_handshake([server["command"], *server["args"]], tmp_path)


def test_the_neovim_configuration_starts_the_server(tmp_path):
    lua = _block("lua")
    assert 'name = "pattern-lint"' in lua and "vim.lsp.start(" in lua
    words = re.search(r"cmd = \{([^}]*)\}", lua).group(1)
    _check_handshake(re.findall(r'"([^"]*)"', words), tmp_path)
