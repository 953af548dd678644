"""Find and load article files: folders, files, every format and encoding.

The loader is the wall between the user's files and the rest of the program:
whatever is on disk, it returns articles for what can be read and a one-line
:class:`~reader.core.model.Problem` (``path: reason``) for everything else, and
it never raises for a bad file. It only ever opens files for reading.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.core import formats, warc
from reader.core.building import build_article as _article
from reader.core.decoding import NotText, decode
from reader.core.failures import unforeseen
from reader.core.model import Article, LoadResult, Problem
from reader.core.sanitize import clean, escape_name

from .records import replace

MAX_BYTES = 20_000_000  # a news article is tens of kilobytes; this is a log or a dump
_LIMIT_MB = MAX_BYTES // 1_000_000
ARTICLE_SUFFIXES = frozenset(
    ".txt .text .md .markdown .mdown .mkd .html .htm .xhtml .shtml .json .jsonl .ndjson .warc".split()
)
_MARKDOWN = frozenset((".md", ".markdown", ".mdown", ".mkd"))
_HTML = frozenset((".html", ".htm", ".xhtml", ".shtml"))

Progress = Callable[[int, int], None]


# --- finding files ------------------------------------------------------------


def iter_article_files(folder: Path, problems: list[Problem] | None = None) -> Iterator[Path]:
    """Candidate article files under ``folder``, recursively, in sorted order.

    Hidden files and folders are skipped (``.git``, editor swap files), and so
    are files whose extension says they are something else (images, archives,
    code); files without an extension are candidates, as scrapers often write
    them. Folder symlinks are followed once (a link loop is not walked twice).
    A folder that cannot be listed (permission denied) is added to ``problems``.
    """
    yield from _walk(Path(folder), problems, set())


def _walk(folder: Path, problems: list[Problem] | None, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as error:
        if problems is not None:
            problems.append(Problem(folder, _os_reason(error, folder)))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks; a broken link is "not a dir"
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, problems, seen)
        elif _is_candidate(entry.name):
            yield path


def _is_candidate(name: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    return suffix in ARTICLE_SUFFIXES or warc.is_warc(name) or suffix == "" or not _looks_like_suffix(suffix)


def _looks_like_suffix(suffix: str) -> bool:
    # "Kim met Putin. Again" has a "suffix" of " Again"; only short alphanumeric tails are extensions.
    return 1 < len(suffix) <= 6 and suffix[1:].isalnum()


# --- loading ------------------------------------------------------------------


def load_paths(paths: Iterable[Path | str], progress: Progress | None = None) -> LoadResult:
    """Load folders (recursively) and files; report each bad one as a Problem.

    Files given twice (directly, through a folder, or through a symlink) are
    loaded once. Articles come sorted by path, then record; ``progress`` is
    called with ``(done, total)`` as files are read.
    """
    problems: list[Problem] = []
    files: list[Path] = []
    seen: set[str] = set()
    walked: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, problems, walked)
        elif path.exists() or path.is_symlink():
            candidates = (path,)
        else:
            problems.append(Problem(path, "no such file or folder"))
            continue
        for file in candidates:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                files.append(file)

    articles: list[Article] = []
    total = len(files)
    if progress is not None:
        progress(0, total)
    for done, file in enumerate(files, start=1):
        loaded, troubles = load_file(file)
        articles.extend(loaded)
        problems.extend(troubles)
        if progress is not None:
            progress(done, total)
    articles.sort(key=lambda a: (str(a.path), a.record or 0))
    problems.sort(key=lambda p: str(p.path))
    return LoadResult(tuple(_unique_ids(articles)), tuple(problems))


def load_file(path: Path) -> tuple[list[Article], list[Problem]]:
    """Articles in one file, and the problems met; never raises for a bad file."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_file(path):
        (problems if isinstance(item, Problem) else articles).append(item)  # type: ignore[arg-type]
    return articles, problems


def iter_file(path: Path) -> Iterator[Article | Problem]:
    """The articles of one file, then the problems met; never raises for a bad file.
    A crawl (WARC) comes one article at a time, so that a caller keeping little of
    each (the index) never holds a gigabyte's worth."""
    path = Path(path)
    try:
        if warc.is_warc(path):
            yield from _warc_items(path)
            return
        articles, problems = _load(path)
    except Exception as error:  # last line of defence: one odd file must not stop a folder
        yield Problem(path, unforeseen(error))
        return
    yield from articles
    yield from problems


def article_from_text(text: str, path: Path | str = "<text>", fmt: str = "text") -> Article | None:
    """An article built from text in memory, as if read from a file at ``path``
    (``fmt``: "text", "markdown", "html" or "json"); None when there is no text.
    For tests and for callers that already hold the text."""
    path = Path(path)
    articles, _ = _from_text(path, clean(text), fmt)
    return articles[0] if articles else None


def _load(path: Path) -> tuple[list[Article], list[Problem]]:
    try:
        data = _read(path)
    except _Refused as refusal:
        return [], [Problem(path, str(refusal))]
    try:
        text = decode(data)
    except NotText as error:
        return [], [Problem(path, str(error))]
    text = clean(text)
    if not text.strip():
        return [], [Problem(path, "empty file" if not data.strip() else "no readable text")]
    return _from_text(path, text, _format_of(path, text))


class _Refused(Exception):
    """The file cannot be read at all; the message is the reason."""


def _warc_items(path: Path) -> Iterator[Article | Problem]:
    # Streamed record by record, so no size limit: a crawl's file is a gigabyte.
    try:
        _regular(path)
        handle = path.open("rb")
    except _Refused as refusal:
        yield Problem(path, str(refusal))
        return
    except OSError as error:
        yield Problem(path, _os_reason(error, path))
        return
    with handle:
        reading = warc.warc_articles(handle, path)
        for _, article in reading:
            yield article
        yield from reading.problems


def _regular(path: Path) -> os.stat_result:
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise _Refused("is a folder")
    if not stat.S_ISREG(info.st_mode):
        # Reading a pipe or a device could block forever or never end.
        raise _Refused("not a regular file (a device, pipe or socket)")
    return info


def _read(path: Path) -> bytes:
    try:
        info = _regular(path)
        if info.st_size > MAX_BYTES:
            raise _Refused(f"{info.st_size / 1e6:.1f} MB is larger than the {_LIMIT_MB} MB limit")
        if info.st_size == 0:
            raise _Refused("empty file")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise _Refused(_os_reason(error, path)) from None
    if len(data) > MAX_BYTES:  # it grew between stat and read
        raise _Refused(f"larger than the {_LIMIT_MB} MB limit")
    if not data:
        raise _Refused("empty file")
    return data


def _os_reason(error: OSError, path: Path) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "broken symbolic link" if path.is_symlink() else "no such file or folder"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, NotADirectoryError):
        return "not a folder"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return (error.strerror or str(error)).lower()


def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in _MARKDOWN:
        return "markdown"
    if suffix in _HTML:
        return "html"
    if suffix == ".json":
        return "json"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<article")):
        return "html"
    if head.startswith(("{", "[")):
        return "json?"  # JSON if it parses as article records, else the text it is
    return "text"


def _from_text(path: Path, text: str, fmt: str) -> tuple[list[Article], list[Problem]]:
    if fmt in ("json", "jsonl", "json?"):
        try:
            found = formats.json_records(text, lines=fmt == "jsonl")
        except formats.NotArticles as error:
            if fmt == "json?":
                return _from_text(path, text, "text")
            return [], [Problem(path, str(error))]
        articles = [a for r in found.records if (a := _article(path, "json", r)) is not None]
        problems = [Problem(path, reason) for reason in found.skipped]
        return articles, problems
    if fmt == "markdown":
        md = formats.markdown(text)
        record = formats.Record(md.paragraphs, title=md.title, url=md.url, date=md.date)
    elif fmt == "html":
        from reader.core.htmlpage import extract

        page = extract(text)
        if not page.paragraphs:
            return [], [Problem(path, "no article text found in the page")]
        record = formats.Record(page.paragraphs, page.title, page.url, page.date, page.site)
    else:
        record = formats.Record(formats.text_paragraphs(text))
    article = _article(path, fmt, record, outlet_from_text_first=fmt == "html")
    if article is None:
        return [], [Problem(path, "no text")]
    return [article], []


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Two files named alike in different folders (``a/x.txt``, ``b/x.txt``) get ids
    from their file name, then their path, so that an id names one article."""
    counts: dict[str, int] = {}
    for a in articles:
        counts[a.id] = counts.get(a.id, 0) + 1
    if all(c == 1 for c in counts.values()):
        return articles
    out = []
    for a in articles:
        if counts[a.id] > 1:
            suffix = f"#{a.record}" if a.record is not None else ""
            a = replace(a, id=escape_name(a.path.as_posix()) + suffix)
        out.append(a)
    return out
