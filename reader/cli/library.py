"""The shell commands for large folders: ``reader index``, ``reader similar``, ``reader stories``.

Each brings the folder's index up to date first (reading only what changed),
with a progress bar on a terminal, then answers from the index. Messages go
to stderr as ``reader: ...``; results to stdout, as a table or as JSON.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..library import Library, LibraryError, RefreshReport
from ..term.library import plain, print_similar, print_stories, progress_bar
from .compare import load_one
from .errors import EXIT_SAME, EXIT_TROUBLE, Trouble, dump_json, say


def _open(folder: Path) -> Library:
    try:
        return Library.open(folder, notify=say)
    except LibraryError as error:
        raise Trouble(str(error)) from None


def _refresh(lib: Library, folder: Path) -> RefreshReport:
    with progress_bar(f"indexing {plain(folder)}") as progress:
        report = lib.refresh(progress)
    for problem in report.problems:
        say(str(problem))
    return report


def index(folder: Path) -> int:
    """Build or refresh the index of FOLDER and say what was done."""
    try:
        with _open(folder) as lib:
            report = _refresh(lib, folder)
            stored = len(lib.problems())
            db = lib.db_path
    except Trouble as error:
        say(str(error))
        return EXIT_TROUBLE
    print(_summary(folder, report, stored))
    print(f"index: {db}")
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
    line = f"{plain(folder)}: {report.articles:,} articles in {report.files:,} files, {what}"
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
            _refresh(lib, folder)
            started = time.perf_counter()
            matches = lib.similar(article, limit=limit)
            elapsed = time.perf_counter() - started
            articles = lib.count()
    except (Trouble, LibraryError) as error:
        say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json([{"path": m.row.name, "score": m.score} for m in matches])
        return EXIT_SAME
    print_similar(matches, folder, file)
    if matches and sys.stderr.isatty():
        say(f"{len(matches)} best of {articles:,} articles in {elapsed * 1000:.0f} ms")
    return EXIT_SAME


def stories(folder: Path, as_json: bool) -> int:
    """FOLDER grouped into stories, the likely original of each first."""
    try:
        with _open(folder) as lib:
            _refresh(lib, folder)
            found = lib.stories()
    except (Trouble, LibraryError) as error:
        say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json([{"story": s.story_id, "articles": [m.name for m in s.members]} for s in found])
        return EXIT_SAME
    print_stories(found)
    return EXIT_SAME
