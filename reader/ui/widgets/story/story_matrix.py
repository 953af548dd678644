"""The story matrix: base paragraphs down the left, one column per copy, a cell cursor.

Drawn lazily with the Line API: the cell texts are worked out once per story,
and only the rows on screen become strips, cached, so that twenty copies of a
hundred paragraphs move as smoothly as the seeds. The two header rows (each
copy's name and its summary) and the paragraph column stay in place; the copy
columns scroll sideways a column at a time when they do not all fit, which a
matrix may do (article text never does). Cells lead with the core's symbols, so
they read the same without colour. Article text only ever becomes ``Segment``
text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.story import Cell, Story
from reader.ui.widgets.common.status_line import say
from reader.view.story_words import legend_units

from .geometry import CELL_MIN, HEADER, LEFT_MIN, Geometry, column_at, geometry, legend_rows, page_start
from .keys import STORY_BINDINGS
from .navigation import change_after, row_drawn, rows_on_page, scroll_to_show
from .painting import STORY_COMPONENTS, header_segments, layered, legend_segments, row_segments
from .texts import Run, legend_lines, paragraph_lefts, wanted_widths

# Where the tests and the story screen have always found them.
__all__ = ["LEFT_MIN", "StoryMatrix", "geometry", "legend_units"]


class StoryMatrix(ScrollView, can_focus=True):
    """What each copy did to each base paragraph, with a cursor on one cell."""

    BINDINGS: ClassVar[list[BindingType]] = STORY_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = STORY_COMPONENTS

    # Not scoped: the rules for light, 16 colours and no colour start from the App's pseudo-classes.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    StoryMatrix {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $background;
    }
    StoryMatrix > .story-matrix--header { text-style: bold; background: $panel; }
    StoryMatrix > .story-matrix--header-current { text-style: bold reverse; }
    StoryMatrix > .story-matrix--muted { color: $text-muted; }
    StoryMatrix > .story-matrix--cursor-row { background: $foreground 8%; text-style: bold; }
    StoryMatrix > .story-matrix--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    StoryMatrix:focus > .story-matrix--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    StoryMatrix > .story-matrix--kept { color: $text-success; }
    StoryMatrix > .story-matrix--typography { color: $text-success; }
    StoryMatrix > .story-matrix--edited { color: $text-warning; }
    StoryMatrix > .story-matrix--rewritten { color: $text-warning; text-style: bold; }
    StoryMatrix > .story-matrix--merged { color: #5fc4d0; }
    StoryMatrix > .story-matrix--split { color: #5fc4d0; }
    StoryMatrix > .story-matrix--moved { color: #d7a2e8; }
    StoryMatrix > .story-matrix--cut { color: $text-error; }
    StoryMatrix > .story-matrix--added { color: $text-primary; }
    StoryMatrix > .story-matrix--boilerplate { color: $text-muted; text-style: italic; }
    StoryMatrix > .story-matrix--unrelated { color: $text-muted; }

    App:light StoryMatrix > .story-matrix--merged { color: #00656e; }
    App:light StoryMatrix > .story-matrix--split { color: #00656e; }
    App:light StoryMatrix > .story-matrix--moved { color: #8a3a96; }
    /* The terminal's own colours, as `reader story` uses them. */
    App:ansi StoryMatrix > .story-matrix--merged { color: ansi_cyan; }
    App:ansi StoryMatrix > .story-matrix--split { color: ansi_cyan; }
    App:ansi StoryMatrix > .story-matrix--moved { color: ansi_magenta; }
    App:ansi StoryMatrix > .story-matrix--added { color: ansi_blue; }
    App:ansi StoryMatrix > .story-matrix--cursor-row { background: transparent; }
    App:ansi StoryMatrix > .story-matrix--muted { text-style: dim; }
    App:ansi StoryMatrix > .story-matrix--unrelated { text-style: dim; }
    App:ansi StoryMatrix > .story-matrix--boilerplate { text-style: dim italic; }
    /* Without colour the symbols carry the statuses; the cursor must still stand out. */
    App:nocolor StoryMatrix > .story-matrix--cursor { text-style: bold reverse; }
    App:nocolor StoryMatrix:focus > .story-matrix--cursor { text-style: bold reverse; }
    App:nocolor StoryMatrix > .story-matrix--header-current { text-style: bold reverse underline; }
    """

    cursor: reactive[Coordinate] = reactive(Coordinate(0, 0), init=False)

    @dataclass
    class CellHighlighted(Message):
        """The cursor moved to another cell (``row`` in ``Story.rows``, ``column`` a copy)."""

        row: int
        column: int

    @dataclass
    class CellSelected(Message):
        """`enter` or a double click on a cell."""

        row: int
        column: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story: Story | None = None
        self.first_column = 0  # the leftmost copy column on screen
        # The rows drawn, as indices in ``story.rows``: every base paragraph, and the rows added
        # by the copies whose columns are on screen (all of them when every copy fits).
        self._shown: list[int] = []
        self._position: dict[int, int] = {}  # story row -> its place among the rows drawn
        self._lefts: list[str] = []  # each row's paragraph column text, one line
        self._added: list[bool] = []
        self._muted: list[bool] = []
        self._wanted = CELL_MIN  # the widest short label or copy name
        self._wanted_sentences = 0  # the widest cell said in words
        self._geometry = Geometry(LEFT_MIN, CELL_MIN, 1)
        self._legend: list[list[Run]] = []  # the legend's lines at the current width
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._styles: dict[tuple[str, ...], Style] = {}

    # -- data -----------------------------------------------------------------

    def show(self, story: Story, cursor: Coordinate | None = None) -> None:
        """Display a story, the cursor on ``cursor`` (clamped) or on the first cell."""
        self.story = story
        self._lefts = paragraph_lefts(story)
        self._added = [row.added for row in story.rows]
        self._muted = [row.added or row.boilerplate is not None for row in story.rows]
        self._wanted, self._wanted_sentences = wanted_widths(story)
        self.first_column = 0
        self._shown = []
        self._relayout()
        self.set_reactive(StoryMatrix.cursor, self.validate_cursor(cursor or Coordinate(0, 0)))
        self._set_page(self._first_for(self.cursor.column))
        self._scroll_to_cursor(center=True)
        self.refresh()
        self.post_message(self.CellHighlighted(*self.cursor))

    @property
    def row_count(self) -> int:
        return len(self.story.rows) if self.story else 0

    @property
    def column_count(self) -> int:
        return len(self.story.copies) if self.story else 0

    @property
    def current_cell(self) -> Cell | None:
        if self.story is None or not self.row_count:
            return None
        row, column = self.cursor
        return self.story.rows[row].cells[column]

    @property
    def visible_columns(self) -> range:
        start = self.first_column
        return range(start, min(self.column_count, start + self._geometry.per_page))

    @property
    def shown_rows(self) -> list[int]:
        """The rows drawn (indices in ``story.rows``), in order."""
        return list(self._shown)

    @property
    def legend_height(self) -> int:
        """Rows the legend takes at the bottom: none when the matrix needs the room."""
        if self.story is None:
            return 0
        height = self.scrollable_content_region.height or self.size.height
        return legend_rows(height, len(self._legend), len(self._shown) or self.row_count)

    @property
    def page_rows(self) -> int:
        height = self.scrollable_content_region.height or self.size.height
        return max(1, height - HEADER - self.legend_height)

    def _first_for(self, column: int) -> int:
        """The leftmost column of the page showing ``column``, the page moved as little as can be."""
        return page_start(self.first_column, column, self._geometry.per_page, self.column_count)

    def _rows_for(self, first: int) -> list[int]:
        return rows_on_page(self.story, first, self._geometry.per_page) if self.story is not None else []

    def _set_page(self, first: int) -> None:
        """Show the page of columns starting at ``first``, and the rows that go with it."""
        if first == self.first_column and self._shown:
            return
        self.first_column = first
        self._shown = self._rows_for(first)
        self._position = {row: n for n, row in enumerate(self._shown)}
        width = self.scrollable_content_region.width or self.size.width or 80
        # Extra rows let the last paragraph scroll clear of the legend.
        self.virtual_size = Size(width, len(self._shown) + HEADER + self.legend_height)
        self.refresh()

    def validate_cursor(self, cursor: Coordinate) -> Coordinate:
        """Clamped to the matrix; on a row the cursor's page draws (an added row of a copy
        scrolled out of view gives way to the paragraph before it)."""
        if self.story is None or not self.row_count:
            return Coordinate(0, 0)
        row = max(0, min(cursor.row, self.row_count - 1))
        column = max(0, min(cursor.column, self.column_count - 1))
        first = self._first_for(column)
        shown = self._shown if first == self.first_column and self._shown else self._rows_for(first)
        return Coordinate(row_drawn(row, shown), column)

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        self._geometry = geometry(width, self.column_count, self._wanted, self._wanted_sentences)
        self._legend = legend_lines(width, labels=not self._geometry.sentences)
        self._strips.clear()
        # The page (and the rows drawn) for the new width, around the cursor's column.
        self._shown = []
        self._set_page(self._first_for(self.cursor.column))

    # -- drawing --------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def _style(self, *names: str) -> Style:
        """The widget's style with these components' on top, later ones winning."""
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = layered(self.rich_style, map(self._component, names))
        return style

    def _component(self, name: str) -> tuple[Style, Style]:
        """A component's partial style (only what its rules set) and its full style."""
        component = f"story-matrix--{name}"
        get = self.get_component_rich_style
        return get(component, partial=True), get(component)

    def _header_strip(self, line: int, width: int) -> Strip:
        assert self.story is not None
        columns, current = self.visible_columns, self.cursor.column
        segments = header_segments(self.story, self._geometry, columns, line, current, self._style)
        return Strip(segments).adjust_cell_length(width, self._style("header"))

    def _legend_strip(self, line: int, width: int) -> Strip:
        segments = legend_segments(self._legend[line], self._style)
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _row_strip(self, row: int, width: int) -> Strip:
        assert self.story is not None
        cells, left, muted = self.story.rows[row].cells, self._lefts[row], self._muted[row]
        cursor = self.cursor.column if row == self.cursor.row else None
        columns = self.visible_columns
        segments, gap = row_segments(cells, left, muted, self._geometry, columns, cursor, self._style)
        return Strip(segments).adjust_cell_length(width, gap)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        if self.story is None or not self.row_count:
            return Strip.blank(width, self.rich_style)
        if y < HEADER:
            return self._header_strip(y, width)
        height = self.scrollable_content_region.height or self.size.height
        legend = self.legend_height
        if legend and y >= height - legend:
            return self._legend_strip(y - (height - legend), width)
        position = round(self.scroll_y) + y - HEADER
        if position >= len(self._shown):
            return Strip.blank(width, self.rich_style)
        row = self._shown[position]
        cursor_column = self.cursor.column if row == self.cursor.row else -1
        key = (row, self.first_column, cursor_column, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._row_strip(row, width)
            self._strips[key] = strip
        return strip

    # -- cursor ---------------------------------------------------------------

    def _scroll_to_cursor(self, center: bool = False) -> None:
        position = self._position.get(self.cursor.row, 0)
        top = scroll_to_show(position, round(self.scroll_y), self.page_rows, center)
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True)

    def watch_cursor(self, old: Coordinate, new: Coordinate) -> None:
        self._set_page(self._first_for(new.column))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CellHighlighted(*new))

    def on_resize(self) -> None:
        if self.story is not None:
            self._relayout()
            self.cursor = self.validate_cursor(self.cursor)
            self._scroll_to_cursor()
            self.refresh()

    def move_to(self, row: int | None = None, column: int | None = None) -> None:
        self.cursor = Coordinate(
            self.cursor.row if row is None else row, self.cursor.column if column is None else column
        )

    def _step(self, rows: int) -> None:
        """Move the cursor by ``rows`` among the rows drawn."""
        if not self._shown:
            return
        position = self._position.get(self.cursor.row, 0) + rows
        self.move_to(row=self._shown[max(0, min(position, len(self._shown) - 1))])

    def action_cell_down(self) -> None:
        self._step(1)

    def action_cell_up(self) -> None:
        self._step(-1)

    def action_cell_right(self) -> None:
        self.move_to(column=self.cursor.column + 1)

    def action_cell_left(self) -> None:
        self.move_to(column=self.cursor.column - 1)

    def action_page_down(self) -> None:
        self._step(self.page_rows)

    def action_page_up(self) -> None:
        self._step(-self.page_rows)

    def action_first_row(self) -> None:
        self._step(-len(self._shown))

    def action_last_row(self) -> None:
        self._step(len(self._shown))

    def action_next_change(self) -> None:
        self._step_change(1)

    def action_previous_change(self) -> None:
        self._step_change(-1)

    def _step_change(self, step: int) -> None:
        row = None
        if self.story is not None:
            row = change_after(self.story, self._shown, self.cursor.column, self.cursor.row, step)
        if row is None:
            say(self, f"No more changes {'below' if step > 0 else 'above'} in this copy.")
        else:
            self.move_to(row=row)

    def action_select(self) -> None:
        if self.story is not None and self.row_count:
            self.post_message(self.CellSelected(*self.cursor))

    # -- mouse ----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if self.story is None:
            return
        column = column_at(event.x, self._geometry, self.first_column, self.visible_columns)
        if event.y < HEADER:
            if column is not None:
                self.move_to(column=column)
            return
        position = round(self.scroll_y) + event.y - HEADER
        if not 0 <= position < len(self._shown):
            return
        self.move_to(row=self._shown[position], column=column)
        if event.chain >= 2 and column is not None:
            self.action_select()

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        event.prevent_default()
        event.stop()
        self.move_to(column=min(self.cursor.column + 1, self.column_count - 1))

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        event.prevent_default()
        event.stop()
        self.move_to(column=max(self.cursor.column - 1, 0))
