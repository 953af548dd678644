"""What an article says about itself: its dateline lead, a title, its outlet.

The dateline lead (``SEOUL (AFP) :``) is the part of a wire story that
republishers most often drop or restyle, so it is split off paragraph 0 before
comparison and shown separately. All three parsers are deliberately
conservative: a missed dateline costs one edited word in a diff, while a false
one silently removes the start of a real sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Agencies and wires as they appear inside the lead's parentheses. Anything not
# listed is accepted only after an all-capitals place name ("SEOUL (Newsis) -").
KNOWN_AGENCIES = frozenset(
    a.casefold()
    for a in (
        "AFP", "AP", "Reuters", "dpa", "dpa-AFX", "EFE", "ANSA", "Xinhua", "Kyodo", "Kyodo News",
        "Yonhap", "Bloomberg", "UPI", "PTI", "IANS", "ANI", "Anadolu", "AA", "TASS", "RIA",
        "RIA Novosti", "Interfax", "Bernama", "Antara", "CNA", "CNN", "BBC", "KUNA", "WAM", "SPA",
        "MENA", "IRNA", "APA", "PAP", "CTK", "BTA", "Agerpres", "Hina", "NTB", "TT", "Ritzau",
        "STT", "Belga", "ANP", "Lusa", "Europa Press", "SDA", "Keystone-SDA", "AAP", "CP",
        "The Canadian Press", "Canadian Press", "Sputnik", "Tasnim", "Fars", "ISNA", "Mehr",
        "Jiji", "Jiji Press", "AFP-JIJI", "KCNA", "NNA", "Dow Jones", "Reuters Health",
        "Thomson Reuters Foundation", "Reuters Breakingviews", "Agence France-Presse",
        "Associated Press", "The Associated Press", "Newsis", "News1", "CNS", "PNA", "VNA",
        "APP", "BSS", "RSS", "Prensa Latina", "Notimex", "Telam", "Ukrinform", "UNIAN",
        "BelTA", "Kazinform", "Trend", "Xinhua News Agency", "Yonhap News Agency", "ABC",
        "Al Jazeera", "AFPTV", "RFE/RL", "RFA", "VOA", "IPS", "Bloomberg News",
    )
)

_WIRES = ("PRNewswire", "PRNewswire-Asia", "GLOBE NEWSWIRE", "Business Wire", "ACCESSWIRE", "EINPresswire")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = re.compile(
    rf"^(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s*\d{{4}})?|\d{{4}}-\d\d-\d\d|{_WEEKDAY})$",
    re.IGNORECASE,
)

# A word of a place name: letters, with inner apostrophes, dots and hyphens
# (N'DJAMENA, ST. LOUIS, PORT-AU-PRINCE). Reuters joins cities with a slash
# ("HONG KONG/SHANGHAI").
_PLACE_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_]))*\.?"
# The lead's skeleton; the pieces are checked in code because Python's re has no
# Unicode upper-case class. Separators: colon, hyphen, en/em dash, double
# hyphen, AP's old underscore. A lead whose separator is missing is accepted
# only after an all-capitals place and before a capital (see _accept).
_LEAD = re.compile(
    rf"""^
    (?P<place>{_PLACE_WORD}(?:(?:[ ]|[ ]?/[ ]?){_PLACE_WORD}){{0,5}})?
    (?:,\s*(?P<extra>[^()/\n,][^()/\n]{{0,40}}?))?
    \s*
    (?:\((?P<agency>[^()\n]{{2,40}})\)|/(?P<wire>[^/\n]{{2,30}})/)
    (?P<sep>[ \u00a0]*(?:--|[:\-–—―_|])(?:[ \u00a0]+|(?=\S)|$)|[ \u00a0]+(?=[A-Z“"‘]))
    """,
    re.VERBOSE,
)

# Lower-case words allowed inside a place name ("Dar es Salaam", "Rio de Janeiro").
_PLACE_CONNECTORS = frozenset((
    "de", "del", "da", "do", "dos", "das", "di", "du", "des", "la", "le", "les", "el", "al", "es",
    "on", "upon", "of", "am", "im", "an", "der", "y"
))
# All-capitals words that open kickers, not datelines ("BREAKING (AP) -" does not occur,
# but "UPDATE (Reuters) -" does in some feeds).
_NOT_PLACES = frozenset((
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "WATCH", "LIVE", "OPINION",
    "CORRECTION", "URGENT", "FLASH", "ALERT", "FACTBOX", "EXPLAINER", "REFILE", "WRAPUP", "INSIGHT",
    "COLUMN", "PHOTOS", "VIDEO", "NOTE", "EDITORS"
))


def split_lead(first_paragraph: str) -> tuple[str | None, str | None, str | None, str]:
    """Split a dateline lead off the first paragraph.

    Returns ``(lead, dateline, agency, rest)`` where ``lead + rest`` is exactly
    the input; without a recognisable lead: ``(None, None, None, paragraph)``.
    ``dateline`` is the place (with its region, without the date), ``agency``
    the name in parentheses or between slashes.
    """
    m = _LEAD.match(first_paragraph)
    if m is None or not _accept(m):
        return None, None, None, first_paragraph
    lead = m.group(0)
    place = (m.group("place") or "").strip()
    region = _region(m.group("extra"))
    dateline = ", ".join(p for p in (place, region) if p) or None
    agency = (m.group("agency") or m.group("wire") or "").strip()
    return lead, dateline, agency, first_paragraph[len(lead):]


def _accept(m: re.Match[str]) -> bool:
    place = m.group("place") or ""
    agency = m.group("agency") or ""
    wire = m.group("wire")
    sep = m.group("sep").strip()
    extra = m.group("extra")
    if wire is not None:
        if wire.strip() not in _WIRES:
            return False
    elif not _is_agency(agency, place):
        return False
    if place:
        words = place.split()
        if words[0].upper() in _NOT_PLACES or not _is_place(words):
            return False
    elif not sep:
        return False  # "(Reuters) Apple said" needs its dash to be a lead
    if extra is not None and _region(extra) is None and not all(
        _is_date(p.strip()) for p in extra.split(",") if p.strip()
    ):
        return False
    return bool(sep) or place.isupper()


def _is_agency(agency: str, place: str) -> bool:
    name = agency.strip()
    if not name:
        return False
    parts = [p.strip() for p in re.split(r"[/,&]| and ", name)]
    if all(p.casefold() in KNOWN_AGENCIES for p in parts if p):
        return True
    # An unknown agency: only after an all-capitals place, and shaped like a name.
    return (
        place.isupper()
        and len(name.split()) <= 3
        and all(w[:1].isupper() for w in name.split())
        and not any(c.isdigit() for c in name)
    )


def _is_place(words: list[str]) -> bool:
    if not words[0][:1].isupper():
        return False
    for w in words:
        core = w.strip(".'’-")
        if not core:
            return False
        if not (core[:1].isupper() or core in _PLACE_CONNECTORS):
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
        if _is_date(piece):
            if not all(_is_date(p) for p in pieces[i:]):
                return None
            break
        if not _is_region(piece):
            return None
        region.append(piece)
    return ", ".join(region) or None


def _is_date(piece: str) -> bool:
    return bool(_DATE.match(piece) or re.fullmatch(r"\d{4}", piece))


def _is_region(piece: str) -> bool:
    words = piece.split()
    return 0 < len(words) <= 4 and all(
        w[:1].isupper() or w in _PLACE_CONNECTORS for w in words
    ) and not any(c.isdigit() for c in piece)


# --- titles -----------------------------------------------------------------

# Words that end in a full stop without ending the sentence.
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "sgt",
    "cmdr", "adm", "gov", "sen", "rep", "pres", "rev", "inc", "ltd", "co", "corp", "bros", "no",
    "nos", "vs", "etc", "approx", "dept", "univ", "ave", "blvd", "rd", "mt", "ft", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"
))
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, skipping full stops after abbreviations
    (``Mr.``, ``Jan.``) and initials (``U.S.``, ``J.``)."""
    text = " ".join(text.split())
    for m in _SENTENCE_END.finditer(text):
        before = text[: m.start()].rsplit(" ", 1)[-1].lstrip("\"“‘(")
        if m.group(0)[0] == "." and (
            before.casefold() in _ABBREVIATIONS or len(before) == 1 or "." in before
        ):
            continue
        return text[: m.end()]
    return text


def make_title(text: str, limit: int = 80) -> str:
    """A one-line title from body text: its first sentence, cut on a word
    boundary to about ``limit`` characters with "…", without the final full stop."""
    sentence = first_sentence(text)
    if len(sentence) <= limit:
        if sentence.endswith(".") and not sentence.endswith(".."):
            return sentence[:-1].rstrip() or sentence
        return sentence
    cut = sentence[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space >= limit // 2 else sentence[:limit]
    return cut.rstrip(" ,;:-–—([{\"“‘") + "…"


# --- outlet -----------------------------------------------------------------

_NAME = r"(?P<name>(?:The |the )?[A-Z][\w.&'’\-]*(?: (?:[A-Z0-9][\w.&'’\-]*|of|the|and|for|de|la|&)){0,5})"
_OUTLET_PATTERNS = tuple(
    re.compile(p)
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
_NOT_OUTLETS = frozenset((
    "us", "our", "this", "the", "my", "your", "all", "rights", "their", "his", "her", "its"
))


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
