"""Reading files for the index, in worker processes when there are many.

A worker loads one file with the core loader and sends back only what the
index keeps (metadata, the sketch, the problems), never the text: 100k
articles pass through the parent without it ever holding their text.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing import resource_tracker
from pathlib import Path
from typing import NamedTuple

from reader.core.failures import unforeseen
from reader.core.loading import iter_file
from reader.core.metadata import language_of
from reader.core.model import Problem

from .fingerprint import article_sketch, to_blob

# Below this many files, starting worker processes costs more than it saves.
POOL_THRESHOLD = 400
# Files per task sent to a worker: large enough to amortise the pickling round trip.
CHUNK = 64
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class ArticleData(NamedTuple):
    # Named tuples, not dataclasses: 100k of them cross from the workers, and tuples
    # unpickle several times faster.
    record: int | None
    title: str
    format: str
    agency: str | None
    dateline: str | None
    outlet: str | None
    date: str | None
    url: str | None
    words: int
    paragraphs: int
    language: str | None
    fingerprint: int
    samples: int
    sketch: bytes


class FileData(NamedTuple):
    rel: str
    size: int
    mtime_ns: int
    articles: tuple[ArticleData, ...]
    problems: tuple[str, ...]  # reasons, one line each


Task = tuple[str, str, int, int]  # (path to open, rel, size, mtime_ns)


def read(task: Task) -> FileData:
    path, rel, size, mtime_ns = task
    try:
        data = []
        reasons = []
        # One at a time: a crawl (WARC) of a gigabyte never has all its articles in memory.
        for a in iter_file(Path(path)):
            if isinstance(a, Problem):
                reasons.append(a.reason)
                continue
            sketch, fingerprint = article_sketch(a)
            data.append(
                ArticleData(
                    a.record,
                    a.title,
                    a.format,
                    a.agency,
                    a.dateline,
                    a.outlet,
                    a.date,
                    a.url,
                    a.words,
                    len(a.paragraphs),
                    language_of(a),
                    fingerprint,
                    len(sketch),
                    to_blob(sketch),
                )
            )
    except Exception as error:  # the loader never raises for a bad file; this is a bug's net
        return FileData(rel, size, mtime_ns, (), (unforeseen(error),))
    return FileData(rel, size, mtime_ns, tuple(data), tuple(reasons))


def _worker_init(parent: int) -> None:
    # Ctrl-C goes to the whole process group: the parent stops the pool, the workers stay
    # quiet. The worker was started with SIGINT blocked (see _start_pool), so that one
    # arriving while it started is dropped here rather than printed as a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker, at once and silently, when its parent is gone (kill -9), rather
    than let it finish its files and print a BrokenPipeError for each result it can no
    longer send."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # already gone
        os._exit(0)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    # Where prctl is missing (macOS), and should the thread that started the pool end first.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS
        return max(1, os.cpu_count() or 1)


def read_all(tasks: list[Task], workers: int | None) -> Iterator[FileData]:
    """Read every task's file, in this process or in a pool, in no particular order.
    Closing the iterator stops the pool."""
    workers = default_workers() if workers is None else max(1, workers)
    if len(tasks) < POOL_THRESHOLD:
        yield from map(read, tasks)
        return
    pool = _start_pool(workers)
    try:
        # Even one worker helps: the parent meanwhile writes the index.
        yield from pool.imap_unordered(read, tasks, chunksize=CHUNK)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _start_pool(workers: int) -> multiprocessing.pool.Pool:
    # The tracker of the pool's semaphores outlives a parent killed with -9, cleans up
    # after it and warns that it had to: it is started with that warning off.
    quiet = "ignore::UserWarning:multiprocessing.resource_tracker"
    sys.warnoptions.append(quiet)
    try:
        resource_tracker.ensure_running()
    finally:
        sys.warnoptions.remove(quiet)
    # spawn, not fork: the app reads from a thread, and forking a threaded process
    # can copy a lock another thread holds.
    context = multiprocessing.get_context("spawn")
    masked = hasattr(signal, "pthread_sigmask")
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masked else None
    try:
        return context.Pool(workers, initializer=_worker_init, initargs=(os.getpid(),))
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a Ctrl-C meanwhile comes now
