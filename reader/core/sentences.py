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
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")
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


def quoted_share(text: str) -> float:
    """Share of a text's words that stand inside double quotes."""
    if '"' not in text and "“" not in text and "«" not in text and "„" not in text:
        return 0.0
    total = len(keys(text))
    if not total:
        return 0.0
    return sum(len(keys(m.group())) for m in _QUOTED.finditer(text)) / total


@dataclass(slots=True)
class Sentence:
    para: int  # paragraph index in its article
    pos: int  # running number in the article
    text: str
    words: list[str]

    def __len__(self) -> int:
        return len(self.words)

    @property
    def quoted(self) -> bool:
        """Mostly a quotation: independent reports share these, so they say little
        about whether one text is a version of the other."""
        return quoted_share(self.text) >= 0.5


def sentences_of(paragraphs: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, para in enumerate(paragraphs):
        for piece in split(para):
            w = keys(piece)
            if w:
                out.append(Sentence(i, len(out), piece, w))
    return out
