"""Which version of a story is taken for the original."""

from __future__ import annotations

from pathlib import Path

from reader.core import records
from reader.core.loading import article_from_text, load_file
from reader.core.original import by_originality, choice, likely_original
from reader.view.words import why

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _article(name: str):
    (article,), _ = load_file(SEEDS / name)
    return article


def test_the_wire_copy_with_a_dateline_comes_first() -> None:
    afp, mt = _article("002_990fca62850f33f5.txt"), _article("003_574f2177cef51eb0.txt")
    assert likely_original([mt, afp]) is afp


def test_an_unknown_date_is_not_a_late_date() -> None:
    mt = _article("003_574f2177cef51eb0.txt")
    longer = records.replace(mt, paragraphs=mt.paragraphs + mt.paragraphs[:3], date=None)
    dated_copy = records.replace(mt, date="2024-06-13", path=Path("copy.txt"))
    assert by_originality([dated_copy, longer])[0] is longer


def test_dates_decide_when_every_version_has_one() -> None:
    mt = _article("003_574f2177cef51eb0.txt")
    early = records.replace(mt, date="2024-06-12T08:00:00Z", path=Path("early.txt"))
    late_longer = records.replace(
        mt, paragraphs=mt.paragraphs + mt.paragraphs[:3], date="2024-06-13", path=Path("late.txt")
    )
    assert likely_original([late_longer, early]) is early


def _version(words: int, agency: str | None, date: str | None = None, name: str = "x.txt"):
    text = "LEDE (AP) — " if agency else ""
    paragraphs = [f"Paragraph {k} says something about the story in ten words." for k in range(words // 10)]
    article = article_from_text(text + "\n\n".join(paragraphs), name)
    return records.replace(article, agency=agency, date=date)


def test_a_one_paragraph_brief_is_never_the_original_of_a_full_story_with_its_credit() -> None:
    brief = _version(40, "AP", "2024-06-12T08:00:00Z", "brief.txt")
    full = _version(400, "AP", "2024-06-12T09:30:00Z", "full.txt")
    copy = _version(380, None, "2024-06-12T07:00:00Z", "copy.txt")
    assert likely_original([brief, copy, full]) is full
    said = why(choice(full, [brief, copy, full]))
    assert said.startswith("AP credit, the earliest full version") and "40-word brief" in said


def test_when_nothing_is_dated_the_fullest_credited_version() -> None:
    brief, full = _version(40, "AP", name="brief.txt"), _version(400, "AP", name="full.txt")
    assert likely_original([brief, full]) is full
    assert why(choice(full, [brief, full])).startswith("AP credit, the fullest credited version (400 words)")


def test_without_any_credit_the_longest() -> None:
    a, b = _version(200, None, name="a.txt"), _version(300, None, name="b.txt")
    assert likely_original([a, b]) is b
    assert why(choice(b, [a, b])) == "no version carries an agency credit: the longest (300 words)"


def test_a_copy_naming_another_outlet_is_not_the_original_for_a_word_more() -> None:
    wire = _article("002_990fca62850f33f5.txt")
    padded = records.replace(
        wire,
        paragraphs=wire.paragraphs + wire.paragraphs[-1:],
        outlet="The Harbour Gazette",
        path=Path("hg.txt"),
    )
    own_site = records.replace(wire, outlet="afp.com", path=Path("afp-site.txt"))
    assert likely_original([padded, wire]) is wire
    reason = why(choice(wire, [padded, wire]))
    assert reason.startswith("AFP credit, the fullest credited version no other outlet publishes")
    # The agency's own site is the agency's: no reason to pass over the fuller version.
    fuller_own = records.replace(own_site, paragraphs=padded.paragraphs)
    assert likely_original([wire, fuller_own]) is fuller_own
