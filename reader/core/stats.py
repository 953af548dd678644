"""Numbers about a comparison: words kept and changed, paragraphs by what became of
them (one tally that every view reads), shared text."""

from __future__ import annotations

from collections import Counter

from .align import Alignment
from .model import Article, Group, Summary, Tally, WordCounts
from .shingles import containment, text_shingles


def shared_text(a: Article, b: Article) -> float:
    """Share of word trigrams of the shorter text found in the other (0..1)."""
    return containment(text_shingles(p.text for p in a.body), text_shingles(p.text for p in b.body))


def tally(groups: tuple[Group, ...], cut_from_end: int) -> Tally:
    """Count what B did to A's paragraphs, group by group."""
    t: dict[str, int] = dict.fromkeys(Tally.__slots__, 0)
    for g in groups:
        if g.kind == "boilerplate":
            t["boilerplate_added" if g.b and not g.a else "boilerplate_cut"] += len(g.b or g.a)
        elif g.kind == "deleted":
            t["cut"] += len(g.a)
        elif g.kind == "inserted":
            t["added"] += len(g.b)
        elif g.kind in ("identical", "typography"):
            t["kept"] += len(g.a)
        elif g.kind == "rewritten":
            t["rewritten"] += len(g.a)
        elif g.kind == "merged":
            t["merges"] += 1
            t["merged"] += len(g.a)
        elif g.kind == "split":
            t["splits"] += 1
            t["split_into"] += len(g.b)
        elif g.kind == "edited":
            t["edited"] += len(g.a)
        if g.moved:
            t["moved"] += len(g.a)
        t["moved"] += len(g.moved_a) + len(g.moved_b)
    t["cut_from_end"] = cut_from_end
    return Tally(**t)


def summarize(a: Article, b: Article, groups: tuple[Group, ...], alignment: Alignment) -> Summary:
    counts = WordCounts()
    for g in groups:
        # Body text only: A's words are its body's, and boilerplate paired as it stood
        # must not make B keep more than all of A.
        if g.kind != "boilerplate" and not all(a.paragraphs[i].is_boilerplate for i in g.a or ()):
            counts += g.counts
    kinds = Counter(g.kind for g in groups)
    t = tally(groups, alignment.cut_from_end)
    words_a = a.words
    kept_share = min(counts.kept / words_a, 1.0) if words_a else (1.0 if not b.words else 0.0)
    return Summary(
        kept_share=round(kept_share, 4),
        counts=counts,
        kinds=dict(kinds),
        cut_from_end=alignment.cut_from_end,
        boilerplate_added=t.boilerplate_added,
        boilerplate_cut=t.boilerplate_cut,
        related=alignment.related,
        tally=t,
        shared=0.0 if alignment.related else round(shared_text(a, b), 4),
    )
