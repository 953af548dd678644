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
import dataclasses
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.model import Article, Problem
from reader.core.sanitize import escape_name

from . import health, queries, store, updating
from .rows import LibraryError, Match, RefreshReport, Row, Story
from .updating import OnRows, Progress


class Library:
    """One folder and its index. Open with :meth:`open`; close when done."""

    def __init__(self, folder: Path, db_path: Path, notify: store.Notify | None) -> None:
        self.folder = folder
        self.db_path = db_path
        self.notify = notify
        self.notices: list[str] = []  # every message given to notify, for callers that poll
        self.needs_refresh = False  # set when the index had to be rebuilt empty
        # Called (in the thread that found it) when the index is rebuilt empty: the ids
        # handed out before name nothing, or other articles, from then on.
        self.on_rebuilt: Callable[[], None] | None = None
        self._resolved = str(folder.resolve())
        self._prefix = str(folder) + os.sep if str(folder) != os.sep else os.sep
        self._lock = store.WriterLock(Path(f"{db_path}.lock"))
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._check: health.Check | None = None  # the quick_check begun at open
        self._checking = threading.Lock()
        self._trusted = False  # checked, or found as wire-reader left it, or made here
        self._unlisted: list[Problem] = []  # folders the last refresh could not list
        self._rebuilt: str | None = None  # why the index was rebuilt, until a refresh reports it

    # --- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path | str, *, notify: store.Notify | None = None, verify: bool = False) -> Library:
        """The library of ``folder``, with its index created, or rebuilt when it is damaged
        or from another version (``notify`` is told why, in one line). Every page of the
        index is read for damage, in a thread, when the file is not as wire-reader left
        it, or when asked to ``verify``; a disk too full for it raises IndexNotSaved."""
        folder = Path(folder)
        try:
            if not folder.is_dir():
                reason = "not a folder" if folder.exists() else "no such folder"
                raise LibraryError(f"{escape_name(folder)}: {reason}")
        except OSError as error:
            raise LibraryError(f"{escape_name(folder)}: {error.strerror or error}") from None
        db_path = store.index_path(folder)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if health.full(error, db_path):
                raise health.not_saved(error, db_path) from None
            raise LibraryError(
                f"{escape_name(db_path.parent)}: cannot keep the index there ({error.strerror or error}); "
                "set XDG_CACHE_HOME to a writable folder"
            ) from None
        lib = cls(folder, db_path, notify)
        try:
            if not lib._prepare():
                lib._trusted = True  # made here
            elif verify or not health.as_left(db_path):
                # Damage in the middle of the file is found only by reading every page:
                # in a thread, while the caller goes on (a refresh scans the folder).
                lib._check = health.Check(db_path)
            else:
                lib._trusted = True
        except (OSError, sqlite3.Error) as error:
            lib.close()
            if health.full(error, db_path):
                raise health.not_saved(error, db_path) from None
            raise
        return lib

    def close(self) -> None:
        self._drop_connections()
        if self._trusted:  # what this process wrote, it wrote through SQLite
            health.leave(self.db_path)
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
                if health.full(error, self.db_path):
                    raise health.not_saved(error, self.db_path) from None
                raise LibraryError(f"{escape_name(self.db_path)}: cannot open the index ({error})") from None
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

    def _prepare(self) -> bool:
        """Make sure the file is an index of this folder; True if it was there already
        (and so may be damaged where only reading it all would tell)."""
        reason = self._problem()
        if reason is None:
            return True
        # Create or rebuild under the writer lock, and look again once it is held:
        # another process may have just done it.
        waited = self._lock.acquire(self._say, escape_name(self.folder))
        try:
            assert waited is not None
            self._drop_connections()
            reason = self._problem()
            if reason is not None:
                self._recreate(reason)
        finally:
            self._lock.release()
        return reason is None

    def _checked(self) -> None:
        """Wait for the check begun at open; a damaged index is rebuilt, with a message."""
        with self._checking:
            check, self._check = self._check, None
            damage = check.result() if check is not None else None
            if damage is not None:
                self._rebuild(f"it is damaged ({damage})")
            self._trusted = self._trusted or check is not None

    def _rebuild(self, reason: str) -> None:
        if self._lock.held:
            self._recreate(reason)
            return
        waited = self._lock.acquire(self._say, escape_name(self.folder))
        try:
            assert waited is not None
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
            self._say(f"{escape_name(self.folder)}: rebuilding the index, because {reason}")
            self.needs_refresh = True
            self._rebuilt = reason
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
        if self.on_rebuilt is not None and reason != "new":
            self.on_rebuilt()

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
        waiting: Callable[[], None] | None = None,
    ) -> RefreshReport:
        """Bring the index up to date with the folder: read the files added or changed
        (size or modification time) since the last refresh, forget the removed ones.

        ``progress(done, total)`` counts the files to read; ``on_rows(added, removed_ids)``
        follows each saved batch. Waits (saying so through ``notify``) while another
        process refreshes the same folder, calling ``waiting()`` meanwhile, about ten
        times a second. ``cancel`` stops between batches; what was saved stays saved and
        the next refresh goes on from there. A full disk raises IndexNotSaved (what
        was saved before stays).
        """
        started = time.monotonic()
        tally: list[int] = []  # files saved, files to read

        def poll() -> bool:
            if waiting is not None:
                waiting()
            return cancel is not None and cancel.is_set()

        def counted(done: int, total: int) -> None:
            tally[:] = done, total
            if progress is not None:
                progress(done, total)

        try:
            waited = self._lock.acquire(self._say, escape_name(self.folder), poll)
            if waited is None:
                return RefreshReport(0, 0, 0, 0, 0, self.count(), (), time.monotonic() - started, 0.0, True)
            try:
                report = self._refresh_locked(counted, on_rows, workers, cancel)
            finally:
                self._lock.release()
        except (OSError, sqlite3.Error) as error:
            if health.full(error, self.db_path):
                raise health.not_saved(error, self.db_path, tally[1] - tally[0] if tally else None) from None
            raise
        rebuilt, self._rebuilt = self._rebuilt, None
        return dataclasses.replace(report, seconds=time.monotonic() - started, waited=waited, rebuilt=rebuilt)

    def _refresh_locked(
        self,
        progress: Progress | None,
        on_rows: OnRows | None,
        workers: int | None,
        cancel: threading.Event | None,
    ) -> RefreshReport:
        self._follow_replaced_file()
        # The scan (a stat of every file) runs while the check begun at open reads the index.
        scanned = updating.scan(self.folder, self._prefix)
        self._checked()
        self._unlisted = scanned.problems
        for attempt in (1, 2):
            try:
                report = updating.refresh(
                    self._conn(), self.folder, self._prefix, progress, on_rows, workers, cancel, scanned
                )
                break
            except sqlite3.DatabaseError as error:
                if attempt == 2 or not self._damaged(error):
                    raise
                self._recreate(f"it is damaged ({error})")
        self.needs_refresh = report.cancelled
        return report

    def _damaged(self, error: sqlite3.DatabaseError) -> bool:
        return health.damaged(error, self._conn, self.db_path)

    def _follow_replaced_file(self) -> None:
        """Another process may have rebuilt the index as a new file while this one had the
        old one open: reconnect, and check the new one."""
        if getattr(self._local, "conn", None) is not None and _inode(self.db_path) != self._local.inode:
            self._drop_connections()
        reason = self._problem()
        if reason is not None:
            self._recreate(reason)

    # --- reading the index --------------------------------------------------------

    def _read(
        self, fn: Callable[[sqlite3.Connection], object], empty: object, *, answer: bool = False
    ) -> object:
        """Run a read, once the check begun at open is done. A damaged index is rebuilt
        empty (with a message) instead of failing, and ``needs_refresh`` tells the caller
        to refresh; for an ``answer`` (similar, stories) an empty result would be a wrong
        one: IndexRebuilt is raised instead."""
        self._checked()
        try:
            try:
                return fn(self._conn())
            except sqlite3.ProgrammingError:
                # Another thread of this library rebuilt the index and closed this
                # thread's connection under it: once more, on a new connection.
                self._local.conn = None
                return fn(self._conn())
        except sqlite3.DatabaseError as error:
            if self._lock.held or not self._damaged(error):
                raise  # a refresh holding the lock rebuilds it itself
            self._rebuild(f"it is damaged ({error})")
            if answer:
                raise health.IndexRebuilt(
                    f"{escape_name(self.folder)}: the index was damaged and has been rebuilt empty"
                ) from None
            return empty

    @property
    def searchable(self) -> bool:
        """False while a first build (or a big refresh) is under way: its inverted index is
        written at the end, and until then similar() finds nothing. rows(), load() and
        stories() work throughout."""
        return self._read(lambda c: store.meta(c, "postings") == "complete", False)  # type: ignore[return-value]

    def count(self) -> int:
        return self._read(queries.count, 0)  # type: ignore[return-value]

    def rows(self, offset: int = 0, limit: int | None = None) -> list[Row]:
        """Indexed articles in path order (then record), ``limit`` of them from ``offset``."""
        return self._read(lambda c: queries.rows(c, self._prefix, offset, limit), [])  # type: ignore[return-value]

    def row(self, article_id: int) -> Row | None:
        return self._read(lambda c: queries.row(c, self._prefix, article_id), None)  # type: ignore[return-value]

    def problems(self) -> list[Problem]:
        """Every file of the folder that could not be read (as of the last refresh), and
        the folders this process's last refresh could not list."""
        found = self._read(lambda c: queries.problems(c, self._prefix), [])
        return sorted([*self._unlisted, *found], key=lambda p: str(p.path))  # type: ignore[misc]

    def state(self) -> tuple[str | None, str | None]:
        """What changes whenever the index does: (when it was created, its generation)."""
        return self._read(queries.state, (None, None))  # type: ignore[return-value]

    def changes(self, known: set[int]) -> tuple[list[Row], list[int]]:
        """The rows the index has and ``known`` does not, and the ids of ``known`` it no
        longer has: how a reader follows what another process writes."""
        return self._read(lambda c: queries.changes(c, self._prefix, known), ([], []))  # type: ignore[return-value]

    def load(self, article_id: int) -> Article | Problem:
        """The article, read again from its file. A file that vanished, or changed so that
        the article is no longer in it, gives a Problem (``path: reason``)."""
        return queries.load(self.folder, article_id, self.row(article_id))

    # --- copies and stories -------------------------------------------------------

    def similar(self, target: int | Row | Article, limit: int = 20) -> list[Match]:
        """The indexed articles sharing text with ``target`` (an indexed article's id or
        row, or any loaded article), best first; the target itself is left out. The
        score is the share of the smaller text found in the other, from the sampled
        shingles of the index. Finds nothing while the index is not ``searchable``;
        an id that is not in the index raises LibraryError."""
        where = {"folder": self.folder, "resolved": self._resolved, "prefix": self._prefix}
        return self._read(lambda c: queries.similar(c, target, limit, **where), [], answer=True)  # type: ignore[return-value]

    def stories(self) -> list[Story]:
        """The folder grouped into stories, every article in exactly one: the stories
        with the most versions first, each with its likely original first (agency
        dateline, earliest date, longest text; see :mod:`reader.core.original`).
        Computed once per change of the index, then read back."""
        return self._read(  # type: ignore[return-value]
            lambda c: queries.stories(c, self._prefix, self._lock, self._group), [], answer=True
        )

    def _group(self, conn: sqlite3.Connection) -> list[list[int]]:
        # A method, so that a test can tell whether a grouping was read back or computed.
        return queries.group_ids(conn)


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None
