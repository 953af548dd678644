"""Word shingles: the fingerprint used to tell how much text two articles share.

Hashes are CRC-32 of the folded words, not Python's ``hash``, so they are the
same in every process and can be stored in an index.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from .sentences import keys

SIZE = 3


def shingles(words: list[str], size: int = SIZE) -> set[int]:
    if len(words) < size:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)}


def text_shingles(paragraphs: Iterable[str], size: int = SIZE) -> set[int]:
    """Shingles of a text, paragraph by paragraph (no shingle spans two paragraphs,
    so merging or reordering paragraphs does not change the fingerprint much)."""
    out: set[int] = set()
    for p in paragraphs:
        out |= shingles(keys(p), size)
    return out


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller set found in the other: a trimmed copy still scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
