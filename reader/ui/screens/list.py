"""The first screen: the articles found, a preview, marks, filter and similarity.

Opened on one folder, the list stands on the folder's index (reader.library): the
rows the index knows are shown at once, then a worker refreshes the index and the
rows follow each saved batch. Articles are read from their files only when shown,
compared or ranked. Opened on files, every article is read into memory instead.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from reader.core.model import Article, LoadResult, Problem
from reader.library import Library, LibraryError
from reader.ui.article_rows import ArticleRow, article_rows, library_row
from reader.ui.messages import (
    ArticlesLoaded,
    LibraryRefreshed,
    LibraryRows,
    LoadProgress,
    SimilarityRanked,
    StoriesGrouped,
)
from reader.ui.widgets.article_table import ArticleTable
from reader.ui.widgets.load_progress import LoadProgress as LoadProgressPanel
from reader.ui.widgets.preview import ArticlePreview
from reader.view.text import display_path, safe

# The preview sits beside the table from this width; narrower, `enter`/`o` opens it.
PREVIEW_MIN_WIDTH = 120

NEED_ARTICLES = frozenset(
    {"mark", "mark_more", "unmark_all", "diff", "similar", "preview", "sort", "reverse_sort", "group"}
)
LETTER_KEYS = frozenset({*NEED_ARTICLES, "problems", "help"})
# The table is sorted again at most this often while a refresh adds rows (seconds).
ROWS_EVERY = 0.5
# Rows of the index shown before the rest are read (a warm start's first screen).
FIRST_ROWS = 200
# Articles ranked by `s` on a folder (the index's best matches; the rest show 0%).
RANKED = 500
# Articles read again from their files, kept for the preview and the next keypress.
KEEP_LOADED = 64


class ArticleUnreadable(Exception):
    """An indexed article could not be read again (its file vanished or changed)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


class IndexedArticles(Sequence[Article]):
    """The articles of the list, read from their files when asked for (by position in
    the list). Raises ArticleUnreadable for a file that vanished or changed."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.ids: list[int] = []
        self._loaded: dict[int, tuple[Article, tuple[int, int] | None]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        kept = self._loaded.get(index)
        # A file changed since it was read (size or modification time) is read again.
        if kept is not None and _signature(kept[0].path) == kept[1]:
            return kept[0]
        found = self.library.load(self.ids[index])
        if isinstance(found, Problem):
            self._loaded.pop(index, None)
            raise ArticleUnreadable(found)
        if len(self._loaded) >= KEEP_LOADED:
            self._loaded.pop(next(iter(self._loaded)))
        self._loaded[index] = (found, _signature(found.path))
        return found

    def forget(self, index: int) -> None:
        self._loaded.pop(index, None)

SORTABLE = ("mark", "agency", "place", "title", "words", "paragraphs", "file")


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def folder_of(paths: Sequence[Path]) -> Path | None:
    """The folder the list is opened on, when it is opened on exactly one."""
    if len(paths) == 1:
        try:
            return paths[0] if paths[0].is_dir() else None
        except OSError:
            return None
    return None


def describe_paths(paths: Sequence[Path]) -> str:
    if len(paths) == 1:
        return safe(str(paths[0]))
    return f"{len(paths)} paths"


class ListScreen(Screen[None]):
    """Article table, preview beside it when wide, filter input and status line."""

    CSS_PATH = "list.tcss"

    # Short descriptions for the footer; the tooltip is the full text for help and the palette.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "mark",
            "Mark",
            tooltip="Mark or unmark as A, then B (with two marked, a third replaces the older)",
            id="list.mark",
        ),
        Binding(
            "m",
            "mark_more",
            "Mark more",
            show=False,
            tooltip="Mark or unmark for a story of three or more (no mark is replaced)",
            id="list.mark_more",
        ),
        Binding(
            "u", "unmark_all", "Unmark all", show=False, tooltip="Unmark every article", id="list.unmark"
        ),
        Binding(
            "d",
            "diff",
            "Diff",
            tooltip="Open the diff of the two marked articles, or the story view of three or more "
            "(or of the story on a grouped list's highlighted line)",
            id="list.diff",
        ),
        Binding(
            "o",
            "preview",
            "Preview",
            show=False,  # enter opens it too; the footer keeps room for g at 80 columns
            tooltip="Open the preview of the highlighted article",
            id="list.preview",
        ),
        Binding(
            "s",
            "similar",
            "Similar",
            tooltip="Rank the articles by the text they share with this one",
            id="list.similar",
        ),
        Binding(
            "g",
            "group",
            "Stories",
            tooltip="Group the list by story (enter or right opens one, left closes), or ungroup",
            id="list.group",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            tooltip=(
                "Filter by title, outlet, agency, place, language or file name"
                " (and by text when opened on files)"
            ),
            id="list.filter",
        ),
        Binding(
            "greater_than_sign",
            "sort(1)",
            "Sort",
            show=False,
            key_display=">",
            tooltip="Sort by the next column",
            id="list.sort_next",
        ),
        Binding(
            "less_than_sign",
            "sort(-1)",
            "Sort",
            show=False,
            key_display="<",
            tooltip="Sort by the previous column",
            id="list.sort_previous",
        ),
        Binding(
            "r",
            "reverse_sort",
            "Reverse",
            show=False,
            tooltip="Reverse the sort order",
            id="list.sort_reverse",
        ),
        Binding(
            "p",
            "problems",
            "Problems",
            show=False,
            tooltip="List the files that could not be read",
            id="list.problems",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            show=False,
            tooltip="Clear the filter, then the similarity column or the grouping by story",
            id="list.clear",
        ),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key", id="list.help"),
        Binding("q", "app.quit", "Quit", tooltip="Quit", id="list.quit"),
    ]

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.articles: tuple[Article, ...] = ()
        self.problems: tuple[Problem, ...] = ()
        self.loaded = False
        self.filter_text = ""
        self.rows: list[ArticleRow] = []
        # Opened on a folder: its index, and the list's rows by index id.
        self.folder = folder_of(self.paths)
        self.library: Library | None = None
        self.positions: dict[int, int] = {}
        self.live: set[int] = set()  # positions of the rows still in the folder
        self.indexing: tuple[int, int] | None = None  # files read, files to read
        self.stories: list | None = None  # the last grouping, while it is shown
        self.unreadable: list[Problem] = []  # indexed articles that could not be read again
        self._cancel = threading.Event()
        self._library_closing = threading.Lock()
        self._pending = False  # rows arrived since the table was last sorted
        self._last_sorted = 0.0
        self._previous_move = 0.0
        self._preview_timer = None

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
                if self.folder is not None
                else "Filter by title, outlet or text (enter: keep, escape: clear)"
            ),
            id="filter",
            compact=True,
        )
        yield Static(Content(""), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#articles").display = False
        self.query_one("#empty").display = False
        self.query_one("#filter").display = False
        self._apply_width(self.app.size.width)
        self._update_status()
        if self.folder is not None:
            self.open_library(self.folder)
        else:
            self.load()

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= PREVIEW_MIN_WIDTH, "-wide")

    @property
    def table(self) -> ArticleTable:
        return self.query_one("#articles", ArticleTable)

    @property
    def wide(self) -> bool:
        return self.has_class("-wide")

    # -- loading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def open_library(self, folder: Path) -> None:
        """Show what the index knows, then bring it up to date, batch by batch."""

        def tell(notice: str) -> None:
            # A damaged index rebuilt, waiting for another reader's refresh: said at once
            # (notify only posts a message, safe from this thread).
            self.notify(notice, title="Index", severity="warning", timeout=8, markup=False)

        try:
            library = Library.open(folder, notify=tell)
        except LibraryError as error:
            # No index (an unwritable cache): read the folder into memory as for files.
            self.notify(f"{error}; reading the folder without an index.", severity="warning", markup=False)
            self.folder = None
            self._load_in_memory()
            return
        self.library = library
        # A first screenful at once, then the rest. Rows become table rows here, not in
        # the app's thread: 100k of them take a second.
        first = library.rows(0, FIRST_ROWS)
        rest = library.rows(FIRST_ROWS) if len(first) == FIRST_ROWS else []
        for start, rows in ((0, first), (len(first), rest)):
            if rows or not start:
                prepared = [library_row(start + n, row) for n, row in enumerate(rows)]
                self.post_message(LibraryRows(rows, [], initial=True, prepared=prepared))
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= 0.1 or done >= total:
                last = now
                self.post_message(LoadProgress(done, total))

        def on_rows(added: list, removed: list[int]) -> None:
            self.post_message(LibraryRows(list(added), list(removed)))

        report, error = None, ""
        for workers in (None, 1):  # without a pool of processes, in this one
            try:
                report = library.refresh(progress, on_rows, workers=workers, cancel=self._cancel)
                error = ""
                break
            except Exception as failure:  # the index reports bad files itself; a last resort
                error = f"{library.db_path}: could not refresh the index: {type(failure).__name__}: {failure}"
        if self._cancel.is_set():
            self._close_library()
            return
        self.post_message(LibraryRefreshed(report, library.problems(), library.searchable, error))
        import reader.core.compare  # noqa: F401  (the first `d` does not pay for it)

    def _close_library(self) -> None:
        if self.library is not None and self._library_closing.acquire(blocking=False):
            self.library.close()

    def on_unmount(self) -> None:
        self._cancel.set()
        worker = next((w for w in self.workers if w.group == "load" and w.is_running), None)
        if worker is None:
            self._close_library()

    def on_library_rows(self, message: LibraryRows) -> None:
        assert self.library is not None
        if not isinstance(self.articles, IndexedArticles):
            self.articles = IndexedArticles(self.library)
        articles = self.articles
        added = message.rows
        prepared = message.prepared
        if prepared is not None and (not prepared or prepared[0].index == len(self.rows)):
            # The index's rows in order, already made into table rows by the worker.
            start = len(self.rows)
            self.rows.extend(prepared)
            articles.ids.extend(row.id for row in message.rows)
            self.positions.update((row.id, start + n) for n, row in enumerate(message.rows))
            self.live.update(range(start, len(self.rows)))
            added = []
        for row in added:
            position = self.positions.get(row.id)
            if position is None:
                position = len(self.rows)
                self.positions[row.id] = position
                articles.ids.append(row.id)
                self.rows.append(library_row(position, row))
            else:
                self.rows[position] = library_row(position, row)
                articles.forget(position)
            self.live.add(position)
        for gone in message.removed:
            position = self.positions.get(gone)
            if position is not None:
                self.live.discard(position)
                articles.forget(position)
                if position in self.table.marks:
                    self.table.marks.remove(position)
        if message.initial:
            self._show_rows()
        else:
            self._pending = True
            if monotonic() - self._last_sorted >= ROWS_EVERY:
                self._sort_pending()
            else:
                self.set_timer(ROWS_EVERY, self._sort_pending)

    def _sort_pending(self) -> None:
        if self._pending and self.is_mounted:
            self._pending = False
            self._show_rows()

    def _show_rows(self) -> None:
        """Put the rows in the table (the first time: the table replaces the progress)."""
        self._last_sorted = monotonic()
        table = self.table
        table.articles = self.articles
        table.rows = self.rows
        if self.live:
            first = not table.display
            self.query_one("#empty").display = False
            if first:
                self.query_one("#loading").display = False
                table.display = True
                table.focus()
            self._apply_filter()
            if first:
                self.refresh_bindings()
        self._update_status()

    def on_library_refreshed(self, message: LibraryRefreshed) -> None:
        self._sort_pending()
        self.loaded = True
        self.indexing = None
        self.problems = (*message.problems, *(p for p in self.unreadable if p not in message.problems))
        self.query_one("#loading").display = False
        if message.error:
            self.notify(message.error, title="Index", severity="error", timeout=10, markup=False)
        if not self.live:
            self.table.display = False
            empty = self.query_one("#empty", Static)
            empty.update(Content(f"No articles found in {describe_paths(self.paths)}."))
            empty.display = True
        elif self.table.groups is not None:
            self.group_stories()  # the stories as the index now has them
        self.refresh_bindings()
        self._tell_problems()
        self._update_status()

    @property
    def total(self) -> int:
        return len(self.live) if self.library is not None else len(self.articles)

    def article(self, index: int, *, again: bool = True) -> Article | None:
        """The article at this position, read again from its file for a folder; a file
        that vanished or changed since it was indexed is said in one line (``again``:
        even when it was said before), and is None."""
        try:
            return self.articles[index]
        except ArticleUnreadable as error:
            problem = error.problem
            if not again and problem in self.problems:
                return None
            self.notify(
                f"{display_path(problem.path, self.paths)}: {safe(problem.reason)}",
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

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        self._load_in_memory()

    def _load_in_memory(self) -> None:
        from reader.core.loading import load_paths

        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= 0.05 or done >= total:
                last = now
                self.post_message(LoadProgress(done, total))

        try:
            result = load_paths(self.paths, progress)
            rows = article_rows(result.articles)
        except Exception as error:  # the loader reports bad files itself; this is a last resort
            reason = f"could not load: {type(error).__name__}: {error}"
            result = LoadResult((), tuple(Problem(path, reason) for path in self.paths))
            rows = []
        self.post_message(ArticlesLoaded(result, rows))
        # Import the comparison code now, while the reader looks at the list, so the first
        # `d` does not pay for it.
        import reader.core.compare
        import reader.core.similarity  # noqa: F401

    def on_load_progress(self, message: LoadProgress) -> None:
        self.query_one("#loading", LoadProgressPanel).update_progress(message.done, message.total)
        if self.library is not None:
            self.indexing = (message.done, message.total)
            self._update_status()

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        self.articles = message.result.articles
        self.problems = message.result.problems
        self.loaded = True
        self.rows = message.rows
        self.query_one("#loading").display = False
        table = self.table
        table.articles = self.articles
        table.rows = self.rows
        if self.articles:
            table.display = True
            table.populate(range(len(self.articles)))
            table.focus()
            self._show_preview()
            self.refresh_bindings()  # the footer was drawn before there were articles to mark
        else:
            empty = self.query_one("#empty", Static)
            empty.update(Content(f"No articles found in {describe_paths(self.paths)}."))
            empty.display = True
        self._tell_problems()
        self._update_status()

    def _tell_problems(self) -> None:
        if self.problems:
            count = len(self.problems)
            noun = "file" if count == 1 else "files"
            problem = self.problems[0]
            first = f"{display_path(problem.path, self.paths)}: {safe(problem.reason)}"
            more = "" if count == 1 else f" (and {count - 1} more)"
            self.notify(
                f"{count} {noun} could not be read: {first}{more}. Press p to list them.",
                title="Problems",
                severity="warning",
                timeout=8,
                markup=False,
            )

    # -- status and preview ---------------------------------------------------

    def _update_status(self) -> None:
        parts: list[tuple[str, str] | str] = []
        if not self.loaded and not self.live:
            parts.append((f"Loading {describe_paths(self.paths)}", "$text-muted"))
        else:
            table = self.table
            total = self.total
            if table.groups is not None:
                stories = sum(1 for i in table.order if i < 0)
                singles = sum(1 for i in table.order if i >= 0 and i not in table.in_story)
                count = (
                    f"{stories:,} stor{'y' if stories == 1 else 'ies'}, {singles:,} single"
                    f"{'' if singles == 1 else 's'} ({total:,} articles)"
                )
            else:
                shown = len(table.order)
                count = f"{shown:,} of {total:,} articles" if shown != total else f"{total:,} articles"
            parts.append((count, "bold"))
            if self.indexing is not None:
                done, to_read = self.indexing
                parts.append((f"  indexing {done:,}/{to_read:,}", "$text-accent"))
            if self.filter_text:
                parts.append(("  filter: ", "$text-muted"))
                parts.append((safe(self.filter_text), "$text-accent"))
            if self.table.target is not None:
                parts.append(("  similar to: ", "$text-muted"))
                parts.append((self.rows[self.table.target].file, "$text-accent"))
            marks = self.table.marks
            if len(marks) > 2:
                parts.append((f"  {len(marks)} marked: d opens the story view", "bold"))
            else:
                for letter, index in zip("AB", marks, strict=False):
                    parts.append((f"  {letter}: ", "$text-muted"))
                    parts.append((self.rows[index].file, "bold"))
            if self.problems:
                parts.append(
                    (
                        f"  {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} (p)",
                        "$text-warning",
                    )
                )
        self.query_one("#status", Static).update(Content.assemble(*parts))

    def _show_preview(self) -> None:
        index = self.table.current_index
        preview = self.query_one("#preview", ArticlePreview)
        if index is None:
            preview.show(None)
            return
        # A vanished file is said once, not on every pass of the cursor over it.
        article = self.article(index, again=False)
        if article is not None:
            preview.show(article, self.rows[index].words)
        else:
            preview.show(None)

    def on_article_table_highlighted(self) -> None:
        if self.wide:
            if self.library is None:
                self._show_preview()
            else:
                # A held key scrolls freely: while the cursor runs, reading the file waits
                # until it rests.
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
        key = event.key
        if key == self.table.sort_key:
            self.table.sort_reverse = not self.table.sort_reverse
        else:
            self.table.sort_key, self.table.sort_reverse = key, False
        self.table.populate(self.table.order)

    # -- actions --------------------------------------------------------------

    def action_mark(self) -> None:
        self._toggle_mark(pair=True)

    def action_mark_more(self) -> None:
        self._toggle_mark(pair=False)

    def _toggle_mark(self, pair: bool) -> None:
        """Mark or unmark the highlighted article. For a pair (space), a third mark replaces the
        older of two; once three or more are marked (with m, for a story) no mark is replaced."""
        index = self.table.current_index
        if index is None:
            return
        marks = self.table.marks
        if index in marks:
            marks.remove(index)
        else:
            marks.append(index)
            if pair and len(marks) == 3:
                marks.pop(0)
        self.table.refresh_marks()
        self._update_status()
        self.table.move_cursor(row=self.table.cursor_row + 1)

    def action_unmark_all(self) -> None:
        self.table.marks.clear()
        self.table.refresh_marks()
        self._update_status()

    def _pair(self) -> tuple[Article, Article] | None:
        marks = self.table.marks
        current = self.table.current_index
        if len(marks) == 2:
            pair = marks[0], marks[1]
        elif len(marks) == 1 and current is not None and current != marks[0]:
            # One mark and the cursor on another article: compare those two.
            pair = marks[0], current
        else:
            return None
        a = self.article(pair[0])
        b = self.article(pair[1]) if a is not None else None
        return (a, b) if a is not None and b is not None else None

    def action_diff(self) -> None:
        if not self.total:
            return
        marks = self.table.marks
        entry = self.table.current_entry
        story_line = entry is not None and entry < 0 and self.table.groups is not None
        if len(marks) > 2 or (len(marks) < 2 and story_line):
            from reader.ui.screens.story import StoryScreen

            # The marked articles, or the versions of the story whose line is highlighted.
            members = marks if len(marks) > 2 else self.table.groups[-entry - 1]  # type: ignore[index,operator]
            loaded = [self.article(i) for i in members]
            if all(article is not None for article in loaded):
                self.app.push_screen(StoryScreen(loaded))
            return
        pair = self._pair()
        if pair is None and len(marks) == 2:
            return  # a file could not be read: already said
        if pair is None:
            self.notify(
                "Mark two articles with space (A, then B), then press d; "
                "for the story view, mark three or more with m.",
                timeout=4,
            )
            return
        from reader.ui.screens.diff import DiffScreen

        self.app.push_screen(DiffScreen(*pair))

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

    def action_similar(self) -> None:
        index = self.table.current_index
        if index is None:
            return
        if self.total < 2:
            self.notify("There is only one article.", timeout=3)
            return
        if self.library is not None and not self.library.searchable:
            done, to_read = self.indexing or (0, 0)
            self.notify(
                f"The index is still being built ({done:,} of {to_read:,} files read): "
                "press s again once it is done.",
                title="Not yet",
                timeout=5,
                markup=False,
            )
            return
        self.notify(
            f"Ranking the articles by text shared with {self.rows[index].file}…",
            timeout=2,
            markup=False,
        )
        if self.library is not None:
            self.rank_indexed(index, self.articles.ids[index])  # type: ignore[attr-defined]
        else:
            self.rank(index)

    @work(thread=True, exclusive=True, group="similar")
    def rank(self, index: int) -> None:
        from reader.core.similarity import rank_similar

        target = self.articles[index]
        others = [a for n, a in enumerate(self.articles) if n != index]
        position = {id(a): n for n, a in enumerate(self.articles)}
        ranked = rank_similar(target, others)
        scores = {position[id(article)]: score for article, score in ranked}
        scores[index] = 1.0
        self.post_message(SimilarityRanked(index, scores))

    @work(thread=True, exclusive=True, group="similar")
    def rank_indexed(self, index: int, article_id: int) -> None:
        """The index's ranking: the articles sharing sampled passages with this one."""
        assert self.library is not None
        try:
            matches = self.library.similar(article_id, limit=RANKED)
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        scores = {self.positions[m.row.id]: m.score for m in matches if m.row.id in self.positions}
        scores[index] = 1.0
        if len(matches) >= RANKED:
            note = f"The {RANKED:,} articles sharing the most text with it come first."
        elif matches:
            note = f"{len(matches):,} article{'s share' if len(matches) != 1 else ' shares'} text with it."
        else:
            note = "No other article shares text with it."
        self.post_message(SimilarityRanked(index, scores, note))

    def on_similarity_ranked(self, message: SimilarityRanked) -> None:
        table = self.table
        if table.groups is not None:
            table.set_groups(None)  # the ranking is one list, best first
            self.stories = None
        table.scores = message.scores
        table.target = message.target
        table.sort_key, table.sort_reverse = "shared", False
        table.populate(table.order)
        table.move_cursor(row=0)
        if message.note:
            self.notify(message.note, timeout=3, markup=False)
        self._update_status()

    # -- stories --------------------------------------------------------------

    def action_group(self) -> None:
        table = self.table
        if table.groups is not None:
            table.set_groups(None)
            self.stories = None
            self._apply_filter()
            self.notify("The list, one article a line.", timeout=2)
            return
        if self.library is None:
            self.notify(
                "Grouping by story uses a folder's index: open the folder (reader FOLDER), "
                "or mark versions with m and press d for the story view.",
                timeout=6,
            )
            return
        if not self.library.searchable:
            done, to_read = self.indexing or (0, 0)
            self.notify(
                f"The index is still being built ({done:,} of {to_read:,} files read): "
                "press g again once it is done.",
                title="Not yet",
                timeout=5,
                markup=False,
            )
            return
        self.notify("Grouping the folder into stories…", timeout=2)
        self.group_stories()

    @work(thread=True, exclusive=True, group="stories")
    def group_stories(self) -> None:
        assert self.library is not None
        try:
            stories = self.library.stories()
        except Exception as error:  # one line, and the list stays as it was
            reason = f"could not group into stories: {type(error).__name__}: {error}"
            self.post_message(StoriesGrouped([], reason))
            return
        self.post_message(StoriesGrouped(stories))

    def on_stories_grouped(self, message: StoriesGrouped) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        table = self.table
        groups = [
            [self.positions[m.id] for m in story.members if m.id in self.positions]
            for story in message.stories
        ]
        expanded = table.expanded if table.groups is not None else set()
        if table.scores is not None:
            table.scores, table.target = None, None
            table.sort_key, table.sort_reverse = "file", False
        table.set_groups(groups)
        table.expanded = {g for g in expanded if g < len(table.groups or ())}
        self.stories = message.stories
        self._apply_filter()
        table.move_cursor(row=0)

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
        rows = self.rows if self.library is None else [self.rows[i] for i in sorted(self.live)]
        visible = [row.index for row in rows if row.matches(words)] if words else [row.index for row in rows]
        self.table.populate(visible)
        if self.wide:
            self._show_preview()
        self._update_status()

    def action_clear(self) -> None:
        field = self.query_one("#filter", Input)
        cleared = False
        if self.filter_text or field.display:
            field.value = ""
            self.filter_text = ""
            field.display = False
            self._apply_filter()
            cleared = True
        table = self.table
        if table.groups is not None and not cleared:
            self.action_group()
        if table.scores is not None and not (cleared and self.focused is field):
            table.scores = None
            table.target = None
            table.sort_key, table.sort_reverse = "file", False
            table.populate(table.order)
            self._update_status()
        table.focus()

    def on_key(self, event) -> None:
        # Escape in the filter field clears it (the field itself has no use for escape).
        if event.key == "escape" and self.focused is self.query_one("#filter", Input):
            event.stop()
            field = self.query_one("#filter", Input)
            field.value = ""
            self.filter_text = ""
            field.display = False
            self._apply_filter()
            self.table.focus()

    def action_sort(self, step: int) -> None:
        table = self.table
        keys = [*SORTABLE, "shared"] if table.scores is not None else list(SORTABLE)
        position = keys.index(table.sort_key) if table.sort_key in keys else 0
        table.sort_key = keys[(position + step) % len(keys)]
        table.sort_reverse = False
        table.populate(table.order)
        label = next((c.label for c in table.columns_shown if c.key == table.sort_key), table.sort_key)
        self.notify(f"Sorted by {label.strip() or 'mark'}.", timeout=2, markup=False)

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
        # While the filter field has focus, letters are typed into it, not taken as keys.
        return not (action in LETTER_KEYS and isinstance(self.focused, Input))
