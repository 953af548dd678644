"""Which version of a story is taken for the original."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reader.core.loading import load_file
from reader.core.original import by_originality, likely_original

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _article(name: str):
    (article,), _ = load_file(SEEDS / name)
    return article


def test_the_wire_copy_with_a_dateline_comes_first() -> None:
    afp, mt = _article("002_990fca62850f33f5.txt"), _article("003_574f2177cef51eb0.txt")
    assert likely_original([mt, afp]) is afp


def test_an_unknown_date_is_not_a_late_date() -> None:
    mt = _article("003_574f2177cef51eb0.txt")
    longer = dataclasses.replace(mt, paragraphs=mt.paragraphs + mt.paragraphs[:3], date=None)
    dated_copy = dataclasses.replace(mt, date="2024-06-13", path=Path("copy.txt"))
    assert by_originality([dated_copy, longer])[0] is longer


def test_dates_decide_when_every_version_has_one() -> None:
    mt = _article("003_574f2177cef51eb0.txt")
    early = dataclasses.replace(mt, date="2024-06-12T08:00:00Z", path=Path("early.txt"))
    late_longer = dataclasses.replace(
        mt, paragraphs=mt.paragraphs + mt.paragraphs[:3], date="2024-06-13", path=Path("late.txt")
    )
    assert likely_original([late_longer, early]) is early
