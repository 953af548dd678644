"""Where the diff is scrolled to: keeping the reader's place when the layout changes
(new width, options or unfolded runs) and bringing a block into view.

Pure bookkeeping over ``reader.view`` layouts, in rows; the widget does the scrolling.
"""

from __future__ import annotations

from reader.view.layout import Layout


def kept_place(old: Layout, new: Layout, current: int, top: int, bottom: int, view: int) -> tuple[int, int]:
    """The top row of ``new`` and its current block that keep the reader's place in ``old``,
    where rows ``top``..``bottom`` were seen with ``current`` the current block; ``view`` is
    the height there is now."""
    new_top = 0
    current_key = old.blocks[current].key if old.blocks and current < len(old.blocks) else None
    if old.blocks:
        # Anchor on the current block when it is on screen, else on the top one.
        index = current if current_key is not None else old.block_at(top)
        if not (old.starts[index] < bottom and old.ends[index] > top):
            index = old.block_at(top)
        start, span = old.starts[index], max(1, old.ends[index] - old.starts[index])
        new_index = new.find(old.blocks[index].key)
        if new_index is not None:
            new_start = new.starts[new_index]
            new_span = max(1, new.ends[new_index] - new_start)
            if top <= start:
                # Same place on screen, in proportion, but never in the bottom two thirds
                # of a shorter view, so that the block stays readable.
                seen, height = bottom - top, max(1, view)
                new_top = new_start - min(round((start - top) * height / max(1, seen)), height // 3)
            else:
                new_top = new_start + min(new_span - 1, round((top - start) / span * new_span))
    if current_key is not None:
        current = new.find(current_key) or 0
    return max(0, new_top), current


def scroll_to_show(layout: Layout, index: int, top: int, view: int) -> int | None:
    """The top row that brings a block to the top of a ``view`` rows high (one row of
    context above), or None when it is already wholly on screen from ``top``."""
    start = layout.starts[index]
    height = layout.ends[index] - start
    if not (start >= top and start + min(height, view) <= top + view) or height > view:
        return max(0, start - 1)
    return None
