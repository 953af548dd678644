"""One aligned group diffed: its word diff, its words counted and what became of it
(kept, edited, rewritten, merged...). A pure function of the group and the two
articles, so that it can be made anywhere (ahead of the alignment, in another
process) and be the same."""

from __future__ import annotations

from difflib import SequenceMatcher

from .diff import count_words, word_diff
from .groups import RawGroup
from .model import Article, Group, Op, WordCounts
from .sentences import keys

# A linked group keeping under this share of its A words is a rewrite, not an edit.
REWRITE_KEPT = 0.25
# ... unless its words still line up one for one (a spun copy): this share of them, in
# texts whose lengths differ by at most this share.
LINED_UP_SHARE = 0.7
LINED_UP_LENGTH = 0.25


def diff_group(raw: RawGroup, a: Article, b: Article) -> Group:
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


def packed(g: Group) -> tuple:
    """A group's own results (not its raw group's) as plain tuples and strings: pickled
    ten times faster than the records."""
    ops = tuple(x for op in g.ops for x in (op.tag, op.a, op.b))
    c = g.counts
    return ops, (c.kept, c.inserted, c.deleted, c.replaced_a, c.replaced_b), g.kind, g.similarity


def unpacked(raw: RawGroup, packed: tuple) -> Group:
    """The group ``packed`` was made from (given its raw group)."""
    flat, counts, kind, similarity = packed
    ops = tuple(map(Op, flat[0::3], flat[1::3], flat[2::3]))
    return _made(raw, kind, similarity, ops, WordCounts(*counts))


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
