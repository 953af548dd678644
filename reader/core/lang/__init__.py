"""What the reader knows of each language, read from one data table per language.

Wire copy comes in every language an agency files in, so nothing in the core
may weigh words by English lists alone. Each ``<code>.json`` beside this module
(its keys are explained in README.md there) holds, for one language: its
function words (which say nothing about whether two sentences are versions of
each other, and vote for the language of a text), the elided forms to drop
before comparing (French ``l'usine``), the abbreviations that end in a full
stop without ending a sentence, month and weekday names and agency names
(datelines), number words (facts), end credits and page furniture
(boilerplate). Adding a language is adding a table.

Tables are parsed on first use; patterns are compiled on first use. The
stemmers are Snowball's (PyStemmer), which run in C and load instantly.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from .. import patterns
from ..records import record

_HERE = Path(__file__).resolve().parent
# The languages with a table, in the order that breaks ties in a vote.
CODES = ("en", "fr", "es", "de", "pt", "it", "nl", "ar")
# Below this many words, a vote is a guess: a headline alone says little.
_MIN_WORDS = 8


@record(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1
    name: str
    stemmer: str | None  # Snowball's name for it
    function_words: frozenset[str]
    elisions: frozenset[str]
    abbreviations: frozenset[str]
    before_numbers: frozenset[str]
    months: tuple[tuple[str, ...], ...]  # January first, each with its abbreviations
    weekdays: tuple[str, ...]
    agencies: tuple[str, ...]
    agency_aliases: dict[str, str]
    ordinal_markers: frozenset[str]
    numbers: dict[str, int]
    capitalised_nouns: bool
    end_credits: tuple[str, ...]
    credit_suffixes: tuple[str, ...]
    boilerplate: dict[str, tuple[str, ...]]


def _words(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys((value or "").split()))


@cache
def language(code: str | None) -> Language | None:
    """The table of one language, or None for a language without one."""
    if code not in CODES:
        return None
    data = json.loads((_HERE / f"{code}.json").read_text(encoding="utf-8"))
    credits = data.get("credits", {})
    return Language(
        code=data["code"],
        name=data["name"],
        stemmer=data.get("stemmer"),
        function_words=frozenset(_words(data.get("function_words"))),
        elisions=frozenset(_words(data.get("elisions"))),
        abbreviations=frozenset(_words(data.get("abbreviations"))),
        before_numbers=frozenset(_words(data.get("before_numbers"))),
        months=tuple(_words(m) for m in data.get("months", ())),
        weekdays=_words(data.get("weekdays")),
        agencies=tuple(data.get("agencies", ())),
        agency_aliases=dict(data.get("agency_aliases", {})),
        ordinal_markers=frozenset(_words(data.get("ordinal_markers"))),
        numbers=dict(data.get("numbers", {})),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        end_credits=tuple(credits.get("end", ())),
        credit_suffixes=tuple(credits.get("suffix", ())),
        boilerplate={reason: tuple(p) for reason, p in data.get("boilerplate", {}).items()},
    )


def name_of(code: str | None) -> str:
    """The English name of a language ("French"), its code for a language without a
    table, "" for None."""
    table = language(code)
    return table.name if table is not None else (code or "")


def languages() -> tuple[Language, ...]:
    return tuple(lang for code in CODES if (lang := language(code)) is not None)


# --- detection ------------------------------------------------------------------

_LETTERS = patterns.compile(r"[^\W\d_]+")


@cache
def _voters() -> dict[str, tuple[int, ...]]:
    """Each function word, with the positions (in CODES) of the languages it belongs to."""
    owners: dict[str, list[int]] = {}
    for k, lang in enumerate(languages()):
        for word in sorted(lang.function_words):
            owners.setdefault(word, []).append(k)
    return {word: tuple(ks) for word, ks in owners.items()}


def detect(text: str) -> str | None:
    """The language of ``text`` among those with a table (ISO 639-1), or None when
    the vote does not settle it (too little text, a language without a table).

    Function words vote: news text in any language is 30-50% function words, and
    the lists of the languages agencies file in overlap little once counted over
    a paragraph. This is what comparisons weigh words by: it costs a few
    microseconds per paragraph and loads no model."""
    words = _LETTERS.findall(text[:20000].lower())
    if len(words) < _MIN_WORDS:
        return None
    voters = _voters()
    # A word several languages share ("de", "in") splits its vote between them.
    votes = [0.0] * len(CODES)
    for word in words:
        owners = voters.get(word, ())
        for k in owners:
            votes[k] += 1 / len(owners)
    ranked = sorted(range(len(votes)), key=lambda k: (-votes[k], k))
    best, second = votes[ranked[0]], votes[ranked[1]]
    if best >= 0.1 * len(words) and best >= 1.5 * second:
        return CODES[ranked[0]]
    return None


def identify(text: str, voted: str | None = None) -> str | None:
    """The language of ``text`` to show: the vote's (``voted`` when already taken), else
    py3langid's model, which knows some 90 languages (Russian, Chinese, Turkish...)
    and costs half a second to load, so only texts the vote cannot settle pay it."""
    voted = voted if voted is not None else detect(text)
    if voted is not None or len(_LETTERS.findall(text[:2000])) < _MIN_WORDS:
        return voted
    return _model_guess(text[:20000])


def _model_guess(text: str) -> str | None:
    try:
        import py3langid
    except ImportError:  # an install without it still works, knowing fewer languages
        return None
    code, _score = py3langid.classify(text)
    return code or None


# --- stems ----------------------------------------------------------------------


@cache
def _stemmer(name: str):
    import Stemmer

    return Stemmer.Stemmer(name, 20000)


def stems(words: list[str], code: str | None) -> list[str]:
    """The Snowball stems of lower-cased words ("incendios" -> "incendi",
    "caused" -> "caus"); the words themselves for a language without a stemmer."""
    lang = language(code)
    if lang is None or not lang.stemmer:
        return words
    return _stemmer(lang.stemmer).stemWords(words)


# --- what every language contributes --------------------------------------------


@cache
def elisions() -> frozenset[str]:
    """Elided forms of every language: applied whatever the text's language, so that
    both sides of a comparison are keyed alike even if detection disagrees."""
    return frozenset().union(*(lang.elisions for lang in languages()))


@cache
def month_names() -> tuple[str, ...]:
    """Month names and abbreviations of every language, longest first (for a regex)."""
    names = {m for lang in languages() for month in lang.months for m in month}
    return tuple(sorted(names, key=lambda m: (-len(m), m)))


@cache
def month_numbers() -> dict[str, int]:
    """Every month name and abbreviation (lower case) with its number, 1 to 12."""
    numbers: dict[str, int] = {}
    for lang in languages():
        for n, month in enumerate(lang.months, start=1):
            for name in month:
                numbers.setdefault(name, n)
    return numbers


@cache
def weekday_names() -> tuple[str, ...]:
    names = {d for lang in languages() for d in lang.weekdays}
    return tuple(sorted(names, key=lambda d: (-len(d), d)))


@cache
def agency_names() -> frozenset[str]:
    """Every table's agency names, folded with :func:`fold_name`."""
    return frozenset(fold_name(a) for lang in languages() for a in lang.agencies)


@cache
def agency_aliases() -> dict[str, str]:
    """Every table's other names of agencies, folded, with the short name folded."""
    return {fold_name(k): fold_name(v) for table in languages() for k, v in table.agency_aliases.items()}


def fold_name(name: str) -> str:
    """A name compared without case or accents ("Télam" is "telam")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _union(sources: list[str]) -> re.Pattern[str] | None:
    return patterns.compile("|".join(f"(?:{p})" for p in sources), re.IGNORECASE) if sources else None


@cache
def end_credit_pattern() -> re.Pattern[str] | None:
    """One pattern for a line that is only an end credit, in any language (any case)."""
    return _union([p for lang in languages() for p in lang.end_credits])


@cache
def credit_suffix_pattern() -> re.Pattern[str] | None:
    """One pattern for an end credit closing the last paragraph (any case)."""
    return _union([p for lang in languages() for p in lang.credit_suffixes])


@cache
def boilerplate_patterns() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(reason, patterns) for the page furniture of every language, reasons in the order
    they are first met. Patterns match lower-cased text."""
    by_reason: dict[str, list[str]] = {}
    for lang in languages():
        for reason, listed in lang.boilerplate.items():
            by_reason.setdefault(reason, []).extend(listed)
    return tuple((reason, tuple(ps)) for reason, ps in by_reason.items())
