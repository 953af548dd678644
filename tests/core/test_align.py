"""The aligner on the seeds (against the gold) and on edited variants of the AFP story."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.align import align

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data"
AFP = "002_990fca62850f33f5.txt"
MT = "003_574f2177cef51eb0.txt"
BBC = "000_4f549e9bf7ce5619.txt"


def lines(name: str) -> list[str]:
    return [x.strip() for x in (SEEDS / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def shape(result) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(g.a, g.b, g.kind) for g in result.groups]


def links(result) -> set[tuple[int, int]]:
    return {(i, j) for g in result.groups for i in g.a for j in g.b}


@pytest.mark.parametrize("gold_file", sorted(p.name for p in GOLD.glob("seeds-*.json")))
@pytest.mark.parametrize("flip", [False, True])
def test_seed_gold_links_exactly(gold_file: str, flip: bool) -> None:
    gold = json.loads((GOLD / gold_file).read_text(encoding="utf-8"))
    a, b = lines(gold["a"]), lines(gold["b"])
    truth = {(i, j) for g in gold["groups"] for i in g["a"] for j in g["b"]}
    optional = {(o["a"], o["b"]) for o in gold.get("optional", [])}
    if flip:
        a, b = b, a
        truth = {(j, i) for i, j in truth}
        optional = {(j, i) for i, j in optional}
    got = links(align(a, b)) - optional
    assert got == truth


def test_seed_wire_copy_groups_and_moved_sentence() -> None:
    result = align(lines(AFP), lines(MT))
    assert result.related
    by_a = {g.a: g for g in result.groups}
    assert by_a[(6, 7)].b == (6,)
    assert by_a[(9, 11)].b == (8,)
    assert by_a[(9, 11)].moved_a == (11,)
    assert by_a[(10,)].b == (9,)
    assert by_a[(12, 13)].b == (10,)
    assert result.cut_from_end == 2
    # Reading order: the cut paragraphs stand after the last kept one, before B's additions.
    kinds = [g.kind for g in result.groups]
    assert kinds[11:13] == ["deleted", "deleted"]
    assert kinds[13:] == ["inserted"] * 8


@pytest.mark.parametrize("pair", [(BBC, AFP), (BBC, MT), (AFP, BBC), (MT, BBC)])
def test_independent_write_ups_link_nothing(pair: tuple[str, str]) -> None:
    result = align(lines(pair[0]), lines(pair[1]))
    assert not result.related
    assert links(result) == set()


# Variants of the AFP story, each with the exact groups expected.
BASE = lines(AFP)
N = len(BASE)


def identity(upto: int) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [((i,), (i,), "linked") for i in range(upto)]


def test_identical_copy_is_one_to_one() -> None:
    assert shape(align(BASE, list(BASE))) == identity(N)


def test_trimmed_ending() -> None:
    result = align(BASE, BASE[:10])
    assert shape(result) == identity(10) + [((i,), (), "deleted") for i in range(10, N)]
    assert result.cut_from_end == N - 10


def test_merged_pairs_of_paragraphs() -> None:
    b = BASE[:3] + [BASE[3] + " " + BASE[4]] + BASE[5:]
    assert shape(align(BASE, b)) == (
        identity(3) + [((3, 4), (3,), "linked")] + [((i,), (i - 1,), "linked") for i in range(5, N)]
    )


def test_split_paragraph() -> None:
    first, second = "Yonhap said that satellite images showed possible signs.", BASE[7]
    a = BASE[:6] + [first + " " + second] + BASE[8:]
    b = BASE[:6] + [first, second] + BASE[8:]
    groups = shape(align(a, b))
    assert ((6,), (6, 7), "linked") in groups
    assert len(groups) == len(a)


def test_moved_paragraph() -> None:
    b = BASE[:2] + BASE[3:10] + [BASE[2]] + BASE[10:]
    result = align(BASE, b)
    moved = [g for g in result.groups if g.moved]
    assert [(g.a, g.b) for g in moved] == [((2,), (9,))]
    assert all(g.a == (i,) for g, i in zip(result.groups[:2], range(2), strict=True))


def test_sentence_moved_into_another_paragraph() -> None:
    # The last sentence of paragraph 12 is moved to the end of paragraph 3.
    a = list(BASE)
    b = list(BASE)
    b[3] = BASE[3] + " " + BASE[11]
    del b[11]
    result = align(a, b)
    group = next(g for g in result.groups if 11 in g.a)
    assert group.a == (3, 11) and group.b == (3,)
    assert group.moved_a == (11,)


def test_duplicated_paragraph_is_an_addition_that_names_its_source() -> None:
    b = [*BASE[:8], BASE[4], *BASE[8:]]
    result = align(BASE, b)
    dup = next(g for g in result.groups if g.b == (8,))
    assert dup.kind == "inserted" and dup.repeats == (4,)
    assert ((4,), (4,), "linked") in shape(result)


def test_retyped_quotes_keep_every_link() -> None:
    table = str.maketrans({"“": '"', "”": '"', "’": "'", "—": "-"})
    b = [p.translate(table) for p in BASE]
    assert shape(align(BASE, b)) == identity(N)


def test_inserted_boilerplate_folds_into_one_group() -> None:
    appeal = ["Dear readers,", "Please support us.", "Remind me later."]
    reasons = [None] * N + ["donation appeal"] * 3
    result = align(BASE, BASE + appeal, None, reasons)
    assert shape(result)[-1] == ((), (N, N + 1, N + 2), "boilerplate")
    assert result.groups[-1].boilerplate == "donation appeal"


def test_rewritten_lede_still_links() -> None:
    b = list(BASE)
    b[0] = (
        "North Korean leader Kim Jong Un on Wednesday praised his country’s ties with Russia, "
        "calling the two nations “invincible comrades-in-arms,” as President Vladimir Putin "
        "prepared to visit Pyongyang."
    )
    assert shape(align(BASE, b))[0] == ((0,), (0,), "linked")


def test_empty_inputs() -> None:
    assert shape(align([], [])) == []
    assert shape(align(BASE[:2], [])) == [((0,), (), "deleted"), ((1,), (), "deleted")]
    assert shape(align([], BASE[:1])) == [((), (0,), "inserted")]


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=5))
def test_every_paragraph_in_exactly_one_group(rnd: random.Random, edits: int) -> None:
    b = list(BASE)
    for _ in range(edits):
        op = rnd.choice(["drop", "merge", "swap", "dup"])
        k = rnd.randrange(len(b))
        if op == "drop" and len(b) > 1:
            del b[k]
        elif op == "merge" and k + 1 < len(b):
            b[k : k + 2] = [b[k] + " " + b[k + 1]]
        elif op == "swap" and k + 1 < len(b):
            b[k], b[k + 1] = b[k + 1], b[k]
        elif op == "dup":
            b.insert(rnd.randrange(len(b) + 1), b[k])
    result = align(BASE, b)
    a_seen = sorted(i for g in result.groups for i in g.a)
    b_seen = sorted(j for g in result.groups for j in g.b)
    assert a_seen == list(range(len(BASE)))
    assert b_seen == list(range(len(b)))
    assert result.related


def test_paragraph_rewritten_in_place_still_pairs() -> None:
    b = list(BASE)
    b[1] = (
        "Last year Kim travelled to Russia’s far east for a rare meeting with Putin, and Seoul and "
        "Washington then said Pyongyang had shipped weapons to Moscow for the war in Ukraine in breach "
        "of UN sanctions, in exchange for technical help with its satellite program."
    )
    assert shape(align(BASE, b)) == identity(N)


def test_cut_ending_and_new_ending_on_the_same_subject_stay_apart() -> None:
    b = BASE[:14] + [
        "Pyongyang’s state media said on Thursday that preparations for the visit were under way, "
        "while analysts in Seoul cautioned that the summit could deepen military cooperation."
    ]
    result = align(BASE, b)
    assert shape(result)[-3:] == [((14,), (), "deleted"), ((15,), (), "deleted"), ((), (14,), "inserted")]


def test_a_stock_short_sentence_does_not_tie_distant_paragraphs() -> None:
    a = list(BASE)
    a[2] = BASE[2] + " He declined to comment."
    b = list(BASE) + ["Officials in Seoul would not say more. He declined to comment."]
    result = align(a, b)
    assert ((2,), (2,), "linked") in shape(result)
    assert shape(result)[-1] == ((), (N,), "inserted")


def test_swapped_wire_copy_marks_the_moved_part_of_a_split() -> None:
    result = align(lines(MT), lines(AFP))
    group = next(g for g in result.groups if g.a == (8,))
    assert group.b == (9, 11)
    assert group.moved_b == (11,)


def test_a_text_that_is_all_quotation_is_still_a_version_of_itself() -> None:
    quote = (
        "Kim said: “We will not accept this decision, and we will appeal it in every court "
        "available to us, and our members deserve better than this.”"
    )
    result = align([quote], [quote])
    assert result.related
    assert shape(result) == [((0,), (0,), "linked")]


def test_repeated_lines_pair_with_the_nearest_copy() -> None:
    a = ["Advertisement", *(f"Paragraph number {k} of the story goes here." for k in range(3))] * 3
    result = align(a, list(a))
    assert sorted((g.a, g.b) for g in result.groups) == [((i,), (i,)) for i in range(len(a))]
    trimmed = align(a, a[:4])
    assert sorted((g.a[0], g.b[0]) for g in trimmed.groups if g.b) == [(i, i) for i in range(4)]
