"""The library's answers on a terminal: the progress bar of a refresh, the copies
of one article (``reader similar``) and the stories of a folder (``reader stories``).

Titles and file names come from the user's files: they are cleaned of control
sequences and enter rich as ``Text``, never as markup.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.core.sanitize import clean, escape_name
from reader.view.names import own_parts, shared_prefix

from .console import make_console

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


class Listed(Protocol):
    """An article as the library lists it (reader.library.Row)."""

    name: str
    outlet: str | None
    agency: str | None
    words: int
    title: str


class Match(Protocol):
    row: Listed
    score: float


class Story(Protocol):
    story_id: int
    members: Sequence[Listed]


# A refresh that reads fewer files than this is over before a bar would be seen.
_BAR_FROM = 200


def plain(text: object) -> str:
    """A title on one line, control sequences stripped (names: escape_name)."""
    return " ".join(clean(str(text)).split())


def _shown(text: str) -> Text:
    from rich.text import Text

    return Text(plain(text))


def _name(path: str) -> Text:
    from rich.text import Text

    return Text(escape_name(path))


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress callback drawing a bar on stderr when it is a terminal (and the work is
    big enough to be worth one); silent otherwise."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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


def _outlets(rows: Sequence[Listed]) -> list[str]:
    """Each row's outlet, else what its file name does not share with the others listed."""
    names = [escape_name(Path(row.name).name) for row in rows]
    # Names that share no start tell nothing the path column does not.
    own = own_parts(names) if shared_prefix(names) else ["-"] * len(rows)
    return [plain(row.outlet) if row.outlet else own[k] for k, row in enumerate(rows)]


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _table(show_header: bool) -> Table:
    from rich.table import Table

    return Table(box=None, padding=(0, 1), show_edge=False, show_header=show_header, header_style="bold")


def _add_columns(table: Table, first: str, justify: str) -> None:
    table.add_column(first, justify=justify, no_wrap=True)
    table.add_column("path", no_wrap=True, overflow="fold")
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=24)
    table.add_column("agency", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("title", no_wrap=True, overflow="ellipsis")


def _console():
    return make_console(width=None if sys.stdout.isatty() else 200)


def print_similar(matches: Sequence[Match], folder: object, file: str) -> None:
    from rich.text import Text

    console = _console()
    if not matches:
        console.print(Text(f"No article of {escape_name(str(folder))} shares text with {escape_name(file)}."))
        return
    table = _table(show_header=True)
    _add_columns(table, "shared", "right")
    outlets = _outlets([m.row for m in matches])
    for m, outlet in zip(matches, outlets, strict=True):
        table.add_row(
            f"{m.score:.0%}",
            _name(m.row.name),
            Text(outlet),
            _shown(m.row.agency or "-"),
            str(m.row.words),
            _shown(m.row.title),
        )
    console.print(table)


def print_stories(found: Sequence[Story]) -> None:
    from rich.text import Text

    console = _console()
    several = [s for s in found if len(s.members) > 1]
    alone = sum(1 for s in found if len(s.members) == 1)
    for s in several:
        console.print(Text(f"story {s.story_id} · {len(s.members)} versions", style="bold"))
        table = _table(show_header=False)
        _add_columns(table, "mark", "left")
        for i, (m, outlet) in enumerate(zip(s.members, _outlets(s.members), strict=True)):
            table.add_row(
                "original" if i == 0 else "",
                _name(m.name),
                Text(outlet),
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
