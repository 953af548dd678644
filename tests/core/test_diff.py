"""The word diff: invariants, the seeds' cases, and the clean-up that keeps
rewritten sentences from turning into word salad."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import diff
from reader.core.diff import count_words, equal_after_folding, word_diff
from reader.core.model import Op
from reader.core.tokens import tokenize, typographic_key, word_count

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AFP = SEEDS / "002_990fca62850f33f5.txt"
MT = SEEDS / "003_574f2177cef51eb0.txt"
UNCHANGED = ("equal", "typography")


def paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def starting(path: Path, head: str) -> str:
    (found,) = [p for p in paragraphs(path) if p.startswith(head)]
    return found


def visible(ops: list[Op]) -> list[tuple[str, str, str]]:
    return [(op.tag, op.a, op.b) for op in ops if op.tag not in UNCHANGED]


def check_invariants(a: str, b: str, ops: list[Op]) -> None:
    assert "".join(op.a for op in ops) == a
    assert "".join(op.b for op in ops) == b
    for left, right in itertools.pairwise(ops):
        assert left.tag != right.tag, ops
    for op in ops:
        assert op.a or op.b
        if op.tag == "equal":
            assert op.a == op.b
        elif op.tag == "typography":
            assert op.a != op.b and typographic_key(op.a) == typographic_key(op.b)
        elif op.tag == "delete":
            assert op.a and op.b == ""
        elif op.tag == "insert":
            assert op.a == "" and op.b
        else:
            assert op.tag == "replace" and op.a and op.b
    counts = count_words(ops)
    assert counts.words_a == word_count(a)
    assert counts.words_b == word_count(b)
    assert count_words(ops, word_count(a)) == counts  # A's words known: kept is the rest


# -- properties ----------------------------------------------------------------

VOCABULARY = [
    "the", "of", "an", "a", "Kim", "Putin", "said", "Russia’s", "Russia's", "don't",
    "7,000", "$2", "comrades-in-arms", "Pyongyang", "visit", "нет", "हिन्दी",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "\n", "\xa0", ", ", ". ", "“", "”", '"', " — ", " - ", "…", "...", ""]


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), max_size=25))
    return "".join(w + draw(st.sampled_from(SEPARATORS)) for w in words)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy of it with a few token-level edits, so that the two share
    most of their material the way two versions of an article do."""
    a = draw(texts())
    toks = tokenize(a)
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(toks)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        new = draw(st.sampled_from(VOCABULARY + SEPARATORS))
        if kind == "insert" or not toks[pos:]:
            toks.insert(pos, new)
        elif kind == "delete":
            del toks[pos]
        else:
            toks[pos] = new
    return a, "".join(toks)


any_text = st.text(max_size=80)


@given(st.one_of(edited_pairs(), st.tuples(texts(), texts()), st.tuples(any_text, any_text)))
@settings(max_examples=400)
# House style only, where matching by the fold alone paired a "the —" with the later
# one: an insertion and a deletion tagged typography, each with one side empty.
@example(("the — the — ", "the - the — "))
def test_ops_rebuild_both_texts_and_keep_their_contract(pair: tuple[str, str]) -> None:
    a, b = pair
    check_invariants(a, b, word_diff(a, b))


@given(st.one_of(edited_pairs(), st.tuples(texts(), texts())))
def test_unchanged_exactly_when_equal_after_folding(pair: tuple[str, str]) -> None:
    a, b = pair
    ops = word_diff(a, b)
    assert all(op.tag in UNCHANGED for op in ops) == equal_after_folding(a, b)


@given(texts())
def test_identical_texts_are_one_equal_op(a: str) -> None:
    assert word_diff(a, a) == ([Op("equal", a, a)] if a else [])


# -- the seeds -----------------------------------------------------------------


def test_ties_paragraph_shows_just_in_by_and_on() -> None:
    a = starting(AFP, "Ties between North Korea and Russia have")
    b = starting(MT, "Ties between North Korea and Russia have")
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert visible(ops) == [("replace", "in", "by"), ("insert", "", " on")]
    assert [(op.a, op.b) for op in ops if op.tag == "typography"] == [("“", '"'), ("”", '"')]


def test_quote_style_alone_is_typography() -> None:
    a = starting(AFP, "South Korea’s Yonhap")
    b = starting(MT, "South Korea's Yonhap")
    ops = word_diff(a, b)
    assert visible(ops) == []
    assert {op.tag for op in ops} == {"equal", "typography"}
    assert equal_after_folding(a, b)


def test_small_edits_stay_small() -> None:
    a = starting(AFP, "Putin was expected")
    b = starting(MT, "Putin is expected")
    assert visible(word_diff(a, b)) == [
        ("replace", "was", "is"),
        ("delete", " pay a return", ""),
        ("delete", " to", ""),
        ("replace", "days,", "weeks"),
    ]


def test_pivot_between_an_addition_and_a_cut_is_kept() -> None:
    # "in Ukraine" has text added before it and text cut after it: it is what
    # the edit turns on, not a coincidence, and stays unchanged.
    a = "for use in Ukraine, violating UN sanctions, in return for technical help."
    b = "for use on the battlefield in Ukraine."
    assert visible(word_diff(a, b)) == [
        ("insert", "", " on the battlefield"),
        ("delete", ", violating UN sanctions, in return for technical help", ""),
    ]


def change_count(ops: list[Op]) -> int:
    return sum(op.tag not in UNCHANGED for op in ops)


@pytest.mark.parametrize("appeal", range(5))
def test_cut_quote_never_interleaves_with_the_appeal(appeal: int) -> None:
    # What `git diff --word-diff` gets wrong: the Soo Kim quote (cut) against the
    # Moscow Times appeal (added) shares "an", "of", "the", "our"... but no text.
    quote = starting(AFP, "There is a “disparity")
    start = paragraphs(MT).index("Dear readers,")
    b = paragraphs(MT)[start + 1 + appeal]
    ops = word_diff(quote, b)
    check_invariants(quote, b, ops)
    assert change_count(ops) == 1, visible(ops)
    # The matcher alone does find those shared words: the clean-up is what removes them.
    assert change_count(_raw_ops(quote, b)) > 1


def test_cut_ending_against_the_whole_appeal_is_one_replacement() -> None:
    a = "\n".join(paragraphs(AFP)[-2:])
    start = paragraphs(MT).index("A Message from The Moscow Times:")
    b = "\n".join(paragraphs(MT)[start:])
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert change_count(ops) == 1, visible(ops)


def _raw_ops(a: str, b: str) -> list[Op]:
    ta, tb = tokenize(a), tokenize(b)
    runs = diff.normalize(diff._match(ta, tb))
    return [Op(r.tag, "".join(r.a), "".join(r.b)) for r in runs]


def test_rewritten_sentence_is_one_replacement() -> None:
    a = "The minister said the cost of an upgrade to the network was too high for the region."
    b = "Critics of the plan called it an expensive failure that the government should drop."
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert change_count(ops) == 1, visible(ops)
    assert change_count(_raw_ops(a, b)) > 1


def test_rewritten_sentence_inside_a_kept_paragraph() -> None:
    a = "Kim met Putin in Vladivostok. The minister said the cost of an upgrade was high. Talks end Friday."
    b = "Kim met Putin in Vladivostok. Critics of the plan called it an expensive failure. Talks end Friday."
    ops = word_diff(a, b)
    assert [op.tag for op in ops] == ["equal", "replace", "equal"]
    assert ops[0].a == "Kim met Putin in Vladivostok. "
    assert ops[2].a == ". Talks end Friday."


# -- edges and boundaries --------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("He said so.", "He said.", [("delete", " so", "")]),
        ("Agency Wednesday.", "Agency on Wednesday.", [("insert", "", " on")]),
        ("b c", "a b c", [("insert", "", "a ")]),
        ("a b", "a b c", [("insert", "", " c")]),
        ("x the the y", "x the y", [("delete", " the", "")]),
        ("x one two y", "x three four five y", [("replace", "one two", "three four five")]),
        ("a,b", "a, b", []),  # spacing around punctuation is house style
        ("ab", "a b", [("replace", "ab", "a b")]),
        ("He said. Then", "He said Then", [("delete", ".", "")]),
        ("Kim spoke. He left. They met.", "Kim spoke. They met.", [("delete", " He left.", "")]),
        ("He said it.", "He claimed that it.", [("replace", "said", "claimed that")]),
    ],
)
def test_change_edges(a: str, b: str, expected: list[tuple[str, str, str]]) -> None:
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert visible(ops) == expected


def test_deleted_paragraph_takes_its_line_break() -> None:
    a = "First paragraph.\nSecond one goes.\nThird stays."
    b = "First paragraph.\nThird stays."
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert visible(ops) == [("delete", "\nSecond one goes.", "")]


def test_merged_paragraphs_differ_only_in_typography() -> None:
    ops = word_diff("One.\nTwo.", "One. Two.")
    assert [(op.tag, op.a, op.b) for op in ops] == [
        ("equal", "One.", "One."),
        ("typography", "\n", " "),
        ("equal", "Two.", "Two."),
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("He said “yes” — and left…", 'He said "yes" -- and left...'),
        ("a\xa0b", "a b"),
        ("it’s 7,000", "it's 7,000"),
    ],
)
def test_typography_only(a: str, b: str) -> None:
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert "typography" in {op.tag for op in ops}
    assert visible(ops) == []


def test_empty_sides() -> None:
    assert word_diff("", "") == []
    assert word_diff("", "new text") == [Op("insert", "", "new text")]
    assert word_diff("old text", "") == [Op("delete", "old text", "")]


def test_count_words() -> None:
    ops = word_diff("Kim met Putin in Moscow on Monday.", "Kim met the Russian leader in Moscow.")
    counts = count_words(ops)
    assert counts.kept == 4  # Kim met ... in Moscow
    assert counts.words_a == 7 and counts.words_b == 7
    assert counts.deleted + counts.replaced_a == 3
    assert counts.inserted + counts.replaced_b == 3


# -- long inputs -----------------------------------------------------------------


def test_long_single_paragraph_keeps_small_edits_small() -> None:
    # A whole article pasted as one paragraph goes through the anchored matcher.
    rng = random.Random(7)
    common = ["the", "of", "and", "Kim", "Putin", "said", "North", "Korea", "war"]
    words = [rng.choice(common) for _ in range(6000)]
    words += [f"w{i}" for i in range(3000)]
    rng.shuffle(words)
    a = " ".join(words)
    edited = list(words)
    for pos, new in ((100, "ALPHA"), (4000, "BETA"), (8500, "GAMMA")):
        edited[pos] = new
    b = " ".join(edited)
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert [(tag, new) for tag, _, new in visible(ops)] == [
        ("replace", "ALPHA"),
        ("replace", "BETA"),
        ("replace", "GAMMA"),
    ]


def test_long_repetitive_text_without_anchors() -> None:
    a = "the war and the war " * 400
    b = a[:3000] + "peace " + a[3000:]
    ops = word_diff(a, b)
    check_invariants(a, b, ops)
    assert count_words(ops).inserted + count_words(ops).replaced_b >= 1
