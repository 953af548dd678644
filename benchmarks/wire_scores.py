"""Alignment scores on the hand-made wire pairs of tests/data/wire, per language.

Each gold file names two articles and the links between their paragraphs (see
tests/data/wire/*/gold). Every pair is aligned in both directions and scored
link by link, as ../shared/eval/score_alignment.py scores the seeds; pairs that
are different stories also say whether the reader called them related.

    python3 benchmarks/wire_scores.py [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.compare import compare  # noqa: E402
from reader.core.loading import load_file  # noqa: E402

WIRE = ROOT / "tests" / "data" / "wire"
_FOLD = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "}
)


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).lower().split())


def gold_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def locate(paragraphs: list[str], lines: list[str]) -> list[set[int]]:
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
        if not needle or pos < 0:
            out.append(set())
            continue
        end = pos + len(needle)
        out.append({k for k, (s, e) in enumerate(spans) if s < end and pos < e})
        cursor = end
    return out


def golds() -> list[Path]:
    return sorted(WIRE.glob("gold/*.json")) + sorted(WIRE.glob("*/gold/*.json"))


def language_of(path: Path) -> str:
    return path.parent.parent.name if path.parent.parent != WIRE else "en (older)"


def score(gold_path: Path, flip: bool) -> tuple[set, set, set, bool]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    a_path, b_path = WIRE / gold["a"], WIRE / gold["b"]
    truth = {(i, j) for g in gold["groups"] for i in g["a"] for j in g["b"]}
    optional = {(o["a"], o["b"]) for o in gold.get("optional", [])}
    if flip:
        a_path, b_path = b_path, a_path
        truth = {(j, i) for i, j in truth}
        optional = {(j, i) for i, j in optional}
    (a,), _ = load_file(a_path)
    (b,), _ = load_file(b_path)
    comparison = compare(a, b)
    where_a = locate([p.text for p in a.paragraphs], gold_lines(a_path))
    where_b = locate([p.text for p in b.paragraphs], gold_lines(b_path))
    got = {
        (x, y) for g in comparison.groups for i in g.a for j in g.b for x in where_a[i] for y in where_b[j]
    }
    return got - optional, truth, optional, comparison.summary.related


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="print every pair's wrong and missed links"
    )
    args = parser.parse_args()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in golds():
        lang = language_of(path)
        for flip in (False, True):
            got, truth, _, related = score(path, flip)
            tp, fp, fn = len(got & truth), len(got - truth), len(truth - got)
            for k, v in enumerate((tp, fp, fn)):
                totals[lang][k] += v
                totals["all"][k] += v
            if args.verbose and (fp or fn):
                name = path.stem + (" (reversed)" if flip else "")
                print(f"{name}: related={related} wrong {sorted(got - truth)} missed {sorted(truth - got)}")
    print(f"{'set':12} {'P':>6} {'R':>6} {'F1':>6}  right wrong missed")
    for lang, (tp, fp, fn) in sorted(totals.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang:12} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:5} {fp:5} {fn:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
