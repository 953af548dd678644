"""Word wrapping of styled runs, for the diff columns.

Pure Python (no textual, no rich) so that it can be tested on its own and run
in a worker thread. A *run* is ``(text, role)``: the role names how the text is
drawn ("text", "del", "ins", ...), and the widget maps roles to styles.

Words are wrapped whole: a line breaks only at whitespace, except for a single
word longer than the column, which is cut at the column edge. A word may span
several runs (``comrades-in-arms,”`` where only the quote changed), and is still
kept in one piece.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable

from ..core import patterns

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from typing import TypeVar

    R = TypeVar("R")  # the role of a run: a style name, a status...

Run = tuple[str, str]
Line = list[Run]

_TOKEN = patterns.compile(r"\s+|\S+")


# Characters whose cell width is not one: wide East Asian and emoji (two cells),
# combining marks and zero-width characters (none). Text without them can be
# wrapped by character counts, with a regular expression, which is many times
# faster than walking the words in Python (it matters for 100k-word articles).
_NOT_ONE_CELL = patterns.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0e31-\u0e3a"
    "\u1100-\u115f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u20d0-\u20ff\u2e80-\ua4cf"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe6f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd\U000e0000-\U000e0fff]"
)


def _is_narrow(text: str) -> bool:
    """True when every character of ``text`` takes exactly one cell."""
    return text.isascii() or not _NOT_ONE_CELL.search(text)


def cell_width(text: str) -> int:
    """Terminal cells taken by ``text`` (wide East Asian characters take two)."""
    if _is_narrow(text):
        return len(text)
    width = 0
    for char in text:
        # Outside the ranges above a character is one cell, as on the fast path: the
        # same text measures the same whole or character by character.
        if not _NOT_ONE_CELL.match(char):
            width += 1
        elif not unicodedata.combining(char):
            width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _append(line: Line, text: str, role: str) -> None:
    if line and line[-1][1] == role:
        line[-1] = (line[-1][0] + text, role)
    else:
        line.append((text, role))


def _cut(text: str, width: int) -> tuple[str, str]:
    """Split ``text`` so that the head takes at most ``width`` cells (and at least one char)."""
    if _is_narrow(text):
        return text[:width], text[width:]
    used = 0
    for i, char in enumerate(text):
        w = cell_width(char)
        if used + w > width and i > 0:
            return text[:i], text[i:]
        used += w
    return text, ""


def wrap_runs(runs: Iterable[Run], width: int) -> list[Line]:
    """Wrap styled runs into lines of at most ``width`` cells.

    ``"\\n"`` in a run is a hard line break. Whitespace at a soft break is
    dropped. Always returns at least one (possibly empty) line.
    """
    width = max(1, width)
    lines: list[Line] = []
    texts: list[str] = []
    roles: list[str] = []
    for text, role in runs:
        while text:
            head, newline, text = text.partition("\n")
            if head:
                texts.append(head)
                roles.append(role)
            if newline:
                lines.extend(_wrap_paragraph(texts, roles, width))
                texts, roles = [], []
    lines.extend(_wrap_paragraph(texts, roles, width))
    return lines


_line_patterns: dict[int, re.Pattern[str]] = {}


def _line_pattern(width: int) -> re.Pattern[str]:
    pattern = _line_patterns.get(width)
    if pattern is None:
        # Longest stretch of at most `width` chars that starts with a word and
        # ends before whitespace (or the end); failing that, `width` chars of
        # one over-long word.
        # Kept compiled between runs (reader.core.patterns): one pattern per width.
        pattern = patterns.compile(rf"(\S.{{0,{width - 1}}})(?=\s|$)|(\S{{{width}}})")
        _line_patterns[width] = pattern
    return pattern


def _wrap_paragraph(texts: list[str], roles: list[str], width: int) -> list[Line]:
    if len(texts) == 1:
        text = texts[0]
        # One run that fits as it is (a gutter's label, a short line): the line is itself.
        if len(text) <= width and text.isprintable() and text[0] != " " != text[-1] and _is_narrow(text):
            return [[(text, roles[0])]]
    plain = "".join(texts)
    if not plain.strip():
        return [[]]
    if _NOT_ONE_CELL.search(plain):
        return _wrap_slow(list(zip(texts, roles, strict=True)), width)
    if len(texts) == 1:  # a paragraph of one role (unchanged text): each line is a match
        role = roles[0]
        return [[(m.group().rstrip(), role)] for m in _line_pattern(width).finditer(plain)] or [[]]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    lines: list[Line] = []
    for match in _line_pattern(width).finditer(plain):
        begin, end = match.span()
        end = begin + len(match.group().rstrip())
        index = bisect_right(starts, begin) - 1
        line: Line = []
        while index < len(texts) and starts[index] < end:
            start = starts[index]
            piece = texts[index][max(begin - start, 0) : end - start]
            if piece:
                _append(line, piece, roles[index])
            index += 1
        lines.append(line)
    return lines or [[]]


def _wrap_slow(runs: Iterable[Run], width: int) -> list[Line]:
    """Word by word, measuring cells: for text with wide or zero-width characters."""
    lines: list[Line] = []
    line: Line = []
    line_w = 0
    spaces: Line = []  # whitespace seen since the last word, not yet placed
    spaces_w = 0
    word: Line = []  # pieces of the word being read
    word_w = 0

    def place_word() -> None:
        nonlocal line, line_w, spaces, spaces_w, word, word_w
        if not word:
            return
        if line_w and line_w + spaces_w + word_w <= width:
            for text, role in spaces:
                _append(line, text, role)
            line_w += spaces_w
        elif line_w:
            lines.append(line)
            line, line_w = [], 0
        spaces, spaces_w = [], 0
        if line_w + word_w <= width:
            for text, role in word:
                _append(line, text, role)
            line_w += word_w
        else:
            # One word wider than the column: cut it, the only place we ever do.
            for text, role in word:
                while text:
                    room = width - line_w
                    if room <= 0 or (line_w and cell_width(text[0]) > room):
                        lines.append(line)
                        line, line_w = [], 0
                        room = width
                    head, text = _cut(text, room)
                    _append(line, head, role)
                    line_w += cell_width(head)
        word, word_w = [], 0

    for text, role in runs:
        for match in _TOKEN.finditer(text):
            token = match.group()
            if token[0].isspace():
                place_word()
                spaces.append((token, role))
                spaces_w += cell_width(token)
            else:
                if word and word[-1][1] == role:
                    word[-1] = (word[-1][0] + token, role)
                else:
                    word.append((token, role))
                word_w += cell_width(token)
    place_word()
    lines.append(line)
    return lines


def line_width(line: Line) -> int:
    return sum(cell_width(text) for text, _ in line)


def truncate(text: str, width: int, ellipsis: str = "…", words: bool = False) -> str:
    """``text`` on one line, cut to ``width`` cells with an ellipsis when too long;
    with ``words``, cut between words (unless that loses more than half the room)."""
    text = " ".join(text.split())
    if cell_width(text) <= width:
        return text
    if width <= len(ellipsis):
        return ellipsis[:width]
    room = width - cell_width(ellipsis)
    head, _ = _cut(text, room)
    if cell_width(head) > room:  # a wide first character, and one cell for it
        head = ""
    if words and text[len(head) : len(head) + 1] not in ("", " "):
        space = head.rfind(" ")
        if space > len(head) // 2:
            head = head[:space]
    return head.rstrip() + ellipsis


def fit(text: str, width: int) -> str:
    """``text`` (one line) in exactly ``width`` cells: cut with an ellipsis, its indent kept."""
    if cell_width(text) > width:
        body = text.lstrip(" ")
        indent = min(len(text) - len(body), width)
        text = " " * indent + truncate(body, width - indent)
    return text + " " * (width - cell_width(text))


def wrap_units(
    units: Iterable[list[tuple[str, R]]], width: int, separator: tuple[str, R]
) -> list[list[tuple[str, R]]]:
    """Units of runs (a legend's symbol with its meaning) wrapped to ``width`` between
    units, never inside one, ``separator`` between units on a line."""
    lines: list[list[tuple[str, R]]] = []
    line: list[tuple[str, R]] = []
    used = 0
    gap = cell_width(separator[0])
    for unit in units:
        size = sum(cell_width(text) for text, _ in unit)
        if line and used + gap + size > width:
            lines.append(line)
            line, used = [], 0
        if line:
            line.append(separator)
            used += gap
        line.extend(unit)
        used += size
    if line:
        lines.append(line)
    return lines
