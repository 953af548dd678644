"""The lines of the article list and their cells: which rows are shown, in which
order (sorted by a column, ranked by shared text, or grouped by story), and the
text of each cell at the widths of the columns. No drawing here: the table widget
(reader.ui.widgets.list.article_table) paints these lines.

Grouped by story (``groups``), a story is one header line (an entry ``-(g + 1)`` in
``order``), opened to its versions, the likely original first.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from reader.core.model import Article
from reader.view.names import Kin, fit_name, own_part, shared_prefix, shared_suffix
from reader.view.text import percent
from reader.view.wrap import cell_width, truncate

from .article_rows import ArticleRow, by_name, sort_value
from .marks import Marks


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("mark", " "),
    Column("outlet", "Outlet"),
    Column("agency", "Agency"),
    Column("place", "Place"),
    Column("title", "Title"),
    Column("words", "Words", numeric=True),
    Column("paragraphs", "¶", numeric=True),
    Column("file", "File"),
)
SHARED = Column("shared", "Shared", numeric=True)
# The columns `>` and `<` go through (with "shared" after them while ranked).
SORTABLE = ("mark", "outlet", "agency", "place", "title", "words", "paragraphs", "file")
# Narrow, columns give way in this order until the title has room to be read.
GIVE_WAY = ("paragraphs", "place", "words", "agency", "outlet")
TITLE_MIN = 20
FILE_MIN = 12


class Listing:
    """Rows, marks, order, sort, similarity and stories of the article list."""

    def __init__(self) -> None:
        self.rows: Sequence[ArticleRow] = ()
        self.articles: Sequence[Article] = ()  # the loaded articles, in the order of `rows`
        self.order: list[int] = []
        self.marks = Marks()
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
        self._visible: list[int] = []  # what the filter lets through, stories closed or open
        # How many characters file names share with their kin, at the start and the end:
        # what a name does not share tells the copies apart.
        self._group_affixes: list[tuple[int, int]] = []
        self._kin: Kin | None = None  # what a row's name shares with its neighbours' in name order
        self._kin_of: dict[int, int] = {}  # by row, as asked for
        self._kin_key: tuple[int, int] = (0, -1)
        self.columns_shown: tuple[Column, ...] = COLUMNS

    @property
    def in_story(self) -> dict[int, int]:
        """Grouped: the story (its number) of each row in a story of two or more."""
        return self._group_of

    def index_of(self, entry: int | None) -> int | None:
        """The article a line stands for: a story's line stands for its likely original
        (preview, marks, similar)."""
        if entry is None:
            return None
        return self.groups[-entry - 1][0] if entry < 0 and self.groups else entry

    def group_of(self, entry: int | None) -> int | None:
        """The story of a line: its own, or the one holding the version."""
        if entry is None or self.groups is None:
            return None
        return -entry - 1 if entry < 0 else self._group_of.get(entry)

    # -- order ----------------------------------------------------------------

    def set_groups(self, groups: list[list[int]] | None) -> None:
        """Group the list by story (stories of two or more versions; the rest stay rows)."""
        self.groups = [g for g in groups if len(g) > 1] if groups is not None else None
        self.expanded = set()
        self._group_of = {i: g for g, members in enumerate(self.groups or ()) for i in members}
        self._group_affixes = [_affixes([self.rows[i].file for i in g]) for g in self.groups or ()]

    def arrange(self, visible: Sequence[int], width: int) -> None:
        """Show these articles (positions in rows) in the current sort order, at a width."""
        reverse = self.sort_reverse and self.sort_key != "shared"
        if self.groups is not None and any(i < 0 for i in visible):
            # Handed the lines on screen (a sort, a resize): a story's line is no row of its
            # own; the articles behind the lines are those last shown.
            visible = self._visible
        self._visible = list(visible)
        if self.groups is not None:
            visible = self._grouped(visible)
        if by_name(self.sort_key, self.scores):
            # By file name (the default): the keys looked up in C, not a call for each of
            # a million rows.
            key = [row.path_key for row in self.rows].__getitem__
        else:
            key = lambda i: sort_value(self.rows[i], self.sort_key, self.marks, self.scores, self.target)  # noqa: E731
        self.order = sorted(visible, key=key, reverse=reverse)
        if self.groups is not None:
            self.order = self._story_lines() + self.order
        self.widths = self.column_widths(width)

    def line_for(self, keep: int | None) -> int:
        """The line to put the cursor on after arranging, to stay on `keep`."""
        if keep is not None and keep in self.order:
            return self.order.index(keep)
        if keep is not None and keep >= 0 and keep in self._group_of:
            story = -self._group_of[keep] - 1  # its story was closed: stay on the story's line
            return self.order.index(story) if story in self.order else 0
        return 0

    def _grouped(self, visible: Sequence[int]) -> list[int]:
        """The visible rows in no story of two or more; the stories' visible members are
        put aside for `_story_lines` in `_shown`."""
        shown = set(visible)
        self._shown = [[i for i in members if i in shown] for members in self.groups or ()]
        return [i for i in visible if i not in self._group_of]

    def _story_lines(self) -> list[int]:
        lines: list[int] = []
        for g, members in enumerate(self._shown):
            if not members:
                continue
            lines.append(-g - 1)
            if g in self.expanded:
                lines.extend(members)
        return lines

    def opened(self, group: int, open_: bool) -> list[int]:
        """Open or close a story; the articles to arrange again."""
        if open_:
            self.expanded.add(group)
        else:
            self.expanded.discard(group)
        visible = [i for i in self.order if i >= 0 and i not in self._group_of]
        return visible + [i for members in self._shown for i in members]

    def rank(self, scores: dict[int, float], target: int) -> None:
        """One list, best match first (a grouping is undone)."""
        self.set_groups(None)
        self.scores, self.target = scores, target
        self.sort_key, self.sort_reverse = "shared", False

    def unrank(self) -> None:
        self.scores, self.target = None, None
        self.sort_key, self.sort_reverse = "file", False

    def sort_by(self, key: str) -> None:
        """Sort by a column; by the same column again, the other way round."""
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False

    def next_sort(self, step: int) -> str:
        """Sort by the next (or previous) column; its name."""
        # The columns on screen (one that gave way to the title would sort out of sight).
        shown = {c.key for c in self.columns_shown}
        keys = [k for k in (*SORTABLE, "shared") if k in shown] or list(SORTABLE)
        position = keys.index(self.sort_key) if self.sort_key in keys else 0
        self.sort_key, self.sort_reverse = keys[(position + step) % len(keys)], False
        label = next((c.label for c in self.columns_shown if c.key == self.sort_key), self.sort_key)
        return label.strip() or "mark"

    # -- cells ----------------------------------------------------------------

    def column_widths(self, width: int) -> dict[str, int]:
        """The width of each column at ``width`` cells, from every visible row (a story
        opened or closed changes nothing), and which columns are shown: the outlet when
        any row has one, and, narrow, not those that give way."""
        rows = list(map(self.rows.__getitem__, self._visible)) or list(self.rows)

        def widest(key: str, values: Sequence[str], label: str, cap: int) -> int:
            # The sorted column also needs room for its arrow (" ▲").
            label_width = cell_width(label) + (2 if key == self.sort_key else 0)
            return min(cap, max([label_width, *(cell_width(v) for v in values)]))

        outlets = {self.outlet_text(r) for r in rows[:5000]} - {""}
        # Each column read with map and attrgetter: a million rows, in C.
        widths = {
            "mark": 1,
            "outlet": widest("outlet", sorted(outlets), "Outlet", 20),
            "agency": widest("agency", sorted(set(map(attrgetter("agency"), rows))), "Agency", 12),
            "place": widest("place", sorted(set(map(attrgetter("place"), rows))), "Place", 14),
            "words": widest("words", [f"{max(map(attrgetter('words'), rows), default=0):,}"], "Words", 8),
            "paragraphs": widest(
                "paragraphs", [str(max(map(attrgetter("paragraphs"), rows), default=0))], "¶", 4
            ),
            "shared": widest("shared", ["100%"], "Shared", 8),
        }
        # The longest names by length, then by cells: cell widths of 100k names cost too much.
        longest = heapq.nlargest(16, set(map(attrgetter("file"), rows)), key=len)
        files = widest("file", [max(longest, key=cell_width, default="")], "File", 40)
        shown = [c for c in (*COLUMNS, SHARED) if c.key != "shared" or self.scores is not None]
        if not outlets:
            shown = [c for c in shown if c.key != "outlet"]

        def room(columns: list[Column]) -> int:
            fixed = sum(widths[c.key] for c in columns if c.key in widths)
            return width - 2 * len(columns) - fixed

        for key in GIVE_WAY:
            if room(shown) - FILE_MIN >= TITLE_MIN:
                break
            shown = [c for c in shown if c.key != key or c.key == self.sort_key]
        self.columns_shown = tuple(shown)
        left = room(shown)
        # The title keeps at least 20 cells; the file name takes what it needs of the rest.
        widths["file"] = max(min(files, FILE_MIN), min(files, left - TITLE_MIN))
        widths["title"] = max(16, left - widths["file"])
        return widths

    def _affixes_of(self, row: ArticleRow) -> tuple[int, int]:
        """How much of a row's file name it shares with its kin, at the start and the end:
        with the other versions of its story when grouped, else with the names beside it
        in file-name order (copies of a story are usually saved under one slug)."""
        group = self._group_of.get(row.index)
        if group is not None and self._group_affixes:
            return self._group_affixes[group]
        if self._kin is None or self._kin_key != (id(self.rows), len(self.rows)):
            self._kin, self._kin_of = Kin([r.file for r in self.rows]), {}
            self._kin_key = (id(self.rows), len(self.rows))
        found = self._kin_of.get(row.index)
        if found is None:
            found = self._kin_of[row.index] = self._kin.prefix(row.index)
        return found, 0

    def outlet_text(self, row: ArticleRow) -> str:
        """Who published a row: the outlet the record, URL or text names, else what its
        file name does not share with the others shown (its story's, when grouped)."""
        if row.outlet:
            return row.outlet
        prefix, suffix = self._affixes_of(row)
        return own_part(row.file, prefix, suffix) if prefix else ""

    def line_cells(self, entry: int) -> list[tuple[str, str]]:
        """The cells of a line (an article, or ``-(g + 1)`` for story g): (column, text)."""
        if entry >= 0:
            return self.cells(self.rows[entry])
        members = (self.groups or [])[-entry - 1]
        shown = self._shown[-entry - 1] if self._shown else members
        count = f"{len(members)} versions"
        if len(shown) != len(members):
            count = f"{len(shown)} of {len(members)}"
        opened = -entry - 1 in self.expanded
        return self.cells(self.rows[members[0]], story=(("▾ " if opened else "▸ ") + count + ": "))

    def cells(self, row: ArticleRow, story: str | None = None) -> list[tuple[str, str]]:
        widths = self.widths
        mark = self.marks.letter(row.index)
        title = truncate(row.title, widths["title"])
        if story is not None:
            mark, title = " ", truncate(story + row.title, widths["title"])
        elif row.index in self._group_of:
            # A version, under its story's line.
            title = "  " + truncate(row.title, widths["title"] - 2)
        prefix = self._affixes_of(row)[0]
        cells = [
            ("mark", mark),
            ("outlet", truncate(self.outlet_text(row), widths["outlet"])),
            ("agency", truncate(row.agency, widths["agency"])),
            ("place", truncate(row.place, widths["place"])),
            ("title", title),
            ("words", f"{row.words:,}".rjust(widths["words"])),
            ("paragraphs", str(row.paragraphs).rjust(widths["paragraphs"])),
            ("file", fit_name(row.file, widths["file"], prefix)),
        ]
        if self.scores is not None:
            shared = "this" if row.index == self.target else percent(self.scores.get(row.index, 0.0))
            cells.append(("shared", shared.rjust(widths["shared"])))
        shown = {c.key for c in self.columns_shown}
        return [cell for cell in cells if cell[0] in shown]

    def header_cells(self) -> list[tuple[Column, str]]:
        """The column labels, the sorted one with its arrow, at the columns' widths."""
        reverse = self.sort_reverse and self.sort_key != "shared"
        out = []
        for column in self.columns_shown:
            label = column.label
            if column.key == self.sort_key and column.key != "mark":
                label += " ▼" if reverse else " ▲"
            cell_w = self.widths[column.key]
            label = truncate(label, cell_w)
            out.append((column, label.rjust(cell_w) if column.numeric else label.ljust(cell_w)))
        return out

    def cell_text(self, index: int, key: str) -> str:
        return dict(self.cells(self.rows[index]))[key].strip()

    def line_text(self, entry: int) -> str:
        return " ".join(text.strip() for _, text in self.line_cells(entry) if text.strip())


def _affixes(names: list[str]) -> tuple[int, int]:
    return shared_prefix(names), shared_suffix(names)
