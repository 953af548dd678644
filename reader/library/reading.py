"""Reading files for the index, in worker processes when there are many.

A worker loads one file with the core loader and sends back only what the
index keeps (metadata, the sketch, the problems), never the text: 100k
articles pass through the parent without it ever holding their text.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from reader.core.loading import load_file
from reader.core.metadata import language_of

from .fingerprint import article_sketch, to_blob

# Below this many files, starting worker processes costs more than it saves.
POOL_THRESHOLD = 400
# Files per task sent to a worker: large enough to amortise the pickling round trip.
CHUNK = 64


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
        articles, problems = load_file(Path(path))
        data = []
        for a in articles:
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
        reasons = tuple(p.reason for p in problems)
    except Exception as error:  # the loader never raises for a bad file; this is a bug's net
        return FileData(rel, size, mtime_ns, (), (f"could not be indexed ({type(error).__name__}: {error})",))
    return FileData(rel, size, mtime_ns, tuple(data), reasons)


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent stops the pool, the workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    # spawn, not fork: the app reads from a thread, and forking a threaded process
    # can copy a lock another thread holds.
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=_worker_init)
    try:
        # Even one worker helps: the parent meanwhile writes the index.
        yield from pool.imap_unordered(read, tasks, chunksize=CHUNK)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
