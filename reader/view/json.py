"""The JSON shapes of articles and comparisons (``reader list``, ``align``, ``stats``
``--json``): the core's data, and the same words as the screens for the verdict."""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from pathlib import Path

from reader.core.facts import Fact
from reader.core.metadata import language_of
from reader.core.model import Article, Comparison, Group, Tally
from reader.core.sanitize import escape_name
from reader.view.words import verdict


def _raw(path: str) -> bytes | None:
    """The bytes of a path that is not valid UTF-8 (None for every other path)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return None


def _bytes_text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def path_fields(path: str | Path, key: str = "path") -> dict:
    """A path for JSON, which holds only Unicode text: ``{key: path}``, exactly; or, for
    a name that is not UTF-8, ``{key: the name as shown ("caf\\xe9.txt"),
    key_bytes: its bytes in base64}``."""
    text = os.fspath(path)
    raw = _raw(text)
    if raw is None:
        return {key: text}
    return {key: escape_name(text), f"{key}_bytes": _bytes_text(raw)}


def paths_fields(paths: Sequence[str | Path], key: str) -> dict:
    """A list of paths for JSON, as :func:`path_fields`; ``key_bytes`` is the list of
    their bytes (null for the names that are UTF-8) when one of them is not."""
    texts = [os.fspath(p) for p in paths]
    raws = [_raw(t) for t in texts]
    if all(r is None for r in raws):
        return {key: texts}
    return {
        key: [t if r is None else escape_name(t) for t, r in zip(texts, raws, strict=True)],
        f"{key}_bytes": [None if r is None else _bytes_text(r) for r in raws],
    }


def article_meta(article: Article) -> dict:
    return {
        "id": article.id,
        **path_fields(article.path),
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
