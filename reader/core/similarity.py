"""Rank articles by how much text they share with one article."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Article
from .shingles import containment, text_shingles


def article_shingles(article: Article) -> set[int]:
    return text_shingles(p.text for p in article.body)


def rank_similar(target: Article, others: Sequence[Article]) -> list[tuple[Article, float]]:
    """Every other article with the share of text it shares with ``target`` (0..1), best first."""
    mine = article_shingles(target)
    scored = [(o, containment(mine, article_shingles(o))) for o in others if o is not target]
    scored.sort(key=lambda pair: (-pair[1], str(pair[0].path), pair[0].record or 0))
    return scored
