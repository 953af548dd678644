"""Which sentence of A is a version of which sentence of B.

Sentences are matched through an inverted index of word trigrams (so the cost
grows with the text, not with its square) and scored by the longest common
subsequence of their stemmed words: a strong match is similar overall; a
containment match is one sentence kept inside a longer one; a weak match pairs
leftovers that still share a clear run of content words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, compress

from . import lang
from .records import field, record
from .sentences import Sentence
from .trigram_votes import TooManyWords, TrigramVotes

# Thresholds on sentence pairs, in words: dice = 2*LCS/(len a + len b),
# containment = LCS/len of the shorter.
STRONG_DICE = 0.5
CONTAIN = 0.8
CONTAIN_MIN_LCS = 5
WEAK_CONTAIN = 0.6
WEAK_DICE = 0.35
WEAK_MIN_LCS = 4
WEAK_MIN_CONTENT = 3
SHORT_SENTENCE = 6
# A run of wording kept word for word (see _shared_run).
RUN_WORDS = 8
RUN_CONTENT = 4
RUN_SHARE = 0.3
# A trigram found in more sentences than this says nothing about which one matches.
MAX_POSTINGS = 64
CANDIDATES = 8


@record(slots=True, order=True)
class Match:
    sort_key: tuple
    a: Sentence = field(compare=False)
    b: Sentence = field(compare=False)
    lcs: int = field(compare=False)
    dice: float = field(compare=False)
    containment: float = field(compare=False)


def lcs_length(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """The length of the longest common subsequence of ``a`` and ``b`` (as rapidfuzz's
    ``LCSseq.similarity``), by Hyyrö's bit-parallel method on Python integers: one
    addition per item of the longer sequence that the shorter holds. Sentences are short
    and a comparison makes a few thousand of these, so this costs less than importing
    rapidfuzz (some 15 ms of a short diff's start)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return 0
    masks: dict[Hashable, int] = {}
    bit = 1
    for item in b:
        masks[item] = masks.get(item, 0) | bit
        bit <<= 1
    full = bit - 1
    v = full  # a 0 bit for each item of b matched so far
    # Only the items of a that b holds change v; they are picked out at C speed (a
    # sentence swallowed by a quotation never closed can be 10,000 words long).
    for u in filter(None, map(masks.get, a)):
        u &= v
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def trigrams(words: list[str]) -> list[tuple[str, ...]]:
    """Word trigrams, distinct, in reading order: iterating a set of strings would make
    the result depend on the process's hash seed."""
    if len(words) < 3:
        return [tuple(words)]
    return list(dict.fromkeys(zip(words, words[1:], words[2:], strict=False)))


@lru_cache(maxsize=16)
def function_stems(code: str | None) -> frozenset[str]:
    """The stems of a language's function words (English when it has no table)."""
    table = lang.language(code) or lang.language("en")
    words = sorted(table.function_words)
    return frozenset(words) | frozenset(lang.stems(words, table.code))


def content(words: list[str], code: str | None) -> set[str]:
    """Words that carry content: not function words, and not one or two letters unless
    a number ("9", "2019")."""
    function = function_stems(code)
    return {w for w in words if w not in function and (len(w) >= 3 or w.isdigit())}


def candidates(a_sents: list[Sentence], b_sents: list[Sentence], code: str | None) -> list[Match]:
    index = _index(a_sents, [sb.words for sb in b_sents])
    twins = _twins(a_sents, b_sents, index)
    n_a, n_b = max(len(a_sents), 1), max(len(b_sents), 1)
    out: list[Match] = []
    for i, sb in enumerate(b_sents):
        sa = twins.get(sb.pos)
        if sa is not None:
            # Its one copy in A is the match ``assign`` takes first (tier 2, dice 1) and
            # the one any other pairing of it would lose to: no votes needed.
            drift = abs(sa.pos / n_a - sb.pos / n_b)
            out.append(Match((2, 1.0, -drift), sa, sb, len(sb), 1.0, 1.0))
            continue
        settled = 0  # votes of a near-identical candidate already found
        for k, n_votes in index.best(i):
            if n_votes < settled:
                break  # it shares fewer trigrams than a near-copy already in hand
            sa = a_sents[k]
            lcs = lcs_length(sa.words, sb.words)
            la, lb = len(sa), len(sb)
            dice = 2 * lcs / (la + lb)
            containment = lcs / min(la, lb)
            strong = dice >= STRONG_DICE and (lcs >= 3 or lcs == max(la, lb))
            contained = containment >= CONTAIN and lcs >= CONTAIN_MIN_LCS
            weak = (
                containment >= WEAK_CONTAIN
                and dice >= WEAK_DICE
                and lcs >= WEAK_MIN_LCS
                and len(content(sa.words, code) & content(sb.words, code)) >= WEAK_MIN_CONTENT
            )
            if not (strong or contained or weak or _shared_run(sa.words, sb.words, n_votes, code)):
                continue
            tier = 2 if strong else 1 if contained else 0
            if dice >= 0.9:
                settled = n_votes
            # Among equals, the pair standing at the same relative place wins
            # (a repeated sentence is matched with its nearest copy).
            drift = abs(sa.pos / n_a - sb.pos / n_b)
            out.append(Match((tier, dice, -drift), sa, sb, lcs, dice, containment))
    out.sort(reverse=True)
    return out


def _twins(
    a_sents: list[Sentence], b_sents: list[Sentence], index: _Postings | TrigramVotes
) -> dict[int, Sentence]:
    """B's sentences (by position) kept word for word from a sentence of A, and that
    sentence, where voting can only choose it, alone: most of a copy's sentences. The
    words are held by one sentence on each side, at least one of its trigrams is
    counted (held by at most MAX_POSTINGS sentences of A), and no other sentence of A
    holds all the counted ones. That sentence then has more votes than any other,
    comes first, and is a near-copy (dice 1) that settles the rest: voting gives this
    one match, the one ``assign`` takes first (tier 2, dice 1). So their votes are not
    weighed; the index tells which sentences of A are alone in holding theirs.
    ``index`` is made of the word lists of ``b_sents``, in their order."""
    assert index.size == len(b_sents), "an index of other word lists"
    once_a: dict[tuple[str, ...], Sentence | None] = {}
    for s in a_sents:
        words = tuple(s.words)
        once_a[words] = None if words in once_a else s
    seen_b: dict[tuple[str, ...], int | None] = {}
    for i, s in enumerate(b_sents):
        words = tuple(s.words)
        seen_b[words] = None if words in seen_b else i
    twins: dict[int, Sentence] = {}
    for words, i in seen_b.items():
        sa = once_a.get(words) if i is not None else None
        if sa is not None and index.sole_holder(i):
            twins[b_sents[i].pos] = sa
    return twins


class _Postings:
    """The sentences of A holding each of the trigrams of ``wanted`` (the word lists
    that will be looked up): the others are never asked for."""

    def __init__(self, a_sents: list[Sentence], wanted: list[list[str]]) -> None:
        # A trigram's postings: most are held by one sentence, whose trigrams all share
        # one tuple of it, put in by dictionary operations at C speed; a list is made
        # for those a later sentence holds too (a step of Python for each trigram was
        # half of making the index).
        index: dict[tuple[str, ...], tuple[int] | list[int]] = {}
        self.index = index
        # Each word list's trigrams are made once, here, and looked up by its number.
        self.wanted = [trigrams(words) for words in wanted]
        keep = set().union(*self.wanted)
        written = _written_as(wanted)
        held = index.keys()
        for k, s in enumerate(a_sents):
            w = s.words
            same = written.get(tuple(w))
            # A set of the sentence's trigrams: each is added once, and the postings
            # are in sentence order whatever order the set gives them in. A sentence
            # written as one looked up holds that one's trigrams, all wanted.
            if same is not None:
                found = self.wanted[same]
            else:
                found = keep.intersection(zip(w, w[1:], w[2:], strict=False) if len(w) >= 3 else (tuple(w),))
            before = [(h, index[h]) for h in held & found]
            index.update(dict.fromkeys(found, (k,)))
            for h, posting in before:
                if type(posting) is tuple:
                    index[h] = [*posting, k]
                else:
                    posting.append(k)
                    index[h] = posting

    @property
    def size(self) -> int:
        return len(self.wanted)

    def postings(self, i: int) -> Iterator[tuple[int] | list[int]]:
        """The non-empty postings of the trigrams of the ``i``-th word list wanted."""
        return filter(None, map(self.index.get, self.wanted[i]))

    def best(self, i: int) -> list[tuple[int, int]]:
        """The CANDIDATES sentences of A with most votes for the ``i``-th word list (how
        many of its trigrams each holds, common trigrams aside), and their votes; ties go
        to the earlier sentence, whatever order the votes came in."""
        # One count over all the postings, picked at C speed: a Counter.update per
        # trigram costs a third more.
        found = list(self.postings(i))
        votes = Counter(chain.from_iterable(compress(found, map(MAX_POSTINGS.__ge__, map(len, found)))))
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]

    def sole_holder(self, i: int) -> bool:
        """For a word list a sentence of A is written as (so holds all its trigrams):
        whether that sentence is the only one holding all those that count, and one does."""
        holders: set[int] | None = None
        for posting in self.postings(i):
            if len(posting) > MAX_POSTINGS:
                continue
            holders = set(posting) if holders is None else holders.intersection(posting)
            if len(holders) == 1:
                return True  # the sentence written as it holds them all: it is the one left
        return False


def _written_as(wanted: list[list[str]]) -> dict[tuple[str, ...], int]:
    """The number of the first word list looked up written as each: most sentences of a
    copy are written as in its original."""
    written: dict[tuple[str, ...], int] = {}
    for i, words in enumerate(wanted):
        written.setdefault(tuple(words), i)
    return written


# Past this many words in the sentences of B looked up, votes are counted in arrays: below
# it, importing numpy costs more than it saves (at 100k words, 45 ms to save 10).
_ARRAY_WORDS = 200_000


def _index(a_sents: list[Sentence], wanted: list[list[str]]) -> _Postings | TrigramVotes:
    # The index holds the trigrams of the sentences looked up, no more than their words.
    if sum(len(ws) for ws in wanted) > _ARRAY_WORDS:
        try:
            return TrigramVotes([s.words for s in a_sents], wanted, MAX_POSTINGS, CANDIDATES)
        except TooManyWords:
            pass  # more distinct words than a trigram's code can number
    return _Postings(a_sents, wanted)


def _shared_run(a: list[str], b: list[str], votes: int, code: str | None) -> bool:
    """Whether two sentences keep one clear run of wording, however much else changed:
    RUN_WORDS words in a row, RUN_CONTENT of them content words, a RUN_SHARE of the
    shorter sentence ("Los tres ... habían quedado aislados por la crecida de un río
    subterráneo ..." rewritten around it)."""
    if votes < RUN_WORDS - 2:  # a run of n words shares n - 2 trigrams
        return False
    i, _j, size = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    if size < RUN_WORDS or size < RUN_SHARE * min(len(a), len(b)):
        return False
    return len(content(a[i : i + size], code)) >= RUN_CONTENT


def assign(matches: list[Match]) -> list[Match]:
    """Greedy one-to-one assignment, best pairs first. A sentence may also join a
    longer sentence that already has its partner when it is contained in it
    (two sentences merged into one, or one split in two)."""
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    chosen: list[Match] = []
    for m in matches:
        a_free, b_free = m.a.pos not in taken_a, m.b.pos not in taken_b
        tier = m.sort_key[0]
        if (a_free and b_free) or (
            tier >= 1
            and m.containment >= CONTAIN
            and ((a_free and len(m.a) < len(m.b)) or (b_free and len(m.b) < len(m.a)))
        ):
            pass
        else:
            continue
        taken_a.add(m.a.pos)
        taken_b.add(m.b.pos)
        chosen.append(m)
    return chosen


def plain_lcs(m: Match) -> int:
    """Words the two sentences share outside quotations: independent reports quote the
    same statements, so only these tell a copy from another report."""
    if m.a.unquoted is None and m.b.unquoted is None:
        return m.lcs
    plain_a, plain_b = m.a.plain(), m.b.plain()
    return lcs_length(plain_a, plain_b) if plain_a and plain_b else 0


def content_words(key: str, code: str | None) -> list[str]:
    """The stems of a paragraph key's content words, in order."""
    words = lang.stems(key.split(), code)
    function = function_stems(code)
    return [w for w in words if w not in function and (len(w) >= 3 or w.isdigit())]
