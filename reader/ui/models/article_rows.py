"""What the article table shows and sorts by, computed once per article.

Pure Python, run in the loading worker: ``Article.words`` and the cleaned names
cost a regular expression each, too slow to recompute for thousands of rows on
every keystroke of the filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.lang import name_of
from reader.core.model import Article
from reader.core.sanitize import escape_name
from reader.library import Row
from reader.view.text import file_label, safe


@dataclass(frozen=True, slots=True)
class ArticleRow:
    index: int  # position in the loaded list
    agency: str
    place: str
    title: str
    outlet: str
    words: int
    paragraphs: int
    file: str
    path_key: tuple[str, int]
    haystack: str  # title, outlet, names and text, case-folded, for the filter

    def matches(self, words: Sequence[str]) -> bool:
        return all(word in self.haystack for word in words)


def article_row(index: int, article: Article) -> ArticleRow:
    title = safe(article.title) or "(untitled)"
    outlet = safe(article.outlet)
    agency = safe(article.agency)
    place = safe(article.dateline)
    label = file_label(article)
    language = name_of(article.language)  # the vote: no model loaded for a keystroke filter
    haystack = " ".join([title, outlet, agency, place, label, language, article.text]).casefold()
    return ArticleRow(
        index=index,
        agency=agency,
        place=place,
        title=title,
        outlet=outlet,
        words=article.words,
        paragraphs=len(article.paragraphs),
        file=label,
        path_key=(str(article.path), article.record or 0),
        haystack=haystack,
    )


def library_row(index: int, row: Row) -> ArticleRow:
    """The row of an article the folder's index knows, without reading its file. The
    filter then sees the title, outlet, agency, place, file name and language, not the
    text."""
    title = safe(row.title) or "(untitled)"
    outlet = safe(row.outlet or "")
    agency = safe(row.agency or "")
    place = safe(row.dateline or "")
    label = escape_name(row.label)
    return ArticleRow(
        index=index,
        agency=agency,
        place=place,
        title=title,
        outlet=outlet,
        words=row.words,
        paragraphs=row.paragraphs,
        file=label,
        path_key=(row.file, row.record or 0),
        haystack=" ".join([title, outlet, agency, place, label, name_of(row.language)]).casefold(),
    )


def article_rows(articles: Sequence[Article]) -> list[ArticleRow]:
    return [article_row(index, article) for index, article in enumerate(articles)]


def by_name(key: str, scores: dict[int, float] | None) -> bool:
    """Whether ``sort_value`` for this column is the row's ``path_key``."""
    return key not in _OWN_ORDER and (key != "shared" or scores is None)


_OWN_ORDER = frozenset(("mark", "outlet", "agency", "place", "title", "words", "paragraphs"))


def sort_value(
    row: ArticleRow, key: str, marks: Sequence[int], scores: dict[int, float] | None, target: int | None
) -> tuple:
    """The sort key of a row for a column; ties go by file name."""
    if key == "mark":
        return (marks.index(row.index) if row.index in marks else len(marks), row.file)
    if key == "outlet":
        return (not row.outlet, row.outlet.casefold(), row.file)
    if key == "agency":
        return (not row.agency, row.agency.casefold(), row.file)
    if key == "place":
        return (not row.place, row.place.casefold(), row.file)
    if key == "title":
        return (row.title.casefold(), row.file)
    if key == "words":
        return (row.words, row.file)
    if key == "paragraphs":
        return (row.paragraphs, row.file)
    if key == "shared" and scores is not None:
        # Best match first; the article they are compared with stays on top.
        return (row.index != target, -scores.get(row.index, 0.0), row.file)
    return row.path_key
