"""Messages passed between the app's widgets and screens."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.core.model import LoadResult


@dataclass
class LoadProgress(Message):
    """Files read so far, from the loading worker."""

    done: int
    total: int


@dataclass
class ArticlesLoaded(Message):
    """The loading worker finished (problems included: it never fails)."""

    result: LoadResult
    rows: list  # list[reader.ui.models.article_rows.ArticleRow], one per article


@dataclass
class SimilarityRanked(Message):
    """Every other article scored by the share of the target's text it shares."""

    target: int  # position in the article list
    scores: dict[int, float]  # position in the article list -> share of text, 0..1
    note: str = ""  # said when the ranking is shown (e.g. how many share text)


@dataclass
class LibraryRows(Message):
    """Rows from the folder's index: all it knew at start, then each batch a refresh saved
    (or another process did), or ``reset``: the index was rebuilt, the list starts again."""

    rows: list  # list[reader.library.Row], added or read again
    removed: list[int]  # index ids of rows gone
    initial: bool = False
    prepared: list | None = None  # the initial rows as ArticleRows, made in the worker
    more: bool = False  # initial: the rest of what the index knows is being read
    reset: bool = False
    reread: bool = False  # with reset: nothing is refreshing the index, start a refresh


@dataclass
class LibraryRefreshed(Message):
    """The refresh of the folder's index ended (or could not run: ``error``)."""

    report: object  # reader.library.RefreshReport | None
    problems: list  # list[reader.core.model.Problem], every file the index could not read
    searchable: bool
    error: object = ""  # a line, or the reader.library.LibraryError that stopped the refresh


@dataclass
class StoriesGrouped(Message):
    """The folder grouped into stories by the index (``error`` if that failed)."""

    stories: list  # list[reader.library.Story]
    error: str = ""


@dataclass
class CompareDone(Message):
    """The compare worker's result, laid out for the width the view had when it started."""

    comparison: object  # reader.core.model.Comparison
    layout: object  # reader.view.layout.Layout
    seconds: float


@dataclass
class CompareFailed(Message):
    reason: str
