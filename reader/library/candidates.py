"""Candidate pairs for the grouping, exact with respect to its rule: prefix filtering.

:func:`linked` links a to b when b holds enough of a's examined samples: at
least LINK of their weight and enough of them (:func:`_rule`, which only gets
harder to meet as b holds fewer of them). Order a's examined samples by rarity
(document frequency ascending, ties by hash value) and cut the shortest prefix
after which the rest, held all together, would no longer meet the rule: an
article holding none of the prefix cannot. So every b that a links to holds one
of a's prefix samples, and the holders of the prefix samples (the full
postings, whatever their order or size) are a's candidates: the grouping finds
every link the rule draws, as set-similarity joins (AllPairs, PPJoin) do. The
rarest samples come first because they have the shortest postings; the
commonest carry the least weight, so they are the ones left out.

The rule itself (:func:`examined`, :func:`weight`, :func:`linked`, :func:`_rule`
and their constants) lives here so that this module needs nothing of
:mod:`.grouping`, which runs the pipeline and exports them too. Everything here
is numpy in, numpy out, with integer arithmetic: the same prefix in any process
on any machine (the Spark job calls :func:`prefix`).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .fingerprint import stop_limit

# Samples of an article looked at when deciding whether another holds it.
EXAMINED = 48
# Share of those samples (by weight) another article must hold to be a version of it,
# as LINK_PERCENT / 100. Versions with heavy edits keep 60-90%; independent write-ups
# of one event share under 10%. `similar` scores on the same scale (the story threshold).
LINK_PERCENT = 35
LINK = LINK_PERCENT / 100
# Fewer shared samples than this is never a link, whatever the share (tiny texts).
MIN_SHARED = 3
# Fewer shared samples than this links only a text that another holds nearly all of:
# CLOSE_PERCENT of its examined weight and of all its samples, stock phrases included.
# A short desk report whose few uncommon phrases are a date, a team and a figure shares
# half of them with many an unrelated report; a copy of it holds the whole text.
ENOUGH = 6
CLOSE_PERCENT = 90
# Up to this many articles, a shared sample is full evidence of copying (see weight).
COMMON = 50
# A sample's full weight, in integer units.
ONE = 1 << 16


def stock(df: np.ndarray, articles: int) -> np.ndarray:
    """Which samples are stock phrases, given each one's document frequency among the
    folder's articles (``articles`` of them, verbatim copies included)."""
    return np.asarray(df) > stop_limit(articles)


def weight(df: np.ndarray) -> np.ndarray:
    """How much a shared sample says, in units of ONE: fully, up to COMMON articles
    holding it; less and less beyond, as a phrase held by hundreds of articles is how
    news is written, not a sign that one text was copied from another."""
    df = np.maximum(np.asarray(df, dtype=np.int64), 1)
    return np.minimum(ONE, (COMMON * ONE) // df)


def examined(a_df: np.ndarray, stop: int) -> np.ndarray:
    """Positions of an article's examined samples: its first EXAMINED (by hash value)
    that are not stock phrases."""
    return np.flatnonzero(np.asarray(a_df) <= stop)[:EXAMINED]


def linked(
    a_hashes: np.ndarray, a_df: np.ndarray, b_hashes: np.ndarray, stop: int
) -> tuple[bool, int, float]:
    """Whether b is a version of a: (linked, how many of a's examined samples b holds,
    their weighted share). ``a_hashes`` sorted as stored, ``a_df`` the document
    frequency of each (:func:`.grouping.frequencies`), ``stop`` the stock limit
    (``stop_limit`` of the folder's article count)."""
    at = examined(a_df, stop)
    if len(at) == 0:
        return False, 0, 0.0
    a_hashes = np.asarray(a_hashes)
    w = weight(np.asarray(a_df)[at])
    held = np.isin(a_hashes[at], b_hashes)
    shared = int(np.count_nonzero(held))
    got, total = int(w[held].sum()), int(w.sum())
    whole = int(np.count_nonzero(np.isin(a_hashes, b_hashes)))
    return bool(_rule(shared, got, total, whole, len(a_hashes))), shared, got / total


def _rule(shared, got, total, whole=None, samples=None):
    """The rule, in integers: b holds ``shared`` of a's examined samples, ``got`` of their
    weight ``total``, and ``whole`` of a's ``samples`` samples (None: not known yet, as
    for the prefix, which must allow for the best case). It only gets harder to meet as
    b holds less, which prefix filtering relies on."""
    close = 100 * got >= CLOSE_PERCENT * total
    if whole is not None:
        close &= 100 * whole >= CLOSE_PERCENT * samples
    return (shared >= MIN_SHARED) & (100 * got >= LINK_PERCENT * total) & ((shared >= ENOUGH) | close)


# Holder entries expanded at once, at most (bounds the working memory of a large folder).
_ROUND = 1_000_000


def prefix(a_hashes: np.ndarray, a_df: np.ndarray, stop: int) -> np.ndarray:
    """The samples of article a to look up in the postings (hash values, rarest first):
    any article that a links to (``linked``) holds one of them."""
    a_hashes, a_df = np.asarray(a_hashes), np.asarray(a_df)
    at = examined(a_df, stop)
    order = np.lexsort((a_hashes[at], a_df[at]))
    at = at[order]
    keep = _in_prefix(weight(a_df[at]), np.zeros(1, dtype=np.int64), np.array([len(at)]))
    return a_hashes[at][keep]


def _in_prefix(w: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Which entries are in their article's prefix, given the weights ``w`` of each
    article's examined samples (rarest first), article after article (``starts``,
    ``lengths``): entry k is in it while the samples from k on, all held, would
    still meet the rule."""
    w = np.asarray(w, dtype=np.int64)
    total = np.add.reduceat(w, starts) if len(w) else np.zeros(0, dtype=np.int64)
    total = np.where(lengths > 0, total, 0)
    before = np.cumsum(w) - w  # weight of all entries before each one
    owner = np.repeat(np.arange(len(lengths)), lengths)
    from_here = total[owner] - (before - before[starts][owner])
    rank = np.arange(len(w)) - starts[owner]
    return _rule(lengths[owner] - rank, from_here, total[owner])


class Folder:
    """A folder's samples ready for the prefix join: ``owner[i]`` is the article of
    entry ``i`` (ascending; each article's samples sorted by hash, as stored),
    ``hashes`` the samples, ``df`` each entry's document frequency, ``stop`` the
    stock limit. Holds the postings (every entry as hash << 32 | article, sorted)
    and each article's examined samples with their weights."""

    def __init__(self, owner: np.ndarray, hashes: np.ndarray, df: np.ndarray, stop: int, n: int) -> None:
        self.n = n
        self.hashes = hashes
        self.a_count = np.bincount(owner, minlength=n)
        self.a_start = np.cumsum(self.a_count) - self.a_count
        # Built a slice at a time and sorted in place: whole-array temporaries would take
        # five times the 600 MB that a million articles' postings take.
        self.postings = np.empty(len(hashes), dtype=np.uint64)
        for lo in range(0, len(hashes), _ROUND):
            part = self.postings[lo : lo + _ROUND]
            part[:] = hashes[lo : lo + _ROUND]
            part <<= np.uint64(32)
            part |= owner[lo : lo + _ROUND].astype(np.uint64)
        self.postings.sort()
        # Examined: an article's first EXAMINED non-stock samples by hash value.
        eligible = df <= stop
        starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1]))) if len(owner) else owner
        lengths = np.diff(np.append(starts, len(owner)))
        seen = np.cumsum(eligible, dtype=np.int32)
        rank = seen - np.repeat(seen[starts] - eligible[starts], lengths)
        del seen
        chosen = np.flatnonzero(eligible & (rank <= EXAMINED))
        del eligible, rank
        self.ex_owner = owner[chosen].astype(np.int32)
        self.ex_hash = hashes[chosen].astype(np.uint32)
        ex_df = df[chosen]
        del chosen
        self.ex_w = weight(ex_df).astype(np.int32)  # at most ONE
        self.ex_count = np.bincount(self.ex_owner, minlength=n)
        self.ex_start = np.cumsum(self.ex_count) - self.ex_count
        self.total = np.bincount(self.ex_owner, weights=self.ex_w, minlength=n).astype(np.int64)
        # Rarest first inside each article (df, then hash): the prefix, then the rest.
        order = np.lexsort((self.ex_hash, ex_df, self.ex_owner))
        del ex_df
        self.ex_hash, self.ex_w = self.ex_hash[order], self.ex_w[order]
        del order
        present = self.ex_count > 0
        in_prefix = np.zeros(len(self.ex_w), dtype=bool)
        # Some articles at a time: _in_prefix's int64 temporaries are many times the weights.
        at = np.flatnonzero(present)
        for lo in range(0, len(at), 20_000):
            some = at[lo : lo + 20_000]
            first, end = self.ex_start[some[0]], self.ex_start[some[-1]] + self.ex_count[some[-1]]
            in_prefix[first:end] = _in_prefix(
                self.ex_w[first:end], self.ex_start[some] - first, self.ex_count[some]
            )
        self.pre_owner = self.ex_owner[in_prefix]
        self.pre_hash = self.ex_hash[in_prefix]
        self.pre_w = self.ex_w[in_prefix]
        self.pre_count = np.bincount(self.pre_owner, minlength=n)
        # What the samples after the prefix could add at most, for the bound in pair_rounds.
        self.rest_count = self.ex_count - self.pre_count
        self.rest_w = self.total - np.bincount(self.pre_owner, weights=self.pre_w, minlength=n).astype(
            np.int64
        )

    def holders(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first, end): the range of each hash's holders in ``postings``."""
        # Looked up in ascending order: each search starts near the last one.
        values, inverse = np.unique(hashes, return_inverse=True)
        h = values.astype(np.uint64) << np.uint64(32)
        first = np.searchsorted(self.postings, h)
        end = np.searchsorted(self.postings, h + np.uint64(1 << 32))
        return first[inverse], end[inverse]

    def prefix_work(self) -> np.ndarray:
        """For each article, the holder entries its prefix expands to (sum of the prefix
        samples' frequencies among the articles taking part)."""
        first, end = self.holders(self.pre_hash)
        return np.bincount(self.pre_owner, weights=end - first, minlength=self.n).astype(np.int64)

    def pair_rounds(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """The directed candidate pairs (a, b), b != a holding a prefix sample of a, each
        once, in rounds of whole articles (a ascending), with how many of a's prefix
        samples b holds and their weight (the join tells exactly); less the pairs that
        could not link even if b held all of a's samples after the prefix."""
        if len(self.pre_hash) == 0:
            return
        first, end = self.holders(self.pre_hash)
        size = end - first
        done = np.cumsum(size)
        lo = 0
        while lo < len(size):
            # A round ends on an article boundary, so its pairs are deduplicated whole.
            hi = int(np.searchsorted(done, done[lo] - size[lo] + _ROUND, side="right"))
            hi = max(hi, lo + 1)
            if hi < len(size):
                back = int(np.searchsorted(self.pre_owner, self.pre_owner[hi], side="left"))
                hi = (
                    back
                    if back > lo
                    else int(np.searchsorted(self.pre_owner, self.pre_owner[lo], side="right"))
                )
            s, f = size[lo:hi], first[lo:hi]
            count = int(s.sum())
            a = np.repeat(self.pre_owner[lo:hi].astype(np.int64), s)
            w = np.repeat(self.pre_w[lo:hi], s)
            at = np.repeat(f - (np.cumsum(s) - s), s) + np.arange(count)
            b = (self.postings[at] & np.uint64(0xFFFFFFFF)).astype(np.int64)
            other = a != b
            codes, which = np.unique(a[other] * self.n + b[other], return_inverse=True)
            held = np.bincount(which, minlength=len(codes))
            got = np.bincount(which, weights=w[other], minlength=len(codes)).astype(np.int64)
            pa, pb = np.divmod(codes, self.n)
            may = _rule(held + self.rest_count[pa], got + self.rest_w[pa], self.total[pa])
            yield pa[may], pb[may], held[may], got[may]
            lo = hi

    def verify(self, a: np.ndarray, b: np.ndarray, held: np.ndarray, got: np.ndarray) -> np.ndarray:
        """linked(a -> b) for each pair of the arrays at once, given how many of a's prefix
        samples b holds and their weight: only the samples after the prefix are looked up."""
        lens = self.rest_count[a]
        size = int(lens.sum())
        shared, got = held.astype(np.int64), got.astype(np.int64)
        if size:
            first = np.cumsum(lens) - lens
            entry = np.repeat(self.ex_start[a] + self.pre_count[a] - first, lens) + np.arange(size)
            query = (self.ex_hash[entry].astype(np.uint64) << np.uint64(32)) | np.repeat(b, lens).astype(
                np.uint64
            )
            hit = _member(self.postings, query)
            del query
            nonempty = lens > 0
            start = first[nonempty]
            shared[nonempty] += np.add.reduceat(hit.astype(np.int64), start)
            got[nonempty] += np.add.reduceat(np.where(hit, self.ex_w[entry], 0), start)
        ok = _rule(shared, got, self.total[a])
        # Few shared: only a close copy links, one holding nearly all of a's samples.
        few = np.flatnonzero(ok & (shared < ENOUGH))
        if len(few):
            whole = self._held(a[few], b[few])
            ok[few] = _rule(shared[few], got[few], self.total[a[few]], whole, self.a_count[a[few]])
        return ok

    def _held(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """How many of a's samples (all of them, stock phrases included) b holds."""
        lens = self.a_count[a]
        first = np.cumsum(lens) - lens
        entry = np.repeat(self.a_start[a] - first, lens) + np.arange(int(lens.sum()))
        query = (self.hashes[entry].astype(np.uint64) << np.uint64(32)) | np.repeat(b, lens).astype(np.uint64)
        hit = _member(self.postings, query)
        return np.add.reduceat(hit.astype(np.int64), first) if len(hit) else np.zeros(len(a), dtype=np.int64)


def _member(ordered: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Which of ``query`` are in ``ordered`` (sorted). The queries are looked up in
    ascending order: a sweep through memory instead of random probes, ten times faster
    on large arrays even with the sort."""
    order = np.argsort(query)
    found = query[order]
    pos = np.searchsorted(ordered, found)
    hit = np.empty(len(query), dtype=bool)
    hit[order] = ordered[np.minimum(pos, len(ordered) - 1)] == found
    return hit


def all_pairs(owner: np.ndarray, hashes: np.ndarray, df: np.ndarray, stop: int) -> np.ndarray:
    """The directed candidate pairs (a, b) of a whole folder (see :class:`Folder`): the
    same pairs as :func:`prefix` applied article by article and looked up in the
    postings."""
    n = int(owner[-1]) + 1 if len(owner) else 0
    rounds = [np.stack(r[:2], axis=1) for r in Folder(owner, hashes, df, stop, n).pair_rounds()]
    return np.concatenate(rounds) if rounds else np.zeros((0, 2), dtype=np.int64)
