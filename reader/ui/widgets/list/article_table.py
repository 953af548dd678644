"""The table of articles on the first screen, drawn lazily with the Line API.

A folder can hold a hundred thousand articles: only the rows on screen are drawn,
and sorting or filtering re-orders a list of precomputed ``ArticleRow`` records
instead of rebuilding widgets. Cells are plain text in segments, never markup.
What the lines are and hold is reader.ui.models.listing's; this widget draws
them, moves the cursor and says what was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.ui.models.listing import Column, Listing
from reader.view.wrap import cell_width


def _of_listing(name: str) -> property:
    """An attribute of the table's Listing, read and set on the table."""
    return property(
        lambda self: getattr(self.listing, name),
        lambda self, value: setattr(self.listing, name, value),
    )


class ArticleTable(ScrollView, can_focus=True):
    """Articles, one per row, with a cursor, A/B marks and an optional similarity column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select",
            "Open",
            show=False,
            tooltip="Open the diff when two are marked, else the preview; on a story, open or close it",
            id="list.open",
        ),
        Binding(
            "right",
            "expand",
            "Expand",
            show=False,
            tooltip="Grouped by story: show the versions of the story",
            id="list.expand",
        ),
        Binding(
            "left",
            "collapse",
            "Collapse",
            show=False,
            tooltip="Grouped by story: hide the versions, back to the story's line",
            id="list.collapse",
        ),
        Binding("down", "cursor_down", "Down", show=False, tooltip="Next article", id="list.down"),
        Binding("j", "cursor_down", "Down", show=False, tooltip="Next article", id="list.down_j"),
        Binding("up", "cursor_up", "Up", show=False, tooltip="Previous article", id="list.up"),
        Binding("k", "cursor_up", "Up", show=False, tooltip="Previous article", id="list.up_k"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Page down", id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Page up", id="list.page_up"),
        Binding("home", "first", "First", show=False, tooltip="First article", id="list.first"),
        Binding("end", "last", "Last", show=False, tooltip="Last article", id="list.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-table--header",
        "article-table--cursor",
        "article-table--mark",
        "article-table--muted",
        "article-table--story",
    }

    DEFAULT_CSS = """
    ArticleTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    ArticleTable > .article-table--header { text-style: bold; background: $panel; }
    ArticleTable > .article-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    ArticleTable:focus > .article-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ArticleTable > .article-table--mark { text-style: bold; color: $mark-foreground; background: $accent; }
    ArticleTable > .article-table--muted { color: $text-muted; }
    ArticleTable > .article-table--story { text-style: bold; }
    """

    cursor_row: reactive[int] = reactive(0, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another article (``index`` in the loaded list)."""

        index: int | None

    @dataclass
    class Selected(Message):
        """`enter` or a double click on an article."""

        index: int

    @dataclass
    class HeaderClicked(Message):
        key: str

    rows = _of_listing("rows")
    articles = _of_listing("articles")
    order = _of_listing("order")
    marks = _of_listing("marks")
    scores = _of_listing("scores")
    target = _of_listing("target")
    sort_key = _of_listing("sort_key")
    sort_reverse = _of_listing("sort_reverse")
    widths = _of_listing("widths")
    groups = _of_listing("groups")
    expanded = _of_listing("expanded")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.listing = Listing()
        self._strips: LRUCache[tuple[int, bool], Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}

    # -- data -----------------------------------------------------------------

    @property
    def columns_shown(self) -> tuple[Column, ...]:
        return self.listing.columns_shown

    @property
    def row_count(self) -> int:
        return len(self.order)

    @property
    def current_entry(self) -> int | None:
        """The highlighted line: an article's position, or ``-(g + 1)`` for story g."""
        if not self.order:
            return None
        return self.order[min(max(self.cursor_row, 0), len(self.order) - 1)]

    @property
    def current_index(self) -> int | None:
        """Position (in the loaded list) of the highlighted article."""
        return self.listing.index_of(self.current_entry)

    @property
    def current_group(self) -> int | None:
        """The story whose line is highlighted, or that holds the highlighted version."""
        return self.listing.group_of(self.current_entry)

    @property
    def in_story(self) -> dict[int, int]:
        return self.listing.in_story

    def set_groups(self, groups: list[list[int]] | None) -> None:
        self.listing.set_groups(groups)

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width or self.size.width or 80

    def populate(self, visible) -> None:
        """Show these articles (positions in the loaded list) in the current sort order."""
        keep = self.current_entry
        self.listing.arrange(visible, self._width)
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width or 80, len(self.order) + 1)
        self.set_reactive(ArticleTable.cursor_row, self.listing.line_for(keep))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current_index))

    def expand(self, group: int, open_: bool) -> None:
        self.populate(self.listing.opened(group, open_))
        entry = -group - 1
        if entry in self.order:
            self.move_cursor(row=self.order.index(entry))

    def refresh_marks(self) -> None:
        self._strips.clear()
        self.refresh()

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        self.cursor_row = max(0, min(row, len(self.order) - 1))

    def cell_text(self, index: int, key: str) -> str:
        """The text of one cell (for tests and the command line of a curious reader)."""
        return self.listing.cell_text(index, key)

    def line_text(self, entry: int) -> str:
        """The cells of one line (an article or ``-(g + 1)`` for a story), as plain text."""
        return self.listing.line_text(entry)

    # -- drawing --------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"article-table--{name}", partial=True)
            self._styles[name] = style
        return style

    def _header_strip(self, width: int) -> Strip:
        style = self.rich_style + self._style("header")
        segments = [Segment(f" {text} ", style) for _, text in self.listing.header_cells()]
        return Strip(segments).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        if not self.widths:
            return Strip.blank(width, self.rich_style)
        if y == 0:
            return self._header_strip(width)
        position = round(self.scroll_y) + y - 1
        if position >= len(self.order):
            return Strip.blank(width, self.rich_style)
        index = self.order[position]
        is_cursor = position == self.cursor_row
        strip = self._strips.get((index, is_cursor))
        if strip is None:
            base = self.rich_style + self._style("cursor") if is_cursor else self.rich_style
            if index < 0:
                base += self._style("story")
            segments = []
            for key, text in self.listing.line_cells(index):
                text = text + " " * (self.widths[key] - cell_width(text))
                if key == "mark" and text.strip():
                    segments.append(Segment(" ", base))
                    segments.append(Segment(text, base + self._style("mark")))
                    segments.append(Segment(" ", base))
                elif key == "file" and not is_cursor:
                    segments.append(Segment(f" {text} ", base + self._style("muted")))
                else:
                    segments.append(Segment(f" {text} ", base))
            strip = Strip(segments).adjust_cell_length(width, base)
            self._strips[(index, is_cursor)] = strip
        return strip

    # -- cursor ---------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        page = self._page
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False, immediate=True)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current_index))

    def on_resize(self) -> None:
        if self.rows and self.widths != self.listing.column_widths(self.scrollable_content_region.width):
            self.populate(self.order)
        else:
            self._scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.order) - 1)

    def action_select(self) -> None:
        entry = self.current_entry
        if entry is not None and entry < 0:
            group = -entry - 1
            self.expand(group, group not in self.expanded)
            return
        index = self.current_index
        if index is not None:
            self.post_message(self.Selected(index))

    def action_expand(self) -> None:
        group = self.current_group
        if group is not None:
            self.expand(group, True)

    def action_collapse(self) -> None:
        group = self.current_group
        if group is not None:
            self.expand(group, False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("expand", "collapse"):
            return self.groups is not None
        return True

    def on_click(self, event: events.Click) -> None:
        if not self.widths:
            return
        if event.y == 0:
            x = 0
            for column in self.columns_shown:
                x += self.widths[column.key] + 2
                if event.x < x:
                    self.post_message(self.HeaderClicked(column.key))
                    return
            return
        position = round(self.scroll_y) + event.y - 1
        if 0 <= position < len(self.order):
            self.cursor_row = position
            if event.chain >= 2:
                self.action_select()
