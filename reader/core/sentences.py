"""Sentences and comparison keys for the aligner.

The aligner compares sentences, not characters: a key is the list of a
sentence's words, lower-cased, with elided forms dropped (French ``l'usine``
is ``usine``), other apostrophes dropped and hyphenated words split, so that
quote style, dashes and spacing never count as edits. For matching, words are
also reduced to their stems in the text's language ("incendios"/"incendio").

Sentences are cut by sentencex, which knows scraped text where sentences are
glued without a space ("...del edificio.Todavía no...") and most languages'
abbreviations; the cuts it still makes after a language's own abbreviations
("M. Dupont", "der 12. Tag") or before a lower-case word are joined again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from . import lang, patterns
from .records import record
from .tokens import is_word_char, pieces, plain_numbers

_WORD = patterns.compile(r"\w+")
_APOSTROPHES = "'’‘`´"
# Text between double quotes (curly or straight); a quotation left open runs to the end of
# the paragraph (AP's multi-paragraph quotes). British style quotes between single marks:
# those open before a word and close after one, so that an apostrophe inside a word
# ("today's") neither opens nor closes one.
# (The pattern opens with the class of all marks so that the engine can skip to them: 4x
# faster than an alternation whose last branch starts with a lookbehind.)
_QUOTED = patterns.compile(
    r"[“\"«„'‘](?:(?<=“)[^”]*(?:”|$)|(?<=\")[^\"]*(?:\"|$)|(?<=«)[^»]*(?:»|$)|(?<=„)[^“”]*(?:[“”]|$)"
    r"|(?<=['‘])(?<!\w['‘])(?=[^\W\d_])(?:[^'‘’]|['’](?=\w))*?(?<=[\w.,!?…])['’](?!\w))"
)
_QUOTE_MARKS = ('"', "“", "«", "„", "'", "‘")


@cache
def _elided() -> re.Pattern[str]:
    forms = "|".join(sorted(lang.elisions(), key=lambda f: (-len(f), f)))
    return patterns.compile(rf"\b(?:{forms})[{_APOSTROPHES}](?=\w)", re.IGNORECASE)


def keys(text: str) -> list[str]:
    """The comparison key of a text: its words, folded; a number grouped in thousands
    is one word whatever its separators ("10.000", "10 000")."""
    if len(text) <= _MEMO_LENGTH:
        # No key holds whitespace (they are runs of \w), so the joined key splits back.
        return _memo_key_text(text).split()
    return _words(text.lower())


def key_text(text: str) -> str:
    """``" ".join(keys(text))``, a piece at a time for a long text (the list of all its
    words would take ten times its size)."""
    if len(text) <= _MEMO_LENGTH:
        return _memo_key_text(text)
    if len(text) <= _LONG:
        return " ".join(_words(text.lower()))
    return " ".join(part for start, end in pieces(text) if (part := " ".join(keys(text[start:end]))))


def key_text_of_sentences(text: str, code: str | None, kept: dict[str, Split]) -> str:
    """``key_text(text)``. A long text (a whole article as one paragraph) is split into
    sentences, each keyed, and its key made of theirs; ``kept[text]`` then holds them
    for ``sentences_of``. The aligner splits and keys the sentences of a paragraph it
    did not pair whole: keying the text whole as well was a tenth of comparing a
    100k-word paragraph."""
    if not _MEMO_LENGTH < len(text) <= _LONG:
        return key_text(text)
    pieces = split(text, code)
    piece_keys = [key_text(piece) for piece in pieces]
    kept[text] = Split(pieces, piece_keys)
    if not _cut_between_words(text, pieces):
        return key_text(text)
    return " ".join(k for k in piece_keys if k)


@record(slots=True)
class Split:
    """A paragraph's sentences (``split``) and their keys (``key_text``)."""

    pieces: list[str]
    keys: list[str]


def _cut_between_words(text: str, pieces: list[str]) -> bool:
    """Whether the keys of ``pieces`` (``split(text)``), in order, are the words of
    ``text``'s key: nothing that makes a key reads across a cut between two of them.
    Across whitespace, only digits on both sides could (a number grouped with a space,
    "10 000"). Across glued sentences ("edificio.Todavía"), a word or number on both
    sides, a number beside a stop ("3.5"), an apostrophe dropped or elided, and the
    lower case of a final "Σ", which depends on the letters after it (whitespace ends
    that context)."""
    if not pieces:
        return True
    glued_ok = "Σ" not in text
    end = text.find(pieces[0])
    if end < 0:
        return False
    end += len(pieces[0])
    for piece in pieces[1:]:
        at = text.find(piece, end)
        if at < end:
            return False
        before, after = text[end - 1], text[at]
        if at > end:
            if not text[end:at].isspace() or (before.isdigit() and after.isdigit()):
                return False
        elif not (
            glued_ok
            and not before.isdigit()
            and not after.isdigit()
            and before not in _APOSTROPHES
            and after not in _APOSTROPHES
            and not (is_word_char(before) and is_word_char(after))
        ):
            return False
        end = at + len(piece)
    return True


def key_count(text: str) -> int:
    """``len(keys(text))``, a piece at a time for a long text."""
    if len(text) <= _LONG:
        return len(keys(text))
    return sum(len(keys(text[start:end])) for start, end in pieces(text))


_LONG = 1 << 20
# The same paragraph or sentence is keyed again and again: as a paragraph of A and of B
# (most are kept), as a sentence (most paragraphs hold one or two), for the facts' quotes.
# Kept as one string, a tenth of the memory of its list of words; long texts are not kept.
_MEMO_LENGTH = 2048


@lru_cache(maxsize=1 << 14)
def _memo_key_text(text: str) -> str:
    return " ".join(_words(text.lower()))


def cased_keys(text: str) -> list[str]:
    """:func:`keys` with each word as written: the same words, capitals kept (names
    tell one story from another)."""
    return _words(text)


def _words(text: str) -> list[str]:
    text = plain_numbers(text)
    if any(mark in text for mark in _APOSTROPHES):
        text = _drop_elisions(text)
        # str.replace is several times faster than str.translate on non-ASCII text.
        for mark in _APOSTROPHES:
            if mark in text:
                text = text.replace(mark, "")
    return _WORD.findall(text)


_APOSTROPHE = patterns.compile("[" + re.escape(_APOSTROPHES) + "]")


def _drop_elisions(text: str) -> str:
    """``text`` without its elided articles and pronouns ("l'", "dell'", "qu'")."""
    # The pattern opens with a word boundary, so the engine tries it at every position:
    # most of the time of keying a long paragraph, and 6 of 7 ms of keying 360 paragraphs
    # of 200 characters with an apostrophe. An elision holds no space, so it is looked
    # for in the space-delimited stretch around each apostrophe only (a space on each
    # side of a cut leaves the boundary and the lookahead as they were).
    sub = _elided().sub
    out, done = [], 0
    for m in _APOSTROPHE.finditer(text):
        at = m.start()
        if at < done:
            continue
        start = max(text.rfind(" ", done, at) + 1, done)
        end = text.find(" ", at)
        end = len(text) if end < 0 else end
        out.append(text[done:start])
        out.append(sub("", text[start:end]))
        done = end
    out.append(text[done:])
    return "".join(out)


# --- sentences ------------------------------------------------------------------

_WORD_OPENERS = frozenset('(["“‘«„')
_FIRST_CHAR = patterns.compile(r"[\s\"'“”‘’«»„(\[¿¡—–-]*(.)", re.DOTALL)


def split(text: str, code: str | None = None) -> list[str]:
    """Split a paragraph into sentences; the pieces joined with single spaces give
    back the paragraph up to whitespace."""
    import sentencex

    # sentencex's pieces keep their trailing whitespace, so joined they give ``text`` back.
    # Whitespace it gives as a piece of its own (line breaks) stays with the piece before:
    # dropped, it no longer parted the words of two pieces joined again ("said\n\nl’usine").
    pieces: list[str] = []
    for piece in sentencex.segment(code or "en", text):
        if piece.strip():
            pieces.append(piece)
        elif pieces:
            pieces[-1] += piece
    if len(pieces) < 2:
        return [text.strip()] if text.strip() else []
    table = lang.language(code) or lang.language("en")
    out = [pieces[0]]
    for piece in pieces[1:]:
        if _continues(out[-1].rstrip(), piece, table):
            out[-1] += piece
        else:
            out.append(piece)
    return [part.strip() for p in out for part in _split_numbering(p, table)]


@cache
def _numbering_end(code: str) -> re.Pattern[str] | None:
    table = lang.language(code)
    if table is None or not table.before_numbers:
        return None
    words = "|".join(re.escape(w) for w in sorted(table.before_numbers))
    # sentencex takes "no." for an abbreviation everywhere: "Dijo que no. Luego se fue."
    return patterns.compile(rf"(?<!\w)(?i:{words})\.\s+(?=[\"“«¿¡]?[^\W\d_])(?=\S*[^\W\d_])")


# What _numbering_end cannot match without: a full stop, a space, and more text. It opens
# with a literal, which the engine finds fast; most sentences hold a full stop at their
# end only (10 times faster over the sentences of a 100k-word paragraph).
_STOP_THEN_TEXT = patterns.compile(r"\.\s+\S")


def _split_numbering(piece: str, table: lang.Language | None) -> list[str]:
    pattern = _numbering_end(table.code) if table is not None else None
    if pattern is None or "." not in piece or _STOP_THEN_TEXT.search(piece) is None:
        return [piece]
    parts, start = [], 0
    for m in pattern.finditer(piece):
        nxt = _FIRST_CHAR.match(piece, m.end())
        if nxt and nxt.group(1).isupper():
            parts.append(piece[start : m.end()])
            start = m.end()
    parts.append(piece[start:])
    return [p for p in parts if p.strip()]


def _continues(head: str, piece: str, table: lang.Language | None) -> bool:
    """Whether the cut between ``head`` and ``piece`` is not a sentence end."""
    first = _FIRST_CHAR.match(piece)
    if first and first.group(1).islower():
        return True  # "La S.p.A. ha chiuso", "7:42 a.m. local time"
    if not head.endswith(".") or table is None:
        return False
    start = last_word_start(head)
    if start == len(head):
        return False
    word = head[start:-1]
    last = word.lower()
    if last in table.abbreviations or (len(word) == 1 and word.isupper()):
        return True  # "M. Dupont", "Dr. Leroy", "J. Smith"; not "à 10 h. Le..."
    if last in table.before_numbers:
        return first is not None and first.group(1).isdigit()  # "No. 3", not "He said no."
    if last.isdigit() and len(last) <= 2 and table.ordinal_markers:
        before = head[:start].split()
        return bool(before) and before[-1].lower() in table.ordinal_markers  # "der 12. Tag"
    return False


def last_word_start(head: str) -> int:
    """Where the last word of ``head`` (no trailing whitespace) begins: after the last
    space or opening mark; ``len(head)`` when it ends in one."""
    # A backward scan over one word: a regular expression anchored at the end is tried
    # from every position of the sentence, a tenth of the splitting of a long paragraph.
    k = len(head)
    while k and not head[k - 1].isspace() and head[k - 1] not in _WORD_OPENERS:
        k -= 1
    return k


def has_quote_marks(text: str) -> bool:
    """Whether ``text`` holds a mark that may open a quotation (without one it quotes
    nothing; with one it may still not)."""
    return any(q in text for q in _QUOTE_MARKS)


def quotations(text: str) -> list[tuple[int, int]]:
    """Where the quotations of a paragraph stand: (start, end) of each, marks included."""
    if not has_quote_marks(text):
        return []
    return [m.span() for m in _QUOTED.finditer(text)]


def blank_quotations(text: str) -> str | None:
    """``text`` with its quotations blanked out (same length), None if it quotes nothing."""
    if not has_quote_marks(text):
        return None
    blanked = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    return None if blanked == text else blanked


@record(slots=True)
class Sentence:
    para: int  # paragraph index in its article
    pos: int  # running number in the article
    text: str
    words: list[str]  # stems of its keys
    # Its text with quotations blanked out, None when it quotes nothing: independent
    # reports share quotations, so those say little about one being a version of the other.
    unquoted: str | None = None
    code: str | None = None  # the language its words were stemmed in

    def __len__(self) -> int:
        return len(self.words)

    def plain(self) -> list[str]:
        """Its words outside quotations."""
        return self.words if self.unquoted is None else lang.stems(keys(self.unquoted), self.code)


def sentences_of(
    paragraphs: list[str],
    code: str | None = None,
    known: list[Sentence] | None = None,
    spelled: dict[str, str] | None = None,
    keyed: Sequence[str] | None = None,
    kept: dict[str, Split] | None = None,
) -> list[Sentence]:
    """The sentences of each paragraph, their words stemmed in language ``code``. The
    words of a sentence as written in ``known`` (the other text's, in the same
    language) are taken from it, not made again: a copy keeps most of its sentences.
    Each word is one string however often it occurs: the one ``spelled`` holds (the
    same dictionary for both texts of a comparison), else a new one's. ``keyed`` are
    the paragraphs' ``key_text``: a paragraph of one sentence is not keyed again; ``kept``
    the sentences and keys of those keyed by ``key_text_of_sentences``."""
    words_of = {s.text: s.words for s in known} if known else {}
    one = (spelled if spelled is not None else {}).setdefault
    out: list[Sentence] = []
    for i, para in enumerate(paragraphs):
        if not para:
            continue
        # Quotations are found in the whole paragraph: a sentence split inside a quotation
        # ("Do not wait. Go.") holds only one of its quote marks.
        blanked = blank_quotations(para)
        cursor = 0
        made = kept.get(para) if kept else None
        pieces_ = made.pieces if made is not None else split(para, code)
        # Its key is its words whatever whitespace surrounds it (the keys' memo holds some
        # thousands of texts, fewer than the paragraphs of a million-word pair).
        whole = keyed is not None and len(pieces_) == 1 and len(para) <= _LONG and pieces_[0] == para.strip()
        for n, piece in enumerate(pieces_):
            words = words_of.get(piece)
            if words is None:
                if whole:
                    found = keyed[i].split()
                else:
                    found = made.keys[n].split() if made is not None else keys(piece)
                if not found:
                    continue
                # One string for each word, not one for each time it is written: the
                # matcher's dictionaries then find a word by identity, in memory already
                # in cache (a fifth of the matching at a million words). Not sys.intern:
                # Python 3.12 never frees what it interns.
                stems = lang.stems(found, code)
                words = list(map(one, stems, stems))
            unquoted = None
            if blanked is not None:
                at = para.find(piece, cursor)
                if at >= 0:
                    cursor = at + len(piece)
                    # None, as for a paragraph quoting nothing, where this sentence
                    # quotes nothing itself: its words are its plain words all the same.
                    unquoted = None if blanked.startswith(piece, at) else blanked[at:cursor]
                else:
                    unquoted = blank_quotations(piece)
            out.append(Sentence(i, len(out), piece, words, unquoted, code))
    return out
