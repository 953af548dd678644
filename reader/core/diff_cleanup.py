"""The clean-up of a word diff: its runs under construction (token lists with a tag),
merged where neighbours share a tag, a short unchanged stretch between two larger
changes folded into them, and change edges slid to where they read best
(``reader.core.diff`` explains why each step exists). Apart from the matching
because it is its own piece of work.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import OpTag

CHANGES = frozenset(("delete", "insert", "replace"))
UNCHANGED = frozenset(("equal", "typography"))
_SENTENCE_ENDS = frozenset(".!?…")


class Run:
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

    def extend(self, others: Iterable[Run]) -> None:
        """Append other runs' tokens (this run's lists must be its own)."""
        for other in others:
            if self._sizes is not None:
                (a, b), (x, y) = self._sizes, other.sizes()
                self._sizes = (a + x, b + y)
            self.a.extend(other.a)
            self.b.extend(other.b)


def _visible(tokens: Iterable[str]) -> int:
    return sum(len(t) for t in tokens if not t[0].isspace())


def change_tag(a: list[str], b: list[str]) -> OpTag:
    if a and b:
        return "replace"
    return "delete" if a else "insert"


def normalize(runs: Iterable[Run]) -> list[Run]:
    """Drop empty runs, merge neighbours with the same tag and join neighbouring
    changes into one (a delete next to an insert is a replace). The runs given are
    used up: their lists become the new runs' (every caller drops them; copying every
    token list at each of the four passes was most of their time on a long text), and
    no two of them may hold the same list."""
    out: list[Run] = []
    for run in runs:
        if not run.a and not run.b:
            continue
        is_change = run.tag in CHANGES
        last = out[-1] if out else None
        if last is not None and (last.tag == run.tag or (is_change and last.tag in CHANGES)):
            last.extend((run,))
            if is_change:
                last.tag = change_tag(last.a, last.b)
        else:
            tag = change_tag(run.a, run.b) if is_change else run.tag
            out.append(Run(tag, run.a, run.b))
    return out


def absorb_short_equalities(runs: list[Run]) -> list[Run]:
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
        if runs[i].tag in CHANGES:
            i += 1
            continue
        end = i
        while end < len(runs) and runs[end].tag in UNCHANGED:
            end += 1
        if i > 0 and end < len(runs):
            left, right = runs[i - 1], runs[end]
            sandwiched = bool(left.a and right.a) or bool(left.b and right.b)
            if sandwiched and _shorter(runs[i:end], min(left.size(), right.size())):
                left.extend(runs[i : end + 1])
                left.tag = change_tag(left.a, left.b)
                runs[i - 1 : end + 1] = [left]
                # The merged change is bigger now: look again at the stretch before it.
                i -= 1
                while i > 0 and runs[i - 1].tag in UNCHANGED:
                    i -= 1
                continue
        i = end
    return runs


def _shorter(stretch: list[Run], limit: int) -> bool:
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


def align_edges(runs: list[Run]) -> list[Run]:
    """Move change edges to the boundaries that read best."""
    padded: list[Run] = []
    for run in _trim_shared_spaces(runs):
        # Every lone insertion or deletion gets an equal run on each side (maybe
        # empty) for _slide to move tokens into.
        if run.tag in ("insert", "delete"):
            if not padded or padded[-1].tag != "equal":
                padded.append(Run("equal", [], []))
            padded += [run, Run("equal", [], [])]
        elif run.tag == "equal" and padded and padded[-1].tag == "equal" and not padded[-1].a:
            padded[-1] = run
        else:
            padded.append(run)
    for index, run in enumerate(padded):
        if run.tag in ("insert", "delete"):
            _slide(padded, index)
    return padded


def _trim_shared_spaces(runs: list[Run]) -> list[Run]:
    """A replacement whose sides start (or end) with the same whitespace gives it
    back to the unchanged text around it."""
    out: list[Run] = []
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
            out.append(Run("equal", head, list(head)))
        out.append(Run(change_tag(a, b), a, b))
        if tail:
            out.append(Run("equal", tail, list(tail)))
    return normalize(out)


def _slide(runs: list[Run], index: int) -> None:
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


def _context(runs: list[Run], index: int, last: bool) -> str | None:
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
