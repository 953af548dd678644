"""Recognise paragraphs that are not part of the story: appeals, captions, links.

Republished copies of a wire story pick up donation appeals, "Read more"
lines, photo captions and scraper debris. Shown as edits they would drown the
real changes, so they are *marked* with a short reason (never deleted: the user
can still read them) and comparisons fold them into one line.

Precision matters more than recall: a body paragraph wrongly marked disappears
from the comparison, while a missed appeal only shows up as an insertion. So
the rules match the fixed wording of page furniture, look at text outside
quotation marks only (a quoted "thank you for your support" is news), and
require the reader to be addressed ("you", "we", "our") before reading words
such as "donation" as an appeal.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# The English rules and the languages' tables are in their own modules; the reasons
# are re-exported ("x as x") so that they are still read from here.
from .boilerplate_rules import APPEAL as APPEAL
from .boilerplate_rules import APPEALS as APPEALS
from .boilerplate_rules import DONATION as DONATION
from .boilerplate_rules import NEWSLETTER as NEWSLETTER
from .boilerplate_rules import QUOTED, READER_ADDRESS, appeals, caption, junk, notices, short_lines
from .boilerplate_rules import SUBSCRIPTION as SUBSCRIPTION
from .boilerplate_tables import table_reason
from .tokens import one_spaced


@lru_cache(maxsize=8192)  # versions of one story share most paragraphs
def classify(text: str) -> str | None:
    """Why ``text`` (one paragraph) is boilerplate, or None for story text.

    Reasons: "donation appeal", "subscription appeal", "newsletter", "appeal",
    "read more", "also read", "photo caption", "social", "copyright",
    "credits", "advertisement", "cookie notice", "remind me later",
    "button text", "script", "tracking junk", "link".
    """
    t = one_spaced(text)
    if not t:
        return None
    lower = t.lower()
    for check in _CHECKS:
        reason = check(t, lower)
        if reason:
            return reason
    return None


# The first reason found is the one given, so the order decides between them: the
# English rules before the languages' tables, as before the split.
_CHECKS = (short_lines, junk, notices, caption, appeals, table_reason)


def mark_runs(paragraph_texts: Sequence[str]) -> list[str | None]:
    """Classify each paragraph, then use its neighbours.

    An appeal is usually a block: a header ("A Message from X:", "Dear
    readers,") followed by paragraphs that speak to the reader in the first
    and second person ("We are facing unprecedented challenges...") and do not
    match any rule on their own. Such a block, and a block of reader-addressing
    paragraphs at the end of the article that contains an appeal, is marked as
    a whole with the appeal's reason. A block stops at the first paragraph that
    reads like story text.
    """
    reasons = [classify(t) for t in paragraph_texts]
    n = len(reasons)
    i = 1  # a header as the very first paragraph is a letter, not an inserted appeal
    while i < n:
        if reasons[i] == APPEAL:
            j = i + 1
            while j < n and _appeal_like(paragraph_texts[j], reasons[j]):
                j += 1
            _assign(reasons, i, j)
            i = j
        else:
            i += 1
    # A trailing block of reader-addressing paragraphs holding an appeal.
    start = n
    while start > 1 and _appeal_like(paragraph_texts[start - 1], reasons[start - 1]):
        start -= 1
    # An op-ed that says "we" throughout and ends with an appeal keeps its body.
    if start >= n // 2 and any(r in APPEALS for r in reasons[start:]):
        _assign(reasons, start, n)
    return reasons


def _assign(reasons: list[str | None], start: int, end: int) -> None:
    block = reasons[start:end]
    reason = next((r for r in APPEALS if r in block), None)
    if reason is None:
        return
    for k in range(start, end):
        if reasons[k] in (None, APPEAL, *APPEALS, "remind me later", "button text", "social"):
            reasons[k] = reason


def _appeal_like(text: str, reason: str | None) -> bool:
    if reason is not None:
        return reason in (APPEAL, *APPEALS, "remind me later", "button text", "social", "copyright")
    if len(text.split(maxsplit=3)) <= 3:
        return True
    return READER_ADDRESS.search(QUOTED.sub(" ", text)) is not None
