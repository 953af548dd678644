"""What changed that matters: credits, numbers, names and quotations.

A fact-checker reads a comparison for these: the agency's credit dropped or
replaced, a death toll or an amount changed, a name respelt, a quotation altered,
cut or added. They are found on top of the alignment and the word diff, so a
number restyled ("10.000" / "10 000") or a quotation whose only change is its
quotation marks is typography, not a fact; a number that moved to another
sentence is not a changed number. Two texts that are not versions of one story
have no facts: their differences are not edits.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from . import lang, patterns
from .datelines import canonical_agency, credit_agency
from .matching import trigrams
from .model import Article, Group
from .numbers import Number, may_touch, spans_and_values
from .sentences import keys, quotations

FactKind = Literal["credit", "number", "quote", "name"]
FactChange = Literal["dropped", "added", "changed"]
FACT_KINDS: tuple[str, ...] = ("credit", "number", "quote", "name")

# A quotation this short ("a 'serious' threat") is a word in quotation marks.
QUOTE_MIN_WORDS = 4
# Two quotations are one (altered) when this share of their words is kept in order.
QUOTE_SAME = 0.5
# In a language that capitalises every noun, a changed capitalised word is a name only
# when respelt, not replaced ("Keller"/"Kessler", not "Toten"/"Opfer").
RESPELT = 0.5
# A replacement of more words than this on a side is a clause rewritten, not a name changed.
NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class Fact:
    """One change that matters. ``a`` and ``b`` are the text on each side (None for
    dropped or added), with the paragraph each stands in (from 0)."""

    kind: FactKind
    change: FactChange
    a: str | None
    b: str | None
    a_paragraph: int | None
    b_paragraph: int | None


def find_facts(a: Article, b: Article, groups: tuple[Group, ...], related: bool) -> tuple[Fact, ...]:
    """The facts of a comparison, in reading order (B's, cuts where they stood)."""
    if not related:
        return ()
    partner_b = {i: g.b[0] for g in groups if g.a and g.b for i in g.a}
    partner_a = {j: g.a[0] for g in groups if g.a and g.b for j in g.b}
    found: list[tuple[int, Fact]] = []
    order = {}
    for n, g in enumerate(groups):
        for i in g.a:
            order.setdefault(("a", i), n)
        for j in g.b:
            order.setdefault(("b", j), n)

    def place(fact: Fact) -> int:
        if fact.b_paragraph is not None:
            return order.get(("b", fact.b_paragraph), 0)
        return order.get(("a", fact.a_paragraph), 0)

    code = a.language or b.language
    facts = [*_credits(a, b, partner_b, partner_a), *_quotes(a, b)]
    for g in groups:
        if g.a and g.b and g.kind not in ("identical", "typography", "boilerplate"):
            facts.extend(_numbers(a, b, g, code))
            facts.extend(_names(a, b, g, code))
    found = [(place(f), f) for f in facts]
    found.sort(key=lambda pf: (pf[0], _pos(pf[1])))
    return tuple(f for _, f in found)


def fact_places(groups: tuple[Group, ...], facts: tuple[Fact, ...]) -> dict[int, tuple[list[str], list[str]]]:
    """For each group (by index) that holds facts, their texts on each side: the
    painters draw a change holding one as a fact. Credits stand outside the text."""
    where_a = {i: n for n, g in enumerate(groups) for i in g.a}
    where_b = {j: n for n, g in enumerate(groups) for j in g.b}
    places: dict[int, tuple[list[str], list[str]]] = {}
    for fact in facts:
        if fact.kind == "credit":
            continue
        for side, index, paragraph, text in (
            (0, where_a, fact.a_paragraph, fact.a),
            (1, where_b, fact.b_paragraph, fact.b),
        ):
            group = index.get(paragraph) if paragraph is not None else None
            if group is not None and text:
                places.setdefault(group, ([], []))[side].append(text)
    return places


def holds_fact(change: str, texts: list[str]) -> bool:
    """Whether a changed run of text shows one of a side's facts (a changed number is
    inside its run; a long quotation holds the run)."""
    return fact_finder(texts)(change)


def fact_finder(texts: Sequence[str]) -> Callable[[str], bool]:
    """``holds_fact`` for many changes against the same facts. A paragraph as long as a
    book has thousands of both: the facts are looked up, not each tried in turn."""
    if len(texts) <= 8:
        return lambda change: _holds(change, texts)
    known = set(texts)
    # Facts are found in a change by their first few characters, then checked whole;
    # shorter ones by every piece of the change of their length.
    short = {t for t in known if len(t) < _HEAD}
    short_lengths = sorted({len(t) for t in short})
    by_head: dict[str, list[str]] = {}
    for t in known - short:
        by_head.setdefault(t[:_HEAD], []).append(t)
    # No fact holds a NUL (the loader strips control characters), so one found in this
    # string lies inside a single fact.
    joined = "\x00".join(known)

    def held(change: str) -> bool:
        core = change.strip()
        if not core:
            return False
        if core in joined and "\x00" not in core:
            return True
        for size in short_lengths:
            if any(change[k : k + size] in short for k in range(len(change) - size + 1)):
                return True
        for k in range(len(change) - _HEAD + 1):
            for t in by_head.get(change[k : k + _HEAD], ()):
                if change.startswith(t, k):
                    return True
        return False

    return held


_HEAD = 4


def _holds(change: str, texts: Sequence[str]) -> bool:
    core = change.strip()
    return bool(core) and any(t in change or core in t for t in texts)


def _pos(fact: Fact) -> tuple[int, int]:
    return (fact.b_paragraph if fact.b_paragraph is not None else -1, fact.a_paragraph or 0)


# --- credits ---------------------------------------------------------------------


def _credits(a: Article, b: Article, partner_b: dict[int, int], partner_a: dict[int, int]) -> Iterator[Fact]:
    """The agency's dateline and end credit: dropped, added, or naming another agency.
    A dateline dropped while the copy still credits that agency at its end is a credit
    changed in form (the agency is kept); desk initials ("fbe/ial") are no credit."""
    lead_a, lead_b = _lead_text(a.lead), _lead_text(b.lead)
    end_a = a.credit if a.credit and credit_agency(a.credit) else None
    end_b = b.credit if b.credit and credit_agency(b.credit) else None
    last_a, last_b = len(a.paragraphs) - 1, len(b.paragraphs) - 1
    if lead_a and not lead_b:
        if end_b and agencies_of(a) & agencies_of(b):
            yield Fact("credit", "changed", lead_a, end_b, a.start, last_b)  # the credit moved to the end
            end_b = None
        else:
            yield Fact("credit", "dropped", lead_a, None, a.start, partner_b.get(a.start))
    elif lead_b and not lead_a:
        if end_a and agencies_of(a) & agencies_of(b):
            yield Fact("credit", "changed", end_a, lead_b, last_a, b.start)
            end_a = None
        else:
            yield Fact("credit", "added", None, lead_b, partner_a.get(b.start), b.start)
    elif lead_a and lead_b and not _same_agency(a.agency, b.agency):
        yield Fact("credit", "changed", lead_a, lead_b, a.start, b.start)
    if end_a and not end_b and not agencies_of(a) & agencies_of(b):
        yield Fact("credit", "dropped", end_a, None, last_a, None)
    elif end_b and not end_a and not agencies_of(a) & agencies_of(b):
        yield Fact("credit", "added", None, end_b, None, last_b)
    elif end_a and end_b and not _same_agency(credit_agency(end_a), credit_agency(end_b)):
        yield Fact("credit", "changed", end_a, end_b, last_a, last_b)


def credit_kept(base: Article, copy: Article) -> str | None:
    """What a copy did with the base's agency credit: "kept" (it credits the agency, by
    dateline or end credit), "replaced" (it credits someone else), "dropped", or None
    when the base credits no agency."""
    mine = agencies_of(base)
    if not mine:
        return None
    theirs = agencies_of(copy)
    if mine & theirs:
        return "kept"
    return "replaced" if theirs else "dropped"


def _lead_text(lead: str | None) -> str | None:
    return lead.strip(" \u00a0-–—:|_.") or None if lead else None


def _same_agency(x: str | None, y: str | None) -> bool:
    return canonical_agency(x or "") == canonical_agency(y or "")


def agencies_of(article: Article) -> set[str]:
    """The agencies an article credits, by its dateline and its end credit, one name
    each ("AFP/Reuters" is two; "dpa/bb" is dpa; "Agence France-Presse" is afp)."""
    named = [article.agency or ""]
    if article.credit:
        named.append(credit_agency(article.credit) or "")
    parts = [part for name in named for part in re.split(r"[/,&]| and ", name) if part.strip()]
    return {canonical_agency(part) for part in parts}


# --- numbers ---------------------------------------------------------------------


def _numbers(a: Article, b: Article, g: Group, code: str | None) -> Iterator[Fact]:
    text_a, text_b, changed_a, changed_b, ops = _changed_spans(g)
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
    lines_a, lines_b = _Lines(g.a, text_a), _Lines(g.b, text_b)
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


def _take(counts: Counter, value: float) -> bool:
    if counts[value] > 0:
        counts[value] -= 1
        return True
    return False


def _changed_spans(g: Group):
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


class _Lines:
    """The paragraph (of a group joined with newlines) a position falls in."""

    def __init__(self, indices: tuple[int, ...], text: str) -> None:
        self.indices = indices
        self.text = text
        self.breaks: list[int] | None = None

    def para(self, at: int) -> int:
        if len(self.indices) == 1:
            return self.indices[0]
        if self.breaks is None:
            self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        return self.indices[min(bisect.bisect_left(self.breaks, at), len(self.indices) - 1)]


# --- names -----------------------------------------------------------------------

_CAPITAL = patterns.compile(r"[^\W\d_][\w'’\-]*")
_STARTS = ".!?:;\"“”«»„‘'(—–\n"


def _names(a: Article, b: Article, g: Group, code: str | None) -> Iterator[Fact]:
    """A name respelt or replaced inside a linked paragraph: a short replacement (a few
    words each side) whose capitalised words, not opening a sentence, differ."""
    table = lang.language(code)
    nouns = table is not None and table.capitalised_nouns
    text_a, text_b, _ca, _cb, replaced = _changed_spans(g)
    lower_a = lower_b = None
    lines_a, lines_b = _Lines(g.a, text_a), _Lines(g.b, text_b)
    for (a0, a1), (b0, b1) in replaced:
        if len(text_a[a0:a1].split()) > NAME_WORDS or len(text_b[b0:b1].split()) > NAME_WORDS:
            continue  # a rewritten clause, not a name changed
        xs = _capitalised(text_a, a0, a1)
        ys = _capitalised(text_b, b0, b1)
        if not xs or not ys:
            continue
        x, y = _span(text_a, xs), _span(text_b, ys)
        if x.lower() == y.lower():
            continue
        if lower_a is None or lower_b is None:  # once per group: a paragraph may be a whole book
            lower_a, lower_b = text_a.lower(), text_b.lower()
        if x.lower() in lower_b or y.lower() in lower_a:
            continue
        if nouns and SequenceMatcher(None, x.lower(), y.lower()).ratio() < RESPELT:
            continue
        yield Fact("name", "changed", x, y, lines_a.para(xs[0][0]), lines_b.para(ys[0][0]))


def _capitalised(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Capitalised words inside [start, end) that do not open a sentence."""
    return [
        m.span()
        for m in _CAPITAL.finditer(text, start, end)
        if m.group()[0].isupper() and not _opens(text, m.start())
    ]


_WORD_AFTER = patterns.compile(r"[ \u00a0]+([^\W\d_][\w'’\-]*)")


def _span(text: str, words: list[tuple[int, int]]) -> str:
    """The whole name around the changed words: neighbouring capitalised words too
    ("Martin Keller" when only "Keller" changed)."""
    start, end = words[0][0], words[-1][1]
    for _ in range(NAME_WORDS):
        before = _word_before(text, start)
        if before is None or not text[before].isupper() or _opens(text, before):
            break
        start = before
    for _ in range(NAME_WORDS):
        m = _WORD_AFTER.match(text, end)
        if not m or not m.group(1)[0].isupper():
            break
        end = m.end(1)
    return text[start:end]


def _word_before(text: str, at: int) -> int | None:
    """The start of the word before the spaces that end at ``at``: its leftmost letter
    in the run of word characters, as searching ``text[:at]`` for a word and spaces at
    the end found it, looking back only as far as that word."""
    k = at
    while k > 0 and text[k - 1] in " \u00a0":
        k -= 1
    if k == at:
        return None
    first = None
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_'’-"):
        k -= 1
        if _LETTER.match(text, k):
            first = k
    return first


_LETTER = patterns.compile(r"[^\W\d_]")


def _opens(text: str, at: int) -> bool:
    k = at
    while k > 0 and text[k - 1] in " \u00a0":
        k -= 1
    return k == 0 or text[k - 1] in _STARTS


# --- quotations ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Quote:
    paragraph: int
    text: str
    words: list[str]


def _quotes_of(article: Article) -> list[_Quote]:
    out = []
    for p in article.body:
        for start, end in quotations(p.text):
            inner = p.text[start:end].strip(" \"“”«»„‘’'\u00a0\u202f")
            words = keys(inner)
            if len(words) >= QUOTE_MIN_WORDS:
                out.append(_Quote(p.index, inner, words))
    return out


def _quotes(a: Article, b: Article) -> Iterator[Fact]:
    """Quotations altered (their words, not their marks), cut or added."""
    qa, qb = _quotes_of(a), _quotes_of(b)
    index: dict[tuple[str, ...], list[int]] = {}
    for y, q in enumerate(qb):
        for t in trigrams(q.words):
            index.setdefault(t, []).append(y)
    pairs = []
    for x, qx in enumerate(qa):
        candidates = sorted({y for t in trigrams(qx.words) for y in index.get(t, ())})
        for y in candidates:
            qy = qb[y]
            matcher = SequenceMatcher(None, qx.words, qy.words, autojunk=False)
            kept = sum(size for _, _, size in matcher.get_matching_blocks())
            dice = 2 * kept / (len(qx.words) + len(qy.words))
            if dice >= QUOTE_SAME:
                pairs.append((-dice, x, y))
    pairs.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _dice, x, y in pairs:
        if x in used_a or y in used_b:
            continue
        used_a.add(x)
        used_b.add(y)
        if qa[x].words != qb[y].words:
            yield Fact("quote", "changed", qa[x].text, qb[y].text, qa[x].paragraph, qb[y].paragraph)
    for x, q in enumerate(qa):
        if x not in used_a:
            yield Fact("quote", "dropped", q.text, None, q.paragraph, None)
    for y, q in enumerate(qb):
        if y not in used_b:
            yield Fact("quote", "added", None, q.text, None, q.paragraph)
