"""The list's articles from the tables ``reader spark`` writes (``reader --from DIR``):
rows, stories and samples are known at once from the tables; an article's text is
read from its uri (a local file, record N of it for ``FILE#N``) only when it is
shown, compared or put in a story view. A uri this machine cannot open (``s3a://``,
``hdfs://``, a file gone since the job ran) is a Problem, never an exception."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.core.loading import load_file
from reader.core.model import Article, Problem
from reader.core.sanitize import escape_name
from reader.library import Row
from reader.view.text import safe

from .article_rows import ArticleRow, library_row
from .list_words import problem_line
from .sources import KEEP_LOADED, ArticleUnreadable


def uri_name(uri: str, record: int | None) -> str:
    """A uri as the list and the messages name it (escaped; ``#N`` for a record)."""
    name = escape_name(uri)
    return f"{name}#{record}" if record is not None else name


def read_uri(uri: str, record: int | None, table: Path) -> Article | Problem:
    """The article a row of the tables names (``uri``: the local path the tables give,
    else hdfs://, s3a://...), read with the normal loader. A Problem names the file, or,
    for a uri no local path stands for, the articles table, the uri in its reason."""
    if "://" in uri:
        scheme = uri.partition("://")[0]
        return Problem(
            table, f"{uri_name(uri, record)}: on {scheme}://, not on this machine (the app reads local files)"
        )
    path = Path(uri)
    if not path.exists() and not path.is_symlink():
        return Problem(path, "no longer there (moved or deleted since the Spark job read it)")
    articles, problems = load_file(path)
    for article in articles:
        if article.record == record or (article.record is None and record in (None, 1)):
            return article
    if problems:
        return problems[0]
    if record is not None:
        return Problem(path, f"record {record} is not in the file (it has {len(articles)})")
    return Problem(path, "no article in the file")


class TablesArticles(Sequence[Article]):
    """The articles of the list by position, read from their uris when asked for and
    kept for the next few keypresses. Raises ArticleUnreadable for a uri that cannot
    be read."""

    def __init__(self, uris: Sequence[tuple[str, int | None]], table: Path) -> None:
        self.uris = uris
        self.table = table
        self._loaded: dict[int, Article] = {}

    def __len__(self) -> int:
        return len(self.uris)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        kept = self._loaded.get(index)
        if kept is not None:
            return kept
        found = read_uri(*self.uris[index], self.table)
        if isinstance(found, Problem):
            raise ArticleUnreadable(found)
        if len(self._loaded) >= KEEP_LOADED:
            self._loaded.pop(next(iter(self._loaded)))
        self._loaded[index] = found
        return found


class TablesSource:
    """The articles of a Spark job's tables, in the order the tables gave them."""

    library = None  # no folder index: the stories and samples are the tables'
    problems: tuple[Problem, ...] = ()

    def __init__(self, tables, rows: Sequence[Row], table: Path) -> None:
        self.tables = tables  # reader.library.tables.Tables, for `s`
        # A row's file is the local path the tables name, else the uri (s3a://...).
        self.rows: list[ArticleRow] = [library_row(n, row) for n, row in enumerate(rows)]
        self.ids = [row.id for row in rows]
        uris = [(row.file, row.record) for row in rows]
        self.positions = {article_id: n for n, article_id in enumerate(self.ids)}
        self.articles = TablesArticles(uris, table)
        self.story_groups: list[list[int]] = []  # the tables' stories, positions in rows

    @property
    def total(self) -> int:
        return len(self.rows)

    def article(self, index: int) -> Article:
        return self.articles[index]

    def id_at(self, index: int) -> int:
        return self.ids[index]

    def shown_rows(self) -> list[ArticleRow]:
        return self.rows

    def problem_text(self, problem: Problem, roots: Sequence[Path]) -> str:
        """A uri that could not be read, and why: a remote one is named in the reason."""
        if problem.path == self.articles.table:
            return safe(problem.reason)
        return problem_line(problem, roots)

    def position_of(self, key: tuple[str, int]) -> int | None:
        """The row of a uri and record (to keep the cursor on it when the tables are read again)."""
        return next((row.index for row in self.rows if row.path_key == key), None)

    def groups(self, stories: Iterable) -> list[list[int]]:
        """The tables' stories (reader.library.Story, the likely original first) as
        positions in rows."""
        return [[self.positions[m.id] for m in story.members if m.id in self.positions] for story in stories]

    def scores(self, matches: Iterable) -> dict[int, float]:
        """The tables' matches (reader.library.Match) as scores by position in rows."""
        return {self.positions[m.row.id]: m.score for m in matches if m.row.id in self.positions}
