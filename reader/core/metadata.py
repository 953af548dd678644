"""What an article says about itself: a title and its outlet (the dateline and the
end credit are in :mod:`reader.core.datelines`).

Both parsers are deliberately conservative: a false outlet misnames a copy, and a
title cut at a false sentence end reads oddly.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import patterns
from .lang import identify
from .model import Article
from .sentences import split
from .tokens import one_spaced

# --- titles -----------------------------------------------------------------


def first_sentence(text: str, code: str | None = None) -> str:
    """The first sentence of ``text`` (in language ``code``), skipping full stops after
    abbreviations (``Mr.``, ``M.``, ``Sra.``) and initials (``U.S.``, ``J.``)."""
    text = one_spaced(text)
    if len(text) > _LONG:
        # A paragraph may be a whole book on one line: its head settles the first
        # sentence once a third sentence starts inside it (splitting it all would cost
        # seconds; a quotation left open over thousands of characters is the price).
        pieces = split(text[:_HEAD], code)
        if len(pieces) >= 3:
            return pieces[0]
    pieces = split(text, code)
    return pieces[0] if pieces else text


_HEAD = 4000
_LONG = 50_000


def make_title(text: str, limit: int = 80, code: str | None = None) -> str:
    """A one-line title from body text: its first sentence, cut on a word
    boundary to about ``limit`` characters with "…", without the final full stop."""
    sentence = first_sentence(text, code)
    if len(sentence) <= limit:
        if sentence.endswith(".") and not sentence.endswith(".."):
            return sentence[:-1].rstrip() or sentence
        return sentence
    cut = sentence[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space >= limit // 2 else sentence[:limit]
    return cut.rstrip(' ,;:-–—([{"“‘') + "…"


# --- outlet -----------------------------------------------------------------

_NAME = r"(?P<name>(?:The |the )?[A-Z][\w.&'’\-]*(?: (?:[A-Z0-9][\w.&'’\-]*|of|the|and|for|de|la|&)){0,5})"
_OUTLET_PATTERNS = tuple(
    patterns.compile(p)
    for p in (
        rf"^An? (?:Message|Note|Word|Letter) (?:from|From) {_NAME}\s*[:.!]?$",
        rf"^(?:(?:©|\(c\)|Copyright|COPYRIGHT)\s*)+(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s+)?{_NAME}"
        r"(?:,?\s*(?:Inc|Ltd|LLC|plc|GmbH|S\.A)\.?)?(?:[.,;]|\s+All\b|\s*$)",
        rf"^Follow {_NAME} on (?:Twitter|X|Facebook|Instagram|Telegram|LinkedIn|Google News|WhatsApp"
        r"|Threads|Bluesky|YouTube|TikTok|Mastodon)\b",
        rf"^Subscribe to {_NAME}(?:'s|’s)?(?: (?:newsletter|newsletters|for|on|today|now|and)\b|[.!]?$)",
        r"^(?:This (?:article|story|piece|report) (?:was |is )?(?:originally|first) published"
        r" (?:by|in|on|at)"
        rf"|Read the original (?:article|story) (?:on|at)) {_NAME}\s*[.,]",
    )
)
_NOT_OUTLETS = frozenset(
    ("us", "our", "this", "the", "my", "your", "all", "rights", "their", "his", "her", "its")
)


def detect_outlet(paragraphs: Sequence[str]) -> str | None:
    """The publication a copy names itself as, from lines such as
    "A Message from The Moscow Times:", "© 2024 Outlet", "Follow Outlet on X"
    or "Subscribe to Outlet". Only short lines are read, so a news sentence that
    happens to contain "copyright" is not taken for a notice."""
    for pattern in _OUTLET_PATTERNS:
        for paragraph in paragraphs:
            text = paragraph.strip()
            if len(text) > 160:
                continue
            m = pattern.match(text)
            if m:
                name = _outlet_name(m.group("name"))
                if name:
                    return name
    return None


def _outlet_name(name: str) -> str | None:
    name = name.strip().rstrip(".,:;!")
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".,").casefold() in {"inc", "ltd", "llc", "plc", "gmbh", "s.a"}:
        words.pop()
    name = " ".join(words).rstrip(",")
    if not words or (words[0].casefold() in _NOT_OUTLETS and (len(words) == 1 or words[0] != "The")):
        return None
    return name


_HOST_PREFIXES = ("www.", "www2.", "m.", "mobile.", "amp.", "edition.", "en.")


def host_outlet(url: str | None) -> str | None:
    """The site a copy was published on, from its URL ("themoscowtimes.com"), for when
    neither the record nor the text names the outlet."""
    if not url:
        return None
    from urllib.parse import urlsplit  # here: urllib costs every command a few milliseconds

    host = urlsplit(url.strip()).hostname if "//" in url else None
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    return host


def language_of(article: Article) -> str | None:
    """The article's language as shown (ISO 639-1): the vote taken when it was loaded,
    else the model's guess (a language without a table)."""
    return identify(" ".join(p.text for p in article.body), voted=article.language)
