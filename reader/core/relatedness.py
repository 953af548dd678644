"""Are two texts versions of one story, or two stories?

One coverage threshold cannot tell: an agency's evening write-through may keep
only a quarter of the afternoon version (a reworded lede, a quotation, some
background), while its story on another earthquake the week before shares as
much (a background paragraph repeated word for word, a lede written from the
same template, stock phrases). So the decision weighs kinds of evidence that
hold in every language:

- a copy: shared text (paragraphs equal word for word and strongly matched
  sentences, outside quotations) covers half of the shorter text or more;
- a shared lede: the lede of one is a version of a sentence at the top of the
  other (a write-through rewrites the lede around the same event; a bulletin's
  lede opens the full story);
- edited sentences: several sentences matched with edits, outside quotations
  and outside paragraphs repeated word for word (carried-over background is
  what two stories of one agency share; editing is what versions share).

A sentence match that swaps the specifics of the story in both texts (other
numbers, names and dates in the same frame: "a magnitude 6.1 quake struck X on
Tuesday" / "a magnitude 5.4 quake struck Y on Friday") is a template, not a
version, and counts for nothing. Datelines on different days say two stories,
unless one is a copy of the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import lang

# Shared text covering this share of the shorter text makes a copy.
COPY_COVERAGE = 0.5
# ... or paragraphs equal word for word covering this share of the longer one (a
# statement republished, a page of boilerplate), quotations included.
RELATED_EQUAL = 0.8
# Edited sentences: at least this many, covering this share of the shorter text.
EDITED_SENTENCES = 2
EDITED_COVERAGE = 0.08
# A match whose two sentences each hold at least this many specifics the other lacks
# is a template filled in twice.
TEMPLATE_SWAPS = 2


@dataclass(slots=True)
class Evidence:
    """What two texts share, gathered while aligning them."""

    shorter: int  # body words of the shorter text
    longer_all: int  # words of the longer text, boilerplate and quotations included
    equal_all: int = 0  # words of paragraphs equal after folding, quotations included
    shared: int = 0  # words outside quotations in equal paragraphs and strong matches
    edited: list[int] = field(default_factory=list)  # words of each edited, non-template match
    lede: bool = False
    other_day: bool = False  # the datelines give two different days

    def related(self) -> bool:
        shorter = max(self.shorter, 1)
        if self.shared >= COPY_COVERAGE * shorter:
            return True
        if self.equal_all >= RELATED_EQUAL * max(self.longer_all, 1):
            return True
        if self.other_day:
            return False
        if self.lede:
            return True
        return len(self.edited) >= EDITED_SENTENCES and sum(self.edited) >= EDITED_COVERAGE * shorter


_TOKEN = re.compile(r"\d+(?:[.,:h]\d+)*|[^\W\d_][\w'’\-]*")
_OPENERS = frozenset(".!?:;\"“”«»„‘’'(—–")
_THOUSANDS = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


@cache
def _date_words() -> frozenset[str]:
    names = set(lang.month_names()) | set(lang.weekday_names())
    return frozenset(names)


def specifics(text: str, code: str | None) -> set[str]:
    """The tokens that tell one story from another of the same kind: numbers, dates,
    and names (capitalised words that do not open a sentence or a quotation; not in a
    language that capitalises every noun)."""
    table = lang.language(code)
    names = table is None or not table.capitalised_nouns
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
    return out


def _opens(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in _OPENERS


def _number(token: str) -> str:
    if _THOUSANDS.match(token):
        return token.replace(".", "").replace(",", "")
    return token.replace(",", ".")


def is_template(a_text: str, b_text: str, code: str | None) -> bool:
    """Whether two matched sentences are one frame filled with other specifics."""
    sa, sb = specifics(a_text, code), specifics(b_text, code)
    return len(sa - sb) >= TEMPLATE_SWAPS and len(sb - sa) >= TEMPLATE_SWAPS
