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
# Text between double quotes (curly or straight); single quotes are too often apostrophes.
# A quotation left open runs to the end of the paragraph (AP's multi-paragraph quotes).
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)|„[^“”]*(?:[“”]|$)")
_QUOTE_MARKS = ('"', "“", "«", "„")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")


def keys(text: str) -> list[str]:
    """The comparison key of a text: its words, folded."""
    return _WORD.findall(text.lower().translate(_APOSTROPHES))


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


def _blank_quotations(text: str) -> str | None:
    """``text`` with its quotations blanked out (same length), None if it quotes nothing."""
    if not any(q in text for q in _QUOTE_MARKS):
        return None
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def unquoted_keys(text: str) -> list[str]:
    """The key of the words of a paragraph that stand outside double quotes."""
    blanked = _blank_quotations(text)
    return keys(text if blanked is None else blanked)


@dataclass(slots=True)
class Sentence:
    para: int  # paragraph index in its article
    pos: int  # running number in the article
    text: str
    words: list[str]
    # Its words outside quotations (``words`` itself when it quotes nothing): independent
    # reports share quotations, so these say little about one being a version of the other.
    plain: list[str]

    def __len__(self) -> int:
        return len(self.words)


def sentences_of(paragraphs: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, para in enumerate(paragraphs):
        # Quotations are found in the whole paragraph: a sentence split inside a quotation
        # ("Do not wait. Go.") holds only one of its quote marks.
        blanked = _blank_quotations(para)
        cursor = 0
        for piece in split(para):
            w = keys(piece)
            if not w:
                continue
            plain = w
            if blanked is not None:
                at = para.find(piece, cursor)
                if at >= 0:
                    cursor = at + len(piece)
                    plain = keys(blanked[at:cursor])
                else:
                    plain = unquoted_keys(piece)
            out.append(Sentence(i, len(out), piece, w, plain))
    return out
