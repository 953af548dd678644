"""Tokens and typography folding for the word diff.

A text is cut into words, punctuation and whitespace runs so that a diff can
work on whole words and joining the tokens gives the text back byte for byte.

Folding maps every quote, apostrophe, dash, space and ellipsis style onto one
spelling so that copies that differ only in typography compare equal. The folding
keeps each token's class (a word stays one word, a dash stays a dash token), so
folding a text and folding its tokens one by one agree: ``fold_text(a) ==
fold_text(b)`` exactly when the folded token lists are equal. The aligner relies
on that when it calls paragraphs "identical after folding" and skips their diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from . import patterns

# Everything that folds to "'" may join two parts of a word ("don’t"), and so may
# the dashes that join compounds and ranges ("comrades–in–arms", "2019–2020"): if only
# the straight forms did, folding would merge or split tokens and text-level and
# token-level folding would disagree. The em dash and "--" never join: they set off
# a clause ("respectively—and"), as a spaced dash does.
_SINGLE_QUOTES = "'‘’‚‛′`´‹›"
_DOUBLE_QUOTES = '"“”„‟″«»〝〞＂'
_DASHES = "-‐‑‒–—―−﹘﹣－"
_JOINERS = "-‐‑‒–−﹣－"
_CURRENCY = "$€£¥₹₩"

# (character, folded form) pairs. fold_text applies them with str.replace, which
# scans in C and beats str.translate with a dict table several times over.
_FOLDS = (
    *((c, "'") for c in _SINGLE_QUOTES if not c.isascii()),
    *((c, '"') for c in _DOUBLE_QUOTES[1:]),
    # Dashes that join a compound or a range fold to "-", dashes that set off a clause
    # to "—": "0—0" is three tokens and "0-0" one, folded or not.
    *((c, "-") for c in _DASHES[1:] if c in _JOINERS),
    *((c, "—") for c in _DASHES[1:] if c not in _JOINERS and c != "—"),
    ("…", "..."),
)
_ODD_SPACES = frozenset("\t\n\r\f\v\x1c\x1d\x1e\x1f\x85")


# Combining marks that ``\w`` leaves out (Unicode 14, Python 3.11), as code point
# ranges; without them "हिन्दी" would fall apart into letters and vowel signs.
# Gaps between ranges that hold only letters, digits or unassigned code points are
# bridged to keep the table short. tests/core/test_tokens.py checks it against the
# running Python's unicodedata and prints a fresh table if it is out of date.
_MARKS = (
    "300-36F 483-489 591-5BD 5BF 5C1-5C2 5C4-5C5 5C7 610-61A 64B-65F 670 6D6-6DC 6DF-6E8 6EA-6ED "
    "711-7F3 7FD 816-82D 859-85B 898-8E1 8E3-963 981-9E3 9FE-A75 A81-AE3 AFA-B63 B82-BD7 C00-C63 "
    "C81-C83 CBC-D4D D57-D63 D81-DF3 E31-E3A E47-E4E EB1-ECD F18-F19 F35 F37 F39 F3E-F84 F86-FBC "
    "FC6 102B-103E 1056-109D 135D-135F 1712-1734 1752-17D3 17DD 180B-180D 180F-193B 1A17-1A1B "
    "1A55-1A7F 1AB0-1B44 1B6B-1B73 1B80-1BF3 1C24-1C37 1CD0-1CD2 1CD4-1DFF 20D0-20F0 2CEF-2CF1 "
    "2D7F-2DFF 302A-302F 3099-309A A66F-A672 A674-A67D A69E-A6F1 A802-A827 A82C A880-A8C5 "
    "A8E0-A8F1 A8FF-A92D A947-A953 A980-A9C0 A9E5-AA4D AA7B-AAC1 AAEB-AAEF AAF5-AAF6 ABE3-ABEA "
    "ABEC-ABED FB1E FE00-FE0F FE20-FE2F 101FD-1037A 10A01-10A3F 10AE5-10AE6 10D24-10EAC "
    "10F46-10F50 10F82-10F85 11000-11046 11070-110BA 110C2 11100-11134 11145-11173 11180-111C0 "
    "111C9-111CC 111CE-111CF 1122C-11237 1123E 112DF-11446 1145E-114C3 115AF-115C0 115DC-11640 "
    "116AB-116B7 1171D-1172B 1182C-1183A 11930-11943 119D1-119E0 119E4-11A3E 11A47-11A99 "
    "11C2F-11C3F 11C92-11EF6 16AF0-16AF4 16B30-16B36 16F4F-16F92 16FE4-16FF1 1BC9D-1BC9E "
    "1CF00-1CF46 1D165-1D169 1D16D-1D172 1D17B-1D182 1D185-1D18B 1D1AA-1D1AD 1D242-1D244 "
    "1DA00-1DA36 1DA3B-1DA6C 1DA75 1DA84 1DA9B-1E136 1E2AE-1E2EF 1E8D0-1E94A E0100-E01EF"
)


def _char_class(ranges: str) -> str:
    parts = []
    for item in ranges.split():
        lo, _, hi = item.partition("-")
        parts.append(re.escape(chr(int(lo, 16))) + (f"-{re.escape(chr(int(hi, 16)))}" if hi else ""))
    return "".join(parts)


_MARK_ITEMS = _MARKS.split()
# Word characters: \w, combining marks and the zero-width (non-)joiners of Indic
# and Persian script. The Basic Multilingual Plane marks share one class with \w,
# which re compiles to a bitmap; the rarer astral marks get their own class behind
# a cheap range look-ahead, so Latin text does not pay for a linear range scan.
_W = "[\\w" + _char_class(" ".join(i for i in _MARK_ITEMS if len(i.split("-")[0]) <= 4)) + "\u200c\u200d]"
_ASTRAL = "[" + _char_class(" ".join(i for i in _MARK_ITEMS if len(i.split("-")[0]) > 4)) + "]"
_SEGMENT = rf"{_W}+(?:(?=[\U00010000-\U0010FFFF]){_ASTRAL}+{_W}*)*"
_Q = f"[{re.escape(_SINGLE_QUOTES)}]"
_D = f"[{re.escape(_DASHES)}]"
# Inner apostrophes and hyphens ("don't", "comrades-in-arms"), and the separators
# of numbers ("7,000", "3.5", "10:30", Arabic "١٫٢").
_JOINED = rf"{_SEGMENT}(?:(?:{_Q}|[{re.escape(_JOINERS)}]|(?<=\d)[.,:٫٬](?=\d)){_SEGMENT})*"
# A number grouped in thousands by spaces ("10 000", no-break and narrow spaces too)
# is one word, as "10.000" and "10,000" are.
# Its first digit is matched before the look-behind checks the character before it
# ("\d(?<!x\d)" is "(?<!x)\d"): the engine then rejects most positions at the digit test,
# not after a look-behind (word counts a third faster).
_SPACED_NUMBER = r"\d(?<![\w.,'’]\d)\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?![\w'’])(?![.,]\d)"
_CURRENCY_NUMBER = rf"[{re.escape(_CURRENCY)}](?=\d){_JOINED}"  # "$2", "€5bn"
_TOKEN = patterns.compile(
    # Whitespace first: it is half of all tokens and the cheapest test.
    rf"\s+|{_SPACED_NUMBER}|{_JOINED}|{_CURRENCY_NUMBER}"
    r"|[.…]+"  # "...", "…", and "…." stays one token as "...." does
    rf"|{_D}+"  # "--" and "—" fold alike, so each must be one token
    r"|[!?]+"
    r"|[^\w\s]"
)
_WORD = patterns.compile(rf"{_SPACED_NUMBER}|{_JOINED}|{_CURRENCY_NUMBER}")
# The same matches, each giving its empty last group: findall then lists the empty
# string again and again, not a new string for each word (a tenth of counting them).
_WORD_COUNTED = patterns.compile(rf"(?:{_WORD.pattern})()")
_WORD_START = patterns.compile(rf"{_W}|[{re.escape(_CURRENCY)}]\d")
_DASH_RUN = patterns.compile(r"-{2,}")  # "--" sets off a clause, as "—" does


# In one comparison a long paragraph is tokenized by its word diff and again when its
# numbers are read: the second time takes the first's tokens. Only the last two texts
# (one group's sides) are kept, and only while ``tokens_kept`` is open; not past
# _LONG_TEXT, where keeping them raised a 19 MB paragraph's peak by a ninth.
_KEEP_FROM = 1 << 16
_kept: ContextVar[list[tuple[str, list[str]]] | None] = ContextVar("kept_tokens", default=None)


@contextmanager
def tokens_kept() -> Iterator[None]:
    """Within the block, ``tokenize`` of a long text just tokenized returns the same
    list (its callers only read it)."""
    handle = _kept.set([])
    try:
        yield
    finally:
        _kept.reset(handle)


def tokenize(text: str) -> list[str]:
    """Words, punctuation marks and whitespace runs; ``"".join`` gives ``text`` back."""
    kept = _kept.get() if _KEEP_FROM <= len(text) <= _LONG_TEXT else None
    if kept is None:
        return _tokenize(text)
    for seen, tokens in kept:
        if seen == text:
            return tokens
    tokens = _tokenize(text)
    kept.append((text, tokens))
    del kept[:-2]
    return tokens


def _tokenize(text: str) -> list[str]:
    if len(text) <= _LONG_TEXT:
        return _TOKEN.findall(text)
    # A long text says the same words over and over: one string for each distinct token,
    # not one for each occurrence, is what keeps a 20 MB paragraph's tokens to some
    # hundred megabytes. Read a piece at a time, so the copies never all exist at once.
    shared: dict[str, str] = {}
    tokens: list[str] = []
    for start, end in pieces(text):
        found = _TOKEN.findall(text, start, end)
        tokens.extend(map(shared.setdefault, found, found))
    return tokens


def pieces(text: str, size: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of the pieces of about ``size`` characters (a megabyte by default) a
    long text is cut into, each cut before a single space between a letter and more text.
    No token, word or number spans such a space and no pattern of the tokens, keys or
    numbers looks across it, so a long text can be read a piece at a time."""
    size = size or _LONG_TEXT
    start = 0
    while start < len(text):
        cut = _CUT.search(text, start + size)
        end = cut.start() + 1 if cut else len(text)
        yield start, end
        start = end


_LONG_TEXT = 1 << 20
# Past this size a text is read a piece at a time, and what is made from it is not kept.
LONG_TEXT = _LONG_TEXT
_CUT = patterns.compile(r"[^\W\d_] (?=\S)")


def is_word_char(char: str) -> bool:
    """Whether a character is one that re's ``\\w`` matches."""
    return char.isalnum() or char == "_"


def is_word(token: str) -> bool:
    """True for a word or number token (not punctuation, not whitespace)."""
    return _WORD_START.match(token) is not None


def word_count(text: str) -> int:
    """How many word tokens ``text`` holds, without building the token list."""
    if len(text) <= _MEMO_LENGTH:
        return _memo_word_count(text)
    if len(text) <= _LONG_TEXT:
        return len(_WORD_COUNTED.findall(text))
    return sum(1 for _ in _WORD.finditer(text))  # no list of millions of words


# A paragraph's words are counted when it is loaded and again when the comparison keeps,
# cuts or adds it whole: versions of one story share most paragraphs.
_MEMO_LENGTH = 2048


@lru_cache(maxsize=1 << 14)
def _memo_word_count(text: str) -> int:
    return len(_WORD_COUNTED.findall(text))


def one_spaced(text: str) -> str:
    """``" ".join(text.split())``: whitespace runs as one space, none at the ends. A long
    text is done a piece at a time: the list of all its words would take ten times its
    size."""
    # Every whitespace character but the space is unprintable: a printable text without
    # two spaces in a row or at an end is its own answer (the usual paragraph; a C-level
    # scan, not a list of its words).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    if len(text) <= _LONG_TEXT:
        return " ".join(text.split())
    parts = []
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + _LONG_TEXT)
        end = cut.start() if cut else len(text)
        part = " ".join(text[start:end].split())
        if part:
            parts.append(part)
        start = end + 1 if cut else end
    return " ".join(parts)


_SPACE = patterns.compile(r"\s")


def fold_text(text: str) -> str:
    """``text`` with quotes, apostrophes, dashes, ellipses and whitespace runs
    reduced to one spelling each (straight quotes, "-" for a dash that joins and "—"
    for one that sets off a clause, "...", one space)."""
    folded = text.replace("`", "'") if "`" in text else text
    if not folded.isascii():
        for char, plain in _FOLDS:
            if char in folded:
                folded = folded.replace(char, plain)
    if "--" in folded:
        folded = _DASH_RUN.sub("—", folded)
    if "  " in folded or not folded.isascii() or not _ODD_SPACES.isdisjoint(folded):
        folded = _fold_spaces(folded)
    return folded


def _fold_spaces(text: str) -> str:
    # str.split() and re's \s agree on what whitespace is, and split/join runs in C.
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    head = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return head + inner + tail


# A number grouped in thousands, whatever the separator: "10.000", "10,000", "10 000",
# "15'000", with a no-break or narrow space, with decimals after the other mark
# ("1.234,5", "1,234.5"). Groups of three digits only: "10.5" is not one.
# Opening with a digit, as _SPACED_NUMBER does, lets the engine skip to the digits.
_GROUPED = patterns.compile(
    "\\d(?<![\\w.,'’]\\d)\\d{0,2}(?:([., '’\u00a0\u202f\u2009])\\d{3})(?:\\1\\d{3})*"
    "(?:(?!\\1)[.,]\\d+)?(?![\\w'’])(?![.,]\\d)"
)
_DIGIT = patterns.compile(r"\d")
_DASH_SET = frozenset(_DASHES)


def plain_numbers(text: str) -> str:
    """``text`` with its numbers grouped in thousands written without separators
    ("10.000", "10 000" and "10,000" all become "10000"; "1.234,5" becomes "1234.5")."""
    return _GROUPED.sub(_plain_number, text) if _DIGIT.search(text) else text


def typographic_key(text: str) -> str:
    """What is left of ``text`` once house style is set aside: its words and marks,
    folded (``fold``), numbers without thousands separators ("10.000", "10 000",
    "10,000" are "10000"), every dash that sets off a clause alike ("—", " - ", " – "),
    and no whitespace. Two texts with the same key differ only in typography:
    "respectively—and" and "respectively - and", « oui » and "oui", "12 %" and "12%".
    Built from the tokens, so that both spellings hold the same words."""
    return "\x1f".join(canonical(t) for t in tokenize(text) if not t.isspace())


@lru_cache(maxsize=1 << 16)
def canonical(token: str) -> str:
    """One token as ``typographic_key`` writes it (cached, as ``fold`` is)."""
    if token[0] in _DASH_SET and all(c in _DASH_SET for c in token):
        return "—"
    return plain_numbers(fold(token))


def _plain_number(m: re.Match[str]) -> str:
    # A text writes the same numbers again and again ("7,000", "10 000"): each is made once
    # (its separator, group 1, is the first mark in it, so the number alone decides).
    number = m.group()
    plain = _plain_of.get(number)
    if plain is None:
        plain = number.replace(m.group(1), "").replace(",", ".")
        if len(_plain_of) < 4096:
            _plain_of[number] = plain
    return plain


_plain_of: dict[str, str] = {}


@lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    """``fold_text`` for one token (or any short string), cached: a text's tokens
    repeat a lot ("the", ",", " ")."""
    return fold_text(token)
