"""Split decoded file text into article records, one reader per format.

Each reader returns :class:`Record` objects (paragraph strings plus whatever
metadata the format carries) and, for formats with several records per file,
the reasons some records were skipped. Turning records into
:class:`~reader.core.model.Article` objects (dateline, boilerplate, title) is
the loader's job, so that every format gets the same treatment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from reader.core import patterns
from reader.core.records import record, replace
from reader.core.sanitize import squash


@record(frozen=True, slots=True)
class Record:
    paragraphs: list[str]
    title: str | None = None
    url: str | None = None
    date: str | None = None
    outlet: str | None = None
    number: int | None = None  # 1-based position among the file's records, for multi-record files


class NotArticles(ValueError):
    """The file parses, but holds no article records; ``str(error)`` says why."""


# --- plain text ----------------------------------------------------------------

_BLANK_LINE = patterns.lazy(r"\n[ \t\u00a0]*\n\s*")


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text (line ends already ``\\n``).

    Blank lines separate paragraphs and the lines inside one are hard wraps,
    joined with a space. A text with no blank line at all is one paragraph per
    line: that is how many scrapers and copy-pastes write articles.
    """
    text = text.strip()
    if not text:
        return []
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
        return [joined for block in blocks if (joined := " ".join(_lines(block)))]
    return list(_lines(text))


def _lines(block: str) -> Iterable[str]:
    return (s for line in block.split("\n") if (s := line.strip()))


# --- Markdown -------------------------------------------------------------------

_FRONT_MATTER = patterns.lazy(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX = patterns.lazy(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = patterns.lazy(r"^(=+|-+)[ \t]*$")
_RULE = patterns.lazy(r"^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = patterns.lazy(r"^(?:```|~~~)")
_REF_DEF = patterns.lazy(r"^\[[^\]]+\]:\s*\S+")
_LIST_ITEM = patterns.lazy(r"^(?:[-*+]|\d{1,3}[.)])[ \t]+")
_QUOTE = patterns.lazy(r"^(?:>[ \t]?)+")
_INLINE = (
    (patterns.lazy(r"\s*(?:!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\])"), ""),  # images are dropped
    (patterns.lazy(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url) -> text
    (patterns.lazy(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref] -> text
    (patterns.lazy(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # <http://...> -> the URL
    (patterns.lazy(r"`([^`]+)`"), r"\1"),
    (patterns.lazy(r"(?<![\w*])(\*\*\*|\*\*|\*)(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (patterns.lazy(r"(?<![\w_])(___|__|_)(?=\S)(.+?)(?<=\S)\1(?![\w_])"), r"\2"),
    (patterns.lazy(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)
# Backslash-escaped characters are parked in a private-use plane while the
# patterns above run, so that "\*not emphasis\*" keeps its asterisks.
_ESCAPED = patterns.lazy(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_PARKED = patterns.lazy("[\U000f0000-\U000f007f]")


@record(frozen=True, slots=True)
class Markdown:
    paragraphs: list[str]
    title: str | None
    date: str | None = None
    url: str | None = None


def markdown(text: str) -> Markdown:
    """Paragraphs of a Markdown article with the markup removed.

    A heading that opens the document becomes the title; later headings stay
    as paragraphs (sub-heads are part of what a copy may change). Images are
    dropped, links keep their text, list items are paragraphs of their own.
    """
    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        meta = _front_matter(m.group(1))
        text = text[m.end() :]
    per_line = _BLANK_LINE.search(text.strip()) is None
    blocks: list[tuple[str, str]] = []  # ("h1".."h6" | "p", text)
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(("p", " ".join(current)))
            current.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if _SETEXT.match(line) and (current or (per_line and blocks and blocks[-1][0] == "p")):
            # "Title" over "=====" or "-----"
            text = " ".join(current) if current else blocks.pop()[1]
            blocks.append(("h1" if line.startswith("=") else "h2", text))
            current.clear()
            continue
        if not line or _FENCE.match(line) or _RULE.match(line):
            flush()
            continue
        if _REF_DEF.match(line):
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            blocks.append((f"h{len(heading.group(1))}", heading.group(2)))
            continue
        line = _QUOTE.sub("", line)
        if _LIST_ITEM.match(line):
            flush()
            line = _LIST_ITEM.sub("", line)
        current.append(line)
        if per_line:
            flush()
    flush()

    title = meta.get("title")
    if blocks and blocks[0][0] in ("h1", "h2"):  # the headline, not part of the body
        headline = _inline(blocks.pop(0)[1])
        title = title or headline
    paragraphs = [p for _, b in blocks if (p := squash(_inline(b)))]
    return Markdown(paragraphs, title or None, meta.get("date"), meta.get("url"))


def _inline(text: str) -> str:
    text = _ESCAPED.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return _PARKED.sub(lambda m: chr(ord(m.group(0)) - 0xF0000), text).strip()


def _front_matter(block: str) -> dict[str, str]:
    """The simple ``key: value`` lines of YAML front matter (no YAML parser needed for these)."""
    out: dict[str, str] = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            value = value.strip().strip("'\"")
            if value:
                out[key.strip().lower()] = value
    return out


# --- JSON and JSON Lines -----------------------------------------------------

TEXT_KEYS = (
    "maintext",
    "text",
    "body",
    "content",
    "articleBody",
    "article_body",
    "article_text",
    "full_text",
    "fulltext",
    "article",
    "story",
)
TITLE_KEYS = ("title", "headline", "heading")
URL_KEYS = ("url", "link", "canonical_url", "canonical")
DATE_KEYS = (
    "date_publish",
    "date",
    "published",
    "published_at",
    "publishedAt",
    "publish_date",
    "pubDate",
    "datePublished",
    "date_published",
    "time",
    "timestamp",
)
OUTLET_KEYS = (
    "outlet",
    "publisher",
    "source",
    "site_name",
    "sitename",
    "source_name",
    "source_domain",
    "domain",
)
_CONTAINER_KEYS = (
    "articles",
    "items",
    "data",
    "results",
    "records",
    "entries",
    "documents",
    "docs",
    "posts",
    "stories",
    "hits",
)

NO_RECORDS = "JSON without article records (no text/body/content field)"
TOO_DEEP = "JSON nested too deeply to read"


@record(frozen=True, slots=True)
class JsonRecords:
    records: list[Record]
    skipped: list[str]  # "record 3: no text/body/content field", ...


def json_records(text: str, *, lines: bool) -> JsonRecords:
    """Articles in a JSON document (an object, a list of objects, or an object
    holding such a list) or in JSON Lines (one object per line).

    Raises :class:`NotArticles` when the text is not JSON or holds no article at all.
    """
    if lines:
        items = _json_lines(text)
    else:
        try:
            items = _json_items(_parse(text))
        except json.JSONDecodeError as error:
            # Many ".json" dumps are JSON Lines in disguise.
            if error.msg != "Extra data":
                raise NotArticles(f"not valid JSON ({_where(error)})") from None
            items = _json_lines(text)
        except RecursionError:
            raise NotArticles(TOO_DEEP) from None
    records: list[Record] = []
    skipped: list[str] = []
    multi = len(items) > 1
    for number, item in enumerate(items, start=1):
        label = f"record {number}"
        if isinstance(item, _BadLine):
            skipped.append(f"{label}: {item}")
            continue
        record = _record(item)
        if isinstance(record, str):
            skipped.append(f"{label}: {record}")
            continue
        records.append(replace(record, number=number if multi else None))
    if not records:
        if skipped and all(isinstance(item, _BadLine) for item in items):
            raise NotArticles(skipped[0].split(": ", 1)[1])
        if skipped and all(s.endswith("empty text") for s in skipped):
            raise NotArticles("JSON article records with empty text")
        raise NotArticles(NO_RECORDS)
    return JsonRecords(records, skipped)


class _BadLine(str):
    """Why a JSON Lines line did not parse, kept in its place so record numbers stay true."""


def _parse(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer longer than Python converts (4,300 digits): kept as digits
        return json.loads(text, parse_int=_integer)


def _integer(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:
        return digits


def _json_lines(text: str) -> list[object]:
    items: list[object] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            items.append(_parse(line))
        except json.JSONDecodeError as error:
            items.append(_BadLine(f"not valid JSON (line {line_number}: {error.msg})"))
        except RecursionError:
            items.append(_BadLine(f"{TOO_DEEP} (line {line_number})"))
    if not items:
        raise NotArticles(NO_RECORDS)
    return items


def _json_items(data: object) -> list[object]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if _field(data, TEXT_KEYS) is None:
            for key in _CONTAINER_KEYS:
                inner = data.get(key)
                if isinstance(inner, list) and inner:
                    return inner
        return [data]
    raise NotArticles(NO_RECORDS)


def _where(error: json.JSONDecodeError) -> str:
    return f"line {error.lineno}, column {error.colno}: {error.msg}"


def _record(item: object) -> Record | str:
    if not isinstance(item, dict):
        return "not an object"
    body = _field(item, TEXT_KEYS)
    if body is None:
        return "no text/body/content field"
    paragraphs = _body_paragraphs(body)
    if not paragraphs:
        return "empty text"
    return Record(
        paragraphs=paragraphs,
        title=_scalar(_field(item, TITLE_KEYS)),
        url=_scalar(_field(item, URL_KEYS)),
        date=_scalar(_field(item, DATE_KEYS)),
        outlet=_outlet(item),
    )


def _field(item: dict[str, object], keys: tuple[str, ...]) -> object | None:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", []):
            return value
    return None


_HTML_FRAGMENT = patterns.lazy(r"<(?:p|br|div|h[1-6]|li|blockquote)\b[^>]*>", re.IGNORECASE)


def _body_paragraphs(body: object) -> list[str]:
    # A stack of its own, not recursion: JSON may nest deeper than Python's stack goes.
    paragraphs: list[str] = []
    stack = [body]
    while stack:
        part = stack.pop()
        if isinstance(part, list):
            stack.extend(reversed(part))
        elif isinstance(part, dict):
            inner = _field(part, ("text", "value", "content", "body"))
            if inner is not None:
                stack.append(inner)
        elif isinstance(part, str):
            part = part.replace("\r\n", "\n").replace("\r", "\n")
            if _HTML_FRAGMENT.search(part):
                from reader.core.htmlpage import simple_extract

                paragraphs += simple_extract(part).paragraphs
            else:
                paragraphs += text_paragraphs(part)
    return paragraphs


def _scalar(value: object) -> str | None:
    while isinstance(value, list) and value:  # the first of a list (a loop: lists nest deep)
        value = value[0]
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = " ".join(str(value).split())
        return text or None
    return None


def _outlet(item: dict[str, object]) -> str | None:
    for key in OUTLET_KEYS:
        value = item.get(key)
        if isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": "Reuters"}
            value = value.get("name") or value.get("title")
        text = _scalar(value)
        if text:
            return text
    return None
