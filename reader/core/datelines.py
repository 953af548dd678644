"""The agency's marks on a story: the dateline lead that opens it and the credit
that closes it.

The lead (``SEOUL (AFP) :``, ``Madrid, 9 oct (EFE).-``, ``(ANSA) - ROMA, 12 GEN -``)
and the end credit (``AGENCE FRANCE-PRESSE``, ``afp/nxp``, ``... dijo. EFE``) are
what republishers most often drop, restyle or replace, so both are split off the
text before comparison and shown separately. Agency names, months and credit
patterns come from the language tables (reader/core/lang), so that every language
an agency files in is read alike. The parser is deliberately conservative: a missed
dateline costs one edited word in a diff, while a false one silently removes the
start of a real sentence.
"""

from __future__ import annotations

import re
from functools import cache

from . import lang, patterns

_WIRES = ("PRNewswire", "PRNewswire-Asia", "GLOBE NEWSWIRE", "Business Wire", "ACCESSWIRE", "EINPresswire")

# A word of a place name: letters, with inner apostrophes, dots and hyphens
# (N'DJAMENA, ST. LOUIS, PORT-AU-PRINCE). Reuters joins cities with a slash
# ("HONG KONG/SHANGHAI").
_PLACE_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_]))*\.?"
_PLACE = rf"{_PLACE_WORD}(?:(?:[ ]|[ ]?/[ ]?){_PLACE_WORD}){{0,5}}"
_DASH = r"(?:--|[:\-–—―_|])"
# The lead's skeleton; the pieces are checked in code because Python's re has no
# Unicode upper-case class. Separators: colon, hyphen, en/em dash, double hyphen,
# EFE's ".-", AP's old underscore. A lead without a separator is accepted only
# before a capital (see _accept).
_LEAD = patterns.compile(
    rf"""^
    (?P<place>{_PLACE})?
    (?:[ ]\((?P<area>[^()\n]{{2,30}})\))?
    (?:,\s*(?P<extra>[^()/\n,][^()/\n]{{0,40}}?))?
    \s*
    (?:\((?P<agency>[^()\n]{{2,40}})\)|/(?P<wire>[^/\n]{{2,30}})/)
    (?P<sep>[ \u00a0]*\.?[ \u00a0]*{_DASH}(?:[ \u00a0]+|(?=\S)|$)|[ \u00a0]+(?=\S))
    """,
    re.VERBOSE,
)
# ANSA and AGI put the agency first: "(ANSA) - ROMA, 12 GEN - ".
_AGENCY_FIRST = patterns.compile(
    rf"""^\((?P<agency>[^()\n]{{2,40}})\)[ \u00a0]*[-–—][ \u00a0]*
    (?P<place>{_PLACE})(?:,[ \u00a0]*(?P<extra>[^()/\n,\-–—][^()/\n\-–—]{{0,30}}?))?
    (?P<sep>[ \u00a0]*[-–—](?:[ \u00a0]+|$))""",
    re.VERBOSE,
)

# Newspapers and some agencies (The Canadian Press in French) set the place alone, in
# capitals, before a dash: "BAIE-TRINITÉ, Qc — ", "WASHINGTON — ".
_PLACE_ONLY = patterns.compile(
    rf"""^(?P<place>{_PLACE})(?:,[ \u00a0]*(?P<extra>[^()/\n,\-–—][^()/\n\-–—]{{0,30}}?))?
    (?P<sep>[ \u00a0]*(?:—|–|--)[ \u00a0]+)""",
    re.VERBOSE,
)

# Lower-case words allowed inside a place name ("Dar es Salaam", "Santiago de Chile").
_PLACE_CONNECTORS = frozenset(
    (
        "de",
        "del",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "du",
        "des",
        "la",
        "le",
        "les",
        "el",
        "al",
        "es",
        "on",
        "upon",
        "of",
        "am",
        "im",
        "an",
        "der",
        "y",
        "e",
        "en",
        "sur",
        "lès",
        "van",
        "den",
        "ter",
        "bei",
        "ob",
    )
)
# All-capitals words that open kickers, not datelines ("UPDATE (Reuters) -").
_NOT_PLACES = frozenset(
    (
        "BREAKING",
        "UPDATE",
        "UPDATED",
        "EXCLUSIVE",
        "ANALYSIS",
        "WATCH",
        "LIVE",
        "OPINION",
        "CORRECTION",
        "URGENT",
        "FLASH",
        "ALERT",
        "FACTBOX",
        "EXPLAINER",
        "REFILE",
        "WRAPUP",
        "INSIGHT",
        "COLUMN",
        "PHOTOS",
        "VIDEO",
        "NOTE",
        "EDITORS",
        "URGENTE",
        "EIL",
        "EILMELDUNG",
    )
)
_OPENING = "\"“‘«„'¿¡("


_HEAD_END = patterns.compile(r"[-/\s]")
_CREDIT_WORDS = patterns.compile(r"[^\W\d_][\w\-]*")
_DAY_WORDS = patterns.compile(r"\d{1,2}(?=\D|$)|[^\W\d_]+")


@cache
def _date() -> re.Pattern[str]:
    months = "|".join(re.escape(m) for m in lang.month_names())
    weekdays = "|".join(re.escape(d) for d in lang.weekday_names())
    month = rf"(?:{months})\.?"
    day = r"\d{1,2}(?:st|nd|rd|th|er|º|°)?\.?"
    year = r"(?:de\s+)?\d{4}"
    return patterns.compile(
        rf"^(?:(?:{weekdays}),?\s*)?(?:{month}\s+{day}(?:,?\s*{year})?"
        rf"|{day}\s+(?:de\s+)?{month}(?:,?\s*{year})?|\d{{4}}-\d\d-\d\d|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}"
        rf"|{weekdays}|\d{{4}})$",
        re.IGNORECASE,
    )


def split_lead(first_paragraph: str) -> tuple[str | None, str | None, str | None, str]:
    """Split a dateline lead off the first paragraph.

    Returns ``(lead, dateline, agency, rest)`` where ``lead + rest`` is exactly
    the input; without a recognisable lead: ``(None, None, None, paragraph)``.
    ``dateline`` is the place (with its region, without the date), ``agency``
    the name in parentheses or between slashes.
    """
    for pattern in (_AGENCY_FIRST, _LEAD, _PLACE_ONLY):
        m = pattern.match(first_paragraph)
        if m is not None and _accept(m, first_paragraph):
            lead = m.group(0)
            place = (m.group("place") or "").strip()
            area = m.groupdict().get("area")
            region = area.strip() if area else _region(m.group("extra"))
            dateline = ", ".join(p for p in (place, region) if p) or None
            groups = m.groupdict()
            agency = (groups.get("agency") or groups.get("wire") or "").strip() or None
            return lead, dateline, agency, first_paragraph[len(lead) :]
    return None, None, None, first_paragraph


def _accept(m: re.Match[str], text: str) -> bool:
    if m.re is _PLACE_ONLY:
        after = text[m.end() : m.end() + 1]
        return bool(after) and (after.isupper() or after in _OPENING) and _accept_place_only(m)
    groups = m.groupdict()
    place = groups.get("place") or ""
    agency = groups.get("agency") or ""
    wire = groups.get("wire")
    sep = m.group("sep").strip()
    extra = groups.get("extra")
    known = False
    if wire is not None:
        if wire.strip() not in _WIRES:
            return False
        known = True
    else:
        known = is_known_agency(agency)
        if not known and not _unknown_agency_ok(agency, place):
            return False
    if place:
        words = place.split()
        if words[0].upper() in _NOT_PLACES or not _is_place(words):
            return False
    area = groups.get("area")
    if area is not None and not _is_region(area):
        return False
    if (
        extra is not None
        and _region(extra) is None
        and not all(_is_date(p.strip(), known) for p in extra.split(",") if p.strip())
    ):
        return False
    if sep:
        return bool(place) or sep != ":" or known
    # No separator: the story must start right after, with a capital or a quotation mark.
    after = text[m.end() : m.end() + 1]
    if not after or not (after.isupper() or after in _OPENING):
        return False
    return place.isupper() or known


def _accept_place_only(m: re.Match[str]) -> bool:
    place = m.group("place")
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3 or not place.isupper() or place.split()[0] in _NOT_PLACES:
        return False
    extra = m.group("extra")
    if extra is None or _region(extra) is not None:
        return True
    return all(_is_date(p.strip(), False) for p in extra.split(","))


def is_known_agency(name: str) -> bool:
    """Whether every part of ``name`` is an agency of the tables ("AFP/Reuters"), allowing
    a regional service code after the first ("dpa/bb", "dpa-AFX")."""
    parts = [p.strip() for p in _AGENCY_SEPARATORS.split(name.strip()) if p.strip()]
    if not parts:
        return False
    names = lang.agency_names()
    if all(lang.fold_name(p) in names for p in parts):
        return True
    return lang.fold_name(parts[0]) in names and all(p.islower() and len(p) <= 4 for p in parts[1:])


def canonical_agency(name: str) -> str:
    """One name per agency, folded: "Agence France-Presse" and "AFP" are "afp", "dpa/bb"
    and "dpa-AFX" are "dpa"; an unknown name is itself, folded."""
    folded = lang.fold_name(name.strip())
    aliases = lang.agency_aliases()
    if folded in aliases:
        return aliases[folded]
    head = _HEAD_END.split(folded, maxsplit=1)[0]
    if head != folded and head in lang.agency_names():
        return aliases.get(head, head)
    return folded


def _unknown_agency_ok(agency: str, place: str) -> bool:
    # An unknown agency: only after an all-capitals place, and shaped like a name.
    name = agency.strip()
    return (
        bool(name)
        and place.isupper()
        and len(name.split()) <= 3
        and all(w[:1].isupper() for w in name.split())
        and not any(c.isdigit() for c in name)
    )


def _is_place(words: list[str]) -> bool:
    first = words[0][:1]
    if first.islower():  # a capital, or a script without case (Arabic)
        return False
    for w in words:
        core = w.strip(".'’-")
        if not core:
            return False
        if core[:1].islower() and core not in _PLACE_CONNECTORS:
            return False
    return True


def _region(extra: str | None) -> str | None:
    """The region part of ``PLACE, Region, June 12``, or None when there is none
    or ``extra`` is not a region/date at all ("" is returned as None too)."""
    if extra is None:
        return None
    pieces = [p.strip() for p in extra.split(",") if p.strip()]
    region: list[str] = []
    for i, piece in enumerate(pieces):
        if _is_date(piece, False):
            if not all(_is_date(p, False) for p in pieces[i:]):
                return None
            break
        if not _is_region(piece):
            return None
        region.append(piece)
    return ", ".join(region) or None


def _is_date(piece: str, known_agency: bool) -> bool:
    # Europa Press gives the day alone: "MADRID, 3 (EUROPA PRESS) -".
    return bool(_date().match(piece)) or (known_agency and piece.isdigit() and len(piece) <= 2)


def _is_region(piece: str) -> bool:
    words = piece.split()
    return (
        0 < len(words) <= 4
        and all(not w[:1].islower() or w in _PLACE_CONNECTORS for w in words)
        and not any(c.isdigit() for c in piece)
    )


# --- end credits ------------------------------------------------------------------


@cache
def _end_line() -> re.Pattern[str] | None:
    return lang.end_credit_pattern()


_CREDIT_TAIL = 2000


def is_credit_line(text: str) -> bool:
    """Whether a paragraph is only an end credit (``AGENCE FRANCE-PRESSE``, ``afp/nxp``,
    ``(Reporting by ...)``, ``© dpa-infocom ...``)."""
    if len(text) > 160 and len(text.split(maxsplit=81)) > 81:
        return False  # over 160 characters however spaced (without splitting it all)
    text = " ".join(text.split())
    if not text or len(text) > 160 or _function_words_only(text):
        return False
    pattern = _end_line()
    if pattern is not None and pattern.search(text):
        return True
    return _agency_line(text)


_AGENCY_SEPARATORS = patterns.compile(r"[/,&]| and ")
_WORD_SEPARATORS = patterns.compile(r"[\s/\-]+")
_CREDIT_END = patterns.compile(r"[\s,;:-]")
_FIM = patterns.compile(r"/\s*fim$", re.IGNORECASE)


def _function_words_only(text: str) -> bool:
    """ "and/or", "y/o": words, not desk initials."""
    words = [w for w in _WORD_SEPARATORS.split(text.lower()) if w]
    return all(any(w in table.function_words for table in lang.languages()) for w in words)


def _agency_line(text: str) -> bool:
    """A line that names an agency and nothing else: "EFE", "(ANSA)", "-- AFP", "© AFP",
    "Lusa/Fim"."""
    core = text.strip(" .-–—()[]")
    if core.startswith("©"):
        # "© AFP", "© dpa-infocom, dpa:251014-930-418275/2"; not "© 2025 The Ledger".
        core = _CREDIT_END.split(core[1:].strip(), maxsplit=1)[0]
    core = _FIM.sub("", core).strip()
    return bool(core) and is_known_agency(core)


def split_credit_suffix(paragraph: str) -> tuple[str, str | None]:
    """``(rest, credit)``: an end credit closing the last paragraph ("... dijo. EFE",
    "... (ANSA).") split off, or ``(paragraph, None)``."""
    pattern = lang.credit_suffix_pattern()
    if pattern is None:
        return paragraph, None
    # A credit is a few words at the very end: a paragraph as long as a book is searched
    # in its tail only (the regex engine cannot skip to the end of an anchored pattern).
    m = pattern.search(paragraph, max(0, len(paragraph) - _CREDIT_TAIL))
    if m is None or m.start() == 0:
        return paragraph, None
    return paragraph[: m.start()], paragraph[m.start() :].strip()


def credit_agency(credit: str) -> str | None:
    """The first agency an end credit names ("Con información de EFE" -> "EFE"), or None
    (desk initials name no agency)."""
    names = lang.agency_names()
    exact = {a for table in lang.languages() for a in table.agencies}
    words = _CREDIT_WORDS.findall(credit)
    for k, word in enumerate(words):
        for candidate in (" ".join(words[k : k + 3]), " ".join(words[k : k + 2]), word):
            # Short names match as written: "AP" and "dpa" are agencies, "ap" and "Dpa" are not.
            if candidate in exact if len(candidate) <= 3 else lang.fold_name(candidate) in names:
                return candidate
    return None


def lead_day(lead: str | None) -> tuple[int, int] | None:
    """The (month, day) a dateline lead is dated, or None when it gives no date:
    "KINSHASA, Aug 12, 2024 (AFP) -" is (8, 12), "Santander, 4 mar (EFE).-" (3, 4)."""
    if not lead:
        return None
    numbers = lang.month_numbers()
    words = _DAY_WORDS.findall(lead.lower())
    for k, word in enumerate(words):
        month = numbers.get(word)
        if month is None:
            continue
        # "12 June", "June 12", "12 de junio"
        for at in (k - 1, k + 1, k - 2):
            if 0 <= at < len(words) and words[at].isdigit() and 1 <= int(words[at]) <= 31:
                return month, int(words[at])
    return None
