"""The language server's index kept up to date record by record (lint/server/index.py) answers as
one made afresh: the did-you-mean suggester after renames, collisions and deletions, and the
neighbourhood of a file after its links change."""

from __future__ import annotations

import random
from types import SimpleNamespace

from lint import library
from lint.server.index import Index, LiveSuggester


def _record(path: str, slug, title=None, aliases=None, is_pattern=True):
    frontmatter = {"slug": slug, "title": title}
    if aliases is not None:
        frontmatter["aliases"] = aliases
    return SimpleNamespace(path=path, frontmatter=frontmatter, is_pattern=is_pattern, links=[], format=None)


def _state(suggester: library.Suggester) -> tuple:
    return (suggester.names, suggester.kinds, {w: sorted(n) for w, n in suggester.by_word.items() if n},
            {p: sorted(n) for p, n in suggester.by_prefix.items() if n})


WORDS = ["trust", "ledger", "commons", "care", "river", "seed", "tide"]


def _random_record(rng: random.Random, path: str):
    def name():
        return "-".join(rng.sample(WORDS, rng.randint(1, 2)))

    slug = rng.choice([name(), name(), "", None, 5])
    title = rng.choice([name().replace("-", " ").title(), None, ["a list"]])
    aliases = rng.choice([None, [name()], [name(), 3], "not a list"])
    return _record(path, slug, title, aliases, is_pattern=rng.random() > 0.1)


def test_live_suggester_matches_a_fresh_one_after_every_change():
    rng = random.Random(7)
    records = {f"p{i}.md": _random_record(rng, f"p{i}.md") for i in range(40)}
    live = LiveSuggester(records.values())
    for step in range(400):
        path = f"p{rng.randrange(50)}.md"
        old = records.get(path)
        if old is not None and rng.random() < 0.2:
            del records[path]
            live.change(old, None)
        else:
            records[path] = _random_record(rng, path)
            live.change(old, records[path])
        fresh = library.Suggester([n for n in map(library.names_for_suggestions, records.values()) if n])
        assert _state(live) == _state(fresh), step
        for query in ("trust-ledgr", "river-sed", "commons"):
            assert live.suggest(query) == fresh.suggest(query), (step, query)


def test_a_renamed_pattern_is_suggested_under_its_new_slug_only():
    index = Index([_record("a.md", "trust-ledger"), _record("b.md", "river-seed")], ["."], ())
    assert index.suggester().suggest("trust-ledgr") == "trust-ledger"
    index.put(_record("a.md", "commons-tide"))
    assert index.suggester().suggest("trust-ledgr") is None
    assert index.suggester().suggest("commons-tid") == "commons-tide"
    index.remove("a.md")
    assert index.suggester().suggest("commons-tid") is None
    index.put(_record("c.md", "trust-ledger", title="River Seed"))  # a title naming another's slug: the slug wins
    assert index.suggester().names["river-seed"] == "river-seed"
    index.remove("b.md")
    assert index.suggester().names["river-seed"] == "trust-ledger"
    assert index.suggester().kinds["river-seed"] == 1


def _fields(record) -> tuple:
    return (record.path, record.is_pattern, record.format, record.frontmatter, record.frontmatter_line,
            {k: (v.line, v.column, v.key_line, v.key_column, v.node) for k, v in record.positions.items()},
            record.listable, record.facts, record.links)


def test_shared_records_are_the_records_made_alone():
    """The index's records share their equal values (records.Shared) and read as records made
    without: every file of the real sample, and paths whose keys are booleans (True equals 1)."""
    import pytest

    from helpers import SHARED

    from lint import cache, engine, records
    from lint.settings import Settings

    folder = SHARED / "corpus-sample"
    if not folder.is_dir():
        pytest.skip("no ../shared")
    settings = Settings()
    shared = records.Shared()
    made = []
    for path in sorted(folder.rglob("*.md")) * 2:  # twice: the second time every value is already held
        data = cache.record_of(engine.load(str(path), settings), body_links=True)
        alone, together = (records.from_data(str(path), data, settings.formats, s) for s in (None, shared))
        assert _fields(together) == _fields(alone)
        made.append(together)
    assert sum(bool(r.positions) and bool(r.links) for r in made) > 30
    half = len(made) // 2
    assert all(a.links[i].path is b.links[i].path for a, b in zip(made, made[half:]) for i in range(len(a.links))
               if a.links[i].path is not None)
    def odd(key):
        return {"is_pattern": True, "format": None, "frontmatter": {}, "frontmatter_line": 1, "facts": {},
                "positions": [[["x", key], 2, 1, 2, 1]], "listable": [["x", key]],
                "links": [["relationship", "x", "a", 1, 1, ["x", key], 0]]}

    first, second, third = (records.from_data(f"{n}.md", odd(key), (), shared) for n, key in enumerate((True, 1, 1)))
    for record, kind in ((first, bool), (second, int), (third, int)):
        assert [type(k[1]) for k in record.positions] == [kind]
        assert [type(k[1]) for k in record.listable] == [kind]
        assert type(record.links[0].path[1]) is kind
    assert third.positions[("x", 1)] is second.positions[("x", 1)]
    assert third.links[0].path is second.links[0].path and third.listable is second.listable


def test_the_cache_a_run_of_lint_wrote_warms_the_servers_index(tmp_path, monkeypatch):
    """A library with neither configuration nor git, opened as the workspace folder: the server
    finds the configuration `lint` run there finds, so it reads the records that run cached
    instead of parsing every file again."""
    import shutil
    from pathlib import Path

    from lint import cli, runner
    from lint.server.session import Session

    for path in (Path(__file__).resolve().parents[1] / "examples" / "patterns").glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--format", "json", "--output-file", str(tmp_path / "report.json"), "."]) in (0, 1)
    parsed = []
    check_one = runner._check_one
    monkeypatch.setattr(runner, "_check_one", lambda path, *args: parsed.append(path) or check_one(path, *args))
    library = Session([str(tmp_path)]).library_of(str(tmp_path / "transparent-ledger.md"))
    assert len(library.index.records) == 6
    assert parsed == []
