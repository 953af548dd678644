"""The index file itself going wrong: damage (a bad sector, a half-copied cache) found
by SQLite's quick_check before the index answers, and a disk with no room left for it.
Every page a query reads is checked as it is read, too (store.connect:
``cell_size_check``).

The articles are the truth and the index a cache: a damaged index is rebuilt, and
an index that cannot be saved is said in one line, never as a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from reader.core.sanitize import escape_name

from . import store
from .rows import LibraryError

_FULL_ERRNOS = frozenset((errno.ENOSPC, errno.EDQUOT))
# Less room than this left on the cache's file system when a write fails: it is full
# (SQLite reports some writes that ran out of room as I/O errors, not as SQLITE_FULL).
_ALMOST_FULL = 256 * 1024


class IndexNotSaved(LibraryError):
    """The cache's disk is full: what was saved before stays, the rest is not indexed."""

    def __init__(self, path: Path, reason: str, unread: int | None = None) -> None:
        self.path = path
        self.reason = reason  # "no space left on /mnt/cache"
        self.unread = unread  # files of the refresh not read into the index, when known
        super().__init__(f"the index could not be saved: {reason} ({escape_name(path)})")


class IndexRebuilt(LibraryError):
    """The index turned out damaged while answering and was rebuilt empty: refresh it,
    then ask again (an empty answer would be a wrong one)."""


def full(error: BaseException, path: Path) -> bool:
    """Whether a failed write failed for want of room where ``path`` is kept."""
    if isinstance(error, OSError):
        return error.errno in _FULL_ERRNOS
    if not isinstance(error, sqlite3.Error):
        return False
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(error):
        return True
    return code == sqlite3.SQLITE_IOERR and _room(path) < _ALMOST_FULL


def not_saved(error: BaseException, path: Path, unread: int | None = None) -> IndexNotSaved:
    quota = isinstance(error, OSError) and error.errno == errno.EDQUOT
    where = escape_name(mount_point(path))
    reason = f"disk quota exceeded on {where}" if quota else f"no space left on {where}"
    return IndexNotSaved(path, reason, unread)


def _room(path: Path) -> int:
    try:
        info = os.statvfs(_existing(path))
    except OSError:
        return _ALMOST_FULL
    return info.f_bavail * info.f_frsize


def _existing(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def mount_point(path: Path) -> Path:
    """The mount point of the file system holding ``path``: what ``df`` names."""
    path = _existing(path)
    while not os.path.ismount(path) and path != path.parent:
        path = path.parent
    return path


def damaged(error: sqlite3.DatabaseError, conn: Callable[[], sqlite3.Connection], path: Path) -> bool:
    """Whether an error of SQLite comes of damage: said so, or an error of another kind
    (a table missing, say) with a quick_check that finds damage."""
    if store.is_corruption(error):
        return True
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or full(error, path):
        return False
    try:
        return quick_check(conn()) is not None
    except sqlite3.Error:
        return False


def quick_check(conn: sqlite3.Connection) -> str | None:
    """Why the database is damaged (SQLite's first complaint, on one line), or None.
    Reads every page: 0.2 s for an index of 100k articles."""
    try:
        found = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
    except sqlite3.DatabaseError as error:
        return str(error)
    if found == ["ok"]:
        return None
    lines = [line for r in found for line in str(r).splitlines() if line and not line.startswith("***")]
    return " ".join((lines[0] if lines else "quick_check failed").split())[:160]


# --- whether the file is as wire-reader left it ------------------------------------
# Reading every page costs 0.2 s for 100k articles, 1 s from a cold disk cache: it is
# done when the file is not as a wire-reader process last left it (copied, restored,
# written by something else), and always by `reader index`. Damage that comes without
# a change of the file (a bad sector) makes reads fail, which is handled as damage too.


def _stamp(path: Path) -> str | None:
    try:
        s = os.stat(path)
    except OSError:
        return None
    return f"{s.st_dev} {s.st_ino} {s.st_size} {s.st_mtime_ns} {s.st_ctime_ns}"


def _stamp_file(path: Path) -> Path:
    return Path(f"{path}.checked")


def as_left(path: Path) -> bool:
    """Whether the file is as a wire-reader process last left it (or last checked it)."""
    try:
        kept = _stamp_file(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return False
    return kept == _stamp(path)


def leave(path: Path, stamp: str | None = None) -> None:
    """Remember the file as it is now (or as it was at ``stamp``): sound, as far as this
    process knows."""
    stamp = stamp or _stamp(path)
    if stamp is None:
        return
    spare = Path(f"{_stamp_file(path)}.{os.getpid()}")
    try:
        spare.write_text(stamp, encoding="ascii")
        os.replace(spare, _stamp_file(path))
    except OSError:  # a full disk: the next process checks the file again
        with contextlib.suppress(OSError):
            spare.unlink()


class Check:
    """quick_check in a thread of its own and on a connection of its own, started when
    the index is opened, so that it overlaps the scan of the folder; :meth:`result`
    waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._damage: str | None = None
        self._thread = threading.Thread(target=self._run, name="index-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        before = _stamp(self.path)
        try:
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            self._damage = str(error)
            return
        try:
            self._damage = quick_check(conn)
        finally:
            conn.close()
        if self._damage is None and _stamp(self.path) == before:
            leave(self.path, before)

    def result(self) -> str | None:
        """Why the index is damaged, or None."""
        self._thread.join()
        return self._damage
