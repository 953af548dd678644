"""Make untrusted article text safe to show in a terminal.

Article files come from scrapers, wire feeds and mail: they can carry escape
sequences that move the cursor, retitle the window or hide text, and bidi
overrides that make a line display differently from what it says. Everything
that reaches the screen (or a pipe) goes through :func:`clean` first, once, at
load time, so the rest of the program only ever sees printable text, ``\\n``
and spaces.

Markup-looking text such as ``[bold red]`` is left alone on purpose: it is the
UI's job never to parse article text as markup, and escaping it here would
change what gets compared.
"""

from __future__ import annotations

import os
import re
import unicodedata

from . import patterns

# ESC-introduced sequences (ECMA-48), longest forms first:
#   CSI  ESC [ params intermediates final        (colours, cursor moves)
#   OSC  ESC ] ... BEL | ESC \                   (window titles, hyperlinks)
#   DCS/SOS/PM/APC  ESC P|X|^|_ ... ESC \        (device strings)
#   other two- and three-byte escapes: ESC ( B, ESC c, ESC 7 ...
# Their 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS ...) are handled the same way.
# An unterminated string sequence is cut at the end of its line, not the end of the text,
# so one stray ESC ] cannot swallow the rest of an article.
_ESCAPES = patterns.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f]) [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?
    | \x1b [ -/]* [0-~]?
    """,
    re.VERBOSE,
)

# Characters that are not shown but change what is shown: C0/C1 controls (tab and
# newline are handled separately), bidi embeddings, overrides and isolates
# (U+202A-202E, U+2066-2069: the "Trojan Source" trick), zero-width space,
# word joiner and invisible operators, stray byte-order marks, soft hyphens (an
# invisible break hint that would make two equal words differ), tag characters
# (used to smuggle hidden ASCII) and lone surrogates (which cannot even be
# encoded for output). Zero-width joiners and LRM/RLM marks stay: scripts and
# emoji need them and they cannot reorder text on their own.
_INVISIBLE = patterns.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
    "\u00ad\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\U000e0000-\U000e007f\ud800-\udfff]"
)

# str.translate with a dict is slow on non-ASCII text; a few replace() calls are not.
_REPLACEMENTS = (("\t", " "), ("\x85", "\n"), ("\u2028", "\n"), ("\u2029", "\n\n"))


def clean(text: str) -> str:
    """Return ``text`` with terminal control sequences and display-spoofing
    characters removed, tabs turned into spaces and every line end as ``\\n``."""
    # Every character this removes or replaces is unprintable: most paragraphs hold none
    # (one C-level scan, not a regex scan and a dozen ``in`` tests).
    if not text.isprintable():
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\x1b" in text or _has_c1_introducer(text):
            text = _ESCAPES.sub("", text)
        for old, new in _REPLACEMENTS:
            if old in text:
                text = text.replace(old, new)
        text = _INVISIBLE.sub("", text)
    # One spelling per accented letter: a copy whose "é" is e + combining accent
    # must not show as an edit.
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# Only runs that are not already a single space: replacing every space by itself is slow.
_ASCII_SPACE_RUN = patterns.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")


def squash(text: str) -> str:
    """Runs of ASCII white space as one space, without leading or trailing space.

    Non-breaking and other Unicode spaces are kept: they are content (a copy that
    swaps them for plain spaces shows as a typography change, as it should).
    """
    if "  " in text or (not text.isprintable() and any(c in text for c in "\t\n\r\f\v")):
        text = _ASCII_SPACE_RUN.sub(" ", text)
    return text.strip(" ")


def _has_c1_introducer(text: str) -> bool:
    # Cheap pre-check so that ordinary text skips the escape-sequence regex.
    return any(c in text for c in "\x9b\x9d\x90\x98\x9e\x9f")


# --- names ----------------------------------------------------------------------
#
# A file or folder name is shown, not read: dropping what cannot be shown, as clean()
# does for text, could make two files look alike. Names get escapes instead, in the
# spelling Python and most shells use: \n, \t, \r, \x1b for a control character,
# \u202e (\u0085) for an invisible or display-changing character from U+0080 on,
# \xe9 for a byte that is not UTF-8 (Python gives such a byte as the lone surrogate
# U+DCE9: os.fsdecode's "surrogateescape"). A backslash is doubled only where it
# would read as the start of one of those escapes, so that ``a\b.txt`` stays as it
# is and ``caf\xe9.txt`` (a backslash in the name) still differs from the escaped
# byte: every name has one shown form, and no two names share it.
_NAME_HIDDEN = (
    "\x00-\x1f\x7f-\x9f\u00ad\u200b\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\U000e0000-\U000e007f\ud800-\udfff"
)
_NAME_ESCAPED = patterns.compile(f"[{_NAME_HIDDEN}]|\\\\(?=[\\\\nrtxuU{_NAME_HIDDEN}])")
_HIDDEN_ONLY = patterns.compile(f"[{_NAME_HIDDEN}]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    short = _SHORT.get(ch)
    if short is not None:
        return short
    code = ord(ch)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as surrogateescape gives it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape_name(name: str | os.PathLike[str]) -> str:
    """A file or folder name (or a whole path) as it is shown everywhere: on one line,
    printable, and told apart from every other name (``new\\nline.txt``,
    ``caf\\xe9.txt`` for the Latin-1 byte of an old archive, ``evil\\x1b[31m.txt``)."""
    text = os.fspath(name)
    if text.isascii() and text.isprintable() and "\\" not in text:
        return text  # nearly every name: nothing to look for
    return _NAME_ESCAPED.sub(_escape, text)


def escape_controls(text: str) -> str:
    """A message on one line, whatever slipped into it: what escape_name() would escape,
    escaped, backslashes left alone (a name in it may already be escaped)."""
    if text.isprintable():
        return text
    return _HIDDEN_ONLY.sub(_escape, text)
