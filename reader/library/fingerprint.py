"""What the index keeps of an article's text: sampled shingles and a body fingerprint.

The shingles are the core's (CRC-32 of three folded words, never spanning two
paragraphs; see :mod:`reader.core.shingles`), so a score here means what
:func:`reader.core.shingles.containment` means. Only the shingles whose hash
is a multiple of :data:`SAMPLE` are kept: a fixed-rate sample keeps the
containment of one text in another estimable from the samples alone (a trimmed
copy still scores high), and a quarter of the shingles keeps the index a
quarter of the size. A 500-word article keeps about 120.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from array import array
from collections.abc import Iterable

from reader.core.model import Article
from reader.core.sentences import keys
from reader.core.shingles import SIZE

SAMPLE = 4
# Sketches are stored as little-endian unsigned 32-bit integers.
assert array("I").itemsize == 4
_BIG_ENDIAN = sys.byteorder == "big"


def stop_limit(articles: int) -> int:
    """A sample held by more articles than this is a stock phrase ("said in a
    statement"), not evidence that two texts are versions of each other. Generous:
    a story republished by hundreds of outlets must keep its samples."""
    return max(1000, articles // 50)


def folded_words(text: str) -> list[str]:
    """The words the index keeps of a text: the core's comparison keys, so that a score
    here means what it means to the aligner."""
    return keys(text)


def sampled_shingles(paragraphs: Iterable[str]) -> array:
    """The sorted, distinct sampled shingle hashes of a text, paragraph by paragraph."""
    return _sample([folded_words(p) for p in paragraphs])


def _sample(paragraphs: list[list[str]]) -> array:
    crc = zlib.crc32
    kept: set[int] = set()
    for words in paragraphs:
        if len(words) < SIZE:
            hashes: Iterable[int] = (crc(" ".join(words).encode()),) if words else ()
        else:
            hashes = (
                crc(f"{a} {b} {c}".encode()) for a, b, c in zip(words, words[1:], words[2:], strict=False)
            )
        kept.update(h for h in hashes if h % SAMPLE == 0)
    return array("I", sorted(kept))


def body_fingerprint(paragraphs: Iterable[str]) -> int:
    """A 64-bit hash of the folded body (a signed SQLite integer): equal for copies that
    differ only in typography, spacing or paragraph breaks (verbatim republications).
    64 bits, because 32 would make a false match likely among 100k articles."""
    return _fingerprint([folded_words(p) for p in paragraphs])


def _fingerprint(paragraphs: list[list[str]]) -> int:
    text = " ".join(" ".join(words) for words in paragraphs if words)
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def article_sketch(article: Article) -> tuple[array, int]:
    """(sampled shingles, body fingerprint) of an article's body: boilerplate such as
    donation appeals is left out, as is the dateline lead."""
    words = [folded_words(p.text) for p in article.paragraphs if not p.is_boilerplate]
    return _sample(words), _fingerprint(words)


def to_blob(hashes: array) -> bytes:
    if _BIG_ENDIAN:
        hashes = array("I", hashes)
        hashes.byteswap()
    return hashes.tobytes()


def from_blob(blob: bytes) -> array:
    hashes = array("I")
    hashes.frombytes(blob)
    if _BIG_ENDIAN:
        hashes.byteswap()
    return hashes
