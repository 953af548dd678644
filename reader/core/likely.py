"""The groups the aligner will most likely make, guessed from the paragraphs' keys
before it runs, so that they can be diffed while it runs (reader.core.compare). A
guess is used only where the aligner makes exactly that group: a wrong one costs
time, never a different comparison.

Most of a copy's paragraphs are kept (no diff to make), restyled (the same key on
each side) or edited in place (the one paragraph between two kept ones). Merges,
splits and moves are left to be diffed once they are known.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from .groups import RawGroup, longest_increasing
from .model import Article

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from collections.abc import Sequence

# A guess whose two texts are longer than this (characters) is not diffed ahead: its
# tokens would double the memory of a comparison of one huge paragraph.
LONGEST = 4_000_000
# A guess this long (both texts, characters) is diffed ahead only when ALIKE of PROBES
# runs of three words of the shorter text are in the other: the aligner waits for the
# child to finish the group in hand, and two stories of one paragraph each are no
# group (two unrelated 100k-word pages would be diffed for nothing, and waited for).
CHECKED_FROM = 20_000
ALIKE = 0.3
PROBES = 64


def likely_groups(a: Article, b: Article, keys_a: Sequence[str], keys_b: Sequence[str]) -> list[RawGroup]:
    """Linked groups of body paragraphs, in A's order, whose texts differ: paragraphs
    with the same key (held once on each side, in the same order), and what stands
    between two such pairs (or a pair and an end): see ``_in_gap``."""
    body_a = [i for i, p in enumerate(a.paragraphs) if p.boilerplate is None and keys_a[i]]
    body_b = [j for j, p in enumerate(b.paragraphs) if p.boilerplate is None and keys_b[j]]
    held_a = Counter(keys_a[i] for i in body_a)
    held_b = Counter(keys_b[j] for j in body_b)
    once_b = {keys_b[j]: j for j in body_b if held_b[keys_b[j]] == 1}
    pairs = [(i, once_b[keys_a[i]]) for i in body_a if held_a[keys_a[i]] == 1 and keys_a[i] in once_b]
    in_order = longest_increasing([j for _, j in pairs])
    pairs = [pair for n, pair in enumerate(pairs) if n in in_order]
    # The surest first: a child diffing them ahead may be stopped before the end.
    sure: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    likely: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    last_i = last_j = -1
    for i, j in [*pairs, (len(a.paragraphs), len(b.paragraphs))]:
        between_a = body_a[bisect_right(body_a, last_i) : bisect_left(body_a, i)]
        between_b = body_b[bisect_right(body_b, last_j) : bisect_left(body_b, j)]
        if len(between_a) == len(between_b) == 1:
            sure.append(((between_a[0],), (between_b[0],)))
        else:
            likely.extend(_in_gap(between_a, between_b))
        if i < len(a.paragraphs):
            sure.append(((i,), (j,)))
        last_i, last_j = i, j
    out = []
    for ga, gb in sure + likely:
        text_a = "\n".join(a.paragraphs[i].text for i in ga)
        text_b = "\n".join(b.paragraphs[j].text for j in gb)
        size = len(text_a) + len(text_b)
        if text_a == text_b or size > LONGEST:
            continue
        if size > CHECKED_FROM and not _alike([keys_a[i] for i in ga], [keys_b[j] for j in gb]):
            continue
        out.append(RawGroup(a=ga, b=gb, kind="linked"))
    return out


def _alike(keys_a: list[str], keys_b: list[str]) -> bool:
    """Whether at least ALIKE of PROBES runs of three words, spread over the shorter
    text (by its paragraphs' keys), are found in the other: a copy keeps most of them,
    another story few. Looked for in the keys as strings, never split into words: a
    long text's guess is checked in a few milliseconds."""
    short, long_ = sorted((" ".join(keys_a), " ".join(keys_b)), key=len)
    probes = _probes(short, PROBES)
    within = f" {long_} "
    return bool(probes) and sum(f" {probe} " in within for probe in probes) >= ALIKE * len(probes)


def _probes(text: str, count: int) -> list[str]:
    """Up to ``count`` runs of three words (``text`` is words between single spaces),
    each starting at the first word after an evenly spaced point."""
    out = []
    for at in range(0, len(text), max(1, len(text) // count)):
        start = text.find(" ", at) + 1 if at else 0
        if at and not start:  # no word starts after this point
            break
        end = start
        for _ in range(3):
            end = text.find(" ", end + 1)
            if end < 0:
                break
        if end < 0:  # fewer than three words left
            break
        out.append(text[start:end])
    return out


def _in_gap(gap_a: list[int], gap_b: list[int]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The likely groups of two paragraphs between two kept ones (on one side, or on
    each): merged, split, or edited one for one. In a longer gap, fewer than half the
    pairs one for one are the aligner's: none is guessed."""
    if len(gap_a) + len(gap_b) == 3 and gap_a and gap_b:
        return [(tuple(gap_a), tuple(gap_b))]
    if len(gap_a) == len(gap_b) == 2:
        return [((gap_a[0],), (gap_b[0],)), ((gap_a[1],), (gap_b[1],))]
    return []
