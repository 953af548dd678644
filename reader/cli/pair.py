"""The two articles of ``reader align``, ``diff`` and ``stats``, read side by side.

Reading a long article (decoding, boilerplate, dateline, counts) is about a fifth of
a comparison's time, and the two files owe each other nothing: B is read in a forked
child while this process reads A (reader.cli.forking), when both files are long
enough for that to pay. A's trouble is still reported first, and B's as before.
"""

from __future__ import annotations

from pathlib import Path

from ..core.compare import huge_paragraph, paragraph_keys
from ..core.model import Article
from . import forking
from .compare import load_one

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    Keys = tuple[list[str], list[str]]

# Both files at least this long (bytes): some 10k words, read in about 15 ms each;
# a fork and the hand-over cost about 2.
FORK_FROM = 48 * 1024


def load_pair(spec_a: str, spec_b: str) -> tuple[Article, Article, Keys | None]:
    """``load_one(spec_a), load_one(spec_b)``: the same articles, the same Trouble (A's
    first). When it pays, B is read in a child, and each side's paragraph keys (the
    aligner's first step) are made beside the other's: then they are given too."""
    if not all((size := _size(spec)) is not None and size >= FORK_FROM for spec in (spec_a, spec_b)):
        return load_one(spec_a), load_one(spec_b), None
    (a, keys_a), (b, keys_b) = forking.share(lambda: _keyed(spec_a), lambda: _keyed(spec_b))
    return a, b, ((keys_a, keys_b) if keys_a is not None and keys_b is not None else None)


def _keyed(spec: str) -> tuple[Article, list[str] | None]:
    # Not for a huge paragraph (a whole file on one line): its keys would live through
    # the whole comparison, and its word diff is where the memory peaks (a 19 MB
    # one-line pair went from 920 MB to over a gigabyte).
    article = load_one(spec)
    if huge_paragraph(article):
        return article, None
    return article, paragraph_keys(article)


def _size(spec: str) -> int | None:
    """The size of the file a spec names ("FILE" or "FILE#N"); None when it is not a
    regular file (a pipe, a missing file: read as before, in this process)."""
    path = Path(spec)
    try:
        if not path.exists() and "#" in spec:
            path = Path(spec.rpartition("#")[0])
        return path.stat().st_size if path.is_file() else None
    except (OSError, ValueError):
        return None
