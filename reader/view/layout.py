"""One layout of a comparison, shared by every painter: the blocks of the body in
reading order, and (in :mod:`reader.view.rows`) their rows of styled runs at a
width, side by side or stacked.

Pure Python: the app draws the rows lazily, mapping each run's *role* to a style
of its theme; ``reader diff`` prints them with ANSI styles or, in a pipe, with
``[-…-]``/``{+…+}`` markers; the HTML report lays the blocks' runs out itself.
Keeping the layout apart from drawing means it can be computed in a worker
thread for big articles and tested without a terminal.

The body is a list of *blocks*: one per aligned group, one per run of
boilerplate groups (folded into a single row unless unfolded), a *ghost* row
where a moved paragraph used to stand in A (so that ``m`` can jump between the
two places), and, when only the changes and some context are wanted, one row
for each run of unchanged paragraphs left out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from reader.core.model import Comparison, Group
from reader.core.records import field, record
from reader.view.wrap import Run

SIDE_BY_SIDE_MIN_WIDTH = 100

UNCHANGED_KINDS = frozenset({"identical", "typography"})

BlockKey = tuple[str, int]


@record(frozen=True, slots=True)
class Options:
    side_by_side: bool
    typography: bool = False  # show typography-only changes (dimmed)
    collapse: bool = False  # unchanged groups on one row each
    unfolded: frozenset[int] = frozenset()  # first group index of each unfolded boilerplate run
    markers: bool = False  # changes carry [-…-] / {+…+} (no colour to rely on)
    context: int | None = None  # show only changes and this many unchanged groups around each
    keys: bool = False  # hint at the app's keys ("enter unfolds", "m jumps")


@record(frozen=True, slots=True)
class Block:
    key: BlockKey  # ("group", i), ("fold", first group i) or ("ghost", first moved A paragraph)
    kind: str  # a group kind, "fold" or "ghost"
    groups: tuple[int, ...]
    change: bool  # a stop for next/previous change
    compact: bool  # drawn as a single row
    moved: tuple[int, ...] = ()  # A paragraphs moved into this group, or (ghost) moved away from here
    target: BlockKey | None = None  # ghost: the group the paragraphs moved into
    facts: tuple[int, ...] = ()  # indexes in Comparison.facts of the facts it shows (f / F stop here)


@record(slots=True)
class Layout:
    width: int
    options: Options
    blocks: list[Block]
    starts: list[int]  # first row of each block
    ends: list[int]  # one past the last row of each block (separator rows excluded)
    rows: list[tuple[Run, ...]]
    index: dict[BlockKey, int] = field(default_factory=dict)

    @property
    def height(self) -> int:
        return len(self.rows)

    def block_at(self, row: int) -> int:
        """The block a row belongs to (separator rows belong to the block above)."""
        if not self.blocks:
            return -1
        return max(0, bisect_right(self.starts, row) - 1)

    def find(self, key: BlockKey) -> int | None:
        return self.index.get(key)


def moved_paragraphs(group: Group) -> tuple[int, ...]:
    """The A paragraphs of a group that stood somewhere else in A."""
    if group.moved_a:
        return tuple(group.moved_a)
    if group.kind == "moved" or group.moved:
        return tuple(group.a)
    return ()


def is_change(group: Group, typography: bool) -> bool:
    if group.moved or group.moved_a:
        return True
    if group.kind == "typography":
        return typography
    return group.kind != "identical"


def plan_blocks(comparison: Comparison, options: Options) -> list[Block]:
    """The blocks of the body, in reading order, for the given options."""
    if not comparison.summary.related:
        return _unrelated_blocks(comparison, options)
    groups = comparison.groups
    typography = options.typography
    blocks: list[Block] = []
    group_block: dict[int, int] = {}  # group index -> index of the block that shows it
    facts = fact_groups(comparison)

    i = 0
    while i < len(groups):
        group = groups[i]
        if group.kind == "boilerplate":
            j = i
            while j < len(groups) and groups[j].kind == "boilerplate":
                group_block[j] = len(blocks)
                j += 1
            unfolded = i in options.unfolded
            blocks.append(Block(("fold", i), "fold", tuple(range(i, j)), change=True, compact=not unfolded))
            i = j
            continue
        change = is_change(group, typography)
        compact = options.collapse and not change and group.kind in UNCHANGED_KINDS
        group_block[i] = len(blocks)
        blocks.append(
            Block(
                ("group", i),
                group.kind,
                (i,),
                change=change,
                compact=compact,
                moved=moved_paragraphs(group),
                facts=tuple(facts.get(i, ())),
            )
        )
        i += 1
    blocks = _with_ghosts(comparison, blocks, group_block)
    if options.context is not None:
        blocks = hide_unchanged(blocks, options.context)
    return blocks


def fact_groups(comparison: Comparison) -> dict[int, list[int]]:
    """For each group (index), the facts (indexes in ``comparison.facts``) it shows: the
    group of the fact's B paragraph, or of its A paragraph when B has none."""
    where_a = {i: n for n, g in enumerate(comparison.groups) for i in g.a}
    where_b = {j: n for n, g in enumerate(comparison.groups) for j in g.b}
    out: dict[int, list[int]] = {}
    for k, fact in enumerate(comparison.facts):
        group = where_b.get(fact.b_paragraph) if fact.b_paragraph is not None else None
        if group is None and fact.a_paragraph is not None:
            group = where_a.get(fact.a_paragraph)
        if group is not None:
            out.setdefault(group, []).append(k)
    return out


def _unrelated_blocks(comparison: Comparison, options: Options) -> list[Block]:
    """Two separate reports of the same news: no edits to show, so the two texts are
    read in parallel (side by side: A's k-th paragraph beside B's k-th), with the
    paragraphs B repeats word for word after them."""
    only_a = [gi for gi, g in enumerate(comparison.groups) if not g.b]
    only_b = [gi for gi, g in enumerate(comparison.groups) if not g.a]
    linked = [gi for gi, g in enumerate(comparison.groups) if g.a and g.b]
    blocks: list[Block] = []
    if options.side_by_side:
        for n in range(max(len(only_a), len(only_b))):
            pair = tuple(side[n] for side in (only_a, only_b) if n < len(side))
            blocks.append(Block(("group", pair[0]), "pair", pair, change=False, compact=False))
    else:
        for gi in only_a + only_b:
            blocks.append(Block(("group", gi), "pair", (gi,), change=False, compact=False))
    for gi in linked:
        blocks.append(Block(("group", gi), comparison.groups[gi].kind, (gi,), change=False, compact=False))
    return blocks


def _with_ghosts(comparison: Comparison, blocks: list[Block], group_block: dict[int, int]) -> list[Block]:
    """Insert a ghost row where each moved paragraph stood in A: after the block
    showing the nearest A paragraph before it that did not move."""
    owner: dict[int, int] = {}
    moved: dict[int, int] = {}  # moved A paragraph -> group it moved into
    for gi, group in enumerate(comparison.groups):
        for p in group.a:
            owner[p] = gi
        for p in moved_paragraphs(group):
            moved[p] = gi
    if not moved:
        return blocks
    anchors: dict[tuple[int, int], list[int]] = {}  # (block before, destination group) -> paragraphs
    # The nearest paragraph before each that did not move, by halving: a scan of all the
    # paragraphs for each moved one was quadratic (half a second at a million words).
    stayed = sorted(q for q in owner if q not in moved)
    for p in sorted(moved):
        k = bisect_left(stayed, p)
        anchor = group_block[owner[stayed[k - 1]]] if k else -1
        if anchor == group_block[moved[p]]:
            continue  # it stands right where it was: nothing to point back to
        anchors.setdefault((anchor, moved[p]), []).append(p)
    after: dict[int, list[Block]] = {}
    for (anchor, dest), paragraphs in sorted(anchors.items()):
        ghost = Block(
            ("ghost", paragraphs[0]),
            "ghost",
            (dest,),
            change=False,
            compact=True,
            moved=tuple(paragraphs),
            target=blocks[group_block[dest]].key,
        )
        after.setdefault(anchor, []).append(ghost)
    result = list(after.get(-1, []))
    for index, block in enumerate(blocks):
        result.append(block)
        result.extend(after.get(index, []))
    return result


def hide_unchanged(blocks: list[Block], context: int) -> list[Block]:
    """Only the changes and ``context`` blocks around each: every run of unchanged
    blocks left out becomes one "hidden" block saying how many paragraphs it holds."""
    changed = [n for n, block in enumerate(blocks) if block.change]
    keep = {k for c in changed for k in range(c - context, c + context + 1)}
    out: list[Block] = []
    for n, block in enumerate(blocks):
        if n in keep or block.change:
            out.append(block)
        elif out and out[-1].kind == "hidden":
            last = out[-1]
            out[-1] = Block(last.key, "hidden", last.groups + block.groups, change=False, compact=True)
        else:
            out.append(Block(("hidden", block.groups[0]), "hidden", block.groups, change=False, compact=True))
    return out
