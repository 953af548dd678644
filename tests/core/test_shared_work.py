"""A comparison made with its work shared (half the word diffs and facts made
elsewhere, paragraph keys made beforehand) is the comparison made in one piece."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from reader.core import compare as compare_module
from reader.core.compare import compare, paragraph_keys
from reader.core.loading import article_from_text, load_file
from reader.view.json import comparison_json

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


class _Shared:
    """Runs both halves here, the second through pickle as a child's answer comes."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, here, there):
        self.calls += 1
        return here(), pickle.loads(pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL))


def _same(x, y) -> None:
    assert x.groups == y.groups
    assert x.facts == y.facts
    assert x.summary == y.summary
    assert comparison_json(x) == comparison_json(y)


@pytest.mark.parametrize("pair", [(0, 1), (1, 0), (1, 2), (2, 1), (0, 2)])
@pytest.mark.parametrize("typography", [False, True])
def test_the_seed_pairs_shared_or_not(pair, typography, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_module, "SHARE_FROM", 0)
    (a,), _ = load_file(SEEDS[pair[0]])
    (b,), _ = load_file(SEEDS[pair[1]])
    shared = _Shared()
    made = compare(a, b, typography, share=shared, keys=(paragraph_keys(a), paragraph_keys(b)))
    assert shared.calls == 1
    _same(made, compare(a, b, typography))


def test_short_comparisons_are_not_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    (a,), _ = load_file(SEEDS[1])
    (b,), _ = load_file(SEEDS[2])
    shared = _Shared()
    compare(a, b, share=shared)
    assert shared.calls == 0
    monkeypatch.setattr(compare_module, "SHARE_FROM", 1)
    compare(a, b, share=shared)
    assert shared.calls == 1


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
_EDITS = st.sampled_from(["keep", "cut", "restyle", "number", "name", "add", "merge"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3), min_size=2, max_size=12),
    st.lists(_EDITS, min_size=12, max_size=12),
)
def test_articles_shared_or_not(paragraphs: list[list[str]], edits: list[str]) -> None:
    a_paras = [" ".join(p) for p in paragraphs]
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
    a = article_from_text(f"PARIS (AFP) - {a_paras[0]}\n\n" + "\n\n".join(a_paras[1:]), "a.txt")
    b = article_from_text("\n\n".join(b_paras) or "Nothing left.", "b.txt")
    compare_module.SHARE_FROM, before = 0, compare_module.SHARE_FROM
    try:
        shared = _Shared()
        made = compare(a, b, share=shared, keys=(paragraph_keys(a), paragraph_keys(b)))
    finally:
        compare_module.SHARE_FROM = before
    event(f"shared: {shared.calls}")
    _same(made, compare(a, b))
