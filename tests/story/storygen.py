"""Generated stories: a base article and copies made from it by known edits,
each copy with the status every base paragraph must get in the story matrix.

Copy desks trim the ending, cut a paragraph, merge two, split one, move one,
rewrite a few words, retype quotes, add a paragraph of context and append a
donation appeal. Each copy gets a random handful of those on paragraphs that
stand apart (an untouched paragraph between any two edits), so that every
expected status is unambiguous. Used by the tests and by
benchmarks/bench_story.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.story import Status

COMMON = (
    "the of and to in a is that for on was with as by at from said it its be has have were "
    "which but not are an this after had been would their also more than who will they over"
).split()

LEAD = "GENEVA (AFP) – "  # the wire's dateline: the base has it, copies drop it
OUTLETS = ("The Daily Example", "Metro Courier", "The Evening Ledger", "Harbour Post", "Valley Times")
APPEAL = [
    "A Message from {outlet}:",
    "Dear readers,",
    "We are facing unprecedented challenges. Your support, no matter how small, makes a world of "
    "difference. If you can, please support us monthly starting from just $2.",
    "Remind me later.",
]


def _word(rnd: random.Random) -> str:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    syllables = rnd.randint(2, 4)
    return "".join(rnd.choice(consonants) + rnd.choice(vowels) for _ in range(syllables)) + rnd.choice(
        ["", "n", "s", "r", "t"]
    )


class Vocabulary:
    """Made-up content words between common English ones, Zipf-like, as in prose."""

    def __init__(self, rnd: random.Random, size: int = 4000) -> None:
        self.rnd = rnd
        words: set[str] = set()
        while len(words) < size:
            words.add(_word(rnd))
        self.words = sorted(words)

    def sentence(self, quotes: bool = False) -> str:
        rnd = self.rnd
        n = rnd.randint(12, 26)
        ws = [rnd.choice(COMMON) if rnd.random() < 0.4 else rnd.choice(self.words) for _ in range(n)]
        ws[0] = ws[0].capitalize()
        if quotes:
            k = rnd.randrange(1, n - 4)
            ws[k] = "“" + ws[k]
            ws[k + 3] = ws[k + 3] + ",”"
        return " ".join(ws) + "."


@dataclass
class Copy:
    paragraphs: list[str]
    expected: dict[int, Status]  # base paragraph -> status
    added: list[tuple[int, Status]] = field(default_factory=list)  # (after base paragraph, status)
    edits: list[str] = field(default_factory=list)  # what was done, for failure messages


@dataclass
class StoryCase:
    base: list[str]
    copies: list[Copy]

    def write(self, folder: Path) -> tuple[Path, list[Path]]:
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / "base.txt"
        base.write_text(LEAD + "\n\n".join(self.base) + "\n", encoding="utf-8")
        paths = []
        for k, copy in enumerate(self.copies):
            path = folder / f"copy{k:02d}.txt"
            path.write_text("\n\n".join(copy.paragraphs) + "\n", encoding="utf-8")
            paths.append(path)
        return base, paths


def make_base(vocab: Vocabulary, words: int) -> list[list[str]]:
    """Paragraphs as lists of sentences, about ``words`` words in all."""
    paras: list[list[str]] = []
    total = 0
    while total < words:
        para = [vocab.sentence(quotes=vocab.rnd.random() < 0.35) for _ in range(vocab.rnd.randint(1, 3))]
        total += sum(len(s.split()) for s in para)
        paras.append(para)
    return paras


EDITS = ("cut", "merge", "split", "move", "words", "quotes", "context")


def make_copy(rnd: random.Random, vocab: Vocabulary, base: list[list[str]], edits: int) -> Copy:
    n = len(base)
    trim = rnd.choice([0, 0, 2, 3])
    last = n - trim  # paragraphs [last, n) are trimmed
    expected = {i: Status.KEPT for i in range(n)}
    for i in range(last, n):
        expected[i] = Status.CUT
    # Where each base paragraph goes: a list of (key, text) in the copy's order.
    taken: set[int] = set()
    plan: dict[int, str] = {}
    targets: dict[int, int] = {}  # moved paragraph -> the base paragraph it now follows or precedes
    done: list[str] = []

    def free(i: int, span: int = 1) -> bool:
        return all(0 < j < last - 1 and not {j - 1, j, j + 1} & taken for j in range(i, i + span))

    for _ in range(edits):
        kind = rnd.choice(EDITS)
        for _attempt in range(30):
            i = rnd.randrange(1, max(2, last - 1))
            span = 2 if kind == "merge" else 1
            if not free(i, span):
                continue
            if kind == "split" and len(base[i]) < 2:
                continue
            if kind == "quotes" and not any("“" in s for s in base[i]):
                continue
            if kind == "move":
                # Eight or more paragraphs on (or back), next to a kept one: clearly out of order.
                far = [j for j in range(1, last - 1) if abs(j - i) >= 8 and not {j - 1, j, j + 1} & taken]
                if not far:
                    continue
                targets[i] = rnd.choice(far)
                taken.add(targets[i])
            taken.update(range(i, i + span))
            plan[i] = kind
            done.append(f"{kind} {i}")
            break
    paras: list[tuple[str, str]] = []  # (tag, text)
    moves: list[tuple[int, str]] = []
    added: list[tuple[int, Status]] = []
    i = 0
    while i < last:
        kind = plan.get(i)
        text = " ".join(base[i])
        if kind == "cut":
            expected[i] = Status.CUT
        elif kind == "merge":
            paras.append(("body", text + " " + " ".join(base[i + 1])))
            expected[i] = expected[i + 1] = Status.MERGED
            i += 1
        elif kind == "split":
            paras.append(("body", base[i][0]))
            paras.append(("body", " ".join(base[i][1:])))
            expected[i] = Status.SPLIT
        elif kind == "move":
            moves.append((i, text))
            expected[i] = Status.MOVED
        elif kind == "words":
            s = max(range(len(base[i])), key=lambda k: len(base[i][k]))
            ws = base[i][s].split()
            for k in rnd.sample(range(1, len(ws) - 1), 2):
                ws[k] = next(w for w in iter(lambda: rnd.choice(vocab.words), None) if w != ws[k])
            paras.append(("body", " ".join([*base[i][:s], " ".join(ws), *base[i][s + 1 :]])))
            expected[i] = Status.EDITED
        elif kind == "quotes":
            paras.append(("body", text.replace("“", '"').replace("”", '"')))
            expected[i] = Status.TYPOGRAPHY
        elif kind == "context":
            paras.append(("body", text))
            fresh = Vocabulary(random.Random(rnd.random()), size=800)
            paras.append(("added", " ".join(fresh.sentence() for _ in range(2))))
            added.append((i, Status.ADDED))
        else:
            paras.append(("body", text))
        i += 1
    for i, text in moves:
        target = targets[i]
        pos = _position_of(paras, base, target, plan)
        paras.insert(pos + (1 if target > i else 0), ("body", text))
    texts = [t for _, t in paras]
    if rnd.random() < 0.5:
        outlet = rnd.choice(OUTLETS)
        texts += [line.format(outlet=outlet) for line in APPEAL]
        added.append((n - 1, Status.BOILERPLATE))
    return Copy(paragraphs=texts, expected=expected, added=added, edits=done)


def _position_of(
    paras: list[tuple[str, str]], base: list[list[str]], target: int, plan: dict[int, str]
) -> int:
    """Index in ``paras`` of the copy paragraph that holds base paragraph ``target``."""
    head = base[target][0]
    for k, (_, text) in enumerate(paras):
        if text.startswith(head) or text.startswith(head.replace("“", '"').replace("”", '"')):
            return k
    raise AssertionError(f"base paragraph {target} not in the copy ({plan.get(target)})")


def make_story(seed: int, copies: int = 10, words: int = 1000, edits: int = 5) -> StoryCase:
    rnd = random.Random(seed)
    vocab = Vocabulary(rnd)
    base = make_base(vocab, words)
    return StoryCase(
        base=[" ".join(p) for p in base],
        copies=[make_copy(rnd, vocab, base, edits) for _ in range(copies)],
    )
