"""Where the story matrix's cursor may go: the rows drawn for a page of copy columns,
and the rows that are changes in a copy.

Worked out from the core's story alone, without Textual.
"""

from __future__ import annotations

from reader.core.story import Status, Story

# A change, for n/N: everything but a paragraph kept as it was, and the write-up columns.
UNCHANGED = frozenset({Status.KEPT, Status.TYPOGRAPHY, Status.UNRELATED})


def rows_on_page(story: Story, first: int, per_page: int) -> list[int]:
    """The rows drawn (indices in ``story.rows``) when the page of columns starts at
    ``first``: every base paragraph, and the rows added by the copies on the page."""
    page = range(first, first + per_page)
    return [n for n, row in enumerate(story.rows) if not row.added or row.copy in page]


def row_drawn(row: int, shown: list[int]) -> int:
    """``row`` if it is among the rows ``shown``, else the one drawn before it (or the
    first): an added row of a copy scrolled out of view gives way to its paragraph."""
    if row not in shown and shown:
        before = [n for n in shown if n < row]
        row = before[-1] if before else shown[0]
    return row


def change_rows(story: Story, shown: list[int], column: int) -> list[int]:
    """The rows among those ``shown`` where copy ``column`` changed the paragraph."""
    rows = story.rows
    return [n for n in shown if (cell := rows[n].cells[column]) is not None and cell.status not in UNCHANGED]


def change_after(story: Story, shown: list[int], column: int, row: int, step: int) -> int | None:
    """The next row after ``row`` (``step`` > 0), or the previous one, where copy ``column``
    changed the paragraph, among the rows ``shown``; None when there is none that way."""
    rows = change_rows(story, shown, column)
    if step > 0:
        return next((n for n in rows if n > row), None)
    return next((n for n in reversed(rows) if n < row), None)


def scroll_to_show(position: int, top: int, page: int, center: bool = False) -> int | None:
    """The top row that brings row ``position`` (among the rows drawn) into a view of
    ``page`` rows now starting at ``top``: scrolled as little as can be, or with the row
    in the middle when ``center`` and it is out of view; None when no scroll is needed."""
    if center and not top <= position < top + page:
        return max(0, position - page // 2)
    if position < top:
        return position
    if position >= top + page:
        return position - page + 1
    return None
