"""Group a folder's articles into stories: sets of versions of one text.

Two articles are versions of each other when one holds a large share of the
other's text: the containment of the smaller in the larger, so that a copy
trimmed to its first five paragraphs still joins its original. Independent
write-ups of the same news share a quotation or two and stay apart; articles
that merely share stock phrases ("said in a statement", "did not immediately
respond to a request for comment") stay apart too, because such phrases are
a small share of any real article and the commonest are ignored outright.

The work is done on every article's sampled shingles at once, with numpy:
verbatim copies (same folded body) are collapsed first; then each article
looks up the first :data:`EXAMINED` of its samples (by hash value, which makes
them a random sample) in an inverted index, and links to every article that
holds at least :data:`LINK` of them. The links' connected components are the
stories. Looking at a fixed number of samples per article bounds the work by
the folder's size, not by the square of its longest story.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .fingerprint import stop_limit

# Samples of an article looked up when searching for its versions.
EXAMINED = 48
# Share of those samples another article must hold to be a version of it. Versions
# with heavy edits keep 60-90%; independent write-ups of one event share under 10%.
LINK = 0.35
# Fewer shared samples than this is never a link, whatever the share (tiny texts).
MIN_SHARED = 3
# Up to this many articles, a shared sample is full evidence of copying (see _weight).
COMMON = 50.0
# Holders of one sample looked at, at most: the first ones (by index). Versions of a
# story republished more widely than this all link to the same first ones, so the
# story still comes together; a stock phrase's holders get no more than this many
# small counts. This is what keeps the work linear in the folder's size.
EXPAND = 32
# Working memory for the pair counts, in pairs per round.
_ROUND = 1_000_000


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
    owner = np.repeat(np.arange(n, dtype=np.int32), samples)
    keep = rep[owner] == owner
    owner = owner[keep]
    hashes = hashes[keep]
    del keep
    edges = _links(owner, hashes, n, stop_limit(int(np.count_nonzero(rep == np.arange(n)))))
    roots = _components(n, edges)
    return roots[rep]


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


def _links(owner: np.ndarray, hashes: np.ndarray, n: int, stop: int) -> np.ndarray:
    """Pairs (a, b) where b holds at least LINK of a's examined samples."""
    if len(hashes) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    # Postings: the holders of each distinct hash, one after the other. One stable sort
    # orders the entries by hash, then by article (entries come in article order).
    # int32 where it fits: 100k articles have about 8M entries.
    perm = np.argsort(hashes, kind="stable")
    sorted_hashes = hashes[perm]
    first = np.empty(len(perm), dtype=bool)
    first[0] = True
    np.not_equal(sorted_hashes[1:], sorted_hashes[:-1], out=first[1:])
    del sorted_hashes
    post_start = np.flatnonzero(first)
    df = np.diff(np.append(post_start, len(perm))).astype(np.int32)
    post = owner[perm]
    inverse = np.empty(len(perm), dtype=np.int32)  # entry -> its hash's number
    inverse[perm] = np.cumsum(first, dtype=np.int32) - 1
    del perm, first

    # Each article's examined samples: its first EXAMINED ones (by hash value) that are
    # not stock phrases. Entries come grouped by article, sorted by hash inside each.
    eligible = df[inverse] <= stop
    seen = np.cumsum(eligible, dtype=np.int32)
    article_start = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
    lengths = np.diff(np.append(article_start, len(owner)))
    rank = seen - np.repeat(seen[article_start] - eligible[article_start], lengths)
    del seen
    examined = np.flatnonzero(eligible & (rank <= EXAMINED))
    del eligible, rank
    art = owner[examined]
    u = inverse[examined]
    del inverse, examined
    weight = _weight(df)
    need = LINK * np.bincount(art, weights=weight[u], minlength=n)
    # A sample no other article holds only counts in the denominator.
    shared = df[u] > 1
    art, u = art[shared], u[shared]

    found: list[np.ndarray] = []
    lens = np.minimum(df[u], EXPAND)
    ends = np.cumsum(lens)
    start = 0
    while start < len(u):
        # A round ends on an article boundary, so each article's counts are complete.
        stop_at = int(np.searchsorted(ends, ends[start] - lens[start] + _ROUND, side="right"))
        stop_at = max(stop_at, start + 1)
        if stop_at < len(u):
            stop_at = int(np.searchsorted(art, art[stop_at], side="left"))
            if stop_at <= start:
                stop_at = int(np.searchsorted(art, art[start], side="right"))
        found.append(
            _round(
                art[start:stop_at], u[start:stop_at], lens[start:stop_at], weight, post, post_start, need, n
            )
        )
        start = stop_at
    return np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)


def _weight(df: np.ndarray) -> np.ndarray:
    """How much a shared sample says: fully, up to COMMON articles holding it; less and
    less beyond, as a phrase held by hundreds of articles is how news is written, not
    a sign that one text was copied from another."""
    return np.minimum(1.0, COMMON / df)


def _round(
    art: np.ndarray,
    u: np.ndarray,
    lens: np.ndarray,
    weight: np.ndarray,
    post: np.ndarray,
    post_start: np.ndarray,
    need: np.ndarray,
    n: int,
) -> np.ndarray:
    """The links found by some articles: each examined sample of ``art`` (hash ``u``)
    is looked up in the postings, and the holders are counted."""
    total = int(lens.sum())
    a = np.repeat(art.astype(np.int64), lens)
    w = np.repeat(weight[u], lens)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
    b = post[np.repeat(post_start[u], lens) + offsets].astype(np.int64)
    other = a != b
    keys = a[other] * n + b[other]
    w = w[other]
    if len(keys) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.argsort(keys)
    keys = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    held = np.add.reduceat(w[order], starts)
    a_of, b_of = np.divmod(keys[starts], n)
    linked = (counts >= MIN_SHARED) & (held >= need[a_of])
    return np.stack((a_of[linked], b_of[linked]), axis=1)


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
