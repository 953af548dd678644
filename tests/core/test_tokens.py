"""Tokens and typography folding."""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core import tokens
from reader.core.tokens import fold, fold_text, is_word, tokenize, typographic_key, word_count

# Characters that stress the tokenizer and the folding: every quote, dash, space
# and dot style, digits and separators, currency, marks and joiners.
TRICKY = (
    "ab9 _.,:;!?…$€-‐‑‒–—―−﹘﹣－'‘’‚‛′`´‹›\"“”„‟″«»〝〞＂"
    "\t\n\r\x0b\x0c\x85\xa0\u2009\u202f\u3000\u200b\u200c\u200d\u0301\u093f\U00011000"
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=60)
any_text = st.text(max_size=200)


@given(st.one_of(any_text, tricky_text))
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


@given(st.one_of(any_text, tricky_text))
def test_no_empty_tokens_and_whitespace_runs_are_whole(text: str) -> None:
    toks = tokenize(text)
    assert all(toks)
    for left, right in itertools.pairwise(toks):
        assert not (left.isspace() and right.isspace())
        # Two words touch only where a currency sign starts the second ("US$5").
        assert not (is_word(left) and is_word(right)) or right[0] in tokens._CURRENCY


@given(st.one_of(any_text, tricky_text))
def test_folding_keeps_token_boundaries(text: str) -> None:
    # What lets the aligner trust fold_text: folding the text and folding its
    # tokens one by one give the same tokens.
    assert [fold(t) for t in tokenize(text)] == tokenize(fold_text(text))


@given(st.one_of(any_text, tricky_text))
def test_fold_text_is_idempotent(text: str) -> None:
    assert fold_text(fold_text(text)) == fold_text(text)


@given(st.one_of(any_text, tricky_text))
def test_word_count_counts_word_tokens(text: str) -> None:
    assert word_count(text) == sum(map(is_word, tokenize(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("don't won’t", ["don't", " ", "won’t"]),
        ("Putin’s comrades-in-arms", ["Putin’s", " ", "comrades-in-arms"]),
        ("7,000 men, 3.5% and $2.", ["7,000", " ", "men", ",", " ", "3.5", "%", " ", "and", " ", "$2", "."]),
        ("9,000 at 10:30", ["9,000", " ", "at", " ", "10:30"]),
        ("Wait... what?!", ["Wait", "...", " ", "what", "?!"]),
        ("“absurd.”", ["“", "absurd", ".", "”"]),
        ("a — b -- c", ["a", " ", "—", " ", "b", " ", "--", " ", "c"]),
        ("end.\n\nNext", ["end", ".", "\n\n", "Next"]),
        ("हिन्दी नमस्ते", ["हिन्दी", " ", "नमस्ते"]),
        ("Ђорђе Đặng café", ["Ђорђе", " ", "Đặng", " ", "café"]),
        ("'quoted'", ["'", "quoted", "'"]),
        ("$ 5 and US$5", ["$", " ", "5", " ", "and", " ", "US", "$5"]),
    ],
)
def test_tokenize_examples(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“Yes,” he said", '"Yes," he said'),
        ("„Ja“", '"Ja"'),
        ("«oui»", '"oui"'),
        ("Russia’s", "Russia's"),
        ("don´t", "don't"),
        ("‘x’", "'x'"),
        ("a — b", "a -- b"),
        ("a ― b", "a — b"),
        ("2019–2020", "2019-2020"),
        ("−5", "-5"),
        ("wait…", "wait..."),
        ("a\xa0b", "a b"),
        ("a\u202fb\u2009c", "a b c"),
        ("a  \n\t b", "a b"),
    ],
)
def test_typography_folds_equal(a: str, b: str) -> None:
    assert fold_text(a) == fold_text(b)
    assert [fold(t) for t in tokenize(a)] == [fold(t) for t in tokenize(b)]


@pytest.mark.parametrize(("a", "b"), [("a — b", "a - b"), ("a – b", "a—b"), ("x—y", "x -- y")])
def test_dashes_that_set_off_a_clause_are_typography(a: str, b: str) -> None:
    assert typographic_key(a) == typographic_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("in", "by"),
        ("ab", "a b"),
        ("Pentagon", "pentagon"),
        ("7,000", "7.000"),
        ("a-b", "a - b"),
        ("x", "x "),
    ],
)
def test_real_changes_do_not_fold_equal(a: str, b: str) -> None:
    assert fold_text(a) != fold_text(b)


def test_is_word() -> None:
    assert all(map(is_word, ["a", "don't", "7,000", "$2", "नमस्ते", "_x"]))
    assert not any(map(is_word, [" ", ",", "...", "—", "“", "$", "\n"]))


def test_combining_mark_table_is_complete() -> None:
    """Every combining mark that \\w misses must be a word character.

    On failure (a newer Unicode in a newer Python), the message is the fresh
    table to paste into reader/core/tokens.py."""
    word_char = re.compile(f"{tokens._W}|{tokens._ASTRAL}")
    missing = [
        code
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code))[0] == "M" and not word_char.match(chr(code))
    ]
    assert not missing, _fresh_mark_table()


def _fresh_mark_table() -> str:
    def bridgeable(char: str) -> bool:
        return unicodedata.category(char)[0] == "M" or char.isalnum() or unicodedata.category(char) == "Cn"

    def mark(char: str) -> bool:
        return unicodedata.category(char)[0] == "M" and not char.isalnum()

    ranges = []
    code, top = 0, sys.maxunicode + 1
    while code < top:
        if not mark(chr(code)):
            code += 1
            continue
        lo = hi = code
        code += 1
        while code < top and bridgeable(chr(code)):
            if mark(chr(code)):
                hi = code
            code += 1
        ranges.append(f"{lo:X}-{hi:X}" if hi > lo else f"{lo:X}")
    return "fresh _MARKS table: " + " ".join(ranges)


# -- long texts, read a piece at a time -------------------------------------------


@given(
    st.lists(
        st.one_of(tricky_text, st.sampled_from(["word ", "10 000 ", "don’t ", "a  b", "x\n"])), max_size=40
    )
)
def test_a_long_text_tokenized_in_pieces_gives_the_same_tokens(parts: list[str]) -> None:
    text = "".join(parts)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tokens, "_LONG_TEXT", 8)  # pieces of a few characters: every cut is tried
        assert tokenize(text) == tokens._TOKEN.findall(text)
        assert word_count(text) == len(tokens._WORD.findall(text))
        assert tokens.one_spaced(text) == " ".join(text.split())


def test_a_long_text_holds_one_string_for_each_distinct_token() -> None:
    # What keeps a 19 MB one-line file's tokens within memory: "the" is one object.
    text = "the cat and the dog " * 60_000
    found = tokenize(text)
    assert len(text) > tokens._LONG_TEXT
    assert "".join(found) == text
    assert found[0] is found[6] is found[-4]


@given(st.text(alphabet=st.sampled_from(" a\u00a0\u2009\u3000\t\n\x1c\x85é")) | tricky_text)
def test_one_spaced_is_its_words_joined_by_one_space(text: str) -> None:
    assert tokens.one_spaced(text) == " ".join(text.split())


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    # one_spaced returns a printable text with single spaces as it is: no other character
    # that str.split() splits at may be printable.
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) > 20
    assert [c for c in spaces if c.isprintable()] == [" "]
