"""The JSON shapes of articles and comparisons (``reader list``, ``align``, ``stats``
``--json``): the core's data, and the same words as the screens for the verdict."""

from __future__ import annotations

from reader.core.facts import Fact
from reader.core.metadata import language_of
from reader.core.model import Article, Comparison, Group, Tally
from reader.view.words import verdict


def article_meta(article: Article) -> dict:
    return {
        "id": article.id,
        "path": str(article.path),
        "record": article.record,
        "title": article.title,
        "format": article.format,
        "agency": article.agency,
        "dateline": article.dateline,
        "lead": article.lead,
        "credit": article.credit,
        "outlet": article.outlet,
        "url": article.url,
        "date": article.date,
        "language": language_of(article),
        "words": article.words,
        "paragraphs": len(article.paragraphs),
    }


def article_json(article: Article) -> dict:
    data = article_meta(article)
    data["paragraphs"] = [p.text for p in article.paragraphs]
    data["boilerplate"] = [p.boilerplate for p in article.paragraphs]
    return data


def group_json(group: Group) -> dict:
    c = group.counts
    return {
        "a": list(group.a),
        "b": list(group.b),
        "kind": group.kind,
        "similarity": group.similarity,
        "moved": group.moved,
        "moved_a": list(group.moved_a),
        "moved_b": list(group.moved_b),
        "repeats": list(group.repeats),
        "boilerplate": group.boilerplate,
        "words": {
            "kept": c.kept,
            "inserted": c.inserted,
            "deleted": c.deleted,
            "replaced_a": c.replaced_a,
            "replaced_b": c.replaced_b,
        },
        "ops": [op.as_list() for op in group.ops],
    }


def fact_json(fact: Fact) -> dict:
    return {
        "kind": fact.kind,
        "change": fact.change,
        "a": fact.a,
        "b": fact.b,
        "a_paragraph": fact.a_paragraph,
        "b_paragraph": fact.b_paragraph,
    }


def tally_json(tally: Tally) -> dict:
    return {name: getattr(tally, name) for name in Tally.__slots__}


def comparison_json(comparison: Comparison) -> dict:
    s = comparison.summary
    c = s.counts
    return {
        "a": article_json(comparison.a),
        "b": article_json(comparison.b),
        "groups": [group_json(g) for g in comparison.groups],
        "facts": [fact_json(f) for f in comparison.facts],
        "summary": {
            "verdict": verdict(s),
            "related": s.related,
            "kept_share": s.kept_share,
            "equal": comparison.equal,
            "words": {
                "a": comparison.a.words,
                "b": comparison.b.words,
                "kept": c.kept,
                "inserted": c.inserted,
                "deleted": c.deleted,
                "replaced_a": c.replaced_a,
                "replaced_b": c.replaced_b,
            },
            "groups_by_kind": s.kinds,
            "paragraphs": tally_json(s.tally),
            "cut_from_end": s.cut_from_end,
            "boilerplate_added": s.boilerplate_added,
            "boilerplate_cut": s.boilerplate_cut,
        },
    }
