"""The aligner on realistic wire material (tests/data/wire) against hand-made gold.

Each pair is how outlets really republish agency copy (a local paper's AP copy,
a US site's Reuters copy, an AFP republication with a moved background
paragraph and a split, a write-through, a brief, a paraphrase, ...) or two
texts that are not copies (independent reports sharing quotations,
different-day stories sharing background). Gold files give 0-based numbers of
non-empty lines, as ../shared/eval does; every gold link must be found and no
other (optional links are neither), in both directions.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from reader.core.align import align
from reader.core.compare import compare
from reader.core.loading import load_file

WIRE = Path(__file__).resolve().parents[1] / "data" / "wire"
# English pairs in gold/, and a folder per language (fr/, es/, de/, pt/, it/, en/, ar/) with its own.
GOLDS = sorted((WIRE / "gold").glob("*.json")) + sorted(WIRE.glob("*/gold/*.json"))
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).lower().split())


def gold_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def locate(paragraphs: list[str], lines: list[str]) -> list[set[int]]:
    """The gold lines each loaded paragraph's text covers (the loader may strip a
    dateline lead or tidy spacing, so its text is found inside the lines)."""
    folded = [fold(x) for x in lines]
    doc, spans = "", []
    for x in folded:
        spans.append((len(doc), len(doc) + len(x)))
        doc += x + "\n"
    cursor, out = 0, []
    for para in paragraphs:
        needle = fold(para)
        pos = doc.find(needle, cursor)
        if pos < 0:
            pos = doc.find(needle)
        assert needle and pos >= 0, f"paragraph not found in the file: {para[:60]!r}"
        end = pos + len(needle)
        out.append({k for k, (s, e) in enumerate(spans) if s < end and pos < e})
        cursor = end
    return out


def predicted_links(a_path: Path, b_path: Path) -> tuple[set[tuple[int, int]], bool]:
    (a,), _ = load_file(a_path)
    (b,), _ = load_file(b_path)
    comparison = compare(a, b)
    where_a = locate([p.text for p in a.paragraphs], gold_lines(a_path))
    where_b = locate([p.text for p in b.paragraphs], gold_lines(b_path))
    links = {
        (x, y) for g in comparison.groups for i in g.a for j in g.b for x in where_a[i] for y in where_b[j]
    }
    return links, comparison.summary.related


def f1(got: set, truth: set) -> float:
    tp = len(got & truth)
    p = tp / len(got) if got else 1.0
    r = tp / len(truth) if truth else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.stem for p in GOLDS])
@pytest.mark.parametrize("flip", [False, True], ids=["a-b", "b-a"])
def test_wire_pair_links_exactly(gold_path: Path, flip: bool) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    a, b = WIRE / gold["a"], WIRE / gold["b"]
    truth = {(i, j) for g in gold["groups"] for i in g["a"] for j in g["b"]}
    optional = {(o["a"], o["b"]) for o in gold.get("optional", [])}
    if flip:
        a, b = b, a
        truth = {(j, i) for i, j in truth}
        optional = {(j, i) for i, j in optional}
    got, _ = predicted_links(a, b)
    got -= optional
    assert f1(got, truth) == 1.0
    assert got == truth


# Pairs that are not versions of each other: independent reports of one event, and
# two stories of one agency (another event of the same kind, the next day's follow-up).
def not_copies(path: Path) -> bool:
    return path.stem in ("wire-outage", "wire-outage-brief", "wire-trial") or any(
        role in path.stem for role in ("samesubject", "followup", "rival", "background")
    )


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.stem for p in GOLDS])
def test_versions_are_related_and_stories_are_not(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for a, b in ((gold["a"], gold["b"]), (gold["b"], gold["a"])):
        _, related = predicted_links(WIRE / a, WIRE / b)
        assert related != not_copies(gold_path)


@pytest.mark.parametrize(("open_mark", "close_mark"), [("‘", "’"), ("'", "'")])
def test_independent_reports_quoting_in_single_marks_stay_unrelated(open_mark: str, close_mark: str) -> None:
    # British style (the Daily Mail, several UK papers) puts quotations in single marks.
    def british(name: str) -> list[str]:
        (article,), _ = load_file(WIRE / name)
        texts = [p.text.replace("“", '"').replace("”", '"') for p in article.paragraphs]
        out = []
        for text in texts:
            parts = text.split('"')
            out.append(
                "".join(
                    part + (open_mark if k % 2 == 0 else close_mark) if k < len(parts) - 1 else part
                    for k, part in enumerate(parts)
                )
            )
        return out

    a, b = british("outage-ap.txt"), british("outage-brief.txt")
    assert any(open_mark + "We sincerely" in p for p in b)
    for x, y in ((a, b), (b, a)):
        result = align(x, y)
        assert not result.related
        assert result.links == set()
