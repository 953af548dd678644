"""Paragraph alignment: which paragraphs of A became which paragraphs of B.

The method works on sentences, because that is how copy desks edit: they
merge and split paragraphs, move a sentence up into another paragraph, trim
the ending and rewrite a few words. So:

1. Paragraphs equal after folding are paired at once (the bulk of a copy).
2. The remaining sentences are matched (:mod:`reader.core.matching`).
3. Whether the two texts are versions of one story at all is decided from the
   evidence gathered on the way (:mod:`reader.core.relatedness`). Versions keep
   every link, and a paragraph rewritten in place pairs with the one standing in
   the same gap when their content words agree. Two stories link nothing but a
   long paragraph repeated word for word (background an agency carries into
   its next story).
4. Links become groups in B's reading order (:mod:`reader.core.groups`).

Words are weighed in the text's language: stems ("incendios"/"incendio") and
function words come from its table (:mod:`reader.core.lang`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from .groups import RawGroup, build_groups, cut_from_end, longest_increasing
from .ledes import top, weigh_ledes
from .matching import (
    SHORT_SENTENCE,
    STRONG_DICE,
    Match,
    assign,
    candidates,
    content_words,
    lcs_length,
    plain_lcs,
)
from .records import field, record
from .relatedness import Evidence, is_template
from .sentences import (
    Split,
    blank_quotations,
    has_quote_marks,
    key_count,
    key_text,
    key_text_of_sentences,
    sentences_of,
)

__all__ = ["Alignment", "RawGroup", "align"]

# Texts that are not versions of each other (a later story of the same agency) still
# share a paragraph repeated word for word when it has this many words outside quotations:
# reused background, not a stock phrase two reporters happen to write alike.
VERBATIM_MIN_WORDS = 15
# An edited sentence counts as evidence of versions from this many shared words on.
EDITED_MIN_WORDS = 5
# A paragraph rewritten too much for any sentence to match still pairs with the one
# standing in the same gap between aligned paragraphs, if their content words agree.
GAP_MIN_LCS = 5
GAP_DICE = 0.4
# A short paragraph reworded in place ("The cause of the fire was under investigation." ->
# "Investigators have not yet determined what caused the fire.") keeps too few words in
# order for that; it still pairs when most of its content words recur in any order,
# compared by their stems so that "cause"/"caused" and "school"/"schools" agree.
GAP_MIN_STEMS = 3
GAP_STEM_DICE = 0.5


@record(slots=True)
class Alignment:
    groups: list[RawGroup]
    related: bool
    cut_from_end: int = 0
    links: set[tuple[int, int]] = field(default_factory=set)


def align(
    a_paras: Sequence[str],
    b_paras: Sequence[str],
    a_boiler: Sequence[str | None] | None = None,
    b_boiler: Sequence[str | None] | None = None,
    code: str | None = None,
    other_day: bool = False,
    starts: tuple[int, int] = (0, 0),
    other_agency: bool = False,
    keys: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Alignment:
    """Align two lists of paragraph texts. ``*_boiler`` give each paragraph's
    boilerplate reason (None for body text): boilerplate is only ever paired
    with an identical paragraph, never edited into body text. ``code`` is the
    language (ISO 639-1) whose stems and function words weigh the words;
    ``other_day`` says the texts' datelines give two different days, ``other_agency``
    that they are credited to two different agencies; ``starts`` are the paragraphs
    each story opens with (after its headline); ``keys``, when given, are the
    paragraphs' ``key_text`` (made beforehand, as two processes can)."""
    a_boiler = list(a_boiler) if a_boiler is not None else [None] * len(a_paras)
    b_boiler = list(b_boiler) if b_boiler is not None else [None] * len(b_paras)
    kept: dict[str, Split] = {}  # sentences of long paragraphs, split to be keyed
    if keys is not None:
        a_keys, b_keys = list(keys[0]), list(keys[1])
    else:
        # A long body paragraph is keyed by its sentences, which the matching will need
        # unless the other text holds it as it is (boilerplate is never split into them).
        def keyed(p: str, boiler: str | None) -> str:
            return key_text(p) if boiler is not None else key_text_of_sentences(p, code, kept)

        in_b = set(b_paras)
        a_keys = [key_text(p) if p in in_b else keyed(p, bp) for p, bp in zip(a_paras, a_boiler, strict=True)]
        # Most of B's paragraphs are A's: their keys are looked up, not made again (the
        # keys' memo holds some thousands, fewer than a million-word text has).
        a_key_of = dict(zip(a_paras, a_keys, strict=True))
        b_keys = [
            a_key_of[p] if p in a_key_of else keyed(p, bp) for p, bp in zip(b_paras, b_boiler, strict=True)
        ]
    words_a = sum(k.count(" ") + 1 for k, bp in zip(a_keys, a_boiler, strict=True) if bp is None and k)
    words_b = sum(k.count(" ") + 1 for k, bp in zip(b_keys, b_boiler, strict=True) if bp is None and k)
    all_a = sum(k.count(" ") + 1 for k in a_keys if k)
    all_b = sum(k.count(" ") + 1 for k in b_keys if k)
    evidence = Evidence(min(words_a, words_b), max(all_a, all_b), other_day=other_day)
    evidence.other_agency = other_agency
    tops = (top(a_keys, a_boiler, starts[0]), top(b_keys, b_boiler, starts[1]))

    # 1. Paragraphs equal after folding.
    links, verbatim, quoting = _equal_paragraphs(a_paras, a_keys, b_keys, a_boiler, b_boiler, evidence, tops)

    # 2. Sentences of the rest (body text only).
    used_a, used_b = {i for i, _ in links}, {j for _, j in links}
    a_rest = [p if i not in used_a and a_boiler[i] is None else "" for i, p in enumerate(a_paras)]
    b_rest = [p if j not in used_b and b_boiler[j] is None else "" for j, p in enumerate(b_paras)]
    spelled: dict[str, str] = {}
    a_sents = sentences_of(a_rest, code, spelled=spelled, keyed=a_keys, kept=kept)
    b_sents = sentences_of(b_rest, code, known=a_sents, spelled=spelled, keyed=b_keys, kept=kept)
    chosen = assign(candidates(a_sents, b_sents, code))
    _link_sentences(chosen, links, evidence, code)
    if evidence.lede is None:
        weigh_ledes(a_sents, b_sents, tops, (a_keys, b_keys), links, evidence, code)

    # 3. Versions or two stories.
    related = _related(evidence, quoting, a_paras, b_boiler, verbatim)
    if not related:
        links = {ij: n for ij, n in links.items() if ij in verbatim}
    else:
        _fill_gaps(links, a_keys, b_keys, a_boiler, b_boiler, code)

    groups = build_groups(links, a_paras, b_paras, a_keys, b_keys, a_boiler, b_boiler)
    alignment = Alignment(groups=groups, related=related, links=set(links))
    alignment.cut_from_end = cut_from_end(groups)
    return alignment


def _equal_paragraphs(
    a_paras: Sequence[str],
    a_keys: list[str],
    b_keys: list[str],
    a_boiler: list[str | None],
    b_boiler: list[str | None],
    evidence: Evidence,
    tops: tuple[tuple[int, ...], tuple[int, ...]],
) -> tuple[dict[tuple[int, int], int], set[tuple[int, int]], list[tuple[int, int, int]]]:
    """Pair paragraphs equal after folding, nearest copy first; the links, those long
    enough to stand between two stories (background repeated word for word), and the
    body pairs whose words outside quotations are left for ``_related`` to count:
    (i, j, words) of those with a quotation mark, the ledes aside."""
    links: dict[tuple[int, int], int] = {}
    verbatim: set[tuple[int, int]] = set()
    quoting: list[tuple[int, int, int]] = []
    by_key: dict[str, list[int]] = defaultdict(list)  # unused A positions, ascending
    for i, k in enumerate(a_keys):
        if k:
            by_key[k].append(i)
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
        n = k.count(" ") + 1
        evidence.equal_all += n
        links[(i, j)] = n
        if a_boiler[i] is None:
            lede = i in tops[0] and j in tops[1]
            if not lede and has_quote_marks(a_paras[i]):
                quoting.append((i, j, n))
                continue
            plain = _plain_words(a_paras[i], n)
            _count_plain(evidence, verbatim, (i, j), plain, b_boiler[j] is None)
            # A lede kept word for word (a byline "By X" standing first is not one).
            if lede and (i, j) in verbatim:
                evidence.lede = "version"
    return links, verbatim, quoting


def _plain_words(text: str, words: int) -> int:
    """The words of a paragraph of ``words`` words that stand outside its quotations."""
    blanked = blank_quotations(text)
    return words if blanked is None else key_count(blanked)


def _count_plain(
    evidence: Evidence, verbatim: set[tuple[int, int]], ij: tuple[int, int], plain: int, body_b: bool
) -> None:
    """Count an equal pair's words outside quotations as shared, and the pair as
    verbatim background when they are enough."""
    evidence.shared += plain
    if plain >= VERBATIM_MIN_WORDS and body_b:
        verbatim.add(ij)


def _related(
    evidence: Evidence,
    quoting: list[tuple[int, int, int]],
    a_paras: Sequence[str],
    b_boiler: list[str | None],
    verbatim: set[tuple[int, int]],
) -> bool:
    """Whether the texts are versions of one story (``Evidence.related``). The equal
    paragraphs that quote have their words outside quotations counted only while the
    count can still decide: once the shared words make a copy, the rest cannot undo it
    (and keying each such paragraph again was a tenth of aligning a copy). When they do
    not, all are counted, and the verbatim pairs are all known."""
    for i, j, n in quoting:
        if evidence.copied():
            break
        _count_plain(evidence, verbatim, (i, j), _plain_words(a_paras[i], n), b_boiler[j] is None)
    return evidence.related()


def _link_sentences(
    chosen: list[Match],
    links: dict[tuple[int, int], int],
    evidence: Evidence,
    code: str | None,
) -> None:
    """Link the paragraphs of matched sentences, and weigh each match as evidence."""
    # A short sentence ("He declined to comment.") recurs by chance: it may only confirm
    # a link, or pair two paragraphs that have no other partner.
    chosen.sort(key=lambda m: min(len(m.a), len(m.b)) < SHORT_SENTENCE)
    linked_a, linked_b = {i for i, _ in links}, {j for _, j in links}
    for m in chosen:
        key = (m.a.para, m.b.para)
        short = min(len(m.a), len(m.b)) < SHORT_SENTENCE
        crowded = key not in links and (m.a.para in linked_a or m.b.para in linked_b)
        if short and crowded and not (m.dice >= 0.9 and _beside(key, links)):
            continue
        links[key] = links.get(key, 0) + m.lcs
        linked_a.add(m.a.para)
        linked_b.add(m.b.para)
        # Once the shared words make a copy, no more can undo it (Evidence.related):
        # weighing each match left was a tenth of aligning a long paragraph.
        if evidence.copied() or m.dice < STRONG_DICE or is_template(m.a.text, m.b.text, code):
            continue
        plain = plain_lcs(m)
        evidence.shared += plain
        if plain >= EDITED_MIN_WORDS:
            evidence.edited.append(plain)


def _beside(key: tuple[int, int], links: dict[tuple[int, int], int]) -> bool:
    """Whether a paragraph pair continues a merge or a split already linked: the A
    paragraph next to one linked to the same B paragraph, or the other way round
    (a one-sentence paragraph merged into its neighbour)."""
    i, j = key
    return any((i + d, j) in links or (i, j + d) in links for d in (-1, 1))


def _fill_gaps(
    links: dict[tuple[int, int], int],
    a_keys: list[str],
    b_keys: list[str],
    a_boiler: list[str | None],
    b_boiler: list[str | None],
    code: str | None,
) -> None:
    """Pair unlinked paragraphs that stand between the same two aligned paragraphs
    in A and B (or before the first, after the last) when their content words
    still run in the same order, or most of them recur in any order."""
    pairs = sorted(links, key=lambda ij: (ij[1], ij[0]))
    chain = [pairs[k] for k in sorted(longest_increasing([i for i, _ in pairs]))]
    linked_a = {i for i, _ in links}
    linked_b = {j for _, j in links}
    bounds = [(-1, -1), *chain, (len(a_keys), len(b_keys))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        gap_a = [i for i in range(i0 + 1, i1) if i not in linked_a and a_boiler[i] is None and a_keys[i]]
        gap_b = [j for j in range(j0 + 1, j1) if j not in linked_b and b_boiler[j] is None and b_keys[j]]
        if not gap_a or not gap_b:
            continue
        content_b = {j: content_words(b_keys[j], code) for j in gap_b}
        stems_b = {j: set(cb) for j, cb in content_b.items()}
        scored = []
        for i in gap_a:
            ca = content_words(a_keys[i], code)
            sa = set(ca)
            for j in gap_b:
                cb = content_b[j]
                if not ca or not cb:
                    continue
                lcs = lcs_length(ca, cb)
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
