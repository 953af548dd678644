"""The article inside a web page: body paragraphs, headline, URL, date, site.

trafilatura does the real work (it is made for exactly this: dropping
navigation, scripts, styles, footers and comment sections). It costs a fifth
of a second to import, so it is imported only when the first HTML file is met.
A small standard-library parser runs beside it: it takes the text of
``<article>`` (else ``<main>``, else ``<body>``) minus the page furniture, and
is used when trafilatura finds nothing (very short pages, fragments such as an
HTML ``body`` field in a JSON record) or cannot be imported. On short pages
trafilatura falls back to keeping everything, menus included, so any of its
paragraphs that is exactly the text of a ``<nav>``, ``<header>``, ``<footer>``
or ``<aside>`` block is dropped.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from reader.core import patterns
from reader.core.sanitize import squash

from .records import field, record


@record(slots=True)
class Page:
    paragraphs: list[str]
    title: str | None = None
    url: str | None = None
    date: str | None = None
    site: str | None = None
    furniture: list[str] = field(default_factory=list)  # text blocks of nav, header, footer, aside


_ISO_DATE = patterns.compile(r"\d{4}-\d\d-\d\d(?:[T ]|$)")


def extract(html: str) -> Page:
    """Paragraphs and metadata of the article in ``html`` (paragraphs may be empty)."""
    simple = simple_extract(html)
    page = _with_trafilatura(html)
    if page is None:
        return simple
    furniture = {_fold(t) for t in simple.furniture}
    page.paragraphs = [p for p in page.paragraphs if _fold(p) not in furniture]
    if not page.paragraphs:
        return simple
    page.title = page.title or simple.title
    page.url = page.url or simple.url
    page.date = page.date or simple.date
    page.site = page.site or simple.site
    return page


def _with_trafilatura(html: str) -> Page | None:
    try:
        import trafilatura
    except Exception:  # missing, or a missing piece of it (lxml_html_clean): use the fallback
        return None
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        # Their warnings would otherwise reach stderr (and the terminal UI) through
        # logging's last-resort handler.
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
            logger.propagate = False
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
            # Only dates the page states: the extensive search would take "© 2024" for 2024-01-01.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a parser bug on hostile markup must not lose the file: use the fallback
        return None
    if doc is None:
        return None
    title = _one_line(getattr(doc, "title", None))
    lines = [squash(line) for line in (getattr(doc, "text", None) or "").split("\n")]
    paragraphs = [_LIST_MARK.sub("", line) for line in lines if line]
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs.pop(0)  # the headline, repeated as the first block of the body
    return Page(
        paragraphs=[p for p in paragraphs if p],
        title=title,
        url=_one_line(getattr(doc, "url", None)),
        date=_one_line(getattr(doc, "date", None)),
        site=_one_line(getattr(doc, "sitename", None)),
    )


_LIST_MARK = re.compile(r"^- ")


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _day(value: str | None) -> str | None:
    """The date of an ISO timestamp ("2024-06-12T08:00:00Z" -> "2024-06-12"), as trafilatura gives it."""
    text = _one_line(value)
    if text and _ISO_DATE.match(text):
        return text[:10]
    return text


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(a: str, b: str) -> bool:
    return _fold(a).strip(" .") == _fold(b).strip(" .")


# --- fallback ----------------------------------------------------------------

# Never text: code, styles, widgets. (Not <form>: ASP.NET pages wrap the whole page in one.)
_CODE = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "button",
        "select",
        "iframe",
        "object",
        "canvas",
        "head",
    )
)
# Text, but not the article's.
_FURNITURE = frozenset(("nav", "header", "footer", "aside", "figure", "figcaption"))
_BLOCKS = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "tr",
        "dd",
        "dt",
        "br",
        "hr",
        "ul",
        "ol",
        "table",
    )
)
_VOID = frozenset(
    ("br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr")
)


class _Collector(HTMLParser):
    """Text of the page split at block boundaries, with the furniture left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code_depth = 0
        self.furniture_depth = 0
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # tag -> how many are on the stack: O(1) look-ups on deep pages
        self.zones: dict[str, list[str]] = {"article": [], "main": [], "body": [], "furniture": []}
        self.current: list[str] = []
        self.furniture: list[str] = []
        self.title_parts: list[str] = []
        self.h1: str | None = None
        self.h1_parts: list[str] | None = None
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = dict(attrs)
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"] or "")
            return
        if tag == "link":
            values = dict(attrs)
            if (values.get("rel") or "").lower() == "canonical" and values.get("href"):
                self.meta.setdefault("canonical", values["href"] or "")
            return
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag in _BLOCKS or tag in _FURNITURE:
            self._flush()
        if tag in _CODE:
            self.code_depth += 1
        if tag in _FURNITURE:
            self.furniture_depth += 1
        if tag == "h1" and self.h1 is None and not self.code_depth and not self.furniture_depth:
            self.h1_parts = []
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if not self.open.get(tag):
            return
        while self.stack:  # close elements left open by sloppy markup
            top = self.stack[-1]
            if top in _BLOCKS or top in _FURNITURE:
                self._flush()
            self.stack.pop()
            self.open[top] -= 1
            if top in _CODE:
                self.code_depth -= 1
            if top in _FURNITURE:
                self.furniture_depth -= 1
            if top == "h1" and self.h1_parts is not None:
                self.h1 = " ".join("".join(self.h1_parts).split()) or None
                self.h1_parts = None
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.code_depth:
            return
        if self.furniture_depth:
            self.furniture.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        self.current.append(data)

    def _flush(self) -> None:
        aside = " ".join("".join(self.furniture).split())
        self.furniture = []
        if aside:
            self.zones["furniture"].append(aside)
        text = squash("".join(self.current))
        self.current = []
        if not text:
            return
        zones = ["body"]
        if self.open.get("article"):
            zones.append("article")
        if self.open.get("main"):
            zones.append("main")
        for zone in zones:
            self.zones[zone].append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def simple_extract(html: str) -> Page:
    """Standard-library extraction: the blocks of ``<article>``, else ``<main>``,
    else the whole body, without scripts, styles, navigation, headers, footers and asides."""
    collector = _Collector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # HTMLParser is lenient, but never let markup stop a load
        pass
    blocks = collector.zones["article"] or collector.zones["main"] or collector.zones["body"]
    paragraphs = list(blocks)
    meta = collector.meta
    title = _one_line(meta.get("og:title")) or collector.h1 or _one_line("".join(collector.title_parts))
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs.pop(0)
    return Page(
        paragraphs=paragraphs,
        title=title,
        url=_one_line(meta.get("og:url") or meta.get("canonical")),
        date=_day(meta.get("article:published_time") or meta.get("date") or meta.get("pubdate")),
        site=_one_line(meta.get("og:site_name")),
        furniture=collector.zones["furniture"],
    )
