"""`lint server` driven by a real Language Server Protocol client over stdio (tests/lsp.py): each
test starts `python -m lint server` in a temporary library folder (a git work tree) built from
copies of real files of ../shared/corpus-sample or from helpers.pattern(), and asserts on exactly
what comes back: diagnostics against what `lint --format json` reports for the same file,
positions in UTF-16 code units, code actions applied against what `lint --fix` writes, navigation.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from helpers import SHARED, edit, pattern, typeid
from lsp import apply, server, uri_of

pytestmark = pytest.mark.asyncio

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
    root = library(tmp_path / "lib", {
        "README.md": "# Our patterns\n\nSee [the ledger](adaptive-learning.md) and [nothing](nowhere.md).\n",
        **sample("commons-engineering/_index.md", "commons-engineering/adaptive-learning.md")})
    async with server(root) as session:
        assert session.lint("README.md") == [] and session.lint("_index.md") == []
        assert await session.open("README.md") == []
        assert await session.open("_index.md") == []
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
    async with server(root) as session:
        assert await session.open("alpha.md") == []
        assert await session.open("beta.md") == []
        one_way = edit(alpha, "generalizes_from: []", "generalizes_from: [beta]")
        assert await session.change("alpha.md", one_way) == []
        got = session.diagnostics("beta.md")
        assert names(got) == [(beta.split("\n").index("  specializes_to: []"), "missing-reciprocal-link")]
        (root / "alpha.md").write_text(one_way, encoding="utf-8")
        assert shown(got) == expected(session.lint("beta.md"), beta)
        # its (unsafe) quick fix on beta gives what `lint --fix --unsafe-fixes` writes
        actions = await session.code_actions("beta.md", got[0].range.start.line, diagnostics=got)
        fix = next(a for a in actions if a.title.endswith("[unsafe]"))
        assert fix.kind == types.CodeActionKind.QuickFix and not fix.is_preferred
        fixed = apply(beta, fix.edit, session.uri("beta.md"))
        assert fixed == edit(beta, "specializes_to: []", "specializes_to: [alpha]")
        assert await session.change("beta.md", fixed) == []


async def test_a_file_created_on_disk_resolves_a_dangling_link(tmp_path):
    beta = pattern("beta", typeid(2), "  enables: [gamma]\n")
    root = library(tmp_path / "lib", {"beta.md": beta})
    line = beta.split("\n").index("  enables: [gamma]")
    async with server(root, watch=True) as session:
        assert names(await session.open("beta.md")) == [(line, "dangling-link")]
        assert "1 pattern under" in session.diagnostics("beta.md")[0].message
        (root / "gamma.md").write_text(pattern("gamma", typeid(3)), encoding="utf-8")
        await session.files_changed(("gamma.md", types.FileChangeType.Created))
        assert session.diagnostics("beta.md") == []
        (root / "gamma.md").unlink()
        await session.files_changed(("gamma.md", types.FileChangeType.Deleted))
        assert names(session.diagnostics("beta.md")) == [(line, "dangling-link")]
        assert "1 pattern under" in session.diagnostics("beta.md")[0].message
