"""Where a folder's index lives, its SQLite schema, and the one-writer lock.

One database per folder, keyed by the folder's resolved path, under
``$XDG_CACHE_HOME/wire-reader/`` (else ``~/.cache/wire-reader/``): never in the
article folder, which may be read-only, shared, or under version control.
WAL lets any number of readers (the app, ``reader similar``) read while one
process writes; a lock file beside the database makes sure only one writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.sanitize import escape_controls, escape_name

# Bump when the tables or what is stored in them change: an index of another
# version is rebuilt, not migrated (it is a cache; the articles are the truth).
SCHEMA_VERSION = 4  # 3: the outlet falls back on the URL's host; 4: paths as bytes
APP_DIR = "wire-reader"

Notify = Callable[[str], None]

# Statements are split on ";", so comments must not hold one.
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Every candidate file of the folder, readable or not, with what it was when read.
-- rel: the path inside the folder, as the bytes the file system holds (see path_blob).
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    rel BLOB NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL,
    rel BLOB NOT NULL,
    record INTEGER,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    agency TEXT,
    dateline TEXT,
    outlet TEXT,
    date TEXT,
    url TEXT,
    words INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    language TEXT,                 -- ISO 639-1
    fingerprint INTEGER NOT NULL,  -- CRC-32 of the folded body: verbatim copies
    samples INTEGER NOT NULL,      -- how many sampled shingles the sketch holds
    sketch BLOB NOT NULL           -- the sampled shingles, sorted, little-endian uint32
);
CREATE INDEX articles_order ON articles (rel, record);
CREATE INDEX articles_file ON articles (file);
CREATE TABLE problems (file INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE INDEX problems_file ON problems (file);
-- The inverted index (see postings.py): the holders of each sampled shingle, packed.
-- Complete when meta.postings = 'complete' (a first build writes it at the end).
CREATE TABLE postings (hash INTEGER PRIMARY KEY, articles BLOB NOT NULL);
-- The last grouping into stories, valid while meta.stories = meta.generation.
CREATE TABLE story_of (article INTEGER PRIMARY KEY, story INTEGER NOT NULL, position INTEGER NOT NULL);
"""

# SQLite's primary result codes for a damaged file and for a file that is not a database.
_CORRUPT_CODES = frozenset((sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB))
# Its extended codes for a read the disk failed: SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ.
_READ_FAILED = frozenset((266, 522))


def path_blob(rel: str) -> bytes:
    """How a path is kept: its bytes. A name that is not UTF-8 (an old archive, a
    mounted Windows share) comes from Python as a str SQLite cannot store as TEXT; as
    bytes every name is kept as it is, and sorts as the file system's bytes do."""
    return os.fsencode(rel)


def path_of(blob: bytes) -> str:
    """A path as the index keeps it, back as the str Python opens it by."""
    return os.fsdecode(blob)


def folder_key(resolved: str) -> str:
    """The folder as ``meta.folder`` names it: as it is shown (escape_name tells every
    name apart), which SQLite keeps as text whatever bytes the name holds."""
    return escape_name(resolved)


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/wire-reader`` when that is set to an absolute path (as the
    XDG spec asks: a relative one is ignored), else ``~/.cache/wire-reader``."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / APP_DIR


def index_path(folder: Path) -> Path:
    """The database file of a folder: its name, for people looking in the cache, and a
    hash of its resolved path, so that two folders named alike never share one."""
    resolved = str(Path(folder).resolve())
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(resolved).name or "root").strip("._")[:40] or "folder"
    return cache_dir() / f"{name}-{digest}.sqlite3"


def is_corruption(error: BaseException) -> bool:
    # A read the disk failed (a bad sector) is damage too: the file is rebuilt elsewhere.
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.DatabaseError) and (
        (code is not None and code & 0xFF in _CORRUPT_CODES)
        or code in _READ_FAILED
        or "malformed" in str(error)
        or "not a database" in str(error)
    )


def connect(path: Path) -> sqlite3.Connection:
    # A generous busy timeout: readers only wait for a WAL checkpoint or recovery.
    conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # a crash may lose the last batch, never corrupt
        conn.execute("PRAGMA cache_size=-65536")  # 64 MB
        conn.execute("PRAGMA temp_store=MEMORY")
        # Each page checked more closely as it is read: damage found before it answers.
        conn.execute("PRAGMA cell_size_check=ON")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def problem_with(conn: sqlite3.Connection, folder: str) -> str | None:
    """Why this database cannot serve as the folder's index, or None if it can."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if version == 0 and tables == 0:
                return "new"
            return (
                f"it was written by another version of wire-reader (format {version}, now {SCHEMA_VERSION})"
            )
        row = conn.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
        if row is None:
            return "it is incomplete"
        if row[0] != folder_key(folder):
            # Written by folder_key(), unless the file was put there by hand.
            return f"it belongs to another folder ({escape_controls(str(row[0]))})"
    except sqlite3.DatabaseError as error:
        return f"it is damaged ({error})"
    return None


def create(conn: sqlite3.Connection, folder: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [
            ("folder", folder_key(folder)),
            ("generation", "0"),
            ("stories", "-1"),
            ("postings", "complete"),
            ("created", str(time.time())),
        ],
    )
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(found[0]) if found else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def bump(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


class WriterLock:
    """An exclusive lock on ``<index>.lock``: one process writes a folder's index at a time.

    ``flock`` locks are released by the kernel when their holder exits, so a
    crashed or killed ``reader`` never leaves a stale lock behind.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(
        self, notify: Notify | None, what: str, should_stop: Callable[[], bool] | None = None
    ) -> float | None:
        """Take the lock, waiting (and saying so once) while another process holds it.
        Returns the seconds waited, or None when ``should_stop`` asked to give up."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        start = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    told = True
                    if notify is not None:
                        holder = self._holder(fd)
                        who = f"another reader process (pid {holder})" if holder else "another reader process"
                        notify(f"waiting for {who} to finish updating the index of {what}")
                if should_stop is not None and should_stop():
                    os.close(fd)
                    return None
                time.sleep(0.1)
        self._fd = fd
        # The pid is only for the waiting message: a full disk must not stop the lock
        # (nor leave it held by a descriptor nobody will close).
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        return time.monotonic() - start

    def try_acquire(self) -> bool:
        """Take the lock only if nobody holds it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        except OSError:
            return ""
