"""Lay a comparison out as screen rows, for a given width and set of view options.

Pure Python (no textual): the diff widget asks for a ``Layout`` and draws its
rows lazily, mapping each run's *role* to a style from the theme. Keeping the
layout apart from drawing means it can be computed in a worker thread for big
articles and tested without a terminal.

The body is a list of *blocks* in reading order: one per aligned group, one per
run of boilerplate groups (folded into a single row unless unfolded), and a
*ghost* row where a moved paragraph used to stand in A, so that ``m`` can jump
between the two places.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core import labels
from reader.core.facts import fact_places, holds_fact
from reader.core.model import Article, Comparison, Group
from reader.ui.wrap import Line, Run, cell_width, truncate, wrap_runs

SIDE_BY_SIDE_MIN_WIDTH = 100
# A change that is a fact (a number, a name, a quotation) starts with this mark.
FACT_MARK = "‼"

UNCHANGED_KINDS = frozenset({"identical", "typography"})

KIND_WORDS = {
    "identical": "",
    "typography": "typography",
    "edited": "edited",
    "rewritten": "rewritten",
    "merged": "merged",
    "split": "split",
    "moved": "moved",
    "deleted": "cut",
    "inserted": "added",
    "boilerplate": "boilerplate",
}

BlockKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Options:
    side_by_side: bool
    typography: bool = False  # show typography-only changes (dimmed)
    collapse: bool = False  # unchanged groups on one row each
    unfolded: frozenset[int] = frozenset()  # first group index of each unfolded boilerplate run


@dataclass(frozen=True, slots=True)
class Block:
    key: BlockKey  # ("group", i), ("fold", first group i) or ("ghost", first moved A paragraph)
    kind: str  # a group kind, "fold" or "ghost"
    groups: tuple[int, ...]
    change: bool  # a stop for next/previous change
    compact: bool  # drawn as a single row
    moved: tuple[int, ...] = ()  # A paragraphs moved into this group, or (ghost) moved away from here
    target: BlockKey | None = None  # ghost: the group the paragraphs moved into
    facts: tuple[int, ...] = ()  # indexes in Comparison.facts of the facts it shows (f / F stop here)


@dataclass(slots=True)
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


def numbers(indices: Sequence[int]) -> str:
    """``¶6+7``, ``¶11–18``: the core's numbering (from 0, as in ``reader align --json``)."""
    return labels.paragraphs(tuple(indices))


def group_label(group: Group) -> str:
    """The paragraph part of a gutter label: ``¶6+7 → ¶6``, ``¶3 = ¶3``, ``¶14``."""
    if group.a and group.b:
        arrow = "=" if group.kind == "identical" else "→"
        return f"{numbers(group.a)} {arrow} {numbers(group.b)}"
    return numbers(group.a or group.b)


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


def fold_summary(groups: Iterable[Group]) -> str:
    """``+8 paragraphs of boilerplate: donation appeal`` for a run of boilerplate groups."""
    only_a = only_b = both = 0
    reasons: list[str] = []
    for group in groups:
        if group.a and group.b:
            both += max(len(group.a), len(group.b))
        elif group.a:
            only_a += len(group.a)
        else:
            only_b += len(group.b)
        reason = group.boilerplate or "boilerplate"
        if reason not in reasons:
            reasons.append(reason)
    parts = []
    if only_a:
        parts.append(f"-{only_a}")
    if only_b:
        parts.append(f"+{only_b}")
    if both:
        parts.append(str(both))
    total = only_a + only_b + both
    noun = "paragraph" if total == 1 else "paragraphs"
    return f"{' '.join(parts)} {noun} of boilerplate: {', '.join(reasons)}"


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
    return _with_ghosts(comparison, blocks, group_block)


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
    for p in sorted(moved):
        before = [q for q in owner if q < p and q not in moved]
        anchor = group_block[owner[max(before)]] if before else -1
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


def side_runs(
    comparison: Comparison, group: Group, side: str, typography: bool, facts: Sequence[str] = ()
) -> list[Run]:
    """The text of one side of a group, as runs whose roles come from the word diff; a
    change holding one of ``facts`` (this side's) is a fact, marked "‼"."""
    article = comparison.a if side == "a" else comparison.b
    indices = group.a if side == "a" else group.b
    if not indices:
        return []
    if group.kind == "rewritten":
        return [("".join(op.a if side == "a" else op.b for op in group.ops), "text")]
    if group.ops:
        runs: list[Run] = []
        for op in group.ops:
            text = op.a if side == "a" else op.b
            if not text:
                continue
            if op.tag == "equal":
                role = "text"
            elif op.tag == "typography":
                role = "typo" if typography else "text"
            else:
                role = "del" if side == "a" else "ins"
            if role == "text":
                _add_run(runs, text, role)
                continue
            lead, core, trail = labels.edges(text)
            if role in ("del", "ins") and holds_fact(text, facts):
                role = "fact-" + role
                core = f"{FACT_MARK}{core}"
            for piece, piece_role in ((lead, "text"), (core, role), (trail, "text")):
                if piece:
                    _add_run(runs, piece, piece_role)
        return runs
    text = "\n".join(article.paragraphs[i].text for i in indices if i < len(article.paragraphs))
    if group.kind == "deleted" or (side == "a" and not group.b):
        return [(text, "del")]
    if group.kind == "inserted" or (side == "b" and not group.a):
        return [(text, "ins")]
    return [(text, "text")]


def _add_run(runs: list[Run], text: str, role: str) -> None:
    if runs and runs[-1][1] == role:
        runs[-1] = (runs[-1][0] + text, role)
    else:
        runs.append((text, role))


def _first_words(article: Article, indices: Sequence[int]) -> str:
    for i in indices:
        if i < len(article.paragraphs) and article.paragraphs[i].text.strip():
            return article.paragraphs[i].text
    return ""


class _Builder:
    def __init__(self, comparison: Comparison, width: int, options: Options) -> None:
        self.comparison = comparison
        self.options = options
        self.facts = fact_places(comparison.groups, comparison.facts)
        self.full_width = max(20, width)
        # One cell of margin on the right keeps the text off the scrollbar.
        self.width = self.full_width - 1
        if self.width >= 120:
            self.gutter = 14
        elif self.width >= 60:
            self.gutter = 12
        else:
            self.gutter = 9
        # Text columns: side by side  = gutter, mark, " ", A, " │ ", mark, " ", B
        #               stacked       = gutter, mark, " ", text
        if options.side_by_side:
            room = self.width - self.gutter - 7
            self.col_a = max(4, (room + 1) // 2)
            self.col_b = max(4, room - self.col_a)
            self.area = self.col_a + self.col_b + 5
        else:
            self.col_a = self.col_b = max(4, self.width - self.gutter - 2)
            self.area = self.col_a

    # -- pieces ---------------------------------------------------------------

    def gutter_cell(self, text: str, role: str) -> Run:
        text = truncate(text, self.gutter - 1) if text else ""
        return (text + " " * (self.gutter - cell_width(text)), role)

    def gutter_lines(self, group: Group, moved: Sequence[int], roles: str | None = None) -> list[Run]:
        role = roles or _gutter_role(group)
        cells: list[Run] = []
        label = group_label(group)
        word = KIND_WORDS.get(group.kind, group.kind)
        if word and cell_width(f"{label} {word}") <= self.gutter - 1:
            label, word = f"{label} {word}", ""  # "¶14 cut" fits on one line
        for line in wrap_runs([(label, role)], self.gutter - 1):
            cells.append(self.gutter_cell("".join(t for t, _ in line), role))
        if word:
            cells.append(self.gutter_cell(word, role))
        if group.repeats:
            cells.append(self.gutter_cell(f"repeats {numbers(group.repeats)}", "gutter-moved"))
        if moved and group.kind != "moved":
            for p in moved:
                cells.append(self.gutter_cell(f"{numbers([p])} moved", "gutter-moved"))
        return cells

    @staticmethod
    def padded(line: Line, width: int) -> list[Run]:
        used = sum(cell_width(t) for t, _ in line)
        return [*line, (" " * (width - used), "text")] if used < width else list(line)

    # -- blocks ---------------------------------------------------------------

    def group_rows(self, gi: int, block: Block, boilerplate: bool = False) -> list[tuple[Run, ...]]:
        group = self.comparison.groups[gi]
        typography = self.options.typography
        facts_a, facts_b = self.facts.get(gi, ([], []))
        runs_a = side_runs(self.comparison, group, "a", typography, facts_a)
        runs_b = side_runs(self.comparison, group, "b", typography, facts_b)
        if boilerplate:
            runs_a = [(t, "boiler") for t, _ in runs_a]
            runs_b = [(t, "boiler") for t, _ in runs_b]
            # The fold's own row names the run; its groups only need numbers when there are several.
            gutter = []
            if len(block.groups) > 1:
                gutter = [self.gutter_cell(group_label(group), "gutter-same")]
                if group.boilerplate:
                    gutter.append(self.gutter_cell(group.boilerplate, "gutter-same"))
        else:
            gutter = self.gutter_lines(group, block.moved)
        changed_roles = {"del", "ins", "fact-del", "fact-ins", "typo"} if typography else {
            "del", "ins", "fact-del", "fact-ins"
        }
        if self.options.side_by_side:
            return self._side_by_side(group, runs_a, runs_b, gutter)
        differs = group.kind == "rewritten" or any(r in changed_roles for _, r in runs_a + runs_b)
        if group.a and group.b and not differs and not boilerplate:
            parts = [(wrap_runs(runs_b, self.col_a), " ", "mark")]
        else:
            parts = []
            if group.a:
                parts.append((wrap_runs(runs_a, self.col_a), "-", "mark-del"))
            if group.b:
                parts.append((wrap_runs(runs_b, self.col_a), "+", "mark-ins"))
        rows: list[tuple[Run, ...]] = []
        for lines, mark, mark_role in parts:
            for line in lines:
                rows.append(((mark + " ", mark_role), *self.padded(line, self.col_a)))
        while len(rows) < len(gutter):
            rows.append(((" " * self.area + "  ", "text"),))
        return [
            (gutter[n] if n < len(gutter) else self.gutter_cell("", "gutter"), *row)
            for n, row in enumerate(rows)
        ]

    def _side_by_side(
        self, group: Group, runs_a: list[Run], runs_b: list[Run], gutter: list[Run]
    ) -> list[tuple[Run, ...]]:
        lines_a = wrap_runs(runs_a, self.col_a) if group.a else []
        lines_b = wrap_runs(runs_b, self.col_b) if group.b else []
        count = max(len(lines_a), len(lines_b), len(gutter))
        rows: list[tuple[Run, ...]] = []
        only_a = bool(group.a) and not group.b
        only_b = bool(group.b) and not group.a
        for n in range(count):
            line_a = lines_a[n] if n < len(lines_a) else []
            line_b = lines_b[n] if n < len(lines_b) else []
            cut = (only_a and n < len(lines_a)) or any(r.endswith("del") for _, r in line_a)
            added = (only_b and n < len(lines_b)) or any(r.endswith("ins") for _, r in line_b)
            mark_a, mark_b = "-" if cut else " ", "+" if added else " "
            rows.append(
                (
                    gutter[n] if n < len(gutter) else self.gutter_cell("", "gutter"),
                    (mark_a + " ", "mark-del"),
                    *self.padded(line_a, self.col_a),
                    (" │ ", "rule"),
                    (mark_b + " ", "mark-ins"),
                    *self.padded(line_b, self.col_b),
                )
            )
        return rows

    def compact_row(self, gutter: Run, mark: str, mark_role: str, text: str, role: str) -> tuple[Run, ...]:
        text = truncate(text, self.area)
        return (gutter, (mark + " ", mark_role), (text + " " * (self.area - cell_width(text)), role))

    def collapsed_rows(self, gi: int) -> list[tuple[Run, ...]]:
        group = self.comparison.groups[gi]
        text = _first_words(self.comparison.b, group.b) or _first_words(self.comparison.a, group.a)
        return [
            self.compact_row(
                self.gutter_cell(group_label(group), "gutter-same"), " ", "mark", text, "collapsed"
            )
        ]

    def fold_rows(self, block: Block) -> list[tuple[Run, ...]]:
        groups = [self.comparison.groups[i] for i in block.groups]
        summary = fold_summary(groups)
        b_side = [p for g in groups for p in g.b]
        label = numbers(b_side) if b_side else numbers([p for g in groups for p in g.a])
        # The summary carries its own sign (+8, -2): no marker beside it.
        mark, mark_role = " ", "mark"
        if block.compact:
            return [
                self.compact_row(
                    self.gutter_cell(label, "gutter-fold"),
                    mark,
                    mark_role,
                    f"{summary}  ·  enter unfolds",
                    "fold",
                )
            ]
        rows = [
            self.compact_row(
                self.gutter_cell(label, "gutter-fold"), mark, mark_role, f"{summary}  ·  enter folds", "fold"
            )
        ]
        for gi in block.groups:
            rows.extend(self.group_rows(gi, block, boilerplate=True))
        return rows

    def pair_rows(self, block: Block) -> list[tuple[Run, ...]]:
        """Paragraphs of two separate reports, plain: nothing in them is an edit of the other."""
        groups = [self.comparison.groups[gi] for gi in block.groups]
        a = next((g for g in groups if g.a and not g.b), None)
        b = next((g for g in groups if g.b and not g.a), None)

        def plain(group: Group | None, side: str) -> list[Run]:
            if group is None:
                return []
            article = self.comparison.a if side == "a" else self.comparison.b
            indices = group.a if side == "a" else group.b
            role = "boiler" if group.kind == "boilerplate" else "text"
            return [("\n".join(article.paragraphs[i].text for i in indices), role)]

        label = " ".join(
            f"{tag}{numbers(g.a or g.b)}" for tag, g in (("A", a), ("B", b)) if g is not None
        )
        gutter = [self.gutter_cell(line, "gutter-same") for line in label.split(" ")]
        if self.options.side_by_side:
            lines_a = wrap_runs(plain(a, "a"), self.col_a) if a else []
            lines_b = wrap_runs(plain(b, "b"), self.col_b) if b else []
            rows: list[tuple[Run, ...]] = []
            for n in range(max(len(lines_a), len(lines_b), len(gutter))):
                rows.append(
                    (
                        gutter[n] if n < len(gutter) else self.gutter_cell("", "gutter"),
                        ("  ", "mark"),
                        *self.padded(lines_a[n] if n < len(lines_a) else [], self.col_a),
                        (" │ ", "rule"),
                        ("  ", "mark"),
                        *self.padded(lines_b[n] if n < len(lines_b) else [], self.col_b),
                    )
                )
            return rows
        lines = wrap_runs(plain(a, "a") if a else plain(b, "b"), self.col_a)
        count = max(len(lines), len(gutter))
        return [
            (
                gutter[n] if n < len(gutter) else self.gutter_cell("", "gutter"),
                ("  ", "mark"),
                *self.padded(lines[n] if n < len(lines) else [], self.col_a),
            )
            for n in range(count)
        ]

    def ghost_rows(self, block: Block, before_target: bool) -> list[tuple[Run, ...]]:
        dest = self.comparison.groups[block.groups[0]]
        paragraphs = numbers(block.moved)
        where = "down" if before_target else "up"
        to = numbers(dest.b) if dest.b else "elsewhere"
        quote = _first_words(self.comparison.a, block.moved)
        text = f"{paragraphs} of A stood here, moved {where} to {to} (m jumps): “{' '.join(quote.split())}”"
        return [
            self.compact_row(
                self.gutter_cell(f"{paragraphs} moved", "gutter-moved"), "↕", "mark-moved", text, "ghost"
            )
        ]

    def build(self) -> Layout:
        blocks = plan_blocks(self.comparison, self.options)
        index = {block.key: n for n, block in enumerate(blocks)}
        rows: list[tuple[Run, ...]] = []
        starts: list[int] = []
        ends: list[int] = []
        blank: tuple[Run, ...] = ((" " * self.full_width, "text"),)
        margin: Run = (" ", "text")
        previous_compact = True
        for n, block in enumerate(blocks):
            if rows and not (block.compact and previous_compact):
                rows.append(blank)
            starts.append(len(rows))
            if block.kind == "fold":
                block_rows = self.fold_rows(block)
            elif block.kind == "ghost":
                target = index.get(block.target) if block.target else None
                block_rows = self.ghost_rows(block, before_target=target is not None and n < target)
            elif block.kind == "pair":
                block_rows = self.pair_rows(block)
            elif block.compact:
                block_rows = self.collapsed_rows(block.groups[0])
            else:
                block_rows = self.group_rows(block.groups[0], block)
            rows.extend((*row, margin) for row in block_rows)
            ends.append(len(rows))
            previous_compact = block.compact
        return Layout(self.full_width, self.options, blocks, starts, ends, rows, index)


def _gutter_role(group: Group) -> str:
    if group.kind == "deleted":
        return "gutter-del"
    if group.kind == "inserted":
        return "gutter-ins"
    if group.kind in UNCHANGED_KINDS and not group.moved_a and not group.moved:
        return "gutter-same"
    return "gutter-edit"


def build_layout(comparison: Comparison, width: int, options: Options) -> Layout:
    """Every row of the diff body at ``width`` cells, with where each block starts."""
    return _Builder(comparison, width, options).build()
