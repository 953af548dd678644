"""Group a folder's articles into stories: sets of versions of one text.

Two articles are versions of each other when one holds a large share of the
other's text: the containment of the smaller in the larger, so that a copy
trimmed to its first five paragraphs still joins its original. Independent
write-ups of the same news share a quotation or two and stay apart; articles
that merely share stock phrases ("said in a statement", "did not immediately
respond to a request for comment") stay apart too, because such phrases are
a small share of any real article and the commonest are ignored outright.

The pipeline, step by step (the Spark job follows it with the same functions):

1. Verbatim copies (same body fingerprint and sample count, samples > 0) are
   collapsed onto the first of them (:func:`_collapse_verbatim`); only these
   representatives go on, and each copy takes its representative's story.
2. Document frequency: for each sample, how many articles hold it, verbatim
   copies included (:func:`frequencies`: what the postings hold, so that
   ``similar`` scores with the same numbers). :func:`stock` marks the samples
   held by more than ``stop_limit(articles)``, all the folder's articles.
3. Examined samples: each representative's first :data:`EXAMINED` non-stock
   samples by hash value (:func:`examined`), each weighted by :func:`weight` of
   its frequency.
4. Prefix: each representative's examined samples, rarest first (frequency,
   then hash), up to where the rest could no longer make a link
   (:func:`.candidates.prefix`).
5. Candidates: for each representative a and each of its prefix samples, every
   other representative holding that sample (the postings, in full): the pairs
   (a, b), each once, with which of a's prefix samples b holds; a pair that
   could not link even if b held all the rest of a's examined samples is dropped.
6. Verification of each candidate pair, from a's side: :func:`linked` (b holds
   at least :data:`LINK` of the weight of a's examined samples and at least
   :data:`MIN_SHARED` of them; fewer than :data:`ENOUGH` only if it holds
   :data:`CLOSE_PERCENT` of their weight and of all a's samples: :func:`_rule`).
   The samples of a's prefix that b holds are known from step 5: only the
   rest are looked up. Every pair for which ``linked`` holds one way or the
   other is found, since b holds one of a's prefix samples whenever a links to b.
7. Stories are the connected components of the links, labelled by their smallest
   representative; the verbatim copies follow their representative.

The weights are integers and the rule an integer comparison, so that any
process on any machine draws exactly the same links.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The rule lives with the candidates (which must not import this module); it is part
# of this module's interface too, as the pipeline above describes it.
from .candidates import (
    CLOSE_PERCENT,
    COMMON,
    ENOUGH,
    EXAMINED,
    LINK,
    LINK_PERCENT,
    MIN_SHARED,
    ONE,
    Folder,
    _rule,
    examined,
    linked,
    stock,
    weight,
)
from .fingerprint import stop_limit

__all__ = [
    "CLOSE_PERCENT",
    "COMMON",
    "ENOUGH",
    "EXAMINED",
    "LINK",
    "LINK_PERCENT",
    "MIN_SHARED",
    "ONE",
    "_rule",
    "examined",
    "frequencies",
    "group",
    "linked",
    "links",
    "members",
    "stock",
    "weight",
]

# Candidate pairs verified at once (bounds the working memory).
_ROUND = 50_000


def group(samples: np.ndarray, fingerprints: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """The story of every article, as the index of its first article (a label per article).

    ``samples[i]`` is the number of sampled shingles of article ``i``, whose sorted
    hashes are the next ``samples[i]`` values of ``hashes``; ``fingerprints[i]`` is
    the fingerprint of its folded body.
    """
    n = len(samples)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    rep = _collapse_verbatim(samples, fingerprints)
    hashes = np.ascontiguousarray(hashes).astype(np.uint32, copy=False)
    df = frequencies(hashes)
    owner = np.repeat(np.arange(n, dtype=np.int32), samples)
    keep = rep[owner] == owner
    if not keep.all():
        owner, hashes, df = owner[keep], hashes[keep], df[keep]
    del keep
    # Only the Folder is kept from here: at a million articles each of these is 300 MB.
    folder = Folder(owner, hashes, df, stop_limit(n), n)
    del owner, hashes, df
    roots = _components(n, links(folder))
    return roots[rep]


def links(folder) -> np.ndarray:
    """The linked pairs (a, b) of a :class:`.candidates.Folder`: exactly those for which
    ``linked(a, b)`` holds."""
    found = [np.zeros((0, 2), dtype=np.int64)]
    for a, b, held, got in folder.pair_rounds():
        for lo in range(0, len(a), _ROUND):
            part = slice(lo, lo + _ROUND)
            ok = folder.verify(a[part], b[part], held[part], got[part])
            found.append(np.stack((a[part][ok], b[part][ok]), axis=1))
    return np.concatenate(found)


def frequencies(hashes: np.ndarray) -> np.ndarray:
    """The document frequency of each entry's sample (an article holds a sample once):
    over all the folder's articles, verbatim copies included, as the postings count
    them (``similar`` reads them there)."""
    ordered = np.sort(hashes)
    starts = (
        np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1]))) if len(ordered) else ordered
    )
    counts = np.diff(np.append(starts, len(ordered))).astype(np.int32)
    values = ordered[starts]
    del ordered
    out = np.empty(len(hashes), dtype=np.int32)
    # A slice at a time, looked up in ascending order (a sweep, not random probes).
    for lo in range(0, len(hashes), _ROUND * 20):
        part = hashes[lo : lo + _ROUND * 20]
        order = np.argsort(part)
        found = np.empty(len(part), dtype=np.int32)
        found[order] = counts[np.searchsorted(values, part[order])]
        out[lo : lo + len(part)] = found
    return out


def _collapse_verbatim(samples: np.ndarray, fingerprints: np.ndarray) -> np.ndarray:
    """For each article, the first article with the same folded body (itself if none)."""
    n = len(samples)
    rep = np.arange(n, dtype=np.int32)
    idx = np.flatnonzero(samples > 0)  # an empty body is no evidence of being a copy
    if len(idx) < 2:
        return rep
    order = idx[np.lexsort((idx, samples[idx], fingerprints[idx]))]
    fp, sm = fingerprints[order], samples[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (fp[1:] != fp[:-1]) | (sm[1:] != sm[:-1])
    first = order[np.flatnonzero(new)]
    rep[order] = first[np.cumsum(new) - 1]
    return rep


def _components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected components by repeated label propagation to the smallest index."""
    labels = np.arange(n, dtype=np.int64)
    if len(edges) == 0:
        return labels
    a, b = edges[:, 0], edges[:, 1]
    while True:
        # Each edge pulls both ends to the smaller label; then labels jump to their label's label.
        low = np.minimum(labels[a], labels[b])
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        jumped = labels[labels]
        while not np.array_equal(jumped, labels):
            labels = jumped
            jumped = labels[labels]
        if np.array_equal(labels[a], labels[b]):
            return labels


def members(labels: np.ndarray) -> list[Sequence[int]]:
    """The indices of each story's articles, stories in order of their first article."""
    if len(labels) == 0:
        return []
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    cuts = np.flatnonzero(np.diff(sorted_labels)) + 1
    return [chunk.tolist() for chunk in np.split(order, cuts)]
