"""Small text helpers for showing untrusted names and numbers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.core.lang import name_of
from reader.core.metadata import language_of
from reader.core.model import Article
from reader.core.sanitize import clean, escape_name
from reader.view.wrap import cell_width, truncate


def safe(text: str | None) -> str:
    """One line of untrusted text (titles, outlets, reasons) safe to display. File names
    go through :func:`escape_name` instead: nothing of them is dropped."""
    if not text:
        return ""
    return " ".join(clean(text).split())


def display_path(path: Path, roots: Sequence[Path] = ()) -> str:
    """A path as short as it can be while still naming the file: relative to the folder the
    user opened (``articles/broken.txt``), or to the current folder, else as given;
    escaped as every name is (``caf\\xe9.txt``, ``new\\nline.txt``)."""
    for root in roots:
        base = root.parent if root.is_dir() else None
        if base is not None:
            try:
                return escape_name(path.relative_to(base))
            except ValueError:
                continue
    try:
        return escape_name(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return escape_name(path)


def file_label(article: Article) -> str:
    return article.label  # escaped already


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


def article_facts(article: Article, words: int | None = None) -> list[str]:
    """Agency, place, outlet, size: what identifies a copy besides its title.
    (``words`` when already counted: counting re-reads the whole text.)"""
    facts = [safe(f) for f in (article.agency, article.dateline, article.outlet) if f]
    language = language_of(article)
    if language:
        facts.append(name_of(language))
    words = article.words if words is None else words
    paragraphs = len(article.paragraphs)
    facts.append(f"{words:,} word{'s' if words != 1 else ''}")
    facts.append(f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}")
    return facts
