"""The matcher's shortcuts give the answers of the long way: the trigram votes of both
indexes are those of the postings looked at one by one, and a template is told from the
text between what two sentences share as from both texts read whole."""

from __future__ import annotations

from collections import Counter
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import matching, relatedness, sentences, trigram_votes
from reader.core.trigram_votes import TrigramVotes


def _holders(a_words: list[list[str]], words: list[str]) -> list[list[int]]:
    """The sentences of A holding each trigram of ``words``, found by looking at each."""
    return [[k for k, w in enumerate(a_words) if t in matching.trigrams(w)] for t in matching.trigrams(words)]


def _indexes(a_words: list[list[str]], wanted: list[list[str]]) -> list:
    """Both indexes, the arrays' also counting votes a list or two at a time."""
    a_sents = [sentences.Sentence(0, k, " ".join(w), w, None, "en") for k, w in enumerate(a_words)]
    arrays = TrigramVotes(a_words, wanted, matching.MAX_POSTINGS, matching.CANDIDATES)
    with patch.object(trigram_votes, "_CHUNK", 2):
        in_chunks = TrigramVotes(a_words, wanted, matching.MAX_POSTINGS, matching.CANDIDATES)
    return [matching._Postings(a_sents, wanted), arrays, in_chunks]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcde"), max_size=8), min_size=1, max_size=80),
    st.lists(st.lists(st.sampled_from("abcdef"), max_size=12), min_size=1, max_size=3),
)
@example([["a", "b", "c"]] * 64, [["a", "b", "c"]])  # as common as a counted trigram can be
@example([["a", "b", "c"]] * 65, [["a", "b", "c"]])
@example([["a"], ["a", "b"], [], ["a", "b", "c"]], [["a"], ["a", "b"], [], ["b", "a"]])  # short lists
@example([list("abcd")] * 12 + [list("bcd")], [list("abcd")])  # more holders than candidates
def test_both_indexes_count_the_votes_of_the_postings(
    a_words: list[list[str]], wanted: list[list[str]]
) -> None:
    for i, words in enumerate(wanted):
        counted = [h for h in _holders(a_words, words) if 1 <= len(h) <= matching.MAX_POSTINGS]
        votes = Counter(k for h in counted for k in h)
        expected = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[: matching.CANDIDATES]
        for index in _indexes(a_words, wanted):
            assert index.size == len(wanted)
            assert index.best(i) == expected, type(index).__name__


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcde"), max_size=7), min_size=1, max_size=70),
    st.lists(st.integers(min_value=0, max_value=69), min_size=1, max_size=4),
)
@example([["a", "b", "c"]] * 64, [0])
@example([["a", "b", "c"]] * 65, [0])  # no trigram counts
@example([list("abcabc"), list("abcab")], [0, 1])  # another sentence holds them all
def test_both_indexes_tell_a_copys_only_holder(a_words: list[list[str]], picks: list[int]) -> None:
    wanted = [list(a_words[p % len(a_words)]) for p in picks]  # each written as a sentence of A
    for i, words in enumerate(wanted):
        counted = [set(h) for h in _holders(a_words, words) if len(h) <= matching.MAX_POSTINGS]
        expected = bool(counted) and len(set.intersection(*counted)) == 1
        for index in _indexes(a_words, wanted):
            assert index.sole_holder(i) == expected, type(index).__name__


def test_the_arrays_are_taken_for_long_texts_while_their_codes_can_number_the_words(monkeypatch) -> None:
    a_sents = [sentences.Sentence(0, 0, "a b c d", list("abcd"), None, "en")]
    assert isinstance(matching._index(a_sents, [list("abcd")]), matching._Postings)
    monkeypatch.setattr(matching, "_ARRAY_WORDS", 0)
    assert isinstance(matching._index(a_sents, [list("abcd")]), TrigramVotes)
    monkeypatch.setattr(trigram_votes, "MOST_WORDS", 3)
    assert isinstance(matching._index(a_sents, [list("abcd")]), matching._Postings)


@given(
    st.lists(st.lists(st.sampled_from("abcde"), max_size=8), min_size=1, max_size=40),
    st.lists(st.lists(st.sampled_from("abcdef"), max_size=10), min_size=1, max_size=4),
)
# Sentences of A written as one looked up (they take its trigrams): with a repeated
# trigram, of two words, of none, and as the second of two lists written alike.
@example([list("abcabc"), list("ab"), [], list("cab")], [list("abcabc"), list("ab"), []])
@example([list("bcd"), list("abcd")], [list("abcd"), list("bcd"), list("abcd")])
def test_the_index_holds_every_sentence_of_a_with_a_trigram_looked_up(
    a_words: list[list[str]], wanted: list[list[str]]
) -> None:
    a_sents = [sentences.Sentence(0, k, " ".join(w), w, None, "en") for k, w in enumerate(a_words)]
    index = matching._Postings(a_sents, wanted)
    for i, words in enumerate(wanted):
        assert [list(p) for p in index.postings(i)] == [h for h in _holders(a_words, words) if h]


# --- templates


_PIECES = st.sampled_from(
    [
        "Paris",
        "Parisa",
        "Lyon",
        "Tuesday",
        "monday",
        "lundi",
        "March",
        "6.1",
        "5,4",
        "1.000",
        "12",
        "123",
        "2019",
        "the",
        "quake",
        "struck",
        "said",
        "a",
        "l'usine",
        "O'Neil",
        "O’Neil",
        "self-made",
        "h",
    ]
)
_GLUE = st.sampled_from(
    [
        " ",
        " ",
        " ",
        ". ",
        ", ",
        "  ",
        ' "',
        '" ',
        " “",
        "” ",
        " «",
        "» ",
        "„",
        "’",
        "\u00a0",
        "-",
        "(",
        ") ",
        "\n",
        ".",
    ]
)


@st.composite
def _sentence_pair(draw: st.DrawFn) -> tuple[str, str]:
    words = draw(st.lists(st.tuples(_PIECES, _GLUE), min_size=1, max_size=14))
    a = "".join(w + g for w, g in words)
    # B: A with a few pieces replaced, inserted or cut (a matched sentence edited).
    edited = list(words)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(edited)))
        what = draw(st.sampled_from(["swap", "insert", "cut"]))
        if what == "insert" or not edited:
            edited.insert(at, (draw(_PIECES), draw(_GLUE)))
        elif what == "swap":
            edited[min(at, len(edited) - 1)] = (draw(_PIECES), draw(_GLUE))
        else:
            del edited[min(at, len(edited) - 1)]
    return a, "".join(w + g for w, g in edited)


def _template_read_whole(a: str, b: str, code: str | None) -> bool:
    if a == b:
        return False
    sa, sb = relatedness.specifics(a, code), relatedness.specifics(b, code)
    return len(sa - sb) >= relatedness.TEMPLATE_SWAPS and len(sb - sa) >= relatedness.TEMPLATE_SWAPS


@settings(max_examples=600, deadline=None)
@given(_sentence_pair(), st.sampled_from([None, "en", "de", "fr"]))
@example(("A quake struck Paris on Tuesday.", "A quake struck Lyon on Friday."), "en")
@example(("A 6.1 quake struck Paris.", "A 5.4 quake struck Lyon."), "en")
@example(("x. Paris 12 y", "x. Lyon 13 y"), "en")
@example(("said 12. Paris", "said 12.5 Lyon"), "en")  # a number's end read past the shared start
@example(("Paris, Lyon", "Paris, Lyon."), None)
# A token begun in the shared start ("Paris"/"Parisa"), the sentence opening before the
# shared end or not (", Paris"/". Paris"), with two spaces before it.
@example(("x Paris Lyon", "x Parisa Lyona"), "en")
@example(("x Rome, Paris", "x Oslo 8. Paris"), "en")
@example(("x Rome,  Paris", "x Oslo 8.  Paris"), "en")
@example(("x «Rome» 7 Paris", 'x "Rome" 8 Lyon'), "fr")  # restyled quotes around a swap
# Marks that are part of tokens: written as a quote mark, they would cut them in two.
@example(("x 6.1 7.2", 'x 6"1 7"2'), None)
@example(("x Paris’Lyon Rome’Oslo", 'x Paris"Lyon Rome"Oslo'), None)
def test_a_template_is_told_as_from_both_texts_read_whole(pair: tuple[str, str], code: str | None) -> None:
    a, b = pair
    assert relatedness.is_template(a, b, code) == _template_read_whole(a, b, code)
    assert relatedness.is_template(b, a, code) == _template_read_whole(b, a, code)


@given(st.text(alphabet="ab .", max_size=12), st.text(alphabet="ab .", max_size=12))
def test_shared_head_and_tail_are_what_the_texts_share(a: str, b: str) -> None:
    most = min(len(a), len(b))
    head = relatedness._shared_head(a, b, most)
    assert a[:head] == b[:head] and (head == most or a[head] != b[head])
    tail = relatedness._shared_tail(a, b, most - head)
    assert a[len(a) - tail :] == b[len(b) - tail :]
    assert tail == most - head or a[len(a) - tail - 1] != b[len(b) - tail - 1]
