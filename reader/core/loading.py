"""Find and load article files: folders, files, every format and encoding.

The loader is the wall between the user's files and the rest of the program:
whatever is on disk, it returns articles for what can be read and a one-line
:class:`~reader.core.model.Problem` (``path: reason``) for everything else, and
it never raises for a bad file. It only ever opens files for reading.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from reader.core import formats
from reader.core.boilerplate import classify, mark_runs
from reader.core.datelines import credit_agency, is_credit_line, split_credit_suffix, split_lead
from reader.core.decoding import NotText, decode
from reader.core.failures import unforeseen
from reader.core.lang import detect
from reader.core.metadata import detect_outlet, host_outlet, make_title
from reader.core.model import Article, LoadResult, Paragraph, Problem
from reader.core.sanitize import clean, escape_name, squash

MAX_BYTES = 20_000_000  # a news article is tens of kilobytes; this is a log or a dump
_LIMIT_MB = MAX_BYTES // 1_000_000
ARTICLE_SUFFIXES = frozenset(
    ".txt .text .md .markdown .mdown .mkd .html .htm .xhtml .shtml .json .jsonl .ndjson".split()
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
    return suffix in ARTICLE_SUFFIXES or suffix == "" or not _looks_like_suffix(suffix)


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
    path = Path(path)
    try:
        return _load(path)
    except Exception as error:  # last line of defence: one odd file must not stop a folder
        return [], [Problem(path, unforeseen(error))]


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


def _read(path: Path) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _Refused("is a folder")
        if not stat.S_ISREG(info.st_mode):
            # Reading a pipe or a device could block forever or never end.
            raise _Refused("not a regular file (a device, pipe or socket)")
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


def _article(
    path: Path, fmt: str, record: formats.Record, *, outlet_from_text_first: bool = False
) -> Article | None:
    texts = [t for p in record.paragraphs if (t := squash(clean(p)).strip())]
    lead = dateline = agency = None
    start = None
    # The lead opens the story, which may come after a headline, an editor's note, a byline
    # and a timestamp line.
    for i, text in enumerate(texts[:5]):
        if classify(text) is not None:
            continue
        lead, dateline, agency, rest = split_lead(text)
        if lead is not None:
            if rest.strip():
                texts[i] = rest
            else:  # the dateline stood on its own line
                del texts[i]
            start = i
            break
    if not texts:
        return None
    credit, credit_lines = _split_credit(texts)
    if agency is None and credit is not None:
        agency = credit_agency(credit)
    code = detect(" ".join(texts))
    reasons = mark_runs(texts)
    for k in credit_lines:
        reasons[k] = "credits"
    paragraphs = tuple(Paragraph(i, t, r) for i, (t, r) in enumerate(zip(texts, reasons, strict=True)))
    title = _title(record.title, texts, reasons, fmt, code)
    if start is None:
        start = _story_start(texts, reasons, title)
    named = detect_outlet(texts)
    outlet = (
        (named or _one_line(record.outlet)) if outlet_from_text_first else (_one_line(record.outlet) or named)
    ) or host_outlet(_one_line(record.url))
    number = record.number
    stem = escape_name(path.stem) or escape_name(path.name)
    return Article(
        id=f"{stem}#{number}" if number is not None else stem,
        path=path,
        title=title,
        paragraphs=paragraphs,
        format="json" if fmt.startswith("json") else fmt,
        lead=lead,
        dateline=dateline,
        agency=agency,
        outlet=outlet,
        url=_one_line(record.url),
        date=_one_line(record.date),
        record=number,
        language=code,
        credit=credit,
        start=min(start, len(paragraphs) - 1),
    )


def _split_credit(texts: list[str]) -> tuple[str | None, list[int]]:
    """The agency's end credit: its own lines at the end of the story (page furniture
    may follow them), which stay paragraphs of their own, marked as credits, so that a
    copy keeping them keeps them; and a credit closing the last paragraph, which is
    taken off it, as the lead is. Returns the credit's text (None without one) and the
    indexes of the credit lines."""
    found: list[str] = []
    lines: list[int] = []
    k = len(texts) - 1
    while k > 0:
        if is_credit_line(texts[k]):
            found.insert(0, texts[k])
            lines.insert(0, k)
        elif classify(texts[k]) is None:
            break
        k -= 1
    if 0 <= k < len(texts) and classify(texts[k]) is None:
        rest, suffix = split_credit_suffix(texts[k])
        if suffix is not None and rest.strip():
            texts[k] = rest.rstrip()
            found.insert(0, suffix)
    return " · ".join(found) or None, lines


def _title(given: str | None, texts: list[str], reasons: list[str | None], fmt: str, code: str | None) -> str:
    headline = _one_line(given)
    if headline:
        return make_title(headline, limit=120, code=code) if len(headline) > 120 else headline
    if fmt == "text" and len(texts) > 1 and _looks_like_headline(texts[0]) and reasons[0] is None:
        return texts[0]
    body = next((t for t, r in zip(texts, reasons, strict=True) if r is None), texts[0])
    return make_title(body, code=code)


_BYLINE = re.compile(r"^(?:by|par|por|von|di|de)\s+\S.{0,80}$|^[^.!?]{2,60},\s+[^.!?]{2,40}$", re.IGNORECASE)


def _story_start(texts: list[str], reasons: list[str | None], title: str) -> int:
    """The paragraph the story opens with when no dateline says so: the first body
    paragraph that is neither the headline line nor a byline ("By X", "Name, Outlet")."""
    for i, (text, reason) in enumerate(zip(texts, reasons, strict=True)):
        if reason is not None or (i == 0 and text == title) or (len(text) < 90 and _BYLINE.match(text)):
            continue
        if text[-1:] in '.!?»"”’…)':
            return i
    return 0


def _looks_like_headline(text: str) -> bool:
    """A short first line without closing punctuation: the headline of a pasted article."""
    words = text.split()
    return 2 <= len(words) <= 20 and len(text) <= 150 and text[-1] not in ".,;:"


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(clean(value).split())
    return text or None


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
