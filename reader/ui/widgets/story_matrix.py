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

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.story import Cell, Status, Story, StoryCopy
from reader.view.story_words import MEANINGS, description, label
from reader.view.story_words import legend as story_legend
from reader.view.story_words import symbol as cell_symbol
from reader.view.text import file_label, middle_truncate, safe
from reader.view.wrap import cell_width, truncate

HEADER = 2  # rows: the copies' names, then their summaries
GAP = 1  # cells between columns
LEFT_MIN = 22  # the paragraph column never gets narrower than this
CELL_MIN, CELL_PAGED, CELL_MAX = 11, 13, 24
# Cells say in words what the symbols say when every sentence fits and the paragraph
# column keeps this much room.
LEFT_BESIDE_SENTENCES = 60
# The legend shows below the matrix when this many rows stay in view besides (or all of them).
LEGEND_ROOM = 20

# A change, for n/N: everything but a paragraph kept as it was, and the write-up columns.
_UNCHANGED = frozenset({Status.KEPT, Status.TYPOGRAPHY, Status.UNRELATED})


@dataclass(frozen=True, slots=True)
class Geometry:
    left: int  # width of the paragraph column
    cell: int  # width of each copy's column
    per_page: int  # copy columns on screen at once
    sentences: bool = False  # cells in words (every cell's sentence fits)


def geometry(width: int, copies: int, wanted: int, sentences: int = 0) -> Geometry:
    """Column widths for ``copies`` columns in ``width`` cells: cells ideally ``wanted`` wide
    for the short labels, or ``sentences`` wide to say every cell in words.

    Sentences when they all fit beside a readable paragraph column; else all the copies side
    by side at a readable width; else a page of narrow columns (the matrix then scrolls
    sideways). The paragraph column takes the rest: the start of each paragraph, for
    reading across.
    """
    copies = max(1, copies)
    if sentences and copies * (sentences + GAP) <= width - LEFT_BESIDE_SENTENCES:
        return Geometry(width - copies * (sentences + GAP), sentences, copies, sentences=True)
    room = max(0, width - LEFT_MIN)
    cell = max(CELL_MIN, min(CELL_MAX, wanted))
    if copies * (cell + GAP) <= room:
        per_page = copies
    elif room // copies - GAP >= CELL_MIN:  # every copy in view beats a few wider columns
        cell = min(cell, room // copies - GAP)
        per_page = copies
    else:
        cell = CELL_PAGED
        per_page = max(1, min(copies, room // (cell + GAP)))
    return Geometry(max(1, width - per_page * (cell + GAP)), cell, per_page)


def copy_name(k: int, copy: StoryCopy) -> str:
    article = copy.article
    return f"#{k + 1} {safe(article.outlet) or safe(article.agency) or file_label(article)}"


def copy_summary(copy: StoryCopy, width: int) -> str:
    """The header's second row for a copy: how much it kept, cut and added, in ``width``;
    ‼ first when it dropped or replaced the credit, or altered a quotation or a number."""
    if not copy.related:
        return "≠ write-up"
    if copy.equal:
        return "= same text"
    kept = f"{round(100 * copy.kept_share)}% kept"
    if copy.credit in ("dropped", "replaced") or copy.quotes_altered or copy.numbers_changed:
        kept = "‼" + kept  # what the details row says: credit dropped, quotations, numbers
    extras = []
    if copy.trim.paragraphs:
        extras.append(f"✂{copy.trim.paragraphs}")
    added = copy.added.paragraphs + copy.added.boilerplate_paragraphs
    if added:
        extras.append(f"+{added}")
    text = " ".join([kept, *extras])
    return text if cell_width(text) <= width else kept


def sentence(cell: Cell) -> str:
    """A cell said in words, after its symbol."""
    if cell.status is Status.UNRELATED:  # the same on every row: the column's verdict
        return f"{cell_symbol(cell)} {MEANINGS[Status.UNRELATED]}"
    return f"{cell_symbol(cell)} {description(cell)}"


def cell_text(cell: Cell | None, sentences: bool = False) -> str:
    """A cell's text: the short label, or the sentence when the columns are wide enough for all."""
    if cell is None:
        return ""
    return sentence(cell) if sentences else label(cell)


Run = tuple[str, Status | None]  # text, and the status whose style it takes (None: muted)


def legend_units() -> list[list[Run]]:
    """The legend as units that wrap whole: a symbol with its meaning, once per symbol."""
    units: list[list[Run]] = [
        [(symbol, status), (f" {meaning}", None)] for status, symbol, meaning in story_legend()
    ]
    units.append([("¶N: the copy's paragraph", None)])
    return units


def legend_lines(width: int, separator: str = "   ") -> list[list[Run]]:
    """The legend wrapped to ``width``, between units, never inside one."""
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0
    for unit in legend_units():
        size = sum(cell_width(text) for text, _ in unit)
        if line and used + len(separator) + size > width:
            lines.append(line)
            line, used = [], 0
        if line:
            line.append((separator, None))
            used += len(separator)
        line.extend(unit)
        used += size
    if line:
        lines.append(line)
    return lines


class StoryMatrix(ScrollView, can_focus=True):
    """What each copy did to each base paragraph, with a cursor on one cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select", "Open", key_display="⏎", tooltip="Open the diff at this cell", id="story.open"
        ),
        Binding("down", "cell_down", "Down", show=False, tooltip="Next paragraph", id="story.down"),
        Binding("j", "cell_down", "Down", show=False, tooltip="Next paragraph", id="story.down_j"),
        Binding("up", "cell_up", "Up", show=False, tooltip="Previous paragraph", id="story.up"),
        Binding("k", "cell_up", "Up", show=False, tooltip="Previous paragraph", id="story.up_k"),
        Binding("right", "cell_right", "Right", show=False, tooltip="Next copy", id="story.right"),
        Binding("l", "cell_right", "Right", show=False, tooltip="Next copy", id="story.right_l"),
        Binding("left", "cell_left", "Left", show=False, tooltip="Previous copy", id="story.left"),
        Binding("h", "cell_left", "Left", show=False, tooltip="Previous copy", id="story.left_h"),
        Binding("n", "next_change", "Next", tooltip="Next change in this copy", id="story.next_change"),
        Binding(
            "N",
            "previous_change",
            "Prev",
            show=False,
            key_display="N",
            tooltip="Previous change in this copy",
            id="story.previous_change",
        ),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Page down", id="story.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Page up", id="story.page_up"),
        Binding("home", "first_row", "Top", show=False, tooltip="First paragraph", id="story.home"),
        Binding("end", "last_row", "End", show=False, tooltip="Last paragraph", id="story.end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-matrix--header",
        "story-matrix--header-current",
        "story-matrix--muted",
        "story-matrix--cursor",
        "story-matrix--cursor-row",
        *(f"story-matrix--{status.value}" for status in Status),
    }

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
    StoryMatrix > .story-matrix--muted { color: $foreground 55%; }
    StoryMatrix > .story-matrix--cursor-row { background: $foreground 8%; text-style: bold; }
    StoryMatrix > .story-matrix--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    StoryMatrix:focus > .story-matrix--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
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
    StoryMatrix > .story-matrix--boilerplate { color: $foreground 55%; text-style: italic; }
    StoryMatrix > .story-matrix--unrelated { color: $foreground 55%; }

    App:light StoryMatrix > .story-matrix--merged { color: #00707a; }
    App:light StoryMatrix > .story-matrix--split { color: #00707a; }
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
    App:nocolor StoryMatrix > .story-matrix--muted { text-style: dim; }
    App:nocolor StoryMatrix > .story-matrix--unrelated { text-style: dim; }
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
        digits = len(str(max(len(story.base.paragraphs) - 1, 0)))
        self._lefts, self._added, self._muted = [], [], []
        for row in story.rows:
            text = safe(row.text)
            if row.added:
                self._lefts.append(f"{' ' * digits}+#{(row.copy or 0) + 1} {text}")
            else:
                self._lefts.append(f"{row.base:>{digits}} {text}")
            self._added.append(row.added)
            self._muted.append(row.added or row.boilerplate is not None)
        labels = [label(cell) for row in story.rows for cell in row.cells if cell is not None]
        names = [copy_name(k, copy) for k, copy in enumerate(story.copies)]
        self._wanted = max([CELL_MIN, *(cell_width(x) for x in labels), *(cell_width(x) for x in names)])
        self._wanted_sentences = max(
            [
                self._wanted,
                *(cell_width(sentence(cell)) for row in story.rows for cell in row.cells if cell is not None),
            ]
        )
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
        height = self.scrollable_content_region.height or self.size.height
        lines = len(self._legend)
        rows = len(self._shown) or self.row_count
        if self.story is None or height - HEADER - lines < min(rows, LEGEND_ROOM):
            return 0
        return lines

    @property
    def page_rows(self) -> int:
        height = self.scrollable_content_region.height or self.size.height
        return max(1, height - HEADER - self.legend_height)

    def _first_for(self, column: int) -> int:
        """The leftmost column of the page showing ``column``, the page moved as little as can be."""
        per_page = self._geometry.per_page
        first = self.first_column
        if column < first:
            first = column
        elif column >= first + per_page:
            first = column - per_page + 1
        return max(0, min(first, self.column_count - per_page))

    def _rows_for(self, first: int) -> list[int]:
        if self.story is None:
            return []
        page = range(first, first + self._geometry.per_page)
        return [n for n, row in enumerate(self.story.rows) if not row.added or row.copy in page]

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
        if row not in shown and shown:
            before = [n for n in shown if n < row]
            row = before[-1] if before else shown[0]
        return Coordinate(row, column)

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        self._geometry = geometry(width, self.column_count, self._wanted, self._wanted_sentences)
        self._legend = legend_lines(width)
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
        """The widget's style with these components' on top, later ones winning.

        A component adds only what its rules set (a status its colour, the cursor row its
        background), with colours as the full style blends them: partial styles keep
        semi-transparent colours such as ``$foreground 55%`` unblended, and so undimmed.
        """
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            for name in names:
                component = f"story-matrix--{name}"
                partial = self.get_component_rich_style(component, partial=True)
                full = self.get_component_rich_style(component)
                style += partial.without_color + Style(
                    color=full.color if partial.color else None,
                    bgcolor=full.bgcolor if partial.bgcolor else None,
                )
            self._styles[names] = style
        return style

    @staticmethod
    def _fit(text: str, width: int) -> str:
        """``text`` in exactly ``width`` cells: cut with an ellipsis, its indent kept."""
        if cell_width(text) > width:
            body = text.lstrip(" ")
            indent = min(len(text) - len(body), width)
            text = " " * indent + truncate(body, width - indent)
        return text + " " * (width - cell_width(text))

    def _header_strip(self, line: int, width: int) -> Strip:
        story = self.story
        assert story is not None
        g = self._geometry
        header = self._style("header")
        columns = self.visible_columns
        if line == 0:
            left = "¶ base paragraph"
        elif len(columns) < self.column_count:
            before = "◀ " if columns.start > 0 else "  "
            after = " ▶" if columns.stop < self.column_count else ""
            left = f"{before}copies {columns.start + 1}–{columns.stop} of {self.column_count}{after}"
        else:
            count = self.column_count
            left = f"{count} {'copy' if count == 1 else 'copies'} of the base"
        segments = [Segment(self._fit(left, g.left), header if line == 0 else self._style("header", "muted"))]
        current = self.cursor.column
        for k in columns:
            copy = story.copies[k]
            if line == 0:
                name = copy_name(k, copy)
                if cell_width(name) > g.cell and not (copy.article.outlet or copy.article.agency):
                    number = f"#{k + 1} "
                    name = number + middle_truncate(file_label(copy.article), g.cell - len(number))
                text, style = name, self._style("header", "header-current") if k == current else header
            else:
                text = copy_summary(copy, g.cell)
                style = self._style("header", "unrelated" if not copy.related else "muted")
            segments.append(Segment(" " * GAP, header))
            segments.append(Segment(self._fit(text, g.cell), style))
        return Strip(segments).adjust_cell_length(width, header)

    def _legend_strip(self, line: int, width: int) -> Strip:
        segments = [
            Segment(text, self._style(status.value) if status is not None else self._style("muted"))
            for text, status in self._legend[line]
        ]
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _row_strip(self, row: int, width: int) -> Strip:
        story = self.story
        assert story is not None
        g = self._geometry
        on_cursor_row = row == self.cursor.row
        row_style = ("cursor-row",) if on_cursor_row else ()
        left_style = self._style("muted", *row_style) if self._muted[row] else self._style(*row_style)
        segments = [Segment(self._fit(self._lefts[row], g.left), left_style)]
        gap = self._style(*row_style)
        cells = story.rows[row].cells
        for k in self.visible_columns:
            cell = cells[k]
            text = self._fit(cell_text(cell, g.sentences), g.cell)
            if on_cursor_row and k == self.cursor.column:
                style = self._style(cell.status.value, "cursor") if cell else self._style("cursor")
            elif cell is None:
                style = gap
            else:
                style = self._style(cell.status.value, *row_style)
            segments.append(Segment(" " * GAP, gap))
            segments.append(Segment(text, style))
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
        top = round(self.scroll_y)
        page = self.page_rows
        if center and not top <= position < top + page:
            self.scroll_to(y=max(0, position - page // 2), animate=False, immediate=True)
        elif position < top:
            self.scroll_to(y=position, animate=False, immediate=True)
        elif position >= top + page:
            self.scroll_to(y=position - page + 1, animate=False, immediate=True)

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

    def _change_rows(self) -> list[int]:
        if self.story is None:
            return []
        column = self.cursor.column
        rows = self.story.rows
        return [
            n
            for n in self._shown
            if (cell := rows[n].cells[column]) is not None and cell.status not in _UNCHANGED
        ]

    def action_next_change(self) -> None:
        later = [n for n in self._change_rows() if n > self.cursor.row]
        if later:
            self.move_to(row=later[0])
        else:
            self.notify("No more changes below in this copy.", timeout=2)

    def action_previous_change(self) -> None:
        earlier = [n for n in self._change_rows() if n < self.cursor.row]
        if earlier:
            self.move_to(row=earlier[-1])
        else:
            self.notify("No more changes above in this copy.", timeout=2)

    def action_select(self) -> None:
        if self.story is not None and self.row_count:
            self.post_message(self.CellSelected(*self.cursor))

    # -- mouse ----------------------------------------------------------------

    def _column_at(self, x: int) -> int | None:
        g = self._geometry
        if x < g.left:
            return None
        k = self.first_column + (x - g.left) // (g.cell + GAP)
        return k if k in self.visible_columns else None

    def on_click(self, event: events.Click) -> None:
        if self.story is None:
            return
        column = self._column_at(event.x)
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
