"""Are two texts versions of one story, or two stories?

One coverage threshold cannot tell: an agency's evening write-through may keep
only a quarter of the afternoon version (a reworded lede, a quotation, some
background), while its story on another earthquake the week before shares as
much (a background paragraph repeated word for word, a lede written from the
same template, stock phrases). So the decision weighs kinds of evidence that
hold in every language:

- a copy: shared text (paragraphs equal word for word and strongly matched
  sentences, outside quotations) covers half of the shorter text or more;
- the ledes: the lede of one is a version of a sentence at the top of the other
  (a write-through rewrites the lede around the same event, keeping a run of its
  wording and its names; a bulletin's lede opens the full story). Two stories of
  one kind have ledes written from one template, with other places, names and
  dates in its slots; a follow-up restates the first story's lede lower down,
  as a reminder, and opens with something new;
- edited sentences: several sentences matched with edits, outside quotations
  and outside paragraphs repeated word for word (carried-over background is
  what two stories of one agency share; editing is what versions share).

A sentence match that swaps the specifics of the story in both texts (other
numbers, names and dates in the same frame: "a magnitude 6.1 quake struck X on
Tuesday" / "a magnitude 5.4 quake struck Y on Friday") is a template, not a
version, and counts for nothing. Datelines on different days, and credits to two
different agencies (rival agencies' reports of one event quote the same
statements and give the same figures), say two stories, unless one is a copy of
the other.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import cache, lru_cache

from . import lang, patterns
from .matching import content
from .records import field, record
from .sentences import Sentence, cased_keys

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)

# Shared text covering this share of the shorter text makes a copy.
COPY_COVERAGE = 0.5
# ... or paragraphs equal word for word covering this share of the longer one (a
# statement republished, a page of boilerplate), quotations included.
RELATED_EQUAL = 0.8
# Edited sentences, when the ledes say nothing either way: at least this many, covering
# this share of the shorter text (background carried over with a figure updated is one
# or two such sentences; a write-through that rewrote its lede keeps more).
EDITED_SENTENCES = 3
EDITED_COVERAGE = 0.12
# A match whose two sentences each hold at least this many specifics the other lacks
# is a template filled in twice.
TEMPLATE_SWAPS = 2
# A lede kept in a version: this many words in a row, this many of them content words.
LEDE_RUN = 6
LEDE_RUN_CONTENT = 3
# ... or this share of both ledes' words, in order, when no run is that long.
LEDE_DICE = 0.7
# Ledes with this many names each, most of them unknown to the other text, tell two stories.
ELSEWHERE_NAMES = 2
# A slot of a template: at most this many words on each side of a gap between runs.
SLOT_WORDS = 5

# How the ledes of two texts relate: "version" (one keeps the other's), "template" (two
# stories told in one frame), "restated" (one recalls the other's lede below its own).
if TYPE_CHECKING:
    from typing import Literal

    Lede = Literal["version", "template", "restated"] | None
else:
    Lede = str | None


@record(slots=True)
class Evidence:
    """What two texts share, gathered while aligning them."""

    shorter: int  # body words of the shorter text
    longer_all: int  # words of the longer text, boilerplate and quotations included
    equal_all: int = 0  # words of paragraphs equal after folding, quotations included
    shared: int = 0  # words outside quotations in equal paragraphs and strong matches
    edited: list[int] = field(default_factory=list)  # words of each edited, non-template match
    lede: Lede = None
    other_day: bool = False  # the datelines give two different days
    other_agency: bool = False  # each is credited to an agency, not the same one

    def copied(self) -> bool:
        """Whether the words shared outside quotations alone make the texts versions."""
        return self.shared >= COPY_COVERAGE * max(self.shorter, 1)

    def related(self) -> bool:
        shorter = max(self.shorter, 1)
        if self.copied():
            return True
        if self.equal_all >= RELATED_EQUAL * max(self.longer_all, 1):
            return True
        if self.other_day or self.other_agency:
            return False
        if self.lede is not None:
            return self.lede == "version"
        return len(self.edited) >= EDITED_SENTENCES and sum(self.edited) >= EDITED_COVERAGE * shorter


_TOKEN = patterns.compile(r"\d+(?:[.,:h]\d+)*|[^\W\d_][\w'’\-]*")
_OPENERS = frozenset(".!?:;\"“”«»„‘’'(—–")
_QUOTE_MARKS = str.maketrans(dict.fromkeys("“”«»„", '"'))
_THOUSANDS = patterns.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


@cache
def _date_words() -> frozenset[str]:
    names = set(lang.month_names()) | set(lang.weekday_names())
    return frozenset(names)


def _capitals_name(code: str | None) -> bool:
    """Whether a capital marks a name in the language (not where every noun takes one)."""
    table = lang.language(code)
    return table is None or not table.capitalised_nouns


@lru_cache(maxsize=4096)  # a sentence is weighed against each of its candidates
def specifics(text: str, code: str | None) -> frozenset[str]:
    """The tokens that tell one story from another of the same kind: numbers, dates,
    and names (capitalised words that do not open a sentence or a quotation; not in a
    language that capitalises every noun)."""
    names = _capitals_name(code)
    dates = _date_words()
    out: set[str] = set()
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            out.add(_number(token))
            continue
        low = token.lower()
        if low in dates or (names and token[0].isupper() and not _opens(text, m.start())):
            out.add(low)
    return frozenset(out)


def _opens(text: str, at: int) -> bool:
    # Looking back from ``at`` rather than slicing: a slice copies the text before it,
    # quadratic over a long paragraph.
    k = at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in _OPENERS


def _number(token: str) -> str:
    if _THOUSANDS.match(token):
        return token.replace(".", "").replace(",", "")
    return token.replace(",", ".")


def is_template(a_text: str, b_text: str, code: str | None) -> bool:
    """Whether two matched sentences are one frame filled with other specifics."""
    if a_text == b_text:  # most matched sentences: kept as they were
        return False
    # Most matched sentences differ in a word or two: a specific one text holds and the
    # other lacks is in the text between what they share at their start and at their
    # end, and when that holds too few on either side, neither text is read whole.
    # Double quote marks are no part of a token and all open a sentence alike: written
    # alike, a restyled quotation is no difference (and the texts keep their lengths).
    plain_a, plain_b = a_text.translate(_QUOTE_MARKS), b_text.translate(_QUOTE_MARKS)
    if plain_a == plain_b:
        return False
    names = _capitals_name(code)
    start, end_a, end_b = _between_shared(plain_a, plain_b)
    if not (_may_hold(plain_a, start, end_a, names) and _may_hold(plain_b, start, end_b, names)):
        return False
    sa, sb = specifics(a_text, code), specifics(b_text, code)
    return len(sa - sb) >= TEMPLATE_SWAPS and len(sb - sa) >= TEMPLATE_SWAPS


def _between_shared(a: str, b: str) -> tuple[int, int, int]:
    """Where the tokens of ``a`` and ``b`` that may differ start (the same in both) and
    end in each. Before the start and after the ends, each text's tokens are the
    other's, read in the same context (no token holds or looks past a space): the start
    follows a space of the shared beginning; each end is a space of the shared ending,
    after a character of it that is no space (what ``_opens`` looks back at)."""
    shorter = min(len(a), len(b))
    head = _shared_head(a, b, shorter)
    tail = _shared_tail(a, b, shorter - head)
    start = a.rfind(" ", 0, head) + 1
    end = a.find(" ", len(a) - tail + 1)
    while end > 0 and a[end - 1].isspace():
        end = a.find(" ", end + 1)
    if end < 0:
        return start, len(a), len(b)
    return start, end, end - len(a) + len(b)


def _shared_head(a: str, b: str, most: int) -> int:
    """How many characters ``a`` and ``b`` share at their start (at most ``most``):
    halving the range, each step a comparison in C."""
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.startswith(b[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _shared_tail(a: str, b: str, most: int) -> int:
    """How many characters ``a`` and ``b`` share at their end (at most ``most``)."""
    lo, hi = 0, most
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.endswith(b[len(b) - mid : len(b) - lo], 0, len(a) - lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _may_hold(text: str, start: int, end: int, names: bool) -> bool:
    """Whether the tokens of ``text[start:end]`` may give TEMPLATE_SWAPS specifics:
    numbers, date words, capitalised words (opening a sentence or not)."""
    dates = _date_words()
    found = 0
    for m in _TOKEN.finditer(text, start, end):
        token = m.group()
        if token[0].isdigit() or (names and token[0].isupper()) or token.lower() in dates:
            found += 1
            if found >= TEMPLATE_SWAPS:
                return True
    return False


def lede_relation(a: Sentence, b: Sentence, code: str | None, a_words: set[str], b_words: set[str]) -> Lede:
    """How two lede-position sentences relate: "version" when one keeps a run of the
    other's wording without swapping its names; "template" when they share a frame
    whose slots hold other names or dates (and numbers); None when neither.
    ``a_words`` and ``b_words`` are all the words of each text: a swapped name is one
    the other text never mentions."""
    cased_a, cased_b = cased_keys(a.text), cased_keys(b.text)
    if len(cased_a) != len(a.words) or len(cased_b) != len(b.words):
        cased_a, cased_b = a.words, b.words
    blocks = SequenceMatcher(None, a.words, b.words, autojunk=False).get_matching_blocks()
    names = numbers = 0
    prev_i = prev_j = 0
    for i, j, size in blocks:
        if 0 < i - prev_i <= SLOT_WORDS and 0 < j - prev_j <= SLOT_WORDS:
            slot_a, slot_b = range(prev_i, i), range(prev_j, j)
            if _names(cased_a, slot_a, b_words, code) and _names(cased_b, slot_b, a_words, code):
                names += 1
            elif _digits(cased_a, slot_a) and _digits(cased_b, slot_b):
                numbers += 1
        prev_i, prev_j = i + size, j + size
    if names >= 2 or (names and numbers) or _elsewhere(cased_a, cased_b, a_words, b_words):
        return "template"
    days_a, days_b = _weekdays(a.words), _weekdays(b.words)
    if days_a and days_b and not days_a & days_b:
        return "template"  # "on Tuesday" and "on Sunday": two events, not one rewritten
    shared = sum(size for _, _, size in blocks)
    run = max(blocks, key=lambda b: b.size)
    kept = content(a.words[run.a : run.a + run.size], code)
    kept_run = run.size >= LEDE_RUN and len(kept) >= LEDE_RUN_CONTENT
    if kept_run or 2 * shared >= (len(a.words) + len(b.words)) * LEDE_DICE:
        return "version"
    return None


def _elsewhere(cased_a: list[str], cased_b: list[str], a_words: set[str], b_words: set[str]) -> bool:
    """Whether each lede is mostly about names the other text never mentions (two
    stories: other places, other people), rather than about the same ones."""
    for cased, other in ((cased_a, b_words), (cased_b, a_words)):
        names = {w.lower() for k, w in enumerate(cased) if k > 0 and w[:1].isupper()}
        if len(names) < ELSEWHERE_NAMES or len(names & other) * 2 >= len(names):
            return False
    return True


def _weekdays(words: list[str]) -> set[str]:
    days = _weekday_words()
    return {w for w in words if w in days}


@cache
def _weekday_words() -> frozenset[str]:
    """Weekday names, and their stems (sentence words are stemmed)."""
    names: set[str] = set()
    for table in lang.languages():
        names.update(table.weekdays)
        names.update(lang.stems(list(table.weekdays), table.code))
    return frozenset(names)


def _digits(tokens: list[str], slot: range) -> bool:
    return any(tokens[k][:1].isdigit() for k in slot)


def _names(tokens: list[str], slot: range, other: set[str], code: str | None) -> bool:
    """Whether a slot holds a name or a date: a capitalised word inside the sentence, or
    a weekday or month. Where every noun takes a capital (German), only a capitalised
    word the other text never uses is taken for a name."""
    dates = _date_words()
    nouns = not _capitals_name(code)
    for k in slot:
        word = tokens[k]
        low = word.lower()
        if low in dates:
            return True
        if k > 0 and word[:1].isupper() and not (nouns and low in other):
            return True
    return False
