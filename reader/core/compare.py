"""Compare two articles: align their paragraphs, then diff each aligned group."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from difflib import SequenceMatcher

from .align import RawGroup, align
from .datelines import lead_day
from .diff import count_words, word_diff
from .facts import agencies_of, find_facts, group_facts
from .model import Article, Comparison, Group, Op, WordCounts
from .sentences import key_text, keys
from .stats import summarize
from .tokens import tokens_kept

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from .fact_record import Fact

    # Runs two pieces of work side by side, and gives both answers (reader.cli.forking).
    Share = Callable[[Callable[[], Any], Callable[[], Any]], tuple[Any, Any]]

# A linked group keeping under this share of its A words is a rewrite, not an edit.
REWRITE_KEPT = 0.25
# ... unless its words still line up one for one (a spun copy): this share of them, in
# texts whose lengths differ by at most this share.
LINED_UP_SHARE = 0.7
LINED_UP_LENGTH = 0.25
# Given a way to share work, a comparison makes half its word diffs (and finds the
# facts of those groups) there, from this many characters of text to diff: some 15k
# words, diffed in about 20 ms; sharing costs about 5.
SHARE_FROM = 100_000


def compare(
    a: Article,
    b: Article,
    typography: bool = False,
    share: Share | None = None,
    keys: tuple[Sequence[str], Sequence[str]] | None = None,
) -> Comparison:
    """The full comparison of A with B. ``typography`` makes quote, dash and space
    style count as a change (it always shows in the ops, tagged ``typography``).
    ``share(here, there)`` gives ``(here(), there())``, running them side by side: a
    long comparison's word diffs are then made half in each (the same comparison).
    ``keys`` are the paragraphs' ``paragraph_keys``, when made beforehand."""
    with _collector_paused():
        return _compare(a, b, typography, share, keys)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A comparison makes objects, never reference cycles (a test holds it to that):
    the cycle collector's passes over them, and over everything else alive, would find
    nothing, and at a million words they were a seventh of its time. Paused while it
    runs, and left as it was found. Two comparisons in two threads at once: the first
    to end turns it back on under the other, which is then only slower."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _compare(
    a: Article,
    b: Article,
    typography: bool,
    share: Share | None,
    keys: tuple[Sequence[str], Sequence[str]] | None,
) -> Comparison:
    alignment = align(
        [p.text for p in a.paragraphs],
        [p.text for p in b.paragraphs],
        [p.boilerplate for p in a.paragraphs],
        [p.boilerplate for p in b.paragraphs],
        code=a.language or b.language,
        other_day=_other_day(a, b),
        other_agency=_other_agency(a, b),
        starts=(a.start, b.start),
        keys=keys,
    )
    with tokens_kept():
        groups, found_in = _groups(alignment.groups, a, b, alignment.related, share)
        summary = summarize(a, b, groups, alignment)
        facts = find_facts(a, b, groups, alignment.related, found_in)
    return Comparison(a=a, b=b, groups=groups, summary=summary, typography=typography, facts=facts)


def _groups(
    raws: list[RawGroup], a: Article, b: Article, related: bool, share: Share | None
) -> tuple[tuple[Group, ...], dict[int, list[Fact]] | None]:
    """The groups, and the facts of each found on the way when the work was shared."""
    if share is None or (cut := _middle(raws, a, b)) is None:
        return tuple(_group(raw, a, b) for raw in raws), None
    code = a.language or b.language

    def diffed(part: list[RawGroup]) -> tuple[list[Group], dict[int, list[Fact]]]:
        groups = [_group(raw, a, b) for raw in part]
        found = {n: group_facts(a, b, g, code) for n, g in enumerate(groups)} if related else {}
        return groups, found

    def there() -> tuple[list[tuple], dict[int, list[Fact]]]:
        groups, found = diffed(raws[cut:])
        # Plain tuples and strings: pickled ten times faster than the records.
        return [_packed(g) for g in groups], found

    (mine, mine_found), (packed, their_found) = share(lambda: diffed(raws[:cut]), there)
    theirs = [_unpacked(raw, p) for raw, p in zip(raws[cut:], packed, strict=True)]
    found_in = mine_found | {cut + n: facts for n, facts in their_found.items()}
    return (*mine, *theirs), found_in


def _middle(raws: list[RawGroup], a: Article, b: Article) -> int | None:
    """Where to cut the groups into two shares of as much text to diff, when there is
    enough of it to share (None when there is not)."""
    weights = []
    for raw in raws:
        text_a = "\n".join(a.paragraphs[i].text for i in raw.a)
        text_b = "\n".join(b.paragraphs[j].text for j in raw.b)
        weights.append(len(text_a) + len(text_b) if raw.a and raw.b and text_a != text_b else 0)
    total = sum(weights)
    if total < SHARE_FROM:
        return None
    done = 0
    for n, weight in enumerate(weights):
        done += weight
        if 2 * done >= total:
            return n + 1 if n + 1 < len(raws) else None
    return None


def _packed(g: Group) -> tuple:
    ops = tuple(x for op in g.ops for x in (op.tag, op.a, op.b))
    c = g.counts
    return ops, (c.kept, c.inserted, c.deleted, c.replaced_a, c.replaced_b), g.kind, g.similarity


def _unpacked(raw: RawGroup, packed: tuple) -> Group:
    flat, counts, kind, similarity = packed
    ops = tuple(Op(flat[n], flat[n + 1], flat[n + 2]) for n in range(0, len(flat), 3))
    return _made(raw, kind, similarity, ops, WordCounts(*counts))


def paragraph_keys(article: Article) -> list[str]:
    """The comparison key of each paragraph (``sentences.key_text``), as ``compare``
    takes them made beforehand."""
    return [key_text(p.text) for p in article.paragraphs]


def _other_day(a: Article, b: Article) -> bool:
    """Whether both datelines carry a date, and not the same one."""
    day_a, day_b = lead_day(a.lead), lead_day(b.lead)
    return day_a is not None and day_b is not None and day_a != day_b


def _other_agency(a: Article, b: Article) -> bool:
    """Whether each is credited to an agency (dateline or end credit), and no agency is
    credited by both ("AFP/Reuters" and "Reuters" share one; "dpa/bb" is dpa)."""
    named_a, named_b = agencies_of(a), agencies_of(b)
    return bool(named_a) and bool(named_b) and not named_a & named_b


def _group(raw: RawGroup, a: Article, b: Article) -> Group:
    text_a = "\n".join(a.paragraphs[i].text for i in raw.a)
    text_b = "\n".join(b.paragraphs[j].text for j in raw.b)
    if raw.a and text_a == text_b:
        # Most paragraphs of a copy are kept as they were: no diff, and the words are counted.
        ops: tuple[Op, ...] = (Op("equal", text_a, text_b),)
        counts = WordCounts(kept=sum(a.paragraphs[i].words for i in raw.a))
    else:
        if not raw.b:
            ops = (Op("delete", text_a, ""),) if text_a else ()
        elif not raw.a:
            ops = (Op("insert", "", text_b),) if text_b else ()
        else:
            ops = tuple(word_diff(text_a, text_b))
        # A's words are known from its paragraphs: its unchanged text is not counted again.
        counts = count_words(ops, sum(a.paragraphs[i].words for i in raw.a)) if ops else WordCounts()
    total = counts.words_a + counts.words_b
    similarity = 2 * counts.kept / total if total else 1.0
    return _made(raw, _kind(raw, text_a, text_b, ops, counts), round(similarity, 4), ops, counts)


def _made(raw: RawGroup, kind: str, similarity: float, ops: tuple[Op, ...], counts: WordCounts) -> Group:
    return Group(
        a=raw.a,
        b=raw.b,
        kind=kind,
        similarity=similarity,
        ops=ops,
        counts=counts,
        moved_a=raw.moved_a,
        moved_b=raw.moved_b,
        boilerplate=raw.boilerplate,
        moved=raw.moved,
        repeats=raw.repeats,
    )


def _kind(raw: RawGroup, text_a: str, text_b: str, ops: tuple[Op, ...], counts: WordCounts) -> str:
    if raw.kind != "linked":
        return raw.kind
    few_kept = text_a != text_b and counts.words_a and counts.kept < REWRITE_KEPT * counts.words_a
    if few_kept and not _lined_up(text_a, text_b):
        return "rewritten"  # never "edited, 2 of 40 words kept"
    if len(raw.a) > 1:
        return "merged"
    if len(raw.b) > 1:
        return "split"
    if raw.moved:
        return "moved"
    if text_a == text_b:
        return "identical"
    if all(op.tag in ("equal", "typography") for op in ops):
        return "typography"
    return "edited"


def _lined_up(text_a: str, text_b: str) -> bool:
    """Whether two texts keep their words in line, one for one, though most were
    swapped (a spun copy: synonyms replaced word by word): a word diff still reads."""
    wa, wb = keys(text_a), keys(text_b)
    if not wa or abs(len(wa) - len(wb)) > LINED_UP_LENGTH * max(len(wa), len(wb)):
        return False
    lined = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            lined += i2 - i1
    return lined >= LINED_UP_SHARE * len(wa)
