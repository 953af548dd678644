"""Web crawls as a source of articles: WARC files (``.warc``, ``.warc.gz``).

Each ``response`` record holding an HTML page fetched with status 200 is an
article: its body is extracted as an HTML file's is, its ``WARC-Target-URI`` is
its URL and its ``WARC-Date`` (the crawl's moment) its date. Every other record
(requests, metadata, warcinfo, revisits, redirects, images, robots.txt, pages
with no article text) is skipped without a word.

Record numbers: ``FILE#N`` is the Nth record of the file, counted from 1 over
every record, skipped ones included, as a JSON Lines file counts its lines. A
number thus names the same record whatever is found in the others (an index
row stays true when a newer extractor finds nothing in an earlier page).

The file is read as a stream, one record at a time; a crawl of a gigabyte never
sits in memory, and no page over 20 MB is read whole. warcio parses the
records' headers; the framing is done here, because warcio's iterator ends
quietly where a file was cut (a gzip member cut short, a record shorter than
its Content-Length) and writes its warnings to stderr. A cut or damaged file
gives the records before the damage, then one :class:`Problem`.

For callers outside the loader (the Spark job)::

    reading = warc_articles(path_or_binary_stream, name)
    for number, article in reading:  # number: N of FILE#N
        ...
    reading.problems  # after the loop: [] when the file was read to its end
    reading.records   # records read whole, of every type
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from reader.core import formats
from reader.core.building import build_article
from reader.core.decoding import NotText, decode
from reader.core.failures import unforeseen
from reader.core.model import Article, Problem
from reader.core.sanitize import clean

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from typing import BinaryIO

SUFFIXES = (".warc", ".warc.gz")
MAX_PAGE = 20_000_000  # as for a file: a news page is tens of kilobytes
_LINE = 65_536  # longest header line read at once: a file of garbage has no line ends
_HTML = frozenset(("text/html", "application/xhtml+xml"))
_CHUNK = 1 << 16


def is_warc(path: str | os.PathLike[str]) -> bool:
    """Whether a file's name says it is a WARC file."""
    return Path(path).name.lower().endswith(SUFFIXES)


def warc_articles(source: str | os.PathLike[str] | BinaryIO, name: str | os.PathLike[str] | None = None):
    """The articles of a WARC file or binary stream (see the module's docstring);
    ``name`` is the path articles and problems carry (by default ``source``)."""
    return WarcArticles(source, name)


class _Cut(Exception):
    """The stream ended inside a gzip member."""


class _Damage(Exception):
    """The stream goes on, but not as a WARC file; the message says how."""


class WarcArticles:
    """Iterate for ``(record number, Article)``; then ``problems`` says why the file
    could not be read to its end (empty when it could)."""

    def __init__(self, source: str | os.PathLike[str] | BinaryIO, name: str | os.PathLike[str] | None = None):
        self.source = source
        self.path = Path(name if name is not None else source)  # type: ignore[arg-type]
        self.problems: list[Problem] = []
        self.records = 0

    def __iter__(self) -> Iterator[tuple[int, Article]]:
        self.problems, self.records = [], 0
        if not isinstance(self.source, (str, os.PathLike)):
            yield from self._read(self.source)
            return
        try:
            handle = open(self.source, "rb")  # noqa: SIM115 (closed below, after the last yield)
        except OSError as error:
            self.problems.append(Problem(self.path, unforeseen(error)))
            return
        with handle:
            yield from self._read(handle)

    def _read(self, handle: BinaryIO) -> Iterator[tuple[int, Article]]:
        from warcio.recordloader import ArcWarcRecordLoader
        from warcio.statusandheaders import StatusAndHeadersParser

        _quiet()
        loader = ArcWarcRecordLoader()
        http = StatusAndHeadersParser([], verify=False)  # "HTTP/2 200" too
        stream = _Stream(handle)
        while True:
            number = self.records + 1
            try:
                line = stream.first_line()
                if line is None:
                    if number == 1:
                        self._fail("empty file")
                    return
                record = loader.parse_record_stream(
                    stream, statusline=line, known_format="warc", no_record_parse=True
                )
                if stream.cut_line:
                    raise _Cut
                if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                    raise _Cut if stream.at_end() else _Damage(f"record {number} has no Content-Length")
                found = _html(record, http)
                while record.raw_stream.read(_CHUNK):
                    pass
                if record.raw_stream.limit > 0:
                    raise _Cut
            except Exception as error:  # warcio's, gzip's, zlib's: whatever this file does to them
                self._fail(_why(error, stream, number - 1))
                return
            self.records = number
            if found is None:
                continue
            try:
                article = _article(self.path, number, record, *found)
            except Exception as error:  # a fault in one page must not lose the rest of the crawl
                self._fail(f"record {number}: {unforeseen(error)}")
                continue
            if article is not None:
                yield number, article

    def _fail(self, reason: str) -> None:
        self.problems.append(Problem(self.path, reason))


def _why(error: Exception, stream: _Stream, complete: int) -> str:
    if isinstance(error, _Cut) or (not isinstance(error, _Damage) and stream.at_end()):
        if complete == 0:
            return "truncated in its first record; nothing could be read"
        return f"truncated after record {complete}; the rest could not be read"
    if complete == 0:
        return "not a WARC file"
    why = str(error) if isinstance(error, _Damage) else "what follows is not WARC"
    return f"damaged after record {complete} ({why}); the rest could not be read"


class _Stream:
    """The file, through gzip when it is compressed (one member per record, or one for
    all): what warcio reads from. A gzip member cut short is :class:`_Cut`."""

    def __init__(self, handle: BinaryIO):
        if not hasattr(handle, "peek"):
            handle = io.BufferedReader(handle)  # type: ignore[arg-type]
        self._inner: BinaryIO = handle
        self.cut_line = False  # the data ended inside a line
        if handle.peek(2)[:2] == b"\x1f\x8b":
            import gzip  # here: only a .warc.gz needs it, and it costs every start a few ms

            self._inner = gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[assignment]

    def read(self, size: int | None = -1) -> bytes:
        try:
            return self._inner.read(-1 if size is None else size)
        except EOFError:
            raise _Cut from None

    def readline(self, size: int | None = -1) -> bytes:
        # Never unbounded: a file of garbage may have no line end in a gigabyte.
        size = _LINE if size is None or size < 0 else min(size, _LINE)
        try:
            line = self._inner.readline(size)
        except EOFError:
            raise _Cut from None
        if line and not line.endswith(b"\n") and len(line) < size:
            self.cut_line = True
        return line

    def first_line(self) -> bytes | None:
        """The first line of the next record (the blank lines between records skipped);
        None at the end of the file."""
        while True:
            line = self.readline()
            if not line:
                return None
            if not line.strip():
                continue
            if not line.startswith(b"WARC/") and not b"WARC/".startswith(line):
                raise _Damage("a record does not start where the one before it ends")
            if self.cut_line:
                raise _Cut
            return line

    def at_end(self) -> bool:
        try:
            return not self._inner.read(1)
        except EOFError:  # a gzip member cut short
            return True
        except Exception:  # broken gzip: damage, not an end
            return False


def _html(record, http) -> tuple[object, bytes] | None:
    """The HTTP headers and body of a WARC record that is an HTML page fetched with
    status 200, else None. Errors here are the stream's: they end the reading."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    kind = (record.content_type or "").lower()
    if record.rec_type != "response" or not uri.lower().startswith(("http:", "https:")):
        return None
    if not kind.startswith("application/http") or record.length == 0:
        return None
    try:
        headers = http.parse(record.raw_stream)
    except (EOFError, ValueError):  # no HTTP in it: not a page (a cut file is seen later)
        return None
    if not headers.protocol.upper().startswith("HTTP/") or headers.get_statuscode() != "200":
        return None
    mime = (headers.get_header("Content-Type") or "").partition(";")[0].strip().lower()
    if mime not in _HTML:
        return None
    if record.raw_stream.limit > MAX_PAGE:  # what is left of the record: the page
        return None
    body = record.raw_stream.read()
    return (headers, body) if body else None


def _article(path: Path, number: int, record, headers, body: bytes) -> Article | None:
    body = _unwrapped(body, headers)
    if not body:
        return None
    params = (headers.get_header("Content-Type") or "").partition(";")[2]
    try:
        text = decode(body, _charset(params))
    except NotText:
        return None
    from reader.core.htmlpage import extract

    page = extract(clean(text))
    if not page.paragraphs:
        return None
    date = record.rec_headers.get_header("WARC-Date")
    url = record.rec_headers.get_header("WARC-Target-URI")
    found = formats.Record(page.paragraphs, page.title, url, date, page.site, number)
    return build_article(path, "warc", found, outlet_from_text_first=True)


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip()
    return None


def _unwrapped(body: bytes, headers) -> bytes | None:
    """The page as the server meant it: chunks joined, compression undone (at most
    MAX_PAGE bytes of it: a small gzip can hold a huge page)."""
    if "chunked" in (headers.get_header("Transfer-Encoding") or "").lower():
        from warcio.bufferedreaders import ChunkedDataReader

        body = ChunkedDataReader(io.BytesIO(body)).read(MAX_PAGE + 1)
    coding = (headers.get_header("Content-Encoding") or "").strip().lower()
    if coding in ("", "identity", "none"):
        return body
    try:
        if coding in ("gzip", "x-gzip", "deflate"):
            out = _inflate(body)
        elif coding == "br":
            import brotli  # not a dependency: where it is missing, such pages are skipped

            out = brotli.Decompressor().process(body, output_buffer_limit=MAX_PAGE + 1)
        else:
            return None
    except Exception:  # stored decoded under its old header, or broken: decode() judges
        return body
    return out if len(out) <= MAX_PAGE else None


def _inflate(body: bytes) -> bytes:
    try:
        return zlib.decompressobj(47).decompress(body, MAX_PAGE + 1)  # gzip or zlib
    except zlib.error:
        return zlib.decompressobj(-15).decompress(body, MAX_PAGE + 1)  # "deflate" sent raw


def _quiet() -> None:
    import logging  # only for a crawl: a diff of two texts does not pay its import

    # warcio logs odd URIs through logging, which would reach stderr (and the screen).
    logger = logging.getLogger("warcio")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
