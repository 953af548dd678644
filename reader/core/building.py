"""An article from a record: the same treatment for every format.

Whatever a file's format (text, Markdown, HTML, JSON, a WARC record), its
reader gives a :class:`~reader.core.formats.Record` of paragraph strings and
metadata; this module finds the lead and dateline, the end credit, the
boilerplate, the language, the title and the outlet, and builds the
:class:`~reader.core.model.Article`.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core import formats
from reader.core.boilerplate import classify, mark_runs
from reader.core.datelines import credit_agency, is_credit_line, split_credit_suffix, split_lead
from reader.core.lang import detect
from reader.core.metadata import detect_outlet, host_outlet, make_title
from reader.core.model import Article, Paragraph
from reader.core.sanitize import clean, escape_name, squash


def build_article(
    path: Path, fmt: str, record: formats.Record, *, outlet_from_text_first: bool = False
) -> Article | None:
    """The article in ``record``, read from ``path`` as ``fmt``; None when it has no text.
    ``outlet_from_text_first``: for web pages, whose site name is often a portal's."""
    texts = [t for p in record.paragraphs if (t := squash(clean(p)).strip())]
    lead = dateline = agency = None
    start = None
    # The lead opens the story, which may come after a headline, an editor's note, a byline
    # and a timestamp line.
    for i, text in enumerate(texts[:5]):
        if classify(text) is not None:
            continue
        lead, dateline, agency, rest = split_lead(text)
        if lead is not None:
            if rest.strip():
                texts[i] = rest
            else:  # the dateline stood on its own line
                del texts[i]
            start = i
            break
    if not texts:
        return None
    credit, credit_lines = _split_credit(texts)
    if agency is None and credit is not None:
        agency = credit_agency(credit)
    code = detect(" ".join(texts))
    reasons = mark_runs(texts)
    for k in credit_lines:
        reasons[k] = "credits"
    paragraphs = tuple(Paragraph(i, t, r) for i, (t, r) in enumerate(zip(texts, reasons, strict=True)))
    title = _title(record.title, texts, reasons, fmt, code)
    if start is None:
        start = _story_start(texts, reasons, title)
    named = detect_outlet(texts)
    outlet = (
        (named or _one_line(record.outlet)) if outlet_from_text_first else (_one_line(record.outlet) or named)
    ) or host_outlet(_one_line(record.url))
    number = record.number
    # "crawl.warc.gz#3" is named "crawl#3", as "crawl.warc#3" is.
    bare = path.with_suffix("") if path.suffix.lower() == ".gz" else path
    stem = escape_name(bare.stem) or escape_name(path.name)
    return Article(
        id=f"{stem}#{number}" if number is not None else stem,
        path=path,
        title=title,
        paragraphs=paragraphs,
        format="json" if fmt.startswith("json") else fmt,
        lead=lead,
        dateline=dateline,
        agency=agency,
        outlet=outlet,
        url=_one_line(record.url),
        date=_one_line(record.date),
        record=number,
        language=code,
        credit=credit,
        start=min(start, len(paragraphs) - 1),
    )


def _split_credit(texts: list[str]) -> tuple[str | None, list[int]]:
    """The agency's end credit: its own lines at the end of the story (page furniture
    may follow them), which stay paragraphs of their own, marked as credits, so that a
    copy keeping them keeps them; and a credit closing the last paragraph, which is
    taken off it, as the lead is. Returns the credit's text (None without one) and the
    indexes of the credit lines."""
    found: list[str] = []
    lines: list[int] = []
    k = len(texts) - 1
    while k > 0:
        if is_credit_line(texts[k]):
            found.insert(0, texts[k])
            lines.insert(0, k)
        elif classify(texts[k]) is None:
            break
        k -= 1
    if 0 <= k < len(texts) and classify(texts[k]) is None:
        rest, suffix = split_credit_suffix(texts[k])
        if suffix is not None and rest.strip():
            texts[k] = rest.rstrip()
            found.insert(0, suffix)
    return " · ".join(found) or None, lines


def _title(given: str | None, texts: list[str], reasons: list[str | None], fmt: str, code: str | None) -> str:
    headline = _one_line(given)
    if headline:
        return make_title(headline, limit=120, code=code) if len(headline) > 120 else headline
    if fmt == "text" and len(texts) > 1 and _looks_like_headline(texts[0]) and reasons[0] is None:
        return texts[0]
    body = next((t for t, r in zip(texts, reasons, strict=True) if r is None), texts[0])
    return make_title(body, code=code)


_BYLINE = re.compile(r"^(?:by|par|por|von|di|de)\s+\S.{0,80}$|^[^.!?]{2,60},\s+[^.!?]{2,40}$", re.IGNORECASE)


def _story_start(texts: list[str], reasons: list[str | None], title: str) -> int:
    """The paragraph the story opens with when no dateline says so: the first body
    paragraph that is neither the headline line nor a byline ("By X", "Name, Outlet")."""
    for i, (text, reason) in enumerate(zip(texts, reasons, strict=True)):
        if reason is not None or (i == 0 and text == title) or (len(text) < 90 and _BYLINE.match(text)):
            continue
        if text[-1:] in '.!?»"”’…)':
            return i
    return 0


def _looks_like_headline(text: str) -> bool:
    """A short first line without closing punctuation: the headline of a pasted article."""
    words = text.split()
    return 2 <= len(words) <= 20 and len(text) <= 150 and text[-1] not in ".,;:"


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(clean(value).split())
    return text or None
