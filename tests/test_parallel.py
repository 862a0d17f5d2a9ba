"""Checking files in worker processes (lint/parallel.py) gives what checking them here gives."""

from __future__ import annotations

import io
import os
import shlex
import shutil
import sys

import pytest

from helpers import load_generator
from lint import parallel
from lint.cli import main
from lint.config import Config
from lint.runner import Options, run

PARENT = os.getpid()  # the test process; workers forked from it have another pid
CRASHING = "file-37.md"


generator = load_generator()


def _items(count: int = 100) -> list[tuple[str, bytes]]:
    return [(f"file-{i}.md", bytes([i % 251]) * (i + 1)) for i in range(count)]


# Module-level functions: the workers inherit them by forking.

def _describe(path: str, data: bytes, factor: int, suffix: str) -> tuple:
    return path.upper() + suffix, len(data) * factor, data[:1]


def _pid(path: str, data: bytes) -> int:
    return os.getpid()


def _dies_on(path: str, data: bytes, crashing: frozenset) -> int:
    if path in crashing and os.getpid() != PARENT:
        os._exit(1)  # what a segfault in a native library looks like to the pool
    return len(data)


# --- map_files ------------------------------------------------------------------------------------------------------


def test_parallel_results_are_the_serial_results_in_input_order():
    items = _items(100)
    serial = list(parallel.map_files(_describe, items, (3, "!"), jobs=1))
    calls = []
    forked = list(parallel.map_files(_describe, items, (3, "!"), progress=lambda d, t: calls.append((d, t)), jobs=2))
    assert forked == serial
    assert [path for path, _ in forked] == [path for path, _ in items]
    assert forked[5] == ("file-5.md", ("FILE-5.MD!", 18, b"\x05"))  # args passed through
    assert calls[-1] == (100, 100)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and {t for _, t in calls} == {100}


def test_jobs_two_really_uses_worker_processes():
    pids = [pid for _, pid in parallel.map_files(_pid, _items(100), (), jobs=2)]
    assert len(pids) == 100
    assert PARENT not in pids
    assert [pid for _, pid in parallel.map_files(_pid, _items(100), (), jobs=1)] == [PARENT] * 100


def test_workers_one_below_min_files(monkeypatch):
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert parallel.workers(0) == 1
    assert parallel.workers(parallel.MIN_FILES - 1) == 1
    assert parallel.workers(parallel.MIN_FILES) == 2


def test_workers_never_more_than_the_cores(monkeypatch):
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert parallel.workers(100_000) == 3
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0})
    assert parallel.workers(100_000) == 1
    monkeypatch.undo()
    assert 1 <= parallel.workers(100_000) <= len(os.sched_getaffinity(0))


def test_workers_honours_an_explicit_request(monkeypatch):
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.workers(10, 3) == 3  # even below MIN_FILES, even above the cores
    assert parallel.workers(100_000, 1) == 1
    assert parallel.workers(100_000, 0) == 1  # nonsense is one process, not an error
    assert parallel.workers(2, 8) == 2  # never more processes than files


def test_no_worker_processes_where_fork_is_unsafe(monkeypatch):
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel.workers(100_000) == 1
    assert parallel.workers(100_000, 4) == 1


def test_a_dying_worker_does_not_end_the_run():
    items = _items(100)
    got = list(parallel.map_files(_dies_on, items, (frozenset({CRASHING}),), jobs=2,
                                  crashed=lambda path: ("crashed", path)))
    expected = [(path, ("crashed", path) if path == CRASHING else len(data)) for path, data in items]
    assert got == expected


def test_two_dying_workers_each_reported_and_the_rest_checked():
    items = _items(100)
    crashing = frozenset({"file-3.md", "file-90.md"})
    calls = []
    got = list(parallel.map_files(_dies_on, items, (crashing,), progress=lambda d, t: calls.append(d), jobs=2,
                                  crashed=lambda path: "crashed"))
    assert got == [(path, "crashed" if path in crashing else len(data)) for path, data in items]
    assert calls[-1] == 100


def test_a_file_whose_worker_dies_stays_in_the_library(tmp_path, monkeypatch):
    """Its links are not lost to the others: nothing dangles because one file could not be checked."""
    from lint import runner

    folder = tmp_path / "lib"
    generator.generate(100, os.fspath(folder), seed=3, defects=False)
    victim = sorted(p.name for p in folder.glob("*.md"))[10]
    real = runner._check_one

    def dies(path, data, *args):
        if os.path.basename(path) == victim and os.getpid() != PARENT:
            os._exit(1)
        return real(path, data, *args)

    monkeypatch.setattr(runner, "_check_one", dies)
    result = run([os.fspath(folder)], Options(live_fixes=False, jobs=2))
    assert [(os.path.basename(f.path), f.name) for f in result.findings] == [(victim, "internal-error")]
    assert (result.summary.files, result.summary.patterns) == (100, 100)


# --- run() ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """(folder, manifest) of a generated library of 150 patterns with injected defects."""
    folder = tmp_path_factory.mktemp("parallel") / "lib"
    manifest = generator.generate(150, os.fspath(folder), seed=3)
    return folder, manifest


_SOURCE = Config(confidence_source="frontmatter")


@pytest.fixture(scope="module")
def runs(generated):
    """The library checked in one process, in two workers, and with live fixes; and the processes
    each map_files call used, as (files, processes)."""
    folder, _ = generated
    used = []
    workers = parallel.workers

    def spy(count, requested=None):
        used.append((count, workers(count, requested)))
        return used[-1][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "workers", spy)
        # confidence-source: the confidence-mismatch fix is offered only when a side is named
        serial = run([os.fspath(folder)], Options(live_fixes=False, jobs=1, config=_SOURCE))
        forked = run([os.fspath(folder)], Options(live_fixes=False, jobs=2, config=_SOURCE))
        live = run([os.fspath(folder)], Options(config=_SOURCE))  # live fixes: checked here, whatever the jobs
    return {"serial": serial, "forked": forked, "live": live, "used": used}


def _rows(result) -> list[dict]:
    return [f.as_dict() for f in result.findings]


def _fixes(result) -> list:
    return [(f.path, f.line, f.name, f.fixable, f.fix and (f.fix.title, f.fix.safe)) for f in result.findings]


def test_run_in_workers_finds_what_a_run_in_one_process_finds(generated, runs):
    _, manifest = generated
    serial, forked, live = runs["serial"], runs["forked"], runs["live"]
    assert [processes for files, processes in runs["used"] if files] == [1, 2, 1]  # the index pass has no files
    assert len(serial.findings) == len(manifest) == 8  # the generator's defects, so something was compared
    assert _rows(forked) == _rows(serial)
    assert forked.summary == serial.summary
    assert forked.summary.as_dict() == {"files": 150, "patterns": 150, "skipped": 0, "errors": 7, "warnings": 1}
    assert _rows(live) == _rows(serial)
    assert live.summary == serial.summary
    assert forked.internal_errors == serial.internal_errors == live.internal_errors == 0


def test_findings_from_workers_still_say_which_fixes_exist(runs):
    forked, live = runs["forked"], runs["live"]
    assert _fixes(forked) == _fixes(live)
    assert _fixes(runs["serial"]) == _fixes(live)
    fixable = {f.name: f for f in forked.findings if f.fixable}
    assert set(fixable) == {"overall-score-mismatch", "confidence-mismatch"}
    assert fixable["overall-score-mismatch"].fix.safe is True
    assert fixable["confidence-mismatch"].fix.safe is False
    assert all(f.fix.title for f in fixable.values())
    assert all(f.fix is None for f in forked.findings if not f.fixable)


def test_text_report_of_a_parallel_run_marks_fixable_findings(generated):
    folder, manifest = generated
    out = io.StringIO()
    config = folder.parent / "confidence-source.toml"  # the confidence-mismatch fix needs a side named
    config.write_text('confidence-source = "frontmatter"\n', encoding="utf-8")
    code = main([os.fspath(folder), "--jobs", "2", "--no-cache", "--config", os.fspath(config)], stdout=out)
    lines = out.getvalue().splitlines()
    assert code == 1
    (score,) = [e for e in manifest if e["rule"] == "overall-score-mismatch"]
    (stars,) = [e for e in manifest if e["rule"] == "confidence-mismatch"]
    score_line = [line for line in lines if line.startswith(f"{folder}/{score['path']}:{score['line']}:")]
    stars_line = [line for line in lines if line.startswith(f"{folder}/{stars['path']}:{stars['line']}:")]
    assert len(score_line) == 1 and "[overall-score-mismatch]" in score_line[0]
    assert score_line[0].endswith(" (fixable with --fix)")
    assert len(stars_line) == 1 and stars_line[0].endswith(" (fixable with --unsafe-fixes)")
    assert sum(line.endswith(")") and "(fixable with" in line for line in lines) == 2
    assert lines[-1] == "1 fixable with --fix (1 more with --fix --unsafe-fixes)."


# --- the workers end with the run ----------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux: /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc") or not parallel.sys.platform.startswith("linux"),
                    reason="workers are forked on Linux only; /proc lists them")
def test_workers_end_when_the_run_is_killed(tmp_path):
    """A SIGKILL of the linter (a CI job cancelled, a pre-commit run stopped) leaves no worker behind."""
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "library"
    generator.generate(400, os.fspath(folder), seed=3, defects=True)
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    run_ = subprocess.Popen([sys.executable, "-m", "lint", "--no-cache", "--jobs", "2", "-q", os.fspath(folder)],
                            cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and run_.poll() is None and time.monotonic() < deadline:
            workers |= _children(run_.pid)
            time.sleep(0.01)
        assert len(workers) >= 2 and run_.poll() is None, "the run ended before its workers could be seen"
        os.kill(run_.pid, signal.SIGKILL)
        run_.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        for pid in workers:  # the processes this test started, should they have outlived it
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if run_.poll() is None:
            run_.kill()


@pytest.mark.skipif(not os.path.isdir("/proc") or not hasattr(os, "fork"), reason="needs fork and /proc")
@pytest.mark.parametrize("prctl", [True, False], ids=["prctl", "watching-thread"])
def test_a_worker_ends_when_its_parent_dies(monkeypatch, prctl):
    """The initializer on its own, with prctl and with the thread that stands in where prctl cannot be
    set: a middle process starts a worker and is killed; the worker must end."""
    import ctypes
    import signal
    import time

    if not prctl:
        monkeypatch.setattr(ctypes, "CDLL", lambda *a, **k: (_ for _ in ()).throw(OSError("no libc here")))
    read, write = os.pipe()
    middle = os.fork()
    if middle == 0:  # the linter's process
        try:
            worker = os.fork()
            if worker == 0:
                parallel._end_with(os.getppid())
                time.sleep(60)  # a worker waiting on its queue
                os._exit(0)
            os.write(write, str(worker).encode())
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write)
    worker = int(os.read(read, 20))
    os.close(read)
    try:
        time.sleep(0.2)  # the worker has set itself up
        assert _alive(worker)
        os.kill(middle, signal.SIGKILL)
        os.waitpid(middle, 0)
        deadline = time.monotonic() + 5
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)


# --- no workers to be had ------------------------------------------------------------------------------------------


def _no_semaphores(monkeypatch):
    """What a read-only (or missing) /dev/shm does: a lock or queue cannot be made."""
    import multiprocessing.synchronize

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(multiprocessing.synchronize.SemLock, "__init__", refuse)


def test_without_semaphores_files_are_checked_in_this_process(monkeypatch):
    _no_semaphores(monkeypatch)
    calls = []
    found = list(parallel.map_files(_pid, _items(100), (), progress=lambda d, t: calls.append(d), jobs=2))
    assert [path for path, _ in found] == [path for path, _ in _items(100)]
    assert {pid for _, pid in found} == {PARENT}
    assert calls == list(range(1, 101))


@pytest.mark.parametrize("refused", [1, 2], ids=["first-worker", "second-worker"])
def test_when_a_worker_cannot_be_forked_files_are_checked_in_this_process(monkeypatch, refused):
    """And a worker forked before the one refused is stopped (this process would wait for it at exit)."""
    import multiprocessing
    import multiprocessing.popen_fork

    launch, launched = multiprocessing.popen_fork.Popen._launch, []

    def refuse(self, process_obj):
        launched.append(self)
        if len(launched) == refused:
            raise OSError(11, "Resource temporarily unavailable")  # fork: no processes left
        return launch(self, process_obj)

    monkeypatch.setattr(multiprocessing.popen_fork.Popen, "_launch", refuse)
    found = list(parallel.map_files(_describe, _items(100), (3, "!"), jobs=2))
    assert found == list(parallel.map_files(_describe, _items(100), (3, "!"), jobs=1))
    assert len(launched) == refused
    assert multiprocessing.active_children() == []


def test_without_semaphores_a_run_gives_the_findings_of_one_process(generated, runs, monkeypatch, capsys):
    folder, _ = generated
    _no_semaphores(monkeypatch)
    forked = run([os.fspath(folder)], Options(live_fixes=False, jobs=2, config=_SOURCE))
    assert _rows(forked) == _rows(runs["serial"])
    out = io.StringIO()
    assert main([os.fspath(folder), "--jobs", "2", "--no-cache", "--format", "json"], stdout=out) == 1
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("unshare"), reason="needs unshare(1)")
def test_with_a_read_only_dev_shm_the_run_checks_in_one_process(generated, tmp_path):
    """The real thing, where a mount namespace can be had: /dev/shm mounted read-only."""
    import subprocess

    folder, _ = generated
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    command = (f"mount -t tmpfs -o ro tmpfs /dev/shm && exec {shlex.quote(sys.executable)} -m lint --no-cache "
               f"--jobs 2 --format json {shlex.quote(os.fspath(folder))}")
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", command],
                          capture_output=True, text=True, cwd=repo, timeout=300)
    if done.returncode not in (0, 1) and ("unshare" in done.stderr or "mount" in done.stderr) \
            and "Traceback" not in done.stderr:
        pytest.skip(f"no mount namespace here: {done.stderr.strip()[:200]}")
    assert done.returncode == 1, done.stderr[-3000:]
    assert done.stderr == ""
    expected = io.StringIO()
    main([os.fspath(folder), "--jobs", "1", "--no-cache", "--format", "json"], stdout=expected)
    assert done.stdout == expected.getvalue()
