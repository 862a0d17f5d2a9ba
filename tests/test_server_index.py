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
