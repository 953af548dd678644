"""Word wrapping of styled runs: words whole, nothing lost, fast path equal to the careful one."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.view.wrap import _wrap_paragraph, _wrap_slow, cell_width, line_width, truncate, wrap_runs

ROLES = st.sampled_from(["text", "del", "ins"])
WORDS = st.sampled_from(
    [
        "a",
        "the",
        "Pyongyang",
        "comrades-in-arms,”",
        "“invincible",
        "7,000",
        "$2",
        "—",
        "x" * 30,
        "北朝鮮",
        "e\u0301t\u00e9",
    ]
)
TEXT = st.tuples(
    st.sampled_from(["", " ", "  "]),
    st.lists(st.tuples(WORDS, st.sampled_from([" ", "  ", ""])), max_size=12),
).map(lambda lead_parts: lead_parts[0] + "".join(word + space for word, space in lead_parts[1]))
RUNS = st.lists(st.tuples(TEXT, ROLES), max_size=6)


def plain(lines) -> str:
    return "".join(text for line in lines for text, _ in line)


def test_breaks_between_words_and_keeps_roles() -> None:
    lines = wrap_runs([("hello wor", "text"), ("ld again", "del")], 10)
    # "world" spans two runs and still moves to the next line whole.
    assert lines == [[("hello", "text")], [("wor", "text"), ("ld", "del")], [("again", "del")]]


def test_cuts_only_a_word_longer_than_the_column() -> None:
    lines = wrap_runs([("ab " + "x" * 12 + " cd", "text")], 5)
    assert [plain([line]) for line in lines] == ["ab", "xxxxx", "xxxxx", "xx cd"]


def test_newline_is_a_hard_break_and_blank_text_gives_one_line() -> None:
    assert wrap_runs([("one\ntwo", "text")], 20) == [[("one", "text")], [("two", "text")]]
    assert wrap_runs([], 20) == [[]]


def test_wide_characters_take_two_cells() -> None:
    assert cell_width("北朝鮮") == 6
    lines = wrap_runs([("北朝鮮 北朝鮮", "text")], 7)
    assert [line_width(line) for line in lines] == [6, 6]


def test_truncate_adds_an_ellipsis_within_the_width() -> None:
    assert truncate("North Korean leader Kim", 12) == "North Korea…"
    assert truncate("short", 12) == "short"
    # One cell before the ellipsis cannot hold a wide character: the ellipsis alone.
    assert truncate("北朝鮮", 2) == "…"
    assert truncate("北朝鮮", 3) == "北…"


@settings(max_examples=300, deadline=None)
@given(RUNS, st.integers(min_value=2, max_value=40))
def test_lines_fit_nothing_is_lost_and_words_stay_whole(runs, width) -> None:
    lines = wrap_runs(runs, width)
    source = "".join(text for text, _ in runs)
    for line in lines:
        assert line_width(line) <= width
    assert "".join(plain(lines).split()) == "".join(source.split())
    shown = Counter(word for line in lines for word in plain([line]).split())
    fitting = Counter(word for word in source.split() if cell_width(word) <= width)
    for word, count in fitting.items():
        assert shown[word] >= count, word


@settings(max_examples=300, deadline=None)
@given(RUNS, st.integers(min_value=2, max_value=40))
@example([("abcdef", "text")], 5)  # one run, one cell too long: cut, not kept whole
@example([("ab cd", "text")], 4)
@example([("¶14 → ¶15", "gutter")], 9)  # a label that fits exactly
def test_fast_path_matches_the_careful_path(runs, width) -> None:
    runs = [(text, role) for text, role in runs if text]
    texts = [text for text, _ in runs]
    roles = [role for _, role in runs]
    assert _wrap_paragraph(texts, roles, width) == _wrap_slow(runs, width)
