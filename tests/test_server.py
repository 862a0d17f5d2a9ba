"""`lint server` driven by a real Language Server Protocol client over stdio (tests/lsp.py): each
test starts `python -m lint server` in a temporary library folder (a git work tree) built from
copies of real files of ../shared/corpus-sample or from helpers.pattern(), and asserts on exactly
what comes back: diagnostics against what `lint --format json` reports for the same file,
positions in UTF-16 code units, one file's change refreshing another's, navigation, malformed
input. Code actions: test_server_actions.py.
"""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from helpers import edit, pattern, typeid
from lsp import SAMPLE, apply, expected, library, names, needs_shared, sample, server, shown, units

pytestmark = pytest.mark.asyncio


# -- the handshake ---------------------------------------------------------------------------------

async def test_initialize_shutdown_exit(tmp_path):
    root = library(tmp_path / "lib", {"alpha.md": pattern("alpha", typeid(1))})
    async with server(root) as session:
        capabilities = session.result.capabilities
        assert session.result.server_info.name == "pattern-lint"
        assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
        assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
        assert capabilities.definition_provider and capabilities.hover_provider and capabilities.references_provider
        assert set(capabilities.completion_provider.trigger_characters) >= {"-", "[", ","}
        assert await session.open("alpha.md") == []
        process = session.client._server
        await session.client.shutdown_async(None)
        session.client.exit(None)
        assert await asyncio.wait_for(process.wait(), 10) == 0
        session.client.error = RuntimeError("already exited")  # nothing left to shut down


# -- diagnostics against `lint` --------------------------------------------------------------------

@needs_shared
async def test_diagnostics_are_what_lint_reports(tmp_path):
    """Every file of a real library (a copy of the sample's commons-os folder) opened in turn: each
    one's last diagnostics are exactly `lint`'s findings on it in a run over the library, and for a
    few files in a run on that file alone."""
    files = {p.name: p.read_bytes() for p in sorted((SAMPLE / "commons-os").glob("*.md"))}
    root = library(tmp_path / "lib", files)
    async with server(root) as session:
        whole = session.lint(*files)
        for name in files:
            await session.open(name)
        assert len(whole) > 200  # the sample's findings (tests/test_corpus.py pins them)
        for name, data in files.items():
            text = data.decode("utf-8")
            mine = [f for f in whole if f["path"] == name]
            assert shown(session.diagnostics(name)) == expected(mine, text), name
        # one file with fixes, dangling links and a did-you-mean; the file YAML cannot read; the longest
        broken = next(n for n in files if any(f["name"] == "yaml-syntax" and f["path"] == n for f in whole))
        longest = max(files, key=lambda n: len(files[n]))
        for name in sorted({"generative-exit.md", "systems-seeing.md", broken, longest}):
            alone = session.lint(name)
            assert alone, name
            assert shown(session.diagnostics(name)) == expected(alone, files[name].decode("utf-8")), name
        assert any(d.severity == types.DiagnosticSeverity.Warning for d in session.diagnostics("generative-exit.md"))


@needs_shared
async def test_not_a_pattern_gets_nothing(tmp_path):
    """The collection-format library (a copy of the sample's commons-engineering folder): its
    `_index.md` section pages and a README are not patterns: no diagnostics, no actions, no hover."""
    notes = "---\ntitle: [Notes\n---\n\n# Notes\n\nSee [nothing](nowhere.md).\n"
    root = library(tmp_path / "lib", {
        "README.md": "# Our patterns\n\nSee [the ledger](adaptive-learning.md) and [nothing](nowhere.md).\n",
        "notes.md": notes,
        **sample("commons-engineering/_index.md", "commons-engineering/adaptive-learning.md")})
    async with server(root) as session:
        assert session.lint("README.md") == [] and session.lint("_index.md") == []
        assert await session.open("README.md") == []
        assert await session.open("_index.md") == []
        # not a pattern either, but `lint` says its frontmatter cannot be read: so does the server
        got = await session.open("notes.md")
        assert [n for _, n in names(got)] == ["yaml-syntax"] and shown(got) == expected(session.lint("notes.md"), notes)
        assert await session.code_actions("README.md") == []
        assert await session.hover("README.md", 2, 20) is None
        assert await session.definition("README.md", 2, 20) is None
        assert await session.completion("README.md", 2, 3) is None
        assert shown(await session.open("adaptive-learning.md")) == expected(
            session.lint("adaptive-learning.md"), (root / "adaptive-learning.md").read_text(encoding="utf-8"))


# -- positions ---------------------------------------------------------------------------------------

EMOJI = pattern("alpha", typeid(1), '  enables: ["🌱 ★ x", beta-missing]\n',
                body="\nSee 🌱 ★ [beta](gamma-missing.md) here.\n")


async def test_positions_count_utf16_units(tmp_path):
    """🌱 is outside the Basic Multilingual Plane (two UTF-16 units), ★ inside it (one)."""
    root = library(tmp_path / "lib", {"alpha.md": EMOJI})
    async with server(root) as session:
        got = await session.open("alpha.md")
        assert shown(got) == expected(session.lint("alpha.md"), EMOJI)
        line = EMOJI.split("\n").index('  enables: ["🌱 ★ x", beta-missing]')
        body = EMOJI.split("\n").index("See 🌱 ★ [beta](gamma-missing.md) here.")
        starts = sorted((d.range.start.line, d.range.start.character, d.range.end.character) for d in got)
        # `beta-missing` is the 22nd code point (21 before it) and starts at UTF-16 unit 22; it is 12
        # long; the quoted entry is 7 code points, 8 units, its range the whole of it, quotes and all
        assert starts == [(line, 12, 20), (line, 22, 34), (body, 16, 32)]


async def test_positions_in_utf8_when_the_client_asks(tmp_path):
    """pygls takes the client's first offered encoding it knows: a client offering only UTF-8 gets
    UTF-8 (byte) columns, and its positions in requests are read as bytes too."""
    root = library(tmp_path / "lib", {"alpha.md": EMOJI, "beta.md": pattern("beta", typeid(2))})
    async with server(root, encodings=[types.PositionEncodingKind.Utf8]) as session:
        assert session.result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        got = await session.open("alpha.md")
        line = EMOJI.split("\n").index('  enables: ["🌱 ★ x", beta-missing]')
        body = EMOJI.split("\n").index("See 🌱 ★ [beta](gamma-missing.md) here.")
        # 21 code points before `beta-missing`, of which 🌱 is 4 bytes and ★ 3: byte 26
        assert sorted((d.range.start.line, d.range.start.character, d.range.end.character) for d in got) == \
            [(line, 12, 24), (line, 26, 38), (body, 20, 36)]
        hover = await session.hover("alpha.md", line, 30)  # inside `beta-missing`, in bytes
        assert hover.contents.value.startswith("`beta-missing`: no such pattern")
        assert (hover.range.start.character, hover.range.end.character) == (26, 38)


# -- the unsaved text --------------------------------------------------------------------------------

async def test_change_and_save(tmp_path):
    text = pattern("alpha", typeid(1))
    root = library(tmp_path / "lib", {"alpha.md": text})
    async with server(root) as session:
        assert await session.open("alpha.md") == []
        broken = edit(text, "slug: alpha\n", "slug: [alpha\n")
        got = await session.change("alpha.md", broken)
        assert [d.code for d in got] == ["PL103"] and got[0].message.endswith("[yaml-syntax]")
        (root / "alpha.md").write_text(broken, encoding="utf-8")
        assert shown(got) == expected(session.lint("alpha.md"), broken)
        assert await session.change("alpha.md", text) == []  # the unsaved text, not the file on disk
        assert await session.save("alpha.md") == []
        assert session.lint("alpha.md") == []
        dangling = edit(text, "  enables: []\n", "  enables: [nowhere]\n")
        got = await session.change("alpha.md", dangling)
        assert names(got) == [(dangling.split("\n").index("  enables: [nowhere]"), "dangling-link")]
        assert shown(await session.save("alpha.md")) == expected(session.lint("alpha.md"), dangling)


# -- one file's change, another's diagnostics --------------------------------------------------------

async def test_a_change_in_one_file_updates_another(tmp_path):
    alpha = pattern("alpha", typeid(1))
    beta = pattern("beta", typeid(2), "  enables: [gamma]\n")
    root = library(tmp_path / "lib", {"alpha.md": alpha, "beta.md": beta})
    async with server(root) as session:
        assert names(await session.open("beta.md")) == [(beta.split("\n").index("  enables: [gamma]"), "dangling-link")]
        assert await session.open("alpha.md") == []
        published = session.count("beta.md")
        # alpha takes the slug beta links to: beta's link resolves, without beta changing
        renamed = edit(alpha, "slug: alpha", "slug: gamma")
        assert names(await session.change("alpha.md", renamed)) == [(3, "slug-filename-mismatch")]
        assert session.count("beta.md") == published + 1
        assert session.diagnostics("beta.md") == []
        # and then beta's own slug: a duplicate on both
        twin = edit(alpha, "slug: alpha", "slug: beta")
        assert ("duplicate-slug" in {n for _, n in names(await session.change("alpha.md", twin))})
        assert (3, "duplicate-slug") in names(session.diagnostics("beta.md"))
        assert names(session.diagnostics("beta.md")).count((beta.split("\n").index("  enables: [gamma]"),
                                                            "dangling-link")) == 1
        # undone: both clean again, beta's link dangling again
        assert await session.change("alpha.md", alpha) == []
        assert names(session.diagnostics("beta.md")) == [(beta.split("\n").index("  enables: [gamma]"), "dangling-link")]


async def test_a_one_way_relationship_shows_on_the_other_file(tmp_path):
    alpha = pattern("alpha", typeid(1), "  generalizes_from: []\n")
    beta = pattern("beta", typeid(2), "  specializes_to: []\n")
    root = library(tmp_path / "lib", {"alpha.md": alpha, "beta.md": beta})
    async with server(root, versioned_edits=False) as session:
        assert await session.open("alpha.md") == []
        assert await session.open("beta.md") == []
        one_way = edit(alpha, "generalizes_from: []", "generalizes_from: [beta]")
        assert await session.change("alpha.md", one_way) == []
        got = session.diagnostics("beta.md")
        assert names(got) == [(beta.split("\n").index("  specializes_to: []"), "missing-reciprocal-link")]
        (root / "alpha.md").write_text(one_way, encoding="utf-8")
        assert shown(got) == expected(session.lint("beta.md"), beta)
        # its (unsafe) quick fix on beta gives what `lint --fix --unsafe-fixes` writes; to a client that
        # does not take `documentChanges`, as plain `changes`
        actions = await session.code_actions("beta.md", got[0].range.start.line, diagnostics=got)
        fix = next(a for a in actions if a.title.endswith("[unsafe]"))
        assert fix.kind == types.CodeActionKind.QuickFix and not fix.is_preferred
        assert fix.edit.document_changes is None and list(fix.edit.changes) == [session.uri("beta.md")]
        fixed = apply(beta, fix.edit, session.uri("beta.md"))
        assert fixed == edit(beta, "specializes_to: []", "specializes_to: [alpha]")
        assert await session.change("beta.md", fixed) == []


async def test_a_file_created_on_disk_resolves_a_dangling_link(tmp_path):
    beta = pattern("beta", typeid(2), "  enables: [gamma]\n")
    root = library(tmp_path / "lib", {"beta.md": beta})
    line = beta.split("\n").index("  enables: [gamma]")
    async with server(root, watch=True) as session:
        assert names(await session.open("beta.md")) == [(line, "dangling-link")]
        assert [(r.method, r.register_options) for r in session.registrations] == \
            [(types.WORKSPACE_DID_CHANGE_WATCHED_FILES, {"watchers": [{"globPattern": "**/*.md"}]})]
        assert "1 pattern under" in session.diagnostics("beta.md")[0].message
        (root / "gamma.md").write_text(pattern("gamma", typeid(3)), encoding="utf-8")
        await session.files_changed(("gamma.md", types.FileChangeType.Created))
        assert session.diagnostics("beta.md") == []
        (root / "gamma.md").unlink()
        await session.files_changed(("gamma.md", types.FileChangeType.Deleted))
        assert names(session.diagnostics("beta.md")) == [(line, "dangling-link")]
        assert "1 pattern under" in session.diagnostics("beta.md")[0].message
        # deleted while the editor holds it open: the buffer is still the pattern until it is closed
        (root / "gamma.md").write_text(pattern("gamma", typeid(3)), encoding="utf-8")
        await session.files_changed(("gamma.md", types.FileChangeType.Created))
        await session.open("gamma.md")
        (root / "gamma.md").unlink()
        await session.files_changed(("gamma.md", types.FileChangeType.Deleted))
        assert session.diagnostics("beta.md") == []
        await session.close("gamma.md")
        assert names(session.diagnostics("beta.md")) == [(line, "dangling-link")]


# -- navigation ------------------------------------------------------------------------------------

ALPHA = pattern("alpha", typeid(1), "  enables:\n    - slug: beta\n      weight: 0.8\n  requires: [gamma, betta]\n",
                inferred=("beta",), body="\nSee [the beta pattern](beta.md) first.\n")
BETA = pattern("beta", typeid(2), title="Beta Pattern", aliases='["Second"]')
GAMMA = pattern("gamma", typeid(3), "  enables: [beta]\n")


def at(text: str, line_text: str, word: str, offset: int = 0) -> tuple[int, int]:
    """(0-based line, UTF-16 character) of `word` (plus `offset`) in the line that is `line_text`."""
    lines = text.split("\n")
    number = lines.index(line_text)
    return number, units(lines[number][:lines[number].index(word) + offset])


async def test_definition(tmp_path):
    root = library(tmp_path / "lib", {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA})
    async with server(root) as session:
        await session.open("alpha.md")
        slug_line = BETA.split("\n").index("slug: beta")
        for line_text, word in (("    - slug: beta", "beta"), ("  requires: [gamma, betta]", "gamma"),
                                ("    - target: beta", "beta"), ("See [the beta pattern](beta.md) first.", "beta.md")):
            line, character = at(ALPHA, line_text, word, 2)
            found = await session.definition("alpha.md", line, character)
            target = "gamma" if word == "gamma" else "beta"
            assert found.uri == session.uri(f"{target}.md"), line_text
            assert (found.range.start.line, found.range.start.character) == (slug_line, 0)
        # a dangling entry, and a place that is no link
        assert await session.definition("alpha.md", *at(ALPHA, "  requires: [gamma, betta]", "betta", 1)) is None
        assert await session.definition("alpha.md", *at(ALPHA, "slug: alpha", "alpha")) is None


async def test_yaml_broken_while_typing_keeps_the_pattern_in_the_library(tmp_path):
    # beta links to alpha by TypeID: a record without frontmatter would know alpha only by its file name
    alpha = pattern("alpha", typeid(1))
    beta = pattern("beta", typeid(2), f"  enables: [{typeid(1)}]\n")
    root = library(tmp_path / "lib", {"alpha.md": alpha, "beta.md": beta})
    async with server(root) as session:
        assert await session.open("beta.md") == []
        assert await session.open("alpha.md") == []
        broken = edit(alpha, "slug: alpha", "slug: [alpha")
        found = names(await session.change("alpha.md", broken))
        assert [name for _, name in found] == ["yaml-syntax"]  # its one root cause: no library finding from its old record
        assert session.diagnostics("beta.md") == []  # beta's link does not dangle while alpha is being typed
        assert await session.change("alpha.md", alpha) == []
        assert session.diagnostics("beta.md") == []


async def test_hover_in_plain_text_for_a_client_without_markdown(tmp_path):
    root = library(tmp_path / "lib", {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA})
    async with server(root, hover_formats=[types.MarkupKind.PlainText]) as session:
        await session.open("alpha.md")
        hover = await session.hover("alpha.md", *at(ALPHA, "  requires: [gamma, betta]", "betta"))
        assert hover.contents.kind == types.MarkupKind.PlainText
        assert hover.contents.value == "betta: no such pattern among the library's 3 patterns; did you mean beta?"


async def test_hover(tmp_path):
    root = library(tmp_path / "lib", {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA})
    async with server(root) as session:
        await session.open("alpha.md")
        line, character = at(ALPHA, "    - slug: beta", "beta", 1)
        hover = await session.hover("alpha.md", line, character)
        assert hover.contents.kind == types.MarkupKind.Markdown
        assert hover.contents.value == (
            "**Beta Pattern** (`beta`) · status: stable\n\n"
            "A pattern for establishing collective trust by making operational data and financial records "
            "accessible to all relevant stakeholders.\n\n`beta.md`")
        assert (hover.range.start.line, hover.range.start.character, hover.range.end.character) == \
            (line, character - 1, character + 3)
        body = await session.hover("alpha.md", *at(ALPHA, "See [the beta pattern](beta.md) first.", "beta.md"))
        assert body.contents.value == hover.contents.value
        line, character = at(ALPHA, "  requires: [gamma, betta]", "betta")
        dangling = await session.hover("alpha.md", line, character)
        assert dangling.contents.value == \
            "`betta`: no such pattern among the library's 3 patterns; did you mean `beta`?"
        assert await session.hover("alpha.md", *at(ALPHA, "slug: alpha", "alpha")) is None


async def test_completion(tmp_path):
    root = library(tmp_path / "lib", {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA})
    async with server(root) as session:
        text = edit(ALPHA, "  requires: [gamma, betta]\n", "  requires: [gamma, be\n  complementary:\n    - ga\n")
        await session.open("alpha.md")
        await session.change("alpha.md", text)
        line = text.split("\n").index("  requires: [gamma, be")
        got = await session.completion("alpha.md", line, len("  requires: [gamma, be"))
        assert [(i.label, i.detail) for i in got.items] == [("beta", "Beta Pattern")]
        assert got.items[0].text_edit.range == types.Range(types.Position(line, 20), types.Position(line, 22))
        assert got.items[0].text_edit.new_text == "beta"
        line = text.split("\n").index("    - ga")
        got = await session.completion("alpha.md", line, len("    - ga"))
        assert [(i.label, i.detail) for i in got.items] == [("gamma", "Gamma")]
        assert got.items[0].text_edit.range == types.Range(types.Position(line, 6), types.Position(line, 8))
        # an empty entry offers every other pattern, never the file's own
        empty = edit(text, "    - ga\n", "    - \n")
        await session.change("alpha.md", empty)
        got = await session.completion("alpha.md", line, len("    - "))
        assert [i.label for i in got.items] == ["beta", "gamma"]
        # not in other lists, other values, or the body
        for line_text in ("  cross_domains: [governance, technology]", "  usage_stage: design", "See [the beta pattern](beta.md) first."):
            number = empty.split("\n").index(line_text)
            assert await session.completion("alpha.md", number, len(line_text) - 2) is None, line_text
        number = empty.split("\n").index("- **Employee-owned firms:** open-book management.")
        assert await session.completion("alpha.md", number, 2) is None


async def test_references(tmp_path):
    root = library(tmp_path / "lib", {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA})
    async with server(root) as session:
        await session.open("beta.md")
        got = await session.references("beta.md", 3, 7)
        wanted = [(session.uri("alpha.md"), at(ALPHA, "    - slug: beta", "beta")),
                  (session.uri("alpha.md"), at(ALPHA, "    - target: beta", "beta")),
                  (session.uri("alpha.md"), at(ALPHA, "See [the beta pattern](beta.md) first.", "beta.md")),
                  (session.uri("gamma.md"), at(GAMMA, "  enables: [beta]", "beta"))]
        assert sorted((r.uri, (r.range.start.line, r.range.start.character)) for r in got) == sorted(wanted)
        # from a link in another file: the same answer
        await session.open("alpha.md")
        again = await session.references("alpha.md", *at(ALPHA, "    - slug: beta", "beta", 1))
        assert sorted((r.uri, r.range.start.line) for r in again) == sorted((u, p[0]) for u, p in wanted)


# -- what must never stop the server ---------------------------------------------------------------

async def test_malformed_files_never_crash_the_server(tmp_path):
    big = "---\nslug: big\n---\n\n# Big\n\n" + "word " * 2_000_000 + "\n"
    files = {
        "junk.md": bytes(range(256)) * 8,
        "latin1.md": "---\nslug: caf\xe9\ntitle: Caf\xe9\n---\n\n# Caf\xe9\n".encode("latin-1"),
        "plain.md": "Just some notes, no frontmatter.\n\n[x](nowhere.md)\n",
        "unclosed.md": "---\nslug: unclosed\ntitle: Unclosed\n\n# Unclosed\n\nbody\n",
        "big.md": big,
        "alpha.md": ALPHA,
    }
    root = library(tmp_path / "lib", files)
    async with server(root) as session:
        for name in files:
            got = await session.open(name)  # diagnostics come back (Session.open checks it) ...
            assert await session.hover(name, 0, 0) is None  # ... and the next request is answered
            await session.code_actions(name)
            await session.completion(name, 1, 2)
            await session.definition(name, 1, 2)
            if name in ("plain.md", "unclosed.md", "big.md"):  # the text is the file's: what `lint` says
                assert shown(got) == expected(session.lint(name), files[name] if isinstance(files[name], str)
                                              else files[name].decode("utf-8")), name
        # binary junk (NULs): not text; Latin-1 bytes the client replaced with U+FFFD: a slug that is no slug
        assert [n for _, n in names(session.diagnostics("junk.md"))] == ["invalid-encoding"]
        assert (1, "invalid-slug") in names(session.diagnostics("latin1.md"))
        assert not [m for m in session.client.log_messages if m.type == types.MessageType.Error]
        # still working: a change is checked
        assert [n for _, n in names(await session.change("alpha.md", edit(ALPHA, "slug: alpha", "slug: [alpha")))] == \
            ["yaml-syntax"]


async def test_a_file_outside_any_library_gets_only_file_rules(tmp_path):
    root = library(tmp_path / "lib", {"beta.md": BETA})
    elsewhere = tmp_path / "elsewhere"
    text = edit(ALPHA, "  usage_stage: design", "  usage_stage: desgn")
    library(elsewhere, {"alpha.md": text}, git=False)
    async with server(root) as session:
        session.root = elsewhere
        got = await session.open("alpha.md")
        assert names(got) == [(text.split("\n").index("  usage_stage: desgn"), "unknown-vocabulary")]
        assert await session.hover("alpha.md", *at(text, "    - slug: beta", "beta", 1)) is None


async def test_the_configured_baseline_hides_what_it_recorded(tmp_path):
    # beta's dangling link is recorded in the baseline, as `lint --write-baseline` writes it: the editor
    # shows only what is new, as `lint` reports it
    beta = pattern("beta", typeid(2), "  enables: [gamma]\n")
    root = library(tmp_path / "lib", {"beta.md": beta,
                                      ".pattern-lint.toml": 'baseline = ".pattern-lint-baseline.json"\n'})
    async with server(root) as session:
        session.lint(".", "--write-baseline")
        assert session.lint(".") == []  # everything recorded
    async with server(root) as session:
        assert await session.open("beta.md") == []
        grown = edit(beta, "  enables: [gamma]", "  enables: [gamma, delta]")
        line = grown.split("\n").index("  enables: [gamma, delta]")
        found = await session.change("beta.md", grown)
        assert names(found) == [(line, "dangling-link")]
        assert "`delta`" in found[0].message
