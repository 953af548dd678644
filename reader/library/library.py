"""A folder of articles and its index: the API the shell commands and the app use.

    lib = Library.open(folder, notify=print)   # reuses the index in the user cache
    lib.rows(limit=100)                         # what the index knows, at once
    lib.refresh(progress, on_rows)              # read what changed since
    lib.similar(row_or_article, limit=20)       # the copies of a story
    lib.stories()                               # the folder grouped into stories
    lib.load(row.id)                            # the article itself, read again

Nothing here raises for a bad file: files that cannot be read are Problems.
Nothing is ever written into the article folder. Each thread gets its own
SQLite connection, so the app may refresh in a worker thread while it reads
rows in another.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from reader.core.loading import iter_article_files, load_file
from reader.core.model import Article, Problem
from reader.core.original import by_originality

from . import postings, store
from .fingerprint import article_sketch, from_blob, stop_limit
from .reading import FileData, Task, read_all

Progress = Callable[[int, int], None]
# (rows added or read again, ids of rows gone): called after each batch is saved.
OnRows = Callable[[list["Row"], list[int]], None]

# Files saved per transaction: readers see the index grow in steps this size.
_BATCH = 500
# From this many files to read, and a twentieth of the folder, the inverted index is
# written again at the end instead of file by file (about 1 ms a file).
_BULK = 2000
_BULK_SHARE = 20
# SQLite's limit on host parameters is 32766 (999 before 3.32); stay well under.
_PARAMS = 900
_ROW_COLUMNS = (
    "id, rel, record, title, format, agency, dateline, outlet, date, url, words, paragraphs, language"
)


class LibraryError(Exception):
    """The folder cannot be indexed at all (it does not exist, the cache is not writable).
    The message is one line: ``path: reason``."""


class Row(NamedTuple):
    """What the index knows of an article without reading it: one line of the list.
    (A named tuple: rows() builds 100k of them, five times faster than dataclasses.)"""

    id: int
    file: str  # the file's path, under the folder as it was given
    rel: str  # the file's path inside the folder
    record: int | None  # position in a JSON / JSON Lines file
    title: str
    format: str
    agency: str | None
    dateline: str | None
    outlet: str | None
    date: str | None
    url: str | None
    words: int
    paragraphs: int
    language: str | None  # ISO 639-1

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def label(self) -> str:
        """The file inside the folder, plus ``#N`` for record N of a JSON file (as the
        command line names it)."""
        return f"{self.rel}#{self.record}" if self.record is not None else self.rel

    @property
    def name(self) -> str:
        """The file's path as given, plus ``#N`` for a record: what the shell accepts."""
        return f"{self.file}#{self.record}" if self.record is not None else self.file


class Match(NamedTuple):
    row: Row
    score: float  # share of the smaller text found in the other, 0..1


@dataclass(frozen=True, slots=True)
class Story:
    story_id: int  # 1 is the story with the most versions
    members: tuple[Row, ...]  # the likely original first

    @property
    def paths(self) -> list[Path]:
        return [m.path for m in self.members]

    @property
    def original(self) -> Row:
        return self.members[0]


@dataclass(frozen=True, slots=True)
class RefreshReport:
    files: int  # candidate files in the folder
    read: int  # files read this time: added or changed since the last refresh
    added: int
    changed: int
    removed: int
    articles: int  # articles in the index afterwards
    problems: tuple[Problem, ...]  # met in the files read this time
    seconds: float
    waited: float  # seconds spent waiting for another process's refresh
    cancelled: bool = False
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was


class Library:
    """One folder and its index. Open with :meth:`open`; close when done."""

    def __init__(self, folder: Path, db_path: Path, notify: store.Notify | None) -> None:
        self.folder = folder
        self.db_path = db_path
        self.notify = notify
        self.notices: list[str] = []  # every message given to notify, for callers that poll
        self.needs_refresh = False  # set when the index had to be rebuilt empty
        self._resolved = str(folder.resolve())
        self._prefix = str(folder) + os.sep if str(folder) != os.sep else os.sep
        self._lock = store.WriterLock(Path(f"{db_path}.lock"))
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()

    # --- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, notify: store.Notify | None = None) -> Library:
        """The library of ``folder``, with its index created, or rebuilt when it is damaged
        or from another version (``notify`` is told why, in one line)."""
        folder = Path(folder)
        try:
            if not folder.is_dir():
                reason = "not a folder" if folder.exists() else "no such folder"
                raise LibraryError(f"{folder}: {reason}")
        except OSError as error:
            raise LibraryError(f"{folder}: {error.strerror or error}") from None
        db_path = store.index_path(folder)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"{db_path.parent}: cannot keep the index there ({error.strerror or error}); "
                "set XDG_CACHE_HOME to a writable folder"
            ) from None
        lib = cls(folder, db_path, notify)
        lib._prepare()
        return lib

    def close(self) -> None:
        self._drop_connections()
        self._lock.release()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _say(self, message: str) -> None:
        self.notices.append(message)
        if self.notify is not None:
            self.notify(message)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = store.connect(self.db_path)
            except sqlite3.Error as error:
                if store.is_corruption(error):
                    raise  # the callers rebuild it
                raise LibraryError(f"{self.db_path}: cannot open the index ({error})") from None
            self._local.conn = conn
            self._local.inode = _inode(self.db_path)
            with self._guard:
                self._connections.append(conn)
        return conn

    def _drop_connections(self) -> None:
        with self._guard:
            for conn in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._connections.clear()
            self._local = threading.local()

    def _prepare(self) -> None:
        reason = self._problem()
        if reason is None:
            return
        # Create or rebuild under the writer lock, and look again once it is held:
        # another process may have just done it.
        waited = self._lock.acquire(self._say, str(self.folder))
        try:
            assert waited is not None
            self._drop_connections()
            reason = self._problem()
            if reason is not None:
                self._recreate(reason)
        finally:
            self._lock.release()

    def _problem(self) -> str | None:
        try:
            conn = self._conn()
        except sqlite3.DatabaseError as error:  # journal_mode on a file that is not a database
            return f"it is damaged ({error})"
        return store.problem_with(conn, self._resolved)

    def _recreate(self, reason: str) -> None:
        """Start an empty index (the writer lock is held)."""
        if reason != "new":
            self._say(f"{self.folder}: rebuilding the index, because {reason}")
            self.needs_refresh = True
        self._drop_connections()
        if not reason.startswith("it is damaged"):
            try:
                self._clear(self._conn())
            except sqlite3.DatabaseError:
                reason = "it is damaged"
        if reason.startswith("it is damaged"):
            self._drop_connections()
            store.remove_database(self.db_path)
        store.create(self._conn(), self._resolved)

    @staticmethod
    def _clear(conn: sqlite3.Connection) -> None:
        # Emptied in place rather than deleted: another process may have the file open,
        # and SQLite files deleted under an open connection can be confused with new ones.
        conn.execute("BEGIN IMMEDIATE")
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in names:
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        conn.execute("PRAGMA user_version = 0")
        conn.execute("COMMIT")

    # --- refreshing ---------------------------------------------------------------

    def refresh(
        self,
        progress: Progress | None = None,
        on_rows: OnRows | None = None,
        *,
        workers: int | None = None,
        cancel: threading.Event | None = None,
    ) -> RefreshReport:
        """Bring the index up to date with the folder: read the files added or changed
        (size or modification time) since the last refresh, forget the removed ones.

        ``progress(done, total)`` counts the files to read; ``on_rows(added, removed_ids)``
        follows each saved batch. Waits (saying so through ``notify``) while another
        process refreshes the same folder. ``cancel`` stops between batches; what was
        saved stays saved and the next refresh goes on from there.
        """
        started = time.monotonic()
        waited = self._lock.acquire(self._say, str(self.folder), cancel.is_set if cancel else None)
        if waited is None:
            return RefreshReport(0, 0, 0, 0, 0, self.count(), (), time.monotonic() - started, 0.0, True)
        rebuilt = None
        try:
            self._follow_replaced_file()
            try:
                report = self._refresh(progress, on_rows, workers, cancel)
            except sqlite3.DatabaseError as error:
                if not store.is_corruption(error):
                    raise
                rebuilt = f"it is damaged ({error})"
                self._recreate(rebuilt)
                report = self._refresh(progress, on_rows, workers, cancel)
            self.needs_refresh = report.cancelled
        finally:
            self._lock.release()
        return RefreshReport(
            report.files,
            report.read,
            report.added,
            report.changed,
            report.removed,
            report.articles,
            report.problems,
            time.monotonic() - started,
            waited,
            report.cancelled,
            rebuilt,
        )

    def _follow_replaced_file(self) -> None:
        """Another process may have rebuilt the index as a new file while this one had the
        old one open: reconnect, and check the new one."""
        if getattr(self._local, "conn", None) is not None and _inode(self.db_path) != self._local.inode:
            self._drop_connections()
        reason = self._problem()
        if reason is not None:
            self._recreate(reason)

    def _scan(self) -> dict[str, tuple[int, int]]:
        """Every candidate file of the folder: rel -> (size, mtime_ns); (-1, -1) when it
        cannot even be looked at (a broken link), so the loader reports why."""
        found: dict[str, tuple[int, int]] = {}
        # Our own index, should the cache lie inside the folder: not an article.
        cache = os.path.relpath(store.cache_dir(), self.folder) + os.sep
        prefix = self._prefix
        for path in iter_article_files(self.folder):
            text = str(path)
            rel = text[len(prefix) :] if text.startswith(prefix) else os.path.relpath(text, self.folder)
            if rel.startswith(cache):
                continue
            try:
                info = os.stat(text)
                found[rel] = (info.st_size, info.st_mtime_ns)
            except OSError:
                found[rel] = (-1, -1)
        return found

    def _refresh(
        self,
        progress: Progress | None,
        on_rows: OnRows | None,
        workers: int | None,
        cancel: threading.Event | None,
    ) -> RefreshReport:
        conn = self._conn()
        seen = self._scan()
        known = {
            rel: (fid, size, mtime)
            for fid, rel, size, mtime in conn.execute("SELECT id, rel, size, mtime_ns FROM files")
        }
        gone = [known[rel][0] for rel in known if rel not in seen]
        changed = [rel for rel, stamp in seen.items() if rel in known and known[rel][1:] != stamp]
        added = [rel for rel in seen if rel not in known]
        to_read = sorted(changed + added)
        total = len(to_read)
        # When many files are to be read (a first build), the inverted index is left for
        # the end and written again whole, in one sorted pass: much faster than updating
        # it file by file. Until then it is marked pending, also for the next refresh
        # should this one be interrupted.
        bulk = self._meta(conn, "postings") == "pending" or (
            total >= _BULK and total * _BULK_SHARE >= len(seen)
        )
        if bulk:
            self._set_meta(conn, "postings", "pending")
        if gone or changed:
            conn.execute("BEGIN IMMEDIATE")
            removed_ids = self._forget(conn, gone + [known[rel][0] for rel in changed], bulk)
            self._bump(conn)
            conn.execute("COMMIT")
            if on_rows is not None and removed_ids:
                on_rows([], removed_ids)

        if progress is not None:
            progress(0, total)
        problems: list[Problem] = []
        cancelled = False
        if to_read:
            tasks: list[Task] = [(self._prefix + rel, rel, *seen[rel]) for rel in to_read]
            done = 0
            batch: list[FileData] = []
            results = read_all(tasks, workers)
            try:
                for data in results:
                    batch.append(data)
                    if len(batch) >= _BATCH:
                        self._save(conn, batch, problems, on_rows, index=not bulk)
                        done += len(batch)
                        batch = []
                        if progress is not None:
                            progress(done, total)
                        if cancel is not None and cancel.is_set():
                            cancelled = True
                            break
                if batch and not cancelled:
                    self._save(conn, batch, problems, on_rows, index=not bulk)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
            finally:
                results.close()
        if bulk:
            # Also after a cancel: what was saved is then complete and searchable.
            self._write_postings(conn)
        articles = self.count()
        return RefreshReport(
            files=len(seen),
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

    def _forget(self, conn: sqlite3.Connection, file_ids: Sequence[int], bulk: bool) -> list[int]:
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

    def _save(
        self,
        conn: sqlite3.Connection,
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
            fid = int(self._meta(conn, "last_file") or 0)
            aid = int(self._meta(conn, "last_article") or 0)
            for data in batch:
                fid += 1
                files.append((fid, data.rel, data.size, data.mtime_ns))
                file = self._prefix + data.rel
                for a in data.articles:
                    aid += 1
                    articles.append((aid, fid, data.rel, *a))
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
            self._set_meta(conn, "last_file", str(fid))
            self._set_meta(conn, "last_article", str(aid))
            if index:
                postings.add(conn, ((a[0], from_blob(a[-1])) for a in articles))
            self._bump(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if on_rows is not None and rows:
            on_rows(rows, [])

    def _write_postings(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            postings.rewrite(conn)
            self._set_meta(conn, "postings", "complete")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _meta(conn: sqlite3.Connection, key: str) -> str | None:
        found = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(found[0]) if found else None

    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @staticmethod
    def _bump(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    # --- reading the index --------------------------------------------------------

    def _read(self, fn: Callable[[sqlite3.Connection], object], empty: object) -> object:
        """Run a read; a damaged index is rebuilt empty (with a message) instead of failing,
        and ``needs_refresh`` tells the caller to refresh."""
        try:
            try:
                return fn(self._conn())
            except sqlite3.ProgrammingError:
                # Another thread of this library rebuilt the index and closed this
                # thread's connection under it: once more, on a new connection.
                self._local.conn = None
                return fn(self._conn())
        except sqlite3.DatabaseError as error:
            if not store.is_corruption(error) or self._lock.held:
                raise  # a refresh holding the lock rebuilds it itself
            waited = self._lock.acquire(self._say, str(self.folder))
            try:
                assert waited is not None
                self._recreate(f"it is damaged ({error})")
            finally:
                self._lock.release()
            return empty

    @property
    def searchable(self) -> bool:
        """False while a first build (or a big refresh) is under way: its inverted index is
        written at the end, and until then similar() finds nothing. rows(), load() and
        stories() work throughout."""
        return self._read(lambda c: self._meta(c, "postings") == "complete", False)  # type: ignore[return-value]

    def count(self) -> int:
        return self._read(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0], 0)  # type: ignore[return-value]

    def rows(self, offset: int = 0, limit: int | None = None) -> list[Row]:
        """Indexed articles in path order (then record), ``limit`` of them from ``offset``."""
        sql = f"SELECT {_ROW_COLUMNS} FROM articles ORDER BY rel, record LIMIT ? OFFSET ?"
        params = (-1 if limit is None else limit, offset)
        prefix = self._prefix

        def fetch(conn: sqlite3.Connection) -> list[Row]:
            return [Row(r[0], prefix + r[1], *r[1:]) for r in conn.execute(sql, params)]

        return self._read(fetch, [])  # type: ignore[return-value]

    def row(self, article_id: int) -> Row | None:
        def fetch(conn: sqlite3.Connection) -> Row | None:
            r = conn.execute(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
            return Row(r[0], self._prefix + r[1], *r[1:]) if r else None

        return self._read(fetch, None)  # type: ignore[return-value]

    def _rows_by_id(self, ids: Iterable[int]) -> dict[int, Row]:
        out: dict[int, Row] = {}
        ids = list(ids)
        conn = self._conn()
        for chunk in _chunks(ids, _PARAMS):
            marks = ",".join("?" * len(chunk))
            for r in conn.execute(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                out[r[0]] = Row(r[0], self._prefix + r[1], *r[1:])
        return out

    def problems(self) -> list[Problem]:
        """Every file of the folder that could not be read (as of the last refresh)."""
        sql = "SELECT f.rel, p.reason FROM problems p JOIN files f ON f.id = p.file ORDER BY f.rel"

        def fetch(conn: sqlite3.Connection) -> list[Problem]:
            return [Problem(Path(self._prefix + rel), reason) for rel, reason in conn.execute(sql)]

        return self._read(fetch, [])  # type: ignore[return-value]

    def load(self, article_id: int) -> Article | Problem:
        """The article, read again from its file. A file that vanished, or changed so that
        the article is no longer in it, gives a Problem (``path: reason``)."""
        row = self.row(article_id)
        if row is None:
            return Problem(self.folder, f"article {article_id} is no longer in the index")
        path = row.path
        if not path.exists() and not path.is_symlink():
            return Problem(path, "no longer there (moved or deleted since the folder was indexed)")
        articles, problems = load_file(path)
        for article in articles:
            if article.record == row.record:
                return article
        if problems:
            return problems[0]
        if row.record is not None:
            return Problem(path, f"record {row.record} is no longer in the file (it has {len(articles)})")
        return Problem(path, "no article in the file any more")

    # --- copies and stories -------------------------------------------------------

    def similar(self, target: int | Row | Article, limit: int = 20) -> list[Match]:
        """The indexed articles sharing text with ``target`` (an indexed article's id or
        row, or any loaded article), best first; the target itself is left out. The
        score is the share of the smaller text found in the other, from the sampled
        shingles of the index. Finds nothing while the index is not ``searchable``;
        an id that is not in the index raises LibraryError."""

        def query(conn: sqlite3.Connection) -> list[Match]:
            own_id, hashes = self._target(conn, target)
            if not hashes:
                return []
            stop = _stop_limit(conn)
            holders = postings.lookup(conn, hashes)
            # Stock phrases held by a large share of the folder are not evidence of copying.
            used = [h for h in hashes if len(holders.get(h, ())) <= stop]
            shared: Counter[int] = Counter()
            for h in used:
                shared.update(holders.get(h, ()))
            shared.pop(own_id, None)  # type: ignore[arg-type]
            if not shared or not used:
                return []
            sizes: dict[int, int] = {}
            for chunk in _chunks(list(shared), _PARAMS):
                marks = ",".join("?" * len(chunk))
                sizes.update(conn.execute(f"SELECT id, samples FROM articles WHERE id IN ({marks})", chunk))
            scored = sorted(
                (
                    (min(1.0, n / max(1, min(len(used), sizes.get(aid, 0) or len(used)))), aid)
                    for aid, n in shared.items()
                ),
                key=lambda pair: -pair[0],
            )
            best = scored[: max(0, limit) * 2 + 10]
            rows = self._rows_by_id(aid for _, aid in best)
            matches = [Match(rows[aid], round(score, 3)) for score, aid in best if aid in rows]
            matches.sort(key=lambda m: (-m.score, m.row.rel, m.row.record or 0))
            return matches[: max(0, limit)]

        return self._read(query, [])  # type: ignore[return-value]

    def _target(self, conn: sqlite3.Connection, target: int | Row | Article) -> tuple[int | None, list[int]]:
        if isinstance(target, Article):
            sketch, _ = article_sketch(target)
            return self._indexed_id(conn, target), list(sketch)
        aid = target.id if isinstance(target, Row) else int(target)
        found = conn.execute("SELECT sketch FROM articles WHERE id = ?", (aid,)).fetchone()
        if found is None:
            raise LibraryError(f"{self.folder}: article {aid} is not in the index")
        return aid, list(from_blob(found[0]))

    def _indexed_id(self, conn: sqlite3.Connection, article: Article) -> int | None:
        """The index's id for an article loaded from a file of this folder, if it has one."""
        for base, path in (
            (os.path.abspath(self.folder), os.path.abspath(article.path)),
            (self._resolved, os.path.realpath(article.path)),
        ):
            rel = os.path.relpath(path, base)
            if rel.startswith(os.pardir + os.sep) or rel == os.pardir:
                continue
            found = conn.execute(
                "SELECT id FROM articles WHERE rel = ? AND record IS ?", (rel, article.record)
            ).fetchone()
            if found:
                return found[0]
        return None

    def stories(self) -> list[Story]:
        """The folder grouped into stories, every article in exactly one: the stories
        with the most versions first, each with its likely original first (agency
        dateline, earliest date, longest text; see :mod:`reader.core.original`).
        Computed once per change of the index, then read back."""

        def compute(conn: sqlite3.Connection) -> list[Story]:
            # One read transaction: the rows, the cached grouping and the sketches are
            # all of the same state of the index, whatever a writer does meanwhile.
            conn.execute("BEGIN")
            try:
                generation = self._meta(conn, "generation")
                if self._meta(conn, "stories") == generation:
                    cached = self._cached_stories(conn)
                    if cached is not None:
                        return cached
                rows = {r.id: r for r in self.rows()}
                found = self._group(conn)
            finally:
                conn.execute("COMMIT")
            stories = _ordered([[rows[a] for a in g if a in rows] for g in found])
            self._remember(stories, generation)
            return stories

        return self._read(compute, [])  # type: ignore[return-value]

    def _cached_stories(self, conn: sqlite3.Connection) -> list[Story] | None:
        columns = ", ".join(f"a.{c}" for c in _ROW_COLUMNS.split(", "))
        prefix = self._prefix
        stories: list[Story] = []
        members: list[Row] = []
        current = None
        for r in conn.execute(
            f"SELECT s.story, {columns} FROM story_of s JOIN articles a ON a.id = s.article"
            " ORDER BY s.story, s.position"
        ):
            if r[0] != current:
                if members:
                    stories.append(Story(current, tuple(members)))  # type: ignore[arg-type]
                current, members = r[0], []
            members.append(Row(r[1], prefix + r[2], *r[2:]))
        if members:
            stories.append(Story(current, tuple(members)))  # type: ignore[arg-type]
        found = sum(len(s.members) for s in stories)
        return stories if found == conn.execute("SELECT count(*) FROM articles").fetchone()[0] else None

    def _group(self, conn: sqlite3.Connection) -> list[list[int]]:
        import numpy as np

        from .grouping import group, members

        ids, samples, fingerprints, blobs = [], [], [], []
        for aid, n, fp, blob in conn.execute(
            "SELECT id, samples, fingerprint, sketch FROM articles ORDER BY id"
        ):
            ids.append(aid)
            samples.append(n)
            fingerprints.append(fp)
            blobs.append(blob)
        hashes = np.frombuffer(b"".join(blobs), dtype="<u4")
        del blobs
        labels = group(np.array(samples, dtype=np.int64), np.array(fingerprints, dtype=np.int64), hashes)
        return [[ids[i] for i in chunk] for chunk in members(labels)]

    def _remember(self, stories: list[Story], generation: str | None) -> None:
        """Keep the grouping for next time, unless another process is writing the index
        (then it is simply computed again next time)."""
        if self._lock.held or not self._lock.try_acquire():
            return
        try:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                if self._meta(conn, "generation") == generation:
                    conn.execute("DELETE FROM story_of")
                    conn.executemany(
                        "INSERT INTO story_of (article, story, position) VALUES (?, ?, ?)",
                        ((m.id, s.story_id, i) for s in stories for i, m in enumerate(s.members)),
                    )
                    self._set_meta(conn, "stories", generation or "-1")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            pass  # only a cache: the grouping is computed again next time
        finally:
            self._lock.release()


class _Candidate(NamedTuple):
    """What :func:`reader.core.original.originality_key` reads of an article, taken from a
    row without building a Path for each of 100k rows."""

    agency: str | None
    date: str | None
    words: int
    path: str
    row: Row


def _ordered(groups: list[list[Row]]) -> list[Story]:
    ordered = []
    for g in groups:
        if len(g) > 1:
            candidates = [_Candidate(r.agency, r.date, r.words, r.file, r) for r in g]
            g = [c.row for c in by_originality(candidates, path=lambda c: c.path)]
        if g:
            ordered.append(g)
    ordered.sort(key=lambda g: (-len(g), g[0].rel, g[0].record or 0))
    return [Story(i, tuple(g)) for i, g in enumerate(ordered, start=1)]


def _stop_limit(conn: sqlite3.Connection) -> int:
    return stop_limit(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None
