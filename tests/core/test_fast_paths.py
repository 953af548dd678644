"""The faster paths of a comparison give what the plain ones give: the kept regular
expressions (reader.core.patterns), the bit-parallel LCS, the look-back in specifics."""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from reader.core import (
    lang,
    number_facts,
    numbers,
    patterns,
    records,
    relatedness,
    sentences,
    tokens,
)
from reader.core.compare import compare
from reader.core.loading import article_from_text
from reader.core.matching import lcs_length

words = st.lists(st.sampled_from(["a", "b", "c", "dd", "e", "ff", "g"]), max_size=70)


def _lcs_table(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


@given(words, words)
@settings(max_examples=400, deadline=None)
def test_lcs_length_is_the_longest_common_subsequence(a: list[str], b: list[str]) -> None:
    assert lcs_length(a, b) == _lcs_table(a, b) == LCSseq.similarity(a, b)


def test_lcs_length_past_one_machine_word() -> None:
    a = [f"w{i % 97}" for i in range(300)]
    b = a[5:150] + ["x"] + a[160:]
    assert lcs_length(a, b) == _lcs_table(a, b) == LCSseq.similarity(a, b)


def _opens_by_slicing(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in relatedness._OPENERS


@given(st.text(alphabet=" \n\t\u00a0.!?:“”(—aZ1", max_size=40), st.data())
@settings(max_examples=300, deadline=None)
def test_opens_looks_back_as_slicing_did(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    assert relatedness._opens(text, at) == _opens_by_slicing(text, at)


# --- regular expressions kept between runs -----------------------------------------

SAMPLES = [
    "GENEVA (Reuters) - The 7,000 workers of “Acme-Ltd” didn't strike on Monday, May 5.",
    "Subscribe now! Photo: AP/Jane Doe. Follow us on Twitter. © 2024 The Daily Example",
    "हिन्दी ١٫٢ 10 000 $2 €5bn ... — -- l'usine, 3.5%, 10:30 «oui»",
]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that has read nothing yet (the cache folder is the test's own)."""
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns, "_new", False)


def _same(kept: re.Pattern[str], made: re.Pattern[str]) -> None:
    assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == (
        made.pattern,
        made.flags,
        made.groups,
        made.groupindex,
    )
    for text in SAMPLES:
        assert kept.findall(text) == made.findall(text)
        assert [m.span() for m in kept.finditer(text)] == [m.span() for m in made.finditer(text)]


def _reader_patterns() -> list[re.Pattern[str]]:
    found = [
        v for module in (tokens, relatedness) for v in vars(module).values() if isinstance(v, re.Pattern)
    ]
    from reader.core import lang

    found += [p for p in (lang.end_credit_pattern(), lang.credit_suffix_pattern()) if p is not None]
    return found


def test_a_kept_pattern_is_the_one_re_makes(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    originals = _reader_patterns()
    assert len(originals) > 10
    for p in originals:
        patterns.compile(p.pattern, p.flags)
    patterns.keep()
    assert patterns.cache_file().is_file()
    # The next run rebuilds every one from the file: compiling is not possible.
    monkeypatch.setattr(patterns, "_programs", None)

    def no_compiling(*_args: object) -> None:
        raise AssertionError("compiled, not read from the cache")

    monkeypatch.setattr(patterns, "_program", no_compiling)
    for p in originals:
        _same(patterns.compile(p.pattern, p.flags), re.compile(p.pattern, p.flags))


def test_kept_python_is_what_compile_makes(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    source = "def __init__(self, a, b=_rec_default_b):\n    self.a = a\n    self.b = b"
    made = patterns.python(source, "<record x.Y>")
    assert made == compile(source, "<record x.Y>", "exec")
    patterns.keep()
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns.builtins, "compile", None)  # the next run reads it back
    kept = patterns.python(source, "<record x.Y>")
    assert kept == made and kept is not made
    scope = {"_rec_default_b": 2}
    exec(kept, scope)

    class Y:
        __init__ = scope["__init__"]

    assert vars(Y(1)) == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short
        lambda blob: blob[:100] + bytes([blob[100] ^ 1]) + blob[101:],  # a flipped bit
        lambda blob: b"",
    ],
)
def test_a_damaged_cache_is_compiled_afresh(fresh: None, monkeypatch: pytest.MonkeyPatch, damage) -> None:
    source = r"\d+(?:[.,]\d+)?|(?P<word>[^\W\d_]+)"
    patterns.compile(source)
    patterns.keep()
    path = patterns.cache_file()
    path.write_bytes(damage(path.read_bytes()))
    monkeypatch.setattr(patterns, "_programs", None)
    _same(patterns.compile(source), re.compile(source))


def test_another_pythons_cache_is_ignored(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    source = r"(?i)x(y)z"
    patterns.compile(source)
    patterns.keep()
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(patterns, "_BUILD", "another python")
    assert patterns._loaded() == {}
    _same(patterns.compile(source), re.compile(source))


def test_an_unwritable_cache_costs_nothing_but_time(
    fresh: None, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    patterns.compile(r"ab+c")
    patterns.keep()  # no exception, nothing said
    assert not (tmp_path / "file" / "wire-reader").exists()


def test_comparison_is_the_same_from_kept_patterns(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    a = article_from_text(
        "GENEVA (Reuters) - The 7,000 workers struck on Monday.\n\nThey want 5% more.", "a.txt"
    )
    b = article_from_text(
        "GENEVA (AFP) - The 7.000 workers went on strike on Tuesday.\n\nThey want 6% more.", "b.txt"
    )
    before = compare(a, b)
    patterns.keep()
    monkeypatch.setattr(patterns, "_programs", None)
    after = compare(a, b)
    assert [(g.kind, g.ops) for g in before.groups] == [(g.kind, g.ops) for g in after.groups]
    assert before.facts == after.facts


def test_reader_diff_keeps_its_patterns_in_the_cache_only(fresh: None, tmp_path, _private_cache) -> None:
    from reader.cli import main

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nThe 7,000 workers struck on Monday.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Headline\n\nThe 7,000 workers struck on Friday.\n", encoding="utf-8")
    # A pattern new to this run (others may have been compiled by earlier tests).
    patterns.compile(r"struck (?P<day>\w+)day")
    assert main(["diff", "--color", "never", str(folder / "a.txt"), str(folder / "b.txt")]) == 1
    assert patterns.cache_file().is_relative_to(_private_cache)
    patterns._programs = None  # the next run reads what this one kept
    assert (r"struck (?P<day>\w+)day", 0) in patterns._loaded()
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]


# --- number patterns that open with a digit ------------------------------------------
# As they were written before: a look-behind first, so the engine ran it at every
# position of a text. Opening with the digit lets it skip to the digits.
_SPACED_BEFORE = r"(?<![\w.,'’])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?![\w'’])(?![.,]\d)"
_GROUPED_BEFORE = re.compile(
    "(?<![\\w.,'’])\\d{1,3}(?:([., '’\u00a0\u202f\u2009])\\d{3})(?:\\1\\d{3})*"
    "(?:(?!\\1)[.,]\\d+)?(?![\\w'’])(?![.,]\\d)"
)
numbers_text = st.one_of(
    st.text(alphabet="0123456789 ,.:'’\u00a0\u202f\u2009ab_-$\n", max_size=60),
    st.lists(
        st.sampled_from(["1", "12", "123", "1234", "000", " ", ",", ".", "\u00a0", "a", "’", "-", "$"]),
        max_size=14,
    ).map("".join),
)


@given(numbers_text)
@example("1234 000 and 12 345 678, a1 000, ’123 456, 7,000.5, 1.234,5, 10\u202f000")
@settings(max_examples=600, deadline=None)
def test_number_patterns_find_what_they_found(text: str) -> None:
    token_before = re.compile(tokens._TOKEN.pattern.replace(tokens._SPACED_NUMBER, _SPACED_BEFORE))
    word_before = re.compile(tokens._WORD.pattern.replace(tokens._SPACED_NUMBER, _SPACED_BEFORE))
    assert token_before.pattern != tokens._TOKEN.pattern
    assert tokens._TOKEN.findall(text) == token_before.findall(text)
    assert tokens._WORD.findall(text) == word_before.findall(text)
    assert tokens.plain_numbers(text) == _GROUPED_BEFORE.sub(tokens._plain_number, text)
    # A number made once is the same number made again (tokens._plain_of).
    made_afresh = _GROUPED_BEFORE.sub(lambda m: m.group().replace(m.group(1), "").replace(",", "."), text)
    assert tokens.plain_numbers(text) == made_afresh


# --- number facts skipped where no change holds a number ------------------------------

_VOCAB = [
    "workers",
    "strike",
    "the",
    "a",
    "one",
    "six",
    "hundred",
    "million",
    "bn",
    "7,000",
    "10",
    "$5",
    "3.5%",
]
sentence_words = st.lists(st.sampled_from(_VOCAB), min_size=4, max_size=12)


@given(st.lists(sentence_words, min_size=1, max_size=3), st.data())
@settings(max_examples=150, deadline=None)
def test_number_facts_as_when_every_group_is_read(paragraphs: list[list[str]], data: st.DataObject) -> None:
    edited = []
    for words in paragraphs:
        words = list(words)
        for _ in range(data.draw(st.integers(0, 3))):
            k = data.draw(st.integers(0, len(words) - 1))
            words[k] = data.draw(st.sampled_from([*_VOCAB, "  ", "peace"]))
        edited.append(words)
    text = "\n\n".join(" ".join(w).capitalize() + "." for w in paragraphs)
    a = article_from_text("Headline\n\n" + text, "a.txt")
    b = article_from_text(
        "Headline\n\n" + "\n\n".join(" ".join(w).capitalize() + "." for w in edited), "b.txt"
    )
    shortcut = compare(a, b).facts
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(number_facts, "may_touch", lambda *_: True)
        assert compare(a, b).facts == shortcut


# -- keys and word counts kept per text ----------------------------------------------


def test_no_word_character_is_whitespace_to_split() -> None:
    # keys() splits the kept joined key back with str.split(): a \w character that
    # str.split() took for whitespace would cut a key in two.
    word = re.compile(r"\w")
    assert not [hex(c) for c in range(0x110000) if chr(c).isspace() and word.match(chr(c))]


@given(
    st.lists(
        st.sampled_from(["l'usine", "10 000", "10.000", "Été", "x_y", "a\u3000b", "\x1cq", "’s", ",", " "])
    )
)
@settings(max_examples=300, deadline=None)
def test_kept_keys_are_the_keys_read_afresh(parts: list[str]) -> None:
    text = " ".join(parts)
    fresh = sentences._words(text.lower())
    assert sentences.keys(text) == fresh
    assert sentences.keys(text) == fresh  # the second call answers from what was kept
    assert sentences.key_text(text) == " ".join(fresh)
    assert tokens.word_count(text) == len(tokens._WORD.findall(text))


def test_kept_keys_are_a_fresh_list_each_time() -> None:
    text = "Kept once, handed out twice."
    sentences.keys(text).append("changed")
    assert sentences.keys(text) == ["kept", "once", "handed", "out", "twice"]


def test_long_texts_are_keyed_and_counted_without_keeping() -> None:
    text = "word " * 1000  # past the length that is kept
    sentences._memo_key_text.cache_clear()
    tokens._memo_word_count.cache_clear()
    assert sentences.keys(text) == ["word"] * 1000
    assert tokens.word_count(text) == 1000
    assert (
        sentences._memo_key_text.cache_info().currsize == tokens._memo_word_count.cache_info().currsize == 0
    )


# --- numbers of a long text: read once per distinct token, found inside changes by halving


def _plain_starters(words) -> re.Pattern[str]:
    """How number candidates were first found: one alternation over the text."""
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"\\d+|[{numbers._CURRENCIES}]" + (f"|(?<!\\w)(?i:{names})(?!\\w)" if names else ""))


def _regex_candidates(text: str, starts: list[int], words) -> list[int]:
    """The tokens at whose start that alternation matches."""
    at = {start: k for k, start in enumerate(starts)}
    return [at[m.start()] for m in _plain_starters(words).finditer(text) if m.start() in at]


def _numbers_one_at_a_time(text: str, code: str | None) -> list[tuple[int, int, float | str]]:
    """How numbers.spans_and_values read each number in turn before it kept what it read."""
    table = lang.language(code)
    words = table.numbers if table is not None else {}
    toks = tokens.tokenize(text)
    starts = list(accumulate(map(len, toks), initial=0))
    addresses = [m.span() for m in numbers._ADDRESS.finditer(text)]
    out: list[tuple[int, int, float | str]] = []
    skip = -1
    for k in _regex_candidates(text, starts, words):
        if k == skip or any(lo <= starts[k] < hi for lo, hi in addresses):
            continue
        token = toks[k]
        after = toks[k + 2] if k + 2 < len(toks) and toks[k + 1].isspace() else ""
        m = numbers._NUMBER.match(token) if token[0].isdigit() or token[0] in numbers._CURRENCIES else None
        if m is not None:
            value = numbers._value(m.group("num"))
            suffix = m.group("suffix")
            if suffix and isinstance(value, float):
                value *= numbers._factor(suffix, words)
            end = starts[k + 1]
            factor = numbers._factor(after.rstrip("."), words) if isinstance(value, float) else 1.0
            if factor > 1 and not suffix:
                value *= factor
                end = starts[k + 2] + len(after)
            out.append((starts[k], end, value))
            continue
        word = words.get(token.lower())
        if word is not None and 2 <= word < 1000:
            times = words.get(after.lower(), 0)
            if times in numbers._TIMES:
                out.append((starts[k], starts[k + 2] + len(after), float(word * times)))
                skip = k + 2
                continue
            out.append((starts[k], starts[k + 1], float(word)))
    return out


NUMBER_PARTS = ["10", "2", "1,5", "10.000", "10 000", "$2", "€5bn", "48mila", "2:00", "10:30", "34-year-old",
                "million", "millions", "hundred", "thousand", "six", "seis", "cien", "mil", "a", "one", "un",
                "x2@y.com", "http://a.b/2024/06", "word", "Casa", ",", ".", "-", "(", "\n"]  # fmt: skip


@given(
    st.lists(st.tuples(st.sampled_from(NUMBER_PARTS), st.sampled_from([" ", " ", "", "  "])), max_size=40),
    st.sampled_from(["en", "es", "it", None]),
    st.data(),
)
@settings(max_examples=400, deadline=None)
def test_numbers_and_those_inside_changes_as_read_one_at_a_time(
    parts: list[tuple[str, str]], code: str | None, data: st.DataObject
) -> None:
    text = "".join(word + gap for word, gap in parts)
    expected = _numbers_one_at_a_time(text, code)
    assert list(numbers.spans_and_values(text, code)) == expected
    # Changes start and end between tokens, as a word diff's do; some are empty.
    cuts = list(accumulate(map(len, tokens.tokenize(text)), initial=0))
    ends = sorted(data.draw(st.lists(st.sampled_from(cuts), max_size=8)))
    changed = [(lo, hi) for lo, hi in zip(ends[::2], ends[1::2], strict=False)]
    values, inside = number_facts._changed_numbers(text, changed, code)
    assert values == Counter(value for _, _, value in expected)
    assert [(n.start, n.end, n.value, n.text) for n in inside] == [
        (s, e, v, text[s:e]) for s, e, v in expected if number_facts._spans_range(s, e, changed)
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("six hundred thousand men, six hundred more, 10 million and 10 million", "en"),
        ("seis mil y cien mil, seis mil", "es"),
        ("48mila e 48 mila, x2@y.com 2 http://a.b/2024 2", "it"),
    ],
)
def test_numbers_of_set_phrases_as_read_one_at_a_time(text: str, code: str) -> None:
    assert list(numbers.spans_and_values(text, code)) == _numbers_one_at_a_time(text, code)


_LAST_WORD_BY_REGEX = re.compile(r"([^\s(\[\"“‘«„]+)\s*$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=' \t\u00a0\u2003.(["“‘«„”a1É-', max_size=30))
@example("Dr.")
@example("(Dr.")
@example("der 12.")
@example("„")
def test_last_word_starts_where_the_regex_found_it(text: str) -> None:
    head = text.rstrip()
    m = _LAST_WORD_BY_REGEX.search(head)
    assert sentences.last_word_start(head) == (len(head) if m is None else m.start())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \n\u00a0\u2003'’‘`´ldquDLQ_1é", max_size=60))
@example("l'eau dell'acqua")
@example(" l'eau")
@example("x l’ qu'")
def test_elisions_dropped_around_apostrophes_as_over_the_whole_text(text: str) -> None:
    assert sentences._drop_elisions(text) == sentences._elided().sub("", text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["six", "Sixty", "sixteen", "SIX", "six1", "x6", "ten", "tens", "zehn", "dix", "dieci", "$", "12"]
        )
        | st.sampled_from([" ", "-", "'", "é", "a"]),
        max_size=30,
    ),
    st.sampled_from(lang.CODES),
)
def test_number_candidates_hold_every_number_the_plain_alternation_found(parts: list[str], code: str) -> None:
    """Candidates are read from the tokens, not by an alternation over the text: every
    token it found that can open a number is one, and the numbers read are the same."""
    table = lang.language(code)
    words = table.numbers if table is not None else {}
    assert all(w == w.lower() for w in words)  # looked up lower-cased
    text = "".join(parts) + " " + " ".join(words) + " " + " ".join(w.upper() for w in words)
    toks = tokens.tokenize(text)
    starts = list(accumulate(map(len, toks), initial=0))
    found = set(numbers._candidates(toks, words))
    for k in _regex_candidates(text, starts, words):
        token = toks[k]
        if token[0].isdigit() or token[0] in numbers._CURRENCIES or token.lower() in words:
            assert k in found, token
    assert list(numbers.spans_and_values(text, code)) == _numbers_one_at_a_time(text, code)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["10", "2", "six", "seis", "dieci", "$2", "1,5", "10:30", "mil"])
        | st.sampled_from(
            ["Million.", "million", "MIO.", "mio", "bn.", "Bn", "Hundred", "HUNDRED", "cien", "mila"]
        )
        | st.sampled_from(["Mrd..", "k", "K.", "word", "Word.", "hundreds", "millones", "Milliarden", "."]),
        max_size=30,
    ),
    st.sampled_from(["en", "es", "it", "de", "fr", None]),
)
def test_words_after_numbers_read_as_when_every_one_was_read(parts: list[str], code: str | None) -> None:
    # spans_and_values reads a word after a number as none unless it may be a magnitude.
    text = " ".join(parts)
    assert list(numbers.spans_and_values(text, code)) == _numbers_one_at_a_time(text, code)


# --- a long group's numbers read around its changes only ---------------------------

_AROUND_VOCAB = [*_VOCAB, "two", "fifteen", "hundreds", "thousand", "10 000", "10.000", "http://x.y/2024/06",
                 "a@b.cd", "peace", "dix", "mille", "cent", "$2", "2:00", ",", ".", "—", "“"]  # fmt: skip


@given(
    st.lists(st.sampled_from(_AROUND_VOCAB), min_size=1, max_size=120),
    st.lists(st.tuples(st.integers(0, 119), st.sampled_from([*_AROUND_VOCAB, "", "  "])), max_size=8),
    st.sampled_from(["en", "fr", None]),
)
@settings(max_examples=300, deadline=None)
def test_numbers_read_around_changes_give_the_facts_of_reading_everything(
    words: list[str], edits: list[tuple[int, str]], code: str | None
) -> None:
    """Outside the ranges the two sides are the same text, read the same way: leaving
    it unread changes no fact, whatever number words chain across a range's edge."""
    edited = list(words)
    for at, word in edits:
        if at < len(edited):
            edited[at] = word
    text_a, text_b = " ".join(words), " ".join(w for w in edited if w)
    a = article_from_text("Headline\n\n" + text_a, "a.txt")
    b = article_from_text("Headline\n\n" + text_b, "b.txt")
    if code is not None:
        a, b = records.replace(a, language=code), records.replace(b, language=code)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(number_facts, "AROUND_FROM", 10**9)
        everything = compare(a, b).facts
        mp.setattr(number_facts, "AROUND_FROM", 0)
        around = compare(a, b).facts
    assert around == everything


def test_a_lazy_pattern_is_the_pattern_once_used() -> None:
    lazy = patterns.lazy(r"(\d+)-(\d+)", re.IGNORECASE)
    assert "match" not in vars(lazy)  # nothing compiled yet
    assert lazy.sub(r"\2-\1", "10-20 and 3-4") == "20-10 and 4-3"
    assert lazy.pattern == r"(\d+)-(\d+)" and lazy.flags & re.IGNORECASE
    assert lazy.search("x 7-8").groups() == ("7", "8")
