"""The list's plain classes, without an app: marks, the order of the lines, the
source of articles read through a folder's index."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.loading import load_paths
from reader.library import Library
from reader.ui.models.article_rows import article_rows
from reader.ui.models.feeding import known_rows, read_files
from reader.ui.models.listing import Listing
from reader.ui.models.marks import Marks
from reader.ui.models.sources import ArticleUnreadable, IndexSource, MemorySource

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_third_mark_replaces_the_older_for_a_pair_but_not_for_a_story() -> None:
    marks = Marks()
    for index in (4, 7, 9):
        marks.toggle(index, pair=True)
    assert marks == [7, 9] and marks.letter(7) == "A" and marks.letter(9) == "B" and marks.letter(4) == " "
    marks.toggle(4, pair=False)
    marks.toggle(5, pair=False)
    assert marks == [7, 9, 4, 5] and marks.letter(5) == "D"
    marks.toggle(9, pair=True)  # unmarking
    assert marks == [7, 4, 5]


def test_d_compares_the_two_marks_or_the_mark_and_the_cursor() -> None:
    marks = Marks()
    assert marks.pair(3) is None
    marks.toggle(2, pair=True)
    assert marks.pair(2) is None  # the cursor on the marked article: nothing to compare with
    assert marks.pair(5) == (2, 5)
    marks.toggle(6, pair=True)
    assert marks.pair(0) == (2, 6)


def _listing() -> Listing:
    result = load_paths([SEEDS])
    listing = Listing()
    listing.articles, listing.rows = result.articles, article_rows(result.articles)
    return listing


def test_sorting_ranking_and_stories_order_the_lines() -> None:
    listing = _listing()
    listing.arrange(range(3), width=100)
    assert listing.order == [0, 1, 2]  # by file name
    listing.sort_by("words")
    listing.arrange(range(3), width=100)
    words = [listing.rows[i].words for i in listing.order]
    assert words == sorted(words)
    listing.sort_by("words")  # the same column again: the other way round
    listing.arrange(range(3), width=100)
    assert [listing.rows[i].words for i in listing.order] == sorted(words, reverse=True)
    listing.rank({0: 0.2, 1: 1.0, 2: 0.6}, target=1)
    listing.arrange(range(3), width=100)
    assert listing.order == [1, 2, 0] and listing.cell_text(2, "shared") == "60%"
    assert listing.next_sort(1) == "mark"  # after "shared", round to the first column
    listing.unrank()
    listing.set_groups([[2, 1], [0]])
    listing.arrange(range(3), width=100)
    assert listing.order == [-1, 0]  # the story's line, then the article in no story
    assert "2 versions" in listing.line_text(-1) and listing.index_of(-1) == 2
    listing.arrange(listing.opened(0, True), width=100)
    assert listing.order == [-1, 2, 1, 0]
    assert listing.line_for(1) == 2


def test_cells_fit_the_width_and_mark_the_marked() -> None:
    listing = _listing()
    listing.marks.toggle(1, pair=True)
    for width in (60, 80, 200):
        listing.arrange(range(3), width=width)
        cells = listing.cells(listing.rows[1])
        assert dict(cells)["mark"] == "A"
        # Each cell has a space either side (the table's padding).
        assert sum(len(text) + 2 for _, text in cells) <= max(width, 80)


def test_memory_source_shows_every_row() -> None:
    result, rows = read_files([SEEDS], lambda done, total: None)
    source = MemorySource(result, rows)
    assert source.total == 3 and source.library is None
    assert [row.index for row in source.shown_rows()] == [0, 1, 2]
    assert source.article(1) is result.articles[1]


def test_index_source_follows_the_index_and_says_a_vanished_file(tmp_path: Path, private_cache) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    with Library.open(folder) as library:
        library.refresh()
        source = IndexSource(library)
        for rows, prepared in known_rows(library):
            assert source.take(rows, [], prepared) == []
        assert source.total == 3
        first = source.article(0)
        assert source.article(0) is first  # kept, not read again
        vanished = Path(source.rows[1].path_key[0])
        vanished.unlink()
        with pytest.raises(ArticleUnreadable) as caught:
            source.article(1)
        assert caught.value.problem.path.name == vanished.name
        removed = source.take([], [source.id_at(1)])
        assert removed == [1] and source.total == 2
        assert [row.index for row in source.shown_rows()] == [0, 2]
        assert source.groups([]) == [] and source.scores([]) == {}


def test_opening_or_closing_a_story_keeps_the_column_widths() -> None:
    listing = _listing()
    listing.set_groups([[2, 1]])
    listing.arrange(range(3), width=80)
    closed = dict(listing.widths)
    listing.arrange(listing.opened(0, True), width=80)
    assert listing.widths == closed
    listing.arrange(listing.opened(0, False), width=80)
    assert listing.widths == closed


def test_narrow_columns_give_way_to_the_title_and_never_overflow() -> None:
    listing = _listing()
    for width in (40, 60, 80, 100, 160):
        listing.arrange(range(3), width=width)
        shown = [c.key for c in listing.columns_shown]
        used = sum(listing.widths[k] + 2 for k in shown)
        assert used <= width, (width, shown, used)
        assert {"mark", "title", "file"} <= set(shown)
        assert listing.widths["title"] >= 16
    listing.arrange(range(3), width=160)
    assert "paragraphs" in [c.key for c in listing.columns_shown]
