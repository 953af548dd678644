"""One story across many outlets: what each copy kept, cut and changed of a base.

Every copy is compared with the base once (``compare``); the comparisons are
then read paragraph by paragraph into a matrix: one row per base paragraph,
one cell per copy. Paragraphs a copy added get rows of their own, standing
after the base paragraph they follow in that copy, so that reading down the
matrix follows each copy's reading order as far as the base allows.

The status vocabulary is data here; its symbols and words are in
:mod:`reader.view.story_words`, so that the terminal table, the HTML report and
the app say the same thing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Literal

from .compare import compare
from .facts import Fact, credit_kept
from .model import Article, Comparison, Group
from .records import record
from .tokens import word_count


class Status(StrEnum):
    """What became of a base paragraph in a copy (or, for added rows, what the copy added)."""

    KEPT = "kept"  # the same words, the same punctuation
    TYPOGRAPHY = "typography"  # only quote, dash, space or ellipsis style differs
    EDITED = "edited"  # words changed (see Cell.changed)
    REWRITTEN = "rewritten"  # under a quarter of its words kept: told again, not edited
    MERGED = "merged"  # joined with other base paragraphs into one
    SPLIT = "split"  # cut into several paragraphs
    MOVED = "moved"  # stands elsewhere in the copy, alone or inside another paragraph
    CUT = "cut"  # not in the copy
    ADDED = "added"  # a paragraph the copy added (context, a new ending ...)
    BOILERPLATE = "boilerplate"  # a run of boilerplate the copy added (appeal, caption ...)
    UNRELATED = "unrelated"  # the "copy" is an independent write-up: nothing to match


CutWhere = Literal["start", "middle", "end"]


@record(frozen=True, slots=True)
class Cell:
    """One copy's treatment of one row.

    ``b`` are the copy's paragraph numbers (from 0) and ``group`` the index of
    the group in the copy's ``Comparison.groups``: what the app needs to open
    the two-article diff at this place.
    """

    status: Status
    b: tuple[int, ...] = ()
    group: int | None = None
    with_a: tuple[int, ...] = ()  # the other base paragraphs of the same group (merged with)
    changed: float = 0.0  # share of the group's words changed: 1 - similarity (0..1)
    moved: bool = False  # the group stands out of the base's order
    cut: CutWhere | None = None  # for CUT: where the copy was trimmed
    boilerplate: str | None = None  # the reason, for boilerplate (added, or cut from the base)
    repeats: tuple[int, ...] = ()  # for ADDED: the base paragraph it repeats
    words: int = 0  # words of the copy's paragraphs (added rows) or of the base paragraph (cut)
    facts: tuple[Fact, ...] = ()  # what changed that matters in this paragraph (not credits)


@record(frozen=True, slots=True)
class Row:
    """A base paragraph (``base`` is its number), or a paragraph a copy added
    (``base`` is None, ``copy`` says which copy, ``after`` which base paragraph
    it follows: -1 for before the first). ``cells`` has one entry per copy;
    an added row has a cell only for the copy that added it (None elsewhere)."""

    base: int | None
    text: str
    cells: tuple[Cell | None, ...]
    copy: int | None = None
    after: int = -1
    boilerplate: str | None = None  # the base paragraph's boilerplate reason

    @property
    def added(self) -> bool:
        return self.base is None


@record(frozen=True, slots=True)
class Trim:
    """Base paragraphs (body and boilerplate) a copy cut, by where they stood."""

    start: int = 0
    middle: int = 0
    end: int = 0
    words: int = 0  # base body words cut

    @property
    def paragraphs(self) -> int:
        return self.start + self.middle + self.end


@record(frozen=True, slots=True)
class Additions:
    paragraphs: int = 0  # body paragraphs added
    words: int = 0  # words in them, plus words inserted inside kept paragraphs
    boilerplate: tuple[tuple[str, int], ...] = ()  # (reason, paragraphs) per folded run

    @property
    def boilerplate_paragraphs(self) -> int:
        return sum(n for _, n in self.boilerplate)


@record(frozen=True, slots=True)
class StoryCopy:
    """One copy, its comparison with the base and what it did to it."""

    article: Article
    comparison: Comparison
    kept_share: float  # share of the base's body words kept (0..1)
    words_changed: int  # inside the paragraphs it kept: deleted + inserted + replaced (longer side)
    trim: Trim
    added: Additions
    statuses: dict[str, int]  # base paragraphs by status
    credit: str | None = None  # the base's agency credit: "kept", "dropped", "replaced" (None: none)

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.comparison.facts

    @property
    def quotes_altered(self) -> int:
        return sum(1 for f in self.facts if f.kind == "quote" and f.change == "changed")

    @property
    def numbers_changed(self) -> int:
        return sum(1 for f in self.facts if f.kind == "number" and f.change == "changed")

    @property
    def related(self) -> bool:
        """False when the "copy" is an independent write-up of the same news."""
        return self.comparison.summary.related

    @property
    def equal(self) -> bool:
        return self.comparison.equal


@record(frozen=True, slots=True)
class Story:
    base: Article
    copies: tuple[StoryCopy, ...]
    rows: tuple[Row, ...]
    why: str = ""  # why the base was taken for the original

    def row_of(self, base_paragraph: int) -> int:
        """The row index of a base paragraph."""
        for k, row in enumerate(self.rows):
            if row.base == base_paragraph:
                return k
        raise IndexError(base_paragraph)

    def column(self, copy: int) -> list[Cell | None]:
        return [row.cells[copy] for row in self.rows]

    @property
    def equal(self) -> bool:
        """Every copy says the same as the base."""
        return all(c.equal for c in self.copies)


def compare_all(
    base: Article,
    copies: Sequence[Article],
    typography: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Comparison]:
    """Each copy compared with the base, in order. ``progress(done, total)`` is
    called after each one (the app shows it; the comparisons are independent)."""
    out = []
    for k, copy in enumerate(copies):
        out.append(compare(base, copy, typography=typography))
        if progress is not None:
            progress(k + 1, len(copies))
    return out


def build_story(base: Article, copies: Sequence[Article], typography: bool = False, why: str = "") -> Story:
    """Compare each copy with the base (once) and read the comparisons into a story."""
    return story_from(base, compare_all(base, copies, typography=typography), why=why)


def story_from(base: Article, comparisons: Sequence[Comparison], why: str = "") -> Story:
    """The story matrix from comparisons already made (each with ``a`` the base)."""
    columns = []
    for comparison in comparisons:
        if comparison.a is not base and comparison.a.paragraphs != base.paragraphs:
            raise ValueError(f"{comparison.a.label} is not the base {base.label}")
        columns.append(_column(comparison))
    n = len(comparisons)
    extras_after: dict[int, list[Row]] = {}
    for k, (_, extras) in enumerate(columns):
        for after, cell, text in extras:
            cells: list[Cell | None] = [None] * n
            cells[k] = cell
            extras_after.setdefault(after, []).append(Row(None, text, tuple(cells), copy=k, after=after))
    rows: list[Row] = list(extras_after.get(-1, ()))
    for i, para in enumerate(base.paragraphs):
        rows.append(Row(i, para.text, tuple(col[0][i] for col in columns), boilerplate=para.boilerplate))
        rows.extend(extras_after.get(i, ()))
    copies = tuple(
        _copy(comparison, cells) for comparison, (cells, _) in zip(comparisons, columns, strict=True)
    )
    return Story(base=base, copies=copies, rows=tuple(rows), why=why)


# -- reading one comparison ---------------------------------------------------

Extra = tuple[int, Cell, str]  # (after base paragraph, cell, first paragraph's text)


def _column(comparison: Comparison) -> tuple[list[Cell], list[Extra]]:
    """The copy's cell for every base paragraph, and the rows it adds."""
    a = comparison.a
    n = len(a.paragraphs)
    if not comparison.summary.related:
        return [Cell(Status.UNRELATED) for _ in range(n)], []
    groups = comparison.groups
    kept_a = [i for g in groups if g.a and g.b for i in g.a]
    first_kept, last_kept = (min(kept_a), max(kept_a)) if kept_a else (n, -1)
    cells: list[Cell | None] = [None] * n
    extras: list[Extra] = []
    anchor = -1
    facts: dict[int, list[Fact]] = {}
    for fact in comparison.facts:
        if fact.kind != "credit" and fact.a_paragraph is not None:
            facts.setdefault(fact.a_paragraph, []).append(fact)
    for gi, g in enumerate(groups):
        if g.a and g.b:
            for i in g.a:
                cells[i] = _linked_cell(g, gi, i, tuple(facts.get(i, ())))
            if not g.moved:
                main = [i for i in g.a if i not in g.moved_a]
                anchor = max([anchor, *main])
        elif g.a:
            for i in g.a:
                where: CutWhere = "end" if i > last_kept else "start" if i < first_kept else "middle"
                words = word_count(a.paragraphs[i].text)
                cells[i] = Cell(Status.CUT, group=gi, cut=where, boilerplate=g.boilerplate, words=words)
            anchor = max([anchor, *g.a])
        else:
            texts = [comparison.b.paragraphs[j].text for j in g.b]
            words = sum(map(word_count, texts))
            status = Status.BOILERPLATE if g.kind == "boilerplate" else Status.ADDED
            cell = Cell(status, b=g.b, group=gi, boilerplate=g.boilerplate, repeats=g.repeats, words=words)
            extras.append((anchor, cell, texts[0]))
    missing = [i for i, c in enumerate(cells) if c is None]
    if missing:  # every paragraph is in exactly one group: a broken comparison, not a user error
        raise ValueError(f"base paragraphs {missing} are in no group")
    return [c for c in cells if c is not None], extras


def _linked_cell(g: Group, gi: int, i: int, facts: tuple[Fact, ...] = ()) -> Cell:
    others = tuple(x for x in g.a if x != i)
    changed = round(1.0 - g.similarity, 4)
    common = {"b": g.b, "group": gi, "with_a": others, "changed": changed, "moved": g.moved, "facts": facts}
    if g.kind == "rewritten":
        return Cell(Status.REWRITTEN, **common)
    if i in g.moved_a:
        return Cell(Status.MOVED, **common)
    if g.kind == "merged":
        return Cell(Status.MERGED, **common)
    if g.kind == "split":
        return Cell(Status.SPLIT, **common)
    if g.kind == "moved":
        return Cell(Status.MOVED, **common)
    if g.kind == "identical":
        return Cell(Status.KEPT, **{**common, "changed": 0.0})
    if g.kind == "typography":
        return Cell(Status.TYPOGRAPHY, **{**common, "changed": 0.0})
    return Cell(Status.EDITED, **common)


def _copy(comparison: Comparison, cells: list[Cell]) -> StoryCopy:
    statuses = Counter(c.status.value for c in cells)
    if not comparison.summary.related:
        return StoryCopy(
            article=comparison.b,
            comparison=comparison,
            kept_share=0.0,
            words_changed=0,
            trim=Trim(),
            added=Additions(),
            statuses=dict(statuses),
        )
    changed = added_words = added_paras = 0
    boilerplate: list[tuple[str, int]] = []
    for g in comparison.groups:
        c = g.counts
        if g.a and g.b:
            changed += c.deleted + c.inserted + max(c.replaced_a, c.replaced_b)
            added_words += c.inserted + max(0, c.replaced_b - c.replaced_a)
        elif g.b and g.kind == "boilerplate":
            boilerplate.append((g.boilerplate or "boilerplate", len(g.b)))
        elif g.b:
            added_paras += len(g.b)
            added_words += c.inserted
    where = Counter(c.cut for c in cells if c.status is Status.CUT)
    trim = Trim(
        start=where["start"],
        middle=where["middle"],
        end=where["end"],
        words=sum(c.words for c in cells if c.status is Status.CUT and not c.boilerplate),
    )
    return StoryCopy(
        article=comparison.b,
        comparison=comparison,
        kept_share=comparison.summary.kept_share,
        words_changed=changed,
        trim=trim,
        added=Additions(paragraphs=added_paras, words=added_words, boilerplate=tuple(boilerplate)),
        statuses=dict(statuses),
        credit=credit_kept(comparison.a, comparison.b),
    )
