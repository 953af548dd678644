"""Number facts: a death toll or an amount changed, cut or added inside a linked
paragraph's changes (a number restyled or moved to another sentence is none),
and the spans of a group's word diff that the name facts read as well.

Split from ``facts`` for its size.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Iterator

from . import patterns
from .fact_record import Fact
from .model import Article, Group
from .numbers import Number, may_touch, spans_and_values


def number_changes(a: Article, b: Article, g: Group, code: str | None) -> Iterator[Fact]:
    text_a, text_b, changed_a, changed_b, ops = changed_spans(g)
    if not may_touch(text_a, changed_a, code) and not may_touch(text_b, changed_b, code):
        return  # a fact is a number inside a change: no change holds one
    values_a, nums_a = _changed_numbers(text_a, changed_a, code)
    values_b, nums_b = _changed_numbers(text_b, changed_b, code)
    only_a, only_b = values_a - values_b, values_b - values_a
    lost = [n for n in nums_a if _take(only_a, n.value)]
    new = [n for n in nums_b if _take(only_b, n.value)]
    # A replaced number is paired within one change. Looked up by position, not by
    # scanning every change for every number: a long paragraph has thousands of both.
    in_a = _by_span(lost, [op_a for op_a, _ in ops])
    in_b = _by_span(new, [op_b for _, op_b in ops])
    paired: set[int] = set()
    lines_a, lines_b = Lines(g.a, text_a), Lines(g.b, text_b)
    for k in range(len(ops)):
        here_a = [n for n in in_a.get(k, ()) if id(n) not in paired]
        here_b = [n for n in in_b.get(k, ()) if id(n) not in paired]
        for x, y in zip(here_a, here_b, strict=False):
            paired.update((id(x), id(y)))
            yield Fact("number", "changed", x.text, y.text, lines_a.para(x.start), lines_b.para(y.start))
    for x in lost:
        if id(x) not in paired:
            yield Fact("number", "dropped", x.text, None, lines_a.para(x.start), None)
    for y in new:
        if id(y) not in paired:
            yield Fact("number", "added", None, y.text, None, lines_b.para(y.start))


def _changed_numbers(
    text: str, changed: list[tuple[int, int]], code: str | None
) -> tuple[Counter, list[Number]]:
    """The values of all the numbers of a text, and the numbers inside its changes (the
    others are not kept: a paragraph as long as a book holds millions)."""
    # Kept as arrays, not a tuple for each: a 20 MB text holds a million numbers.
    starts, ends, found = array("q"), array("q"), []
    for start, end, value in spans_and_values(text, code):
        starts.append(start)
        ends.append(end)
        found.append(value)
    # The numbers follow one another (each starts and ends after the one before), so
    # those a change overlaps are a slice: found by halving, not by testing each number.
    taken: set[int] = set()
    for lo, hi in changed:
        taken.update(range(bisect.bisect_right(ends, lo), bisect.bisect_left(starts, hi)))
    inside = [Number(starts[k], ends[k], found[k], text[starts[k] : ends[k]]) for k in sorted(taken)]
    return Counter(found), inside


_NEWLINE = patterns.compile("\n")


def _take(counts: Counter, value: float) -> bool:
    if counts[value] > 0:
        counts[value] -= 1
        return True
    return False


def changed_spans(g: Group):
    """The group's texts, the spans each side changed, and the spans of each replacement
    (A span, B span), from its word diff."""
    changed_a: list[tuple[int, int]] = []
    changed_b: list[tuple[int, int]] = []
    replaced: list[tuple[tuple[int, int], tuple[int, int]]] = []
    pa = pb = 0
    for op in g.ops:
        span_a, span_b = (pa, pa + len(op.a)), (pb, pb + len(op.b))
        if op.tag in ("delete", "replace"):
            changed_a.append(span_a)
        if op.tag in ("insert", "replace"):
            changed_b.append(span_b)
        if op.tag == "replace":
            replaced.append((span_a, span_b))
        pa, pb = span_a[1], span_b[1]
    text_a = "".join(op.a for op in g.ops)
    text_b = "".join(op.b for op in g.ops)
    return text_a, text_b, changed_a, changed_b, replaced


def _overlapping(n: Number, spans: list[tuple[int, int]]) -> range:
    """The indexes of the spans (in order, not overlapping) that ``n`` overlaps."""
    return _spans_range(n.start, n.end, spans)


def _spans_range(start: int, end: int, spans: list[tuple[int, int]]) -> range:
    first = bisect.bisect_right(spans, (start, start))
    if first and spans[first - 1][1] > start:
        first -= 1
    last = bisect.bisect_left(spans, (end, end), first)
    return range(first, last)


def _by_span(numbers: list[Number], spans: list[tuple[int, int]]) -> dict[int, list[Number]]:
    """The numbers overlapping each span, by the span's index, in the order given."""
    out: dict[int, list[Number]] = {}
    for n in numbers:
        for k in _overlapping(n, spans):
            out.setdefault(k, []).append(n)
    return out


class Lines:
    """The paragraph (of a group joined with newlines) a position falls in."""

    def __init__(self, indices: tuple[int, ...], text: str) -> None:
        self.indices = indices
        self.text = text
        self.breaks: list[int] | None = None

    def para(self, at: int) -> int:
        if len(self.indices) == 1:
            return self.indices[0]
        if self.breaks is None:
            self.breaks = [m.start() for m in _NEWLINE.finditer(self.text)]
        return self.indices[min(bisect.bisect_left(self.breaks, at), len(self.indices) - 1)]
