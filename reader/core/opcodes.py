"""Opcodes of two sequences of comparison keys, as difflib's ``get_opcodes`` gives
them, affordable on inputs of any length.

Short inputs go straight to ``SequenceMatcher(autojunk=False)``. Long ones (a
whole article pasted as one paragraph) are first cut at anchors, patience-diff
style, so the matcher only ever sees small gaps: its cost grows with the product
of the two lengths. An anchor is a key that occurs once on each side; where a
stretch has none (a text built from few words, a list repeating its lines), a run
of two keys that occurs once on each side, then of four, eight... A stretch that
no run anchors either is cut into matching slices, which keeps every step small
whatever the text.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

# Above this many keys on a side, cut at anchors first.
_DIRECT_LIMIT = 600
# The longest run of keys tried as an anchor; past it a stretch is sliced.
_LONGEST_RUN = 64
# A stretch with no anchor at all still goes whole to the matcher up to this size (the
# product of its two lengths): difflib's popularity heuristic keeps that affordable.
_WHOLE_LIMIT = 4 * _DIRECT_LIMIT * _DIRECT_LIMIT

Block = tuple[int, int, int]  # a from, b from, length


def opcodes(ka: Sequence[str], kb: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """(tag, a from, a to, b from, b to) turning ``ka`` into ``kb``."""
    if max(len(ka), len(kb)) <= _DIRECT_LIMIT:
        return SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    blocks: list[Block] = []
    _anchored_blocks(ka, kb, 0, len(ka), 0, len(kb), blocks)
    return _blocks_to_opcodes(sorted(blocks), len(ka), len(kb))


def _anchored_blocks(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, out: list[Block]
) -> None:
    """Matching blocks of ``ka[alo:ahi]`` and ``kb[blo:bhi]``, cut at anchors (the
    longest increasing run of them), recursing into the gaps."""
    stack = [(alo, ahi, blo, bhi)]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        head = _same_head(ka, kb, alo, ahi, blo, bhi)
        if head:
            out.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = _same_tail(ka, kb, alo, ahi, blo, bhi)
        if tail:
            ahi, bhi = ahi - tail, bhi - tail
            out.append((ahi, bhi, tail))
        if alo == ahi or blo == bhi:
            continue
        if max(ahi - alo, bhi - blo) <= _DIRECT_LIMIT:
            _direct_blocks(ka, kb, alo, ahi, blo, bhi, out, autojunk=False)
            continue
        anchors = _anchors(ka, kb, alo, ahi, blo, bhi)
        if not anchors:
            if (ahi - alo) * (bhi - blo) <= _WHOLE_LIMIT:
                _direct_blocks(ka, kb, alo, ahi, blo, bhi, out, autojunk=True)
            else:
                stack.extend(_slices(alo, ahi, blo, bhi))
            continue
        prev_a, prev_b = alo, blo
        for i, j, n in anchors:
            out.append((i, j, n))
            stack.append((prev_a, i, prev_b, j))
            prev_a, prev_b = i + n, j + n
        stack.append((prev_a, ahi, prev_b, bhi))


# Keys compared this many at a time (slices compared in C) before one at a time: between
# two anchors most of a long text is kept, and a step of Python for each of its keys was
# a fifth of its opcodes.
_RUN_CHUNK = 16


def _same_head(ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> int:
    """How many keys are equal from ``alo`` and ``blo`` on, within the stretches."""
    n = min(ahi - alo, bhi - blo)
    head = 0
    while (
        head + _RUN_CHUNK <= n
        and ka[alo + head : alo + head + _RUN_CHUNK] == kb[blo + head : blo + head + _RUN_CHUNK]
    ):
        head += _RUN_CHUNK
    while head < n and ka[alo + head] == kb[blo + head]:
        head += 1
    return head


def _same_tail(ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> int:
    """How many keys are equal before ``ahi`` and ``bhi``, within the stretches."""
    n = min(ahi - alo, bhi - blo)
    tail = 0
    while (
        tail + _RUN_CHUNK <= n
        and ka[ahi - tail - _RUN_CHUNK : ahi - tail] == kb[bhi - tail - _RUN_CHUNK : bhi - tail]
    ):
        tail += _RUN_CHUNK
    while tail < n and ka[ahi - tail - 1] == kb[bhi - tail - 1]:
        tail += 1
    return tail


def _direct_blocks(
    ka: Sequence[str],
    kb: Sequence[str],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[Block],
    autojunk: bool,
) -> None:
    matcher = SequenceMatcher(None, ka[alo:ahi], kb[blo:bhi], autojunk=autojunk)
    out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)


def _anchors(ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[Block]:
    """Runs of ``n`` keys that occur once in each stretch, in order on both sides, for
    the smallest ``n`` (1, 2, 4, ...) that has any."""
    n = 1
    while n <= min(_LONGEST_RUN, ahi - alo, bhi - blo):
        found = _unique_runs(ka, kb, alo, ahi, blo, bhi, n)
        if found:
            return found
        n *= 2
    return []


def _slices(alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int, int, int]]:
    """A stretch cut into pieces of at most ``_DIRECT_LIMIT`` keys on the longer side,
    each side in the same proportions: the last resort for a stretch nothing anchors."""
    count = -(-max(ahi - alo, bhi - blo) // _DIRECT_LIMIT)
    cuts_a = [alo + (ahi - alo) * k // count for k in range(count + 1)]
    cuts_b = [blo + (bhi - blo) * k // count for k in range(count + 1)]
    return [(cuts_a[k], cuts_a[k + 1], cuts_b[k], cuts_b[k + 1]) for k in range(count)]


def _unique_runs(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, n: int
) -> list[Block]:
    if n == 1:
        # The keys held once are read off the counts (a few thousand distinct keys), not
        # looked up in them for every key of the stretches (100k a side).
        part_a, part_b = ka[alo:ahi], kb[blo:bhi]
        once_b = {k for k, c in Counter(part_b).items() if c == 1}
        where_b = {k: j for j, k in enumerate(part_b, blo) if k in once_b}
        once = {k for k, c in Counter(part_a).items() if c == 1} & once_b
        pairs = [(i, where_b[k]) for i, k in enumerate(part_a, alo) if k in once]
        return [(i, j, 1) for i, j in _longest_chain(pairs)]
    chain = _longest_chain(_unique_run_pairs(ka, kb, alo, ahi, blo, bhi, n))
    # Runs of n keys may overlap: keep those that stand clear of the one before, joining
    # the ones that continue it on the same diagonal.
    blocks: list[Block] = []
    for i, j in chain:
        if blocks:
            pi, pj, size = blocks[-1]
            if i - pi == j - pj and i <= pi + size:
                blocks[-1] = (pi, pj, i + n - pi)
                continue
            if i < pi + size or j < pj + size:
                continue
        blocks.append((i, j, n))
    return blocks


def _unique_run_pairs(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, n: int
) -> list[tuple[int, int]]:
    """(A position, B position) of the runs of ``n`` keys that occur once on each side.

    A stretch this long is most of a book, and nearly all its runs are distinct: rather
    than a table of them all, each run is hashed (numbering the keys in order of first
    appearance, so the same texts always give the same hashes) into a bucket, and a run
    alone in its bucket on each side is unique. Of those, one bucket in ``step`` is kept
    on a stretch of over ``_SAMPLED`` keys: enough anchors to cut it into small gaps,
    in bounded memory. A pair is checked key by key, as two runs may share a bucket."""
    ids: dict[str, int] = {}
    codes_a = _run_codes([ids.setdefault(k, len(ids)) for k in ka[alo:ahi]], n)
    codes_b = _run_codes([ids.setdefault(k, len(ids)) for k in kb[blo:bhi]], n)
    mask = (1 << (4 * max(len(codes_a), len(codes_b), 256)).bit_length()) - 1
    count_a, count_b = _bucket_counts(codes_a, mask), _bucket_counts(codes_b, mask)
    step = max(1, (ahi - alo + bhi - blo) // _SAMPLED)
    where_b: dict[int, int] = {}
    for j, code in enumerate(codes_b, blo):
        bucket = code & mask
        if count_b[bucket] == 1 and count_a[bucket] == 1 and bucket % step == 0:
            where_b[bucket] = j
    pairs = []
    for i, code in enumerate(codes_a, alo):
        j = where_b.get(code & mask)
        if j is not None and ka[i : i + n] == kb[j : j + n]:
            pairs.append((i, j))
    return pairs


_SAMPLED = 100_000
_PRIME = (1 << 61) - 1


def _run_codes(ids: list[int], n: int) -> array:
    """A hash of each run of ``n`` numbers (a polynomial, rolled along)."""
    codes = array("q")
    if len(ids) < n:
        return codes
    base = 1_000_003
    top = pow(base, n - 1, _PRIME)
    code = 0
    for x in ids[:n]:
        code = (code * base + x) % _PRIME
    codes.append(code)
    for k in range(n, len(ids)):
        code = ((code - ids[k - n] * top) * base + ids[k]) % _PRIME
        codes.append(code)
    return codes


def _bucket_counts(codes: array, mask: int) -> bytearray:
    """How many runs fall in each bucket: 0, 1, or 2 for two or more."""
    counts = bytearray(mask + 1)
    for code in codes:
        bucket = code & mask
        if counts[bucket] < 2:
            counts[bucket] += 1
    return counts


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (in increasing A order) whose B positions increase
    too (patience sorting)."""
    tails: list[int] = []  # B position ending the best chain of each length
    tail_index: list[int] = []
    back: list[int] = []
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        back.append(tail_index[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            tail_index.append(n)
        else:
            tails[k] = j
            tail_index[k] = n
    chain: list[tuple[int, int]] = []
    n = tail_index[-1] if tail_index else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def _blocks_to_opcodes(blocks: list[Block], n: int, m: int) -> list[tuple[str, int, int, int, int]]:
    codes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for bi, bj, size in [*blocks, (n, m, 0)]:
        if i < bi or j < bj:
            tag = "replace" if i < bi and j < bj else ("delete" if i < bi else "insert")
            codes.append((tag, i, bi, j, bj))
        if size:
            if codes and codes[-1][0] == "equal" and codes[-1][2] == bi and codes[-1][4] == bj:
                codes[-1] = ("equal", codes[-1][1], bi + size, codes[-1][3], bj + size)
            else:
                codes.append(("equal", bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return codes
