"""A layout's rows: each block of a comparison as rows of runs at a given width,
side by side (a gutter with the group's label, A with its deletions, B with its
insertions) or stacked (A, then B). The app draws these rows; ``reader diff``
prints them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reader.core.facts import fact_places
from reader.core.model import Comparison, Group
from reader.core.shares import halfway
from reader.view.layout import UNCHANGED_KINDS, Block, Layout, Options, plan_blocks
from reader.view.runs import first_words, fold_summary, side_runs
from reader.view.words import KIND_WORDS, pair_label, paragraphs, same_words
from reader.view.wrap import Line, Run, cell_width, truncate, wrap_runs


class _Builder:
    """The rows of one layout: a comparison's blocks at one width and set of options."""

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

    def hint(self, text: str) -> str:
        """A key's hint, for the app only: a printed diff has no keys."""
        return text if self.options.keys else ""

    def gutter_cell(self, text: str, role: str) -> Run:
        text = truncate(text, self.gutter - 1) if text else ""
        return (text + " " * (self.gutter - cell_width(text)), role)

    def gutter_lines(self, group: Group, moved: Sequence[int], roles: str | None = None) -> list[Run]:
        role = roles or _gutter_role(group)
        cells: list[Run] = []
        label = pair_label(group)
        word = KIND_WORDS.get(group.kind, group.kind)
        if word and cell_width(f"{label} {word}") <= self.gutter - 1:
            label, word = f"{label} {word}", ""  # "¶14 cut" fits on one line
        for line in wrap_runs([(label, role)], self.gutter - 1):
            cells.append(self.gutter_cell("".join(t for t, _ in line), role))
        if word:
            cells.append(self.gutter_cell(word, role))
        same = same_words(group).replace(" words", "") if group.kind not in UNCHANGED_KINDS else ""
        if same:
            cells.append(self.gutter_cell(same, "gutter"))  # "71% same"
        if group.repeats:
            cells.append(self.gutter_cell(f"repeats {paragraphs(group.repeats)}", "gutter-moved"))
        if moved and group.kind != "moved":
            for p in moved:
                cells.append(self.gutter_cell(f"{paragraphs([p])} moved", "gutter-moved"))
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
        markers = self.options.markers
        runs_a = side_runs(self.comparison, group, "a", typography, facts_a, markers)
        runs_b = side_runs(self.comparison, group, "b", typography, facts_b, markers)
        if boilerplate:
            runs_a = [(t, "boiler") for t, _ in runs_a]
            runs_b = [(t, "boiler") for t, _ in runs_b]
            # The fold's own row names the run; its groups only need numbers when there are several.
            gutter = []
            if len(block.groups) > 1:
                gutter = [self.gutter_cell(pair_label(group), "gutter-same")]
                if group.boilerplate:
                    gutter.append(self.gutter_cell(group.boilerplate, "gutter-same"))
        else:
            gutter = self.gutter_lines(group, block.moved)
        changed_roles = (
            {"del", "ins", "fact-del", "fact-ins", "typo"}
            if typography
            else {"del", "ins", "fact-del", "fact-ins"}
        )
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
        text = truncate(text, self.area, words=True)
        return (gutter, (mark + " ", mark_role), (text + " " * (self.area - cell_width(text)), role))

    def collapsed_rows(self, gi: int) -> list[tuple[Run, ...]]:
        group = self.comparison.groups[gi]
        text = first_words(self.comparison.b, group.b) or first_words(self.comparison.a, group.a)
        return [
            self.compact_row(
                self.gutter_cell(pair_label(group), "gutter-same"), " ", "mark", text, "collapsed"
            )
        ]

    def fold_rows(self, block: Block) -> list[tuple[Run, ...]]:
        groups = [self.comparison.groups[i] for i in block.groups]
        summary = fold_summary(groups)
        b_side = [p for g in groups for p in g.b]
        label = paragraphs(b_side) if b_side else paragraphs([p for g in groups for p in g.a])
        # The summary carries its own sign (+8, -2): no marker beside it.
        mark, mark_role = " ", "mark"
        if block.compact:
            return [
                self.compact_row(
                    self.gutter_cell(label, "gutter-fold"),
                    mark,
                    mark_role,
                    f"{summary}{self.hint('  ·  enter unfolds')}",
                    "fold",
                )
            ]
        rows = [
            self.compact_row(
                self.gutter_cell(label, "gutter-fold"),
                mark,
                mark_role,
                f"{summary}{self.hint('  ·  enter folds')}",
                "fold",
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

        label = " ".join(f"{tag}{paragraphs(g.a or g.b)}" for tag, g in (("A", a), ("B", b)) if g is not None)
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
        moved = paragraphs(block.moved)
        where = "down" if before_target else "up"
        to = paragraphs(dest.b) if dest.b else "elsewhere"
        quote = first_words(self.comparison.a, block.moved)
        jumps = self.hint(" (m jumps)")
        text = f"{moved} of A stood here, moved {where} to {to}{jumps}: “{' '.join(quote.split())}”"
        return [
            self.compact_row(
                self.gutter_cell(f"{moved} moved", "gutter-moved"), "↕", "mark-moved", text, "ghost"
            )
        ]

    def hidden_rows(self, block: Block) -> list[tuple[Run, ...]]:
        count = sum(max(len(g.a), len(g.b)) for g in (self.comparison.groups[i] for i in block.groups))
        text = f"… {count} unchanged paragraph{'s' if count != 1 else ''} …"
        return [self.compact_row(self.gutter_cell("", "gutter"), " ", "mark", text, "collapsed")]

    def build(self) -> Layout:
        blocks = plan_blocks(self.comparison, self.options)
        index = {block.key: n for n, block in enumerate(blocks)}
        rows: list[tuple[Run, ...]] = []
        starts: list[int] = []
        ends: list[int] = []
        for n in range(len(blocks)):
            if n and self.separated(blocks, n):
                rows.append(self.blank)
            starts.append(len(rows))
            rows.extend(self.block_rows(blocks, index, n))
            ends.append(len(rows))
        return Layout(self.full_width, self.options, blocks, starts, ends, rows, index)

    @property
    def blank(self) -> tuple[Run, ...]:
        return ((" " * self.full_width, "text"),)

    @staticmethod
    def separated(blocks: list[Block], n: int) -> bool:
        """Whether a blank row stands between block n and the one before it (when
        there are rows before it): only compact blocks follow one another closely."""
        return not (blocks[n].compact and (n == 0 or blocks[n - 1].compact))

    def block_rows(self, blocks: list[Block], index: dict, n: int) -> list[tuple[Run, ...]]:
        """The rows of block n, each with the right margin."""
        block = blocks[n]
        if block.kind == "fold":
            block_rows = self.fold_rows(block)
        elif block.kind == "ghost":
            target = index.get(block.target) if block.target else None
            block_rows = self.ghost_rows(block, before_target=target is not None and n < target)
        elif block.kind == "pair":
            block_rows = self.pair_rows(block)
        elif block.kind == "hidden":
            block_rows = self.hidden_rows(block)
        elif block.compact:
            block_rows = self.collapsed_rows(block.groups[0])
        else:
            block_rows = self.group_rows(block.groups[0], block)
        margin: Run = (" ", "text")
        return [(*row, margin) for row in block_rows]


class Body:
    """A layout's rows made a stretch of blocks at a time, for printing: two stretches
    can be made side by side. ``rows(0, len(blocks))`` are ``build_layout``'s rows."""

    def __init__(self, comparison: Comparison, width: int, options: Options) -> None:
        self._builder = _Builder(comparison, width, options)
        self.blocks = plan_blocks(comparison, options)
        self._index = {block.key: n for n, block in enumerate(self.blocks)}

    def rows(self, start: int, end: int) -> Iterator[tuple[Run, ...]]:
        """The rows of blocks ``start`` to ``end`` (excluded), with the blank rows that
        stand before them; ``start`` > 0 is a block that comes after rows."""
        builder, blocks = self._builder, self.blocks
        for n in range(start, end):
            block_rows = builder.block_rows(blocks, self._index, n)
            if n and builder.separated(blocks, n):
                yield builder.blank
            yield from block_rows

    def middle(self, least: int) -> int | None:
        """A block that cuts the rows into two stretches of about as much text, when
        they hold at least ``least`` characters (else None)."""
        groups = self._builder.comparison.groups
        weights = [
            sum(len(op.a) + len(op.b) for gi in block.groups for op in groups[gi].ops)
            for block in self.blocks
        ]
        return halfway(weights, least)


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
