"""Messages passed between the app's widgets and screens."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.core.model import Article, LoadResult


@dataclass
class LoadProgress(Message):
    """Files read so far, from the loading worker."""

    done: int
    total: int


@dataclass
class ArticlesLoaded(Message):
    """The loading worker finished (problems included: it never fails)."""

    result: LoadResult
    rows: list  # list[reader.ui.article_rows.ArticleRow], one per article


@dataclass
class SimilarityRanked(Message):
    """Every other article scored by the share of the target's text it shares."""

    target: Article
    scores: dict[int, float]  # position in the article list -> share of text, 0..1


@dataclass
class CompareDone(Message):
    """The compare worker's result, laid out for the width the view had when it started."""

    comparison: object  # reader.core.model.Comparison
    layout: object  # reader.ui.diff_layout.Layout
    seconds: float


@dataclass
class CompareFailed(Message):
    reason: str
