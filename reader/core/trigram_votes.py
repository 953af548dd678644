"""The trigram votes of a long text's sentences, counted in sorted arrays (numpy).

``matching`` asks, for each sentence of B looked up, which sentences of A share the most
of its word trigrams (common ones aside), and, for one that a sentence of A is written
as, whether that sentence is the only one holding them all. A dictionary from trigrams
to the sentences holding them answers that for an article; at a million words its
tables outgrow the processor's caches, and building it took 15 to 30 times as long as
for 100k words (ten times the text). Here every trigram is a number and each question
is answered for all sentences at once, by sorting: the same answers, in 130 ms where
the dictionary, the copies' check and the votes took 410 (numpy's import aside, 45).
"""

from __future__ import annotations

from itertools import chain, repeat

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
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
        n_b = self.size = len(wanted)
        n_a = max(len(a_words), 1)  # a vote is (list, sentence) as one number: list * n_a + sentence
        codes, list_b, tri_b = _looked_up(np, wanted, numbers)
        postings, starts, sizes = _postings(np, a_words, numbers, codes, n_a)
        del codes
        # The trigrams that count: held by 1 to ``most`` sentences of A. Each of their
        # holders is a vote for the list.
        held = sizes[tri_b]
        counted = (held >= 1) & (held <= most)
        list_c, first_c, held_c = list_b[counted], starts[tri_b[counted]], held[counted]
        del list_b, tri_b, held, counted
        # A sentence holding every counted trigram has as many votes as there are; a copy's
        # original is the only one when no other has.
        counts = np.bincount(list_c, minlength=n_b)
        sole = np.zeros(n_b, dtype=bool)
        kept = []
        # Votes are counted for some lists at a time: a text of millions of words repeating
        # a few thousand has tens of millions of them.
        for lo, hi in _chunks(np, list_c, held_c):
            lists, first, held = list_c[lo:hi], first_c[lo:hi], held_c[lo:hi]
            at = np.repeat(first - (np.cumsum(held) - held), held) + np.arange(int(held.sum()))
            ballots, votes = _counted(np, np.repeat(lists, held) * n_a + postings[at])
            del at
            voter_list, voter = ballots // n_a, ballots % n_a
            sole |= np.bincount(voter_list[votes == counts[voter_list]], minlength=n_b) == 1
            # Most votes first, ties to the earlier sentence of A, ``best`` of each list.
            order = np.lexsort((voter, -votes, voter_list))
            voter_list, voter, votes = voter_list[order], voter[order], votes[order]
            top = np.arange(len(voter_list)) - np.searchsorted(voter_list, voter_list) < best
            kept.append((voter_list[top], voter[top], votes[top]))
        self._sole = sole.tolist()
        voter_list = np.concatenate([k[0] for k in kept]) if kept else np.zeros(0, dtype=np.int64)
        self._voter = list(chain.from_iterable(k[1].tolist() for k in kept))
        self._votes = list(chain.from_iterable(k[2].tolist() for k in kept))
        self._bounds = np.searchsorted(voter_list, np.arange(n_b + 1)).tolist()

    def best(self, i: int) -> list[tuple[int, int]]:
        """The sentences of A with most votes for the ``i``-th list, and their votes."""
        lo, hi = self._bounds[i], self._bounds[i + 1]
        return list(zip(self._voter[lo:hi], self._votes[lo:hi], strict=True))

    def sole_holder(self, i: int) -> bool:
        """For a list a sentence of A is written as: whether that sentence is the only one
        holding all its counted trigrams, and one counts."""
        return self._sole[i]


# Votes counted at a time (a list's are never split): some 100 MB of arrays.
_CHUNK = 1 << 21


def _looked_up(
    np, wanted: list[list[str]], numbers: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """B's distinct trigram codes, in order, and the (list, trigram) pairs of each list's
    own, once each, in that order (a trigram by its place among the codes)."""
    lists, codes = _codes(np, wanted, numbers)
    # Sorted, then numbered where they change: looking each up among the distinct codes
    # reads them in no order, four times slower at millions.
    order = np.argsort(codes)
    ranked = codes[order]
    new = np.concatenate(([True], ranked[1:] != ranked[:-1])) if len(ranked) else np.zeros(0, dtype=bool)
    distinct = ranked[new]
    del ranked
    trigram = np.empty(len(codes), dtype=np.int64)
    trigram[order] = np.cumsum(new) - 1
    del order, new, codes
    n_t = max(len(distinct), 1)
    pairs = _distinct(np, lists * n_t + trigram)
    return distinct, pairs // n_t, pairs % n_t


def _postings(
    np, a_words: list[list[str]], numbers: dict[str, int], codes: np.ndarray, n_a: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sentences of A holding each trigram of ``codes``, each once: all the postings
    one after another, where each starts, and its length."""
    sentences, found = _codes(np, a_words, numbers)
    order = np.argsort(found)  # looked up in order (see _looked_up)
    found, sentences = found[order], sentences[order]
    del order
    at = np.searchsorted(codes, found)
    at[at == len(codes)] = 0
    used = codes[at] == found if len(codes) else np.zeros(len(found), dtype=bool)
    held = _distinct(np, at[used] * n_a + sentences[used])
    del at, used, found, sentences
    sizes = np.bincount(held // n_a, minlength=max(len(codes), 1))
    return held % n_a, np.cumsum(sizes) - sizes, sizes


def _chunks(np, lists: np.ndarray, weights: np.ndarray) -> list[tuple[int, int]]:
    """Ranges of the (list, ...) rows, sorted by list, of about _CHUNK weight each, cut
    between lists only."""
    ends = np.cumsum(weights)
    out = []
    lo = 0
    while lo < len(lists):
        base = int(ends[lo - 1]) if lo else 0
        hi = max(int(np.searchsorted(ends, base + _CHUNK, side="right")), lo + 1)
        if hi < len(lists):
            hi = int(np.searchsorted(lists, lists[hi - 1], side="right"))
        out.append((lo, hi))
        lo = hi
    return out


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
