"""The story matrix's columns: how wide the paragraph column and each copy's column are
at a width, which page of copy columns shows, and what is where on screen.

Pure arithmetic in terminal cells, without Textual, so that the layout can be tested
at any width without drawing it.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER = 2  # rows: the copies' names, then their summaries
GAP = 1  # cells between columns
LEFT_MIN = 22  # the paragraph column never gets narrower than this
CELL_MIN, CELL_PAGED, CELL_MAX = 11, 13, 24
# Cells say in words what the symbols say when every sentence fits and the paragraph
# column keeps this much room.
LEFT_BESIDE_SENTENCES = 60
# The legend shows below the matrix when this many rows stay in view besides (or all of them).
LEGEND_ROOM = 20


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


def page_start(first: int, column: int, per_page: int, columns: int) -> int:
    """The leftmost column of the page showing ``column`` out of ``columns``, the page
    now starting at ``first`` moved as little as can be."""
    if column < first:
        first = column
    elif column >= first + per_page:
        first = column - per_page + 1
    return max(0, min(first, columns - per_page))


def column_at(x: int, g: Geometry, first: int, visible: range) -> int | None:
    """The copy column at ``x`` cells from the left, the page starting at ``first``; None
    on the paragraph column or past the last column shown."""
    if x < g.left:
        return None
    k = first + (x - g.left) // (g.cell + GAP)
    return k if k in visible else None


def legend_rows(height: int, lines: int, rows: int) -> int:
    """Rows the legend's ``lines`` take at the bottom of ``height``, beside ``rows`` of the
    matrix: none when the matrix needs the room."""
    if height - HEADER - lines < min(rows, LEGEND_ROOM):
        return 0
    return lines
