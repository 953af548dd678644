"""Which of several versions of a story is most likely the original.

Wire copy carries an agency dateline (``SEOUL (AFP) :``) that republishers
usually drop; the original is also published first and is rarely shorter
than the copies, which trim. These three signals, in that order, decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .model import Article


def _timestamp(date: str | None) -> float:
    if not date:
        return float("inf")
    text = date.strip().replace("Z", "+00:00")
    for candidate in (text, text[:19], text[:10]):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment.timestamp() if moment.tzinfo else moment.replace(tzinfo=None).timestamp()
    return float("inf")


def originality_key(article: Article) -> tuple:
    """Sort key: smaller is more likely the original."""
    return (article.agency is None, _timestamp(article.date), -article.words, str(article.path))


def likely_original(articles: Sequence[Article]) -> Article:
    return min(articles, key=originality_key)


def by_originality(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=originality_key)
