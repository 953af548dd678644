"""Word-level diff of two texts (usually one aligned group of paragraphs).

Pipeline, and why each step exists:

1. Tokens are compared folded (``tokens.fold``), so quote, dash, space and
   ellipsis style never count as an edit; where the raw tokens still differ the
   run is tagged ``typography`` and the UI hides it unless asked.
2. ``difflib.SequenceMatcher(autojunk=False)`` matches *units*: a word or mark
   together with the whitespace after it. Whitespace runs are half of all tokens
   and match anywhere; left in, they make SequenceMatcher much slower and pin
   changes to stray spaces. Spacing differences inside matched units still come
   out exactly (typography, or an inserted or deleted space).
3. A semantic clean-up (the idea of diff-match-patch's ``diff_cleanupSemantic``,
   written afresh) folds a short unchanged run sitting between two larger changes
   into them, so a rewritten sentence reads as one replacement, not word salad.
4. Change edges are slid to where they read best: on line and sentence breaks,
   never splitting at a stray space when a word boundary is available.

Long inputs (a whole article pasted as one paragraph) are first cut at unique
shared words, patience-diff style, so the matcher only ever sees small gaps.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, count, zip_longest
from operator import ne

from .diff_cleanup import CHANGES, UNCHANGED, Run, absorb_short_equalities, align_edges, normalize
from .model import Op, OpTag, WordCounts
from .opcodes import opcodes
from .tokens import canonical, fold, tokenize, typographic_key, word_count


def equal_after_folding(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ at most in typography (cheap: no diff)."""
    return a == b or typographic_key(a) == typographic_key(b)


def word_diff(a: str, b: str) -> list[Op]:
    """The ops turning ``a`` into ``b``: joining their ``a`` sides gives ``a``,
    their ``b`` sides give ``b``; no two neighbours share a tag."""
    if a == b:
        return [Op("equal", a, b)] if a else []
    ta, tb = tokenize(a), tokenize(b)
    if _restyled_only(ta, tb):
        return _restyled(ta, tb)
    if _same_key(ta, tb):
        # House style only ("10.000"/"10 000", "x—y"/"x - y", « x »/"x"): every change is
        # typography. Matched by the same key, so that each restyled token pairs with its
        # own (by its fold alone, "the — the —" and "the - the —" matched a "the —" to the
        # later one, and the first and last were an insertion and a deletion).
        runs = normalize(_as_typography(normalize(_match(ta, tb, canonical)), always=True))
    else:
        # Typography is told apart before the clean-up, so that a restyled number or dash
        # is unchanged text there, not a change to merge with its neighbours.
        runs = _as_typography(normalize(_match(ta, tb)))
        runs = absorb_short_equalities(normalize(runs))
        runs = _as_typography(normalize(align_edges(runs)))
    return [Op(r.tag, "".join(r.a), "".join(r.b)) for r in runs]


def _same_key(ta: list[str], tb: list[str]) -> bool:
    """``typographic_key`` of both texts equal, from their tokens, stopping at the first
    difference (texts that differ in words mostly differ early)."""
    keys_a = (canonical(t) for t in ta if not t.isspace())
    keys_b = (canonical(t) for t in tb if not t.isspace())
    return all(x == y for x, y in zip_longest(keys_a, keys_b))


def _as_typography(runs: list[Run], always: bool = False) -> list[Run]:
    """Retag the changes whose two sides differ only in house style as typography."""
    for run in runs:
        if run.tag not in CHANGES:
            continue
        if always:
            run.tag = "typography"
            continue
        a, b = "".join(run.a), "".join(run.b)
        # House style never touches a letter or a digit (``typographic_key`` keeps them
        # all, in order): sides whose letters and digits differ are told apart without
        # their keys (8.7 -> 3.6 ms over the changes of a 100k-word paragraph).
        if _letters_and_digits(a) == _letters_and_digits(b) and typographic_key(a) == typographic_key(b):
            run.tag = "typography"
    return runs


def _letters_and_digits(text: str) -> str:
    return "".join(filter(str.isalnum, text))


def count_words(ops: Iterable[Op], words_a: int | None = None) -> WordCounts:
    """Words kept (equal and typography), deleted, inserted, and on each side of
    replacements. Given ``words_a``, the words of all the ops' A sides (known from the
    paragraphs), the unchanged text is not counted again: what A's deletions and
    replacements do not hold is kept (ops cut text between tokens, never in a word)."""
    kept = deleted = inserted = replaced_a = replaced_b = 0
    for op in ops:
        if op.tag in UNCHANGED:
            if words_a is None:
                kept += word_count(op.a)
        elif op.tag == "delete":
            deleted += word_count(op.a)
        elif op.tag == "insert":
            inserted += word_count(op.b)
        else:
            replaced_a += word_count(op.a)
            replaced_b += word_count(op.b)
    if words_a is not None:
        kept = words_a - deleted - replaced_a
    return WordCounts(
        kept=kept, inserted=inserted, deleted=deleted, replaced_a=replaced_a, replaced_b=replaced_b
    )


# -- matching ----------------------------------------------------------------


def _restyled_spans(ta: list[str], tb: list[str]) -> Iterator[tuple[OpTag, int, int]]:
    """For token lists equal after folding: (tag, start, end) of the runs of equal
    tokens and of the runs of restyled ones between them, in order. The tokens that
    differ are found at C speed (map and compress): a few among many."""
    done = 0  # the tokens before it are in a span given
    start = end = -1  # the run of restyled tokens being read
    for i in compress(count(), map(ne, ta, tb)):
        if i == end:
            end += 1
            continue
        if end >= 0:
            yield "typography", start, end
            done = end
        if i > done:
            yield "equal", done, i
        start, end = i, i + 1
    if end >= 0:
        yield "typography", start, end
        done = end
    if done < len(ta):
        yield "equal", done, len(ta)


def _pair_tokens(ta: list[str], tb: list[str]) -> list[Run]:
    """Runs for token lists equal after folding: tokens pair up one to one."""
    return [Run(tag, ta[lo:hi], tb[lo:hi]) for tag, lo, hi in _restyled_spans(ta, tb)]


def _restyled(ta: list[str], tb: list[str]) -> list[Op]:
    """The ops of token lists equal after folding, made straight from their spans: most
    changed paragraphs of a copy are only restyled, and runs merged and copied by the
    clean-up were a fifth of their diff."""
    return [Op(tag, "".join(ta[lo:hi]), "".join(tb[lo:hi])) for tag, lo, hi in _restyled_spans(ta, tb)]


def _units(tokens: list[str], key: Callable[[str], str] = fold) -> tuple[array, list[str]]:
    """Where each unit starts, and its key (the token folded). A unit is a non-space
    token plus the whitespace after it; whitespace opening the text is a unit of its own."""
    # An array of machine integers: a list would hold an object for each (a 20 MB paragraph
    # has millions of units).
    starts = array("q", (i for i, token in enumerate(tokens) if not token.isspace()))
    if tokens and tokens[0].isspace():
        starts.insert(0, 0)
    keys = [key(tokens[i]) for i in starts]
    starts.append(len(tokens))
    return starts, keys


def _match(ta: list[str], tb: list[str], key: Callable[[str], str] = fold) -> list[Run]:
    sa, ka = _units(ta, key)
    sb, kb = _units(tb, key)
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in opcodes(ka, kb):
        if tag != "equal":
            runs.append(Run("replace", ta[sa[i1] : sa[i2]], tb[sb[j1] : sb[j2]]))
            continue
        xa, xb = ta[sa[i1] : sa[i2]], tb[sb[j1] : sb[j2]]
        if xa == xb:  # the common case: no typography or spacing inside
            runs.append(Run("equal", xa, xb))
            continue
        if _restyled_only(xa, xb):  # typography only: tokens pair up
            runs += _pair_tokens(xa, xb)
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            ua, ub = ta[sa[i] : sa[i + 1]], tb[sb[j] : sb[j + 1]]
            runs.append(Run("equal" if ua[0] == ub[0] else "typography", ua[:1], ub[:1]))
            wa, wb = ua[1:], ub[1:]
            if wa and wb:
                runs.append(Run("equal" if wa == wb else "typography", wa, wb))
            elif wa or wb:
                runs.append(Run("replace", wa, wb))
    return runs


def _restyled_only(xa: list[str], xb: list[str]) -> bool:
    """Whether two token lists are equal once folded: only the tokens that differ are
    folded (found at C speed; in a long text's matched stretches, a few among many)."""
    return len(xa) == len(xb) and all(fold(xa[i]) == fold(xb[i]) for i in compress(count(), map(ne, xa, xb)))
