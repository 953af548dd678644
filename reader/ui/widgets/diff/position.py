"""What the diff tells its screen about where the reader is, for the status line and
the header: the message, and how it is read off a layout."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.view.layout import Layout

from .navigation import change_blocks, change_number


@dataclass
class DiffPosition(Message):
    """Where the reader is: the current block and how many changes there are."""

    change: int  # 1-based number of the current change, 0 when not on a change
    changes: int
    side_by_side: bool
    typography: bool
    collapse: bool
    facts: tuple[int, ...] = ()  # the facts (indexes in Comparison.facts) the current block shows


def position_in(layout: Layout, current: int, typography: bool, collapse: bool) -> DiffPosition:
    """The position of block ``current`` of ``layout``, with the options the widget shows."""
    number, changes = change_number(layout, current), len(change_blocks(layout))
    facts = layout.blocks[current].facts if 0 <= current < len(layout.blocks) else ()
    return DiffPosition(number, changes, layout.options.side_by_side, typography, collapse, facts)
