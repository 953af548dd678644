"""Same answer every time: the output never depends on Python's per-process string hash.

Each command runs in subprocesses with different ``PYTHONHASHSEED`` values on pairs built
to have many ties (sentences that recur, candidates with equal votes), where iterating a
set of strings would change which sentence pairs with which."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = ("0", "1", "2", "123")

FRAMES = [
    "The council said the {w} plan would be reviewed on {d} after the {x} report.",
    "Le conseil a indiqué que le plan {w} serait réexaminé {d} après le rapport {x}.",
    "El consejo dijo que el plan de {w} se revisaría el {d} tras el informe {x}.",
]
WORDS = ["water", "road", "school", "tax", "power", "rail", "port"]
DAYS = ["Monday", "Friday", "lundi", "viernes"]
EXTRA = ["first", "final", "second", "provisional"]


def _texts(seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    sentences = [f.format(w=w, d=d, x=x) for f in FRAMES for w in WORDS for d in DAYS for x in EXTRA]
    a = [" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4))) for _ in range(400)]
    b = []
    for k, paragraph in enumerate(a):
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.3:
            paragraph = paragraph.replace("reviewed", "examined", 1).replace("plan", "scheme", 1)
        if roll > 0.9 and k + 1 < len(a):
            paragraph += " " + a[k + 1]
        b.append(paragraph)
    return "\n\n".join(a) + "\n", "\n\n".join(b) + "\n"


def _run(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "reader.cli", *args], env=env, capture_output=True).stdout


@pytest.mark.parametrize("command", [["align", "--json"], ["stats", "--json"], ["diff", "--color", "never"]])
def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path, command: list[str]) -> None:
    a_text, b_text = _texts(7)
    (tmp_path / "a.txt").write_text(a_text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b_text, encoding="utf-8")
    args = [command[0], str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), *command[1:]]
    outputs = {seed: _run(args, seed) for seed in SEEDS}
    assert outputs["0"]
    assert all(out == outputs["0"] for out in outputs.values())


def test_story_and_list_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    a_text, b_text = _texts(11)
    for name, text in (("a.txt", a_text), ("b.txt", b_text), ("c.txt", b_text.replace("council", "board"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    for args in (["story", *files, "--json"], ["list", str(tmp_path), "--json"]):
        outputs = {seed: _run(args, seed) for seed in SEEDS}
        assert outputs["0"]
        assert all(out == outputs["0"] for out in outputs.values())
