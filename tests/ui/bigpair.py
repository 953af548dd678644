"""Long article pairs built from the seed text, with the edits wire copies get."""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

APPEAL = [
    "A Message from The Moscow Times:",
    "Dear readers,",
    "We are facing unprecedented challenges. Your support, no matter how small, makes a world of difference.",
    "Remind me later.",
]


def seed_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts = text.split("\n\n") if "\n\n" in text else text.split("\n")
        paragraphs.extend(p.strip() for p in parts if len(p.split()) > 12)
    return paragraphs


def make_pair(folder: Path, words: int, seed: int = 7) -> tuple[Path, Path]:
    """Write ``a.txt`` (about ``words`` words) and ``b.txt``, an edited copy, into ``folder``."""
    rng = random.Random(seed)
    pool = seed_paragraphs()
    a: list[str] = []
    count = 0
    serial = 0
    while count < words:
        serial += 1
        base = rng.choice(pool).split()
        # Make every paragraph distinct, as in a long real article.
        base.insert(rng.randrange(len(base)), f"(item {serial})")
        paragraph = " ".join(base)
        a.append(paragraph)
        count += len(base)
    b: list[str] = []
    i = 0
    while i < len(a):
        roll = rng.random()
        if roll < 0.05 and i + 1 < len(a):  # merge two paragraphs
            b.append(a[i] + " " + a[i + 1])
            i += 2
            continue
        if roll < 0.08:  # drop a paragraph
            i += 1
            continue
        words_ = a[i].split()
        if roll < 0.35:  # edit a few words
            for _ in range(rng.randint(1, 3)):
                words_[rng.randrange(len(words_))] = rng.choice(["reportedly", "officials", "Monday", "its"])
        if roll > 0.9:  # straighten quotes only
            b.append(" ".join(words_).replace("’", "'").replace("“", '"').replace("”", '"'))
        else:
            b.append(" ".join(words_))
        i += 1
    b = b[: int(len(b) * 0.97)] + APPEAL  # trimmed ending, appeal appended
    path_a, path_b = folder / "a.txt", folder / "b.txt"
    path_a.write_text("\n\n".join(a) + "\n", encoding="utf-8")
    path_b.write_text("\n\n".join(b) + "\n", encoding="utf-8")
    return path_a, path_b
