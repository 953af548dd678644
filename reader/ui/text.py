"""Small text helpers for showing untrusted names and numbers."""

from __future__ import annotations

from reader.core.model import Article
from reader.core.sanitize import clean
from reader.ui.wrap import cell_width, truncate


def safe(text: str | None) -> str:
    """One line of untrusted text (titles, file names, reasons) safe to display."""
    if not text:
        return ""
    return " ".join(clean(text).split())


def file_label(article: Article) -> str:
    return safe(article.label)


def middle_truncate(text: str, width: int) -> str:
    """Shorten a file name from the middle, keeping its start and its extension."""
    if cell_width(text) <= width:
        return text
    if width < 8:
        return truncate(text, width)
    tail = max(4, width // 3)
    head = width - tail - 1
    return text[:head] + "…" + text[-tail:]


def percent(share: float) -> str:
    value = share * 100
    if 0 < value < 1:
        return "<1%"
    return f"{value:.0f}%"


def article_facts(article: Article) -> list[str]:
    """Agency, place, outlet, size: what identifies a copy besides its title."""
    facts = [safe(f) for f in (article.agency, article.dateline, article.outlet) if f]
    words = article.words
    paragraphs = len(article.paragraphs)
    facts.append(f"{words:,} word{'s' if words != 1 else ''}")
    facts.append(f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}")
    return facts
