"""The shell commands for large folders: ``reader index``, ``reader similar``, ``reader stories``.

Each brings the folder's index up to date first (reading only what changed),
with a progress bar on a terminal, then answers from the index. Messages go
to stderr as ``reader: ...``; results to stdout, as a table or as JSON.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from .cli import EXIT_SAME, EXIT_TROUBLE, Trouble, dump_json
from .core.sanitize import clean
from .library import Library, LibraryError, RefreshReport

# A refresh that reads fewer files than this is over before a bar would be seen.
_BAR_FROM = 200


def _say(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr, flush=True)


def _shown(text: str) -> Text:
    """Untrusted text (titles, file names) for the terminal: control sequences stripped,
    never read as markup."""
    return Text(" ".join(clean(text).split()))


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress callback drawing a bar on stderr when it is a terminal (and the work is
    big enough to be worth one); silent otherwise."""
    console = Console(stderr=True, markup=False, highlight=False, emoji=False)
    if not console.is_terminal:
        yield lambda done, total: None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < _BAR_FROM:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        bar.stop()


def _open(folder: Path) -> Library:
    try:
        return Library.open(folder, notify=_say)
    except LibraryError as error:
        raise Trouble(str(error)) from None


def _refresh(lib: Library, label: str) -> RefreshReport:
    with _progress_bar(label) as progress:
        report = lib.refresh(progress)
    for problem in report.problems:
        _say(str(problem))
    return report


def index(folder: Path) -> int:
    """Build or refresh the index of FOLDER and say what was done."""
    try:
        with _open(folder) as lib:
            report = _refresh(lib, f"indexing {_plain(folder)}")
            stored = len(lib.problems())
            db = lib.db_path
    except Trouble as error:
        _say(str(error))
        return EXIT_TROUBLE
    print(_summary(folder, report, stored))
    print(f"index: {db}")
    return EXIT_SAME


def _plain(path: Path | str) -> str:
    return " ".join(clean(str(path)).split())


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
    line = f"{_plain(folder)}: {report.articles:,} articles in {report.files:,} files, {what}"
    if stored_problems:
        line += f"; {stored_problems:,} files could not be read"
    if report.rebuilt:
        line += " (index rebuilt)"
    return line


def _seconds(s: float) -> str:
    return f"{s:.1f} s" if s < 120 else f"{int(s // 60)} min {int(s % 60)} s"


def similar(file: str, folder: Path, as_json: bool, limit: int) -> int:
    """The articles of FOLDER sharing text with FILE (FILE#N for a record), best first."""
    from .commands import load_one

    if limit < 1:
        _say(f"--limit: must be at least 1 (got {limit})")
        return EXIT_TROUBLE
    try:
        article = load_one(file)
        with _open(folder) as lib:
            _refresh(lib, f"indexing {_plain(folder)}")
            started = time.perf_counter()
            matches = lib.similar(article, limit=limit)
            elapsed = time.perf_counter() - started
            articles = lib.count()
    except (Trouble, LibraryError) as error:
        _say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json([{"path": m.row.name, "score": m.score} for m in matches])
        return EXIT_SAME
    console = Console(markup=False, highlight=False, emoji=False, width=None if sys.stdout.isatty() else 200)
    if not matches:
        console.print(Text(f"No article of {_plain(folder)} shares text with {_plain(file)}."))
        return EXIT_SAME
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("shared", justify="right", no_wrap=True)
    table.add_column("path", no_wrap=True, overflow="fold")
    table.add_column("agency", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis")
    for m in matches:
        table.add_row(
            f"{m.score:.0%}",
            _shown(m.row.name),
            _shown(m.row.agency or "-"),
            str(m.row.words),
            _shown(m.row.title),
        )
    console.print(table)
    if sys.stderr.isatty():
        _say(f"{len(matches)} best of {articles:,} articles in {elapsed * 1000:.0f} ms")
    return EXIT_SAME


def stories(folder: Path, as_json: bool) -> int:
    """FOLDER grouped into stories, the likely original of each first."""
    try:
        with _open(folder) as lib:
            _refresh(lib, f"indexing {_plain(folder)}")
            found = lib.stories()
    except (Trouble, LibraryError) as error:
        _say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json([{"story": s.story_id, "articles": [m.name for m in s.members]} for s in found])
        return EXIT_SAME
    console = Console(markup=False, highlight=False, emoji=False, width=None if sys.stdout.isatty() else 200)
    several = [s for s in found if len(s.members) > 1]
    alone = sum(1 for s in found if len(s.members) == 1)
    for s in several:
        heading = Text(f"story {s.story_id} · {len(s.members)} versions", style="bold")
        console.print(heading)
        table = Table(box=None, padding=(0, 1), show_edge=False, show_header=False)
        table.add_column("mark", no_wrap=True)
        table.add_column("path", no_wrap=True, overflow="fold")
        table.add_column("agency", no_wrap=True)
        table.add_column("words", justify="right", no_wrap=True)
        table.add_column("title", no_wrap=True, overflow="ellipsis")
        for i, m in enumerate(s.members):
            table.add_row(
                "original" if i == 0 else "",
                _shown(m.name),
                _shown(m.agency or "-"),
                str(m.words),
                _shown(m.title),
            )
        console.print(table)
        console.print()
    total = sum(len(s.members) for s in found)
    console.print(
        Text(
            f"{_count(len(several), 'story', 'stories')} with several versions, the likely original "
            "first (agency dateline, earliest date, longest text).\n"
            f"{alone:,} of {_count(total, 'article', 'articles')} "
            f"{'has' if alone == 1 else 'have'} no other version in the folder."
        )
    )
    return EXIT_SAME


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"
