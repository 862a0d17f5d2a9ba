"""Checking many files on all cores.

Files are checked in worker processes forked from this one (they inherit the loaded rules,
formats and compiled schemas, so nothing is imported or compiled again) when there are enough
files to pay for the start-up; results come back in chunks, in order. Where `fork` is not
available (Windows, and macOS where it is unsafe), or where the system gives no workers (a
read-only or missing /dev/shm leaves no semaphores for the pool's queues; no process left to
fork), files are checked in this process, with the same findings. Workers end when the linter
does, even when it is killed outright (see _end_with).

A worker that dies (a crash in a native library) is not allowed to take the run with it: the
files not yet done are checked again one at a time in a fresh worker, so the file that kills
a worker is found and reported, and every other file is still checked (without parallelism
for the rest of that run: a crash is rare, and finding the file matters more).
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Iterable, Iterator

# multiprocessing and concurrent.futures are imported only when workers are used: a one-file
# pre-commit run should not pay their 25 ms of imports.

MIN_FILES = 64  # fewer files are checked in this process: the workers would cost more than they save
_task: tuple[Callable, tuple] | None = None  # set before the workers fork, so they inherit it


def workers(count: int, requested: int | None = None) -> int:
    if sys.platform != "linux":
        return 1
    if requested is not None:
        return max(1, min(requested, count))
    if count < MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, count // (MIN_FILES // 2)))


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when the thread that forked it ends


def _end_with(parent: int) -> None:
    """Each worker's initializer: end the worker when the linter that forked it dies. A SIGKILL (a
    cancelled CI job, a stopped hook) gives the linter no chance to shut its pool down, and its
    workers would wait on their queue for ever. Linux delivers a SIGKILL on the parent's death
    (prctl PR_SET_PDEATHSIG; the pool is made and used by one thread, so that thread is the linter's
    life); where that cannot be set, a thread watches for the parent to change. A parent already gone
    before either was in place is seen at once."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        set_up = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        set_up = False
    if not set_up:
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, name="pattern-lint parent watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _pool(count: int):
    """A pool of `count` forked workers; None when this system cannot make one. A queue needs a
    semaphore, which lives in /dev/shm: where that is read-only or missing (some containers and
    sandboxes), or semaphores are not implemented, the files are checked in this process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"), initializer=_end_with,
                                   initargs=(os.getpid(),))
    except (OSError, ImportError):
        return None


def _run_chunk(chunk: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    func, args = _task
    return [(path, func(path, data, *args)) for path, data in chunk]


def map_files(func: Callable, items: list[tuple[str, Any]], args: tuple, progress: Callable | None = None,
              jobs: int | None = None, crashed: Callable[[str], Any] | None = None) -> Iterator[tuple[str, Any]]:
    """(path, func(path, data, *args)) for each (path, data) in `items`, in order."""
    count = workers(len(items), jobs)
    if count > 1:
        import multiprocessing
        from concurrent.futures.process import BrokenProcessPool
    pool = _pool(count) if count > 1 and "fork" in multiprocessing.get_all_start_methods() else None
    if pool is None:
        yield from _here(func, items, args, progress, 0, len(items))
        return
    global _task
    _task = (func, args)
    size = max(1, min(32, len(items) // (count * 8)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    finished = done = 0
    mapped = None
    try:
        with pool:
            try:
                mapped = pool.map(_run_chunk, chunks)  # forks the workers
            except OSError:  # a worker could not be forked (no processes left, no memory): check them here
                _end_workers(pool)
            for results in mapped or ():
                yield from results
                finished += 1
                done += len(results)
                if progress:
                    progress(done, len(items))
    except BrokenProcessPool:
        yield from _one_by_one([item for chunk in chunks[finished:] for item in chunk], crashed, progress,
                               done, len(items))
    finally:
        _task = None
    if mapped is None:
        yield from _here(func, items, args, progress, 0, len(items))


def _end_workers(pool) -> None:
    """Stop the workers a pool forked before it failed to fork the others: it never started the thread
    that would stop them, and they would wait on their queue while this process waits for them at exit."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
        process.join()


def _here(func: Callable, items: Iterable[tuple[str, Any]], args: tuple, progress, done: int, total: int):
    """The files checked in this process."""
    for path, data in items:
        yield path, func(path, data, *args)
        done += 1
        if progress:
            progress(done, total)


def _one_by_one(items: Iterable[tuple[str, Any]], crashed, progress, done: int, total: int):
    from concurrent.futures.process import BrokenProcessPool

    pool = None
    try:
        for item in items:
            if pool is None:
                pool = _pool(1)
            if pool is None:  # the system gave out since the run began: check the rest here
                yield from _run_chunk([item])
                done += 1
                if progress:
                    progress(done, total)
                continue
            try:
                yield from pool.submit(_run_chunk, [item]).result()
            except BrokenProcessPool:
                pool.shutdown(wait=False)
                pool = None
                yield item[0], crashed(item[0]) if crashed else None
            done += 1
            if progress:
                progress(done, total)
    finally:
        if pool is not None:
            pool.shutdown()
