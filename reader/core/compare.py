"""Compare two articles: align their paragraphs, then diff each aligned group.

Given workers (reader.cli.forking), a long comparison uses a second process: while
the aligner runs there, the groups it will most likely make are diffed
(reader.core.likely); once it has run, the rest are diffed half here, half there.
Each group is a pure function of itself and the two articles, and a group made
ahead is used only where the aligner made that very group: the comparison is the
same, made sooner.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .align import RawGroup, align
from .datelines import lead_day
from .facts import agencies_of, find_facts, group_facts, quote_facts
from .group_diff import diff_group, packed, unpacked
from .likely import likely_groups
from .model import Article, Comparison, Group
from .sentences import key_text
from .shares import halfway
from .stats import summarize
from .tokens import tokens_kept

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any, Protocol

    from .fact_record import Fact

    class Ahead(Protocol):
        def take(self) -> list: ...  # the values made, in order (maybe not all)
        def cancel(self) -> None: ...

    class Workers(Protocol):
        """Another process's help (reader.cli.forking)."""

        def share(self, here: Callable[[], Any], there: Callable[[], Any]) -> tuple[Any, Any]:
            """(here(), there()), run side by side."""

        def ahead(self, produce: Callable[[], Iterable[Any]]) -> Ahead:
            """Start taking produce()'s values elsewhere."""

    Keys = tuple[Sequence[str], Sequence[str]]

# Given workers, groups are diffed while the aligner runs from this many characters of
# text in the two articles (some 15k words: aligned in about 20 ms), and the groups
# left are diffed half in each process from this many characters of text to diff (some
# 15k words, diffed in about 20 ms; a fork and the hand-over cost about 5).
AHEAD_FROM = 100_000
SHARE_FROM = 100_000
# A paragraph longer than this (characters: a whole file on one line) is compared with
# no help ahead of the aligner, nor its keys made beforehand: what counts there is the
# memory of its word diff, and the order in which the allocator got its memory back
# raised the peak of a 19 MB one-line pair from 920 to 960 MB.
HUGE_PARAGRAPH = 1 << 20


def compare(
    a: Article,
    b: Article,
    typography: bool = False,
    workers: Workers | None = None,
    keys: Keys | None = None,
) -> Comparison:
    """The full comparison of A with B. ``typography`` makes quote, dash and space
    style count as a change (it always shows in the ops, tagged ``typography``).
    ``workers`` lend another process (the same comparison, sooner); ``keys`` are the
    paragraphs' ``paragraph_keys``, when made beforehand."""
    with _collector_paused():
        return _compare(a, b, typography, workers, keys)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A comparison makes objects, never reference cycles (a test holds it to that):
    the cycle collector's passes over them, and over everything else alive, would find
    nothing, and at a million words they were a seventh of its time. Paused while it
    runs, and left as it was found. Two comparisons in two threads at once: the first
    to end turns it back on under the other, which is then only slower.

    The objects made meanwhile all wait in the youngest generation: turned back on, the
    collector would go over every one of them at the next allocation (a tenth of a
    second at a million words, in whichever thread allocates next). They are handed to
    the oldest one instead, by freezing and thawing (moves of whole lists, whatever
    their length); what other threads made meanwhile goes there too, garbage cycles
    included, freed by the next full pass. Objects a caller had frozen are thawed with
    them (telling them apart would mean counting them all, each time): reader.cli,
    which freezes what lives to the end of the command, freezes again. Not where
    threads run without the GIL: there freezing and thawing each walk every object."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _LISTS_MOVE:
            try:
                gc.freeze()
            finally:  # a Ctrl-C between the two leaves nothing frozen
                gc.unfreeze()
        if was_on:
            gc.enable()


# Freezing moves the generations' lists whole only while the GIL is on (a free-threaded
# build walks every object instead). sys._is_gil_enabled says so from 3.13; every build
# before it has the GIL.
_LISTS_MOVE = getattr(sys, "_is_gil_enabled", lambda: True)()


def _compare(
    a: Article, b: Article, typography: bool, workers: Workers | None, keys: Keys | None
) -> Comparison:
    ahead = None
    if workers is not None and len(a.text) + len(b.text) >= AHEAD_FROM and not huge_paragraph(a, b):
        ahead = workers.ahead(lambda: _made_ahead(a, b, keys))
    try:
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
    except BaseException:
        if ahead is not None:
            ahead.cancel()
        raise
    early = ahead.take() if ahead is not None else []
    with tokens_kept():
        groups, found_in = _groups(alignment.groups, a, b, alignment.related, workers, early[1:])
        summary = summarize(a, b, groups, alignment)
        facts = find_facts(a, b, groups, alignment.related, found_in, early[0] if early else None)
    return Comparison(a=a, b=b, groups=groups, summary=summary, typography=typography, facts=facts)


def huge_paragraph(*articles: Article) -> bool:
    """Whether one of the articles has a paragraph longer than HUGE_PARAGRAPH characters
    (the keys made beforehand and the memory given back go by it too, reader.cli)."""
    return any(len(p.text) > HUGE_PARAGRAPH for article in articles for p in article.paragraphs)


def _made_ahead(a: Article, b: Article, keys: Keys | None) -> Iterator[Any]:
    """While the aligner runs: the quotations' facts (they do not depend on the
    alignment), then each likely group diffed, with its facts (a, b, packed, facts).
    Keys not given are made here too (the aligner makes its own, and lets them go)."""
    code = a.language or b.language
    yield quote_facts(a, b)
    if keys is None:
        keys = (paragraph_keys(a), paragraph_keys(b))
    with tokens_kept():
        for raw in likely_groups(a, b, *keys):
            group = diff_group(raw, a, b)
            yield raw.a, raw.b, packed(group), group_facts(a, b, group, code)


def _groups(
    raws: list[RawGroup], a: Article, b: Article, related: bool, workers: Workers | None, early: list
) -> tuple[tuple[Group, ...], dict[int, list[Fact]]]:
    """The groups, and the facts of those whose facts were found on the way."""
    made = {(ga, gb): (p, found) for ga, gb, p, found in early}
    groups: list[Group | None] = [None] * len(raws)
    found_in: dict[int, list[Fact]] = {}
    for n, raw in enumerate(raws):
        hit = made.get((raw.a, raw.b))
        if hit is not None and raw == RawGroup(a=raw.a, b=raw.b, kind="linked"):
            groups[n], found_in[n] = unpacked(raw, hit[0]), hit[1]
    todo = [n for n, g in enumerate(groups) if g is None]
    if workers is None or (cut := _middle([raws[n] for n in todo], a, b)) is None:
        for n in todo:
            groups[n] = diff_group(raws[n], a, b)
        return tuple(groups), found_in  # type: ignore[arg-type]
    code = a.language or b.language

    def diffed(part: list[int]) -> tuple[list[Group], list[list[Fact]]]:
        groups_made = [diff_group(raws[n], a, b) for n in part]
        return groups_made, [group_facts(a, b, g, code) for g in groups_made] if related else []

    def there() -> tuple[list[tuple], list[list[Fact]]]:
        groups_made, found = diffed(todo[cut:])
        return [packed(g) for g in groups_made], found

    (mine, mine_found), (theirs, their_found) = workers.share(lambda: diffed(todo[:cut]), there)
    for n, group in zip(todo[:cut], mine, strict=True):
        groups[n] = group
    for n, p in zip(todo[cut:], theirs, strict=True):
        groups[n] = unpacked(raws[n], p)
    if related:
        found_in.update(zip(todo[:cut], mine_found, strict=True))
        found_in.update(zip(todo[cut:], their_found, strict=True))
    return tuple(groups), found_in  # type: ignore[arg-type]


def _middle(raws: list[RawGroup], a: Article, b: Article) -> int | None:
    """Where to cut the groups into two shares of as much text to diff, when there is
    enough of it to share (None when there is not)."""
    weights = []
    for raw in raws:
        text_a = "\n".join(a.paragraphs[i].text for i in raw.a)
        text_b = "\n".join(b.paragraphs[j].text for j in raw.b)
        weights.append(len(text_a) + len(text_b) if raw.a and raw.b and text_a != text_b else 0)
    return halfway(weights, SHARE_FROM)


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
