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


def originality_key(article: Article, use_dates: bool = True) -> tuple:
    """Sort key: smaller is more likely the original."""
    when = _timestamp(article.date) if use_dates else 0.0
    return (article.agency is None, when, -article.words, str(article.path))


def _dates_comparable(articles: Sequence[Article]) -> bool:
    # An unknown date is not a late one: an undated original must not lose to a dated copy,
    # so dates decide only when every version has one.
    return all(_timestamp(a.date) != float("inf") for a in articles)


def likely_original(articles: Sequence[Article]) -> Article:
    use_dates = _dates_comparable(articles)
    return min(articles, key=lambda a: originality_key(a, use_dates))


def by_originality(articles: Sequence[Article]) -> list[Article]:
    use_dates = _dates_comparable(articles)
    return sorted(articles, key=lambda a: originality_key(a, use_dates))
