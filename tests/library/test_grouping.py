"""Story grouping on template-heavy folders: candidates exact with respect to the rule
(prefix filtering), the vectorised grouping equal to the pair-by-pair contract, and
`similar` (s) agreeing with `stories` (g) above the story threshold."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.library.candidates import all_pairs, prefix
from reader.library.fingerprint import body_fingerprint, sampled_shingles, stop_limit
from reader.library.grouping import (
    LINK,
    MIN_SHARED,
    _collapse_verbatim,
    _components,
    _rule,
    examined,
    group,
    linked,
    stock,
    weight,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from template_corpus import Desks, lightly_edited


def _template_folder(n: int, seed: int = 4) -> tuple[list[list[str]], list[int]]:
    """n articles of desk copy from shared templates: stories of 2-6 lightly edited or
    trimmed copies, and unrelated reports; returns (paragraphs, story of each)."""
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = list(
        dict.fromkeys("".join(rnd.choice(letters) for _ in range(rnd.randint(4, 9))) for _ in range(9000))
    )
    desks = Desks(rnd, vocab)
    texts: list[list[str]] = []
    truth: list[int] = []
    while len(texts) < n:
        desk = rnd.choice(["markets", "sports", "weather"])
        paras = desks.paragraphs(desk, rnd.randint(6, 14))
        if rnd.random() < 0.3:
            story = len(texts) + 1
            texts.append(paras)
            truth.append(story)
            for _ in range(rnd.randint(1, 5)):
                texts.append(lightly_edited(rnd, desks, vocab[:2000], paras))
                truth.append(story)
        else:
            texts.append(paras)
            truth.append(-len(texts))
    # Shuffled: a story's copies far apart in the folder, as scraped archives have them.
    order = list(range(len(texts)))
    rnd.shuffle(order)
    return [texts[i] for i in order], [truth[i] for i in order]


def _arrays(texts: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]:
    sketches = [np.array(sampled_shingles(t), dtype=np.uint32) for t in texts]
    samples = np.array([len(s) for s in sketches], dtype=np.int64)
    fingerprints = np.array([body_fingerprint(t) for t in texts], dtype=np.int64)
    return samples, fingerprints, np.concatenate(sketches), sketches


def _pair_by_pair(
    samples: np.ndarray, fingerprints: np.ndarray, sketches: list[np.ndarray], candidates: bool = True
) -> np.ndarray:
    """The grouping as the contract states it, one article and pair at a time: with
    ``candidates``, each article's prefix looked up in the postings; without, every pair."""
    n = len(sketches)
    rep = _collapse_verbatim(samples, fingerprints)
    reps = [i for i in range(n) if rep[i] == i]
    df: dict[int, int] = {}
    for s in sketches:  # all articles, verbatim copies included, as the postings count them
        for h in s.tolist():
            df[h] = df.get(h, 0) + 1
    holders: dict[int, set[int]] = {}
    for i in reps:
        for h in sketches[i].tolist():
            holders.setdefault(h, set()).add(i)
    stop = stop_limit(n)
    a_df = {i: np.array([df[h] for h in sketches[i].tolist()]) for i in reps}
    assert np.array_equal(stock(np.array([stop, stop + 1]), n), [False, True])
    if candidates:
        pairs = {
            (a, b) for a in reps for h in prefix(sketches[a], a_df[a], stop).tolist() for b in holders[h]
        }
    else:
        pairs = {(a, b) for a in reps for b in reps}
    edges = [
        (a, b) for a, b in sorted(pairs) if a != b and linked(sketches[a], a_df[a], sketches[b], stop)[0]
    ]
    return _components(n, np.array(edges, dtype=np.int64).reshape(-1, 2))[rep]


def _pairwise(labels: np.ndarray, truth: list[int]) -> tuple[float, float]:
    """Pairwise (precision, recall) of the labels against the truth."""
    t = np.array(truth)
    same_label = labels[:, None] == labels[None, :]
    same_story = t[:, None] == t[None, :]
    upper = np.triu(np.ones_like(same_label), 1)
    hits = np.count_nonzero(same_label & same_story & upper)
    together, true_pairs = np.count_nonzero(same_label & upper), np.count_nonzero(same_story & upper)
    return hits / max(1, together), hits / max(1, true_pairs)


def test_vectorised_grouping_gives_the_links_of_the_pair_by_pair_contract() -> None:
    texts, truth = _template_folder(400)
    texts += [texts[0], texts[5]]  # verbatim copies count in the frequencies, as in the postings
    truth += [truth[0], truth[5]]
    samples, fingerprints, hashes, sketches = _arrays(texts)
    labels = group(samples, fingerprints, hashes)
    assert np.array_equal(labels, _pair_by_pair(samples, fingerprints, sketches))
    assert _pairwise(labels, truth)[1] >= 0.95


def test_the_candidates_miss_no_link_of_the_rule() -> None:
    """Prefix filtering is exact: verifying every pair of the folder finds no more links."""
    texts, _ = _template_folder(160, seed=3)
    samples, fingerprints, _, sketches = _arrays(texts)
    assert np.array_equal(
        _pair_by_pair(samples, fingerprints, sketches),
        _pair_by_pair(samples, fingerprints, sketches, candidates=False),
    )


def test_an_article_linked_to_holds_a_sample_of_its_prefix() -> None:
    rnd = np.random.default_rng(2)
    stop = stop_limit(1000)
    for _ in range(300):
        a = np.sort(rnd.choice(2**20, rnd.integers(1, 60), replace=False).astype(np.uint32) * 4)
        a_df = rnd.choice([1, 2, 3, 40, 80, 300, 900, 5000], len(a))
        b = np.sort(rnd.choice(a, rnd.integers(0, len(a) + 1), replace=False))
        if linked(a, a_df, b, stop)[0]:
            assert np.isin(prefix(a, a_df, stop), b).any()
    # The commonest samples weigh least: they are the ones left out of the prefix.
    a = np.arange(4, 84, 4, dtype=np.uint32)
    a_df = np.array([900] * 10 + [1] * 10)
    assert prefix(a, a_df, stop).tolist() == a[10:17].tolist()
    assert len(prefix(a[: MIN_SHARED - 1], a_df[: MIN_SHARED - 1], stop)) == 0
    assert weight(np.array([900]))[0] < weight(np.array([1]))[0]
    assert len(examined(a_df, stop)) == 20


def test_a_short_report_sharing_a_few_common_phrases_is_not_a_copy() -> None:
    """Half of a short desk report's uncommon samples (a date, a team, a figure) are held
    by many an unrelated report; a copy holds the whole report, stock phrases included."""
    stop = stop_limit(10_000)
    a = np.arange(4, 36, 4, dtype=np.uint32)
    assert not linked(a, np.full(8, 100), a[:4], stop)[0]
    assert linked(a, np.full(8, 100), a, stop)[0]
    # Five uncommon samples among twenty stock phrases: all five held is a copy only
    # if the stock phrases are held too.
    report = np.arange(4, 104, 4, dtype=np.uint32)
    report_df = np.array([100] * 5 + [5000] * 20)
    assert linked(report, report_df, report, stop)[0]
    assert not linked(report, report_df, report[:5], stop)[0]


def test_all_pairs_are_the_prefixes_looked_up_article_by_article() -> None:
    texts, _ = _template_folder(200, seed=5)
    _, _, hashes, sketches = _arrays(texts)
    stop = stop_limit(len(sketches))
    holders: dict[int, set[int]] = {}
    for i, s in enumerate(sketches):
        for h in s.tolist():
            holders.setdefault(h, set()).add(i)
    expected = set()
    for i, s in enumerate(sketches):
        a_df = np.array([len(holders[h]) for h in s.tolist()])
        pre = prefix(s, a_df, stop)
        at = examined(a_df, stop)
        w, total = weight(a_df[at]), int(weight(a_df[at]).sum())
        rest = ~np.isin(s[at], pre)
        for b in {b for h in pre.tolist() for b in holders[h] if b != i}:
            # Dropped only if b could not link even holding all of a's samples after the prefix.
            held = np.isin(s[at], sketches[b]) & ~rest
            best = int(w[held | rest].sum())
            if _rule(int((held | rest).sum()), best, total):
                expected.add((i, b))
    found = all_pairs(np.array([len(s) for s in sketches]), hashes, stop)
    assert {tuple(p) for p in found.tolist()} == expected
    assert len(found) == len(expected)


def test_the_prefix_is_fixed_numbers() -> None:
    """The Spark job's workers compute the same prefix: no per-process hash seed, ties by hash."""
    a = np.array([4, 8, 12, 16, 400, 4000], dtype=np.uint32)
    a_df = np.array([7, 3, 3, 900, 1, 7])
    assert prefix(a, a_df, 1000).tolist() == [400]
    assert prefix(a.astype(np.int64), a_df, 1000).tolist() == [400]


def test_stories_group_every_pair_similar_ranks_above_the_story_threshold(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    texts, _ = _template_folder(300, seed=7)
    for i, paras in enumerate(texts):
        (folder / f"{i:04d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    with Library.open(folder) as lib:
        lib.refresh(workers=1)
        story_of = {m.id: s.story_id for s in lib.stories() for m in s.members}
        above = 0
        for row in lib.rows():
            for match in lib.similar(row.id, limit=50):
                if match.score >= LINK:
                    above += 1
                    assert story_of[match.row.id] == story_of[row.id], (row.rel, match.row.rel, match.score)
    assert above > 100


def test_a_large_folder_built_and_joined_in_slices_gives_the_same_stories(monkeypatch) -> None:
    """A million articles are built, expanded and verified a slice at a time; the slices'
    edges (an article never cut, a slice of one article longer than the limit) change
    nothing. Small limits here make a test folder take hundreds of slices."""
    import reader.library.candidates as candidates
    import reader.library.grouping as grouping

    texts, _ = _template_folder(300, seed=6)
    texts += [texts[3], texts[3], texts[40]]  # verbatim copies: squeezed out of the samples
    samples, fingerprints, hashes, sketches = _arrays(texts)
    whole = group(samples, fingerprints, hashes)
    pairs = all_pairs(samples, hashes, stop_limit(len(texts)))
    kept = hashes.copy()
    monkeypatch.setattr(candidates, "_SLICE", 37)
    monkeypatch.setattr(candidates, "_ROUND", 64)
    monkeypatch.setattr(grouping, "_ROUND", 3)
    sliced_pairs = all_pairs(samples, hashes, stop_limit(len(texts)))
    assert {tuple(p) for p in sliced_pairs.tolist()} == {tuple(p) for p in pairs.tolist()}
    assert np.array_equal(group(samples, fingerprints, hashes), whole)
    assert np.array_equal(hashes, kept)  # the caller's samples are left as they were
    scratch = hashes.copy()
    assert np.array_equal(group(samples, fingerprints, scratch, scratch=True), whole)
    assert np.array_equal(whole, _pair_by_pair(samples, fingerprints, sketches))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_folders_group_as_the_pair_by_pair_contract_in_any_slices(data) -> None:
    """Empty sketches, verbatim copies, articles of stock phrases only, slices of one
    article: the sliced build gives the contract's links."""
    import reader.library.candidates as candidates
    import reader.library.grouping as grouping

    n = data.draw(st.integers(1, 40))
    universe = data.draw(st.integers(4, 60))
    sketches = [
        np.array(sorted(data.draw(st.sets(st.integers(0, universe), max_size=30))), dtype=np.uint32) * 4
        for _ in range(n)
    ]
    samples = np.array([len(s) for s in sketches], dtype=np.int64)
    fingerprints = np.array([data.draw(st.integers(0, 3)) for _ in range(n)], dtype=np.int64)
    fingerprints = np.where(samples > 0, fingerprints * 1000 + samples, np.arange(n) + 10**6)
    hashes = np.concatenate(sketches) if n else np.zeros(0, dtype=np.uint32)
    expected = _pair_by_pair(samples, fingerprints, sketches)
    old = candidates._SLICE, candidates._ROUND, grouping._ROUND
    try:
        candidates._SLICE = data.draw(st.integers(1, 50))
        candidates._ROUND = data.draw(st.integers(4, 80))
        grouping._ROUND = data.draw(st.integers(1, 10))
        assert np.array_equal(group(samples, fingerprints, hashes), expected)
    finally:
        candidates._SLICE, candidates._ROUND, grouping._ROUND = old
