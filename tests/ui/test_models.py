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
        for rows, prepared, _more in known_rows(library):
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


def test_the_first_rows_of_a_large_index_are_handed_on_before_the_rest_is_read() -> None:
    """A million rows take seconds to read: the first screenful must not wait for them."""
    from reader.library import Row
    from reader.ui.models import feeding

    read: list[tuple[int, int | None]] = []

    class Index:
        def rows(self, offset: int = 0, limit: int | None = None) -> list[Row]:
            read.append((offset, limit))
            end = 450 if limit is None else min(450, offset + limit)
            return [
                Row(i, f"f{i}.txt", f"f{i}.txt", None, "t", "txt", None, None, None, None, None, 9, 1, "en")
                for i in range(offset, end)
            ]

    batches = feeding.known_rows(Index())  # type: ignore[arg-type]
    rows, prepared, more = next(batches)
    assert len(rows) == len(prepared) == feeding.FIRST_ROWS and more
    assert read == [(0, feeding.FIRST_ROWS)]  # the rest not read yet
    rows, prepared, more = next(batches)
    assert len(rows) == 450 - feeding.FIRST_ROWS and not more
    assert prepared[0].index == feeding.FIRST_ROWS
    assert next(batches, None) is None


def test_the_status_says_the_rest_of_the_index_is_being_read() -> None:
    from reader.ui.models.list_words import status_parts

    listing = _listing()
    listing.arrange(range(3), width=100)
    words = {"indexing": None, "filter_text": "", "problems": 0, "loading": None}
    reading = "".join(text for text, _ in status_parts(listing, 3, reading=True, **words))
    assert reading.startswith("3 articles") and "reading the rest of the index" in reading
    assert "reading" not in "".join(text for text, _ in status_parts(listing, 3, **words))


def test_sorting_by_name_uses_the_same_keys_as_every_other_column() -> None:
    from reader.ui.models.article_rows import by_name, sort_value

    row = _listing().rows[0]
    for key in ("mark", "outlet", "agency", "place", "title", "words", "paragraphs", "shared", "file", "?"):
        for scores in (None, {0: 0.5}):
            assert by_name(key, scores) == (sort_value(row, key, [], scores, None) == row.path_key)
