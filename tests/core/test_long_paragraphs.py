"""A whole article as one paragraph is aligned as the plain way aligns it: its key made
from its sentences' keys is the key of the whole text, the sentences split to key it
are those the matcher would split, and the evidence left unweighed once the texts are
known to be a copy changes neither a link nor the verdict."""

from __future__ import annotations

import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import sentences
from reader.core.align import align
from reader.core.compare import paragraph_keys
from reader.core.loading import article_from_text
from reader.core.model import Article
from reader.core.relatedness import Evidence
from reader.core.sentences import key_text, key_text_of_sentences, sentences_of, split

WIRE = Path(__file__).resolve().parents[1] / "data" / "wire"

# Pieces of text where keying a sentence alone and keying it inside its paragraph could
# differ: glued sentences, apostrophes and elisions at a cut, numbers grouped by a space
# or beside a full stop, and a capital sigma, whose lower case depends on what follows.
_PARTS = [
    "The toll rose.",
    "It said",
    " ",
    "  ",
    "\u00a0",
    "\n",
    ".",
    "10",
    "000",
    "7.000",
    "2019.",
    "l’",
    "L'",
    "usine.",
    "’",
    "'",
    "ΟΔΟΣ.",
    "Σ",
    "Αθήνα.",
    "Dr.",
    "No.",
    "“We go.”",
    "He",
    "a",
]


def _every_text_by_sentences():
    """Short texts too go the way of a long paragraph."""
    return patch.object(sentences, "_MEMO_LENGTH", 0)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=14).map("".join),
    st.sampled_from(["en", "fr", "el", None]),
)
@example("He counted 10 000 people. 000 more came.", "en")
@example("It said ΟΔΟΣ.Αθήνα. The toll rose.", "el")  # glued after a final sigma
@example("The toll rose to 2019.7.000 said.", "en")  # glued beside digits
@example("It said l’.usine. The toll rose.", "fr")
@example("He said ’.The toll rose.", "en")
@example("It said\n\nl’", "en")  # whitespace sentencex gives as a piece of its own
def test_a_text_keyed_by_its_sentences_has_the_key_of_the_whole(text: str, code) -> None:
    kept: dict[str, sentences.Split] = {}
    with _every_text_by_sentences():
        assert key_text_of_sentences(text, code, kept) == key_text(text)
    assert kept[text].pieces == split(text, code)
    assert kept[text].keys == [key_text(piece) for piece in split(text, code)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=14).map("".join),
    st.sampled_from(["en", "fr", "el"]),
)
@example("It said\n\nl’usine a fermé.", "fr")
def test_sentences_are_pieces_of_the_text_that_give_it_back_up_to_whitespace(text: str, code: str) -> None:
    pieces = split(text, code)
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(piece in text for piece in pieces)  # no two words joined


@pytest.mark.parametrize(
    ("text", "pieces", "apart"),
    [
        ("It rose. Then it fell.", ["It rose.", "Then it fell."], True),
        ("It rose.\u00a0\nThen it fell.", ["It rose.", "Then it fell."], True),
        ("del edificio.Todavía no", ["del edificio.", "Todavía no"], True),  # glued, nothing joins
        ("He counted 10 000 people.", ["He counted 10", "000 people."], False),  # one number
        ("It was 2019.5 people came.", ["It was 2019.", "5 people came."], False),  # a number beside a stop
        ("It said ’.Then it fell.", ["It said ’.", "Then it fell."], True),
        ("It said.’Then it fell.", ["It said.’", "Then it fell."], False),  # an apostrophe at the cut
        ("ΟΔΟΣ.Αθήνα", ["ΟΔΟΣ.", "Αθήνα"], False),  # "ς" alone, "σ" before a letter
        ("ΟΔΟΣ. Αθήνα", ["ΟΔΟΣ.", "Αθήνα"], True),
        ("It rose.Then", ["It rose.", "Than"], False),  # not a piece of the text
    ],
)
def test_a_cut_parts_words_only_where_nothing_reads_across_it(
    text: str, pieces: list[str], apart: bool
) -> None:
    assert sentences._cut_between_words(text, pieces) is apart
    if apart:
        assert " ".join(k for k in map(key_text, pieces) if k) == key_text(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=10).map("".join), min_size=1, max_size=4),
    st.sampled_from(["en", "fr", None]),
)
def test_sentences_split_to_key_a_paragraph_are_those_split_afresh(paras: list[str], code) -> None:
    kept: dict[str, sentences.Split] = {}
    with _every_text_by_sentences():
        keyed = [key_text_of_sentences(p, code, kept) for p in paras]
    assert sentences_of(paras, code, keyed=keyed, kept=kept) == sentences_of(paras, code)


def _one_paragraph(path: Path) -> Article:
    """A wire text with its body as one paragraph (a page whose paragraphs were lost)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return article_from_text(lines[0] + "\n\n" + " ".join(lines[1:]) + "\n", path.name)


def _pairs() -> list[tuple[Path, Path]]:
    return [(a, a.with_name(a.name.replace("-a.txt", "-b.txt"))) for a in sorted(WIRE.glob("*/*-a.txt"))]


def _aligned(a: Article, b: Article, keys=None):
    return align(
        [p.text for p in a.paragraphs],
        [p.text for p in b.paragraphs],
        [p.boilerplate for p in a.paragraphs],
        [p.boilerplate for p in b.paragraphs],
        code=a.language or b.language,
        starts=(a.start, b.start),
        keys=keys,
    )


def test_wire_pairs_as_one_paragraph_align_as_with_their_keys_made_whole() -> None:
    pairs = _pairs()
    assert len(pairs) >= 30
    taken = 0
    for a_path, b_path in pairs:
        a, b = _one_paragraph(a_path), _one_paragraph(b_path)
        long = any(len(p.text) > sentences._MEMO_LENGTH for p in (*a.paragraphs, *b.paragraphs))
        taken += long
        whole = (paragraph_keys(a), paragraph_keys(b))
        assert _aligned(a, b) == _aligned(a, b, keys=whole), a_path.name
    assert taken >= 20  # most go the way of a long paragraph


def _weighing_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Matches and ledes weighed as evidence even once the texts are known to be a copy."""
    copied = Evidence.copied

    def never_in_weighing(self: Evidence) -> bool:
        if sys._getframe(1).f_code.co_name in ("_link_sentences", "weigh_ledes"):
            return False
        return copied(self)

    monkeypatch.setattr(Evidence, "copied", never_in_weighing)


@pytest.mark.parametrize("as_one_paragraph", [False, True])
def test_evidence_left_unweighed_once_a_copy_changes_no_alignment(
    monkeypatch: pytest.MonkeyPatch, as_one_paragraph: bool
) -> None:
    def load(path: Path) -> Article:
        return (
            _one_paragraph(path)
            if as_one_paragraph
            else article_from_text(path.read_text("utf-8"), path.name)
        )

    articles = [(load(a), load(b)) for a, b in _pairs()]
    quick = [_aligned(a, b) for a, b in articles]
    with monkeypatch.context() as m:
        _weighing_everything(m)
        full = [_aligned(a, b) for a, b in articles]
    assert quick == full
    assert sum(x.related for x in quick) >= 15
