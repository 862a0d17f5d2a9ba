"""The language server's handlers (pygls): documents in, diagnostics out; code actions, definition,
hover, completion and references. What they know is the session's (session.py); how findings
and positions read in LSP is protocol.py's; links are navigation.py's."""

from __future__ import annotations

import dataclasses
import os
import sys

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__, engine, suppression
from ..edits import apply_edits
from ..fix import fix_text
from . import navigation
from .protocol import Lines, diagnostic, edit_between
from .session import Buffer, Session

FIX_ALL = "source.fixAll.pattern-lint"


class PatternServer(LanguageServer):
    session: Session | None = None

    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def lines(self, buffer: Buffer) -> Lines:
        return Lines(buffer.text, self.encoding())

    def publish(self, buffers: list[Buffer]) -> None:
        for buffer in buffers:
            lines = self.lines(buffer)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=buffer.uri, version=buffer.version,
                diagnostics=[diagnostic(finding, lines) for finding in buffer.findings if finding.path == buffer.path]))

    def buffer(self, uri: str) -> Buffer | None:
        path = to_fs_path(uri)
        if path is None or self.session is None:
            return None
        from .session import local

        return self.session.buffers.get(local(path))


def make_server(config_path: str | None = None, isolated: bool = False, no_cache: bool = False,
                debug: bool = False) -> PatternServer:
    server = PatternServer("pattern-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)

    @server.feature(types.INITIALIZED)
    def initialized(ls: PatternServer, params: types.InitializedParams) -> None:
        folders = [to_fs_path(f.uri) for f in (ls.workspace.folders or {}).values()]
        root = ls.workspace.root_path
        folders = [f for f in folders if f] or ([root] if root else [])
        if folders:
            try:
                os.chdir(folders[0])  # findings name files as `lint` run there names them
            except OSError:
                pass
        ls.session = Session(folders, config_path=config_path, isolated=isolated, no_cache=no_cache, debug=debug,
                             say=lambda message: ls.window_log_message(types.LogMessageParams(
                                 types.MessageType.Warning, f"pattern-lint: {message}")))
        if folders:  # the index is built once, at start, from the cache when it is warm
            _guarded(ls, lambda: ls.session.library_of(os.path.join(folders[0], "_.md")))
        capabilities = ls.client_capabilities.workspace
        watching = capabilities and capabilities.did_change_watched_files
        if watching and watching.dynamic_registration:
            ls.client_register_capability(types.RegistrationParams([types.Registration(
                id="pattern-lint-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    [types.FileSystemWatcher(glob_pattern="**/*.md")]))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PatternServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        path = to_fs_path(item.uri)
        if path is None or ls.session is None:
            return
        ls.publish(_guarded(ls, lambda: ls.session.open(item.uri, path, item.text, item.version)) or [])

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PatternServer, params: types.DidChangeTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path is None or ls.session is None or not params.content_changes:
            return
        text = ls.workspace.get_text_document(params.text_document.uri).source
        ls.publish(_guarded(ls, lambda: ls.session.change(path, text, params.text_document.version)) or [])

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PatternServer, params: types.DidSaveTextDocumentParams) -> None:
        buffer = ls.buffer(params.text_document.uri)
        if buffer is not None:
            ls.publish(_guarded(ls, lambda: ls.session.change(buffer.path, buffer.text, buffer.version)) or [])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PatternServer, params: types.DidCloseTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path is None or ls.session is None:
            return
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))
        ls.publish(_guarded(ls, lambda: ls.session.close(path)) or [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_files(ls: PatternServer, params: types.DidChangeWatchedFilesParams) -> None:
        if ls.session is None:
            return
        changes = [(path, change.type == types.FileChangeType.Deleted) for change in params.changes
                   if (path := to_fs_path(change.uri)) is not None]
        ls.publish(_guarded(ls, lambda: ls.session.files_changed(changes)) or [])

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]))
    def code_action(ls: PatternServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        buffer = ls.buffer(params.text_document.uri)
        if buffer is None:
            return []
        return _guarded(ls, lambda: _code_actions(ls, buffer, params)) or []

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: PatternServer, params: types.DefinitionParams) -> types.Location | None:
        return _guarded(ls, lambda: _definition(ls, params))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PatternServer, params: types.HoverParams) -> types.Hover | None:
        return _guarded(ls, lambda: _hover(ls, params))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: PatternServer, params: types.ReferenceParams) -> list[types.Location]:
        return _guarded(ls, lambda: _references(ls, params)) or []

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["-", "[", ",", " "]))
    def completion(ls: PatternServer, params: types.CompletionParams) -> types.CompletionList | None:
        return _guarded(ls, lambda: _completion(ls, params))

    return server


def _guarded(ls: PatternServer, work):
    """`work()`, or None after telling the client what went wrong: a bug never stops the server."""
    try:
        return work()
    except Exception as exc:  # a bug (or a configuration error): said, and the server goes on
        if ls.session is not None and ls.session.debug:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        ls.window_log_message(types.LogMessageParams(types.MessageType.Error, f"pattern-lint: {type(exc).__name__}: {exc}"))
        return None


# -- code actions ----------------------------------------------------------------------------------

def _code_actions(ls: PatternServer, buffer: Buffer, params: types.CodeActionParams) -> list[types.CodeAction]:
    lines = ls.lines(buffer)
    first, last = params.range.start.line, params.range.end.line
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    quick = not wanted or any(kind.startswith(types.CodeActionKind.QuickFix) for kind in wanted)
    for finding in buffer.findings:
        if finding.path != buffer.path or not first <= finding.line - 1 <= last or not quick:
            continue
        shown = diagnostic(finding, lines)
        if finding.fix is not None and buffer.doc is not None:
            edit = _one_fix(buffer, finding, lines)
            if edit is not None:
                title = f"{finding.fix.title} ({finding.name})" + ("" if finding.fix.safe else " [unsafe]")
                actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[shown],
                                                is_preferred=finding.fix.safe, edit=_workspace_edit(ls, buffer, edit)))
        silence = _suppression(buffer, finding, lines)
        if silence is not None:
            actions.append(types.CodeAction(title=f"Silence {finding.name} on this line", kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[shown], edit=_workspace_edit(ls, buffer, silence)))
    if not wanted or any(kind in (types.CodeActionKind.SourceFixAll, FIX_ALL, types.CodeActionKind.Source)
                         or FIX_ALL.startswith(kind) for kind in wanted):
        edit = _fix_all(buffer, lines)
        if edit is not None:
            actions.append(types.CodeAction(title="pattern-lint: fix all safe fixes in this file", kind=FIX_ALL,
                                            edit=_workspace_edit(ls, buffer, edit)))
    return actions


def _workspace_edit(ls: PatternServer, buffer: Buffer, edit: types.TextEdit) -> types.WorkspaceEdit:
    """The edit of the buffer, tied to its version when the client can take that (`documentChanges`),
    else as plain `changes`, which every client reads."""
    workspace = ls.client_capabilities.workspace
    edits = workspace.workspace_edit if workspace is not None else None
    if edits is None or not edits.document_changes:
        return types.WorkspaceEdit(changes={buffer.uri: [edit]})
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=buffer.uri, version=buffer.version),
        edits=[edit])])


def _raw(buffer: Buffer) -> tuple[str, str]:
    """(the byte order mark or "", the text after it): fixes' lines and columns count after it."""
    return ("\ufeff", buffer.text[1:]) if buffer.text.startswith("\ufeff") else ("", buffer.text)


def _one_fix(buffer: Buffer, finding, lines: Lines) -> types.TextEdit | None:
    made = finding.fix.edits_for(buffer.doc)
    if not made:
        return None
    bom, raw = _raw(buffer)
    fixed, used = apply_edits(raw, list(made))
    return edit_between(buffer.text, bom + fixed, lines) if used else None


def _fix_all(buffer: Buffer, lines: Lines) -> types.TextEdit | None:
    """The edit `lint --fix` would make to the buffer (every safe fix, in rounds, checked)."""
    library = buffer.library
    if not any(f.fix is not None and f.fix.safe for f in buffer.findings):
        return None
    outcome = fix_text(buffer.path, buffer.text.encode("utf-8", "surrogatepass"), buffer.findings,
                       library.rules, library.settings)
    if outcome.refused is not None:
        return None
    return edit_between(buffer.text, ("\ufeff" if outcome.bom else "") + outcome.after, lines)


def _suppression(buffer: Buffer, finding, lines: Lines) -> types.TextEdit | None:
    """A comment silencing the finding's rule on its line, when one can be written there without
    changing a value: checked by reading the text with it (the frontmatter the same, the finding
    silenced)."""
    doc = buffer.doc
    if doc is None or doc.text is None or not doc.is_pattern:
        return None
    bom, raw = _raw(buffer)
    text_lines = raw.split("\n")
    number = finding.line
    if not 1 <= number <= len(text_lines):
        return None
    line = text_lines[number - 1].rstrip("\r")
    newline = "\r\n" if text_lines[number - 1].endswith("\r") else "\n"
    if doc.frontmatter_line and doc.frontmatter_line <= number < doc.frontmatter_end_line:
        start = len(line)
        comment = f"  # pattern-lint: disable={finding.name}"
        edited = "\n".join(text_lines[:number - 1] + [line + comment + text_lines[number - 1][len(line):]]
                           + text_lines[number:])
        edit = types.TextEdit(types.Range(lines.position(number, start + 1), lines.position(number, start + 1)),
                              comment)
    elif number > doc.frontmatter_end_line:
        indent = line[:len(line) - len(line.lstrip(" "))] if len(line) - len(line.lstrip(" ")) < 4 else ""
        comment = f"{indent}<!-- pattern-lint: disable-next-line={finding.name} -->{newline}"
        edited = "\n".join(text_lines[:number - 1] + [comment.rstrip("\r\n") + newline.rstrip("\n")]
                           + text_lines[number - 1:])
        edit = types.TextEdit(types.Range(lines.position(number, 1), lines.position(number, 1)), comment)
    else:
        return None
    try:
        after = engine.load_text(buffer.path, (bom + edited).encode("utf-8", "surrogatepass"), buffer.library.settings)
        if after.frontmatter != doc.frontmatter:
            return None
        moved = dataclasses.replace(finding, line=finding.line + (0 if "#" in comment else 1))
        kept = engine.apply_suppressions([moved], {buffer.path: suppression.parse(after)}, buffer.library.rules)
    except Exception:
        return None
    return edit if not any(f.name == finding.name for f in kept) else None


# -- navigation ------------------------------------------------------------------------------------

def _at(ls: PatternServer, uri: str, position: types.Position):
    """(buffer, its record, the link under the cursor or None), or None outside a library's buffer."""
    buffer = ls.buffer(uri)
    if buffer is None or buffer.library.index is None:
        return None
    lines = ls.lines(buffer)
    record = buffer.library.index.records.get(buffer.path)
    line, character = lines.character(position)
    return buffer, record, navigation.link_at(record, lines, line, character)


def _location(ls: PatternServer, path: str, line: int, column: int) -> types.Location:
    uri = from_fs_path(os.path.abspath(path))
    open_buffer = ls.session.buffers.get(path) if ls.session else None
    lines = ls.lines(open_buffer) if open_buffer else Lines(_read_text(path), ls.encoding())
    return types.Location(uri=uri, range=lines.span(line, column))


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _definition(ls: PatternServer, params) -> types.Location | None:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None or found[2] is None:
        return None
    buffer, _, place = found
    target = buffer.library.index.resolve(place.link.target)
    if target is None:
        return None
    line, column = target.position(("slug",), key=True) if isinstance(target.frontmatter, dict) and \
        "slug" in target.frontmatter else (1, 1)
    return _location(ls, target.path, line, column)


def _hover(ls: PatternServer, params) -> types.Hover | None:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None or found[2] is None:
        return None
    buffer, record, place = found
    index = buffer.library.index
    target = index.resolve(place.link.target)
    doc = None
    suggestion = None
    if target is not None:
        other = ls.session.buffers.get(target.path)
        doc = other.doc if other is not None else navigation.read(target.path, buffer.library.settings)
    else:
        own = record.frontmatter.get("slug") if record is not None and isinstance(record.frontmatter, dict) else None
        suggestion = index.suggester().suggest(place.link.target, own if isinstance(own, str) else None)
    text = navigation.hover_text(place.link.target, target, doc, index.patterns, suggestion)
    lines = ls.lines(buffer)
    hover = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    formats = (hover and hover.content_format) or [types.MarkupKind.Markdown]
    kind = types.MarkupKind.Markdown if types.MarkupKind.Markdown in formats else types.MarkupKind.PlainText
    if kind == types.MarkupKind.PlainText:
        text = navigation.plain(text)
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text),
                       range=types.Range(lines.position(place.line + 1, place.start + 1 - lines.bom * (place.line == 0)),
                                         lines.position(place.line + 1, place.end + 1 - lines.bom * (place.line == 0))))


def _references(ls: PatternServer, params) -> list[types.Location]:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return []
    buffer, record, place = found
    index = buffer.library.index
    subject = index.resolve(place.link.target) if place is not None else record
    if subject is None:
        return []
    return [_location(ls, source.path, link.line, link.column) for source, link in index.linking_to(subject)
            if source is not subject or params.context.include_declaration]


def _completion(ls: PatternServer, params) -> types.CompletionList | None:
    buffer = ls.buffer(params.text_document.uri)
    if buffer is None or buffer.library.index is None:
        return None
    lines = ls.lines(buffer)
    line, character = lines.character(params.position)
    context = navigation.completion_context(lines, line, character)
    if context is None:
        return None
    path, word = context
    formats = [buffer.doc.format] if buffer.doc is not None and buffer.doc.format is not None \
        else list(buffer.library.settings.formats)
    if not navigation.is_link_list(path, formats):
        return None
    own = buffer.library.index.records.get(buffer.path)
    exclude = {own.frontmatter.get("slug")} if own is not None and isinstance(own.frontmatter, dict) else set()
    others = (record for path, record in buffer.library.index.records.items() if path != buffer.path)
    found, more = navigation.completions(others, word, exclude)
    start = types.Position(params.position.line, params.position.character - lines.units(word))
    items = [types.CompletionItem(label=slug, kind=types.CompletionItemKind.Reference, detail=title,
                                  filter_text=f"{slug} {title or ''}".strip(), sort_text=f"{rank:05d}",
                                  text_edit=types.TextEdit(types.Range(start, params.position), slug))
             for rank, (slug, title) in enumerate(found)]
    return types.CompletionList(is_incomplete=more, items=items)
