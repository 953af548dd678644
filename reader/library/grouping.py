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
    _lookup,
    _rule,
    distinct,
    examined,
    linked,
    ranges,
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
_ROUND = 10_000


def group(
    samples: np.ndarray, fingerprints: np.ndarray, hashes: np.ndarray, *, scratch: bool = False
) -> np.ndarray:
    """The story of every article, as the index of its first article (a label per article).

    ``samples[i]`` is the number of sampled shingles of article ``i``, whose sorted
    hashes are the next ``samples[i]`` values of ``hashes``; ``fingerprints[i]`` is
    the fingerprint of its folded body. With ``scratch``, ``hashes`` (a writable uint32
    array) is used as working space: the verbatim copies' samples are squeezed out of
    it in place instead of into a copy.
    """
    n = len(samples)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    samples = np.asarray(samples, dtype=np.int64)
    rep = _collapse_verbatim(samples, fingerprints)
    hashes = np.asarray(hashes)
    if not (scratch and hashes.dtype == np.uint32 and hashes.flags.writeable and hashes.flags.c_contiguous):
        hashes = hashes.astype(np.uint32)  # a copy: the caller's array is left as it was
    frequency = distinct(hashes)
    counts = np.where(rep == np.arange(n), samples, 0)
    if not np.array_equal(counts, samples):
        hashes = _squeezed(hashes, samples, counts)
    # Only the Folder is kept from here (about 15 bytes a sample: 1.2 GB at a million articles).
    folder = Folder(counts, hashes, *frequency, stop_limit(n))
    del frequency, hashes
    roots = _components(n, links(folder))
    return roots[rep]


def _squeezed(hashes: np.ndarray, samples: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``hashes`` with only the first ``counts[i]`` (all or none) of each article's
    ``samples[i]`` entries, moved down in place: no second copy of a million articles'
    samples."""
    starts = np.cumsum(samples) - samples
    done = 0
    for alo, ahi in ranges(samples, 2_000_000):
        lo, hi = starts[alo], starts[ahi - 1] + samples[ahi - 1]
        kept = hashes[lo:hi][np.repeat(counts[alo:ahi] > 0, samples[alo:ahi])]
        hashes[done : done + len(kept)] = kept  # done <= lo: nothing not yet read is overwritten
        done += len(kept)
    return hashes[:done]


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
    return _lookup(*distinct(hashes), np.asarray(hashes))


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
