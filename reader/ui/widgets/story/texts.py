"""What the story matrix says: the copies' names and summaries in the header, each cell
as a short label or a sentence, the paragraph column, and the legend.

Plain text from the core's story and ``reader.view``'s words (shared with the
terminal and HTML reports), without Textual; cells lead with the symbols, so they
read the same without colour.
"""

from __future__ import annotations

from reader.core.story import Cell, Status, Story, StoryCopy
from reader.view.story_words import MEANINGS, copy_names, description, label, legend_units, paragraph_left
from reader.view.story_words import copy_summary as story_summary
from reader.view.story_words import symbol as cell_symbol
from reader.view.wrap import cell_width, wrap_units

from .geometry import CELL_MIN

Run = tuple[str, Status | None]  # text, and the status whose style it takes (None: muted)


def copy_summary(copy: StoryCopy, width: int) -> str:
    """The header's second row for a copy, in ``width``: what it cut and added only
    when there is room."""
    kept, extras = story_summary(copy)
    text = f"{kept} {extras}" if extras else kept
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


def paragraph_lefts(story: Story) -> list[str]:
    """Each row's paragraph column text, one line."""
    digits = len(str(max(len(story.base.paragraphs) - 1, 0)))
    return [paragraph_left(row, digits) for row in story.rows]


def wanted_widths(story: Story) -> tuple[int, int]:
    """The widths copy columns would like: for the widest short label or copy name, and
    for the widest cell said in words (never less than the first)."""
    labels = [label(cell) for row in story.rows for cell in row.cells if cell is not None]
    names = copy_names(story)
    wanted = max([CELL_MIN, *(cell_width(x) for x in labels), *(cell_width(x) for x in names)])
    wanted_sentences = max(
        [
            wanted,
            *(cell_width(sentence(cell)) for row in story.rows for cell in row.cells if cell is not None),
        ]
    )
    return wanted, wanted_sentences


def legend_lines(width: int, labels: bool, separator: str = "   ") -> list[list[Run]]:
    """The legend wrapped to ``width``, between units, never inside one; the notes on
    the short labels only when the cells show ``labels``."""
    return wrap_units(legend_units(labels), width, (separator, None))
