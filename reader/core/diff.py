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
from collections.abc import Callable, Iterable
from itertools import compress, count, zip_longest
from operator import ne

from .model import Op, OpTag, WordCounts
from .opcodes import opcodes
from .tokens import canonical, fold, tokenize, typographic_key, word_count

_CHANGES = frozenset(("delete", "insert", "replace"))
_UNCHANGED = frozenset(("equal", "typography"))
_SENTENCE_ENDS = frozenset(".!?…")


class _Run:
    """An op under construction: token lists, with their visible sizes cached for
    the clean-up (recounting a growing change at every merge would be quadratic)."""

    __slots__ = ("_sizes", "a", "b", "tag")

    def __init__(self, tag: OpTag, a: list[str], b: list[str]) -> None:
        self.tag = tag
        self.a = a
        self.b = b
        self._sizes: tuple[int, int] | None = None

    def sizes(self) -> tuple[int, int]:
        if self._sizes is None:
            self._sizes = (_visible(self.a), _visible(self.b))
        return self._sizes

    def size(self) -> int:
        return max(self.sizes())

    def extend(self, others: Iterable[_Run]) -> None:
        """Append other runs' tokens (this run's lists must be its own)."""
        for other in others:
            if self._sizes is not None:
                (a, b), (x, y) = self._sizes, other.sizes()
                self._sizes = (a + x, b + y)
            self.a.extend(other.a)
            self.b.extend(other.b)


def _visible(tokens: Iterable[str]) -> int:
    return sum(len(t) for t in tokens if not t[0].isspace())


def equal_after_folding(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ at most in typography (cheap: no diff)."""
    return a == b or typographic_key(a) == typographic_key(b)


def word_diff(a: str, b: str) -> list[Op]:
    """The ops turning ``a`` into ``b``: joining their ``a`` sides gives ``a``,
    their ``b`` sides give ``b``; no two neighbours share a tag."""
    if a == b:
        return [Op("equal", a, b)] if a else []
    ta, tb = tokenize(a), tokenize(b)
    if len(ta) == len(tb) and all(x == y or fold(x) == fold(y) for x, y in zip(ta, tb, strict=True)):
        return _restyled(ta, tb)
    if _same_key(ta, tb):
        # House style only ("10.000"/"10 000", "x—y"/"x - y", « x »/"x"): every change is
        # typography. Matched by the same key, so that each restyled token pairs with its
        # own (by its fold alone, "the — the —" and "the - the —" matched a "the —" to the
        # later one, and the first and last were an insertion and a deletion).
        runs = _normalize(_as_typography(_normalize(_match(ta, tb, canonical)), always=True))
    else:
        # Typography is told apart before the clean-up, so that a restyled number or dash
        # is unchanged text there, not a change to merge with its neighbours.
        runs = _as_typography(_normalize(_match(ta, tb)))
        runs = _absorb_short_equalities(_normalize(runs))
        runs = _as_typography(_normalize(_align_edges(runs)))
    return [Op(r.tag, "".join(r.a), "".join(r.b)) for r in runs]


def _same_key(ta: list[str], tb: list[str]) -> bool:
    """``typographic_key`` of both texts equal, from their tokens, stopping at the first
    difference (texts that differ in words mostly differ early)."""
    keys_a = (canonical(t) for t in ta if not t.isspace())
    keys_b = (canonical(t) for t in tb if not t.isspace())
    return all(x == y for x, y in zip_longest(keys_a, keys_b))


def _as_typography(runs: list[_Run], always: bool = False) -> list[_Run]:
    """Retag the changes whose two sides differ only in house style as typography."""
    for run in runs:
        if run.tag not in _CHANGES:
            continue
        if always or typographic_key("".join(run.a)) == typographic_key("".join(run.b)):
            run.tag = "typography"
    return runs


def count_words(ops: Iterable[Op], words_a: int | None = None) -> WordCounts:
    """Words kept (equal and typography), deleted, inserted, and on each side of
    replacements. Given ``words_a``, the words of all the ops' A sides (known from the
    paragraphs), the unchanged text is not counted again: what A's deletions and
    replacements do not hold is kept (ops cut text between tokens, never in a word)."""
    kept = deleted = inserted = replaced_a = replaced_b = 0
    for op in ops:
        if op.tag in _UNCHANGED:
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


def _pair_tokens(ta: list[str], tb: list[str]) -> list[_Run]:
    """Runs for token lists equal after folding: tokens pair up one to one."""
    runs: list[_Run] = []
    done = 0
    # The tokens that differ, found at C speed (map and compress): a few among many.
    for i in compress(count(), map(ne, ta, tb)):
        if i > done:
            runs.append(_Run("equal", ta[done:i], tb[done:i]))
        runs.append(_Run("typography", [ta[i]], [tb[i]]))
        done = i + 1
    if done < len(ta):
        runs.append(_Run("equal", ta[done:], tb[done:]))
    return runs


def _restyled(ta: list[str], tb: list[str]) -> list[Op]:
    """The ops of token lists equal after folding: what ``_pair_tokens`` and
    ``_normalize`` make of them (runs of equal tokens between runs of restyled ones),
    made straight from the tokens that differ. Most changed paragraphs of a copy are
    only restyled: the runs and their copies were a fifth of their diff."""
    ops: list[Op] = []
    done = 0  # the tokens before it are in ops
    start = end = -1  # the run of restyled tokens being read
    for i in compress(count(), map(ne, ta, tb)):
        if i == end:
            end += 1
            continue
        if end >= 0:
            ops.append(Op("typography", "".join(ta[start:end]), "".join(tb[start:end])))
            done = end
        if i > done:
            ops.append(Op("equal", "".join(ta[done:i]), "".join(tb[done:i])))
        start, end = i, i + 1
    if end >= 0:
        ops.append(Op("typography", "".join(ta[start:end]), "".join(tb[start:end])))
        done = end
    if done < len(ta):
        ops.append(Op("equal", "".join(ta[done:]), "".join(tb[done:])))
    return ops


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


def _match(ta: list[str], tb: list[str], key: Callable[[str], str] = fold) -> list[_Run]:
    sa, ka = _units(ta, key)
    sb, kb = _units(tb, key)
    runs: list[_Run] = []
    for tag, i1, i2, j1, j2 in opcodes(ka, kb):
        if tag != "equal":
            runs.append(_Run("replace", ta[sa[i1] : sa[i2]], tb[sb[j1] : sb[j2]]))
            continue
        xa, xb = ta[sa[i1] : sa[i2]], tb[sb[j1] : sb[j2]]
        if xa == xb:  # the common case: no typography or spacing inside
            runs.append(_Run("equal", xa, xb))
            continue
        if _restyled_only(xa, xb):  # typography only: tokens pair up
            runs += _pair_tokens(xa, xb)
            continue
        for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
            ua, ub = ta[sa[i] : sa[i + 1]], tb[sb[j] : sb[j + 1]]
            runs.append(_Run("equal" if ua[0] == ub[0] else "typography", ua[:1], ub[:1]))
            wa, wb = ua[1:], ub[1:]
            if wa and wb:
                runs.append(_Run("equal" if wa == wb else "typography", wa, wb))
            elif wa or wb:
                runs.append(_Run("replace", wa, wb))
    return runs


def _restyled_only(xa: list[str], xb: list[str]) -> bool:
    """Whether two token lists are equal once folded: only the tokens that differ are
    folded (found at C speed; in a long text's matched stretches, a few among many)."""
    return len(xa) == len(xb) and all(fold(xa[i]) == fold(xb[i]) for i in compress(count(), map(ne, xa, xb)))


# -- clean-up ----------------------------------------------------------------


def _change_tag(a: list[str], b: list[str]) -> OpTag:
    if a and b:
        return "replace"
    return "delete" if a else "insert"


def _normalize(runs: Iterable[_Run]) -> list[_Run]:
    """Drop empty runs, merge neighbours with the same tag and join neighbouring
    changes into one (a delete next to an insert is a replace). The runs given are
    used up: their lists become the new runs' (every caller drops them; copying every
    token list at each of the four passes was most of their time on a long text), and
    no two of them may hold the same list."""
    out: list[_Run] = []
    for run in runs:
        if not run.a and not run.b:
            continue
        is_change = run.tag in _CHANGES
        last = out[-1] if out else None
        if last is not None and (last.tag == run.tag or (is_change and last.tag in _CHANGES)):
            last.extend((run,))
            if is_change:
                last.tag = _change_tag(last.a, last.b)
        else:
            tag = _change_tag(run.a, run.b) if is_change else run.tag
            out.append(_Run(tag, run.a, run.b))
    return out


def _absorb_short_equalities(runs: list[_Run]) -> list[_Run]:
    """Fold each unchanged stretch between two changes into them when it is
    shorter than both changes.

    Length counts visible characters (whitespace left out): it weighs a lone
    "the", "of" or "," as the accident it is next to a rewritten clause, while a
    kept name or number ("Pyongyang", "9,000") outweighs a one-word edit beside it.
    Counting words would treat "the" and "Pyongyang" alike and glue every pair of
    nearby one-word edits together.

    Only a stretch with changed text on both sides *within one version* counts:
    text added before it and text cut after it ("for use {+on the battlefield+}
    in Ukraine[-, violating UN sanctions-]") makes it the pivot of the edit, not
    an accident of matching. Once neighbours merge, such a stretch is looked at
    again and folded in if it is now sandwiched."""
    i = 0
    while i < len(runs):
        if runs[i].tag in _CHANGES:
            i += 1
            continue
        end = i
        while end < len(runs) and runs[end].tag in _UNCHANGED:
            end += 1
        if i > 0 and end < len(runs):
            left, right = runs[i - 1], runs[end]
            sandwiched = bool(left.a and right.a) or bool(left.b and right.b)
            if sandwiched and _shorter(runs[i:end], min(left.size(), right.size())):
                left.extend(runs[i : end + 1])
                left.tag = _change_tag(left.a, left.b)
                runs[i - 1 : end + 1] = [left]
                # The merged change is bigger now: look again at the stretch before it.
                i -= 1
                while i > 0 and runs[i - 1].tag in _UNCHANGED:
                    i -= 1
                continue
        i = end
    return runs


def _shorter(stretch: list[_Run], limit: int) -> bool:
    """Whether the stretch shows fewer than ``limit`` visible characters on each
    side; stops counting early, as kept stretches are often long."""
    for side in ("a", "b"):
        size = 0
        for run in stretch:
            for token in getattr(run, side):
                if not token[0].isspace():
                    size += len(token)
                    if size >= limit:
                        return False
    return True


def _align_edges(runs: list[_Run]) -> list[_Run]:
    """Move change edges to the boundaries that read best."""
    padded: list[_Run] = []
    for run in _trim_shared_spaces(runs):
        # Every lone insertion or deletion gets an equal run on each side (maybe
        # empty) for _slide to move tokens into.
        if run.tag in ("insert", "delete"):
            if not padded or padded[-1].tag != "equal":
                padded.append(_Run("equal", [], []))
            padded += [run, _Run("equal", [], [])]
        elif run.tag == "equal" and padded and padded[-1].tag == "equal" and not padded[-1].a:
            padded[-1] = run
        else:
            padded.append(run)
    for index, run in enumerate(padded):
        if run.tag in ("insert", "delete"):
            _slide(padded, index)
    return padded


def _trim_shared_spaces(runs: list[_Run]) -> list[_Run]:
    """A replacement whose sides start (or end) with the same whitespace gives it
    back to the unchanged text around it."""
    out: list[_Run] = []
    for run in runs:
        if run.tag != "replace":
            out.append(run)
            continue
        a, b = run.a, run.b
        head: list[str] = []
        tail: list[str] = []
        # One side may empty out (". " -> " " is a deleted "."), never both.
        if len(a) + len(b) > 2 and a[0] == b[0] and a[0][0].isspace():
            head, a, b = [a[0]], a[1:], b[1:]
        if a and b and len(a) + len(b) > 2 and a[-1] == b[-1] and a[-1][0].isspace():
            tail, a, b = [a[-1]], a[:-1], b[:-1]
        if head:
            out.append(_Run("equal", head, list(head)))
        out.append(_Run(_change_tag(a, b), a, b))
        if tail:
            out.append(_Run("equal", tail, list(tail)))
    return _normalize(out)


def _slide(runs: list[_Run], index: int) -> None:
    """Shift a lone insertion or deletion along the equal text around it (where
    the same tokens repeat) to the position whose edges score best."""
    run, prev, after = runs[index], runs[index - 1], runs[index + 1]
    moving = run.a or run.b
    before_ctx = _context(runs, index - 2, last=True)
    after_ctx = _context(runs, index + 2, last=False)
    head = prev.a
    line = [*head, *moving, *after.a]
    k = len(moving)
    lo = hi = len(head)
    while lo > 0 and line[lo - 1] == line[lo + k - 1]:
        lo -= 1
    while hi + k < len(line) and line[hi] == line[hi + k]:
        hi += 1
    if lo == hi:
        return

    def rank(s: int) -> tuple[int, bool, bool, int]:
        left = line[s - 1] if s else before_ctx
        right = line[s + k] if s + k < len(line) else after_ctx
        score = _edge_score(left, line[s]) + _edge_score(line[s + k - 1], right)
        # Ties: " foo" rather than "foo " (the deletion keeps the space before it).
        return score, line[s][0].isspace(), not line[s + k - 1][0].isspace(), -s

    best = max(range(lo, hi + 1), key=rank)
    new_moving = line[best : best + k]
    if run.a:
        run.a = new_moving
    else:
        run.b = new_moving
    prev.a, prev.b = line[:best], line[:best]
    after.a, after.b = line[best + k :], line[best + k :]
    for changed in (run, prev, after):
        changed._sizes = None


def _context(runs: list[_Run], index: int, last: bool) -> str | None:
    """The A-side token next to a slide window, or None at the edge of the text."""
    while 0 <= index < len(runs):
        tokens = runs[index].a or runs[index].b
        if tokens:
            return tokens[-1] if last else tokens[0]
        index += -1 if last else 1
    return None


def _edge_score(left: str | None, right: str | None) -> int:
    """How natural a change boundary between two tokens is (higher is better)."""
    if left is None or right is None:
        return 6
    space = left if left[0].isspace() else right if right[0].isspace() else ""
    if space.count("\n") > 1:
        return 5
    if "\n" in space:
        return 4
    if space and left[-1] in _SENTENCE_ENDS:
        return 3
    if space:
        return 2
    if not left[-1].isalnum() or not right[0].isalnum():
        return 1
    return 0
