"""Copies of a story (`similar`) and the grouping of a folder into stories."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.loading import article_from_text, load_file
from reader.core.sentences import keys
from reader.core.shingles import text_shingles
from reader.library import Library
from reader.library.fingerprint import SAMPLE, folded_words, sampled_shingles
from reader.library.grouping import group, members

from .conftest import COPY, OTHER, SEEDS, WIRE

APPEAL = (
    "A Message from The Example Times:\n\nDear readers,\n\nWe are facing unprecedented challenges. "
    "Your support, no matter how small, makes a world of difference. If you can, please support us "
    "monthly starting from just $2.\n\nRemind me later."
)
STOCK = [
    "The ministry did not immediately respond to a request for comment.",
    "Police said an investigation was under way.",
    "The story has been updated with more details.",
    "It was not immediately clear how many people were affected.",
]


def _paragraphs(name: str) -> list[str]:
    (article,), _ = load_file(SEEDS / name)
    return [p.text for p in article.body]


def _versions(folder: Path) -> dict[str, int]:
    """Versions of the AFP seed as outlets publish them, the independent write-up, and
    unrelated briefs sharing stock sentences; returns the truth {file: story}."""
    rnd = random.Random(3)
    wire = _paragraphs(WIRE)
    lead = "SEOUL (AFP) : "
    variants = {
        "trimmed.txt": wire[:6],  # the first six paragraphs only
        "merged.txt": [wire[0] + " " + wire[1], *wire[2:9]],
        "quotes.txt": [p.replace("“", '"').replace("”", '"').replace("’", "'") for p in wire[:12]],
        "appeal.txt": [*wire[:10], APPEAL],
        "edited.txt": [" ".join(w if rnd.random() > 0.06 else "reportedly" for w in p.split()) for p in wire],
        "dateline.txt": [lead + wire[0], *wire[1:8]],
    }
    truth = {}
    for name, paras in variants.items():
        (folder / name).write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        truth[name] = 1
    truth[WIRE] = truth[COPY] = 1
    truth[OTHER] = 2
    for i in range(6):
        words = [f"brief{i}word{j}" for j in range(30)]
        body = " ".join(words[:15]) + ". " + rnd.choice(STOCK) + " " + " ".join(words[15:]) + "."
        (folder / f"brief{i}.txt").write_text(body + "\n\n" + STOCK[i % len(STOCK)] + "\n", encoding="utf-8")
        truth[f"brief{i}.txt"] = 10 + i
    return truth


def test_similar_ranks_the_copy_first_and_the_other_write_up_low(folder: Path) -> None:
    with Library.open(folder) as lib:
        lib.refresh()
        rows = {r.rel: r for r in lib.rows()}
        matches = lib.similar(rows[WIRE])
        assert [m.row.rel for m in matches] == [COPY, OTHER]
        assert matches[0].score > 0.7
        assert matches[1].score < 0.2
        # By id, by row, or by an article loaded from the file: the same answer, itself left out.
        assert lib.similar(rows[WIRE].id) == matches
        (article,), _ = load_file(folder / WIRE)
        assert lib.similar(article) == matches
        assert lib.similar(rows[COPY])[0].row.rel == WIRE
        assert len(lib.similar(rows[WIRE], limit=1)) == 1


def test_similar_for_an_article_outside_the_folder(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("\n\n".join(_paragraphs(COPY)[:5]) + "\n", encoding="utf-8")
    (article,), _ = load_file(outside)
    with Library.open(folder) as lib:
        lib.refresh()
        matches = lib.similar(article)
    assert [m.row.rel for m in matches[:2]] == [COPY, WIRE]
    assert matches[0].score > 0.9


def test_similar_with_nothing_shared(folder: Path) -> None:
    article = article_from_text("Completely unrelated words about gardening tomatoes in spring rain.")
    assert article is not None
    with Library.open(folder) as lib:
        lib.refresh()
        assert lib.similar(article) == []


def test_stories_group_the_copy_and_leave_the_other_write_up_alone(folder: Path) -> None:
    with Library.open(folder) as lib:
        lib.refresh()
        stories = lib.stories()
    assert [[m.rel for m in s.members] for s in stories] == [[WIRE, COPY], [OTHER]]
    assert [s.story_id for s in stories] == [1, 2]
    assert stories[0].original.agency == "AFP"  # the likely original: the agency's dateline
    assert stories[0].paths == [folder / WIRE, folder / COPY]


def test_stories_of_edited_versions_and_stock_phrases(folder: Path) -> None:
    truth = _versions(folder)
    with Library.open(folder) as lib:
        lib.refresh()
        stories = lib.stories()
    found = {m.rel: s.story_id for s in stories for m in s.members}
    assert set(found) == set(truth)
    groups: dict[int, set[str]] = {}
    for name, story in truth.items():
        groups.setdefault(story, set()).add(name)
    assert sorted(sorted(m.rel for m in s.members) for s in stories) == sorted(
        sorted(g) for g in groups.values()
    )
    assert stories[0].original.rel == WIRE


def test_stories_follow_changes_of_the_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Library.open(folder) as lib:
        lib.refresh()
        first = lib.stories()
        with monkeypatch.context() as patch:  # the second answer comes from the index
            patch.setattr(Library, "_group", lambda self, conn: pytest.fail("grouped again"))
            assert lib.stories() == first
        with Library.open(folder) as other:  # and so does another process's
            monkeypatch.setattr(Library, "_group", lambda self, conn: pytest.fail("grouped again"))
            assert other.stories() == first
            monkeypatch.undo()
        (folder / "copy-of-other.txt").write_text(
            (folder / OTHER).read_text(encoding="utf-8"), encoding="utf-8"
        )
        lib.refresh()
        assert sorted(len(s.members) for s in lib.stories()) == [2, 2]
        (folder / COPY).unlink()
        lib.refresh()
        assert sorted(len(s.members) for s in lib.stories()) == [1, 2]


def test_grouping_collapses_verbatim_copies_and_ignores_shared_stock_phrases() -> None:
    rnd = np.random.default_rng(1)
    story = np.sort(rnd.choice(2**32 // SAMPLE, 60, replace=False).astype(np.uint32) * SAMPLE)
    stock = story[:2]  # two samples every article below holds
    others = [
        np.union1d(stock, rnd.choice(2**32 // SAMPLE, 40, replace=False).astype(np.uint32) * SAMPLE)
        for _ in range(5)
    ]
    sketches = [story, story.copy(), story[:30], *others, np.zeros(0, dtype=np.uint32)]
    samples = np.array([len(s) for s in sketches])
    fingerprints = np.array([7, 7, 8, 1, 2, 3, 4, 5, 0])
    labels = group(samples, fingerprints, np.concatenate(sketches).astype(np.uint32))
    assert [sorted(m) for m in members(labels)] == [[0, 1, 2], [3], [4], [5], [6], [7], [8]]


def test_grouping_an_empty_folder() -> None:
    empty = np.zeros(0, dtype=np.int64)
    assert members(group(empty, empty, np.zeros(0, dtype=np.uint32))) == []


@given(st.text(max_size=300))
def test_folded_words_are_the_cores_comparison_keys(text: str) -> None:
    assert folded_words(text) == keys(text)


def test_sampled_shingles_are_a_sorted_sample() -> None:
    paras = _paragraphs(WIRE)
    hashes = list(sampled_shingles(paras))
    assert hashes == sorted(set(hashes))
    assert all(h % SAMPLE == 0 for h in hashes)
    # About one shingle in SAMPLE is kept; a trimmed copy keeps a subset.
    words = sum(len(folded_words(p)) for p in paras)
    assert words / SAMPLE / 2 < len(hashes) < words / SAMPLE * 2
    assert set(sampled_shingles(paras[:4])) <= set(hashes)
    assert set(hashes) <= text_shingles(paras)  # the core's shingles, sampled
