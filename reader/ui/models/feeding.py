"""How the list is fed, in a worker thread: a folder's index (what it knows at once,
then a refresh, batch by batch) or files read into memory. Results go to callbacks,
so that this runs and is tested without an app."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from time import monotonic

from reader.core.model import LoadResult, Problem
from reader.library import Library, Row

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


def known_rows(library: Library) -> Iterator[tuple[list[Row], list[ArticleRow]]]:
    """What the index knows before any refresh: a first screenful, then the rest (always
    one batch, even empty). The rows are made into table rows here, not in the app's
    thread: 100k of them take a second."""
    first = library.rows(0, FIRST_ROWS)
    rest = library.rows(FIRST_ROWS) if len(first) == FIRST_ROWS else []
    for start, rows in ((0, first), (len(first), rest)):
        if rows or not start:
            yield rows, [library_row(start + n, row) for n, row in enumerate(rows)]


def refresh(
    library: Library,
    progress: Progress,
    on_rows: Callable[[list, list[int]], None],
    cancel: threading.Event,
) -> tuple[object, str]:
    """Bring the index up to date: (its report, or None and what went wrong)."""
    error = ""
    for workers in (None, 1):  # without a pool of processes, in this one
        try:
            return library.refresh(progress, on_rows, workers=workers, cancel=cancel), ""
        except Exception as failure:  # the index reports bad files itself; a last resort
            error = f"{library.db_path}: could not refresh the index: {type(failure).__name__}: {failure}"
    return None, error


def read_files(paths: Sequence[Path], progress: Progress) -> tuple[LoadResult, list[ArticleRow]]:
    """Every article of the paths, read into memory, and its table row."""
    from reader.core.loading import load_paths

    try:
        result = load_paths(paths, progress)
        return result, article_rows(result.articles)
    except Exception as error:  # the loader reports bad files itself; this is a last resort
        reason = f"could not load: {type(error).__name__}: {error}"
        return LoadResult((), tuple(Problem(path, reason) for path in paths)), []
