"""Opcodes of two sequences of comparison keys, as difflib's ``get_opcodes`` gives
them, affordable on long inputs.

Short inputs go straight to ``SequenceMatcher(autojunk=False)``. Long ones (a
whole article pasted as one paragraph) are first cut at keys that occur once on
each side, patience-diff style, so the matcher only ever sees small gaps: its
cost grows with the product of the two lengths.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

# Above this many keys on a side, cut at unique shared keys first.
_DIRECT_LIMIT = 600


def opcodes(ka: list[str], kb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(tag, a from, a to, b from, b to) turning ``ka`` into ``kb``."""
    if max(len(ka), len(kb)) <= _DIRECT_LIMIT:
        return SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    blocks: list[tuple[int, int, int]] = []
    _anchored_blocks(ka, kb, 0, len(ka), 0, len(kb), blocks)
    return _blocks_to_opcodes(sorted(blocks), len(ka), len(kb))


def _anchored_blocks(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, out: list
) -> None:
    """Matching blocks of ``ka[alo:ahi]`` and ``kb[blo:bhi]``, cut at units that occur
    once on each side (longest increasing run of such pairs), recursing into gaps."""
    stack = [(alo, ahi, blo, bhi)]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        head = 0
        while alo + head < ahi and blo + head < bhi and ka[alo + head] == kb[blo + head]:
            head += 1
        if head:
            out.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = 0
        while alo < ahi - tail and blo < bhi - tail and ka[ahi - tail - 1] == kb[bhi - tail - 1]:
            tail += 1
        if tail:
            ahi, bhi = ahi - tail, bhi - tail
            out.append((ahi, bhi, tail))
        if alo == ahi or blo == bhi:
            continue
        if max(ahi - alo, bhi - blo) <= _DIRECT_LIMIT:
            _direct_blocks(ka, kb, alo, ahi, blo, bhi, out, autojunk=False)
            continue
        anchors = _unique_anchors(ka, kb, alo, ahi, blo, bhi)
        if not anchors:
            # Nothing to cut at (long repetitive text): let difflib's popularity
            # heuristic keep it affordable.
            _direct_blocks(ka, kb, alo, ahi, blo, bhi, out, autojunk=True)
            continue
        prev_a, prev_b = alo, blo
        for i, j in anchors:
            out.append((i, j, 1))
            stack.append((prev_a, i, prev_b, j))
            prev_a, prev_b = i + 1, j + 1
        stack.append((prev_a, ahi, prev_b, bhi))


def _direct_blocks(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, out: list, autojunk: bool
) -> None:
    matcher = SequenceMatcher(None, ka[alo:ahi], kb[blo:bhi], autojunk=autojunk)
    out.extend((alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n)


def _unique_anchors(
    ka: Sequence[str], kb: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    count_a = Counter(ka[alo:ahi])
    count_b = Counter(kb[blo:bhi])
    where_b = {kb[j]: j for j in range(blo, bhi) if count_b[kb[j]] == 1}
    pairs = [(i, where_b[k]) for i in range(alo, ahi) if count_a[k := ka[i]] == 1 and k in where_b]
    # Longest increasing subsequence of the B positions (patience sorting).
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


def _blocks_to_opcodes(
    blocks: list[tuple[int, int, int]], n: int, m: int
) -> list[tuple[str, int, int, int, int]]:
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
