"""Where the diff's keys lead: the blocks of a ``reader.view`` layout that are stops for
next and previous change, fact, boilerplate run and moved paragraph.

Worked out from the layout alone, without Textual: the widget makes the block found
current and scrolls to it, or says why there is none.
"""

from __future__ import annotations

from reader.view.layout import Layout


def change_blocks(layout: Layout) -> list[int]:
    """The blocks that are changes (the stops of n/N), in reading order."""
    return [n for n, block in enumerate(layout.blocks) if block.change]


def fact_blocks(layout: Layout) -> list[int]:
    """The blocks that show a fact (the stops of f/F), in reading order."""
    return [n for n, block in enumerate(layout.blocks) if block.facts]


def first_change(layout: Layout) -> int:
    """The block a new comparison opens on: its first change, else the first block."""
    changes = change_blocks(layout)
    return changes[0] if changes else 0


def change_number(layout: Layout, current: int) -> int:
    """1-based number of the change ``current`` is, 0 when it is not a change."""
    changes = change_blocks(layout)
    return changes.index(current) + 1 if current in changes else 0


def step_among(stops: list[int], current: int, step: int) -> int | None:
    """The first of ``stops`` (ascending) after ``current`` when ``step`` > 0, else the last
    before it; None when there is none that way."""
    if step > 0:
        return next((n for n in stops if n > current), None)
    return next((n for n in reversed(stops) if n < current), None)


def block_of_group(layout: Layout, group: int) -> int | None:
    """The block showing a group (index in ``Comparison.groups``), never a ghost."""
    return next(
        (n for n, block in enumerate(layout.blocks) if block.kind != "ghost" and group in block.groups),
        None,
    )


def block_taking_over(layout: Layout, current: int, top: int, bottom: int) -> int | None:
    """After a scroll to rows ``top``..``bottom``: the block that becomes current, or None
    while the current one is still on screen."""
    start, end = layout.starts[current], layout.ends[current]
    if not (end <= top or start >= bottom):
        return None
    # The first block on screen takes over.
    index = layout.block_at(top)
    if layout.ends[index] <= top and index + 1 < len(layout.blocks):
        index += 1
    return index


def fold_to_toggle(layout: Layout, current: int, top: int, bottom: int) -> int | None:
    """The boilerplate run ``enter``/``z`` opens or closes, with rows ``top``..``bottom`` on
    screen: the current block if it is one, else the first on screen; None when there is none."""
    folds = [n for n, block in enumerate(layout.blocks) if block.kind == "fold"]
    if not folds:
        return None
    if current in folds:
        return current
    on_screen = [n for n in folds if layout.starts[n] < bottom and layout.ends[n] > top]
    # None on screen: go to the next run of boilerplate (they are few) and open it.
    later = [n for n in folds if n > current]
    return (on_screen or later or folds)[0]


def moved_partner(layout: Layout, current: int, cycle: int) -> tuple[int | None, int]:
    """Where ``m`` jumps from ``current``, and the new ``cycle``: from a ghost to where its
    paragraphs went; from a moved paragraph to the places it came from, in turn (``cycle``
    counts the turns); else to the next moved paragraph. None when nothing moved."""
    block = layout.blocks[current]
    if block.kind == "ghost" and block.target is not None:
        target = layout.find(block.target)
        if target is not None:
            return target, cycle
    ghosts = [n for n, b in enumerate(layout.blocks) if b.kind == "ghost"]
    if block.moved and block.kind != "ghost":
        mine = [n for n in ghosts if layout.blocks[n].target == block.key]
        if mine:
            cycle = (cycle + 1) % len(mine)
            return (mine[cycle - 1] if len(mine) > 1 else mine[0]), cycle
    moved = [n for n, b in enumerate(layout.blocks) if b.moved and b.kind != "ghost"]
    if not moved:
        return None, cycle
    after = [n for n in moved if n > current]
    return (after[0] if after else moved[0]), cycle
