"""Turn a file's bytes into text, or say in plain words why they are not text.

Scraped and mailed articles arrive as UTF-8 (with or without a BOM), UTF-16
from Windows tools, and legacy single-byte encodings (cp1252 for Western
Europe, cp1251 for Cyrillic...). UTF-8 is tried first because it is by far the
most common and cannot be mistaken for anything else; charset-normalizer (imported
only when needed) guesses the rest. Binary files are refused up front so that a
stray image never turns into a screenful of mojibake.
"""

from __future__ import annotations

import codecs
import re

from . import patterns

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures, to name what a binary file is instead of only refusing it.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
)

# charset-normalizer ranks candidate encodings by its own measures, which on
# short news text often put a Baltic or Central European code page (cp1257,
# cp1250) above cp1252, turning "à" into "ą" or "ŕ", or a DOS code page above
# cp1251. Among its near-equal candidates we therefore prefer decodings with no
# stray symbols, no words mixing alphabets, no mojibake, then the best language
# fit it measured (coherence), then the encodings most often met in news files.
_PRIOR = {
    "cp1252": 0,
    "cp1251": 1,
    "cp1250": 2,
    "iso8859_15": 3,
    "latin_1": 3,
    "cp1256": 4,
    "cp1253": 5,
    "cp1254": 6,
    "koi8_r": 7,
    "cp1257": 8,
    "cp1255": 9,
}
_TYPOGRAPHY = frozenset("“”‘’„‚–—…•€£¥©®°«»·¿¡§×™№\u00a0")


class NotText(ValueError):
    """The bytes are not readable text; ``str(error)`` is the reason in plain words."""


_LETTERS = patterns.compile(r"[^\W\d_]+")


def decode(data: bytes, charset: str | None = None) -> str:
    """Decode a file's bytes; raise :class:`NotText` with the reason when they are not text.
    ``charset`` is the encoding the transport declared (HTTP's Content-Type), for bytes that
    are not UTF-8: a server knows its pages' encoding better than a guess does."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise NotText(f"cannot decode: broken {encoding.upper()} at byte {error.start}") from None
    kind = _binary_kind(data)
    if kind == "utf-16":
        return _decode_bomless_utf16(data)
    if kind is not None:
        raise NotText(f"binary file, not text ({kind})" if kind else "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _labelled(data, charset) if charset else None
    if text is None:
        text = _mostly_utf8(data)
    if text is None:
        text = _declared(data)
    if text is None:
        text = _guess_legacy(data)
    if _control_share(text) > 0.02:
        raise NotText("binary file, not text")
    return text


def _binary_kind(data: bytes) -> str | None:
    """None for text, "utf-16" for BOM-less UTF-16, "" or a description for binary."""
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            return description
    head = data[:4096]
    if b"\x00" not in head and b"\x00" not in data[-4096:]:
        return None
    if len(head) >= 4 and _looks_utf16(head):
        return "utf-16"
    return ""


def _looks_utf16(head: bytes) -> bool:
    # Latin-script UTF-16 has a NUL in nearly every high byte and nearly no other NULs.
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return (nul_odd > 0.6 and nul_even < 0.05) or (nul_even > 0.6 and nul_odd < 0.05)


def _decode_bomless_utf16(data: bytes) -> str:
    head = data[:4096]
    encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise NotText("binary file, not text") from None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a handful of broken bytes (a truncated or badly joined file):
    keep it as UTF-8 rather than re-reading every accent as mojibake."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if broken <= 3 and non_ascii >= 4 * broken:
        return text
    return None


_DECLARED = patterns.compile(
    rb"""(?:<meta[^>]*?charset|<\?xml[^>]*?encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,30})""", re.I
)
# As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as windows-1252.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}


def _declared(data: bytes) -> str | None:
    """Text decoded with the encoding a web page declares (``<meta charset>``), when it fits."""
    m = _DECLARED.search(data[:4096])
    if m is None:
        return None
    return _labelled(data, m.group(1).decode("ascii"))


def _labelled(data: bytes, label: str) -> str | None:
    label = label.strip().strip("\"'").lower()
    encoding = _LABEL_ALIASES.get(label, label)
    try:
        if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
            return None  # a page that got here has no NULs: the label is wrong
        return data.decode(encoding)
    except (LookupError, ValueError):  # ValueError: "idna" and other codecs not made for pages
        return None


def _guess_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes  # only non-UTF-8 files pay for the import

    matches = [m for m in from_bytes(data) if not _impossible(m.encoding, data)]
    if not matches:
        raise NotText("cannot decode: not UTF-8 or any known text encoding")
    floor = min(m.chaos for m in matches)
    candidates = [(str(m), m.coherence, m.encoding) for m in matches if m.chaos <= floor + 0.1]
    western = _strict_cp1252(data)
    if western is not None and all(enc != "cp1252" for _, _, enc in candidates):
        candidates.append((western, 0.0, "cp1252"))  # charset-normalizer sometimes skips it
    ranked = sorted(
        enumerate(candidates),
        key=lambda item: (
            _has_stray_symbols(item[1][0]),
            _mixes_alphabets(item[1][0]),
            _looks_like_mojibake(item[1][0]),
            -round(item[1][1], 2),
            _PRIOR.get(item[1][2], 10),
            item[0],
        ),
    )
    return ranked[0][1][0]


def _has_stray_symbols(text: str) -> bool:
    """Box-drawing characters, superscripts and the like: a wrong code page's signature."""
    odd = sum(
        1 for c in text if ord(c) > 127 and not c.isalpha() and not c.isspace() and c not in _TYPOGRAPHY
    )
    return odd > len(text) // 500


def _mixes_alphabets(text: str) -> bool:
    """Latin text with a few Cyrillic or Greek letters ("Cafй", "Ђ5"), or words mixing them."""
    latin = other = 0
    for word in _LETTERS.findall(text):
        is_latin = [ord(c) < 0x250 for c in word]
        if any(is_latin) and not all(is_latin) and _ALPHABETIC.match(word):
            return True
        latin += sum(is_latin)
        other += len(word) - sum(is_latin)
    return 0 < other < 0.25 * (latin + other) and latin > 0


# Scripts with letters in Latin's neighbourhood: Greek, Cyrillic (CJK, Arabic and
# others mix freely with Latin words without being mojibake).
_ALPHABETIC = patterns.compile(r"^[\u0000-\u024f\u0370-\u052f]+$")


def _looks_like_mojibake(text: str) -> bool:
    """Latin words made mostly of accented letters ("Ïðèâåò"): Cyrillic or Greek read as Latin."""
    latin = [c for c in text if c.isalpha() and ord(c) < 0x250]
    if len(latin) < 2:
        return False
    accented = sum(1 for c in latin if ord(c) > 127)
    return accented > 0.4 * len(latin)


def _impossible(encoding: str, data: bytes) -> bool:
    # Without a BOM and without a single NUL, text is not UTF-16/32 in practice.
    return encoding.startswith(("utf_16", "utf_32")) and b"\x00" not in data


def _strict_cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v\x1b") or 0x7F <= ord(c) < 0xA0)
    return controls / len(sample)
