"""The JSON form of a story (``reader story --json``).

Shape (paragraph numbers count from 0, as in ``reader align --json``)::

    {
      "base": {article metadata, "why": "AFP credit, the fullest credited version (474 words)"},
      "legend": {"kept": {"symbol": "=", "meaning": "kept"}, ...},   # every status
      "copies": [
        {"copy": 0, "article": {article metadata},
         "related": true, "equal": false, "verdict": "B keeps 67% of A · ...",
         "summary": "keeps 67% · 78 words changed · ...",
         "kept_share": 0.6667, "words_changed": 78,
         "credit": "kept" | "dropped" | "replaced" | null,   # the base's agency credit
         "quotes_altered": 1, "numbers_changed": 2, "facts": [{fact}, ...],
         "paragraphs": {"kept": 3, "edited": 5, "merges": 3, "merged": 6, ...},  # as stats says
         "cells": {"kept": 1, "edited": 5, ...},            # base paragraphs by cell status
         "cut": {"start": 0, "middle": 0, "end": 2, "words": 88},
         "added": {"paragraphs": 0, "words": 4,
                   "boilerplate": [{"reason": "donation appeal", "paragraphs": 8}]}},
        ...
      ],
      "rows": [
        {"base": 0, "text": "...", "boilerplate": null,     # a base paragraph
         "cells": [{cell}, ...]},                            # one per copy
        {"base": null, "copy": 0, "after": 15, "text": "...", # a paragraph copy 0 added
         "cells": [{cell}, null, ...]},                      # null for the other copies
      ]
    }

    cell: {"status": "merged", "symbol": "⇉", "label": "⇉ ¶6 w/7",
           "description": "merged with ¶7 into ¶6: 8% of words changed",
           "b": [6], "group": 6, "with": [7], "changed": 0.08, "moved": false,
           "cut": null | "start" | "middle" | "end", "boilerplate": null,
           "repeats": [], "words": 0, "facts": [{fact}, ...]}   # see reader align --json
"""

from __future__ import annotations

from reader.core.story import Cell, Row, Story, StoryCopy
from reader.view.json import article_meta, fact_json, tally_json
from reader.view.story_words import MEANINGS, SYMBOLS, copy_words, description, label, symbol
from reader.view.words import verdict


def cell_json(cell: Cell | None) -> dict | None:
    if cell is None:
        return None
    return {
        "status": cell.status.value,
        "symbol": symbol(cell),
        "label": label(cell),
        "description": description(cell),
        "b": list(cell.b),
        "group": cell.group,
        "with": list(cell.with_a),
        "changed": cell.changed,
        "moved": cell.moved,
        "cut": cell.cut,
        "boilerplate": cell.boilerplate,
        "repeats": list(cell.repeats),
        "words": cell.words,
        "facts": [fact_json(f) for f in cell.facts],
    }


def row_json(row: Row) -> dict:
    data: dict = {"base": row.base}
    if row.added:
        data.update(copy=row.copy, after=row.after)
    else:
        data["boilerplate"] = row.boilerplate
    data["text"] = row.text
    data["cells"] = [cell_json(c) for c in row.cells]
    return data


def copy_json(k: int, copy: StoryCopy) -> dict:
    return {
        "copy": k,
        "article": article_meta(copy.article),
        "related": copy.related,
        "equal": copy.equal,
        "verdict": verdict(copy.comparison.summary),
        "summary": copy_words(copy),
        "kept_share": copy.kept_share,
        "words_changed": copy.words_changed,
        "credit": copy.credit,
        "quotes_altered": copy.quotes_altered,
        "numbers_changed": copy.numbers_changed,
        "facts": [fact_json(f) for f in copy.facts],
        "paragraphs": tally_json(copy.comparison.summary.tally),  # as in reader stats --json
        "cells": copy.statuses,  # base paragraphs by the status of their cell
        "cut": {
            "start": copy.trim.start,
            "middle": copy.trim.middle,
            "end": copy.trim.end,
            "words": copy.trim.words,
        },
        "added": {
            "paragraphs": copy.added.paragraphs,
            "words": copy.added.words,
            "boilerplate": [{"reason": r, "paragraphs": n} for r, n in copy.added.boilerplate],
        },
    }


def story_json(story: Story) -> dict:
    return {
        "base": {**article_meta(story.base), "why": story.why},
        "legend": {s.value: {"symbol": SYMBOLS[s], "meaning": MEANINGS[s]} for s in SYMBOLS},
        "copies": [copy_json(k, c) for k, c in enumerate(story.copies)],
        "rows": [row_json(r) for r in story.rows],
    }
