"""Telling copies apart by name.

Copies of one story are usually saved under names that share most of their length
(``kim-putin-comrades-afp.txt``, ``kim-putin-comrades-moscowtimes.txt``): cut in the
middle, or from the end, they all read the same. What tells them apart is what
their names do not share, so that is what a narrow column keeps, and what stands for
the outlet when nothing else names it.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Sequence

from reader.view.wrap import cell_width, truncate

# Where a name may be cut between its shared and its own part.
_SEPARATORS = frozenset("-_ ./·#")
ELLIPSIS = "…"


def shared_prefix(names: Sequence[str]) -> int:
    """How many leading characters all ``names`` share, up to and including the last
    separator in that stretch (never inside a word): 0 for fewer than two names."""
    if len(names) < 2:
        return 0
    # The common prefix of a set is the common prefix of its two extremes.
    common = _common_start(min(names), max(names))
    cut = max((i for i, ch in enumerate(common) if ch in _SEPARATORS), default=-1)
    return cut + 1


def shared_suffix(names: Sequence[str]) -> int:
    """How many trailing characters all ``names`` share, from a separator on (".txt",
    "-article.json"): 0 for fewer than two names."""
    if len(names) < 2:
        return 0
    reversed_names = [name[::-1] for name in names]
    common = _common_start(min(reversed_names), max(reversed_names))
    cut = max((i for i, ch in enumerate(common) if ch in _SEPARATORS), default=-1)
    return cut + 1


def kin_prefixes(names: Sequence[str]) -> list[int]:
    """For each name, how many leading characters it shares (up to a separator) with the
    names next to it in sorted order: copies saved under one slug ("kim-putin-afp.txt",
    "kim-putin-nknews.txt") sort together, whatever else the folder holds."""
    kin = Kin(names)
    return [kin.prefix(i) for i in range(len(names))]


class Kin:
    """``kin_prefixes`` one name at a time: only the names shown need it, and a million
    names compared all at once held up the app for seconds."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.ordered = sorted(names)

    def prefix(self, index: int) -> int:
        name, ordered = self.names[index], self.ordered
        at = bisect_left(ordered, name)  # the first of equal names: one of them is next
        before = shared_prefix([ordered[at - 1], name]) if at > 0 else 0
        after = shared_prefix([name, ordered[at + 1]]) if at + 1 < len(ordered) else 0
        return max(before, after)


def _common_start(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


def own_part(name: str, prefix: int, suffix: int) -> str:
    """What is left of a name without its shared ``prefix`` and ``suffix`` characters and
    its extension ("afp.txt" beside "feed.json" is "afp": an extension names no one)."""
    own = name[prefix : len(name) - suffix if suffix else None]
    stem, dot, extension = own.rpartition(".")
    if dot and stem and extension.isalnum() and len(extension) <= 5:
        own = stem
    return own.strip("-_ ./·")


def own_parts(names: Sequence[str]) -> list[str]:
    """What each name does not share with the others ("afp", "moscowtimes"); a name
    that would be left with nothing keeps its stem."""
    prefix, suffix = shared_prefix(names), shared_suffix(names)
    return [own_part(name, prefix, suffix) or os.path.splitext(name)[0] or name for name in names]


def fit_name(name: str, width: int, prefix: int = 0) -> str:
    """A file name in ``width`` cells at most. Too long, it loses first the ``prefix``
    characters it shares with the names around it ("…moscowtimes.txt"), then its middle,
    keeping its start of what is left and its end (the extension)."""
    if cell_width(name) <= width:
        return name
    if 0 < prefix < len(name):
        name = ELLIPSIS + name[prefix:]
        if cell_width(name) <= width:
            return name
    if width < 8:
        return truncate(name, width)
    tail = max(4, width // 3)
    head = width - tail - 1
    return truncate(name[: head + 1], head, ellipsis="") + ELLIPSIS + _last_cells(name, tail)


def _last_cells(text: str, width: int) -> str:
    out = ""
    for ch in reversed(text):
        if cell_width(ch + out) > width:
            break
        out = ch + out
    return out
