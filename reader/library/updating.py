"""Bringing a folder's index up to date: scan the folder, forget what went, read what
is new or changed, save it in batches, write the inverted index.

The caller holds the writer lock throughout.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from reader.core.loading import iter_article_files
from reader.core.model import Problem

from . import postings, store
from .fingerprint import from_blob
from .queries import count
from .reading import FileData, Task, read_all
from .rows import RefreshReport, Row

Progress = Callable[[int, int], None]
# (rows added or read again, ids of rows gone): called after each batch is saved.
OnRows = Callable[[list[Row], list[int]], None]

# Files saved per transaction: readers see the index grow in steps this size.
_BATCH = 500
# From this many files to read, and a twentieth of the folder, the inverted index is
# written again at the end instead of file by file (about 1 ms a file).
_BULK = 2000
_BULK_SHARE = 20


class Scan(NamedTuple):
    """Every candidate file of the folder: rel -> (size, mtime_ns), (-1, -1) when it
    cannot even be looked at (a broken link), so the loader reports why; and the
    folders that could not be listed (permission denied), as problems."""

    files: dict[str, tuple[int, int]]
    problems: list[Problem]

    def unlisted(self, folder: Path) -> tuple[str, ...]:
        """The rel prefixes of the folders that could not be listed ("" for the folder
        itself): what the index has under them is kept, not taken for gone."""
        rels = (os.path.relpath(p.path, folder) for p in self.problems)
        return tuple("" if rel == os.curdir else rel + os.sep for rel in rels)


def scan(folder: Path, prefix: str) -> Scan:
    found: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    # Our own index, should the cache lie inside the folder: not an article.
    cache = os.path.relpath(store.cache_dir(), folder) + os.sep
    for path in iter_article_files(folder, problems):
        text = str(path)
        rel = text[len(prefix) :] if text.startswith(prefix) else os.path.relpath(text, folder)
        if rel.startswith(cache):
            continue
        try:
            info = os.stat(text)
            found[rel] = (info.st_size, info.st_mtime_ns)
        except OSError:
            found[rel] = (-1, -1)
    return Scan(found, problems)


def refresh(
    conn: sqlite3.Connection,
    folder: Path,
    prefix: str,
    progress: Progress | None,
    on_rows: OnRows | None,
    workers: int | None,
    cancel: threading.Event | None,
    scanned: Scan | None = None,
) -> RefreshReport:
    scanned = scanned if scanned is not None else scan(folder, prefix)
    seen = scanned.files
    known = {
        store.path_of(rel): (fid, size, mtime)
        for fid, rel, size, mtime in conn.execute("SELECT id, rel, size, mtime_ns FROM files")
    }
    unlisted = scanned.unlisted(folder)
    missing = [rel for rel in known if rel not in seen]
    kept = [rel for rel in missing if rel.startswith(unlisted)]
    gone = [known[rel][0] for rel in missing if not rel.startswith(unlisted)]
    changed = [rel for rel, stamp in seen.items() if rel in known and known[rel][1:] != stamp]
    added = [rel for rel in seen if rel not in known]
    to_read = sorted(changed + added)
    total = len(to_read)
    # When many files are to be read (a first build), the inverted index is left for
    # the end and written again whole, in one sorted pass: much faster than updating
    # it file by file. Until then it is marked pending, also for the next refresh
    # should this one be interrupted.
    bulk = store.meta(conn, "postings") == "pending" or (total >= _BULK and total * _BULK_SHARE >= len(seen))
    if bulk:
        store.set_meta(conn, "postings", "pending")
    if gone or changed:
        conn.execute("BEGIN IMMEDIATE")
        try:
            removed_ids = forget(conn, gone + [known[rel][0] for rel in changed], bulk)
            store.bump(conn)
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        if on_rows is not None and removed_ids:
            on_rows([], removed_ids)

    if progress is not None:
        progress(0, total)
    problems: list[Problem] = list(scanned.problems)
    cancelled = False
    if to_read:
        tasks: list[Task] = [(prefix + rel, rel, *seen[rel]) for rel in to_read]
        done = 0
        batch: list[FileData] = []
        results = read_all(tasks, workers)
        try:
            for data in results:
                batch.append(data)
                if len(batch) >= _BATCH:
                    save(conn, prefix, batch, problems, on_rows, index=not bulk)
                    done += len(batch)
                    batch = []
                    if progress is not None:
                        progress(done, total)
                    if cancel is not None and cancel.is_set():
                        cancelled = True
                        break
            if batch and not cancelled:
                save(conn, prefix, batch, problems, on_rows, index=not bulk)
                done += len(batch)
                if progress is not None:
                    progress(done, total)
        finally:
            results.close()
    if bulk:
        # Also after a cancel: what was saved is then complete and searchable.
        write_postings(conn)
    articles = count(conn)
    return RefreshReport(
        files=len(seen) + len(kept),
        read=total,
        added=len(added),
        changed=len(changed),
        removed=len(gone),
        articles=articles,
        problems=tuple(problems),
        seconds=0.0,
        waited=0.0,
        cancelled=cancelled,
    )


def forget(conn: sqlite3.Connection, file_ids: Sequence[int], bulk: bool) -> list[int]:
    removed: list[tuple[int, array]] = []
    for fid in file_ids:
        for aid, sketch in conn.execute("SELECT id, sketch FROM articles WHERE file = ?", (fid,)):
            removed.append((aid, from_blob(sketch)))
        conn.execute("DELETE FROM articles WHERE file = ?", (fid,))
        conn.execute("DELETE FROM problems WHERE file = ?", (fid,))
        conn.execute("DELETE FROM files WHERE id = ?", (fid,))
    if not bulk:
        postings.remove(conn, removed)
    return [aid for aid, _ in removed]


def save(
    conn: sqlite3.Connection,
    prefix: str,
    batch: list[FileData],
    problems: list[Problem],
    on_rows: OnRows | None,
    *,
    index: bool,
) -> None:
    """Save a batch of files in one transaction. Ids are given here, not by SQLite, so
    that the rows go in with executemany (a third of the time of one execute each)."""
    rows: list[Row] = []
    files, articles, bad = [], [], []
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Ids only grow, so an id the app was told is gone never names another article.
        fid = int(store.meta(conn, "last_file") or 0)
        aid = int(store.meta(conn, "last_article") or 0)
        for data in batch:
            fid += 1
            rel = store.path_blob(data.rel)
            files.append((fid, rel, data.size, data.mtime_ns))
            file = prefix + data.rel
            for a in data.articles:
                aid += 1
                articles.append((aid, fid, rel, *a))
                rows.append(Row(aid, file, data.rel, *a[:11]))
            for reason in data.problems:
                bad.append((fid, reason))
                problems.append(Problem(Path(file), reason))
        conn.executemany("INSERT INTO files (id, rel, size, mtime_ns) VALUES (?, ?, ?, ?)", files)
        conn.executemany(
            "INSERT INTO articles (id, file, rel, record, title, format, agency, dateline, outlet, date,"
            " url, words, paragraphs, language, fingerprint, samples, sketch)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            articles,
        )
        conn.executemany("INSERT INTO problems (file, reason) VALUES (?, ?)", bad)
        store.set_meta(conn, "last_file", str(fid))
        store.set_meta(conn, "last_article", str(aid))
        if index:
            postings.add(conn, ((a[0], from_blob(a[-1])) for a in articles))
        store.bump(conn)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    if on_rows is not None and rows:
        on_rows(rows, [])


def write_postings(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        postings.rewrite(conn)
        store.set_meta(conn, "postings", "complete")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if there still is one: SQLite has already undone it
    after some errors (a full disk), and Ctrl-C may land just after its COMMIT."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")
