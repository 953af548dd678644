"""Where the list's articles come from: read into memory (opened on files), or a
folder's index (reader.library), whose rows are known at once and whose articles
are read from their files only when shown, compared or ranked."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path

from reader.core.model import Article, LoadResult, Problem
from reader.core.sanitize import escape_name
from reader.library import Library, Row

from .article_rows import ArticleRow, library_row

# Articles read again from their files, kept for the preview and the next keypress.
KEEP_LOADED = 64


class ArticleUnreadable(Exception):
    """An indexed article could not be read again (its file vanished or changed)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


def signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def folder_of(paths: Sequence[Path]) -> Path | None:
    """The folder the list is opened on, when it is opened on exactly one."""
    if len(paths) == 1:
        try:
            return paths[0] if paths[0].is_dir() else None
        except OSError:
            return None
    return None


def describe_paths(paths: Sequence[Path]) -> str:
    if len(paths) == 1:
        return escape_name(paths[0])
    return f"{len(paths)} paths"


class IndexedArticles(Sequence[Article]):
    """The articles of the list, read from their files when asked for (by position in
    the list). Raises ArticleUnreadable for a file that vanished or changed."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.ids: list[int] = []
        self._loaded: dict[int, tuple[Article, tuple[int, int] | None]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        kept = self._loaded.get(index)
        # A file changed since it was read (size or modification time) is read again.
        if kept is not None and signature(kept[0].path) == kept[1]:
            return kept[0]
        found = self.library.load(self.ids[index])
        if isinstance(found, Problem):
            self._loaded.pop(index, None)
            raise ArticleUnreadable(found)
        if len(self._loaded) >= KEEP_LOADED:
            self._loaded.pop(next(iter(self._loaded)))
        self._loaded[index] = (found, signature(found.path))
        return found

    def forget(self, index: int) -> None:
        self._loaded.pop(index, None)


class MemorySource:
    """Articles read into memory: every row is an article, all of them shown."""

    library: Library | None = None

    def __init__(self, result: LoadResult | None = None, rows: Sequence[ArticleRow] = ()) -> None:
        self.articles: Sequence[Article] = result.articles if result is not None else ()
        self.problems: tuple[Problem, ...] = result.problems if result is not None else ()
        self.rows: list[ArticleRow] = list(rows)

    @property
    def total(self) -> int:
        return len(self.articles)

    def article(self, index: int) -> Article:
        return self.articles[index]

    def shown_rows(self) -> list[ArticleRow]:
        return self.rows


class IndexSource:
    """A folder's index: rows by index id, kept in the order they arrived (a row changed
    by a refresh keeps its position; a row removed stays in place but is no longer shown)."""

    problems: tuple[Problem, ...] = ()

    def __init__(self, library: Library) -> None:
        self.library = library
        self.articles = IndexedArticles(library)
        self.rows: list[ArticleRow] = []
        self.positions: dict[int, int] = {}  # index id -> position in rows
        self.live: set[int] = set()  # positions of the rows still in the folder

    @property
    def total(self) -> int:
        return len(self.live)

    def article(self, index: int) -> Article:
        return self.articles[index]

    def id_at(self, index: int) -> int:
        return self.articles.ids[index]

    def shown_rows(self) -> list[ArticleRow]:
        return [self.rows[i] for i in sorted(self.live)]

    def reset(self) -> None:
        """Forget every row: the index was rebuilt, and its ids name other articles."""
        self.rows.clear()
        self.positions.clear()
        self.live.clear()
        self.articles.ids.clear()
        self.articles._loaded.clear()

    def take(
        self, rows: Sequence[Row], removed: Sequence[int], prepared: Sequence[ArticleRow] | None = None
    ) -> list[int]:
        """Rows added or read again by the index, and ids removed; ``prepared``: the same
        rows already made into ArticleRows (by a worker), when they come in order.
        Returns the positions of the rows removed."""
        added: Sequence[Row] = rows
        if prepared is not None and (not prepared or prepared[0].index == len(self.rows)):
            start = len(self.rows)
            self.rows.extend(prepared)
            ids = list(map(attrgetter("id"), rows))  # in C: a million rows come at once
            self.articles.ids.extend(ids)
            self.positions.update(zip(ids, range(start, start + len(ids)), strict=True))
            self.live.update(range(start, len(self.rows)))
            added = ()
        for row in added:
            position = self.positions.get(row.id)
            if position is None:
                position = len(self.rows)
                self.positions[row.id] = position
                self.articles.ids.append(row.id)
                self.rows.append(library_row(position, row))
            else:
                self.rows[position] = library_row(position, row)
                self.articles.forget(position)
            self.live.add(position)
        gone = []
        for row_id in removed:
            position = self.positions.get(row_id)
            if position is not None:
                self.live.discard(position)
                self.articles.forget(position)
                gone.append(position)
        return gone

    def groups(self, stories: Sequence) -> list[list[int]]:
        """The index's stories (reader.library.Story) as positions in rows."""
        return [[self.positions[m.id] for m in story.members if m.id in self.positions] for story in stories]

    def scores(self, matches: Sequence) -> dict[int, float]:
        """The index's matches (reader.library.Match) as scores by position in rows."""
        return {self.positions[m.row.id]: m.score for m in matches if m.row.id in self.positions}
