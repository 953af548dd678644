"""How rows reach the article list: the folder's index (what it knows at once, then
each batch its refresh saves) or files read into memory, in a worker, and the
messages that put them in the table. A part of ListScreen (reader.ui.models.feeding
does the work without Textual)."""

from __future__ import annotations

import threading
from pathlib import Path
from time import monotonic

from textual import work
from textual.content import Content
from textual.widgets import Static

from reader.core.model import Problem
from reader.library import IndexNotSaved, Library, LibraryError
from reader.ui.messages import ArticlesLoaded, LibraryRefreshed, LibraryRows, LoadProgress
from reader.ui.models import feeding
from reader.ui.models.list_words import not_saved_note, not_saved_reason, problems_note
from reader.ui.models.sources import IndexSource, MemorySource, describe_paths
from reader.ui.widgets.list.load_progress import LoadProgress as LoadProgressPanel

# The table is sorted again at most this often while a refresh adds rows (seconds).
ROWS_EVERY = 0.5
# How often the index is looked at while another process writes it (seconds).
FOLLOW_EVERY = 0.5


class Feeding:
    """ListScreen's loading: workers and the handlers of what they post."""

    # Why the index could not be saved (a full disk): `s` and `g` then say so.
    index_trouble: str | None = None
    # The first rows of the index are shown and the rest is being read (a large folder).
    reading_index = False

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
        self.source = IndexSource(library)
        self._feed(library, initial=True)
        import reader.core.compare  # noqa: F401  (the first `d` does not pay for it)

    @work(thread=True, exclusive=True, group="load")
    def refresh_library(self) -> None:
        """Read the folder again into an index rebuilt while it answered `s` or `g`."""
        if isinstance(self.source, IndexSource):
            self._feed(self.source.library, initial=False)

    def _feed(self, library: Library, *, initial: bool) -> None:
        """The rows the index knows (``initial``), then a refresh's, batch by batch, and
        those another process writes while this one waits for it."""
        follower = feeding.Follower(library)
        refreshing = threading.Event()
        refreshing.set()

        def rebuilt() -> None:
            # Rebuilt empty (it was damaged): the list starts again with the new index's ids,
            # read by this refresh, or, found later while answering `s` or `g`, by another.
            follower.rebuilt()
            self.post_message(LibraryRows([], [], reset=True, reread=not refreshing.is_set()))

        def rows(added: list, removed: list[int]) -> None:
            follower.seen(added, removed)
            self.post_message(LibraryRows(list(added), list(removed)))

        def follow() -> None:
            for added, removed in follower.poll():
                self.post_message(LibraryRows(added, removed))

        library.on_rebuilt = rebuilt
        for known, prepared, more in feeding.known_rows(library) if initial else ():
            follower.seen(known)
            self.post_message(LibraryRows(known, [], initial=True, prepared=prepared, more=more))
        progress = feeding.throttled(lambda done, total: self.post_message(LoadProgress(done, total)), 0.1)
        try:
            report, error = feeding.refresh(
                library, progress, rows, self._cancel, feeding.at_most_every(FOLLOW_EVERY, follow)
            )
        finally:
            refreshing.clear()
        if self._cancel.is_set():
            self._close_library()
            return
        follow()  # what another process wrote that this refresh did not read again
        self.post_message(LibraryRefreshed(report, library.problems(), library.searchable, error))

    def _close_library(self) -> None:
        if self.library is not None and self._library_closing.acquire(blocking=False):
            self.library.close()

    def on_unmount(self) -> None:
        self._cancel.set()
        worker = next((w for w in self.workers if w.group == "load" and w.is_running), None)
        if worker is None:
            self._close_library()

    def on_library_rows(self, message: LibraryRows) -> None:
        source = self.source
        assert isinstance(source, IndexSource)
        if message.reset:
            # The positions the marks and stories name are gone with the old index.
            source.reset()
            self.table.marks.clear()
            if self.table.groups is not None:
                self.table.set_groups(None)
                self.stories = None
            if message.reread:
                self.refresh_library()
        for position in source.take(message.rows, message.removed, message.prepared):
            self.table.marks.discard(position)
        if message.initial:
            self.reading_index = message.more
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
        table.articles = self.source.articles
        table.rows = self.source.rows
        if self.total:
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
        self.reading_index = False
        self.indexing = None
        self.problems = (*message.problems, *(p for p in self.unreadable if p not in message.problems))
        self.query_one("#loading").display = False
        if message.error and not isinstance(message.error, IndexNotSaved):
            self.notify(str(message.error), title="Index", severity="error", timeout=10, markup=False)
        if not self.total:
            self._show_empty()
        elif self.table.groups is not None:
            self.group_stories()  # the stories as the index now has them
        self.refresh_bindings()
        self._tell_problems()
        if isinstance(message.error, IndexNotSaved):
            # Said once, on its own; the list keeps what was indexed, `p` lists what was not read.
            error, self.index_trouble = message.error, message.error.reason
            unsaved = Problem(error.path, not_saved_reason(error.reason, error.unread))
            self.problems = (unsaved, *self.problems)
            note = not_saved_note(str(error), self.total, error.unread)
            self.notify(note, title="Index", severity="error", timeout=20, markup=False)
        self._update_status()

    def _show_empty(self) -> None:
        self.table.display = False
        empty = self.query_one("#empty", Static)
        empty.update(Content(f"No articles found in {describe_paths(self.paths)}."))
        empty.display = True

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        self._load_in_memory()

    def _load_in_memory(self) -> None:
        progress = feeding.throttled(lambda done, total: self.post_message(LoadProgress(done, total)), 0.05)
        result, rows = feeding.read_files(self.paths, progress)
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
        self.source = MemorySource(message.result, message.rows)
        self.problems = message.result.problems
        self.loaded = True
        self.query_one("#loading").display = False
        table = self.table
        table.articles = self.source.articles
        table.rows = self.source.rows
        if self.total:
            table.display = True
            table.populate(range(self.total))
            table.focus()
            self._show_preview()
            self.refresh_bindings()  # the footer was drawn before there were articles to mark
        else:
            self._show_empty()
        self._tell_problems()
        self._update_status()

    def _tell_problems(self) -> None:
        if self.problems:
            note = problems_note(self.problems, self.paths)
            self.notify(note, title="Problems", severity="warning", timeout=8, markup=False)
