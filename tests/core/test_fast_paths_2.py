"""The faster paths of a comparison give what the plain ones give (continued from
test_fast_paths.py)."""

from __future__ import annotations

from reader.core import tokens
from reader.core.compare import compare
from reader.core.loading import article_from_text

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
