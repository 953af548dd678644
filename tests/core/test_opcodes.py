"""The opcodes of long inputs: always a valid edit script, and never a quadratic step
on a long stretch, whatever the text repeats."""

from __future__ import annotations

import random
from collections import Counter
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import opcodes as opcodes_module
from reader.core.diff import count_words, word_diff
from reader.core.opcodes import opcodes


def check_script(ka: list[str], kb: list[str], codes: list[tuple[str, int, int, int, int]]) -> None:
    """The opcodes cover both sequences in order, and their equal blocks are equal."""
    i = j = 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i1, j1) == (i, j)
        assert i1 <= i2 and j1 <= j2 and (i1 < i2 or j1 < j2)
        if tag == "equal":
            assert ka[i1:i2] == kb[j1:j2]
        elif tag == "delete":
            assert j1 == j2
        elif tag == "insert":
            assert i1 == i2
        else:
            assert tag == "replace" and i1 < i2 and j1 < j2
        i, j = i2, j2
    assert (i, j) == (len(ka), len(kb))


class Recorder:
    """SequenceMatcher, counting the largest stretch (product of its two lengths) it
    is handed."""

    largest = 0

    def __new__(cls, isjunk, a, b, autojunk=True):
        Recorder.largest = max(Recorder.largest, len(a) * len(b))
        return SequenceMatcher(isjunk, a, b, autojunk=autojunk)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> type[Recorder]:
    Recorder.largest = 0
    monkeypatch.setattr(opcodes_module, "SequenceMatcher", Recorder)
    return Recorder


def few_words(seed: int, n: int, vocabulary: int) -> list[str]:
    """A text where every word occurs many times: no word anchors it."""
    rng = random.Random(seed)
    return [f"w{rng.randrange(vocabulary)}" for _ in range(n)]


def edited(words: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    out = list(words)
    for _ in range(5):
        out[rng.randrange(len(out))] = "EDIT"
    del out[rng.randrange(len(out)) : rng.randrange(len(out)) + 3]
    return out


@pytest.mark.parametrize("vocabulary", [2, 12, 40, 300])
def test_a_stretch_without_unique_words_is_cut_before_the_matcher(recorder, vocabulary: int) -> None:
    # 20k keys of a few words each occurring hundreds of times on each side: before
    # anchors of 2, 4, 8... keys, the whole stretch went to one SequenceMatcher.
    ka = few_words(1, 20_000, vocabulary)
    kb = edited(ka, 2)
    codes = opcodes(ka, kb)
    check_script(ka, kb, codes)
    assert recorder.largest <= 4 * opcodes_module._DIRECT_LIMIT**2
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in codes if tag != "equal")
    if vocabulary > 2:  # two words repeat every run of 8: only slices cut that one
        assert changed <= 40


def test_one_paragraph_of_few_words_keeps_small_edits_small() -> None:
    words = few_words(3, 12_000, 25)
    a = " ".join(words)
    b = " ".join(edited(words, 4))
    ops = word_diff(a, b)
    assert "".join(op.a for op in ops) == a and "".join(op.b for op in ops) == b
    counts = count_words(ops)
    assert counts.kept >= len(words) - 40


def test_a_long_repeating_list_is_sliced_not_matched_whole(recorder) -> None:
    ka = ["a", "b"] * 10_000
    kb = ["b", "a"] * 10_000
    check_script(ka, kb, opcodes(ka, kb))
    assert recorder.largest <= 4 * opcodes_module._DIRECT_LIMIT**2


def test_short_inputs_are_difflibs() -> None:
    ka, kb = few_words(5, 500, 30), few_words(6, 480, 30)
    assert opcodes(ka, kb) == SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()


def test_same_opcodes_in_every_run() -> None:
    ka = few_words(7, 30_000, 50)
    kb = edited(ka, 8)
    assert opcodes(ka, kb) == opcodes(list(ka), list(kb))


keys = st.lists(st.sampled_from("abcdefg"), max_size=300)


@given(keys, keys, st.integers(4, 40), st.integers(0, 3))
@settings(max_examples=300, deadline=None)
def test_every_path_gives_a_valid_script(ka: list[str], kb: list[str], limit: int, sampled: int) -> None:
    # Small limits send short inputs through the anchors of every length, the sampling
    # of buckets and the slices.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(opcodes_module, "_DIRECT_LIMIT", limit)
        mp.setattr(opcodes_module, "_WHOLE_LIMIT", limit * limit)
        mp.setattr(opcodes_module, "_SAMPLED", (10, 50, 200, 100_000)[sampled])
        check_script(ka, kb, opcodes(ka, kb))


@given(keys, keys, st.data())
@settings(max_examples=300, deadline=None)
def test_kept_heads_and_tails_are_those_read_key_by_key(
    ka: list[str], kb: list[str], data: st.DataObject
) -> None:
    ka, kb = ka + ["x"] * 40 + ka, kb + ["x"] * 40 + ka  # long equal runs, past a chunk
    alo = data.draw(st.integers(0, len(ka)))
    ahi = data.draw(st.integers(alo, len(ka)))
    blo = data.draw(st.integers(0, len(kb)))
    bhi = data.draw(st.integers(blo, len(kb)))
    head = 0
    while alo + head < ahi and blo + head < bhi and ka[alo + head] == kb[blo + head]:
        head += 1
    tail = 0
    while alo < ahi - tail and blo < bhi - tail and ka[ahi - tail - 1] == kb[bhi - tail - 1]:
        tail += 1
    assert opcodes_module._same_head(ka, kb, alo, ahi, blo, bhi) == head
    assert opcodes_module._same_tail(ka, kb, alo, ahi, blo, bhi) == tail


@given(keys, keys, st.data())
@settings(max_examples=300, deadline=None)
def test_keys_held_once_on_each_side_are_those_counted_one_by_one(
    ka: list[str], kb: list[str], data: st.DataObject
) -> None:
    alo = data.draw(st.integers(0, len(ka)))
    ahi = data.draw(st.integers(alo, len(ka)))
    blo = data.draw(st.integers(0, len(kb)))
    bhi = data.draw(st.integers(blo, len(kb)))
    count_a, count_b = Counter(ka[alo:ahi]), Counter(kb[blo:bhi])
    where_b = {kb[j]: j for j in range(blo, bhi) if count_b[kb[j]] == 1}
    pairs = [(i, where_b[ka[i]]) for i in range(alo, ahi) if count_a[ka[i]] == 1 and ka[i] in where_b]
    expected = [(i, j, 1) for i, j in opcodes_module._longest_chain(pairs)]
    assert opcodes_module._unique_runs(ka, kb, alo, ahi, blo, bhi, 1) == expected
