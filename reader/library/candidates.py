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
_ROUND = 500_000


def prefix(a_hashes: np.ndarray, a_df: np.ndarray, stop: int) -> np.ndarray:
    """The samples of article a to look up in the postings (hash values, rarest first):
    any article that a links to (``linked``) holds one of them."""
    a_hashes, a_df = np.asarray(a_hashes), np.asarray(a_df)
    at = examined(a_df, stop)
    if len(at) == 0:  # no sample to examine (none at all, or stock phrases only): no link
        return a_hashes[:0]
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


# Entries of whole articles taken at once while a Folder is built (bounds the temporaries).
_SLICE = 500_000


class Folder:
    """A folder's samples ready for the prefix join. Built from ``counts[i]``, how many
    samples article ``i`` has taking part (0: it does not, e.g. a verbatim copy),
    ``hashes``, those samples article after article (each article's sorted, as stored),
    and ``values``/``value_df``: every distinct sample of the folder, sorted, with how
    many articles hold it (verbatim copies included), and ``stop``, the stock limit.

    Holds the postings (every entry held by more than one article, as hash << 32 |
    article, sorted: a sample only one article holds joins it to nobody) and each
    article's examined samples (rarest first) with their weights. At a million
    articles (78M samples) that is about 15 bytes a sample; the document frequency of
    each entry and the owner of each entry are only ever made a slice at a time."""

    def __init__(
        self, counts: np.ndarray, hashes: np.ndarray, values: np.ndarray, value_df: np.ndarray, stop: int
    ) -> None:
        n = len(counts)
        self.n = n
        self.hashes = hashes
        self.a_count = np.asarray(counts, dtype=np.int64)
        self.a_start = np.cumsum(self.a_count) - self.a_count
        # Examined: an article's first EXAMINED non-stock samples by hash value, in room
        # for the most there can be (from room_start on; ex_count says how many there are).
        room = np.minimum(self.a_count, EXAMINED)
        room_start = np.cumsum(room) - room
        ex_hash = np.empty(int(room.sum()), dtype=np.uint32)
        ex_w = np.empty(len(ex_hash), dtype=np.int32)
        self.ex_count = np.zeros(n, dtype=np.int64)
        self.total = np.zeros(n, dtype=np.int64)
        shared = np.empty(len(hashes), dtype=bool)  # held by another article too
        # The prefix is the first pre_count[i] of an article's examined samples.
        self.pre_count = np.zeros(n, dtype=np.int64)
        pre_total = np.zeros(n, dtype=np.int64)
        for alo, ahi in ranges(self.a_count, _SLICE):
            lo, hi = self.a_start[alo], self.a_start[ahi - 1] + self.a_count[ahi - 1]
            h = hashes[lo:hi]
            df = _lookup(values, value_df, h)
            shared[lo:hi] = df > 1
            lengths = self.a_count[alo:ahi]
            owner = np.repeat(np.arange(ahi - alo, dtype=np.int32), lengths)
            eligible = df <= stop
            seen = np.cumsum(eligible, dtype=np.int32)
            before = np.concatenate(([0], seen))[self.a_start[alo:ahi] - lo]
            rank = seen - np.repeat(before, lengths).astype(np.int32)
            chosen = np.flatnonzero(eligible & (rank <= EXAMINED))
            del rank, eligible, seen
            own, got_df, got_hash = owner[chosen], df[chosen], h[chosen]
            del owner, df, chosen
            # Rarest first inside each article (df, then hash): the prefix, then the rest.
            order = np.lexsort((got_hash, got_df, own))
            own, got_hash, w = own[order], got_hash[order], weight(got_df[order]).astype(np.int32)
            del order, got_df
            count = np.bincount(own, minlength=ahi - alo)
            self.ex_count[alo:ahi] = count
            self.total[alo:ahi] = np.bincount(own, weights=w, minlength=ahi - alo).astype(np.int64)
            start = np.cumsum(count) - count
            # Into each article's room: its k-th examined sample at room_start + k.
            at = np.repeat(room_start[alo:ahi] - start, count) + np.arange(len(own))
            ex_hash[at], ex_w[at] = got_hash, w
            present = np.flatnonzero(count)
            keep = _in_prefix(w, start[present], count[present]) if len(present) else np.zeros(0, dtype=bool)
            self.pre_count[alo:ahi] = np.bincount(own[keep], minlength=ahi - alo)
            pre_total[alo:ahi] = np.bincount(own[keep], weights=w[keep], minlength=ahi - alo).astype(np.int64)
        del values, value_df  # the caller passes them on: gone before the postings are made
        self.ex_start, self.ex_hash, self.ex_w = room_start, ex_hash, ex_w
        # What the samples after the prefix could add at most, for the bound in pair_rounds.
        self.rest_count = self.ex_count - self.pre_count
        self.rest_w = self.total - pre_total
        self.postings = np.empty(int(np.count_nonzero(shared)), dtype=np.uint64)
        done = 0
        for alo, ahi in ranges(self.a_count, _SLICE):
            lo, hi = self.a_start[alo], self.a_start[ahi - 1] + self.a_count[ahi - 1]
            mask = shared[lo:hi]
            owner = np.repeat(np.arange(alo, ahi, dtype=np.uint64), self.a_count[alo:ahi])[mask]
            part = self.postings[done : done + len(owner)]
            part[:] = hashes[lo:hi][mask]
            part <<= np.uint64(32)
            part |= owner
            done += len(owner)
        del shared
        self.postings.sort()

    def holders(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first, end): the range of each hash's holders in ``postings``."""
        # Looked up in ascending order: each search starts near the last one.
        values, inverse = np.unique(hashes, return_inverse=True)
        h = values.astype(np.uint64) << np.uint64(32)
        first = np.searchsorted(self.postings, h)
        end = np.searchsorted(self.postings, h + np.uint64(1 << 32))
        return first[inverse], end[inverse]

    def pair_rounds(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """The directed candidate pairs (a, b), b != a holding a prefix sample of a, each
        once, in rounds of whole articles (a ascending), with how many of a's prefix
        samples b holds and their weight (the join tells exactly); less the pairs that
        could not link even if b held all of a's samples after the prefix."""
        # Some articles' prefixes at a time: their holders' ranges are 16 bytes an entry.
        for alo, ahi in ranges(self.pre_count, _ROUND // 4):
            lengths = self.pre_count[alo:ahi]
            owner = np.repeat(np.arange(alo, ahi, dtype=np.int64), lengths)
            if len(owner) == 0:
                continue
            entry = np.repeat(self.ex_start[alo:ahi] - (np.cumsum(lengths) - lengths), lengths)
            entry += np.arange(len(owner))
            yield from self._expanded(owner, self.ex_hash[entry], self.ex_w[entry])

    def _expanded(
        self, owner: np.ndarray, pre_hash: np.ndarray, pre_w: np.ndarray
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """pair_rounds for the prefix samples ``pre_hash`` of articles ``owner`` (ascending)."""
        first, end = self.holders(pre_hash)
        size = end - first
        done = np.cumsum(size)
        lo = 0
        while lo < len(size):
            # A round ends on an article boundary, so its pairs are deduplicated whole.
            hi = int(np.searchsorted(done, done[lo] - size[lo] + _ROUND, side="right"))
            hi = max(hi, lo + 1)
            if hi < len(size):
                back = int(np.searchsorted(owner, owner[hi], side="left"))
                hi = back if back > lo else int(np.searchsorted(owner, owner[lo], side="right"))
            s, f = size[lo:hi], first[lo:hi]
            count = int(s.sum())
            a = np.repeat(owner[lo:hi], s)
            w = np.repeat(pre_w[lo:hi], s)
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


def _lookup(values: np.ndarray, value_df: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """The document frequency of each of ``hashes`` (all among ``values``, sorted),
    looked up in ascending order: a sweep, not random probes."""
    order = np.argsort(hashes)
    found = np.empty(len(hashes), dtype=value_df.dtype)
    found[order] = value_df[np.searchsorted(values, hashes[order])]
    return found


def ranges(counts: np.ndarray, limit: int) -> Iterator[tuple[int, int]]:
    """Ranges [lo, hi) of articles whose ``counts`` add up to about ``limit`` (one
    article alone when it has more): an article's entries are never cut."""
    ends = np.cumsum(counts)
    lo = 0
    while lo < len(counts):
        hi = int(np.searchsorted(ends, ends[lo] - counts[lo] + limit, side="right"))
        hi = min(len(counts), max(hi, lo + 1))
        yield lo, hi
        lo = hi


def distinct(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values, document frequency): every distinct sample, sorted, and how many entries
    hold it (an article holds a sample once)."""
    ordered = np.sort(hashes)
    new = np.empty(len(ordered), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    del new
    values = ordered[starts]
    del ordered
    counts = np.diff(np.append(starts, len(hashes))).astype(np.int32)
    return values, counts


def all_pairs(counts: np.ndarray, hashes: np.ndarray, stop: int) -> np.ndarray:
    """The directed candidate pairs (a, b) of a whole folder of articles with ``counts``
    samples each (see :class:`Folder`): the same pairs as :func:`prefix` applied article
    by article and looked up in the postings."""
    rounds = [np.stack(r[:2], axis=1) for r in Folder(counts, hashes, *distinct(hashes), stop).pair_rounds()]
    return np.concatenate(rounds) if rounds else np.zeros((0, 2), dtype=np.int64)
