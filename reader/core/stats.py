"""Numbers about a comparison, and the one-line verdict built from them."""

from __future__ import annotations

from collections import Counter

from .align import Alignment
from .model import Article, Group, Summary, WordCounts
from .shingles import containment, text_shingles


def shared_text(a: Article, b: Article) -> float:
    """Share of word trigrams of the shorter text found in the other (0..1)."""
    return containment(text_shingles(p.text for p in a.body), text_shingles(p.text for p in b.body))


def summarize(a: Article, b: Article, groups: tuple[Group, ...], alignment: Alignment) -> Summary:
    counts = WordCounts()
    for g in groups:
        if g.kind != "boilerplate":
            counts += g.counts
    kinds = Counter(g.kind for g in groups)
    moved = sum(1 for g in groups if g.moved and g.kind != "moved") + kinds["moved"]
    moved += sum(len(g.moved_a) + len(g.moved_b) for g in groups)
    boilerplate_added = sum(len(g.b) for g in groups if g.kind == "boilerplate" and not g.a)
    boilerplate_cut = sum(len(g.a) for g in groups if g.kind == "boilerplate" and not g.b)
    words_a = a.words
    kept_share = counts.kept / words_a if words_a else (1.0 if not b.words else 0.0)
    if not alignment.related:
        verdict = f"different write-ups, {round(100 * shared_text(a, b))}% shared text"
    else:
        parts = [f"B keeps {round(100 * kept_share)}% of A"]
        for label, n in (
            ("edited", kinds["edited"]),
            ("merged", kinds["merged"]),
            ("split", kinds["split"]),
            ("moved", moved),
            ("cut from the end", alignment.cut_from_end),
            ("cut", kinds["deleted"] - alignment.cut_from_end),
            ("added", kinds["inserted"]),
            ("boilerplate added", boilerplate_added),
            ("boilerplate cut", boilerplate_cut),
        ):
            if n:
                parts.append(f"{n} {label}")
        if len(parts) == 1 and kinds["typography"]:
            parts.append(f"{kinds['typography']} typography only")
        verdict = " · ".join(parts)
    return Summary(
        kept_share=round(kept_share, 4),
        counts=counts,
        kinds=dict(kinds),
        cut_from_end=alignment.cut_from_end,
        boilerplate_added=boilerplate_added,
        boilerplate_cut=boilerplate_cut,
        related=alignment.related,
        verdict=verdict,
    )
