"""The first screen: the articles found, a preview, marks, filter and similarity.

Opened on one folder, the list stands on the folder's index (reader.library): the
rows the index knows are shown at once, then a worker refreshes the index and the
rows follow each saved batch (feeding.py). Articles are read from their files only
when shown, compared or ranked. Opened on files, every article is read into memory
instead. Where the articles come from, the marks and the order of the lines are
plain classes (reader.ui.models); this screen wires them to the widgets and keys.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from reader.core.model import Article, Problem
from reader.library import Library
from reader.ui.models.list_words import problem_line, status_parts
from reader.ui.models.sources import ArticleUnreadable, IndexSource, MemorySource, describe_paths, folder_of
from reader.ui.models.tables_source import TablesSource
from reader.ui.widgets.common.preview import ArticlePreview
from reader.ui.widgets.common.status_line import StatusLine
from reader.ui.widgets.list.article_table import ArticleTable
from reader.ui.widgets.list.load_progress import LoadProgress as LoadProgressPanel

from .feeding import Feeding
from .finding import Finding
from .keys import LIST_BINDINGS
from .tables import Tables

# The preview sits beside the table from this width; narrower, `enter`/`o` opens it.
PREVIEW_MIN_WIDTH = 120

NEED_ARTICLES = frozenset(
    {"mark", "mark_more", "unmark_all", "diff", "similar", "preview", "sort", "reverse_sort", "group"}
)
LETTER_KEYS = frozenset({*NEED_ARTICLES, "problems", "help"})


class ListScreen(Tables, Feeding, Finding, Screen[None]):
    """Article table, preview beside it when wide, filter input and status line."""

    CSS_PATH = "list.tcss"
    BINDINGS: ClassVar[list[BindingType]] = LIST_BINDINGS

    def __init__(self, paths: Sequence[Path], tables: Path | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.tables_dir = tables  # a Spark job's output (reader --from DIR)
        self.source: MemorySource | IndexSource | TablesSource = MemorySource()
        self.problems: tuple[Problem, ...] = ()
        self.loaded = False
        self.filter_text = ""
        # Opened on one folder: read through its index.
        self.folder = folder_of(self.paths) if tables is None else None
        self.indexing: tuple[int, int] | None = None  # files read, files to read
        self.stories: list | None = None  # the last grouping, while it is shown
        self.unreadable: list[Problem] = []  # indexed articles that could not be read again
        self._cancel = threading.Event()
        self._library_closing = threading.Lock()
        self._pending = False  # rows arrived since the table was last sorted
        self._last_sorted = 0.0
        self._previous_move = 0.0
        self._preview_timer = None

    @property
    def library(self) -> Library | None:
        return self.source.library

    @property
    def articles(self) -> Sequence[Article]:
        return self.source.articles

    @property
    def total(self) -> int:
        return self.source.total

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="list-body"):
            with Vertical(id="list-main"):
                yield LoadProgressPanel(describe_paths(self.paths), id="loading")
                yield ArticleTable(id="articles")
                yield Static(Content(""), id="empty")
            yield ArticlePreview(id="preview")
        yield Input(
            placeholder=(
                "Filter by title, outlet, place or file (enter: keep, escape: clear)"
                if self.folder is not None or self.tables_dir is not None
                else "Filter by title, outlet or text (enter: keep, escape: clear)"
            ),
            id="filter",
            compact=True,
        )
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#articles").display = False
        self.query_one("#empty").display = False
        self.query_one("#filter").display = False
        self._apply_width(self.app.size.width)
        self._update_status()
        if self.tables_dir is not None:
            self.read_tables()
        elif self.folder is not None:
            self.open_library(self.folder)
        else:
            self.load()

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= PREVIEW_MIN_WIDTH, "-wide")

    def say(self, text: str) -> None:
        """Passing information, in the status line (it covers nothing there)."""
        self.query_one("#status", StatusLine).say(text)

    @property
    def table(self) -> ArticleTable:
        return self.query_one("#articles", ArticleTable)

    @property
    def wide(self) -> bool:
        return self.has_class("-wide")

    def article(self, index: int, *, again: bool = True) -> Article | None:
        """The article at this position, read again from its file for a folder; a file
        that vanished or changed since it was indexed is said in one line (``again``:
        even when it was said before), and is None."""
        try:
            return self.source.article(index)
        except ArticleUnreadable as error:
            problem = error.problem
            if not again and problem in self.problems:
                return None
            if isinstance(self.source, TablesSource):
                self.say(self.unreadable_line(problem))  # the place is kept: nothing covers it
            else:
                self.notify(
                    problem_line(problem, self.paths),
                    title="Cannot read",
                    severity="error",
                    timeout=6,
                    markup=False,
                )
            if problem not in self.problems:
                self.unreadable.append(problem)
                self.problems = (*self.problems, problem)
                self._update_status()
            return None

    # -- status and preview ---------------------------------------------------

    def _update_status(self) -> None:
        parts = status_parts(
            self.table.listing,
            self.total,
            loading=describe_paths(self.paths) if not self.loaded and not self.total else None,
            indexing=self.indexing,
            reading=self.reading_index,
            filter_text=self.filter_text,
            problems=len(self.problems),
        )
        self.query_one("#status", StatusLine).show(Content.assemble(*parts))

    def _show_preview(self) -> None:
        index = self.table.current_index
        preview = self.query_one("#preview", ArticlePreview)
        # A vanished file is said once, not on every pass of the cursor over it.
        article = self.article(index, again=False) if index is not None else None
        if article is not None:
            preview.show(article, self.source.rows[index].words)
        else:
            preview.show(None)

    def on_article_table_highlighted(self) -> None:
        if not self.wide:
            return
        if isinstance(self.source, MemorySource):
            self._show_preview()
            return
        # A held key scrolls freely: while the cursor runs, reading the file waits until it rests.
        now = monotonic()
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        if now - self._previous_move >= 0.05:
            self._show_preview()
        else:
            self._preview_timer = self.set_timer(0.08, self._show_preview)
        self._previous_move = now

    def on_article_table_selected(self) -> None:
        if len(self.table.marks) >= 2:
            self.action_diff()
        else:
            self.action_preview()

    def on_article_table_header_clicked(self, event: ArticleTable.HeaderClicked) -> None:
        self.table.listing.sort_by(event.key)
        self.table.populate(self.table.order)

    # -- actions --------------------------------------------------------------

    def action_mark(self) -> None:
        self._toggle_mark(pair=True)

    def action_mark_more(self) -> None:
        self._toggle_mark(pair=False)

    def _toggle_mark(self, pair: bool) -> None:
        table = self.table
        entry = table.current_entry
        if entry is None:
            return
        if entry < 0:
            # A story's line stands for several articles: marking one of them silently
            # would surprise; say what to do instead.
            self.say("A story's line: enter opens it to mark its versions; d opens the story view.")
            return
        table.marks.toggle(entry, pair)
        table.refresh_marks()
        self._update_status()
        table.move_cursor(row=table.cursor_row + 1)

    def action_unmark_all(self) -> None:
        self.table.marks.clear()
        self.table.refresh_marks()
        self._update_status()

    def action_diff(self) -> None:
        if not self.total:
            return
        table = self.table
        marks = table.marks
        entry = table.current_entry
        story_line = entry is not None and entry < 0 and table.groups is not None
        if len(marks) > 2 or (len(marks) < 2 and story_line):
            from reader.ui.screens.story import StoryScreen

            # The marked articles, or the versions of the story whose line is highlighted.
            members = list(marks) if len(marks) > 2 else table.groups[-entry - 1]  # type: ignore[index,operator]
            loaded = [self.article(i) for i in members]
            if all(article is not None for article in loaded):
                self.app.push_screen(StoryScreen(loaded))
            return
        pair = marks.pair(table.current_index)
        if pair is None:
            self.say(
                "Mark two articles with space (A, then B), then press d; "
                "for the story view, mark three or more with m."
            )
            return
        a = self.article(pair[0])
        b = self.article(pair[1]) if a is not None else None
        if a is not None and b is not None:  # else a file could not be read: already said
            from reader.ui.screens.diff import DiffScreen

            self.app.push_screen(DiffScreen(a, b))

    def action_preview(self) -> None:
        index = self.table.current_index
        if index is None:
            return
        if self.wide:
            self.query_one("#preview", ArticlePreview).focus()
            return
        from reader.ui.screens.preview import PreviewScreen

        article = self.article(index)
        if article is not None:
            self.app.push_screen(PreviewScreen(article))

    # -- filter and sort ------------------------------------------------------

    def action_filter(self) -> None:
        if not self.loaded:
            return
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._apply_filter()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if not self.filter_text:
            self.query_one("#filter").display = False
        self.table.focus()

    def _apply_filter(self) -> None:
        words = self.filter_text.casefold().split()
        self.table.populate(
            [row.index for row in self.source.shown_rows() if not words or row.matches(words)]
        )
        if self.wide:
            self._show_preview()
        self._update_status()

    def _close_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        self.filter_text = ""
        field.display = False
        self._apply_filter()

    def action_clear(self) -> None:
        field = self.query_one("#filter", Input)
        cleared = bool(self.filter_text or field.display)
        if cleared:
            self._close_filter()
        table = self.table
        if table.groups is not None and not cleared:
            self.action_group()
        if table.scores is not None and not (cleared and self.focused is field):
            table.listing.unrank()
            table.populate(table.order)
            self._update_status()
        table.focus()

    def on_key(self, event) -> None:
        # Escape in the filter field clears it (the field itself has no use for escape).
        if event.key == "escape" and self.focused is self.query_one("#filter", Input):
            event.stop()
            self._close_filter()
            self.table.focus()

    def action_sort(self, step: int) -> None:
        label = self.table.listing.next_sort(step)
        self.table.populate(self.table.order)
        self.say(f"Sorted by {label}.")

    def action_reverse_sort(self) -> None:
        self.table.sort_reverse = not self.table.sort_reverse
        self.table.populate(self.table.order)

    def action_problems(self) -> None:
        from reader.ui.screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.problems, self.paths))

    def action_help(self) -> None:
        self.app.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEED_ARTICLES and not self.total:
            return False
        if action == "reload" and self.tables_dir is None:
            return False
        # While the filter field has focus, letters are typed into it, not taken as keys.
        return not (action in LETTER_KEYS and isinstance(self.focused, Input))
