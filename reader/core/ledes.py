"""The ledes: how each text's opening sentence relates to the top of the other
(:mod:`reader.core.relatedness` says what each relation means), weighed by the aligner
when no lede was kept word for word. Split from ``align`` for its size.
"""

from __future__ import annotations

from .matching import trigrams
from .relatedness import LEDE_RUN, Evidence, lede_relation
from .sentences import Sentence
from .tokens import pieces

# A lede is looked for among this many sentences at the top of the other text.
TOP_SENTENCES = 12


def _vocabulary(key_texts: list[str]) -> set[str]:
    """Every word of the texts' keys (a long text's a piece at a time)."""
    words: set[str] = set()
    for text in key_texts:
        for start, end in pieces(text):
            words.update(text[start:end].split())
    return words


def top(keys_: list[str], boiler: list[str | None], start: int) -> tuple[int, ...]:
    """The story's first two body paragraphs: where its lede stands."""
    body = (i for i in range(start, len(keys_)) if keys_[i] and boiler[i] is None)
    return tuple(body)[:2]


def weigh_ledes(
    a_sents: list[Sentence],
    b_sents: list[Sentence],
    tops: tuple[tuple[int, ...], tuple[int, ...]],
    keys: tuple[list[str], list[str]],
    links: dict[tuple[int, int], int],
    evidence: Evidence,
    code: str | None,
) -> None:
    """How the ledes relate (see :mod:`reader.core.relatedness`): each text's lede
    against the sentences at the top of the other; a lede kept in a version links its
    paragraphs even when too little of it survives for the sentence matcher. Else, a
    lede recalled lower in the other text marks a follow-up. ``keys`` are the
    paragraphs' keys."""
    lede_a = next((s for s in a_sents if tops[0] and s.para == tops[0][0]), None)
    lede_b = next((s for s in b_sents if tops[1] and s.para == tops[1][0]), None)
    # The top is a few sentences, even where the first paragraph is the whole text.
    top_a = [s for s in a_sents if s.para in tops[0]][:TOP_SENTENCES]
    top_b = [s for s in b_sents if s.para in tops[1]][:TOP_SENTENCES]
    pairs = [(lede_a, sb) for sb in top_b if lede_a]
    pairs += [(sa, lede_b) for sa in top_a if lede_b and sa is not lede_a]
    # Once the shared words make a copy, how the ledes relate decides nothing
    # (Evidence.related); a link is all they could add. Every word of a long text, which
    # weighing them needs, was a twentieth of aligning a 100k-word paragraph.
    if evidence.copied() and all((sa.para, sb.para) in links for sa, sb in pairs):
        return
    words = (_vocabulary(keys[0]), _vocabulary(keys[1]))
    found: list[tuple[str, Sentence, Sentence]] = []
    for sa, sb in pairs:
        relation = lede_relation(sa, sb, code, *words)
        if relation is not None:
            found.append((relation, sa, sb))
    for relation, sa, sb in found:
        if relation == "version":
            evidence.lede = "version"
            links.setdefault((sa.para, sb.para), len(sa))
            return
    if found:
        evidence.lede = "template"
        return
    if _recalled(lede_a, [s for s in b_sents if s.para not in tops[1]], code, words) or _recalled(
        lede_b, [s for s in a_sents if s.para not in tops[0]], code, words[::-1]
    ):
        evidence.lede = "restated"


def _recalled(lede: Sentence | None, others: list[Sentence], code: str | None, words) -> bool:
    """Whether a sentence below the other text's top keeps this lede's wording."""
    if lede is None:
        return False
    mine = set(trigrams(lede.words))
    return any(
        len(mine.intersection(trigrams(other.words))) >= LEDE_RUN - 2
        and lede_relation(lede, other, code, *words) == "version"
        for other in others
    )
