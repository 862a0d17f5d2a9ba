"""The cache: a warm run parses only what changed, still reports every cross-file finding, and never
trusts the cache blindly."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import sqlite3

import pytest

from helpers import edit, pattern
from lint import cache, registry
from lint.cli import main
from lint.runner import Options, run

BETA_ID = "pat_01khvcxczrfztsmcf9fgrgy593"
TITLE = "Transparent Ledger"  # the template's title, kept


@pytest.fixture
def library(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "alpha.md").write_text(pattern("alpha", "pat_01khvcxd2eemjtdcran0mzqtv1", "  enables: [beta, gamma]\n", title=TITLE))
    (tmp_path / "lib" / "beta.md").write_text(pattern("beta", BETA_ID, title=TITLE))
    return tmp_path


def _dangling(findings):
    return sorted(f.message.split("`")[3] for f in findings if f.name == "dangling-link")


def _cached(folder) -> Options:
    """Options as the command line sets them for a run that is not fixing: findings may come from the cache."""
    return Options(cache_dir=str(folder), live_fixes=False)


def test_a_warm_run_parses_nothing_and_reports_the_same(library, loads):
    (library / "lib" / "alpha.md").write_text(edit(pattern("alpha", "pat_01khvcxd2eemjtdcran0mzqtv1",
                                                            "  enables: [beta, gamma]\n", title=TITLE), "status: stable", "status: stabel"))
    options = _cached(library / "cache")
    first = run([str(library / "lib")], options).findings
    assert sorted(loads) == ["alpha.md", "beta.md"]
    assert {f.name for f in first} == {"dangling-link", "unknown-vocabulary"}
    loads.clear()
    second = run([str(library / "lib")], options).findings
    assert loads == []
    assert [f.as_dict() for f in second] == [f.as_dict() for f in first]


def test_one_file_run_reads_the_rest_of_the_library_from_the_cache(library, loads):
    options = _cached(library / "cache")
    first = run([str(library / "lib" / "alpha.md")], options).findings
    assert sorted(loads) == ["alpha.md", "beta.md"]
    loads.clear()
    second = run([str(library / "lib" / "alpha.md")], options).findings
    assert loads == []
    assert second == first
    assert _dangling(second) == ["gamma"]


def test_a_changed_file_is_checked_again(library, loads):
    options = _cached(library / "cache")
    run([str(library / "lib")], options)
    alpha = library / "lib" / "alpha.md"
    alpha.write_text(edit(alpha.read_text(), "status: stable", "status: stabel"))
    loads.clear()
    findings = run([str(library / "lib")], options).findings
    assert loads == ["alpha.md"]
    assert sorted(f.name for f in findings) == ["dangling-link", "unknown-vocabulary"]


def test_a_file_elsewhere_that_changed_is_seen_by_the_library_rules(library, loads):
    """alpha comes from the cache, but its links are resolved again: beta renamed itself gamma."""
    options = _cached(library / "cache")
    run([str(library / "lib" / "alpha.md")], options)
    beta = library / "lib" / "beta.md"
    beta.write_text(pattern("gamma", BETA_ID, title=TITLE))
    os.utime(beta, ns=(os.stat(beta).st_atime_ns, os.stat(beta).st_mtime_ns + 10**9))
    loads.clear()
    findings = run([str(library / "lib" / "alpha.md")], options).findings
    assert loads == ["beta.md"]
    assert _dangling(findings) == []  # beta resolves by its file name, gamma by its new slug
    beta.unlink()
    loads.clear()
    findings = run([str(library / "lib" / "alpha.md")], options).findings
    assert loads == []
    assert _dangling(findings) == ["beta", "gamma"]


@pytest.fixture
def library_rules_run(monkeypatch):
    """How many times a run checked the library (its index built and its rules run)."""
    from lint import runner

    calls: list[int] = []
    real = runner._check_library

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "_check_library", counting)
    return calls


def _library_findings(findings):
    return [(f.code, f.name, os.path.basename(f.path), f.line, f.column, f.message) for f in findings
            if f.name in ("dangling-link", "missing-reciprocal-link", "duplicate-id")]


def test_a_run_in_which_nothing_changed_takes_the_library_findings_from_the_cache(library, loads, library_rules_run):
    alpha, beta = library / "lib" / "alpha.md", library / "lib" / "beta.md"
    alpha.write_text(edit(alpha.read_text(), "  enables: [beta, gamma]", "  enables: [beta, gamma]\n"
                          "  generalizes_from: [beta]"))
    beta.write_text(edit(beta.read_text(), "  enables: []", "  enables: []\n  specializes_to: []"))
    options = _cached(library / "cache")
    first = run([str(library / "lib")], options).findings
    assert [x[:4] for x in _library_findings(first)] == [("PL601", "dangling-link", "alpha.md", 48),
                                                         ("PL609", "missing-reciprocal-link", "beta.md", 49)]
    assert [(f.fixable, f.fix.safe) for f in first if f.name == "missing-reciprocal-link"] == [(True, False)]
    assert library_rules_run == [1]
    loads.clear()
    second = run([str(library / "lib")], options).findings
    assert library_rules_run == [1] and loads == []  # no index built, no library rule run, nothing parsed
    assert [f.as_dict() for f in second] == [f.as_dict() for f in first]
    assert [(f.fixable, f.fix and (f.fix.title, f.fix.safe)) for f in second] == \
        [(f.fixable, f.fix and (f.fix.title, f.fix.safe)) for f in first]


@pytest.mark.parametrize("change", ["new file", "file gone", "file renamed", "file edited"])
def test_library_findings_are_worked_out_again_when_any_library_file_changed(library, loads, library_rules_run,
                                                                             change):
    """alpha links to beta and gamma; alpha itself never changes."""
    options = _cached(library / "cache")
    alpha, beta = library / "lib" / "alpha.md", library / "lib" / "beta.md"
    first = run([str(alpha)], options).findings
    assert _dangling(first) == ["gamma"]
    if change == "new file":
        (library / "lib" / "gamma.md").write_text(pattern("gamma", "pat_01khvcxd2eemjtdcran0mzqtv9", title=TITLE))
        expected = []
    elif change == "file gone":
        beta.unlink()
        expected = ["beta", "gamma"]
    elif change == "file renamed":
        beta.rename(library / "lib" / "gamma.md")  # same content: resolves by its slug `beta` and as gamma.md
        expected = []
    else:
        beta.write_text(pattern("delta", BETA_ID, title=TITLE))  # beta.md still resolves by its file name
        os.utime(beta, ns=(beta.stat().st_atime_ns, beta.stat().st_mtime_ns + 10 ** 9))
        expected = ["gamma"]
    second = run([str(alpha)], options).findings
    assert library_rules_run == [1, 1]
    assert _dangling(second) == expected
    assert [f.as_dict() for f in second] == [f.as_dict() for f in run([str(alpha)], Options(live_fixes=False)).findings]


def test_the_library_is_listed_once_when_its_cached_findings_no_longer_hold(library, monkeypatch, library_rules_run):
    from lint import runner

    options = _cached(library / "cache")
    alpha, beta = library / "lib" / "alpha.md", library / "lib" / "beta.md"
    run([str(alpha)], options)
    beta.unlink()  # alpha is unchanged, so the cache is asked first; beta's loss makes it miss
    listings: list[int] = []
    real = runner._library_files
    monkeypatch.setattr(runner, "_library_files", lambda *args: listings.append(1) or real(*args))
    assert _dangling(run([str(alpha)], options).findings) == ["beta", "gamma"]
    assert library_rules_run == [1, 1] and listings == [1]


def test_library_findings_are_kept_per_set_of_files_checked(library, library_rules_run):
    options = _cached(library / "cache")
    whole = run([str(library / "lib")], options).findings
    alpha = run([str(library / "lib" / "alpha.md")], options).findings
    assert library_rules_run == [1, 1]  # not the whole run's findings, which are on beta too
    assert {os.path.basename(f.path) for f in alpha} == {"alpha.md"}
    assert [f.as_dict() for f in run([str(library / "lib")], options).findings] == [f.as_dict() for f in whole]
    assert [f.as_dict() for f in run([str(library / "lib" / "alpha.md")], options).findings] == \
        [f.as_dict() for f in alpha]
    assert library_rules_run == [1, 1]


@pytest.mark.parametrize("damage", ["not json", "unknown rule", "wrong shape"])
def test_damaged_library_findings_are_worked_out_again(library, library_rules_run, damage):
    options = _cached(library / "cache")
    first = run([str(library / "lib")], options).findings
    value = {"not json": "{", "unknown rule": '{"findings": [[1, 1, "no-such-rule", "m", "p", null]]}',
             "wrong shape": '{"findings": 3}'}[damage]
    with contextlib.closing(sqlite3.connect(library / "cache" / cache.FILE_NAME)) as db, db:
        db.execute("UPDATE library SET findings = ?", (value,))
    second = run([str(library / "lib")], options).findings
    assert library_rules_run == [1, 1]
    assert [f.as_dict() for f in second] == [f.as_dict() for f in first]
    run([str(library / "lib")], options)
    assert library_rules_run == [1, 1]  # written again


def test_a_touched_but_unchanged_file_is_not_checked_again(library, loads):
    options = _cached(library / "cache")
    run([str(library / "lib")], options)
    alpha = library / "lib" / "alpha.md"
    os.utime(alpha, ns=(os.stat(alpha).st_atime_ns, os.stat(alpha).st_mtime_ns + 10**9))
    loads.clear()
    assert _dangling(run([str(library / "lib")], options).findings) == ["gamma"]
    assert loads == []  # its content hash is the one cached


def test_other_rules_reuse_the_index_but_not_the_findings(library, loads):
    run([str(library / "lib" / "alpha.md")], _cached(library / "cache"))
    loads.clear()
    options = Options(cache_dir=str(library / "cache"), live_fixes=False, ignore=["unknown-vocabulary"])
    assert _dangling(run([str(library / "lib" / "alpha.md")], options).findings) == ["gamma"]
    assert loads == ["alpha.md"]


def test_a_run_that_fixes_takes_no_findings_from_the_cache(library, loads):
    run([str(library / "lib" / "alpha.md")], _cached(library / "cache"))
    loads.clear()
    run([str(library / "lib" / "alpha.md")], Options(cache_dir=str(library / "cache"), live_fixes=True))
    assert loads == ["alpha.md"]


def test_suppressions_and_fix_markers_survive_the_cache(library):
    alpha = library / "lib" / "alpha.md"
    text = edit(pattern("alpha", "pat_01khvcxd2eemjtdcran0mzqtv1", "  enables: [beta, gamma]\n", title=TITLE), "overall_score: 4.4",
                "overall_score: 4.9")
    alpha.write_text(edit(text, "status: stable", "status: stabel  # pattern-lint: disable=unknown-vocabulary"))
    first = run([str(alpha)], _cached(library / "cache")).findings
    second = run([str(alpha)], _cached(library / "cache")).findings
    assert [(f.name, f.line, f.fixable, f.fix and f.fix.safe) for f in second] == \
        [(f.name, f.line, f.fixable, f.fix and f.fix.safe) for f in first]
    assert ("overall-score-mismatch", True, True) in [(f.name, f.fixable, f.fix.safe) for f in second if f.fix]
    assert "unknown-vocabulary" not in [f.name for f in second]  # still silenced
    assert "unused-suppression" not in [f.name for f in second]


def _spoil(path, how: str) -> None:
    if how == "text":
        path.write_text("not a database")
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[:1500])
    else:
        with sqlite3.connect(path) as db:
            if how == "foreign":
                db.execute("UPDATE meta SET value = '0.0.0:old' WHERE name = 'salt'")
            else:  # the right salt, entries of the wrong shape
                db.execute("UPDATE files SET record = '[]', results = '\"x\"'")
        db.close()


@pytest.mark.parametrize("how", ["text", "truncated", "foreign", "wrong-shape"])
def test_a_broken_or_foreign_cache_is_ignored_and_rewritten(library, loads, how):
    folder = library / "cache"
    run([str(library / "lib" / "alpha.md")], _cached(folder))
    _spoil(folder / cache.FILE_NAME, how)
    loads.clear()
    findings = run([str(library / "lib" / "alpha.md")], _cached(folder)).findings
    assert sorted(loads) == ["alpha.md", "beta.md"]
    assert _dangling(findings) == ["gamma"]
    with sqlite3.connect(folder / cache.FILE_NAME) as db:
        assert db.execute("SELECT value FROM meta WHERE name = 'salt'").fetchone()[0].startswith(cache.version() + ":")
        assert db.execute("SELECT count(*) FROM files WHERE record LIKE '{%'").fetchone()[0] == 2
    db.close()
    loads.clear()
    assert _dangling(run([str(library / "lib" / "alpha.md")], _cached(folder)).findings) == ["gamma"]
    assert loads == []  # and the rewritten cache is used


def test_cache_folder_is_ignored_by_git(library):
    run([str(library / "lib" / "alpha.md")], _cached(library / "cache"))
    assert (library / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_command_line_uses_the_cache_folder_unless_told_not_to(library, monkeypatch):
    folder = library / "from-env"
    monkeypatch.setenv("PATTERN_LINT_CACHE_DIR", str(folder))
    main(["--no-cache", str(library / "lib" / "alpha.md")], stdout=io.StringIO())
    assert not folder.exists()
    main([str(library / "lib" / "alpha.md")], stdout=io.StringIO())
    assert (folder / cache.FILE_NAME).is_file()
    main(["--cache-dir", str(library / "elsewhere"), str(library / "lib" / "alpha.md")], stdout=io.StringIO())
    assert (library / "elsewhere" / cache.FILE_NAME).is_file()


def test_the_default_cache_folder_is_in_the_library_root(library, monkeypatch):
    monkeypatch.delenv("PATTERN_LINT_CACHE_DIR")
    monkeypatch.chdir(library)
    main([str(library / "lib" / "alpha.md")], stdout=io.StringIO())
    assert (library / "lib" / ".pattern-lint-cache" / cache.FILE_NAME).is_file()
    assert not (library / ".pattern-lint-cache").exists()


def test_an_unwritable_cache_folder_is_no_error(library):
    blocker = library / "file-in-the-way"
    blocker.write_text("")
    findings = run([str(library / "lib" / "alpha.md")], _cached(blocker / "cache")).findings
    assert _dangling(findings) == ["gamma"]


def _typeid(n: int) -> str:
    return f"pat_01kh{n:022d}"


@pytest.fixture
def neighbours(tmp_path):
    """A library large enough for a one-file run to load only its neighbourhood (neighbourhood.index_of):
    a generalization cycle, an orphan, a pattern only linked to, two patterns sharing a slug."""
    lib = tmp_path / "lib"
    lib.mkdir()
    files = {
        "a": ("a", "  specializes_to: [b]\n"), "b": ("b", "  specializes_to: [c]\n"),
        "c": ("c", "  specializes_to: [a]\n"), "lonely": ("lonely", "  enables: []\n"),
        "pointer": ("pointer", "  enables: [linked]\n"), "linked": ("linked", "  enables: []\n"),
        "dup1": ("twin", "  enables: [pointer]\n"), "dup2": ("twin", "  enables: [pointer]\n"),
        # loops of four whose far side is found from the target only by who links to what (r) and
        # only by what links to what (y)
        "p": ("p", "  specializes_to: [q]\n"), "q": ("q", "  enables: []\n"),
        "r": ("r", "  generalizes_from: [q]\n  specializes_to: [s]\n"), "s": ("s", "  specializes_to: [p]\n"),
        "w": ("w", "  specializes_to: [x]\n"), "x": ("x", "  specializes_to: [y]\n"), "y": ("y", "  enables: []\n"),
        "z": ("z", "  generalizes_from: [y]\n  specializes_to: [w]\n"),
    }
    files.update({f"filler{n}": (f"filler{n}", "  enables: [pointer]\n") for n in range(30)})
    for n, (name, (slug, relationships)) in enumerate(sorted(files.items())):
        (lib / f"{name}.md").write_text(pattern(slug, _typeid(n), relationships))
    return lib


@pytest.mark.parametrize("name, present, absent", [
    ("a", "generalization-cycle", None), ("p", "generalization-cycle", None), ("w", "generalization-cycle", None), ("lonely", "orphan-pattern", None),
    ("linked", None, "orphan-pattern"), ("dup1", "duplicate-slug", None), ("pointer", None, "orphan-pattern"),
])
def test_a_one_file_run_sees_every_neighbour_that_matters(neighbours, monkeypatch, loads, name, present, absent):
    from lint import neighbourhood

    options = dataclasses.replace(_cached(neighbours.parent / "cache"), extend_select=["orphan-pattern"])  # off by default
    run([str(neighbours)], options)  # a warm cache
    loads.clear()
    few = run([str(neighbours / f"{name}.md")], options).findings
    assert loads == [], "nothing was read but the cache"
    monkeypatch.setattr(neighbourhood, "SHARE", 10 ** 9)  # the same run with every record loaded
    whole = run([str(neighbours / f"{name}.md")], options).findings
    assert [f.as_dict() for f in few] == [f.as_dict() for f in whole]
    names = {f.name for f in few}
    assert present is None or present in names
    assert absent is None or absent not in names


def test_a_one_file_run_indexes_what_changed_and_forgets_what_is_gone(neighbours, loads):
    options = _cached(neighbours.parent / "cache")
    run([str(neighbours)], options)
    (neighbours / "linked.md").unlink()  # pointer's link now dangles
    text = (neighbours / "filler3.md").read_text()
    (neighbours / "filler3.md").write_text(text + "\nSee also [the lonely one](lonely.md).\n")
    loads.clear()
    findings = run([str(neighbours / "pointer.md")], options).findings
    assert loads == ["filler3.md"]
    assert _dangling(findings) == ["linked"]
    assert "(45 patterns under" in next(f.message for f in findings if f.name == "dangling-link")
    loads.clear()
    options = dataclasses.replace(options, extend_select=["orphan-pattern"])
    assert "orphan-pattern" not in {f.name for f in run([str(neighbours / "lonely.md")], options).findings}
    # other rules: lonely's findings are checked again; filler3 was indexed without its body's links
    # (no rule of the last run needed them), orphan-pattern needs them: it is indexed again
    assert loads == ["lonely.md", "filler3.md"]


def test_a_one_file_run_with_relative_paths_finds_the_cache(neighbours, monkeypatch, loads):
    monkeypatch.chdir(neighbours.parent)
    options = _cached("cache")
    first = run(["lib"], options).findings
    loads.clear()
    few = run([os.path.join("lib", "pointer.md")], options).findings
    assert loads == []
    assert [f.as_dict() for f in few] == [f.as_dict() for f in first if f.path == os.path.join("lib", "pointer.md")]


@pytest.mark.parametrize("method", ["library_findings", "results", "lookup"])
def test_a_database_that_fails_during_a_run_is_dropped_and_the_run_goes_on(library, monkeypatch, loads, method):
    """It fails where the run first reads it: the library rules' findings and the files' results of
    a run in which nothing changed, or (nothing kept for the library) the files' entries."""
    options = _cached(library / "cache")
    first = run([str(library / "lib")], options).findings
    if method == "lookup":
        with contextlib.closing(sqlite3.connect(library / "cache" / cache.FILE_NAME)) as db, db:
            db.execute("DELETE FROM library")
    beta = library / "lib" / "beta.md"
    os.utime(beta, ns=(beta.stat().st_atime_ns, beta.stat().st_mtime_ns + 10 ** 9))  # touched, not changed
    real = getattr(cache.Cache, method)

    def failing(self, *args, **kwargs):
        if self.db is not None:
            self.db.close()  # every later use of it raises sqlite3.ProgrammingError
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cache.Cache, method, failing)
    loads.clear()
    second = run([str(library / "lib")], options).findings
    assert sorted(loads) == ["alpha.md", "beta.md"]  # no cache for the rest of the run: both checked again
    assert [f.as_dict() for f in second] == [f.as_dict() for f in first]


@pytest.mark.parametrize("asked", [[], [b"a"], [b"a", b"b"], [b"a", b"b", b"c"], [b"b", b"c", b"d", b"gone"]])
def test_patterns_among_keys_are_counted_both_ways(tmp_path, asked):
    """Few keys are counted one by one, nearly all of them by taking the rest off the total."""
    store = cache.Cache(str(tmp_path / "cache"))
    store.stamps = {b"a": (1, 1, "h", True, True, True), b"b": (1, 1, "h", True, True, False),
                    b"c": (1, 1, "h", True, True, True), b"d": (1, 1, "h", True, True, True)}
    assert store.patterns(set(asked)) == sum(1 for key in asked if key in (b"a", b"c", b"d"))


# The stamps snapshot: every run loads the stamps from one blob and the rows written since. It must
# always equal the files table, or a file could be taken for unchanged when it is not.

def _table_stamps(folder) -> dict:
    with contextlib.closing(sqlite3.connect(folder / cache.FILE_NAME)) as db:
        return {row[0]: tuple(row[1:]) for row in db.execute(cache.stamps.QUERY)}


def _loaded(folder, **options) -> cache.Cache:
    """The stamps a run with these options loads (the same salt and rules: nothing is rewritten)."""
    from lint import registry

    config = Options().config
    rules = registry.select(config.select, config.extend_select, config.ignore + options.get("ignore", []))
    store = cache.Cache(str(folder), config, tuple(rules), {})
    store.close()
    return store


def _snapshot_generation(folder):
    with contextlib.closing(sqlite3.connect(folder / cache.FILE_NAME)) as db:
        row = db.execute("SELECT generation FROM snapshot").fetchone()
        return row[0] if row else None


def test_stamps_come_from_the_snapshot_and_the_rows_written_since(library, monkeypatch):
    folder = library / "cache"
    options = Options(cache_dir=str(folder), live_fixes=False)
    run([str(library / "lib")], options)
    first = _loaded(folder)
    assert first.snapshot_at is not None and first.changes == 0
    assert first.stamps == _table_stamps(folder) and len(first.stamps) == 2
    (library / "lib" / "gamma.md").write_text(pattern("gamma", "pat_01khvcxd2eemjtdcran0mzqtv2", title=TITLE))
    (library / "lib" / "beta.md").unlink()
    (library / "lib" / "alpha.md").write_text(pattern("alpha", "pat_01khvcxd2eemjtdcran0mzqtv1", "  enables: [gamma]\n", title=TITLE))
    run([str(library / "lib" / "alpha.md")], options)
    second = _loaded(folder)
    assert second.snapshot_at == first.snapshot_at and second.changes > 0  # not written again for a few rows
    assert second.stamps == _table_stamps(folder) and len(second.stamps) == 2
    (library / "lib" / "beta.md").write_text(pattern("beta", BETA_ID, title=TITLE))  # back, after it was removed
    run([str(library / "lib")], options)
    third = _loaded(folder)
    assert third.stamps == _table_stamps(folder) and len(third.stamps) == 3


def test_the_snapshot_is_written_again_once_many_rows_changed(library, monkeypatch):
    folder = library / "cache"
    options = Options(cache_dir=str(folder), live_fixes=False)
    run([str(library / "lib")], options)
    before = _snapshot_generation(folder)
    monkeypatch.setattr(cache.store, "SNAPSHOT_CHANGES", 0)
    (library / "lib" / "beta.md").write_text(pattern("beta", BETA_ID, title=TITLE) + "\nmore\n")
    run([str(library / "lib")], options)
    assert _snapshot_generation(folder) > before
    store = _loaded(folder)
    assert store.changes == 0 and store.stamps == _table_stamps(folder)


def test_no_snapshot_is_written_over_another_runs_writes(library, monkeypatch):
    """A run whose stamps were loaded before another run wrote must not save them as the snapshot."""
    folder = library / "cache"
    options = Options(cache_dir=str(folder), live_fixes=False)
    run([str(library / "lib")], options)
    monkeypatch.setattr(cache.store, "SNAPSHOT_CHANGES", 0)
    early = _loaded(folder)
    early.reopen()
    (library / "lib" / "beta.md").write_text(pattern("beta", BETA_ID, title=TITLE) + "\nedited elsewhere\n")
    run([str(library / "lib")], options)  # another run writes beta's new stamp meanwhile
    written = _snapshot_generation(folder)
    early.put(str(library / "lib" / "alpha.md"), early.stamps[cache.key_of(str(library / "lib" / "alpha.md"))][:3],
              {"is_pattern": True, "format": None, "frontmatter": None, "frontmatter_line": 1, "positions": [],
               "links": []}, {"findings": [], "directives": []})
    early.save()
    assert early.generation is None
    assert _snapshot_generation(folder) == written
    assert _loaded(folder).stamps == _table_stamps(folder)


@pytest.mark.parametrize("blob", [b"", b"junk", cache.stamps.MAGIC + b"\xff" * 8,
                                  cache.stamps.MAGIC + (1).to_bytes(8, "little") + b"\0" * 40 + b"a" * 32,
                                  cache.stamps.MAGIC + (2).to_bytes(8, "little") + b"\0" * 80 + b"a" * 64 + b"k",
                                  cache.stamps.MAGIC + (1).to_bytes(8, "little") + b"\0" * 40 + b"\xe9" * 32 + b"k",
                                  "text", 12])
def test_a_damaged_snapshot_is_ignored_and_written_again(library, loads, blob):
    folder = library / "cache"
    options = Options(cache_dir=str(folder), live_fixes=False)
    first = run([str(library / "lib")], options).findings
    with contextlib.closing(sqlite3.connect(folder / cache.FILE_NAME)) as db, db:
        db.execute("UPDATE snapshot SET stamps = ?", (blob,))
    store = _loaded(folder)
    assert store.snapshot_at is None and store.stamps == _table_stamps(folder)
    loads.clear()
    assert run([str(library / "lib")], options).findings == first
    assert loads == []
    assert _loaded(folder).snapshot_at is not None


def test_stamps_pack_and_unpack():
    """(size, mtime, hash, has results, whole, is a pattern, ctime, inode, device), kept with the
    generation the snapshot was taken at: unpacked at another, it is not believed."""
    stamps = {b"/lib/a.md": (10, 2**62, "0" * 32, 1, 1, 0, 2**62 + 1, 2**64 - 1, 2**63),
              "/lib/é.md".encode(): (0, -5, "f" * 32, 0, 0, 1, -7, 0, 1)}
    assert cache.stamps.unpack(cache.stamps.pack(stamps, 12), 12) == stamps
    assert cache.stamps.unpack(cache.stamps.pack(stamps, 12), 13) is None
    assert cache.stamps.unpack(cache.stamps.pack({}, 3), 3) == {}
    assert cache.stamps.pack({b"/a\0b": (1, 1, "0" * 32, 1, 1, 1, 1, 1, 1)}, 1) is None
    assert cache.stamps.pack({b"/a": (1, 1, "short", 1, 1, 1, 1, 1, 1)}, 1) is None
    assert cache.stamps.pack({b"/a": (2**64, 1, "0" * 32, 1, 1, 1, 1, 1, 1)}, 1) is None
    assert cache.stamps.pack({b"/a": (1, 1, "0" * 32, 1, 1, 1, 1, -1, 1)}, 1) is None


def test_other_rules_drop_the_snapshot(library, loads):
    folder = library / "cache"
    run([str(library / "lib")], Options(cache_dir=str(folder), live_fixes=False))
    run([str(library / "lib")], Options(cache_dir=str(folder), live_fixes=False, ignore=["dangling-link"]))
    store = _loaded(folder, ignore=["dangling-link"])
    assert store.stamps == _table_stamps(folder)
    assert all(stamp[3] for stamp in store.stamps.values())  # findings of the rules that ran last


@pytest.mark.parametrize("root", [".", "lib", "lib/", "./lib", "lib/../lib", "ABSOLUTE", "ABSOLUTE/", "/"])
def test_keys_of_listed_files_are_their_cache_keys(tmp_path, monkeypatch, root):
    """keys_of skips abspath for files under the library's folders: the keys must be key_of's."""
    from lint.discovery import collect, library_roots

    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib" / "sub").mkdir(parents=True)
    for name in ("a.md", ".hidden.md", "sub/b.md", "sub/é.md", "x..md"):
        (tmp_path / "lib" / name).write_text("x")
    given = str(tmp_path / "lib") + root[8:] if root.startswith("ABSOLUTE") else root
    roots = library_roots([given]) if given != "/" else ["/"]
    listed = collect(roots) if given != "/" else [str(tmp_path / "lib" / n) for n in ("a.md", "sub/b.md", "x..md")]
    assert len(listed) >= 3
    outside = ["lib/../lib/a.md", "lib/", "lib", "./lib/sub/", str(tmp_path / "lib" / "sub" / "b.md"), "lib/sub/./b.md"]
    paths = listed + outside
    assert cache.keys_of(paths, roots) == [cache.key_of(p) for p in paths]
    clean = [p for p in listed if ".hidden" not in p and "/./" not in p]
    calls = []
    real = cache.keys.absolute
    monkeypatch.setattr(cache.keys, "absolute", lambda path: calls.append(path) or real(path))
    assert cache.keys_of(clean, roots) == [cache.key_of(p) for p in clean]
    assert len(calls) == len(roots) + len(clean)  # keys_of's own calls: one per root (a single folder)


@pytest.fixture
def changed_library(tmp_path):
    """A cached library of 40 files, then some of them edited, touched, removed or made unreadable."""
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(40):
        (folder / f"p{n:02}.md").write_text(pattern(f"p{n:02}", _typeid(n), title=TITLE))
    options = _cached(tmp_path / "cache")
    run([str(folder)], options)
    (folder / "p03.md").write_text(pattern("p03", _typeid(3), title=TITLE) + "\nedited\n")
    (folder / "p20.md").write_text(pattern("p20", _typeid(20), title=TITLE) + "\nedited\n")  # the first of the second half
    os.utime(folder / "p30.md", ns=(1, 1))  # touched: same bytes
    (folder / "p35.md").unlink()
    (folder / "p37.md").unlink()
    (folder / "p37.md").mkdir()
    store = _loaded(tmp_path / "cache")
    store.reopen()
    paths = {cache.key_of(str(folder / f"p{n:02}.md")): str(folder / f"p{n:02}.md") for n in range(40)}
    return store, paths, folder


def test_stale_files_are_found_in_two_processes_as_in_one(changed_library, monkeypatch):
    store, paths, folder = changed_library
    monkeypatch.setattr(cache.stamps, "SPLIT_STAT", 10**9)
    one = cache.stamps.suspects(store.stamps, list(paths.items()), 10**6, True)
    monkeypatch.setattr(cache.stamps, "SPLIT_STAT", 0)
    forked = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or real_fork())
    two = cache.stamps.suspects(store.stamps, list(paths.items()), 10**6, True)
    assert forked == [1]
    assert two == one == [3, 20, 30, 35, 37]
    assert store.stale(paths, 10**6, True) == [str(folder / f"p{n:02}.md") for n in (3, 20, 35, 37)]  # p30: touched
    store.close()


def test_a_child_that_fails_leaves_its_half_to_the_parent(changed_library, monkeypatch):
    store, paths, folder = changed_library
    monkeypatch.setattr(cache.stamps, "SPLIT_STAT", 0)
    parent = os.getpid()
    real = cache.stamps.compare

    def failing_in_the_child(*args):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(*args)

    monkeypatch.setattr(cache.stamps, "compare", failing_in_the_child)
    assert cache.stamps.suspects(store.stamps, list(paths.items()), 10**6, True) == [3, 20, 30, 35, 37]
    store.close()


# The library's listing is reused while no folder walked changed (tests set the folders' times in
# the past: a folder changed within RACY_NS of its walk is never kept).

def _age(*folders) -> None:
    for folder in folders:
        os.utime(folder, ns=(10**18, 10**18))  # 2001


@pytest.fixture
def walks(monkeypatch):
    from lint import discovery

    seen = []
    real = discovery._walk

    def counting(root, *args, **kw):
        seen.append(os.path.basename(root))
        return real(root, *args, **kw)

    monkeypatch.setattr(discovery, "_walk", counting)
    return seen


def test_the_listing_is_reused_while_no_folder_changed(library, walks):
    (library / "lib" / "sub").mkdir()
    (library / "lib" / "sub" / "gamma.md").write_text(pattern("gamma", "pat_01khvcxd2eemjtdcran0mzqtv2", title=TITLE))
    _age(library / "lib", library / "lib" / "sub")
    options = _cached(library / "cache")
    target = str(library / "lib" / "alpha.md")
    first = run([target], options).findings
    assert walks == ["lib"]
    walks.clear()
    (library / "lib" / "alpha.md").write_text(pattern("alpha", "pat_01khvcxd2eemjtdcran0mzqtv1", "  enables: [beta, delta]\n", title=TITLE))
    second = run([target], options).findings  # a file edited in place: its folder did not change
    assert walks == []
    assert _dangling(first) == [] and _dangling(second) == ["delta"]
    (library / "lib" / "sub" / "delta.md").write_text(pattern("delta", "pat_01khvcxd2eemjtdcran0mzqtv3", title=TITLE))
    third = run([target], options).findings  # a file added to a subfolder: walked again, and seen
    assert walks == ["lib"]
    assert _dangling(third) == []
    assert third == run([target], Options()).findings


@pytest.mark.parametrize("change", ["remove", "rename", "new folder", "replace the folder"])
def test_a_changed_folder_is_walked_again(library, walks, change):
    _age(library / "lib")
    options = _cached(library / "cache")
    target = str(library / "lib" / "alpha.md")
    run([target], options)
    if change == "remove":
        (library / "lib" / "beta.md").unlink()
    elif change == "rename":
        (library / "lib" / "beta.md").rename(library / "lib" / "beta2.md")
    elif change == "new folder":
        (library / "lib" / "more").mkdir()
        (library / "lib" / "more" / "gamma.md").write_text(pattern("gamma", "pat_01khvcxd2eemjtdcran0mzqtv2", title=TITLE))
    else:
        (library / "lib").rename(library / "old")
        (library / "lib").mkdir()
        for name in ("alpha.md", "beta.md"):
            (library / "old" / name).rename(library / "lib" / name)
        (library / "lib" / "gamma.md").write_text(pattern("gamma", "pat_01khvcxd2eemjtdcran0mzqtv2", title=TITLE))
        _age(library / "lib")  # the same time as before: the folder's inode tells it apart
    walks.clear()
    findings = run([target], options).findings
    assert walks == ["lib"]
    assert findings == run([target], Options()).findings


def test_a_folder_changed_just_before_its_walk_is_not_kept(library, walks):
    options = _cached(library / "cache")  # the folders were made just now
    run([str(library / "lib" / "alpha.md")], options)
    run([str(library / "lib" / "alpha.md")], options)
    assert walks == ["lib", "lib"]


def test_a_library_with_symlinks_is_always_walked(library, walks):
    (library / "lib" / "link.md").symlink_to(library / "lib" / "beta.md")
    _age(library / "lib")
    options = _cached(library / "cache")
    run([str(library / "lib" / "alpha.md")], options)
    run([str(library / "lib" / "alpha.md")], options)
    assert walks == ["lib", "lib"]


@pytest.mark.parametrize("damage", [("folders", "not json"), ("folders", "[[1, 2]]"), ("folders", '[["/nowhere", 1, 2, 3]]'),
                                    ("paths", 12), ("keys", b"a\0b\0c"), ("keys", "text")])
def test_a_damaged_listing_is_walked_again(library, walks, damage):
    _age(library / "lib")
    options = _cached(library / "cache")
    first = run([str(library / "lib" / "alpha.md")], options).findings
    with contextlib.closing(sqlite3.connect(library / "cache" / cache.FILE_NAME)) as db, db:
        db.execute(f"UPDATE listing SET {damage[0]} = ?", (damage[1],))
    walks.clear()
    assert run([str(library / "lib" / "alpha.md")], options).findings == first
    assert walks == ["lib"]


@pytest.mark.parametrize("table", ["listing", "snapshot", "gone", "library"])
def test_a_missing_table_is_made_again(library, loads, table):
    options = _cached(library / "cache")
    first = run([str(library / "lib")], options).findings
    with contextlib.closing(sqlite3.connect(library / "cache" / cache.FILE_NAME)) as db, db:
        db.execute(f"DROP TABLE {table}")
    loads.clear()
    assert run([str(library / "lib")], options).findings == first
    assert loads == []  # the cache was still used


def test_a_kept_finding_of_a_rule_that_did_not_run_is_not_believed():
    """The decoder knows the rules that ran: a finding naming another rule is damage (its file is
    checked again), never a finding shown with another rule's code."""
    from lint.findings import Fix
    from lint.suppression import Directive

    rules = registry.select(["PL001"])
    decoder = cache.Decoder(rules, Fix, Directive)
    kept = {"findings": [[1, 1, "internal-error", "m", None, ["t", True]]], "directives": [["line", ["x"], 1, 1, 1, 1]]}
    assert decoder.valid(kept)
    [finding] = decoder.findings(kept, "a.md")
    assert (finding.path, finding.code, finding.name, finding.fix) == ("a.md", "PL000", "internal-error", Fix("t", True))
    assert decoder.directives(kept) == [Directive("line", ["x"], 1, 1, 1, 1)]
    other = next(r.name for r in registry.all_rules() if r not in rules)
    assert not decoder.valid({"findings": [[1, 1, other, "m", None, None]], "directives": []})


def test_the_cache_imports_none_of_the_modules_that_use_it():
    """lint.cache stands below the runner: it is given what it needs (the Decoder, the formats)."""
    import ast
    import pathlib

    above = {"registry", "fix", "suppression", "library", "formats", "discovery", "runner", "config", "schema"}
    for path in (pathlib.Path(cache.__file__).parent).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                names = {node.module} if node.module else {a.name for a in node.names}
                assert not names & above, (path.name, names & above)


def test_findings_read_back_are_the_findings_written():
    """Decoder.findings makes a finding without a fix by filling its __dict__: it equals Finding(...)
    field for field (hash, repr, vars, pickling too), on the file's own path and on another."""
    import pickle

    from lint.findings import Finding, Fix
    from lint.suppression import Directive

    rules = registry.select(None)
    decoder = cache.Decoder(rules, Fix, Directive)
    written = [Finding("a.md", 3, 4, rule.code, rule.name, rule.severity, f"message {n}", False)
               for n, rule in enumerate(rules)]
    written.append(Finding("b.md", 1, 2, rules[0].code, rules[0].name, rules[0].severity, "other file", False))
    written.append(Finding("a.md", 5, 6, rules[0].code, rules[0].name, rules[0].severity, "fixed", True, Fix("t", False)))
    kept = cache.results_of(written, [], "a.md")
    assert decoder.valid(kept)
    read = decoder.findings(kept, "a.md")
    assert read == written
    for before, after in zip(written, read):
        assert type(after) is Finding and vars(after) == vars(before) and list(vars(after)) == list(vars(before))
        assert hash(after) == hash(before) and repr(after) == repr(before)
        assert pickle.loads(pickle.dumps(after)) == before
        with pytest.raises(dataclasses.FrozenInstanceError):
            after.line = 0


@pytest.mark.parametrize("value", [b'{"findings":[],"directives":[]}', b"[1,2]", b" [1]", b"[1] ", b"[1]x", b"1",
                                   b"", b"\xef\xbb\xbf[1]", b"\xff\xfe[\x001\x00]\x00", b"\x00[1]", b"[1\x00]",
                                   b'"\\ud800"', b"[" * 100_000, b"NaN", b"[1,]", b"\xc3\xa9", b'"\xc3\xa9"'])
def test_cached_values_are_decoded_as_json_loads_decodes_them(value):
    import json

    from lint.cache import sums

    def outcome(load):
        try:
            return "value", repr(load(value))
        except (ValueError, RecursionError) as exc:
            return "error", type(exc)

    assert outcome(sums.loads) == outcome(json.loads)
