"""One story across several copies: what each kept, cut and changed of a base.

Opened from the list with three or more articles marked. The base (the likely
original, or the one picked with `b`) runs down the left, one column per copy;
`enter` on a cell opens the two-article diff at that paragraph, reusing the
comparison the story was built from. Stories are built in a worker, and kept
per base, so that going back to an earlier base is instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from time import monotonic, perf_counter
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from reader.core.failures import failed
from reader.core.model import Article
from reader.core.original import choice, likely_original
from reader.core.story import Status, Story, StoryCopy
from reader.ui.widgets.common.status_line import StatusLine
from reader.ui.widgets.story.story_matrix import StoryMatrix
from reader.view.story_words import copy_words, description, legend_units
from reader.view.story_words import symbol as cell_symbol
from reader.view.text import file_label, safe
from reader.view.words import verdict, why
from reader.view.wrap import cell_width, truncate


@dataclass
class StoryProgress(Message):
    """Copies compared with the base so far, from the story worker."""

    base: Article
    done: int
    total: int


@dataclass
class StoryBuilt(Message):
    story: Story
    seconds: float


@dataclass
class StoryFailed(Message):
    base: Article
    reason: str


def header_content(base: Article, original: Article, width: int, why: str = "") -> Content:
    """Three lines: the base's title, what identifies it, and why it is the base (the
    likely original, and why; or picked with b)."""
    title = truncate(safe(base.title) or "(untitled)", max(10, width - 8))
    facts = [file_label(base), *(safe(f) for f in (base.agency, base.dateline, base.outlet) if f)]
    facts.append(f"{base.words:,} words")
    if base is original:
        reason = f"the likely original: {safe(why)}" if why else "the likely original"
    else:
        reason = f"picked with b (the likely original is {file_label(original)})"
    return Content("\n").join(
        [
            Content.assemble((" BASE ", "bold reverse $text-accent"), " ", (title, "bold")),
            Content.assemble((truncate(" · ".join(facts), width), "$text-muted")),
            Content.assemble((truncate(reason, width), "$text-muted")),
        ]
    )


def copy_content(k: int, copy: StoryCopy) -> Content:
    """The copy under the cursor: who and how long, then what it did to the base (or the verdict)."""
    article = copy.article
    facts = [safe(f) for f in (article.outlet, article.agency) if f]
    facts += [file_label(article), f"{article.words:,} words"]
    name = Content.assemble((f"#{k + 1} " + " · ".join(facts), "bold"), ": ")
    if not copy.related:
        return name + Content.assemble(
            (safe(verdict(copy.comparison.summary)), "bold $text-warning"),
            (" (an independent write-up, not a copy of the base)", "$text-muted"),
        )
    if copy.equal:
        return name + Content("the same text as the base")
    return name + Content(safe(copy_words(copy)))


def cell_content(story: Story, row: int, column: int, width: int) -> Content:
    """The cell under the cursor in a sentence on one line when it fits, with the paragraph's
    first words when there is room (the matrix's left column shows them too)."""
    line = story.rows[row]
    cell = line.cells[column]
    where = f"+#{(line.copy or 0) + 1}" if line.added else f"¶{line.base}"
    if cell is None:
        symbol, what = "", f"added by #{(line.copy or 0) + 1}, not in #{column + 1}"
    elif cell.status is Status.UNRELATED:
        symbol, what = cell_symbol(cell), "a different write-up: not compared paragraph by paragraph"
    else:
        symbol, what = cell_symbol(cell), description(cell)
        if cell.status in (Status.TYPOGRAPHY, Status.EDITED) and cell.moved:
            what += ", moved"
    hint = "" if cell is None else "   ⏎ diff here"
    used = cell_width(where) + 1 + (cell_width(symbol) + 1 if symbol else 0) + cell_width(what)
    room = width - used - cell_width(hint) - 4
    quote = f"  “{truncate(safe(line.text), room)}”" if room >= 12 else ""
    if used + cell_width(hint) > width:
        hint = ""
    return Content.assemble(
        (where, "bold"),
        " ",
        (f"{symbol} " if symbol else "", "bold"),
        (what, "italic" if cell is None else ""),
        (quote, "$text-muted"),
        (hint, "$text-muted"),
    )


def legend_content() -> str:
    """The legend in words, for the help screen."""
    return "   ".join("".join(text for text, _ in unit) for unit in legend_units())


class StoryScreen(Screen[None]):
    """The story matrix, a line on the base above it, the copy and cell under the cursor below."""

    CSS_PATH = "story.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "b", "pick_base", "Base", tooltip="Pick another base among the story's articles", id="story.base"
        ),
        Binding("escape", "back", "Back", tooltip="Back to the list", id="story.back"),
        Binding("q", "back", "Back", show=False, tooltip="Back to the list", id="story.back_q"),
        Binding(
            "question_mark", "app.help", "Help", key_display="?", tooltip="Show every key", id="story.help"
        ),
    ]

    def __init__(self, articles: Sequence[Article], base: Article | None = None) -> None:
        super().__init__()
        if len(articles) < 2:
            raise ValueError("a story needs a base and at least one copy")
        self.articles = list(articles)
        self.original = likely_original(self.articles)
        self.why = why(choice(self.original, self.articles))
        self.base = base if base is not None else self.original
        self.story: Story | None = None
        self._stories: dict[int, Story] = {}  # id(base article) -> its story
        self._pending_cursor: Coordinate | None = None  # where the cursor goes once built
        self.started = perf_counter()
        self.build_seconds: float | None = None
        self.shown_seconds: float | None = None  # from opening (or `b`) to the matrix on screen

    @property
    def copies(self) -> list[Article]:
        """The story's other articles, in the order they were marked."""
        return [a for a in self.articles if a is not self.base]

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="story-header")
        with Vertical(id="story-loading"):
            yield Static(Content(""), id="story-loading-label")
            yield ProgressBar(total=None, show_eta=False, id="story-loading-bar")
        yield StoryMatrix(id="story-matrix")
        yield StatusLine(id="story-details")
        yield Footer()

    @property
    def matrix(self) -> StoryMatrix:
        return self.query_one("#story-matrix", StoryMatrix)

    def on_mount(self) -> None:
        self.matrix.display = False
        self.query_one("#story-details").display = False
        self._start()

    def on_resize(self) -> None:
        self._update_header()
        if self.story is not None:
            self._update_details(*self.matrix.cursor)

    def _update_header(self) -> None:
        width = self.size.width or self.app.size.width
        header = header_content(self.base, self.original, max(20, width - 2), self.why)
        self.query_one("#story-header", Static).update(header)

    # -- building -------------------------------------------------------------

    def _start(self, cursor: Coordinate | None = None) -> None:
        self.started = perf_counter()
        self.shown_seconds = None
        self._update_header()
        cached = self._stories.get(id(self.base))
        if cached is not None:
            self._show(cached, cursor)
            return
        self.story = None
        self._pending_cursor = cursor
        self.matrix.display = False
        self.query_one("#story-details").display = False
        count = len(self.copies)
        label = f"Comparing {count} {'copy' if count == 1 else 'copies'} with {file_label(self.base)}…"
        self.query_one("#story-loading-label", Static).update(Content(label))
        self.query_one("#story-loading-bar", ProgressBar).update(total=None, progress=0)
        self.query_one("#story-loading").display = True
        self.build(self.base, self.copies)

    @work(thread=True, exclusive=True, group="story")
    def build(self, base: Article, copies: list[Article]) -> None:
        from reader.core.story import compare_all, story_from

        started = perf_counter()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= 0.05 or done >= total:
                last = now
                self.post_message(StoryProgress(base, done, total))

        try:
            story = story_from(base, compare_all(base, copies, progress=progress))
        except Exception as error:  # never let a core failure take the app down
            self.post_message(StoryFailed(base, failed(error)))
            return
        self.post_message(StoryBuilt(story, perf_counter() - started))

    def on_story_progress(self, message: StoryProgress) -> None:
        if message.base is not self.base or self.story is not None:
            return
        label = f"Comparing copies with {file_label(self.base)}… {message.done} of {message.total}"
        self.query_one("#story-loading-label", Static).update(Content(label))
        self.query_one("#story-loading-bar", ProgressBar).update(total=message.total, progress=message.done)

    def on_story_built(self, message: StoryBuilt) -> None:
        story = message.story
        self._stories[id(story.base)] = story
        if story.base is not self.base:
            return  # a story for a base picked before this one
        self.build_seconds = message.seconds
        self._show(story, self._pending_cursor)

    def on_story_failed(self, message: StoryFailed) -> None:
        if message.base is not self.base:
            return
        self.app.notify(
            f"Could not build the story on {file_label(message.base)}: {message.reason}",
            severity="error",
            timeout=10,
            markup=False,
        )
        self.dismiss()

    def _show(self, story: Story, cursor: Coordinate | None) -> None:
        self.story = story
        self.query_one("#story-loading").display = False
        matrix = self.matrix
        matrix.display = True
        self.query_one("#story-details").display = True
        matrix.show(story, cursor)
        matrix.focus()
        self.refresh_bindings()
        self.call_after_refresh(self._shown)

    def _shown(self) -> None:
        if self.shown_seconds is None:
            self.shown_seconds = perf_counter() - self.started

    # -- the cursor -----------------------------------------------------------

    def on_story_matrix_cell_highlighted(self, message: StoryMatrix.CellHighlighted) -> None:
        self._update_details(message.row, message.column)

    def _update_details(self, row: int, column: int) -> None:
        story = self.story
        if story is None or not story.rows:
            return
        width = max(20, (self.size.width or self.app.size.width) - 2)
        details = Content("\n").join(
            [copy_content(column, story.copies[column]), cell_content(story, row, column, width)]
        )
        self.query_one("#story-details", StatusLine).show(details)

    def say(self, text: str) -> None:
        """Passing information, in the line under the matrix (it covers nothing there)."""
        self.query_one("#story-details", StatusLine).say(text)

    def on_story_matrix_cell_selected(self, message: StoryMatrix.CellSelected) -> None:
        story = self.story
        if story is None:
            return
        row = story.rows[message.row]
        cell = row.cells[message.column]
        copy = story.copies[message.column]
        if cell is None:
            self.say(
                f"This paragraph was added by #{(row.copy or 0) + 1}, not by #{message.column + 1}: "
                f"move to column #{(row.copy or 0) + 1} to see it in its diff."
            )
            return
        from reader.ui.screens.diff import DiffScreen

        self.app.push_screen(
            DiffScreen(story.base, copy.article, comparison=copy.comparison, group=cell.group)
        )

    # -- actions --------------------------------------------------------------

    def action_pick_base(self) -> None:
        from reader.ui.screens.base_picker import BasePicker

        self.app.push_screen(BasePicker(self.articles, self.base, self.original), self._base_picked)

    def _base_picked(self, article: Article | None) -> None:
        if article is None or article is self.base:
            return
        # The cursor stays on the same copy when it is still a copy, on the same row number.
        cursor = None
        if self.story is not None:
            row, column = self.matrix.cursor
            current = self.story.copies[column].article
            others = [a for a in self.articles if a is not article]
            column = next((n for n, a in enumerate(others) if a is current), 0)
            cursor = Coordinate(row, column)
        self.base = article
        self._start(cursor)

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_base" and self.story is None:
            return None  # shown but disabled while building
        return True

    def help_notes(self) -> list[tuple[str, str]]:
        """Extra sections for the help screen: what the symbols mean."""
        return [
            ("Symbols", legend_content()),
            (
                "Story and mouse",
                "Click a cell to put the cursor on it, twice to open its diff; "
                "click a copy's name to move to its column; the wheel scrolls, sideways too.",
            ),
        ]
