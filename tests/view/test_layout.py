"""The rows of the diff body, computed from the real core on the seeds."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reader.core.compare import compare
from reader.core.loading import load_paths
from reader.core.model import Article, Comparison
from reader.view.layout import Layout, Options, plan_blocks
from reader.view.rows import build_layout
from reader.view.runs import fold_summary
from reader.view.wrap import cell_width

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = "000_4f549e9bf7ce5619.txt"
SEED_002 = "002_990fca62850f33f5.txt"
SEED_003 = "003_574f2177cef51eb0.txt"


@cache
def seeds() -> dict[str, Article]:
    return {article.path.name: article for article in load_paths([SEEDS]).articles}


@cache
def seed_pair(a: str = SEED_002, b: str = SEED_003) -> Comparison:
    return compare(seeds()[a], seeds()[b])


def row_text(row) -> str:
    return "".join(text for text, _ in row)


def block_rows(layout: Layout, key) -> list[str]:
    index = layout.find(key)
    assert index is not None, key
    return [row_text(row) for row in layout.rows[layout.starts[index] : layout.ends[index]]]


def group_index(comparison: Comparison, a: tuple[int, ...]) -> int:
    return next(n for n, group in enumerate(comparison.groups) if group.a == a)


@pytest.mark.parametrize("width,side", [(79, False), (120, True), (199, True), (60, False)])
def test_every_row_is_exactly_the_width(width: int, side: bool) -> None:
    for comparison in (seed_pair(), seed_pair(SEED_000, SEED_002)):
        for options in (
            Options(side),
            Options(side, typography=True, collapse=True, unfolded=frozenset({13})),
        ):
            layout = build_layout(comparison, width, options)
            assert layout.rows
            assert {sum(cell_width(t) for t, _ in row) for row in layout.rows} == {width}


def test_gutter_names_kind_and_paragraphs() -> None:
    comparison = seed_pair()
    layout = build_layout(comparison, 120, Options(side_by_side=True))
    merged = block_rows(layout, ("group", group_index(comparison, (6, 7))))
    assert merged[0].startswith("¶6+7 → ¶6")
    assert merged[1].startswith("merged")
    moved = block_rows(layout, ("group", group_index(comparison, (9, 11))))
    assert moved[0].startswith("¶9+11 → ¶8")
    assert any(row.startswith("¶11 moved") for row in moved)
    cut = block_rows(layout, ("group", group_index(comparison, (14,))))
    assert cut[0].startswith("¶14 cut")


def test_a_moved_paragraph_leaves_a_ghost_where_it_stood() -> None:
    comparison = seed_pair()
    blocks = plan_blocks(comparison, Options(side_by_side=True))
    keys = [block.key for block in blocks]
    ghost = keys.index(("ghost", 11))
    # A's order: ¶10 stood before ¶11, so the ghost follows the group showing ¶10.
    assert keys[ghost - 1] == ("group", group_index(comparison, (10,)))
    assert blocks[ghost].target == ("group", group_index(comparison, (9, 11)))
    layout = build_layout(comparison, 120, Options(side_by_side=True))
    (row,) = block_rows(layout, ("ghost", 11))
    assert "¶11 of A stood here, moved up to ¶8" in row


def test_boilerplate_folds_into_one_line_and_unfolds() -> None:
    comparison = seed_pair()
    first = next(n for n, g in enumerate(comparison.groups) if g.kind == "boilerplate")
    folded = build_layout(comparison, 79, Options(side_by_side=False))
    (row,) = block_rows(folded, ("fold", first))
    assert "+8 paragraphs of boilerplate: donation appeal" in row
    unfolded = build_layout(comparison, 79, Options(side_by_side=False, unfolded=frozenset({first})))
    rows = block_rows(unfolded, ("fold", first))
    assert "+8 paragraphs of boilerplate: donation appeal" in rows[0]
    assert any("Dear readers," in row for row in rows[1:])
    index = unfolded.find(("fold", first))
    roles = {
        role for row in unfolded.rows[unfolded.starts[index] + 1 : unfolded.ends[index]] for _, role in row
    }
    assert "boiler" in roles and "ins" not in roles


def test_fold_summary_counts_each_side() -> None:
    comparison = seed_pair()
    groups = [g for g in comparison.groups if g.kind == "boilerplate"]
    assert fold_summary(groups) == "+8 paragraphs of boilerplate: donation appeal"


def test_stacked_shows_a_with_deletions_then_b_with_insertions() -> None:
    comparison = seed_pair()
    layout = build_layout(comparison, 79, Options(side_by_side=False))
    rows = block_rows(layout, ("group", group_index(comparison, (0,))))
    marks = [row[12] for row in rows]  # the marker column follows the 12-cell gutter
    assert marks == sorted(marks, key="-+".index)
    assert set(marks) == {"-", "+"}
    a_text = " ".join(row[14:] for row in rows if row[12] == "-")
    b_text = " ".join(row[14:] for row in rows if row[12] == "+")
    assert "imminently" in a_text and "imminently" not in b_text
    assert "this summer" in b_text and "this summer" not in a_text
    identical = block_rows(layout, ("group", group_index(comparison, (10,))))
    assert {row[12] for row in identical} == {" "}  # unchanged text is shown once, unmarked
    assert sum("North Korea is barred" in row for row in identical) == 1


def test_typography_is_hidden_unless_asked_for() -> None:
    comparison = seed_pair()
    typography_group = next(n for n, g in enumerate(comparison.groups) if g.kind == "typography")

    def roles(options: Options) -> set[str]:
        layout = build_layout(comparison, 120, options)
        index = layout.find(("group", typography_group))
        return {role for row in layout.rows[layout.starts[index] : layout.ends[index]] for _, role in row}

    assert "typo" not in roles(Options(side_by_side=True))
    assert "typo" in roles(Options(side_by_side=True, typography=True))
    changes = [b.key for b in plan_blocks(comparison, Options(True)) if b.change]
    assert ("group", typography_group) not in changes
    assert ("group", typography_group) in [
        b.key for b in plan_blocks(comparison, Options(True, True)) if b.change
    ]


def test_collapse_puts_unchanged_groups_on_one_row() -> None:
    comparison = seed_pair()
    layout = build_layout(comparison, 79, Options(side_by_side=False, collapse=True))
    rows = block_rows(layout, ("group", group_index(comparison, (10,))))
    assert len(rows) == 1 and rows[0].startswith("¶10 = ¶9") and rows[0].rstrip().endswith("…")
    edited = block_rows(layout, ("group", group_index(comparison, (0,))))
    assert len(edited) > 1


def test_side_by_side_rows_of_a_group_are_level() -> None:
    comparison = seed_pair()
    layout = build_layout(comparison, 120, Options(side_by_side=True))
    rows = block_rows(layout, ("group", group_index(comparison, (6, 7))))
    separator = {row.index("│") for row in rows}
    assert len(separator) == 1  # one rule down the middle, A left of it, B right of it
    column = separator.pop()
    a_side = " ".join(row[:column] for row in rows)
    b_side = " ".join(row[column:] for row in rows)
    assert "Such activity" in a_side and "Such activity" not in b_side
    assert "This kind of" in b_side and "This kind of" not in a_side
    assert rows[0][:column].startswith("¶6+7 → ¶6") and "Yonhap said" in rows[0][:column]
    assert "Yonhap said" in rows[0][column:]
