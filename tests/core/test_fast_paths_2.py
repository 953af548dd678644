"""The faster paths of a comparison give what the plain ones give (continued from
test_fast_paths.py)."""

from __future__ import annotations

import gc
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.cli import compare as cli_compare
from reader.core import boilerplate_rules, boilerplate_tables, groups, matching, patterns, sentences, tokens
from reader.core.compare import compare
from reader.core.loading import article_from_text
from reader.core.sentences import Sentence, sentences_of

# --- a long paragraph's tokens taken again, within one comparison only


def _long_paragraph(seed: int) -> str:
    words = ["the", "Council", "said", "10,000", "people", "—", "“quoted”", "six", "million", "in", "2024."]
    return " ".join(words[(i * seed) % len(words)] for i in range(tokens._KEEP_FROM // 4))


def test_a_long_text_is_tokenized_once_within_a_block_and_afresh_outside() -> None:
    text = _long_paragraph(7)
    assert len(text) >= tokens._KEEP_FROM
    with tokens.tokens_kept():
        first = tokens.tokenize(text)
        assert tokens.tokenize(text[:-1] + text[-1]) is first  # an equal text, another object
        assert tokens.tokenize(text + " x") is not first
        assert tokens.tokenize(text.replace("six", "sex", 1)) is not first  # as long, not equal
        assert tokens.tokenize(text[:100]) == tokens._tokenize(text[:100])
    assert tokens.tokenize(text) is not first
    assert first == tokens._tokenize(text)


def test_only_one_groups_two_sides_are_kept() -> None:
    a, b, c = _long_paragraph(3), _long_paragraph(5), _long_paragraph(7)
    with tokens.tokens_kept():
        ta = tokens.tokenize(a)
        tokens.tokenize(b)
        tokens.tokenize(c)
        assert tokens.tokenize(a) is not ta
        assert len(tokens._kept.get()) == 2


def test_texts_past_a_long_text_are_not_kept() -> None:
    text = "word " * (tokens._LONG_TEXT // 5 + 1)
    with tokens.tokens_kept():
        assert tokens.tokenize(text) is not tokens.tokenize(text)
        assert tokens._kept.get() == []


def test_a_long_paragraph_compares_as_when_tokenized_each_time(monkeypatch) -> None:
    a_text = _long_paragraph(7)
    b_text = a_text.replace("six million", "seven million", 3).replace("Council", "council", 2)
    a = article_from_text(a_text, "a.txt")
    b = article_from_text(b_text, "b.txt")
    kept = compare(a, b)
    monkeypatch.setattr(tokens, "_KEEP_FROM", tokens._LONG_TEXT + 1)
    plain = compare(a, b)
    assert kept.groups == plain.groups
    assert kept.facts == plain.facts
    assert kept.summary == plain.summary


# --- sentences kept word for word are matched without counting votes

_WORDS = st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=9)


def _sentences(word_lists: list[list[str]]) -> list[Sentence]:
    return [Sentence(k // 3, k, " ".join(w), w, None, "en") for k, w in enumerate(word_lists)]


def _pairs(a_words: list[list[str]], b_words: list[list[str]]) -> list[tuple[int, int, int]]:
    chosen = matching.assign(matching.candidates(_sentences(a_words), _sentences(b_words), "en"))
    return [(m.a.pos, m.b.pos, m.lcs) for m in chosen]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_WORDS, min_size=1, max_size=matching.MAX_POSTINGS + 16),
    st.lists(st.one_of(_WORDS, st.integers(min_value=0, max_value=200)), max_size=40),
)
# A copy saying a trigram twice, and a shorter sentence of A holding all its trigrams:
# that one joins the copy's match (a sentence split in two).
@example([list("abcabc"), list("abcab")], [0])
# Eight longer sentences of A hold all of a copy's trigrams: voting ranks them first.
@example([[*"abc", x] for x in "defghijk"] + [list("abc")], [8])
# A copy whose trigrams are too common to count (in more than MAX_POSTINGS sentences).
@example([list("abcd")] * 65 + [list("abc")], [65])
def test_copies_are_matched_as_voting_matches_them(a_words: list[list[str]], picks: list) -> None:
    # B: new sentences and copies of A's (an integer picks one).
    b_words = [list(a_words[p % len(a_words)]) if isinstance(p, int) else p for p in picks]
    with patch.object(matching, "_twins", lambda *_: {}):
        voted = _pairs(a_words, b_words)
    assert _pairs(a_words, b_words) == voted


def _twins(a_words: list[list[str]], b_words: list[list[str]]) -> dict[int, int]:
    a, b = _sentences(a_words), _sentences(b_words)
    return {
        pos: sa.pos for pos, sa in matching._twins(a, b, matching._index(a, [s.words for s in b])).items()
    }


def test_a_copy_is_matched_without_votes() -> None:
    a_words = [["the", "council", "said", "on", "monday"], ["it", "would", "meet", "again"]]
    b_words = [["it", "would", "meet", "again"], ["a", "new", "sentence", "here"]]
    assert _twins(a_words, b_words) == {0: 1}
    # Said twice in B: voted on.
    assert _twins(a_words, [a_words[1], a_words[1]]) == {}
    # A trigram said twice is no matter when no other sentence holds them all.
    looped = [["x", "y", "z", "x", "y", "z"]]
    assert _twins(looped, looped) == {0: 0}
    # ... but a shorter sentence of A holding them all joins the copy's match: voted on.
    assert _twins([list("abcabc"), list("abcab")], [list("abcabc")]) == {}


def test_a_copy_of_common_words_in_a_new_order_is_matched_without_votes() -> None:
    # Each word is in 80 sentences of A, more than voting counts a trigram in; the copy's
    # trigrams are not: it is the one sentence holding them all.
    filler = [[w, "and", "or", "but", str(n)] for n in range(80) for w in ("alpha", "beta", "gamma")]
    copy = ["gamma", "beta", "alpha", "and", "or"]
    a_words = [*filler, copy]
    assert _twins(a_words, [copy]) == {0: len(filler)}
    # Every trigram held by more than MAX_POSTINGS sentences: voting counts none, no match.
    common = [["and", "or", "but", str(n)] for n in range(matching.MAX_POSTINGS)]
    assert _twins([*common, ["and", "or", "but"]], [["and", "or", "but"]]) == {}


# --- a comparison with the cycle collector paused


def test_a_comparison_leaves_no_cycles_for_the_collector(monkeypatch) -> None:
    a_text = _long_paragraph(7) + "\n\n“We will not stop,” she said. The 7,000 workers left."
    b_text = a_text.replace("six million", "seven million", 3) + "\n\nRead more: the strike"
    a = article_from_text(a_text, "a.txt")
    b = article_from_text(b_text, "b.txt")
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        compare(a, b)
        compare(b, a)
        gc.collect()
        assert gc.garbage == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_the_collector_is_left_as_it_was_found(monkeypatch) -> None:
    a = article_from_text("One paragraph of text here.\n\nAnd another one.", "a.txt")
    b = article_from_text("One paragraph of text there.\n\nAnd another one.", "b.txt")
    assert gc.isenabled()
    compare(a, b)
    assert gc.isenabled()
    gc.disable()
    try:
        compare(a, b)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def broken(*_args, **_kwargs):
        assert not gc.isenabled()  # paused while it runs
        raise RuntimeError("a comparison that fails")

    monkeypatch.setattr("reader.core.compare.align", broken)
    with pytest.raises(RuntimeError):
        compare(a, b)
    assert gc.isenabled()


def test_what_a_comparison_made_is_handed_to_the_oldest_generation() -> None:
    # Left in the youngest, the collector's next pass would go over all of it.
    a = article_from_text(_long_paragraph(3) + "\n\nAnd another one.", "a.txt")
    b = article_from_text(_long_paragraph(3).replace("six", "seven") + "\n\nAnd another one.", "b.txt")
    gc.collect()
    comparison = compare(a, b)
    assert gc.is_tracked(comparison.groups)
    assert any(o is comparison.groups for o in gc.get_objects(generation=2))
    assert not any(o is comparison.groups for o in gc.get_objects(generation=0))
    assert gc.get_freeze_count() == 0


def test_what_the_caller_froze_is_thawed_into_the_oldest_generation() -> None:
    # Counting the frozen objects to leave them be costs a walk over all of them: a
    # thousand comparisons in one process after a freeze went quadratic.
    a = article_from_text("One paragraph of text here.\n\nAnd another one.", "a.txt")
    b = article_from_text("One paragraph of text there.\n\nAnd another one.", "b.txt")
    kept = [a]
    gc.freeze()
    try:
        compare(a, b)
        assert gc.get_freeze_count() == 0
        assert any(o is kept for o in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()


def test_the_command_line_freezes_what_lives_to_its_end() -> None:
    a = article_from_text("One paragraph of text here.\n\nAnd another one.", "a.txt")
    b = article_from_text("One paragraph of text there.\n\nAnd another one.", "b.txt")
    try:
        comparison = cli_compare._compared(a, b, False, None)
        assert not any(o is comparison.groups for o in gc.get_objects())
    finally:
        gc.unfreeze()


# --- B's sentences kept from A take A's words


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The strike ended.",
                "“We will go,” he said.",
                "Dr. Leroy left at 10 a.m.",
                "Prices rose 7,000 times.",
                "L'usine a fermé.",
                "Nothing.",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(
        st.sampled_from(
            [
                "The strike ended.",
                "He said no.",
                "The strike ended in June.",
                "Prices rose 7.000 times.",
                "L’usine a fermé.",
                "“We will go,” he said.",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["en", "fr", None]),
)
def test_sentences_known_from_a_are_those_read_afresh(a_parts: list[str], b_parts: list[str], code) -> None:
    a_paras = [" ".join(a_parts), " ".join(reversed(a_parts))]
    b_paras = [" ".join(b_parts), "", " ".join(a_parts[:2] + b_parts[:1])]
    a_sents = sentences_of(a_paras, code)
    assert sentences_of(b_paras, code, known=a_sents) == sentences_of(b_paras, code)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "Σ",
                    "ΟΔΟΣ",
                    " ",
                    "\u00a0",
                    "\u2009",
                    "10",
                    "000",
                    "7.000",
                    "l’",
                    "L'",
                    "usine",
                    ".",
                    "Dr.",
                    "No.",
                    "“",
                    "”",
                    "a",
                ]
            ),
            max_size=8,
        ).map("".join),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["en", "fr", "el", None]),
)
@example(["\u00a0000 people"], "en")  # whitespace before a number, stripped from the sentence
@example(["ΟΔΟΣ "], "el")  # a final sigma, before whitespace or at the end
def test_sentences_keyed_from_their_paragraphs_keys_are_those_keyed_afresh(paras: list[str], code) -> None:
    keyed = [sentences.key_text(p) for p in paras]
    assert sentences_of(paras, code, keyed=keyed) == sentences_of(paras, code)


# --- phrases a pattern cannot match without


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"abc", ("abc",)),
        (r"\bnewsletters?\b", ("newsletter",)),
        (r"(?:abonnez|inscrivez)-vous\b.{0,40}\bnewsletter", ("newsletter",)),  # the longest part
        (r"(?:abonnez|inscrivez)-vous\b", ("abonnez", "inscrivez")),
        (r"x(?:ab){2,}y", ("ab",)),
        (r"ab?c", ("a",)),  # "b" may be missing: "a" and "c" stand apart
        (r"(?i:abc)d", ("d",)),  # a case-blind part says nothing in lower case
        (r"(?i)abc", None),
        (r"abc|d*", None),  # a branch that needs nothing
        (r".{0,4}", None),
        (r"(?:news|newsletter)x", ("news",)),  # one holding another is not needed
    ],
)
def test_the_phrases_a_pattern_needs(pattern: str, gate) -> None:
    assert patterns.required(pattern) == gate


_GATED = [
    (r, bundle, gate) for r, _, bundle, gate, *_ in boilerplate_tables._table_checks() if bundle is not None
]


@pytest.mark.parametrize(("reason", "bundle", "gate"), _GATED, ids=[r for r, _, _ in _GATED])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_match_of_a_table_bundle_holds_its_gate(reason: str, bundle, gate, data) -> None:
    assert gate  # each bundle of the tables has one
    text = data.draw(st.from_regex(bundle.pattern, fullmatch=True))
    assert patterns.holds_any(gate, text)


_OTHER = [(c[0], c[4], c[5]) for c in boilerplate_tables._table_checks() if c[4] is not None and c[5]]


@pytest.mark.parametrize(("reason", "other", "gate"), _OTHER, ids=[r for r, _, _ in _OTHER])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_match_of_a_table_s_other_patterns_holds_their_gate(reason: str, other, gate, data) -> None:
    text = data.draw(st.from_regex(other.pattern, fullmatch=True))
    assert patterns.holds_any(gate, text)


_TABLE_PATTERNS = [p for c in boilerplate_tables._table_checks() for p in (c[1], c[2], c[4]) if p is not None]
_SHORT_LINES = [
    boilerplate_rules._REMIND,
    boilerplate_rules._BUTTONS,
    boilerplate_rules._ADVERTISEMENT,
    boilerplate_rules._HEADER,
    boilerplate_rules._READ_MORE,
    boilerplate_rules._ALSO_READ,
    boilerplate_rules._SOCIAL,
]


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_tables_and_short_lines_give_what_each_pattern_in_turn_gives(data) -> None:
    pattern = data.draw(st.sampled_from(_TABLE_PATTERNS + _SHORT_LINES))
    text = data.draw(st.from_regex(pattern.pattern, fullmatch=data.draw(st.booleans())).map(str.strip))
    lower = text.lower()
    assert boilerplate_tables.table_reason(text, lower) == (
        None
        if len(text) > 400
        else boilerplate_tables._first_reason(lower, boilerplate_tables._table_checks())
    )
    one_by_one = next((p for p in _SHORT_LINES if p.match(text)), None)
    assert (boilerplate_rules.short_lines(text, lower) is None) == (one_by_one is None or len(text) > 250)


def test_a_copy_that_longer_sentences_all_hold_is_voted_on() -> None:
    # "Police said Tuesday." is a sentence of A and of B, and nine longer sentences of A
    # hold all its trigrams: voting ranks them first and never looks at the copy.
    bridges = [
        "Harbor",
        "Millbrook",
        "Easton",
        "Ridgeway",
        "Pinecrest",
        "Oakdale",
        "Brookfield",
        "Lakeside",
        "Fairview",
    ]
    lead = "Heavy rain flooded low-lying neighborhoods across the region on Monday night."
    a_text = "\n\n".join(
        [
            lead,
            *(f"Police said Tuesday the {b} bridge closed early." for b in bridges),
            "Police said Tuesday.",
            "The governor toured flooded streets with relief workers at noon.",
        ]
    )
    b_text = (
        f"{lead}\n\nPolice said Tuesday. The governor toured flooded streets with relief workers at noon."
    )
    a, b = article_from_text(a_text, "a.txt"), article_from_text(b_text, "b.txt")
    shortcut = compare(a, b)
    with patch.object(matching, "_twins", lambda *_: {}):
        voted = compare(a, b)
    assert [(g.a, g.b, g.kind) for g in shortcut.groups] == [(g.a, g.b, g.kind) for g in voted.groups]


# --- links taken heaviest first, ties in (A, B) order


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(0, 12), st.integers(0, 12)), st.integers(1, 4), max_size=40))
def test_links_are_taken_heaviest_first_and_ties_in_reading_order(links: dict[tuple[int, int], int]) -> None:
    # Few weights and few paragraphs: ties everywhere, and which of two tied links comes
    # first decides the groups.
    assert groups.heaviest_first(links) == sorted(links, key=lambda ij: (-links[ij], ij))


@settings(max_examples=400, deadline=None)
@given(
    code=st.sampled_from(["en", "fr", "es", "de", "pt", "it"]),
    parts=st.lists(
        st.sampled_from(
            ["No", "no", "Nr", "n", "nº", "n.º", "núm", ".", ". ", ".\n", " ", "3", "A", "«", "x", "é"]
        ),
        max_size=14,
    ),
)
@example(code="en", parts=["He said no", ". ", "Then"])
@example(code="de", parts=["Nr", ".\n", "A"])
def test_numbering_cut_where_the_pattern_alone_cuts(code: str, parts: list[str]) -> None:
    import re

    from reader.core import lang

    piece = "".join(parts)
    table = lang.language(code)
    fast = sentences._split_numbering(piece, table)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sentences, "_STOP_THEN_TEXT", re.compile(""))  # no gate
        assert fast == sentences._split_numbering(piece, table)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(
        st.tuples(
            st.sampled_from(["said", "“", '"', "—", " - ", "–", "'", "’", "don’t", "...", "…", ",", "9"]),
            st.booleans(),
        ),
        max_size=24,
    ),
    spaces=st.lists(st.sampled_from([" ", "  ", "\n", ""]), min_size=24, max_size=24),
)
def test_a_restyled_text_gets_the_ops_of_the_full_pipeline(words, spaces) -> None:
    from reader.core import diff
    from reader.core.model import Op

    restyle = {"“": '"', '"': "”", "'": "’", "’": "'", "...": "…", "…": "...", "–": "-"}
    a = "".join(w + s for (w, _), s in zip(words, spaces, strict=False))
    b = "".join(
        (restyle.get(w, w) if change else w) + s for (w, change), s in zip(words, spaces, strict=False)
    )
    ta, tb = tokens.tokenize(a), tokens.tokenize(b)
    if len(ta) != len(tb) or any(tokens.fold(x) != tokens.fold(y) for x, y in zip(ta, tb, strict=True)):
        return  # not the restyled path
    full = [Op(r.tag, "".join(r.a), "".join(r.b)) for r in diff.normalize(diff._pair_tokens(ta, tb))]
    assert diff._restyled(ta, tb) == full


@settings(max_examples=400, deadline=None)
@given(
    a=st.lists(
        st.sampled_from(["x", " ", "  ", "'", "’", "“", '"', "—", "--", "-", "...", "…", "7,000"]), max_size=8
    ),
    b=st.lists(
        st.sampled_from(["x", " ", "  ", "'", "’", "“", '"', "—", "--", "-", "...", "…", "7,000"]), max_size=8
    ),
)
def test_restyled_only_is_equal_once_folded(a: list[str], b: list[str]) -> None:
    from reader.core import diff

    assert diff._restyled_only(a, b) == (list(map(tokens.fold, a)) == list(map(tokens.fold, b)))
    assert diff._restyled_only(a, list(a))
