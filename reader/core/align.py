"""Paragraph alignment: which paragraphs of A became which paragraphs of B.

The method works on sentences, because that is how copy desks edit: they
merge and split paragraphs, move a sentence up into another paragraph, trim
the ending and rewrite a few words. So:

1. Paragraphs equal after folding are paired at once (the bulk of a copy).
2. The remaining sentences are matched through an inverted index of word
   trigrams (so the cost grows with the text, not with its square) and scored
   by the longest common subsequence of their words: a strong match is
   similar overall; a containment match is one sentence kept inside a longer
   one; a weak match pairs leftovers that still share a clear run of words.
3. Paragraphs linked by matched sentences form groups (connected
   components): 2->1 is a merge, 1->2 a split, {9, 11}->{8} a merge with a
   moved sentence.
4. Groups are put in B's reading order; the longest increasing run of A
   positions is "in order", the rest moved. Unlinked A paragraphs are cut
   and stand after the paragraph they followed in A; unlinked B paragraphs
   are added, boilerplate runs folded into one group.

If two texts share too little to be versions of one another (two reporters'
write-ups of the same news), no paragraph is linked, except a long paragraph
repeated word for word (background an agency carries into its next story).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz.distance import LCSseq

from .sentences import Sentence, blank_quotations, keys, sentences_of

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
# A trigram found in more sentences than this says nothing about which one matches.
MAX_POSTINGS = 64
CANDIDATES = 8
# Two texts are versions of each other when strongly matched sentences cover this
# share of the shorter one, or when at least RELATED_MIN_SENTENCES long sentences match.
RELATED_COVERAGE = 0.15
RELATED_MIN_SENTENCES = 3
RELATED_SENTENCE_WORDS = 8
# ... or when paragraphs equal word for word make up this share of the longer text.
RELATED_EQUAL = 0.8
# Texts that are not versions of each other (a later story of the same agency) still
# share a paragraph repeated word for word when it has this many words outside quotations:
# reused background, not a stock phrase two reporters happen to write alike.
VERBATIM_MIN_WORDS = 15
# A paragraph rewritten too much for any sentence to match still pairs with the one
# standing in the same gap between aligned paragraphs, if their content words agree.
GAP_MIN_LCS = 5
GAP_DICE = 0.4
# A short paragraph reworded in place ("The cause of the fire was under investigation." ->
# "Investigators have not yet determined what caused the fire.") keeps too few words in
# order for that; it still pairs when most of its content words recur in any order,
# compared by their first letters so that "cause"/"caused" and "school"/"schools" agree.
GAP_STEM = 5
GAP_MIN_STEMS = 3
GAP_STEM_DICE = 0.5
_FUNCTION_WORDS = frozenset(
    """that with from have said were which their this would been will about after also more
    they there than when what into over some such only other could should says while where
    being these those them then very just most much""".split()
)


@dataclass(slots=True)
class RawGroup:
    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: str  # linked | deleted | inserted | boilerplate (refined by compare)
    moved: bool = False
    moved_a: tuple[int, ...] = ()
    moved_b: tuple[int, ...] = ()  # B paragraphs of a split that stand apart from the rest
    repeats: tuple[int, ...] = ()  # A paragraphs a B-only paragraph repeats
    boilerplate: str | None = None


@dataclass(slots=True)
class Alignment:
    groups: list[RawGroup]
    related: bool
    shared_words: int  # words in strongly matched sentences (or paragraphs)
    cut_from_end: int = 0
    links: set[tuple[int, int]] = field(default_factory=set)


@dataclass(slots=True, order=True)
class _Match:
    sort_key: tuple
    a: Sentence = field(compare=False)
    b: Sentence = field(compare=False)
    lcs: int = field(compare=False)
    dice: float = field(compare=False)
    containment: float = field(compare=False)


def _shingles(words: list[str]) -> set[int]:
    if len(words) < 3:
        return {hash(tuple(words))}
    return {hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)}


def _content(words: list[str]) -> set[str]:
    return {w for w in words if len(w) >= 4}


def _candidates(a_sents: list[Sentence], b_sents: list[Sentence]) -> list[_Match]:
    index: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(a_sents):
        for h in _shingles(s.words):
            index[h].append(k)
    n_a, n_b = max(len(a_sents), 1), max(len(b_sents), 1)
    out: list[_Match] = []
    for sb in b_sents:
        votes: Counter[int] = Counter()
        for h in _shingles(sb.words):
            posting = index.get(h)
            if posting and len(posting) <= MAX_POSTINGS:
                votes.update(posting)
        settled = 0  # votes of a near-identical candidate already found
        for k, n_votes in votes.most_common(CANDIDATES):
            if n_votes < settled:
                break  # it shares fewer trigrams than a near-copy already in hand
            sa = a_sents[k]
            lcs = LCSseq.similarity(sa.words, sb.words)
            la, lb = len(sa), len(sb)
            dice = 2 * lcs / (la + lb)
            containment = lcs / min(la, lb)
            strong = dice >= STRONG_DICE and (lcs >= 3 or lcs == max(la, lb))
            contained = containment >= CONTAIN and lcs >= CONTAIN_MIN_LCS
            weak = (
                containment >= WEAK_CONTAIN
                and dice >= WEAK_DICE
                and lcs >= WEAK_MIN_LCS
                and len(_content(sa.words) & _content(sb.words)) >= WEAK_MIN_CONTENT
            )
            if not (strong or contained or weak):
                continue
            tier = 2 if strong else 1 if contained else 0
            if dice >= 0.9:
                settled = n_votes
            # Among equals, the pair standing at the same relative place wins
            # (a repeated sentence is matched with its nearest copy).
            drift = abs(sa.pos / n_a - sb.pos / n_b)
            out.append(_Match((tier, dice, -drift), sa, sb, lcs, dice, containment))
    out.sort(reverse=True)
    return out


def _assign(matches: list[_Match]) -> list[_Match]:
    """Greedy one-to-one assignment, best pairs first. A sentence may also join a
    longer sentence that already has its partner when it is contained in it
    (two sentences merged into one, or one split in two)."""
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    chosen: list[_Match] = []
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


class _Components:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, x: tuple[str, int]) -> tuple[str, int]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: tuple[str, int], y: tuple[str, int]) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[ry] = rx


def _longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(i)
        else:
            tails[k] = v
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


def align(
    a_paras: Sequence[str],
    b_paras: Sequence[str],
    a_boiler: Sequence[str | None] | None = None,
    b_boiler: Sequence[str | None] | None = None,
) -> Alignment:
    """Align two lists of paragraph texts. ``*_boiler`` give each paragraph's
    boilerplate reason (None for body text): boilerplate is only ever paired
    with an identical paragraph, never edited into body text."""
    a_boiler = list(a_boiler) if a_boiler is not None else [None] * len(a_paras)
    b_boiler = list(b_boiler) if b_boiler is not None else [None] * len(b_paras)
    a_keys = [" ".join(keys(p)) for p in a_paras]
    b_keys = [" ".join(keys(p)) for p in b_paras]

    links: dict[tuple[int, int], int] = {}
    verbatim: set[tuple[int, int]] = set()
    strong_words = 0
    strong_long = 0

    # 1. Paragraphs equal after folding, nearest copy first.
    by_key: dict[str, list[int]] = defaultdict(list)  # unused A positions, ascending
    for i, k in enumerate(a_keys):
        if k:
            by_key[k].append(i)
    a_used: set[int] = set()
    b_used: set[int] = set()
    equal_words = 0
    last_i, last_j = -1, -1
    for j, k in enumerate(b_keys):
        free = by_key.get(k)
        if not free:
            continue
        # Of several copies, the one that continues from the last pair (a trimmed or
        # padded copy keeps its neighbours); a bisect keeps a page that repeats one line
        # thousands of times ("Advertisement") linear.
        want = last_i + (j - last_j)
        at = bisect.bisect_left(free, want)
        if at == len(free) or (at > 0 and want - free[at - 1] <= free[at] - want):
            at -= 1
        i = free.pop(at)
        last_i, last_j = i, j
        a_used.add(i)
        b_used.add(j)
        n = k.count(" ") + 1
        equal_words += n
        links[(i, j)] = n
        if a_boiler[i] is None:
            blanked = blank_quotations(a_paras[i])
            plain = n if blanked is None else len(keys(blanked))
            strong_words += plain
            strong_long += plain >= RELATED_SENTENCE_WORDS
            if plain >= VERBATIM_MIN_WORDS and b_boiler[j] is None:
                verbatim.add((i, j))

    # 2. Sentences of the rest (body text only).
    a_rest = [p if i not in a_used and a_boiler[i] is None else "" for i, p in enumerate(a_paras)]
    b_rest = [p if j not in b_used and b_boiler[j] is None else "" for j, p in enumerate(b_paras)]
    a_sents, b_sents = sentences_of(a_rest), sentences_of(b_rest)
    chosen = _assign(_candidates(a_sents, b_sents))
    # A short sentence ("He declined to comment.") recurs by chance: it may only confirm
    # a link, or pair two paragraphs that have no other partner.
    chosen.sort(key=lambda m: min(len(m.a), len(m.b)) < SHORT_SENTENCE)
    linked_a, linked_b = {i for i, _ in links}, {j for _, j in links}
    for m in chosen:
        key = (m.a.para, m.b.para)
        short = min(len(m.a), len(m.b)) < SHORT_SENTENCE
        if short and key not in links and (m.a.para in linked_a or m.b.para in linked_b):
            continue
        links[key] = links.get(key, 0) + m.lcs
        linked_a.add(m.a.para)
        linked_b.add(m.b.para)
        if m.dice >= STRONG_DICE:
            # Only the words shared outside quotations tell a copy from another report.
            plain = m.lcs
            if m.a.unquoted is not None or m.b.unquoted is not None:
                plain_a, plain_b = m.a.plain(), m.b.plain()
                plain = LCSseq.similarity(plain_a, plain_b) if plain_a and plain_b else 0
            strong_words += plain
            strong_long += plain >= RELATED_SENTENCE_WORDS

    words_a = sum(len(k.split()) for k, bp in zip(a_keys, a_boiler, strict=True) if bp is None)
    words_b = sum(len(k.split()) for k, bp in zip(b_keys, b_boiler, strict=True) if bp is None)
    shorter = max(min(words_a, words_b), 1)
    related = strong_words / shorter >= RELATED_COVERAGE or strong_long >= RELATED_MIN_SENTENCES
    if not related:
        # Quotations and boilerplate do not count above, so that shared statements do not
        # make two reports one; but a text that is the other nearly word for word (a
        # statement republished, a page of boilerplate) is a version of it all the same.
        all_a = sum(k.count(" ") + 1 for k in a_keys if k)
        all_b = sum(k.count(" ") + 1 for k in b_keys if k)
        related = equal_words >= RELATED_EQUAL * max(all_a, all_b, 1)
    if not related:
        links = {ij: n for ij, n in links.items() if ij in verbatim}
    else:
        _fill_gaps(links, a_keys, b_keys, a_boiler, b_boiler)

    groups = _build_groups(links, a_paras, b_paras, a_keys, b_keys, a_boiler, b_boiler)
    alignment = Alignment(groups=groups, related=related, shared_words=strong_words, links=set(links))
    alignment.cut_from_end = _cut_from_end(groups)
    return alignment


def _content_words(key: str) -> list[str]:
    return [w for w in key.split() if len(w) >= 4 and w not in _FUNCTION_WORDS]


def _fill_gaps(
    links: dict[tuple[int, int], int],
    a_keys: list[str],
    b_keys: list[str],
    a_boiler: list[str | None],
    b_boiler: list[str | None],
) -> None:
    """Pair unlinked paragraphs that stand between the same two aligned paragraphs
    in A and B (or before the first, after the last) when their content words
    still run in the same order."""
    pairs = sorted(links, key=lambda ij: (ij[1], ij[0]))
    chain = [pairs[k] for k in sorted(_longest_increasing([i for i, _ in pairs]))]
    linked_a = {i for i, _ in links}
    linked_b = {j for _, j in links}
    bounds = [(-1, -1), *chain, (len(a_keys), len(b_keys))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        gap_a = [i for i in range(i0 + 1, i1) if i not in linked_a and a_boiler[i] is None and a_keys[i]]
        gap_b = [j for j in range(j0 + 1, j1) if j not in linked_b and b_boiler[j] is None and b_keys[j]]
        if not gap_a or not gap_b:
            continue
        content_b = {j: _content_words(b_keys[j]) for j in gap_b}
        stems_b = {j: {w[:GAP_STEM] for w in cb} for j, cb in content_b.items()}
        scored = []
        for i in gap_a:
            ca = _content_words(a_keys[i])
            sa = {w[:GAP_STEM] for w in ca}
            for j in gap_b:
                cb = content_b[j]
                if not ca or not cb:
                    continue
                lcs = LCSseq.similarity(ca, cb)
                dice = 2 * lcs / (len(ca) + len(cb))
                shared = len(sa & stems_b[j])
                stem_dice = 2 * shared / (len(sa) + len(stems_b[j]))
                if (lcs >= GAP_MIN_LCS and dice >= GAP_DICE) or (
                    shared >= GAP_MIN_STEMS and stem_dice >= GAP_STEM_DICE
                ):
                    scored.append((max(dice, stem_dice), i, j, max(lcs, shared)))
        scored.sort(reverse=True)
        taken: list[tuple[int, int]] = []
        for _dice, i, j, lcs in scored:
            if any(i == ti or j == tj or (i < ti) != (j < tj) for ti, tj in taken):
                continue
            taken.append((i, j))
            links[(i, j)] = lcs


def _build_groups(
    links: dict[tuple[int, int], int],
    a_paras: Sequence[str],
    b_paras: Sequence[str],
    a_keys: list[str],
    b_keys: list[str],
    a_boiler: list[str | None],
    b_boiler: list[str | None],
) -> list[RawGroup]:
    comps = _Components()
    for i, j in links:
        comps.union(("a", i), ("b", j))
    members: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(a_paras)):
        if ("a", i) in comps.parent:
            members[comps.find(("a", i))][0].append(i)
    for j in range(len(b_paras)):
        if ("b", j) in comps.parent:
            members[comps.find(("b", j))][1].append(j)
    linked = [RawGroup(tuple(sorted(a)), tuple(sorted(b)), "linked") for a, b in members.values()]
    linked.sort(key=lambda g: g.b[0])

    # Reading order: B's. Groups off the longest increasing run of A positions moved.
    in_order = _longest_increasing([g.a[0] for g in linked])
    owner: dict[int, int] = {}
    for n, g in enumerate(linked):
        g.moved = n not in in_order
        for i in g.a:
            owner[i] = n
    owner_b = {j: n for n, g in enumerate(linked) for j in g.b}
    for n, g in enumerate(linked):
        g.moved_a = _moved_within(g.a, owner, n)
        g.moved_b = _moved_within(g.b, owner_b, n)

    # B paragraphs with no partner: added text, boilerplate runs, repeats of A.
    a_index: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(a_keys):
        if k:
            a_index[k].append(i)
    b_owned = {j for g in linked for j in g.b}
    tail: list[RawGroup] = []
    for j in range(len(b_paras)):
        if j in b_owned:
            continue
        reason = b_boiler[j]
        if reason is not None:
            prev = tail[-1] if tail else None
            if prev and prev.kind == "boilerplate" and prev.b and prev.b[-1] == j - 1 and not prev.a:
                prev.b = (*prev.b, j)
                continue
            tail.append(RawGroup((), (j,), "boilerplate", boilerplate=reason))
        else:
            tail.append(RawGroup((), (j,), "inserted", repeats=tuple(a_index.get(b_keys[j], ())[:1])))
    ordered = sorted(linked + tail, key=lambda g: g.b[0])

    # A paragraphs with no partner stand after the in-order group that held the
    # A paragraph before them.
    anchored: dict[int, list[RawGroup]] = defaultdict(list)  # position in ordered -> groups after it
    position = {id(g): p for p, g in enumerate(ordered)}
    anchor_of: dict[int, int] = {}
    for g in linked:
        if not g.moved:
            for i in g.a:
                anchor_of[i] = position[id(g)]
    current = -1
    for i in range(len(a_paras)):
        if i in owner:
            current = anchor_of.get(i, current)
            continue
        reason = a_boiler[i]
        bucket = anchored[current]
        prev = bucket[-1] if bucket else None
        if reason is not None:
            if prev and prev.kind == "boilerplate" and prev.a and prev.a[-1] == i - 1:
                prev.a = (*prev.a, i)
                continue
            bucket.append(RawGroup((i,), (), "boilerplate", boilerplate=reason))
        else:
            bucket.append(RawGroup((i,), (), "deleted"))

    result: list[RawGroup] = list(anchored.get(-1, ()))
    for p, g in enumerate(ordered):
        result.append(g)
        result.extend(anchored.get(p, ()))
    return result


def _moved_within(a: tuple[int, ...], owner: dict[int, int], n: int) -> tuple[int, ...]:
    """Paragraphs of a group (on one side) that stand apart: the group's paragraphs
    fall into runs separated by paragraphs of other groups; all but the longest
    run were moved (in from elsewhere in A, or out to elsewhere in B)."""
    if len(a) < 2:
        return ()
    runs: list[list[int]] = [[a[0]]]
    for prev, cur in pairwise(a):
        between = range(prev + 1, cur)
        if any(owner.get(k, n) != n for k in between):
            runs.append([cur])
        else:
            runs[-1].append(cur)
    if len(runs) == 1:
        return ()
    main = max(runs, key=len)
    return tuple(i for run in runs if run is not main for i in run)


def _cut_from_end(groups: list[RawGroup]) -> int:
    """Body paragraphs of A deleted after the last A paragraph that B kept."""
    last_kept = max((max(g.a) for g in groups if g.a and g.b), default=-1)
    return sum(1 for g in groups if g.kind == "deleted" and g.a[0] > last_kept)
