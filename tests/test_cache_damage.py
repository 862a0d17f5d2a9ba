"""A damaged cache is never believed: whatever its bytes, a run reports what a run without it reports,
never crashes, and rewrites what it found damaged.

Each test builds a real cache (a full run, a change, a one-file run: snapshot, rows written since it,
a removed file's `gone` row, the listing, library findings for two sets of files), damages it, then
compares runs on it with runs without a cache: a full run and a run over one or a few files (the
pre-commit case, which reads only the neighbourhood of its files from the cache), each twice.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3

import pytest

from helpers import load_generator, pattern
from lint import cache
from lint.runner import Options, run

# A library in which library rules matter on the files a one-file run checks: a missing reciprocal
# link (on b, found only through who links to b), a dangling link with a did-you-mean (on c), two
# files sharing a slug (dup1, dup2), a generalization cycle (x, y, z), links into c from fillers.
FILES = {
    "a": ("a", "  specializes_to: [b]\n"),
    "b": ("b", "  generalizes_from: []\n"),
    "c": ("c", "  enables: [lantern-harbr]\n"),
    "lantern-harbor": ("lantern-harbor", "  enables: []\n"),
    "dup1": ("twin", "  enables: [c]\n"),
    "dup2": ("twin", "  enables: []\n"),
    "x": ("x", "  specializes_to: [y]\n"),
    "y": ("y", "  specializes_to: [z]\n"),
    "z": ("z", "  specializes_to: [x]\n"),
    **{f"filler{n}": (f"filler{n}", "  enables: [c]\n") for n in range(14)},
}
TARGETS = ("b.md", "c.md", "dup1.md", "x.md")  # few enough of the library for the neighbourhood path


def _typeid(n: int) -> str:
    return f"pat_01kh{n:022d}"


def _age(folder) -> None:
    """Set the folder's time long ago (the listing of a folder changed just now is not kept), a
    different time each time (as a change would)."""
    _age.count = getattr(_age, "count", 0) + 1
    os.utime(folder, ns=(10**18 + _age.count, 10**18 + _age.count))


def _rows(findings, lib) -> list[tuple]:
    return sorted((os.path.relpath(f.path, lib), f.line, f.column, f.name, f.message) for f in findings)


def _options(folder=None) -> Options:
    return Options(cache_dir=None if folder is None else os.fspath(folder), live_fixes=False, jobs=1)


class Case:
    """A library, its pristine cache and the findings of runs without a cache: over the whole library
    ("full"), over a few of its files ("few", as pre-commit passes the files a commit changes) and over
    each of those files alone (by its name)."""

    def __init__(self, lib, pristine, targets):
        self.lib, self.pristine, self.targets = lib, pristine, list(targets)
        self.truth = {kind: _rows(run(self._paths(kind), _options()).findings, lib)
                      for kind in ("full", "few", *targets)}

    def _paths(self, kind: str) -> list[str]:
        return [os.fspath(self.lib)] if kind == "full" else \
            [os.fspath(self.lib / t) for t in (self.targets if kind == "few" else [kind])]

    def copy(self, folder):
        shutil.copytree(self.pristine, folder)
        return folder / cache.FILE_NAME

    def run(self, kind: str, folder) -> list[tuple]:
        result = run(self._paths(kind), _options(folder))
        assert not [f for f in result.findings if f.name == "internal-error"], "the run failed on a file"
        return _rows(result.findings, self.lib)

    def check(self, folder, order=("few", "full", "few", "full")) -> None:
        for number, kind in enumerate(order, 1):
            assert self.run(kind, folder) == self.truth[kind], f"run {number} ({kind}) differs from one without a cache"


def _build(lib, pristine, targets) -> None:
    """A cache as runs leave it: a full run (which saves the snapshot), then a file added and one
    removed (rows written since the snapshot, a `gone` row), then a run over a few files."""
    run([os.fspath(lib)], _options(pristine))
    (lib / "late.md").write_text(pattern("late", _typeid(99), "  enables: [c]\n"))
    (lib / "leaving.md").unlink()
    _age(lib)
    run([os.fspath(lib)], _options(pristine))
    run([os.fspath(lib / t) for t in targets], _options(pristine))


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    root = tmp_path_factory.mktemp("damage")
    lib = root / "lib"
    lib.mkdir()
    for n, (name, (slug, relationships)) in enumerate(sorted({**FILES, "leaving": ("leaving", "  enables: [c]\n")}
                                                              .items())):
        (lib / f"{name}.md").write_text(pattern(slug, _typeid(n), relationships))
    _age(lib)
    _build(lib, root / "pristine", TARGETS)
    made = Case(lib, root / "pristine", TARGETS)
    names = {f[3] for f in made.truth["few"]}
    assert {"missing-reciprocal-link", "dangling-link", "duplicate-slug", "generalization-cycle"} <= names
    assert "did you mean `lantern-harbor`?" in " ".join(f[4] for f in made.truth["few"])
    return made


def _columns(path) -> dict[str, list[str]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")] for table in tables}


def test_the_pristine_cache_holds_every_kind_of_row(case):
    with contextlib.closing(sqlite3.connect(case.pristine / cache.FILE_NAME)) as db:
        for table in ("files", "library", "gone", "snapshot", "listing"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


# Every column of every table, given a value of another type (or another value of its type): the runs
# must still report what a run without a cache reports, and never crash. On the code before the
# cache checked itself, a link name of the wrong type crashed a one-file run and a text one silently
# dropped the missing-reciprocal-link finding; malformed findings crashed every later run.

WRONG = {"null": None, "integer": 7, "real": 2.5, "text": "x", "blob": b"\xff\0"}


@pytest.mark.parametrize("value", list(WRONG))
def test_every_column_with_a_wrong_value_is_not_believed(case, tmp_path, value):
    for table, columns in _columns(case.pristine / cache.FILE_NAME).items():
        for column in columns:
            folder = tmp_path / f"{table}-{column}"
            with contextlib.closing(sqlite3.connect(case.copy(folder))) as db, db:
                try:
                    db.execute(f"UPDATE {table} SET {column} = ?", (WRONG[value],))
                except sqlite3.IntegrityError:  # a rowid: SQLite takes integers only (byte flips below try the rest)
                    continue
            try:
                case.check(folder)
            except AssertionError as exc:
                raise AssertionError(f"{table}.{column} = {WRONG[value]!r}: {exc}") from None


def _resign(db, table: str) -> None:
    """Make every row's checksums match its (damaged) columns again, as a writer with a bug would: then
    only the checks of each value's type and shape stand between the row and the run."""
    if not hasattr(cache, "payload_sums"):
        return  # (the cache kept no checksums)
    if table == "files":
        for rowid, key, hash_, *values in db.execute("SELECT rowid, key, hash, record, results, identity FROM files")\
                .fetchall():
            sums = cache.sums.payload_sums(key, hash_.encode(), *(None if v is None else v.encode() for v in values))
            db.execute("UPDATE files SET record_sum = ?, results_sum = ?, identity_sum = ? WHERE rowid = ?",
                       (*sums, rowid))
    else:
        for rowid, key, findings in db.execute("SELECT rowid, key, findings FROM library").fetchall():
            db.execute("UPDATE library SET sum = ? WHERE rowid = ?", (cache.sums.checksum(b"l", key, findings.encode()), rowid))


@pytest.mark.parametrize("column, value", [
    ("results", '{"findings": [[1]], "directives": []}'),
    ("results", '{"findings": [[1, 1, "dangling-link", 5, null, null]], "directives": []}'),
    ("results", '{"findings": [["1", 1, "dangling-link", "m", null, null]], "directives": []}'),
    ("results", '{"findings": [[1, 1, "no-such-rule", "m", null, null]], "directives": []}'),
    ("results", '{"findings": [], "directives": [["line", "x", 1, 1, 1, 1]]}'),
    ("results", '{"findings": []}'),
    ("record", "{}"),
    ("record", '{"is_pattern": true, "format": "v7", "frontmatter": 5, "frontmatter_line": 1, "positions": [],'
               ' "links": []}'),
    ("record", '{"is_pattern": true, "format": "v7", "frontmatter": {}, "frontmatter_line": 1,'
               ' "positions": [[["slug"], "1", 1, 1, 1]], "links": []}'),
    ("record", '{"is_pattern": true, "format": "v7", "frontmatter": {}, "frontmatter_line": 1, "positions": [],'
               ' "links": [["relationship", "enables", 5, 1, 1, null, 0]]}'),
    ("identity", '[5, null, []]'),
    ("identity", '"x"'),
])
def test_a_row_of_the_wrong_shape_is_not_believed_even_with_matching_checksums(case, tmp_path, column, value):
    folder = tmp_path / "cache"
    with contextlib.closing(sqlite3.connect(case.copy(folder))) as db, db:
        db.execute(f"UPDATE files SET {column} = ?", (value,))
        _resign(db, "files")
    case.check(folder)


@pytest.mark.parametrize("value", ['{"findings": [[1, 1, "dangling-link", 5, "p", null]], "directives": []}',
                                   '{"findings": [["1", 1, "dangling-link", "m", "p", null]], "directives": []}',
                                   '{"findings": [[1, 1, "dangling-link", "m", "p", ["t", 5]]], "directives": []}'])
def test_library_findings_of_the_wrong_shape_are_not_believed(case, tmp_path, value):
    folder = tmp_path / "cache"
    with contextlib.closing(sqlite3.connect(case.copy(folder))) as db, db:
        db.execute("UPDATE library SET findings = ?", (value,))
        _resign(db, "library")
    case.check(folder, order=("full", "few", "full", "few"))


# One changed value in a lookup table, of the right type: the lookup of a one-file run misses a
# neighbour, which the code before silently believed (a finding dropped, or a link taken for dangling).

def test_a_changed_name_in_the_lookup_tables_is_caught(case, tmp_path):
    columns = _columns(case.pristine / cache.FILE_NAME)
    changed = 0
    for table in [t for t in ("names", "links", "refs") if t in columns]:
        with contextlib.closing(sqlite3.connect(case.pristine / cache.FILE_NAME)) as db:
            rowids = [r for (r,) in db.execute(f"SELECT rowid FROM {table}")]
        for rowid in rowids:
            folder = tmp_path / f"{table}-{rowid}"
            with contextlib.closing(sqlite3.connect(case.copy(folder))) as db, db:
                db.execute(f"UPDATE {table} SET name = CAST(name || 'q' AS BLOB) WHERE rowid = ?", (rowid,))
            assert case.run("few", folder) == case.truth["few"], f"{table} row {rowid}"
            changed += 1
    assert changed > 20


def _table_stamps(path) -> dict:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {row[0]: tuple(row[1:]) for row in db.execute(cache.stamps.QUERY)}


def _buckets_add_up(path) -> bool:
    """Whether every bucket of lookup rows has the XOR of its rows' hashes that is kept beside it."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        totals: dict[int, int] = {}
        for key, name, kind in db.execute("SELECT key, name, type FROM refs"):
            bucket = cache.sums.bucket(name, kind)
            totals[bucket] = totals.get(bucket, 0) ^ cache.sums.ref_hash(key, name, kind)
        kept = dict(db.execute("SELECT bucket, total FROM digests"))
    return all(kept.get(bucket, 0) == total for bucket, total in totals.items()) and \
        all(totals.get(bucket, 0) == total for bucket, total in kept.items())


def test_lookup_rows_that_do_not_add_up_are_made_again_by_the_run_that_found_them(case, tmp_path, monkeypatch):
    from lint import runner

    folder = tmp_path / "cache"
    path = case.copy(folder)
    assert _buckets_add_up(path)
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE refs SET name = CAST('twinq' AS BLOB) WHERE name = CAST('twin' AS BLOB)")
    assert not _buckets_add_up(path)
    assert case.run("dup1.md", folder) == case.truth["dup1.md"]
    assert _buckets_add_up(path)
    loaded_all = []
    real = runner._outcomes
    monkeypatch.setattr(runner, "_outcomes", lambda paths, *a, **k: loaded_all.append(len(paths)) or real(paths, *a, **k))
    assert case.run("dup1.md", folder) == case.truth["dup1.md"]
    assert max(loaded_all) == 1, "the run loaded the whole library: its lookups still do not add up"


def test_a_write_between_the_two_reads_of_a_lookup_is_no_damage(case, tmp_path, monkeypatch):
    """A run's lookup reads a bucket's rows, then its total: another run (pre-commit's batches run
    side by side) that writes in between must not make the bucket look damaged."""
    from lint import runner

    lib = tmp_path / "lib"
    shutil.copytree(case.lib, lib)
    folder = tmp_path / "cache"
    run([os.fspath(lib)], _options(folder))
    real_many = cache.Cache._many
    other = lib / "dup2.md"

    def many(self, sql, *args):
        out = real_many(self, sql, *args)
        if sql.startswith("SELECT rowid, key, name, type FROM refs") and not many.done:
            many.done = True
            other.write_text(other.read_text().replace("slug: twin", "slug: twin2"))
            run([os.fspath(other)], _options(folder))  # its rows leave the bucket of `twin`
        return out

    many.done = False
    monkeypatch.setattr(cache.Cache, "_many", many)
    loaded = []
    real = runner._outcomes
    monkeypatch.setattr(runner, "_outcomes", lambda paths, *a, **k: loaded.append(len(paths)) or real(paths, *a, **k))
    run([os.fspath(lib / "dup1.md")], _options(folder))
    assert many.done
    assert max(loaded) == 1, "the bucket looked damaged: the run loaded the whole library"


def test_a_damaged_snapshot_is_not_believed(case, tmp_path):
    """Any byte of the packed stamps changed (a file's size, times, hash or flags, a key): the stamps a
    run loads are still exactly the files table's (the snapshot is not used), so no file is taken for
    unchanged and the library's patterns are counted right."""
    from lint import registry

    folder = tmp_path / "cache"
    path = case.copy(folder)
    with contextlib.closing(sqlite3.connect(path)) as db:
        blob = db.execute("SELECT stamps FROM snapshot").fetchone()[0]
    table = _table_stamps(path)
    config = Options().config
    rules = tuple(registry.select(config.select, config.extend_select, config.ignore))
    for offset in range(0, len(blob), 7):
        damaged = bytearray(blob)
        damaged[offset] ^= 0x01
        with contextlib.closing(sqlite3.connect(path)) as db, db:
            db.execute("UPDATE snapshot SET stamps = ?", (bytes(damaged),))
        store = cache.Cache(os.fspath(folder), config, rules, {})
        store.close()
        assert store.stamps == table, f"byte {offset} of {len(blob)}"
    case.check(folder, order=("few", "full"))


def test_a_listing_that_lost_a_file_is_not_believed(case, tmp_path):
    """The kept listing, one file shorter (its paths and keys still agree): before, the run believed
    it and counted one pattern less, and a link to that file dangled."""
    folder = tmp_path / "cache"
    with contextlib.closing(sqlite3.connect(case.copy(folder))) as db, db:
        paths, keys = db.execute("SELECT paths, keys FROM listing").fetchone()
        db.execute("UPDATE listing SET paths = ?, keys = ?", (b"\0".join(paths.split(b"\0")[:-1]),
                                                             b"\0".join(keys.split(b"\0")[:-1])))
    case.check(folder)


# A damaged row is rewritten by the run that found it: the next run reads no file again.

@pytest.mark.parametrize("kind, column, name, old, new", [
    ("few", "record", "a.md", "specializes_to", "specializes_tx"),  # its link to b, of another type
    ("few", "record", "dup2.md", '"twin"', '"twim"'),  # its slug
    ("full", "results", "dup1.md", "does not match slug", "does not match slux"),  # a finding's message
    ("few", "identity", "lantern-harbor.md", "lantern-harbor", "lantern-harbxr"),  # the slug did-you-mean offers
    ("few", "size", "a.md", None, None),  # its stamp
])
def test_a_damaged_row_is_rewritten_by_the_run_that_found_it(case, tmp_path, loads, kind, column, name, old, new):
    """A value changed in place, still well formed (the code before believed it, and kept it)."""
    folder = tmp_path / "cache"
    key = cache.key_of(os.fspath(case.lib / name))
    with contextlib.closing(sqlite3.connect(case.copy(folder))) as db, db:
        if column == "size":  # as if a byte of it flipped
            changed = db.execute("UPDATE files SET size = size + 1 WHERE key = ?", (key,)).rowcount
            db.execute("DELETE FROM snapshot")  # every stamp is read from the rows
        else:
            changed = db.execute(f"UPDATE files SET {column} = replace({column}, ?, ?) WHERE key = ? AND "
                                 f"instr({column}, ?)", (old, new, key, old)).rowcount
    assert changed == 1
    assert case.run(kind, folder) == case.truth[kind]
    assert name in loads
    loads.clear()
    assert case.run(kind, folder) == case.truth[kind]
    assert loads == [], "the damaged row was not written again"


def test_a_stale_snapshot_whose_gone_rows_were_lost_is_not_believed(tmp_path):
    """Two libraries share one cache folder: each run forgets the other library's files (their rows
    go, and `gone` rows say so, since the snapshot still has them). With those `gone` rows lost, the
    snapshot's stamps of unchanged files must not be believed: their lookup rows are gone."""
    one, two = tmp_path / "one", tmp_path / "two"
    for lib in (one, two):
        lib.mkdir()
        for n, (name, (slug, relationships)) in enumerate(sorted(FILES.items())):
            (lib / f"{name}.md").write_text(pattern(slug, _typeid(n), relationships))
        _age(lib)
    shared = tmp_path / "cache"
    run([os.fspath(one)], _options(shared))
    run([os.fspath(two)], _options(shared))  # forgets one's files
    with contextlib.closing(sqlite3.connect(shared / cache.FILE_NAME)) as db, db:
        assert db.execute("SELECT count(*) FROM gone").fetchone()[0] > 0
        db.execute("DELETE FROM gone")
    targets = [os.fspath(one / t) for t in TARGETS]
    for _ in range(2):
        assert _rows(run(targets, _options(shared)).findings, one) == _rows(run(targets, _options()).findings, one)


def test_a_row_written_after_the_snapshot_that_a_run_does_not_see_is_not_believed(case, tmp_path):
    """A file changed after the snapshot, then changed back: if the newer row is missed (a damaged
    index of rows by generation), the snapshot's stamp matches the file again, but the lookup rows
    are those of the newer content. A file whose bytes match an older stamp is checked against its row."""
    lib = tmp_path / "lib"
    shutil.copytree(case.lib, lib)
    folder = tmp_path / "cache"
    run([os.fspath(lib)], _options(folder))  # the snapshot: lantern-harbor as it is
    harbor = lib / "lantern-harbor.md"
    original = harbor.read_text()
    harbor.write_text(original.replace("slug: lantern-harbor", "slug: lantern-harbour"))
    run([os.fspath(lib)], _options(folder))  # its row, written since the snapshot, names lantern-harbour
    with contextlib.closing(sqlite3.connect(folder / cache.FILE_NAME)) as db, db:
        db.execute("UPDATE files SET generation = 0 WHERE key = ?", (cache.key_of(os.fspath(harbor)),))
    harbor.write_text(original)
    targets = [os.fspath(lib / t) for t in TARGETS]
    assert _rows(run(targets, _options(folder)).findings, lib) == _rows(run(targets, _options()).findings, lib)


# An edit that keeps the file's size and modification time (`touch -d` back to the old time) is seen:
# the change time, inode and device are compared too, as git does.

@pytest.mark.parametrize("kind", ["full", "few"])
def test_an_edit_that_keeps_size_and_time_is_seen(case, tmp_path, kind):
    lib = tmp_path / "lib"
    shutil.copytree(case.lib, lib)
    folder = tmp_path / "cache"
    targets = [os.fspath(lib / t) for t in TARGETS]
    paths = [os.fspath(lib)] if kind == "full" else targets
    before = _rows(run(paths, _options(folder)).findings, lib)
    c = lib / "c.md"
    info = c.stat()
    text = c.read_text()
    edited = text.replace("status: stable", "status: stabel")
    assert edited != text and len(edited) == len(text)
    c.write_text(edited)
    os.utime(c, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (c.stat().st_size, c.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    after = _rows(run(paths, _options(folder)).findings, lib)
    assert after == _rows(run(paths, _options()).findings, lib)
    assert "unknown-vocabulary" in {f[3] for f in after} - {f[3] for f in before}


# Random bytes flipped anywhere in a real cache of a generated library.

generator = load_generator()
FLIP_SEEDS = 50
FLIP_COUNTS = (1, 2, 4, 8, 16, 64, 200)  # bytes flipped, by seed


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("flips")
    lib = root / "lib"
    generator.generate(200, os.fspath(lib), seed=11)  # (every kind of defect from 200 files)
    (lib / "manifest.json").unlink(missing_ok=True)
    names = sorted(p.name for p in lib.glob("*.md"))
    # beside the generator's own defects: a duplicate slug, a dangling link with a did-you-mean, links in
    for n, (name, (slug, relationships)) in enumerate(sorted(FILES.items())):
        if name in ("dup1", "dup2", "c", "lantern-harbor", "a", "b", "x", "y", "z"):
            (lib / f"{name}.md").write_text(pattern(slug, _typeid(n), relationships))
    (lib / "leaving.md").write_text(pattern("leaving", _typeid(98), "  enables: [c]\n"))
    targets = [*TARGETS, names[len(names) // 2]]
    _age(lib)
    _build(lib, root / "pristine", targets)
    return Case(lib, root / "pristine", targets)


@pytest.mark.parametrize("seed", range(FLIP_SEEDS))
def test_random_bytes_flipped_in_the_cache_change_no_finding(generated, tmp_path, seed):
    folder = tmp_path / "cache"
    path = generated.copy(folder)
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for _ in range(FLIP_COUNTS[seed % len(FLIP_COUNTS)]):
        data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    one = generated.targets[seed % len(generated.targets)]  # a one-file run (pre-commit), of each target in turn
    generated.check(folder, order=(one, "full", one, "full") if seed % 2 else ("full", one, "full", one))
