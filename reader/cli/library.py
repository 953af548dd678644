"""The shell commands for large folders: ``reader index``, ``reader similar``, ``reader stories``.

Each brings the folder's index up to date first (reading only what changed),
with a progress bar on a terminal, then answers from the index. Messages go
to stderr as ``reader: ...``; results to stdout, as a table or as JSON.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..core.sanitize import escape_name
from ..library import IndexRebuilt, Library, LibraryError, RefreshReport
from ..term.library import print_similar, print_stories, progress_bar
from ..view.json import path_fields, paths_fields
from .compare import load_one
from .errors import EXIT_SAME, EXIT_TROUBLE, Trouble, dump_json, say

T = TypeVar("T")


def _open(folder: Path, *, verify: bool = False) -> Library:
    try:
        return Library.open(folder, notify=say, verify=verify)
    except LibraryError as error:
        raise Trouble(str(error)) from None


def _refresh(lib: Library, folder: Path) -> RefreshReport:
    with progress_bar(f"indexing {escape_name(folder)}") as progress:
        report = lib.refresh(progress)
    for problem in report.problems:
        say(str(problem))
    return report


def _answer(lib: Library, folder: Path, ask: Callable[[], T]) -> T:
    """The index's answer; should the index turn out damaged while answering, it is
    rebuilt (and said), read again, and asked again: never an empty answer instead."""
    try:
        return ask()
    except IndexRebuilt:
        _refresh(lib, folder)
        return ask()


def index(folder: Path) -> int:
    """Build or refresh the index of FOLDER and say what was done."""
    try:
        # Every page of the index read for damage, while the folder is scanned: after
        # `reader index`, the index is whole.
        with _open(folder, verify=True) as lib:
            report = _refresh(lib, folder)
            stored = len(lib.problems())
            db = lib.db_path
    except (Trouble, LibraryError) as error:
        say(str(error))
        return EXIT_TROUBLE
    print(_summary(folder, report, stored))
    print(f"index: {escape_name(db)}")
    return EXIT_TROUBLE if stored else EXIT_SAME


def _summary(folder: Path, report: RefreshReport, stored_problems: int) -> str:
    if report.read == 0 and report.removed == 0:
        what = "up to date"
    else:
        parts = []
        if report.added:
            parts.append(f"{report.added:,} added")
        if report.changed:
            parts.append(f"{report.changed:,} changed")
        if report.removed:
            parts.append(f"{report.removed:,} removed")
        what = f"{', '.join(parts)} in {_seconds(report.seconds)}"
    line = f"{escape_name(folder)}: {report.articles:,} articles in {report.files:,} files, {what}"
    if stored_problems:
        line += f"; {stored_problems:,} file{'s' if stored_problems != 1 else ''} could not be read"
    if report.rebuilt:
        line += " (index rebuilt)"
    return line


def _seconds(s: float) -> str:
    return f"{s:.1f} s" if s < 120 else f"{int(s // 60)} min {int(s % 60)} s"


def similar(file: str, folder: Path, as_json: bool, limit: int) -> int:
    """The articles of FOLDER sharing text with FILE (FILE#N for a record), best first."""
    if limit < 1:
        say(f"--limit: must be at least 1 (got {limit})")
        return EXIT_TROUBLE
    try:
        article = load_one(file)
        with _open(folder) as lib:
            report = _refresh(lib, folder)
            started = time.perf_counter()
            matches = _answer(lib, folder, lambda: lib.similar(article, limit=limit))
            elapsed = time.perf_counter() - started
            articles = lib.count()
            status = _unread(lib, folder, report)
    except (Trouble, LibraryError) as error:
        say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json([{**path_fields(m.row.name), "score": m.score} for m in matches])
        return status
    print_similar(matches, folder, file)
    if matches and sys.stderr.isatty():
        say(f"{len(matches)} best of {articles:,} articles in {elapsed * 1000:.0f} ms")
    return status


def stories(folder: Path, as_json: bool) -> int:
    """FOLDER grouped into stories, the likely original of each first."""
    try:
        with _open(folder) as lib:
            report = _refresh(lib, folder)
            found = _answer(lib, folder, lib.stories)
            status = _unread(lib, folder, report)
    except (Trouble, LibraryError) as error:
        say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json(
            [{"story": s.story_id, **paths_fields([m.name for m in s.members], "articles")} for s in found]
        )
        return status
    print_stories(found)
    return status


def _unread(lib: Library, folder: Path, report: RefreshReport) -> int:
    """Exit 2 when some of the folder could not be read, as every command does; files a
    refresh before this one found unreadable are said in one line (this refresh said its
    own, one line each)."""
    stored = len(lib.problems())
    earlier = stored - len(report.problems)
    if earlier > 0:
        say(
            f"{escape_name(folder)}: {earlier:,} more file{'s' if earlier != 1 else ''} could not be read "
            "(reader index names them)"
        )
    return EXIT_TROUBLE if stored else EXIT_SAME
