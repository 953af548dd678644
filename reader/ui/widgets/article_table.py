"""The table of articles on the first screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from reader.core.model import Article
from reader.ui.text import file_label, middle_truncate, percent, safe
from reader.ui.wrap import cell_width, truncate


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


class ArticleTable(DataTable[Text]):
    """Articles, one per row, keyed by their position in the loaded list.

    Every cell is a ``rich.text.Text`` built from plain strings: a title such as
    ``[bold red]`` is shown as it is written, never parsed as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "Open",
            show=False,
            tooltip="Open the diff when two are marked, else the preview",
            id="list.open",
        ),
    ]

    DEFAULT_CSS = """
    ArticleTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    ArticleTable > .datatable--header { text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=1)
        self.articles: Sequence[Article] = ()
        self.order: list[int] = []
        self.marks: list[int] = []
        self.scores: dict[int, float] | None = None
        self.target: int | None = None
        self.sort_key = "file"
        self.sort_reverse = False
        self._widths: dict[str, int] = {}

    # -- columns --------------------------------------------------------------

    @property
    def columns_shown(self) -> tuple[Column, ...]:
        return (*COLUMNS, SHARED) if self.scores is not None else COLUMNS

    def _column_widths(self, width: int) -> dict[str, int]:
        articles = [self.articles[i] for i in self.order] or list(self.articles)

        def widest(key: str, values: list[str], label: str, cap: int) -> int:
            # The sorted column also needs room for its arrow (" ▲").
            label_width = cell_width(label) + (2 if key == self.sort_key else 0)
            return min(cap, max([label_width, *(cell_width(v) for v in values)]))

        widths = {
            "mark": 1,
            "agency": widest("agency", [safe(a.agency) for a in articles], "Agency", 12),
            "place": widest("place", [safe(a.dateline) for a in articles], "Place", 14),
            "words": widest("words", [f"{a.words:,}" for a in articles], "Words", 8),
            "paragraphs": widest("paragraphs", [str(len(a.paragraphs)) for a in articles], "¶", 4),
            "shared": widest("shared", ["100%"], "Shared", 8),
        }
        files = widest("file", [file_label(a) for a in articles], "File", 40)
        shown = [c.key for c in self.columns_shown]
        padding = 2 * len(shown) + 1  # cell padding, and the vertical scrollbar
        fixed = sum(widths[k] for k in shown if k in widths)
        room = width - padding - fixed
        # The title keeps at least 20 cells; the file name takes what it needs of the rest.
        widths["file"] = max(min(files, 12), min(files, room - 20))
        widths["title"] = max(16, room - widths["file"])
        return widths

    # -- rows -----------------------------------------------------------------

    def _mark(self, index: int) -> Text:
        if index in self.marks:
            letter = "AB"[self.marks.index(index)]
            return Text(letter, style="bold reverse")
        return Text(" ")

    def _cells(self, index: int, widths: dict[str, int]) -> list[Text]:
        article = self.articles[index]
        cells = [
            self._mark(index),
            Text(truncate(safe(article.agency), widths["agency"])),
            Text(truncate(safe(article.dateline), widths["place"])),
            Text(truncate(safe(article.title) or "(untitled)", widths["title"])),
            Text(f"{article.words:,}", justify="right"),
            Text(str(len(article.paragraphs)), justify="right"),
            Text(middle_truncate(file_label(article), widths["file"])),
        ]
        if self.scores is not None:
            if index == self.target:
                cells.append(Text("this", style="italic", justify="right"))
            else:
                cells.append(Text(percent(self.scores.get(index, 0.0)), justify="right"))
        return cells

    def _sort_value(self, index: int) -> tuple:
        article = self.articles[index]
        key = self.sort_key
        if key == "mark":
            return (self.marks.index(index) if index in self.marks else 2, file_label(article))
        if key == "agency":
            return (not article.agency, (article.agency or "").casefold(), file_label(article))
        if key == "place":
            return (not article.dateline, (article.dateline or "").casefold(), file_label(article))
        if key == "title":
            return (safe(article.title).casefold(), file_label(article))
        if key == "words":
            return (article.words, file_label(article))
        if key == "paragraphs":
            return (len(article.paragraphs), file_label(article))
        if key == "shared" and self.scores is not None:
            # Best match first; the article they are compared with stays on top.
            return (index != self.target, -self.scores.get(index, 0.0), file_label(article))
        return (str(article.path), article.record or 0)

    def populate(self, visible: Sequence[int]) -> None:
        """Show these articles (positions in ``self.articles``) in the current sort order."""
        keep = self.current_index
        reverse = self.sort_reverse and self.sort_key != "shared"
        self.order = sorted(visible, key=self._sort_value, reverse=reverse)
        widths = self._column_widths(self.scrollable_content_region.width or self.size.width or 80)
        self._widths = widths
        self.clear(columns=True)
        for column in self.columns_shown:
            label = column.label
            if column.key == self.sort_key and column.key != "mark":
                label += " ▼" if reverse else " ▲"
            self.add_column(
                Text(label, justify="right" if column.numeric else "left"),
                key=column.key,
                width=widths[column.key],
            )
        for index in self.order:
            self.add_row(*self._cells(index, widths), key=str(index))
        if keep is not None and keep in self.order:
            self.move_cursor(row=self.order.index(keep), animate=False)

    def refresh_marks(self) -> None:
        for index in self.order:
            self.update_cell(str(index), "mark", self._mark(index))

    @property
    def current_index(self) -> int | None:
        """Position (in the article list) of the highlighted article."""
        if not self.order or self.row_count == 0:
            return None
        row = min(max(self.cursor_row, 0), len(self.order) - 1)
        return self.order[row]

    def on_resize(self) -> None:
        if self.articles and self._widths != self._column_widths(self.scrollable_content_region.width):
            self.populate(self.order)
