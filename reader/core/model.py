"""The data the core hands to the command line and the app.

Plain frozen records (reader.core.records): no behaviour beyond derived properties, so that the
UI, the CLI and the JSON contract all read the same values.
"""

from __future__ import annotations

from pathlib import Path

from .records import field, record
from .sanitize import clean, escape_name
from .tokens import word_count

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from typing import Literal

# Why a paragraph is boilerplate ("donation appeal", "photo caption", ...); None for body text.
BoilerplateReason = str | None


@record(frozen=True, slots=True)
class Paragraph:
    """One paragraph as a reader sees it (control sequences already stripped)."""

    index: int
    text: str
    boilerplate: BoilerplateReason = None
    # Counted once: the article's total, lists and the diff's counts all read it.
    words: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", word_count(self.text))

    @property
    def is_boilerplate(self) -> bool:
        return self.boilerplate is not None


@record(frozen=True, slots=True)
class Article:
    """A loaded article. The dateline lead (``SEOUL (AFP) :``) is kept out of the
    first paragraph's text, which is what gets compared, and stored in ``lead``."""

    id: str
    path: Path
    title: str
    paragraphs: tuple[Paragraph, ...]
    format: str = "text"  # text | markdown | html | json
    lead: str | None = None  # the exact dateline prefix removed from paragraph 0
    dateline: str | None = None  # the place, e.g. "SEOUL"
    agency: str | None = None  # e.g. "AFP", "Reuters", "AP"
    outlet: str | None = None  # who published this copy, when the text or record says
    url: str | None = None
    date: str | None = None
    record: int | None = None  # 1-based position in a JSON / JSON Lines file of several
    language: str | None = None  # ISO 639-1, detected from the body text
    credit: str | None = None  # the agency's end credit taken off the end ("AFP", "efe/mrs")
    start: int = 0  # the paragraph the story opens with (after its headline, byline, notes)
    # Body words, counted once here: lists, sorts and summaries read it thousands of times.
    words: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", sum(p.words for p in self.body))

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if not p.is_boilerplate)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def label(self) -> str:
        """Short name for headers: the file name (escaped, see escape_name), plus the record
        number inside JSON files."""
        name = escape_name(self.path.name)
        return f"{name}#{self.record}" if self.record is not None else name


@record(frozen=True, slots=True)
class Problem:
    """A file (or record) that could not be loaded, and why, in one line."""

    path: Path
    reason: str

    def __str__(self) -> str:
        # A file name is untrusted too: it may carry escape sequences, a newline, bytes
        # that are not UTF-8; the reason may quote the file.
        return f"{escape_name(self.path)}: {' '.join(clean(self.reason).split())}"


@record(frozen=True, slots=True)
class LoadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


if TYPE_CHECKING:
    OpTag = Literal["equal", "typography", "delete", "insert", "replace"]
else:
    OpTag = str


@record(frozen=True, slots=True)
class Op:
    """One run of a word diff. Joining every op's ``a`` gives back text A exactly,
    and likewise for ``b``. ``typography`` means the runs differ only in house
    style: quote, dash, ellipsis and space style, spacing around punctuation,
    thousands separators (see ``tokens.typographic_key``)."""

    tag: OpTag
    a: str
    b: str

    def as_list(self) -> list[str]:
        return [self.tag, self.a, self.b]


if TYPE_CHECKING:
    GroupKind = Literal[
        "identical",
        "typography",
        "edited",
        "rewritten",
        "merged",
        "split",
        "moved",
        "deleted",
        "inserted",
        "boilerplate",
    ]
else:
    GroupKind = str
# GroupKind's values, in its order (a test holds them together).
GROUP_KINDS: tuple[str, ...] = (
    "identical",
    "typography",
    "edited",
    "rewritten",
    "merged",
    "split",
    "moved",
    "deleted",
    "inserted",
    "boilerplate",
)


@record(frozen=True, slots=True)
class WordCounts:
    kept: int = 0
    inserted: int = 0
    deleted: int = 0
    replaced_a: int = 0  # words of A replaced
    replaced_b: int = 0  # words of B that replaced them

    def __add__(self, other: WordCounts) -> WordCounts:
        return WordCounts(
            self.kept + other.kept,
            self.inserted + other.inserted,
            self.deleted + other.deleted,
            self.replaced_a + other.replaced_a,
            self.replaced_b + other.replaced_b,
        )

    @property
    def words_a(self) -> int:
        return self.kept + self.deleted + self.replaced_a

    @property
    def words_b(self) -> int:
        return self.kept + self.inserted + self.replaced_b


@record(frozen=True, slots=True)
class Group:
    """A set of A paragraphs aligned with a set of B paragraphs (either side may be empty).

    ``moved`` is true when the group is out of reading order relative to its
    neighbours, or takes a paragraph that was moved into it from elsewhere
    (``moved_a`` lists those A paragraphs), or sends part of itself elsewhere in B
    (``moved_b``: the same seen from the other side, as when A and B are swapped).
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: GroupKind
    similarity: float
    ops: tuple[Op, ...] = ()
    counts: WordCounts = field(default_factory=WordCounts)
    moved_a: tuple[int, ...] = ()
    boilerplate: str | None = None  # the reason, for boilerplate groups
    moved: bool = False  # the group stands out of A's order
    repeats: tuple[int, ...] = ()  # for an added paragraph: the A paragraph it repeats
    moved_b: tuple[int, ...] = ()  # B paragraphs of the group placed elsewhere in B (a moved split)

    @property
    def changed(self) -> bool:
        return self.kind not in ("identical", "typography")


@record(frozen=True, slots=True)
class Tally:
    """What B did to A's body paragraphs, counted once for every view (the diff's
    summary, ``stats`` and the story view say the same numbers in the same units)."""

    kept: int = 0  # A paragraphs kept as they were (or in typography only)
    edited: int = 0  # A paragraphs edited in place
    rewritten: int = 0  # A paragraphs rewritten (under a quarter of their words kept)
    merges: int = 0  # merges, and
    merged: int = 0  # the A paragraphs they joined
    splits: int = 0  # splits, and
    split_into: int = 0  # the B paragraphs they made
    moved: int = 0  # A paragraphs standing elsewhere in B (alone or inside another)
    cut: int = 0  # A body paragraphs cut, of which
    cut_from_end: int = 0  # those after the last one B kept
    added: int = 0  # B body paragraphs added
    boilerplate_added: int = 0  # B paragraphs of boilerplate with no counterpart
    boilerplate_cut: int = 0  # A paragraphs of boilerplate with no counterpart


@record(frozen=True, slots=True)
class Summary:
    kept_share: float  # share of A's body words kept in B
    counts: WordCounts
    kinds: dict[str, int]  # paragraphs (groups) by kind
    cut_from_end: int  # A paragraphs deleted after the last aligned one
    boilerplate_added: int  # B boilerplate paragraphs with no counterpart
    related: bool  # False: two independent write-ups of the same news
    boilerplate_cut: int = 0  # A boilerplate paragraphs with no counterpart
    tally: Tally = field(default_factory=Tally)
    shared: float = 0.0  # for two write-ups: the share of the shorter text's trigrams the other holds


@record(frozen=True, slots=True)
class Comparison:
    a: Article
    b: Article
    groups: tuple[Group, ...]
    summary: Summary
    typography: bool = False  # whether typography-only changes are shown as changes
    facts: tuple = ()  # reader.core.facts.Fact: what changed that matters, in reading order

    @property
    def equal(self) -> bool:
        """True when B says the same as A (once typography is folded, unless
        typography changes were asked for)."""
        same = ("identical",) if self.typography else ("identical", "typography")
        return all(g.kind in same and not g.moved for g in self.groups)
