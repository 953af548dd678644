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

from collections.abc import Callable, Iterator, Sequence
from difflib import SequenceMatcher

from . import lang, patterns

# Credits and numbers are found in their own modules, and the record stands in one
# that they share, to keep this one short without an import cycle. The names that
# were imported from here before are re-exported ("x as x"), so callers need not move.
from .credits import agencies_of as agencies_of
from .credits import credit_changes
from .credits import credit_kept as credit_kept
from .fact_record import FACT_KINDS as FACT_KINDS
from .fact_record import Fact
from .fact_record import FactChange as FactChange
from .fact_record import FactKind as FactKind
from .matching import trigrams
from .model import Article, Group
from .number_facts import Lines, Spans, changed_spans, number_changes
from .records import record
from .sentences import keys, quotations

# A quotation this short ("a 'serious' threat") is a word in quotation marks.
QUOTE_MIN_WORDS = 4
# Two quotations are one (altered) when this share of their words is kept in order.
QUOTE_SAME = 0.5
# In a language that capitalises every noun, a changed capitalised word is a name only
# when respelt, not replaced ("Keller"/"Kessler", not "Toten"/"Opfer").
RESPELT = 0.5
# A replacement of more words than this on a side is a clause rewritten, not a name changed.
NAME_WORDS = 4


def find_facts(
    a: Article,
    b: Article,
    groups: tuple[Group, ...],
    related: bool,
    found_in: dict[int, list[Fact]] | None = None,
    quotes: list[Fact] | None = None,
) -> tuple[Fact, ...]:
    """The facts of a comparison, in reading order (B's, cuts where they stood).
    ``found_in`` holds ``group_facts`` of some groups (by index), and ``quotes`` the
    ``quote_facts``, when found beforehand."""
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
    facts = [*credit_changes(a, b, partner_b, partner_a), *(quote_facts(a, b) if quotes is None else quotes)]
    found_in = found_in or {}
    for n, g in enumerate(groups):
        facts.extend(found_in[n] if n in found_in else group_facts(a, b, g, code))
    found = [(place(f), f) for f in facts]
    found.sort(key=lambda pf: (pf[0], _pos(pf[1])))
    return tuple(f for _, f in found)


def group_facts(a: Article, b: Article, g: Group, code: str | None) -> list[Fact]:
    """The numbers and names changed in one group of a related pair (none where its
    text was kept, or is boilerplate)."""
    if not (g.a and g.b) or g.kind in ("identical", "typography", "boilerplate"):
        return []
    # The spans of its changes, read once for both (joining a long group's ops is not free).
    spans = changed_spans(g)
    return [*number_changes(g, code, spans), *_names(g, code, spans)]


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


# --- names -----------------------------------------------------------------------

_CAPITAL = patterns.compile(r"[^\W\d_][\w'’\-]*")
_STARTS = ".!?:;\"“”«»„‘'(—–\n"


def _names(g: Group, code: str | None, spans: Spans) -> Iterator[Fact]:
    """A name respelt or replaced inside a linked paragraph: a short replacement (a few
    words each side) whose capitalised words, not opening a sentence, differ. ``spans``
    are the group's ``changed_spans``."""
    table = lang.language(code)
    nouns = table is not None and table.capitalised_nouns
    text_a, text_b, _ca, _cb, replaced = spans
    lower_a = lower_b = None
    lines_a, lines_b = Lines(g.a, text_a), Lines(g.b, text_b)
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


@record(frozen=True, slots=True)
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


def quote_facts(a: Article, b: Article) -> list[Fact]:
    """Quotations altered (their words, not their marks), cut or added: found in the
    two texts whatever their alignment (a quotation moves with the text around it)."""
    return list(_quotes(a, b))


def _quotes(a: Article, b: Article) -> Iterator[Fact]:
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
