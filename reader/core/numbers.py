"""The numbers of a text and their values, in every language the agencies file in:
digits in any grouping ("10.000", "10 000", "1,5", Arabic marks), with a unit or a
magnitude ("$2 billion", "€5bn", "10 millones", "48mila"), times ("2:00"), and the
number words of the text's language ("six", "nueve", "Fifteen hundred")."""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import accumulate, compress, count

from . import lang, patterns
from .records import record
from .tokens import is_word_char, plain_numbers, tokenize

# A number token: its digits, and a unit or a magnitude written on ("47C", "€5bn",
# "48mila", "34-year-old").
_NUMBER = patterns.compile(
    r"^(?P<cur>[$€£¥₹₩])?(?P<num>\d[\d.,:٫٬'’\u00a0\u202f\u2009 ]*)(?P<suffix>[^\W\d_]*)(?:[-‐‑].*)?$"
)
_ADDRESS = patterns.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_MAGNITUDES = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "mio": 1e6, "mrd": 1e9}


@record(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: float | str  # the text itself for a time or a range ("10:30")
    text: str


def numbers_in(text: str, code: str | None) -> list[Number]:
    """The numbers of a text with their values: digits in any grouping ("10.000",
    "10 000", "1,5"), with a magnitude ("$2 billion", "€5bn", "10 millones", "48mila"),
    and number words of the text's language ("six", "nueve")."""
    return list(iter_numbers(text, code))


def iter_numbers(text: str, code: str | None) -> Iterator[Number]:
    """``numbers_in`` one at a time (a long text holds millions)."""
    for start, end, value in spans_and_values(text, code):
        yield Number(start, end, value, text[start:end])


def spans_and_values(
    text: str, code: str | None, within: Sequence[tuple[int, int]] | None = None, offsets: array | None = None
) -> Iterator[tuple[int, int, float | str]]:
    """``iter_numbers`` as (start, end, value): what counting a long text's numbers
    needs, without an object for each of them. ``within``: only the numbers opening in
    these ranges of token indices (ascending), each read as if the text started there
    (see :func:`clean_points`). ``offsets``: ``token_offsets`` of the text's tokens,
    when made already."""
    table = lang.language(code)
    words = table.numbers if table is not None else {}
    tokens = tokenize(text)
    starts = offsets if offsets is not None else token_offsets(tokens)
    # Digits in a web address or an e-mail ("/2024/06/12/", "x2@y.com") are no figures.
    addresses = [m.span() for m in _ADDRESS.finditer(text)] if ("/" in text or "@" in text) else []
    address_starts = [lo for lo, _ in addresses]
    # A long text says the same few numbers thousands of times: each (token, word after)
    # is read once.
    read: dict[tuple[str, str], tuple[float | str, bool, bool] | None] = {}
    takes_after = _takes_after(code)
    last = len(tokens) - 2
    for lo, hi in within if within is not None else ((0, len(tokens)),):
        skip = -1  # a magnitude word already read with the number before it
        for k in _candidates(tokens, words, lo, hi):
            if k == skip:
                continue
            if addresses:
                at = bisect.bisect_right(address_starts, starts[k]) - 1
                if at >= 0 and starts[k] < addresses[at][1]:
                    continue
            after = tokens[k + 2] if k < last and tokens[k + 1].isspace() else ""
            if after and after.lower() not in takes_after and after.lower().rstrip(".") not in takes_after:
                after = ""  # reads as no word after: the key below then repeats far more often
            key = (tokens[k], after)
            found = read.get(key, read)
            if found is read:
                found = read[key] = _read(*key, words)
            if found is None:
                continue
            value, wide, skips = found
            yield starts[k], starts[k + 2] + len(after) if wide else starts[k + 1], value
            if skips:
                skip = k + 2


def token_offsets(tokens: list[str]) -> array:
    """Where each token starts in the text, and its end: an array of machine integers
    (a list would hold an object for each)."""
    return array("q", accumulate(map(len, tokens), initial=0))


def clean_points(tokens: Sequence[str], code: str | None) -> Callable[[int], bool]:
    """Whether reading numbers from token ``k`` on needs nothing read before it: no
    number word that could take the word after it in ("fifteen hundred") is one or two
    tokens before ``k``. ``spans_and_values`` reads the same numbers from such a point
    on whatever came before, so a range of ``within`` starts at one."""
    table = lang.language(code)
    takers = {w for w, v in (table.numbers if table is not None else {}).items() if 2 <= v < 1000}

    # Asked thousands of times around a long paragraph's changes: two tests, no loop.
    def clean(k: int) -> bool:
        return (k < 1 or tokens[k - 1].lower() not in takers) and (
            k < 2 or tokens[k - 2].lower() not in takers
        )

    return clean


def _read(token: str, after: str, words: dict[str, int]) -> tuple[float | str, bool, bool] | None:
    """The value of a number that opens with ``token`` (``after`` is the word after it
    and one space), whether it takes in ``after``, and whether ``after`` is then not
    read again; None for no number."""
    m = _NUMBER.match(token) if token[0].isdigit() or token[0] in _CURRENCIES else None
    if m is not None:
        value: float | str = _value(m.group("num"))
        suffix = m.group("suffix")
        if suffix and isinstance(value, float):  # an empty suffix multiplies by 1
            value *= _factor(suffix, words)
        factor = _factor(after.rstrip("."), words) if isinstance(value, float) else 1.0
        if factor > 1 and not suffix:
            return value * factor, True, False
        return value, False, False
    value_word = words.get(token.lower())
    if value_word is not None and 2 <= value_word < 1000:  # "un", "a", "one" are articles too
        times = words.get(after.lower(), 0)
        if times in _TIMES:  # "fifteen hundred", "six millions"
            return float(value_word * times), True, True
        return float(value_word), False, False
    return None


@cache
def _takes_after(code: str | None) -> frozenset[str]:
    """The words after a number (lower-cased, and also without trailing dots) that
    ``_read`` may take in: any other word after it reads as none."""
    table = lang.language(code)
    words = table.numbers if table is not None else {}
    return frozenset(_MAGNITUDES) | frozenset(_magnitudes()) | {w for w, v in words.items() if v in _TIMES}


_CURRENCIES = "$€£¥₹₩"
_TIMES = (100, 1000, 1000000, 1000000000)  # a number word times these is one number


def may_touch(text: str, spans: list[tuple[int, int]], code: str | None) -> bool:
    """Whether a number of ``text`` (as :func:`iter_numbers` finds them) may overlap one
    of ``spans``, which start and end between tokens (a word diff's changes). A number
    is its first token (a digit, a currency, a number word) and perhaps a space and a
    magnitude ("10 million"): one of those is inside a span that overlaps it. False
    lets a comparison skip reading every number of a paragraph whose edits hold none."""
    table = lang.language(code)
    words = table.numbers if table is not None else {}
    magnitudes = _magnitudes()
    for lo, hi in spans:
        piece = text[lo:hi]
        if not piece.strip() or any(c.isdigit() or c in _CURRENCIES for c in piece):
            return True  # a lone space may be the one between a number and its magnitude
        for token in tokenize(piece):
            low = token.lower()
            value = words.get(low)
            if value is not None and (2 <= value < 1000 or value in _TIMES):  # as iter_numbers reads them
                return True
            plain = low.rstrip(".")
            if plain in _MAGNITUDES or plain in magnitudes:
                return True
    return False


def _candidates(tokens: list[str], words: dict[str, int], lo: int = 0, hi: int | None = None) -> list[int]:
    """The tokens (by index, from ``lo`` to ``hi``) that may open a number: those opening
    with a digit or a currency, and the language's number words (in any case, not right
    after a letter or a digit). Read with map and compress, so that a long text does not
    pay a step of Python for each of its words and spaces; only the number words are
    looked at again."""
    some = tokens[lo:hi] if lo or hi is not None else tokens
    digits = compress(count(lo), map(_OPENS_NUMBER.match, some))
    named = compress(count(lo), map(words.__contains__, map(str.lower, some)))
    return sorted([*digits, *(k for k in named if not k or not is_word_char(tokens[k - 1][-1]))])


_OPENS_NUMBER = patterns.compile(f"[\\d{_CURRENCIES}]")


_HOUR = patterns.compile(r"\d{1,2}[:.h]00")
_PLAIN = patterns.compile(r"\d+(?:[.,]\d+)?")


@lru_cache(maxsize=4096)
def _value(digits: str) -> float | str:
    digits = digits.replace("٫", ".").replace("٬", ",")  # Arabic decimal and thousands marks
    digits = digits.rstrip(".,: '’\u00a0\u202f\u2009")
    if _HOUR.fullmatch(digits):  # "2:00" is the hour 2, as "2 p.m." says
        return float(digits[:-3])
    plain = plain_numbers(digits)
    if plain != digits:  # grouped in thousands: "10.000" is 10000, "1.234,5" is 1234.5
        try:
            return float(plain)
        except ValueError:
            return plain
    if _PLAIN.fullmatch(digits):
        return float(digits.replace(",", "."))
    return digits  # "10:30", "2019-2020": compared as written


def _factor(word: str | None, words: dict[str, int]) -> float:
    if not word:
        return 1.0
    low = word.lower().rstrip(".")
    return _MAGNITUDES.get(low) or _magnitudes().get(low, 1.0)


@cache
def _magnitudes() -> dict[str, float]:
    """Thousand, million, billion in every language ("milliard", "mila", "Mio."): a word
    for a magnitude says the same in any text."""
    out: dict[str, float] = {}
    for table in lang.languages():
        for word, value in table.numbers.items():
            if value >= 1000:
                out.setdefault(word, float(value))
    return out
