"""lint.files: the one reader of the program (document.load's and the cache's), and what
document.load says about a file it refused."""

import os
import socket
import sys

import pytest

from lint import document, files

needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc/self/fd")


def _problems(path, **options):
    doc = document.load(os.fspath(path), **options)
    return [(name, p.line, p.column, p.message) for name, p in doc.problems]


def test_a_regular_file_within_the_limit_is_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\nid: x\n---\n")
    assert files.read(os.fspath(path), 100) == b"---\nid: x\n---\n"
    assert files.read_or_none(os.fspath(path), 100) == b"---\nid: x\n---\n"


def test_a_file_over_the_limit_is_refused_with_its_size_and_not_read(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 101)
    with pytest.raises(files.TooLarge) as raised:
        files.read(os.fspath(path), 100)
    assert (raised.value.size, raised.value.grew) == (101, False)
    assert files.read_or_none(os.fspath(path), 100) is None
    assert [p[:3] for p in _problems(path, max_size=100)] == [("file-too-large", 1, 1)]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_a_file_over_the_limit_that_cannot_be_opened_is_still_too_large(tmp_path):
    """As a stat before opening said: the size is known without reading."""
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 101)
    path.chmod(0)
    try:
        assert [p[:3] for p in _problems(path, max_size=100)] == [("file-too-large", 1, 1)]
        (tmp_path / "b.md").write_bytes(b"x")
        (tmp_path / "b.md").chmod(0)
        assert [p[0] for p in _problems(tmp_path / "b.md")] == ["unreadable-file"]
        assert "Permission denied" in _problems(tmp_path / "b.md")[0][3]
    finally:
        path.chmod(0o644)
        (tmp_path / "b.md").chmod(0o644)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 10)
    monkeypatch.setattr(files, "read_at_most", lambda handle, limit, size=None: b"y" * (limit + 1))
    with pytest.raises(files.TooLarge) as raised:
        files.read(os.fspath(path), 100)
    assert raised.value.grew
    assert [p[0] for p in _problems(path, max_size=100)] == ["file-too-large"]
    assert "grew past the limit" in _problems(path, max_size=100)[0][3]


def test_a_missing_file_is_unreadable_with_the_reason(tmp_path):
    with pytest.raises(FileNotFoundError):
        files.read(os.fspath(tmp_path / "gone.md"), 100)
    [(name, line, column, message)] = _problems(tmp_path / "gone.md")
    assert (name, line, column) == ("unreadable-file", 1, 1)
    assert "No such file or directory" in message


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no UNIX sockets")
def test_a_socket_that_cannot_be_opened_is_not_a_regular_file(tmp_path):
    path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(os.fspath(path))
    except OSError:
        pytest.skip("cannot bind a UNIX socket here")
    try:
        with pytest.raises(files.NotRegular):
            files.read(os.fspath(path), 100)
        [(name, _, _, message)] = _problems(path)
        assert name == "unreadable-file" and message.startswith("not a regular file")
    finally:
        server.close()


@needs_proc
def test_a_folder_is_refused_without_leaving_its_descriptor_open(tmp_path):
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        assert files.read_or_none(os.fspath(tmp_path), 100) is None
    assert len(os.listdir("/proc/self/fd")) <= before
