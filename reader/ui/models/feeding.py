"""How the list is fed, in a worker thread: a folder's index (what it knows at once,
then a refresh, batch by batch) or files read into memory. Results go to callbacks,
so that this runs and is tested without an app."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from time import monotonic

from reader.core.failures import failed
from reader.core.model import LoadResult, Problem
from reader.library import Library, LibraryError, Row

from .article_rows import ArticleRow, article_rows, library_row

# Rows of the index shown before the rest are read (a warm start's first screen).
FIRST_ROWS = 200

Progress = Callable[[int, int], None]


def throttled(report: Progress, every: float) -> Progress:
    """A progress callback passing on at most one call every ``every`` seconds (and the last)."""
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = monotonic()
        if now - last >= every or done >= total:
            last = now
            report(done, total)

    return progress


def at_most_every(seconds: float, call: Callable[[], None]) -> Callable[[], None]:
    """``call``, passed on at most once every ``seconds``."""
    last = monotonic()

    def throttled() -> None:
        nonlocal last
        if monotonic() - last >= seconds:
            last = monotonic()
            call()

    return throttled


def known_rows(library: Library) -> Iterator[tuple[list[Row], list[ArticleRow], bool]]:
    """What the index knows before any refresh: a first screenful, then the rest (the first
    batch always, even empty), each with whether more is being read. The rows are made
    into table rows here, not in the app's thread: 100k of them take a second."""
    first = library.rows(0, FIRST_ROWS)
    more = len(first) == FIRST_ROWS
    # Handed on before the rest is read: a million rows take seconds to read.
    yield first, [library_row(n, row) for n, row in enumerate(first)], more
    if more:
        rest = library.rows(FIRST_ROWS)
        yield rest, [library_row(len(first) + n, row) for n, row in enumerate(rest)], False


def refresh(
    library: Library,
    progress: Progress,
    on_rows: Callable[[list, list[int]], None],
    cancel: threading.Event,
    waiting: Callable[[], None] | None = None,
) -> tuple[object, str | LibraryError]:
    """Bring the index up to date: (its report, or None and what went wrong: a
    LibraryError, such as a full disk, or a line)."""
    error = ""
    for workers in (None, 1):  # without a pool of processes, in this one
        try:
            return library.refresh(progress, on_rows, workers=workers, cancel=cancel, waiting=waiting), ""
        except LibraryError as failure:  # said in one line; trying again would not help
            return None, failure
        except Exception as failure:  # the index reports bad files itself; a last resort
            error = f"{library.db_path}: could not refresh the index: {failed(failure)}"
    return None, error


class Follower:
    """Keeps the list in step with the index while another process writes it (this one
    waits for the writer lock meanwhile), and after a refresh: the rows the list has not
    been given, the ids it has that are gone, and, when the index was made anew, all of
    them again."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.known: set[int] = set()
        try:
            self._state = library.state()
        except (sqlite3.Error, LibraryError):
            self._state = (None, None)
        self._anew = False
        self._guard = threading.Lock()

    def seen(self, rows: Sequence[Row], removed: Sequence[int] = ()) -> None:
        """Rows the list was given (and ids it was told are gone)."""
        with self._guard:
            self.known.difference_update(removed)
            self.known.update(row.id for row in rows)

    def rebuilt(self) -> None:
        """The index was rebuilt empty by this process: the list starts again."""
        with self._guard:
            self.known.clear()
            self._anew = True  # the rows given from now on are of the new index

    def poll(self) -> list[tuple[list[Row], list[int]]]:
        """(rows added, ids removed) batches, in order, since the last poll; none when
        the index did not change (one small query), or could not be read just now (busy:
        looked at again at the next poll)."""
        with self._guard:
            try:
                state = self.library.state()
                if state == self._state:
                    return []
                anew = state[0] != self._state[0] and bool(self.known) and not self._anew
                # Made anew by another process: its ids may be the old ones of other files.
                added, removed = self.library.changes(set() if anew else self.known)
            except (sqlite3.Error, LibraryError):
                return []
            batches: list[tuple[list[Row], list[int]]] = []
            if anew:
                batches.append(([], sorted(self.known)))
                self.known.clear()
            self._state, self._anew = state, False
            self.known.difference_update(removed)
            self.known.update(row.id for row in added)
            if added or removed:
                batches.append((added, removed))
            return batches


def read_files(paths: Sequence[Path], progress: Progress) -> tuple[LoadResult, list[ArticleRow]]:
    """Every article of the paths, read into memory, and its table row."""
    from reader.core.loading import load_paths

    try:
        result = load_paths(paths, progress)
        return result, article_rows(result.articles)
    except Exception as error:  # the loader reports bad files itself; this is a last resort
        reason = f"could not load: {failed(error)}"
        return LoadResult((), tuple(Problem(path, reason) for path in paths)), []
