"""Folders of articles for the index tests, with the user cache inside tmp_path."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
WIRE = "002_990fca62850f33f5.txt"  # the AFP original
COPY = "003_574f2177cef51eb0.txt"  # its republication by The Moscow Times
OTHER = "000_4f549e9bf7ce5619.txt"  # an independent write-up of the same news


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test writes into the real home: the index goes under tmp_path."""
    path = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(path))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of seeds/ that tests may change."""
    path = tmp_path / "articles"
    shutil.copytree(SEEDS, path)
    return path


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under a folder with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


_SYLLABLES = (
    "ka",
    "lo",
    "mer",
    "tis",
    "va",
    "dun",
    "re",
    "pol",
    "si",
    "ent",
    "ga",
    "hor",
    "bi",
    "nu",
    "chel",
)


def write_articles(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` articles of made-up words, each its own story: a title and four
    paragraphs, written for these tests (no published text)."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)

    def word() -> str:
        return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(1, 3)))

    def sentence() -> str:
        return " ".join(word() for _ in range(rnd.randint(8, 16))).capitalize() + "."

    paths = []
    for n in range(count):
        title = " ".join(word() for _ in range(6)).capitalize()
        paragraphs = [" ".join(sentence() for _ in range(3)) for _ in range(4)]
        path = folder / f"article-{n:05d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
