"""The story matrix (reader.core.story): the seeds against their gold, and
generated stories of ten copies with known edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from storygen import make_story

import reader.core.story as story_module
from reader.core.compare import compare
from reader.core.loading import load_file
from reader.core.model import Article
from reader.core.story import Status, Story, build_story, story_from
from reader.view.story_words import MEANINGS, SYMBOLS, copy_words, description, label, symbol
from reader.view.words import verdict

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
AFP = SEEDS / "002_990fca62850f33f5.txt"
MT = SEEDS / "003_574f2177cef51eb0.txt"
BBC = SEEDS / "000_4f549e9bf7ce5619.txt"


def load(path: Path) -> Article:
    (article,), problems = load_file(path)
    assert not problems
    return article


@pytest.fixture(scope="module")
def seed_story() -> Story:
    return build_story(load(AFP), [load(MT), load(BBC)])


def cells_by_base(story: Story, copy: int) -> dict[int, story_module.Cell]:
    return {row.base: row.cells[copy] for row in story.rows if row.base is not None}


# -- the seeds ------------------------------------------------------------------

GOLD_STATUS = {"edited": Status.EDITED, "merged": Status.MERGED}


def test_moscow_times_column_follows_the_gold(seed_story: Story) -> None:
    gold = json.loads((ROOT / "tests/data/seeds-002-003.json").read_text(encoding="utf-8"))
    base, copy = seed_story.base, seed_story.copies[0].article
    cells = cells_by_base(seed_story, 0)
    for group in gold["groups"]:
        moved = group["kind"].startswith("merged, ")  # "merged, 11 moved up and rewritten"
        for i in group["a"]:
            cell = cells[i]
            assert cell.b == tuple(group["b"]), i
            if moved and i == group["a"][-1]:
                assert cell.status is Status.MOVED, i
                assert cell.with_a == tuple(x for x in group["a"] if x != i)
            elif group["kind"] == "typography":
                # The gold counts file-level whitespace; after loading, some pairs are identical.
                same = base.paragraphs[i].text == copy.paragraphs[group["b"][0]].text
                assert cell.status is (Status.KEPT if same else Status.TYPOGRAPHY), i
            else:
                assert cell.status is GOLD_STATUS[group["kind"].split(",")[0]], i
    for i in gold["deleted_from_a"]:
        assert cells[i].status is Status.CUT and cells[i].cut == "end"
    assert [cells[i].status for i in (6, 7)] == [Status.MERGED, Status.MERGED]
    assert cells[6].with_a == (7,) and cells[7].with_a == (6,)


def test_moscow_times_appeal_is_one_folded_row_at_the_end(seed_story: Story) -> None:
    added = [row for row in seed_story.rows if row.added]
    assert len(added) == 1
    row = added[0]
    assert row is seed_story.rows[-1]
    assert row.copy == 0 and row.after == 15
    cell = row.cells[0]
    assert cell.status is Status.BOILERPLATE
    assert cell.boilerplate == "donation appeal"
    assert cell.b == tuple(range(11, 19))
    assert row.cells[1] is None
    assert row.text == "A Message from The Moscow Times:"


def test_moscow_times_copy_summary(seed_story: Story) -> None:
    mt = seed_story.copies[0]
    assert mt.related
    assert mt.kept_share == mt.comparison.summary.kept_share
    assert 0.6 < mt.kept_share < 0.75
    assert (mt.trim.start, mt.trim.middle, mt.trim.end) == (0, 0, 2)
    assert mt.trim.words == sum(c.words for c in cells_by_base(seed_story, 0).values() if c.cut)
    assert mt.added.boilerplate == (("donation appeal", 8),)
    assert mt.added.paragraphs == 0
    assert mt.statuses["merged"] == 5 and mt.statuses["moved"] == 1 and mt.statuses["cut"] == 2
    c = mt.comparison.summary.counts
    assert 0 < mt.words_changed <= c.deleted + c.inserted + max(c.replaced_a, c.replaced_b)
    line = copy_words(mt)
    assert "keeps 67%" in line and "2 paragraphs cut from the end" in line and "credit dropped" in line
    # The same words, in the same units, as the diff's summary.
    assert line.endswith(verdict(mt.comparison.summary).split(" · ", 1)[1])


def test_independent_write_up_says_so_instead_of_cut_everywhere(seed_story: Story) -> None:
    bbc = seed_story.copies[1]
    assert not bbc.related
    assert copy_words(bbc).startswith("different write-ups")
    column = cells_by_base(seed_story, 1)
    assert {c.status for c in column.values()} == {Status.UNRELATED}
    assert all(label(c) == "≠" for c in column.values())
    assert not any(row.added and row.copy == 1 for row in seed_story.rows)
    assert bbc.trim.paragraphs == 0 and bbc.kept_share == 0


def test_rows_cover_the_base_in_order_with_one_cell_per_copy(seed_story: Story) -> None:
    bases = [row.base for row in seed_story.rows if row.base is not None]
    assert bases == list(range(len(seed_story.base.paragraphs)))
    assert all(len(row.cells) == 2 for row in seed_story.rows)
    assert seed_story.rows[seed_story.row_of(11)].base == 11


def test_cells_point_at_their_group(seed_story: Story) -> None:
    comparison = seed_story.copies[0].comparison
    for row in seed_story.rows:
        cell = row.cells[0]
        if cell is None:
            continue
        group = comparison.groups[cell.group]
        if row.added:
            assert group.b == cell.b and not group.a
        else:
            assert row.base in group.a and group.b == cell.b


def test_each_copy_is_compared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(a: Article, b: Article, typography: bool = False):
        calls.append(b.label)
        return compare(a, b, typography)

    monkeypatch.setattr(story_module, "compare", counting)
    build_story(load(AFP), [load(MT), load(BBC)])
    assert sorted(calls) == sorted([MT.name, BBC.name])


def test_comparisons_of_another_base_are_refused() -> None:
    afp, mt, bbc = load(AFP), load(MT), load(BBC)
    with pytest.raises(ValueError):
        story_from(afp, [compare(bbc, mt)])


def test_a_copy_equal_to_the_base_is_kept_everywhere() -> None:
    afp = load(AFP)
    story = build_story(afp, [afp])
    assert story.equal
    assert {row.cells[0].status for row in story.rows} == {Status.KEPT}


def test_status_vocabulary_is_complete_and_symbols_lead_labels(seed_story: Story) -> None:
    assert set(SYMBOLS) == set(Status) == set(MEANINGS)
    for row in seed_story.rows:
        for cell in row.cells:
            if cell is not None:
                assert label(cell).startswith(symbol(cell))
                assert description(cell)
    assert all(len(symbol) == 1 for symbol in SYMBOLS.values())


# -- generated stories ------------------------------------------------------------


def build_case(tmp_path: Path, seed: int, copies: int = 10, edits: int = 5):
    case = make_story(seed, copies=copies, edits=edits)
    base_path, copy_paths = case.write(tmp_path / f"story{seed}")
    return case, build_story(load(base_path), [load(p) for p in copy_paths])


@pytest.mark.parametrize("seed", range(4))
def test_generated_stories_get_the_exact_statuses(tmp_path: Path, seed: int) -> None:
    case, story = build_case(tmp_path, seed)
    assert len(story.copies) == 10
    kinds = set()
    for k, copy in enumerate(case.copies):
        got = {i: cell.status for i, cell in cells_by_base(story, k).items()}
        assert got == copy.expected, (k, copy.edits)
        added = [(row.after, row.cells[k].status) for row in story.rows if row.added and row.copy == k]
        assert added == copy.added, (k, copy.edits)
        trimmed = {i for i, s in copy.expected.items() if s is Status.CUT}
        for i in trimmed:
            cell = cells_by_base(story, k)[i]
            expected_where = "middle" if f"cut {i}" in copy.edits else "end"
            assert cell.cut == expected_where, (k, i, copy.edits)
        kinds.update(got.values())
    # Every kind of edit the generator makes shows up in these stories.
    assert {Status.CUT, Status.MERGED, Status.SPLIT, Status.MOVED, Status.EDITED, Status.KEPT} <= kinds


def test_generated_edits_have_plausible_numbers(tmp_path: Path) -> None:
    case, story = build_case(tmp_path, 11)
    for k, copy in enumerate(story.copies):
        for cell in (row.cells[k] for row in story.rows if not row.added):
            if cell.status is Status.EDITED:
                assert 0 < cell.changed < 0.5
            if cell.status in (Status.KEPT, Status.TYPOGRAPHY):
                assert cell.changed == 0
        cut = sum(1 for s in case.copies[k].expected.values() if s is Status.CUT)
        assert copy.trim.paragraphs == cut
        assert copy.added.paragraphs == sum(1 for _, s in case.copies[k].added if s is Status.ADDED)
        assert 0 < copy.kept_share <= 1


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=100, max_value=10_000), edits=st.integers(min_value=0, max_value=9))
def test_every_copy_paragraph_is_in_exactly_one_cell_group(seed: int, edits: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        case = make_story(seed, copies=2, words=400, edits=edits)
        base_path, copy_paths = case.write(Path(tmp))
        story = build_story(load(base_path), [load(p) for p in copy_paths])
    for k, copy in enumerate(story.copies):
        groups = {row.cells[k].group for row in story.rows if row.cells[k] is not None}
        assert groups == set(range(len(copy.comparison.groups)))
        b_seen = sorted(j for g in groups for j in copy.comparison.groups[g].b)
        assert b_seen == list(range(len(copy.article.paragraphs)))
        anchors = [row.after for row in story.rows if row.added and row.copy == k]
        assert anchors == sorted(anchors)


def test_each_copy_says_what_it_did_with_the_credit_and_the_facts(seed_story) -> None:
    mt = next(c for c in seed_story.copies if c.article.outlet == "The Moscow Times")
    assert mt.credit == "dropped"
    assert "credit dropped" in copy_words(mt)
    # The cell of a paragraph holding a fact says so, in its label and in words.
    cell = next(row.cells[seed_story.copies.index(mt)] for row in seed_story.rows if row.base == 1)
    assert cell.facts and "‼" in label(cell) and "name changed" in description(cell)
