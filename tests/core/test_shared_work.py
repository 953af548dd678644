"""A comparison made with another process's help (groups diffed ahead of the
alignment, the rest half there, paragraph keys made beforehand) is the comparison
made in one piece, whatever the helper managed to do."""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from reader.core import compare as compare_module
from reader.core.compare import compare, paragraph_keys
from reader.core.likely import likely_groups
from reader.core.loading import article_from_text, load_file
from reader.view.json import comparison_json

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


class _Taken:
    def __init__(self, values: list) -> None:
        self.values = values

    def take(self) -> list:
        return self.values

    def cancel(self) -> None:
        self.values = []


class _Workers:
    """reader.cli.forking's help, given in this process: what comes from the other side
    goes through pickle as a child's answers do, and ``ahead`` gives only its first
    ``made`` values when told (a child stopped before it was done)."""

    def __init__(self, made: int | None = None) -> None:
        self.made = made
        self.shared = 0
        self.ahead_values = 0

    def share(self, here, there):
        self.shared += 1
        return here(), pickle.loads(pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL))

    def ahead(self, produce) -> _Taken:
        values = list(itertools.islice(produce(), self.made))
        self.ahead_values = len(values)
        return _Taken(pickle.loads(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)))


def _same(x, y) -> None:
    assert x.groups == y.groups
    assert x.facts == y.facts
    assert x.summary == y.summary
    assert comparison_json(x) == comparison_json(y)


@pytest.fixture
def _always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_module, "SHARE_FROM", 0)
    monkeypatch.setattr(compare_module, "AHEAD_FROM", 0)


@pytest.mark.usefixtures("_always")
@pytest.mark.parametrize("pair", [(0, 1), (1, 0), (1, 2), (2, 1), (0, 2)])
@pytest.mark.parametrize("typography", [False, True])
@pytest.mark.parametrize("made", [None, 0, 1, 3])
def test_the_seed_pairs_with_help_or_not(pair, typography, made) -> None:
    (a,), _ = load_file(SEEDS[pair[0]])
    (b,), _ = load_file(SEEDS[pair[1]])
    workers = _Workers(made)
    keys = (paragraph_keys(a), paragraph_keys(b)) if made != 1 else None
    _same(compare(a, b, typography, workers=workers, keys=keys), compare(a, b, typography))
    values = 1 + len(likely_groups(a, b, paragraph_keys(a), paragraph_keys(b)))  # the quotations first
    assert workers.ahead_values == min(values, made if made is not None else values)


def test_short_comparisons_get_no_help(monkeypatch: pytest.MonkeyPatch) -> None:
    (a,), _ = load_file(SEEDS[1])
    (b,), _ = load_file(SEEDS[2])
    workers = _Workers()
    compare(a, b, workers=workers)
    assert workers.shared == 0 and workers.ahead_values == 0
    monkeypatch.setattr(compare_module, "AHEAD_FROM", 1)
    monkeypatch.setattr(compare_module, "SHARE_FROM", 1)
    compare(a, b, workers=workers)
    assert workers.ahead_values > 0


_SENTENCES = [
    "The council said 10,000 people left on Tuesday.",
    "“We will not go back,” the mayor, Ana Ruiz, told AFP.",
    "Prices rose 7.5 percent in 2024, the bank said.",
    "Police arrested three men — two of them minors.",
    "The toll rose to 42, officials said.",
    "L'usine a fermé en juin.",
    "He declined to comment.",
    "(Reporting by Jo Lee; Editing by Sam Ng)",
]
_EDITS = st.sampled_from(["keep", "cut", "restyle", "number", "name", "add", "merge", "split", "swap"])


def _edited(a_paras: list[str], edits: list[str]) -> list[str]:
    b_paras: list[str] = []
    for n, para in enumerate(a_paras):
        edit = edits[n]
        if edit == "keep":
            b_paras.append(para)
        elif edit == "restyle":
            b_paras.append(para.replace("“", '"').replace("”", '"').replace("10,000", "10 000"))
        elif edit == "number":
            b_paras.append(para.replace("42", "43").replace("three", "four"))
        elif edit == "name":
            b_paras.append(para.replace("Ruiz", "Ruis") + " He left.")
        elif edit == "add":
            b_paras += [para, "A new paragraph the outlet wrote, 12 words long or so, on its own."]
        elif edit == "merge" and b_paras:
            b_paras[-1] += " " + para
        elif edit == "split" and ". " in para:
            head, _, tail = para.partition(". ")
            b_paras += [head + ".", tail]
        elif edit == "swap" and b_paras:
            b_paras.insert(len(b_paras) - 1, para)
    return b_paras


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3), min_size=2, max_size=12),
    st.lists(_EDITS, min_size=12, max_size=12),
    st.one_of(st.none(), st.integers(0, 8)),
)
def test_articles_with_help_or_not(paragraphs: list[list[str]], edits: list[str], made: int | None) -> None:
    a_paras = [" ".join(p) for p in paragraphs]
    b_paras = _edited(a_paras, edits)
    a = article_from_text(f"PARIS (AFP) - {a_paras[0]}\n\n" + "\n\n".join(a_paras[1:]), "a.txt")
    b = article_from_text("\n\n".join(b_paras) or "Nothing left.", "b.txt")
    before = compare_module.SHARE_FROM, compare_module.AHEAD_FROM
    compare_module.SHARE_FROM = compare_module.AHEAD_FROM = 0
    try:
        workers = _Workers(made)
        helped = compare(a, b, workers=workers, keys=(paragraph_keys(a), paragraph_keys(b)))
    finally:
        compare_module.SHARE_FROM, compare_module.AHEAD_FROM = before
    event(f"shared: {workers.shared}, made ahead: {min(workers.ahead_values, 3)}+")
    _same(helped, compare(a, b))


def _article(paragraphs: list[str]):
    return article_from_text("\n\n".join(paragraphs), "x.txt")


def test_the_likely_groups() -> None:
    kept = [f"Kept paragraph number {n} of the story, said the police on Monday." for n in range(8)]
    a = _article(
        [
            kept[0],
            "The toll rose to 42, officials said on Sunday evening.",  # edited in place
            kept[1],
            "First of two paragraphs merged.",
            "Second of the two merged.",
            kept[2],
            "One paragraph split in two. Its second half stands alone.",
            kept[3],
            "Three paragraphs here.",
            "Are rewritten.",
            "Into three others.",
            kept[4],
            "“A quote,” he said, restyled.",
            kept[5],
        ]
    )
    b = _article(
        [
            kept[0],
            "The toll rose to 43, officials said on Sunday night.",
            kept[1],
            "First of two paragraphs merged. Second of the two merged.",
            kept[2],
            "One paragraph split in two.",
            "Its second half stands alone.",
            kept[3],
            "Nothing of A here.",
            "Nor here.",
            "Nor even here.",
            kept[4],
            '"A quote," he said, restyled.',
            kept[5],
        ]
    )
    found = [(g.a, g.b) for g in likely_groups(a, b, paragraph_keys(a), paragraph_keys(b))]
    # Kept paragraphs have nothing to diff; a gap of three on each side is not guessed.
    assert found == [((1,), (1,)), ((12,), (12,)), ((3, 4), (3,)), ((6,), (5, 6))]
    made = {(g.a, g.b) for g in compare(a, b).groups}
    assert set(found) <= made


def test_pairs_out_of_order_and_repeated_paragraphs_are_no_anchors() -> None:
    a = _article(["“Alpha” one.", "“Beta” two.", "Kept three.", "Kept four."])
    b = _article(['"Beta" two.', '"Alpha" one.', "Kept three.", "Kept four."])
    found = [(g.a, g.b) for g in likely_groups(a, b, paragraph_keys(a), paragraph_keys(b))]
    assert found in ([((0,), (1,))], [((1,), (0,))])  # the two cross: one of them is in order
    a = _article(["“Same” line.", "“Same” line.", "Other."])
    b = _article(['"Same" line.', "Other."])
    # Held twice in A, "Same line" is no anchor: what stands before "Other" is guessed merged.
    assert [(g.a, g.b) for g in likely_groups(a, b, paragraph_keys(a), paragraph_keys(b))] == [((0, 1), (0,))]


def test_no_help_ahead_with_a_huge_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    # A whole file on one line: its word diff's memory is what counts, not time.
    monkeypatch.setattr(compare_module, "AHEAD_FROM", 0)
    (a,), _ = load_file(SEEDS[1])
    (b,), _ = load_file(SEEDS[2])
    longest = max(len(p.text) for art in (a, b) for p in art.paragraphs)
    workers = _Workers()
    monkeypatch.setattr(compare_module, "HUGE_PARAGRAPH", longest - 1)
    _same(compare(a, b, workers=workers), compare(a, b))
    assert workers.ahead_values == 0
    monkeypatch.setattr(compare_module, "HUGE_PARAGRAPH", longest)
    compare(a, b, workers=workers)
    assert workers.ahead_values > 0


@given(st.lists(st.integers(0, 1000), max_size=30), st.integers(0, 20_000))
def test_work_is_cut_at_its_middle(weights: list[int], least: int) -> None:
    from reader.core.shares import halfway

    cut = halfway(weights, least)
    total = sum(weights)
    first = next((n + 1 for n in range(len(weights)) if 2 * sum(weights[: n + 1]) >= total), None)
    if total < least or first is None or first == len(weights):
        assert cut is None
    else:
        # The first place where half the weight is reached, and something is left after.
        assert cut == first and 0 < cut < len(weights)
        assert 2 * sum(weights[:cut]) >= total


def test_a_long_guess_is_made_only_for_texts_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core import likely

    monkeypatch.setattr(likely, "CHECKED_FROM", 10)
    story = "The council said on Monday that the bridge would stay shut until the repairs were done."
    edited = story.replace("Monday", "Tuesday") + " Traffic was diverted."
    other = "Heavy rain flooded the valley overnight and forced hundreds of families from their homes."
    a, b, c = _article([story]), _article([edited]), _article([other])
    assert [(g.a, g.b) for g in likely_groups(a, b, paragraph_keys(a), paragraph_keys(b))] == [((0,), (0,))]
    # Two stories of one paragraph each: no group to diff while the aligner runs.
    assert likely_groups(a, c, paragraph_keys(a), paragraph_keys(c)) == []
    monkeypatch.setattr(likely, "CHECKED_FROM", 10_000)
    assert len(likely_groups(a, c, paragraph_keys(a), paragraph_keys(c))) == 1
