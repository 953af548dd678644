"""From linked paragraphs to groups in reading order.

Paragraphs linked by matched sentences form groups (connected components):
2->1 is a merge, 1->2 a split, {9, 11}->{8} a merge with a moved sentence.
Groups are put in B's reading order; the longest increasing run of A positions
is "in order", the rest moved. Unlinked A paragraphs are cut and stand after
the paragraph they followed in A; unlinked B paragraphs are added, boilerplate
runs folded into one group.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(slots=True)
class RawGroup:
    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: str  # linked | deleted | inserted | boilerplate (refined by compare)
    moved: bool = False
    moved_a: tuple[int, ...] = ()
    moved_b: tuple[int, ...] = ()  # B paragraphs of a split that stand apart from the rest
    repeats: tuple[int, ...] = ()  # A paragraphs a B-only paragraph repeats
    boilerplate: str | None = None


class _Components:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, x: tuple[str, int]) -> tuple[str, int]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: tuple[str, int], y: tuple[str, int]) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[ry] = rx


def longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


def build_groups(
    links: dict[tuple[int, int], int],
    a_paras: Sequence[str],
    b_paras: Sequence[str],
    a_keys: list[str],
    b_keys: list[str],
    a_boiler: list[str | None],
    b_boiler: list[str | None],
) -> list[RawGroup]:
    comps = _Components()
    for i, j in links:
        comps.union(("a", i), ("b", j))
    members: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(a_paras)):
        if ("a", i) in comps.parent:
            members[comps.find(("a", i))][0].append(i)
    for j in range(len(b_paras)):
        if ("b", j) in comps.parent:
            members[comps.find(("b", j))][1].append(j)
    linked = [RawGroup(tuple(sorted(a)), tuple(sorted(b)), "linked") for a, b in members.values()]
    linked.sort(key=lambda g: g.b[0])

    # Reading order: B's. Groups off the longest increasing run of A positions moved.
    in_order = longest_increasing([g.a[0] for g in linked])
    owner: dict[int, int] = {}
    for n, g in enumerate(linked):
        g.moved = n not in in_order
        for i in g.a:
            owner[i] = n
    owner_b = {j: n for n, g in enumerate(linked) for j in g.b}
    for n, g in enumerate(linked):
        g.moved_a = _moved_within(g.a, owner, n)
        g.moved_b = _moved_within(g.b, owner_b, n)

    # B paragraphs with no partner: added text, boilerplate runs, repeats of A.
    a_index: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(a_keys):
        if k:
            a_index[k].append(i)
    b_owned = {j for g in linked for j in g.b}
    tail: list[RawGroup] = []
    for j in range(len(b_paras)):
        if j in b_owned:
            continue
        reason = b_boiler[j]
        if reason is not None:
            prev = tail[-1] if tail else None
            if prev and prev.kind == "boilerplate" and prev.b and prev.b[-1] == j - 1 and not prev.a:
                prev.b = (*prev.b, j)
                continue
            tail.append(RawGroup((), (j,), "boilerplate", boilerplate=reason))
        else:
            tail.append(RawGroup((), (j,), "inserted", repeats=tuple(a_index.get(b_keys[j], ())[:1])))
    ordered = sorted(linked + tail, key=lambda g: g.b[0])

    # A paragraphs with no partner stand after the in-order group that held the
    # A paragraph before them.
    anchored: dict[int, list[RawGroup]] = defaultdict(list)  # position in ordered -> groups after it
    position = {id(g): p for p, g in enumerate(ordered)}
    anchor_of: dict[int, int] = {}
    for g in linked:
        if not g.moved:
            for i in g.a:
                anchor_of[i] = position[id(g)]
    current = -1
    for i in range(len(a_paras)):
        if i in owner:
            current = anchor_of.get(i, current)
            continue
        reason = a_boiler[i]
        bucket = anchored[current]
        prev = bucket[-1] if bucket else None
        if reason is not None:
            if prev and prev.kind == "boilerplate" and prev.a and prev.a[-1] == i - 1:
                prev.a = (*prev.a, i)
                continue
            bucket.append(RawGroup((i,), (), "boilerplate", boilerplate=reason))
        else:
            bucket.append(RawGroup((i,), (), "deleted"))

    result: list[RawGroup] = list(anchored.get(-1, ()))
    for p, g in enumerate(ordered):
        result.append(g)
        result.extend(anchored.get(p, ()))
    return result


def _moved_within(a: tuple[int, ...], owner: dict[int, int], n: int) -> tuple[int, ...]:
    """Paragraphs of a group (on one side) that stand apart: the group's paragraphs
    fall into runs separated by paragraphs of other groups; all but the longest
    run were moved (in from elsewhere in A, or out to elsewhere in B)."""
    if len(a) < 2:
        return ()
    runs: list[list[int]] = [[a[0]]]
    for prev, cur in pairwise(a):
        between = range(prev + 1, cur)
        if any(owner.get(k, n) != n for k in between):
            runs.append([cur])
        else:
            runs[-1].append(cur)
    if len(runs) == 1:
        return ()
    main = max(runs, key=len)
    return tuple(i for run in runs if run is not main for i in run)


def cut_from_end(groups: list[RawGroup]) -> int:
    """Body paragraphs of A deleted after the last A paragraph that B kept."""
    last_kept = max((max(g.a) for g in groups if g.a and g.b), default=-1)
    return sum(1 for g in groups if g.kind == "deleted" and g.a[0] > last_kept)
