"""What the library hands out: rows of the index, copies, stories, refresh reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from reader.core.model import Problem


class LibraryError(Exception):
    """The folder cannot be indexed at all (it does not exist, the cache is not writable).
    The message is one line: ``path: reason``."""


class Row(NamedTuple):
    """What the index knows of an article without reading it: one line of the list.
    (A named tuple: rows() builds 100k of them, five times faster than dataclasses.)"""

    id: int
    file: str  # the file's path, under the folder as it was given
    rel: str  # the file's path inside the folder
    record: int | None  # position in a JSON / JSON Lines file
    title: str
    format: str
    agency: str | None
    dateline: str | None
    outlet: str | None
    date: str | None
    url: str | None
    words: int
    paragraphs: int
    language: str | None  # ISO 639-1

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def label(self) -> str:
        """The file inside the folder, plus ``#N`` for record N of a JSON file (as the
        command line names it)."""
        return f"{self.rel}#{self.record}" if self.record is not None else self.rel

    @property
    def name(self) -> str:
        """The file's path as given, plus ``#N`` for a record: what the shell accepts."""
        return f"{self.file}#{self.record}" if self.record is not None else self.file


class Match(NamedTuple):
    row: Row
    score: float  # share of the smaller text found in the other, 0..1


@dataclass(frozen=True, slots=True)
class Story:
    story_id: int  # 1 is the story with the most versions
    members: tuple[Row, ...]  # the likely original first

    @property
    def paths(self) -> list[Path]:
        return [m.path for m in self.members]

    @property
    def original(self) -> Row:
        return self.members[0]


@dataclass(frozen=True, slots=True)
class RefreshReport:
    files: int  # candidate files in the folder
    read: int  # files read this time: added or changed since the last refresh
    added: int
    changed: int
    removed: int
    articles: int  # articles in the index afterwards
    problems: tuple[Problem, ...]  # met in the files read this time
    seconds: float
    waited: float  # seconds spent waiting for another process's refresh
    cancelled: bool = False
    rebuilt: str | None = None  # why the index was rebuilt from scratch, if it was
