"""The table of articles on the first screen, drawn lazily with the Line API.

A folder can hold a hundred thousand articles: only the rows on screen are drawn,
and sorting or filtering re-orders a list of precomputed ``ArticleRow`` records
instead of rebuilding widgets. Cells are plain text in segments, never markup.

Grouped by story (``groups``), a story is one header line (an entry ``-(g + 1)`` in
``order``), opened to its versions, the likely original first.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
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

from reader.core.model import Article
from reader.ui.article_rows import ArticleRow, sort_value
from reader.view.text import middle_truncate, percent
from reader.view.wrap import cell_width, truncate


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("mark", " "),
    Column("agency", "Agency"),
    Column("place", "Place"),
    Column("title", "Title"),
    Column("words", "Words", numeric=True),
    Column("paragraphs", "¶", numeric=True),
    Column("file", "File"),
)
SHARED = Column("shared", "Shared", numeric=True)


def mark_letter(position: int) -> str:
    """A, B for a pair; marks for a story go on in the alphabet, then "+"."""
    return chr(ord("A") + position) if position < 26 else "+"


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
    ArticleTable > .article-table--mark { text-style: bold reverse; color: $accent; }
    ArticleTable > .article-table--muted { color: $foreground 60%; }
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[ArticleRow] = ()
        self.articles: Sequence[Article] = ()  # the loaded articles, in the order of `rows`
        self.order: list[int] = []
        self.marks: list[int] = []
        self.scores: dict[int, float] | None = None
        self.target: int | None = None
        self.sort_key = "file"
        self.sort_reverse = False
        self.widths: dict[str, int] = {}
        # Grouped by story: each group's rows (positions in `rows`), the original first.
        self.groups: list[list[int]] | None = None
        self.expanded: set[int] = set()
        self._group_of: dict[int, int] = {}
        self._shown: list[list[int]] = []
        self._strips: LRUCache[tuple[int, bool], Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}

    # -- data -----------------------------------------------------------------

    @property
    def columns_shown(self) -> tuple[Column, ...]:
        return (*COLUMNS, SHARED) if self.scores is not None else COLUMNS

    @property
    def row_count(self) -> int:
        return len(self.order)

    @property
    def current_index(self) -> int | None:
        """Position (in the loaded list) of the highlighted article."""
        entry = self.current_entry
        if entry is None:
            return None
        # A story's line stands for its likely original (preview, marks, similar).
        return self.groups[-entry - 1][0] if entry < 0 and self.groups else entry

    @property
    def current_entry(self) -> int | None:
        """The highlighted line: an article's position, or ``-(g + 1)`` for story g."""
        if not self.order:
            return None
        return self.order[min(max(self.cursor_row, 0), len(self.order) - 1)]

    @property
    def current_group(self) -> int | None:
        """The story whose line is highlighted, or that holds the highlighted version."""
        entry = self.current_entry
        if entry is None or self.groups is None:
            return None
        return -entry - 1 if entry < 0 else self._group_of.get(entry)

    @property
    def in_story(self) -> dict[int, int]:
        """Grouped: the story (its number) of each row in a story of two or more."""
        return self._group_of

    def set_groups(self, groups: list[list[int]] | None) -> None:
        """Group the list by story (stories of two or more versions; the rest stay rows)."""
        self.groups = [g for g in groups if len(g) > 1] if groups is not None else None
        self.expanded = set()
        self._group_of = {i: g for g, members in enumerate(self.groups or ()) for i in members}

    def _column_widths(self, width: int) -> dict[str, int]:
        rows = [self.rows[i] for i in self.order if i >= 0] or list(self.rows)

        def widest(key: str, values: Sequence[str], label: str, cap: int) -> int:
            # The sorted column also needs room for its arrow (" ▲").
            label_width = cell_width(label) + (2 if key == self.sort_key else 0)
            return min(cap, max([label_width, *(cell_width(v) for v in values)]))

        widths = {
            "mark": 1,
            "agency": widest("agency", sorted({r.agency for r in rows}), "Agency", 12),
            "place": widest("place", sorted({r.place for r in rows}), "Place", 14),
            "words": widest("words", [f"{max((r.words for r in rows), default=0):,}"], "Words", 8),
            "paragraphs": widest("paragraphs", [str(max((r.paragraphs for r in rows), default=0))], "¶", 4),
            "shared": widest("shared", ["100%"], "Shared", 8),
        }
        # The longest names by length, then by cells: cell widths of 100k names cost too much.
        longest = heapq.nlargest(16, {r.file for r in rows}, key=len)
        files = widest("file", [max(longest, key=cell_width, default="")], "File", 40)
        shown = [c.key for c in self.columns_shown]
        padding = 2 * len(shown)
        fixed = sum(widths[k] for k in shown if k in widths)
        room = width - padding - fixed
        # The title keeps at least 20 cells; the file name takes what it needs of the rest.
        widths["file"] = max(min(files, 12), min(files, room - 20))
        widths["title"] = max(16, room - widths["file"])
        return widths

    def populate(self, visible: Sequence[int]) -> None:
        """Show these articles (positions in the loaded list) in the current sort order."""
        keep = self.current_entry
        reverse = self.sort_reverse and self.sort_key != "shared"
        if self.groups is not None:
            visible = self._grouped(visible)
        self.order = sorted(
            visible,
            key=lambda i: sort_value(self.rows[i], self.sort_key, self.marks, self.scores, self.target),
            reverse=reverse,
        )
        if self.groups is not None:
            self.order = self._story_lines(visible) + self.order
        self.widths = self._column_widths(self.scrollable_content_region.width or self.size.width or 80)
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width or 80, len(self.order) + 1)
        row = self.order.index(keep) if keep is not None and keep in self.order else 0
        if keep is not None and keep >= 0 and keep in self._group_of and keep not in self.order:
            story = -self._group_of[keep] - 1  # its story was closed: stay on the story's line
            row = self.order.index(story) if story in self.order else 0
        self.set_reactive(ArticleTable.cursor_row, row)
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self.current_index))

    def _grouped(self, visible: Sequence[int]) -> list[int]:
        """The visible rows in no story of two or more; the stories are put aside for
        `_story_lines` in `self._shown`."""
        shown = set(visible)
        self._shown = [
            [i for i in members if i in shown] for members in self.groups or ()
        ]
        return [i for i in visible if i not in self._group_of]

    def _story_lines(self, visible: Sequence[int]) -> list[int]:
        lines: list[int] = []
        for g, members in enumerate(self._shown):
            if not members:
                continue
            lines.append(-g - 1)
            if g in self.expanded:
                lines.extend(members)
        return lines

    def expand(self, group: int, open_: bool) -> None:
        if open_:
            self.expanded.add(group)
        else:
            self.expanded.discard(group)
        entry = -group - 1
        visible = [i for i in self.order if i >= 0 and i not in self._group_of]
        visible += [i for members in self._shown for i in members]
        self.populate(visible)
        if entry in self.order:
            self.move_cursor(row=self.order.index(entry))

    def refresh_marks(self) -> None:
        self._strips.clear()
        self.refresh()

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        self.cursor_row = max(0, min(row, len(self.order) - 1))

    def cell_text(self, index: int, key: str) -> str:
        """The text of one cell (for tests and the command line of a curious reader)."""
        return dict(self._cells(self.rows[index]))[key].strip()

    def line_text(self, entry: int) -> str:
        """The cells of one line (an article or ``-(g + 1)`` for a story), as plain text."""
        return " ".join(text.strip() for _, text in self._line_cells(entry) if text.strip())

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

    def _line_cells(self, entry: int) -> list[tuple[str, str]]:
        if entry >= 0:
            return self._cells(self.rows[entry])
        members = (self.groups or [])[-entry - 1]
        shown = self._shown[-entry - 1] if self._shown else members
        count = f"{len(members)} versions"
        if len(shown) != len(members):
            count = f"{len(shown)} of {len(members)}"
        opened = -entry - 1 in self.expanded
        return self._cells(self.rows[members[0]], story=(("▾ " if opened else "▸ ") + count + ": "))

    def _cells(self, row: ArticleRow, story: str | None = None) -> list[tuple[str, str]]:
        widths = self.widths
        mark = mark_letter(self.marks.index(row.index)) if row.index in self.marks else " "
        title = truncate(row.title, widths["title"])
        if story is not None:
            mark, title = " ", truncate(story + row.title, widths["title"])
        elif row.index in self._group_of:
            # A version, under its story's line.
            title = "  " + truncate(row.title, widths["title"] - 2)
        cells = [
            ("mark", mark),
            ("agency", truncate(row.agency, widths["agency"])),
            ("place", truncate(row.place, widths["place"])),
            ("title", title),
            ("words", f"{row.words:,}".rjust(widths["words"])),
            ("paragraphs", str(row.paragraphs).rjust(widths["paragraphs"])),
            ("file", middle_truncate(row.file, widths["file"])),
        ]
        if self.scores is not None:
            shared = "this" if row.index == self.target else percent(self.scores.get(row.index, 0.0))
            cells.append(("shared", shared.rjust(widths["shared"])))
        return cells

    def _header_strip(self, width: int) -> Strip:
        style = self.rich_style + self._style("header")
        segments = []
        reverse = self.sort_reverse and self.sort_key != "shared"
        for column in self.columns_shown:
            label = column.label
            if column.key == self.sort_key and column.key != "mark":
                label += " ▼" if reverse else " ▲"
            cell_w = self.widths[column.key]
            label = truncate(label, cell_w)
            text = label.rjust(cell_w) if column.numeric else label.ljust(cell_w)
            segments.append(Segment(f" {text} ", style))
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
            for key, text in self._line_cells(index):
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
        if self.rows and self.widths != self._column_widths(self.scrollable_content_region.width):
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
