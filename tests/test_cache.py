"""The library index cache: a one-file run reads the rest of the library from it, and never trusts it blindly."""

from __future__ import annotations

import io
import json
import os

import pytest

from helpers import STANDALONE, edit
from lint import cache
from lint.cli import main
from lint.runner import Options, run

BETA_ID = "pat_01khvcxczrfztsmcf9fgrgy593"


def _pattern(slug: str, id: str, enables: str = "[]") -> str:
    text = edit(edit(STANDALONE, "slug: transparent-ledger", f"slug: {slug}"), "id: pat_01khm0pp0qw6rb1r861rg6dfh1",
                f"id: {id}")
    return edit(text, "  enables: []", f"  enables: {enables}")


@pytest.fixture
def library(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "alpha.md").write_text(_pattern("alpha", "pat_01khvcxd2eemjtdcran0mzqtv1", "[beta, gamma]"))
    (tmp_path / "lib" / "beta.md").write_text(_pattern("beta", BETA_ID))
    return tmp_path


@pytest.fixture
def loads(monkeypatch):
    """Paths parsed from disk during a run."""
    from lint import document

    seen: list[str] = []
    real = document.load

    def counting(path, **kw):
        seen.append(os.path.basename(path))
        return real(path, **kw)

    monkeypatch.setattr("lint.runner.document.load", counting)
    return seen


def _dangling(findings):
    return sorted(f.message.split("`")[3] for f in findings if f.name == "dangling-link")


def test_second_run_reads_the_library_from_the_cache(library, loads):
    options = Options(cache_dir=str(library / "cache"))
    first = run([str(library / "lib" / "alpha.md")], options).findings
    assert sorted(loads) == ["alpha.md", "beta.md"]
    loads.clear()
    second = run([str(library / "lib" / "alpha.md")], options).findings
    assert loads == ["alpha.md"]  # the file checked is always parsed; beta came from the cache
    assert second == first
    assert _dangling(second) == ["gamma"]


def test_a_changed_file_is_read_again(library, loads):
    options = Options(cache_dir=str(library / "cache"))
    run([str(library / "lib" / "alpha.md")], options)
    beta = library / "lib" / "beta.md"
    beta.write_text(_pattern("gamma", BETA_ID))  # beta renamed itself gamma
    os.utime(beta, ns=(os.stat(beta).st_atime_ns, os.stat(beta).st_mtime_ns + 10**9))
    loads.clear()
    findings = run([str(library / "lib" / "alpha.md")], options).findings
    assert loads == ["alpha.md", "beta.md"]
    assert _dangling(findings) == []  # beta resolves by its file name, gamma by its new slug


@pytest.mark.parametrize("content", ["not json", json.dumps({"version": "0.0.0:old", "files": {}}), "[]"])
def test_a_broken_or_foreign_cache_is_ignored_and_rewritten(library, loads, content):
    folder = library / "cache"
    folder.mkdir()
    (folder / cache.FILE_NAME).write_text(content)
    findings = run([str(library / "lib" / "alpha.md")], Options(cache_dir=str(folder))).findings
    assert sorted(loads) == ["alpha.md", "beta.md"]
    assert _dangling(findings) == ["gamma"]
    assert json.loads((folder / cache.FILE_NAME).read_text())["version"].startswith(cache._version() + ":")


def test_cache_folder_is_ignored_by_git(library):
    run([str(library / "lib" / "alpha.md")], Options(cache_dir=str(library / "cache")))
    assert (library / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_command_line_uses_the_cache_folder_unless_told_not_to(library, monkeypatch):
    folder = library / "from-env"
    monkeypatch.setenv("PATTERN_LINT_CACHE_DIR", str(folder))
    main(["--no-cache", str(library / "lib" / "alpha.md")], stdout=io.StringIO())
    assert not folder.exists()
    main([str(library / "lib" / "alpha.md")], stdout=io.StringIO())
    assert (folder / cache.FILE_NAME).is_file()


def test_an_unwritable_cache_folder_is_no_error(library):
    blocker = library / "file-in-the-way"
    blocker.write_text("")
    findings = run([str(library / "lib" / "alpha.md")], Options(cache_dir=str(blocker / "cache"))).findings
    assert _dangling(findings) == ["gamma"]
