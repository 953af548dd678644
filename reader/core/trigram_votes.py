"""The trigram votes of a long text's sentences, counted in sorted arrays (numpy).

``matching`` asks, for each sentence of B looked up, which sentences of A share the most
of its word trigrams (common ones aside), and, for one that a sentence of A is written
as, whether that sentence is the only one holding them all. A dictionary from trigrams
to the sentences holding them answers that for an article; at a million words its
tables outgrow the processor's caches, and building it took 20 times as long as for
100k words (ten times the text). Here every trigram is a number and each question is
answered for all sentences at once, by sorting: the same answers, a third of the time.
"""

from __future__ import annotations

from itertools import chain, repeat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# A trigram is the numbers of its three words, 21 bits each, in one 64-bit integer.
_BITS = 21
# The number of a word of A that B never uses, and the filler of the code of a sentence
# of fewer than three words (which is one "trigram", its words: ``matching.trigrams``).
UNUSED = (1 << _BITS) - 1
_SHORT = UNUSED - 1
# Words B may use before their numbers run into those two.
MOST_WORDS = _SHORT


class TooManyWords(ValueError):
    """More distinct words than a trigram's code can number."""


class TrigramVotes:
    """For each word list ``wanted`` (B's sentences looked up): the sentences of A
    (``a_words``, by index) holding most of its trigrams held by at most ``most``
    sentences of A, ``best`` of them, with their votes."""

    def __init__(self, a_words: list[list[str]], wanted: list[list[str]], most: int, best: int) -> None:
        import numpy as np

        numbers = {w: n for n, w in enumerate(dict.fromkeys(chain.from_iterable(wanted)))}
        if len(numbers) > MOST_WORDS:
            raise TooManyWords(len(numbers))
        n_b = len(wanted)
        n_a1 = max(len(a_words), 1)  # a sentence's number is taken modulo this
        self.size = n_b
        # B's distinct trigrams, numbered in the order of their codes; each list's own,
        # once each, as (list, trigram) pairs.
        list_b, codes_b = _codes(np, wanted, numbers)
        codes = _distinct(np, codes_b)
        n_t = max(len(codes), 1)
        pairs_b = _distinct(np, list_b * n_t + np.searchsorted(codes, codes_b))
        list_b, tri_b = pairs_b // n_t, pairs_b % n_t
        # A's trigrams that B uses, each sentence's once: (trigram, sentence) pairs in that
        # order are the postings, one after another.
        sent_a, codes_a = _codes(np, a_words, numbers)
        at = np.searchsorted(codes, codes_a)
        at[at == len(codes)] = 0
        used = codes[at] == codes_a if len(codes) else np.zeros(len(codes_a), dtype=bool)
        held_pairs = _distinct(np, at[used] * n_a1 + sent_a[used])
        postings = held_pairs % n_a1
        sizes = np.bincount(held_pairs // n_a1, minlength=n_t)
        starts = np.cumsum(sizes) - sizes
        # The trigrams that count: held by 1 to ``most`` sentences of A. Each of their
        # holders is a vote for the list; a vote is (list, sentence).
        held = sizes[tri_b]
        counted = (held >= 1) & (held <= most)
        list_c, tri_c, held_c = list_b[counted], tri_b[counted], held[counted]
        first = np.repeat(starts[tri_c] - (np.cumsum(held_c) - held_c), held_c)
        voters = postings[first + np.arange(len(first))]
        ballots, votes = _counted(np, np.repeat(list_c, held_c) * n_a1 + voters)
        voter_list, voter = ballots // n_a1, ballots % n_a1
        # A sentence holding every counted trigram has as many votes as there are; a copy's
        # original is the only one when no other has.
        counts = np.bincount(list_c, minlength=n_b)
        self._sole = (np.bincount(voter_list[votes == counts[voter_list]], minlength=n_b) == 1).tolist()
        # Most votes first, ties to the earlier sentence of A, ``best`` of each list.
        order = np.lexsort((voter, -votes, voter_list))
        voter_list, voter, votes = voter_list[order], voter[order], votes[order]
        rank = np.arange(len(voter_list)) - np.searchsorted(voter_list, voter_list)
        kept = rank < best
        voter_list = voter_list[kept]
        self._voter = voter[kept].tolist()
        self._votes = votes[kept].tolist()
        self._bounds = np.searchsorted(voter_list, np.arange(n_b + 1)).tolist()

    def best(self, i: int) -> list[tuple[int, int]]:
        """The sentences of A with most votes for the ``i``-th list, and their votes."""
        lo, hi = self._bounds[i], self._bounds[i + 1]
        return list(zip(self._voter[lo:hi], self._votes[lo:hi], strict=True))

    def sole_holder(self, i: int) -> bool:
        """For a list a sentence of A is written as: whether that sentence is the only one
        holding all its counted trigrams, and one counts."""
        return self._sole[i]


def _codes(np, word_lists: list[list[str]], numbers: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(list, code) of each trigram of each list, repeats included; a list of fewer than
    three words is one code, its words."""
    n = len(word_lists)
    lengths = np.fromiter(map(len, word_lists), dtype=np.int64, count=n)
    total = int(lengths.sum())
    words = np.fromiter(
        map(numbers.get, chain.from_iterable(word_lists), repeat(UNUSED)), dtype=np.int64, count=total
    )
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    whole = owner[:-2] == owner[2:]  # the three words in one list
    codes = ((words[:-2] << (2 * _BITS)) | (words[1:-1] << _BITS) | words[2:])[whole]
    lists = owner[:-2][whole]
    short = np.flatnonzero(lengths < 3)
    if len(short):
        size, start = lengths[short], (np.cumsum(lengths) - lengths)[short]
        last = words[np.minimum(start + size - 1, max(total - 1, 0))] if total else np.zeros_like(size)
        first = words[np.minimum(start, max(total - 1, 0))] if total else np.zeros_like(size)
        # (x, y) as SHORT x y, (x,) as SHORT SHORT x, () as SHORT SHORT SHORT: no word is
        # numbered SHORT, so none is another's code or a trigram's.
        middle = np.where(size == 2, first, _SHORT)
        end = np.where(size == 0, _SHORT, last)
        short_codes = (_SHORT << (2 * _BITS)) | (middle << _BITS) | end
        codes, lists = np.concatenate([codes, short_codes]), np.concatenate([lists, short])
    return lists, codes


def _distinct(np, values: np.ndarray) -> np.ndarray:
    """The distinct values, in order (sorting: numpy's hashing ``unique`` was slower)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _counted(np, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, in order, and how often each occurs."""
    values = np.sort(values)
    if not len(values):
        return values, values
    edges = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1], [True])))
    return values[edges[:-1]], np.diff(edges)
