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
from .model import Group
from .numbers import Number, clean_points, may_touch, spans_and_values, token_offsets
from .tokens import LONG_TEXT, tokenize


def number_changes(g: Group, code: str | None, spans: Spans) -> Iterator[Fact]:
    """The numbers changed, cut or added inside a group's changes; ``spans`` are its
    ``changed_spans``."""
    text_a, text_b, changed_a, changed_b, ops = spans
    if not may_touch(text_a, changed_a, code) and not may_touch(text_b, changed_b, code):
        return  # a fact is a number inside a change: no change holds one
    (within_a, within_b), (starts_a, starts_b) = _around_changes(g, text_a, text_b, code)
    values_a, nums_a = _changed_numbers(text_a, changed_a, code, within_a, starts_a)
    values_b, nums_b = _changed_numbers(text_b, changed_b, code, within_b, starts_b)
    # The values a side has more of than the other; only what is read around the changes
    # counts when the rest is the same text on both sides.
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


# A group this long (both sides, in characters) has its numbers read around its changes
# only: a 100k-word paragraph holds tens of thousands of numbers, and reading them all
# took a fifth of its comparison.
AROUND_FROM = 16_384


Ranges = list[tuple[int, int]]


def _around_changes(
    g: Group, text_a: str, text_b: str, code: str | None
) -> tuple[tuple[Ranges | None, Ranges | None], tuple[array | None, array | None]]:
    """Ranges of token indices of each side holding every change and what reading a
    number in it depends on, outside which both sides are the same text read the same
    way (so its numbers, the same on both sides, need not be read); None, None: read
    everything (a short group, or no unchanged text to leave out). Then each side's
    tokens' offsets, when kept for reading its numbers (not past a long text's size)."""
    if len(text_a) + len(text_b) < AROUND_FROM or not any(op.tag == "equal" for op in g.ops):
        return (None, None), (None, None)
    tokens_a, tokens_b = tokenize(text_a), tokenize(text_b)
    # Each op as token ranges (ops cut the texts between tokens), one side at a time: the
    # tokens' offsets of a 20 MB text take 50 MB. Below that, numbers are read with them
    # (finding them again took a twentieth of comparing a 100k-word paragraph).
    starts_a = token_offsets(tokens_a)
    firsts_a = _op_tokens(starts_a, [len(op.a) for op in g.ops])
    starts_a = starts_a if len(text_a) <= LONG_TEXT else None
    starts_b = token_offsets(tokens_b) if firsts_a else None
    firsts_b = _op_tokens(starts_b, [len(op.b) for op in g.ops]) if starts_b is not None else None
    starts_b = starts_b if len(text_b) <= LONG_TEXT else None
    if not firsts_a or not firsts_b:
        return (None, None), (None, None)  # not cut between tokens: read everything
    spans = [
        (op.tag, firsts_a[i], firsts_a[i + 1], firsts_b[i], firsts_b[i + 1]) for i, op in enumerate(g.ops)
    ]
    clean = clean_points(tokens_a, code)  # the unchanged text is read on A's side
    regions: list[list[int]] = []  # [lo_a, lo_b, hi_a, hi_b]: from a clean point to a change's end
    for i, (tag, ka0, ka1, kb0, kb1) in enumerate(spans):
        if tag == "equal":
            continue
        if regions and regions[-1][2] == ka0:  # the change right after the last one
            regions[-1][2:] = [ka1, kb1]
            continue
        # Back into the unchanged text before, to a clean point at least 3 tokens before
        # the change (a number may open 2 tokens before it: "10 [million]").
        # The two tokens before the point are in that unchanged text too (the same on
        # both sides, so the point is clean on both), unless the text starts there.
        floor = spans[i - 1][1] if i else 0
        lowest = floor if floor == 0 else floor + 2
        back = 3
        while ka0 - back >= lowest and not clean(ka0 - back):
            back += 1
        if ka0 - back >= lowest:
            regions.append([ka0 - back, kb0 - back, ka1, kb1])
        elif regions:
            regions[-1][2:] = [ka1, kb1]  # no clean point between: one range with the last
        else:
            regions.append([0, 0, ka1, kb1])  # the text's start is clean
    # Forward into the unchanged text after, to a clean point at least 2 tokens on, or
    # up to the next range, or the end of the text.
    within_a: list[tuple[int, int]] = []
    within_b: list[tuple[int, int]] = []
    for n, (lo_a, lo_b, hi_a, hi_b) in enumerate(regions):
        limit = regions[n + 1][0] if n + 1 < len(regions) else len(tokens_a)
        ahead = 2
        while hi_a + ahead < limit and not clean(hi_a + ahead):
            ahead += 1
        if hi_a + ahead >= limit:
            if n + 1 < len(regions):  # reaches the next range: the two are one
                regions[n + 1][0], regions[n + 1][1] = lo_a, lo_b
                continue
            within_a.append((lo_a, len(tokens_a)))
            within_b.append((lo_b, len(tokens_b)))
            continue
        within_a.append((lo_a, hi_a + ahead))
        within_b.append((lo_b, hi_b + ahead))
    return (within_a, within_b), (starts_a, starts_b)


def _op_tokens(starts: array, lengths: list[int]) -> list[int] | None:
    """The index of each op's first token and of the end, given the tokens' offsets and
    each op's length on this side; None when an op does not start between two tokens."""
    firsts = [0]
    at = 0
    for length in lengths:
        at += length
        k = bisect.bisect_left(starts, at, firsts[-1])
        if k == len(starts) or starts[k] != at:
            return None
        firsts.append(k)
    return firsts


def _changed_numbers(
    text: str,
    changed: list[tuple[int, int]],
    code: str | None,
    within: list[tuple[int, int]] | None = None,
    offsets: array | None = None,
) -> tuple[Counter, list[Number]]:
    """The values of the numbers of a text (or of those in the ranges ``within``), and
    the numbers inside its changes (the others are not kept: a paragraph as long as a
    book holds millions)."""
    # Kept as arrays, not a tuple for each: a 20 MB text holds a million numbers.
    starts, ends, found = array("q"), array("q"), []
    for start, end, value in spans_and_values(text, code, within, offsets):
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


Span = tuple[int, int]
Spans = tuple[str, str, list[Span], list[Span], list[tuple[Span, Span]]]


def changed_spans(g: Group) -> Spans:
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
