"""A real Language Server Protocol client for tests/test_server.py: `python -m lint server` started as a
subprocess in a library folder, driven over stdio by pytest-lsp's client (pygls underneath, which
also checks the server's answers against the client's capabilities), with the diagnostics it
publishes kept in order.

The server handles messages one at a time in the order they arrive, and writes what a
notification makes it publish before it answers the next request; so `sync()` (a request whose
answer is awaited) is a barrier: once it returns, every diagnostic a notification sent before it
caused has been received.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features

import pytest

from helpers import SHARED, cli


def uri_of(path: Path) -> str:
    return from_fs_path(os.fspath(path))


class Session:
    """One server, one client, one library folder."""

    def __init__(self, client, root: Path) -> None:
        self.client = client
        self.root = root
        self.published: list[types.PublishDiagnosticsParams] = []
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.result: types.InitializeResult | None = None
        self.registrations: list[types.Registration] = []

    def uri(self, name: str) -> str:
        return uri_of(self.root / name)

    async def sync(self) -> None:
        """A barrier (module docstring): a hover on a document no one opened, answered with null."""
        answer = await self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(self.uri("__barrier__.md")), types.Position(0, 0)))
        assert answer is None

    def diagnostics(self, name: str) -> list[types.Diagnostic] | None:
        """The last diagnostics published for `name` (None: never published)."""
        uri = self.uri(name)
        found = [p for p in self.published if p.uri == uri]
        return list(found[-1].diagnostics) if found else None

    def count(self, name: str) -> int:
        uri = self.uri(name)
        return sum(p.uri == uri for p in self.published)

    async def open(self, name: str, text: str | None = None) -> list[types.Diagnostic]:
        """Open `name` (its text on disk unless given); its diagnostics."""
        if text is None:
            text = (self.root / name).read_bytes().decode("utf-8", "replace")
        before = self.count(name)
        self.versions[name] = 1
        self.texts[name] = text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(self.uri(name), "markdown", 1, text)))
        await self.sync()
        assert self.count(name) == before + 1, f"no diagnostics published for {name} on open"
        return self.diagnostics(name)

    async def change(self, name: str, text: str) -> list[types.Diagnostic]:
        """Replace the whole unsaved text of `name`; its diagnostics."""
        before = self.count(name)
        self.versions[name] += 1
        self.texts[name] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=self.versions[name], uri=self.uri(name)),
            [types.TextDocumentContentChangeWholeDocument(text)]))
        await self.sync()
        assert self.count(name) == before + 1, f"no diagnostics published for {name} on change"
        published = [p for p in self.published if p.uri == self.uri(name)][-1]
        assert published.version == self.versions[name]
        return self.diagnostics(name)

    async def save(self, name: str) -> list[types.Diagnostic]:
        (self.root / name).write_bytes(self.texts[name].encode("utf-8", "surrogatepass"))
        before = self.count(name)
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(self.uri(name)), self.texts[name]))
        await self.sync()
        assert self.count(name) == before + 1, f"no diagnostics published for {name} on save"
        return self.diagnostics(name)

    async def close(self, name: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(self.uri(name))))
        await self.sync()

    async def files_changed(self, *changes: tuple[str, types.FileChangeType]) -> None:
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(self.uri(name), kind) for name, kind in changes]))
        await self.sync()

    # -- requests ---------------------------------------------------------------------------------

    async def code_actions(self, name: str, line: int | None = None, only: list[str] | None = None,
                           diagnostics: list[types.Diagnostic] | None = None) -> list[types.CodeAction]:
        """The code actions on 0-based `line` (the whole document when None)."""
        last = len(self.texts[name].split("\n"))
        start, end = (types.Position(0, 0), types.Position(last, 0)) if line is None else \
            (types.Position(line, 0), types.Position(line, 0))
        answer = await self.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(self.uri(name)), types.Range(start, end),
            types.CodeActionContext(diagnostics=diagnostics or [], only=only)))
        return list(answer or [])

    async def definition(self, name: str, line: int, character: int):
        return await self.client.text_document_definition_async(types.DefinitionParams(
            types.TextDocumentIdentifier(self.uri(name)), types.Position(line, character)))

    async def hover(self, name: str, line: int, character: int) -> types.Hover | None:
        return await self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(self.uri(name)), types.Position(line, character)))

    async def completion(self, name: str, line: int, character: int):
        return await self.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(self.uri(name)), types.Position(line, character)))

    async def references(self, name: str, line: int, character: int, declaration: bool = False):
        return await self.client.text_document_references_async(types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(self.uri(name)), position=types.Position(line, character),
            context=types.ReferenceContext(include_declaration=declaration)))

    # -- what `lint` says -------------------------------------------------------------------------

    def lint(self, *argv: str) -> list[dict]:
        """`lint --no-cache --format json ARGV` run in the library folder: its findings."""
        here = os.getcwd()
        os.chdir(self.root)
        try:
            _, out = cli("--format", "json", *argv)
        finally:
            os.chdir(here)
        return json.loads(out)["findings"]


@contextlib.asynccontextmanager
async def server(root: Path, *, encodings: list[str] | None = None, folders: bool = True,
                 watch: bool = False, versioned_edits: bool = True, cwd: Path | None = None,
                 hover_formats: list[str] | None = None):
    """A server started in `root` (or `cwd`), initialized with `root` as its workspace folder (none
    when `folders` is false); shut down and made to exit on the way out. `watch`: the client
    registers file watchers for the server; `versioned_edits`: it takes `documentChanges` in edits;
    `hover_formats`: the hover content formats it shows (Markdown when None)."""
    client = LanguageClient(converter_factory=default_converter)
    register_lsp_features(client, {method: handler for method, handler in DEFAULT_CLIENT_FEATURES.items()
                                   if method != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    session = Session(client, root)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls, params: types.PublishDiagnosticsParams) -> None:
        session.published.append(params)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls, params: types.RegistrationParams) -> None:
        session.registrations += params.registrations

    await client.start_io(sys.executable, "-m", "lint", "server", "--no-cache", cwd=os.fspath(cwd or root))
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
            if watch else None,
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True) if versioned_edits else None),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True,
                                                                           code_description_support=True),
            code_action=types.CodeActionClientCapabilities(code_action_literal_support=types.ClientCodeActionLiteralOptions(
                types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix,
                                                             types.CodeActionKind.SourceFixAll]))),
            hover=types.HoverClientCapabilities(content_format=hover_formats or [types.MarkupKind.Markdown]),
            completion=types.CompletionClientCapabilities()))
    session.result = await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=uri_of(root) if folders else None,
        workspace_folders=[types.WorkspaceFolder(uri_of(root), root.name)] if folders else None))
    try:
        yield session
    finally:
        if client.error is None:
            await client.shutdown_session()
        await client.stop()


def apply(text: str, edit: types.WorkspaceEdit | None, uri: str, encoding: str = "utf-16") -> str:
    """`text` with the edits of `edit` for `uri` applied (positions in `encoding` units)."""
    assert edit is not None
    edits: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert change.text_document.uri == uri
        edits += change.edits
    for changed_uri, more in (edit.changes or {}).items():
        assert changed_uri == uri
        edits += more
    offsets = _line_offsets(text)

    def offset(position: types.Position) -> int:
        start = offsets[position.line]
        line = text[start:offsets[position.line + 1]] if position.line + 1 < len(offsets) else text[start:]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += len(char.encode(encoding + ("-le" if encoding != "utf-8" else ""), "surrogatepass")) \
                // (2 if encoding == "utf-16" else 4 if encoding == "utf-32" else 1)
        return start + len(line)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for index, char in enumerate(text):
        if char == "\n":
            offsets.append(index + 1)
    return offsets


# -- libraries and what the diagnostics must say -----------------------------------------------------

SAMPLE = SHARED / "corpus-sample"
needs_shared = pytest.mark.skipif(not SAMPLE.is_dir(), reason="../shared/ is not beside the repository")
DOCS = "https://github.com/pattern-lint/pattern-lint/blob/main/README.md"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def library(root: Path, files: dict[str, str | bytes], git: bool = True) -> Path:
    """A library folder: a git work tree holding `files` ({relative path: text or bytes})."""
    root.mkdir(parents=True, exist_ok=True)
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def sample(*names: str) -> dict[str, bytes]:
    """Real files of the sample, by their path under corpus-sample/, read as bytes (copies: the
    originals are read-only and never edited)."""
    return {Path(name).name: (SAMPLE / name).read_bytes() for name in names}


def units(text: str) -> int:
    """UTF-16 code units of `text`."""
    return len(text.encode("utf-16-le")) // 2


def expected(findings: list[dict], text: str) -> list[tuple]:
    """What the diagnostics must say for `lint`'s findings on `text`: (line, character, code,
    message, severity, documentation link), 0-based, characters in UTF-16 units.

    One difference is allowed: `lint FILE` run in the library's root lists the library from `.` and
    so names the other files `./other.md` in its messages; the server's index names them as a run
    over the files does, `other.md` (runner.index normalises its listing)."""
    lines = text.split("\n")
    out = []
    for f in findings:
        line = lines[f["line"] - 1].lstrip("\ufeff") if f["line"] == 1 else lines[f["line"] - 1]
        message = re.sub(r"(?<=[(`\s])\./", "", f["message"])
        out.append((f["line"] - 1, units(line[:f["column"] - 1]), f["code"], f"{message} [{f['name']}]",
                    SEVERITY[f["severity"]], f"{DOCS}#{f['name']}"))
    return sorted(out)


def shown(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    for d in diagnostics:
        assert d.source == "pattern-lint"
    return sorted((d.range.start.line, d.range.start.character, d.code, d.message, d.severity,
                   d.code_description.href) for d in diagnostics)


def names(diagnostics) -> list[tuple[int, str]]:
    """(0-based line, rule name) of diagnostics."""
    return sorted((d.range.start.line, d.message.rsplit(" [", 1)[1].rstrip("]")) for d in diagnostics)
