"""`lint server`'s code actions through a real client over stdio (tests/lsp.py), applied to the text
and compared byte for byte with what `lint --fix` writes: quick fixes (safe and unsafe), "fix all
safe fixes in this file" (LF and CRLF), suppression comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from helpers import edit, pattern, typeid
from lsp import SAMPLE, apply, library, names, needs_shared, sample, server

pytestmark = pytest.mark.asyncio


# -- code actions ----------------------------------------------------------------------------------

def fixed_by_lint(tmp_path: Path, files: dict[str, bytes], name: str, *flags: str) -> bytes:
    """The bytes `lint --fix FLAGS NAME` writes to `name` in a copy of the library."""
    import os

    from helpers import cli

    root = library(tmp_path / f"fixed-{len(list(tmp_path.iterdir()))}", files)
    here = os.getcwd()
    os.chdir(root)
    try:
        cli("--fix", *flags, name)
    finally:
        os.chdir(here)
    return (root / name).read_bytes()


def fixable(findings: list[dict]) -> list[str]:
    return [f["name"] for f in findings if f["fixable"]]


@needs_shared
async def test_quick_fixes_write_what_lint_fix_writes(tmp_path):
    """On real files whose one fixable finding is a safe fix (an overall score, word counts left in
    headings) or an unsafe one (a summary that differs from the body's), the quick fix applied to
    the text is byte for byte what `lint --fix` (`--unsafe-fixes`) writes."""
    files = {p.name: p.read_bytes() for p in sorted((SAMPLE / "commons-os").glob("*.md"))}
    root = library(tmp_path / "lib", files)
    async with server(root) as session:
        whole = session.lint(*files)
        single = {name: fixable([f for f in whole if f["path"] == name]) for name in files}
        chosen = {}
        for rule in ("overall-score-mismatch", "template-placeholder", "summary-mismatch"):
            chosen[rule] = next(name for name in files if single[name] == [rule])
        for rule, name in chosen.items():
            text = files[name].decode("utf-8")
            got = await session.open(name)
            target = next(d for d in got if d.message.endswith(f"[{rule}]"))
            actions = await session.code_actions(name, target.range.start.line, diagnostics=[target])
            fixes = [a for a in actions if a.title.endswith(f"({rule})") or a.title.endswith(f"({rule}) [unsafe]")]
            assert len(fixes) == 1, (name, [a.title for a in actions])
            fix = fixes[0]
            assert fix.kind == types.CodeActionKind.QuickFix
            safe = rule != "summary-mismatch"
            assert fix.is_preferred is safe and fix.title.endswith("[unsafe]") is not safe
            assert fix.edit.document_changes[0].text_document.version == 1
            after = apply(text, fix.edit, session.uri(name)).encode("utf-8")
            flags = () if safe else ("--unsafe-fixes",)
            wanted = fixed_by_lint(tmp_path, files, name, *flags)
            assert wanted != files[name] and after == wanted, name
            # applied in the editor, the finding is gone and nothing else changes
            left = await session.change(name, after.decode("utf-8"))
            assert names(left) == [n for n in names(got) if n[1] != rule]


@needs_shared
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
async def test_fix_all_writes_what_lint_fix_writes(tmp_path, crlf):
    """"Fix all safe fixes in this file" on a real file with several safe fixes (and the same file
    with CRLF line ends) is exactly the file `lint --fix` writes."""
    files = {p.name: p.read_bytes() for p in sorted((SAMPLE / "commons-os").glob("*.md"))}
    if crlf:
        files = {name: data.replace(b"\n", b"\r\n") for name, data in files.items()}
    root = library(tmp_path / "lib", files)
    async with server(root) as session:
        whole = session.lint(*files)
        name = max(files, key=lambda n: (len(set(fixable([f for f in whole if f["path"] == n]))), n))
        assert len(set(fixable([f for f in whole if f["path"] == name]))) >= 2
        text = files[name].decode("utf-8")
        await session.open(name, text)
        actions = await session.code_actions(name, only=["source.fixAll.pattern-lint"])
        assert [a.kind for a in actions] == ["source.fixAll.pattern-lint"]
        assert actions == await session.code_actions(name, only=[types.CodeActionKind.SourceFixAll])
        after = apply(text, actions[0].edit, session.uri(name)).encode("utf-8")
        wanted = fixed_by_lint(tmp_path, files, name)
        assert wanted != files[name] and after == wanted
        assert (b"\r\n" in after) is crlf and (b"\n" not in after.replace(b"\r\n", b"")) is crlf
        left = await session.change(name, after.decode("utf-8"))
        assert not any(d.data["fixable"] and "[overall-score-mismatch]" in d.message for d in left)
        assert await session.code_actions(name, only=["source.fixAll.pattern-lint"]) == []


@needs_shared
async def test_suppression_comment_silences_the_finding(tmp_path):
    """The suppression action on a real file: in the frontmatter (a comment at the line's end) and
    in the body (a comment line above); applied, the finding is gone and nothing else changes."""
    files = sample("commons-os/generative-exit.md")
    root = library(tmp_path / "lib", files)
    name = "generative-exit.md"
    async with server(root) as session:
        text = files[name].decode("utf-8")
        got = await session.open(name)
        for rule in ("unknown-vocabulary", "template-placeholder"):
            target = next(d for d in got if d.message.endswith(f"[{rule}]"))
            actions = await session.code_actions(name, target.range.start.line, diagnostics=[target])
            silence = [a for a in actions if a.title == f"Silence {rule} on this line"]
            assert len(silence) == 1
            text = apply(text, silence[0].edit, session.uri(name))
            assert "pattern-lint: disable" in text and rule in text.split("\n")[target.range.start.line]
            after = await session.change(name, text)
            assert rule not in {n for _, n in names(after)}
            shift = 1 if rule == "template-placeholder" else 0
            assert names(after) == [(line + (shift if line > target.range.start.line else 0), n)
                                    for line, n in names(got) if n != rule]
            got = after


async def test_no_suppression_inside_a_block_scalar(tmp_path):
    """A comment written at the end of a line of a block scalar (`summary: >-`) would be part of
    the value: no suppression action there; one is offered on a plain value's line."""
    text = edit(pattern("alpha", typeid(1)), "  and financial records accessible", "  and {Financial} records accessible")
    text = edit(text, "  usage_stage: design", "  usage_stage: desgn")
    root = library(tmp_path / "lib", {"alpha.md": text})
    async with server(root) as session:
        got = await session.open("alpha.md")
        # reported where the block scalar's text starts (the line after `summary: >-`)
        inside = text.split("\n").index("summary: >-") + 1
        wanted = [d for d in got if d.range.start.line == inside]
        assert [n for _, n in names(wanted)] == ["template-placeholder"]
        actions = await session.code_actions("alpha.md", inside, diagnostics=wanted)
        assert not [a for a in actions if a.title.startswith("Silence")]
        plain = next(d for d in got if d.range.start.line == text.split("\n").index("  usage_stage: desgn"))
        actions = await session.code_actions("alpha.md", plain.range.start.line, diagnostics=[plain])
        assert [a.title for a in actions if a.title.startswith("Silence")] == [
            f"Silence {plain.data['name']} on this line"]
