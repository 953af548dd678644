"""Sentences and comparison keys for the aligner.

The aligner compares sentences, not characters: a key is the list of a
sentence's words, lower-cased, with apostrophes dropped and hyphenated words
split, so that quote style, dashes and spacing never count as edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets,
# then space, then something that can start a sentence.
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'”’»)\]]*\s+(?=["'“‘«(\[]?[A-Z0-9À-ÖØ-Þ\u0400-\u042F])""")
# Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st mt jr sr no nos vs jan feb
    mar apr jun jul aug sep sept oct nov dec inc ltd corp co u.s u.k u.n e.u a.m p.m approx
    est fig dept univ ave blvd rev hon pres""".split()
)
_WORD = re.compile(r"\w+")
# Text between double quotes (curly or straight); a quotation left open runs to the end of
# the paragraph (AP's multi-paragraph quotes). British style quotes between single marks:
# those open before a word and close after one, so that an apostrophe inside a word
# ("today's") neither opens nor closes one.
# (The pattern opens with the class of all marks so that the engine can skip to them: 4x
# faster than an alternation whose last branch starts with a lookbehind.)
_QUOTED = re.compile(
    r"[“\"«„'‘](?:(?<=“)[^”]*(?:”|$)|(?<=\")[^\"]*(?:\"|$)|(?<=«)[^»]*(?:»|$)|(?<=„)[^“”]*(?:[“”]|$)"
    r"|(?<=['‘])(?<!\w['‘])(?=[^\W\d_])(?:[^'‘’]|['’](?=\w))*?(?<=[\w.,!?…])['’](?!\w))"
)
_QUOTE_MARKS = ('"', "“", "«", "„", "'", "‘")
_APOSTROPHES = "'’‘`´"


def keys(text: str) -> list[str]:
    """The comparison key of a text: its words, folded."""
    text = text.lower()
    # str.replace is several times faster than str.translate on non-ASCII text.
    for mark in _APOSTROPHES:
        if mark in text:
            text = text.replace(mark, "")
    return _WORD.findall(text)


def split(text: str) -> list[str]:
    """Split a paragraph into sentences; the pieces joined with single spaces give
    back the paragraph up to whitespace."""
    pieces: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[start : m.start()]
        last = head.rstrip("\"'”’»)]").rsplit(None, 1)[-1] if head.strip() else ""
        stem = last.rstrip(".!?…").lower()
        # "Mr. Kim", "U.S. officials", "J. Smith": not a sentence end.
        if last.endswith(".") and (stem in _ABBREVIATIONS or len(stem) == 1 or "." in stem):
            continue
        pieces.append(head.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail or not pieces:
        pieces.append(tail)
    return [p for p in pieces if p] or [text.strip()]


def blank_quotations(text: str) -> str | None:
    """``text`` with its quotations blanked out (same length), None if it quotes nothing."""
    if not any(q in text for q in _QUOTE_MARKS):
        return None
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return None if blanked == text else blanked




@dataclass(slots=True)
class Sentence:
    para: int  # paragraph index in its article
    pos: int  # running number in the article
    text: str
    words: list[str]
    # Its text with quotations blanked out, None when it quotes nothing: independent
    # reports share quotations, so those say little about one being a version of the other.
    unquoted: str | None = None

    def __len__(self) -> int:
        return len(self.words)

    def plain(self) -> list[str]:
        """Its words outside quotations."""
        return self.words if self.unquoted is None else keys(self.unquoted)


def sentences_of(paragraphs: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, para in enumerate(paragraphs):
        # Quotations are found in the whole paragraph: a sentence split inside a quotation
        # ("Do not wait. Go.") holds only one of its quote marks.
        blanked = blank_quotations(para)
        cursor = 0
        for piece in split(para):
            w = keys(piece)
            if not w:
                continue
            unquoted = None
            if blanked is not None:
                at = para.find(piece, cursor)
                if at >= 0:
                    cursor = at + len(piece)
                    unquoted = blanked[at:cursor]
                else:
                    unquoted = blank_quotations(piece)
            out.append(Sentence(i, len(out), piece, w, unquoted))
    return out
