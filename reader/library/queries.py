"""Reading the index: rows, problems, the copies of an article, the folder's stories
and their cache. Each takes the connection of the calling thread; the Library runs
them so that a damaged index is rebuilt instead of failing."""

from __future__ import annotations

import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.core.loading import load_file
from reader.core.model import Article, Problem
from reader.core.original import by_originality
from reader.core.sanitize import escape_name

from . import postings, store
from .fingerprint import article_sketch, from_blob, stop_limit
from .rows import LibraryError, Match, Row, Story

if TYPE_CHECKING:
    import numpy as np

# SQLite's limit on host parameters is 32766 (999 before 3.32); stay well under.
_PARAMS = 900
_ROW_COLUMNS = (
    "id, rel, record, title, format, agency, dateline, outlet, date, url, words, paragraphs, language"
)


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def rows(conn: sqlite3.Connection, prefix: str, offset: int = 0, limit: int | None = None) -> list[Row]:
    sql = f"SELECT {_ROW_COLUMNS} FROM articles ORDER BY rel, record LIMIT ? OFFSET ?"
    params = (-1 if limit is None else limit, offset)
    path_of = store.path_of
    one = _one_of_each()
    # Inline rather than through _row(): a function call a row costs a quarter of 100k rows' time.
    return [
        Row(r[0], prefix + (rel := path_of(r[1])), rel, r[2], r[3], one(r[4], r[4]), one(r[5], r[5]),
            one(r[6], r[6]), one(r[7], r[7]), one(r[8], r[8]), r[9], r[10], r[11], one(r[12], r[12]))
        for r in conn.execute(sql, params)
    ]  # fmt: skip


def row(conn: sqlite3.Connection, prefix: str, article_id: int) -> Row | None:
    r = conn.execute(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return _row(r, prefix) if r else None


def _row(r: Sequence, prefix: str, one: Callable[[Any, Any], Any] | None = None) -> Row:
    """A row of the index from its columns (_ROW_COLUMNS); ``rel`` is kept as bytes.
    ``one`` (from :func:`_one_of_each`) shares the values many rows repeat."""
    rel = store.path_of(r[1])
    if one is None:
        return Row(r[0], prefix + rel, rel, *r[2:])
    return Row(r[0], prefix + rel, rel, r[2], r[3], one(r[4], r[4]), one(r[5], r[5]), one(r[6], r[6]),
               one(r[7], r[7]), one(r[8], r[8]), r[9], r[10], r[11], one(r[12], r[12]))  # fmt: skip


def _one_of_each() -> Callable[[Any, Any], Any]:
    """``one(value, value)``: the first equal value seen. SQLite hands out a new string
    for each row's "txt", "AFP", "en" or dateline: shared, a million rows take some
    300 MB less (the format, agency, dateline, outlet, date and language columns)."""
    return {}.setdefault


def rows_by_id(conn: sqlite3.Connection, prefix: str, ids: Iterable[int]) -> dict[int, Row]:
    out: dict[int, Row] = {}
    one = _one_of_each()
    ids = list(ids)
    for chunk in _chunks(ids, _PARAMS):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
            out[r[0]] = _row(r, prefix, one)
    return out


def state(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    return store.meta(conn, "created"), store.meta(conn, "generation")


def changes(conn: sqlite3.Connection, prefix: str, known: set[int]) -> tuple[list[Row], list[int]]:
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    new = rows_by_id(conn, prefix, ids - known)
    return [new[i] for i in sorted(new)], sorted(known - ids)


def problems(conn: sqlite3.Connection, prefix: str) -> list[Problem]:
    sql = "SELECT f.rel, p.reason FROM problems p JOIN files f ON f.id = p.file ORDER BY f.rel"
    return [Problem(Path(prefix + store.path_of(rel)), reason) for rel, reason in conn.execute(sql)]


def load(
    folder: Path,
    article_id: int,
    row: Row | None,
    since: str = "the folder was indexed",
    where: str = "the index",
) -> Article | Problem:
    """An indexed article read again from its file (``since`` and ``where`` say what
    listed it: the folder's index, or a Spark job's tables)."""
    if row is None:
        return Problem(folder, f"article {article_id} is no longer in {where}")
    path = row.path
    if not path.exists() and not path.is_symlink():
        return Problem(path, f"no longer there (moved or deleted since {since})")
    articles, problems = load_file(path)
    for article in articles:
        if article.record == row.record:
            return article
    if problems:
        return problems[0]
    if row.record is not None:
        return Problem(path, f"record {row.record} is no longer in the file (it has {len(articles)})")
    return Problem(path, "no article in the file any more")


def similar(
    conn: sqlite3.Connection,
    target: int | Row | Article,
    limit: int,
    *,
    folder: Path,
    resolved: str,
    prefix: str,
) -> list[Match]:
    """The articles sharing most text with ``target``, scored as the grouping links:
    the larger of the weighted shares of each one's examined samples held by the
    other (grouping.linked), so that a score at or above grouping.LINK (the story
    threshold) is a link of ``stories`` and a lower one is not."""
    import numpy as np  # here: the app starts without it

    own_id, hashes = _target(conn, target, folder, resolved)
    if not hashes:
        return []
    stop = _stop_limit(conn)
    df = _frequencies(conn, hashes)
    # Stock phrases held by a large share of the folder are not evidence of copying.
    used = [h for h in hashes if 0 < df.get(h, 0) <= stop]
    if not used:
        return []
    # A first ranking by the share of the smaller text held, to pick whom to score.
    found = postings.lookup(conn, used)
    held = np.concatenate([np.frombuffer(v, dtype=np.uint32) for v in found.values()])
    ids, counts = np.unique(held, return_counts=True)
    if own_id is not None:
        counts = counts[ids != own_id]
        ids = ids[ids != own_id]
    if len(ids) == 0:
        return []
    sizes: dict[int, int] = {}
    for chunk in _chunks(ids.tolist(), _PARAMS):
        marks = ",".join("?" * len(chunk))
        sizes.update(conn.execute(f"SELECT id, samples FROM articles WHERE id IN ({marks})", chunk))
    smaller = np.array([min(len(used), sizes.get(i, 0) or len(used)) for i in ids.tolist()])
    first = np.argsort(-(counts / np.maximum(smaller, 1)), kind="stable")[: max(0, limit) * 2 + 10]
    picked = ids[first].tolist()
    sketches = _sketches(conn, picked)
    a = np.array(hashes, dtype=np.int64)
    a_df = np.array([df.get(h, 0) for h in hashes])
    others = {h for sketch in sketches.values() for h in sketch.tolist()}
    df.update(_frequencies(conn, sorted(others - df.keys())))
    scored = []
    for aid in picked:
        b = sketches.get(aid)
        if b is None:
            continue
        b_df = np.array([df.get(h, 0) for h in b.tolist()])
        scored.append((max(_share(a, a_df, b, stop), _share(b, b_df, a, stop)), aid))
    rows = rows_by_id(conn, prefix, (aid for _, aid in scored))
    matches = [Match(rows[aid], score) for score, aid in scored if aid in rows and score > 0]
    matches.sort(key=lambda m: (-m.score, m.row.rel, m.row.record or 0))
    return matches[: max(0, limit)]


def _share(a: np.ndarray, a_df: np.ndarray, b: np.ndarray, stop: int) -> float:
    """grouping.linked's share of a's examined samples held by b, to three places; below
    the story threshold, whatever it is, when the pair does not link (too few samples
    shared to tell), also where rounding would lift it to the threshold."""
    from .grouping import LINK, linked

    is_linked, _, share = linked(a, a_df, b, stop)
    share = round(share, 3)
    return share if is_linked or share < LINK else LINK - 0.001


def _frequencies(conn: sqlite3.Connection, hashes: Sequence[int]) -> dict[int, int]:
    """How many articles hold each of ``hashes`` (those none holds are left out)."""
    out: dict[int, int] = {}
    for chunk in _chunks(list(hashes), _PARAMS):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT hash, length(articles) / 4 FROM postings WHERE hash IN ({marks})"
        out.update(conn.execute(sql, chunk))
    return out


def _sketches(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, np.ndarray]:
    import numpy as np

    out: dict[int, np.ndarray] = {}
    for chunk in _chunks(list(ids), _PARAMS):
        marks = ",".join("?" * len(chunk))
        for aid, blob in conn.execute(f"SELECT id, sketch FROM articles WHERE id IN ({marks})", chunk):
            out[aid] = np.array(from_blob(blob), dtype=np.int64)
    return out


def _target(
    conn: sqlite3.Connection, target: int | Row | Article, folder: Path, resolved: str
) -> tuple[int | None, list[int]]:
    if isinstance(target, Article):
        sketch, _ = article_sketch(target)
        return _indexed_id(conn, target, folder, resolved), list(sketch)
    aid = target.id if isinstance(target, Row) else int(target)
    found = conn.execute("SELECT sketch FROM articles WHERE id = ?", (aid,)).fetchone()
    if found is None:
        raise LibraryError(f"{escape_name(folder)}: article {aid} is not in the index")
    return aid, list(from_blob(found[0]))


def _indexed_id(conn: sqlite3.Connection, article: Article, folder: Path, resolved: str) -> int | None:
    """The index's id for an article loaded from a file of this folder, if it has one."""
    for base, path in (
        (os.path.abspath(folder), os.path.abspath(article.path)),
        (resolved, os.path.realpath(article.path)),
    ):
        rel = os.path.relpath(path, base)
        if rel.startswith(os.pardir + os.sep) or rel == os.pardir:
            continue
        found = conn.execute(
            "SELECT id FROM articles WHERE rel = ? AND record IS ?", (store.path_blob(rel), article.record)
        ).fetchone()
        if found:
            return found[0]
    return None


def stories(
    conn: sqlite3.Connection,
    prefix: str,
    lock: store.WriterLock,
    group: Callable[[sqlite3.Connection], list[list[int]]],
) -> list[Story]:
    # One read transaction: the rows, the cached grouping and the sketches are
    # all of the same state of the index, whatever a writer does meanwhile.
    conn.execute("BEGIN")
    try:
        generation = store.meta(conn, "generation")
        if store.meta(conn, "stories") == generation:
            cached = _cached_stories(conn, prefix)
            if cached is not None:
                return cached
        # The grouping first: its arrays are gone before the rows are built.
        found = group(conn)
        by_id = {r.id: r for r in rows(conn, prefix)}
    finally:
        if conn.in_transaction:  # not after an error SQLite ended it for
            conn.execute("COMMIT")
    stories = _ordered([[by_id[a] for a in g if a in by_id] for g in found])
    _remember(conn, lock, stories, generation)
    return stories


def _cached_stories(conn: sqlite3.Connection, prefix: str) -> list[Story] | None:
    columns = ", ".join(f"a.{c}" for c in _ROW_COLUMNS.split(", "))
    stories: list[Story] = []
    members: list[Row] = []
    current = None
    one = _one_of_each()
    for r in conn.execute(
        f"SELECT s.story, {columns} FROM story_of s JOIN articles a ON a.id = s.article"
        " ORDER BY s.story, s.position"
    ):
        if r[0] != current:
            if members:
                stories.append(Story(current, tuple(members)))  # type: ignore[arg-type]
            current, members = r[0], []
        members.append(_row(r[1:], prefix, one))
    if members:
        stories.append(Story(current, tuple(members)))  # type: ignore[arg-type]
    found = sum(len(s.members) for s in stories)
    return stories if found == conn.execute("SELECT count(*) FROM articles").fetchone()[0] else None


def group_ids(conn: sqlite3.Connection) -> list[list[int]]:
    import numpy as np

    from .grouping import group, members

    # The sketches go straight into one buffer: a million articles' samples are 300 MB,
    # and a list of their blobs joined afterwards would hold them twice.
    size = conn.execute("SELECT coalesce(sum(length(sketch)), 0) FROM articles").fetchone()[0]
    buffer = bytearray(size)
    ids, samples, fingerprints = array("q"), array("q"), array("q")
    at = 0
    for aid, fp, blob in conn.execute("SELECT id, fingerprint, sketch FROM articles ORDER BY id"):
        if at + len(blob) > size:  # a writer cannot have added to it inside our read transaction
            raise sqlite3.DatabaseError("the sketches changed while they were read")
        ids.append(aid)
        fingerprints.append(fp)
        samples.append(len(blob) // 4)
        buffer[at : at + len(blob)] = blob
        at += len(blob)
    hashes = np.frombuffer(buffer, dtype="<u4")[: at // 4]
    if hashes.dtype != np.uint32:  # a big-endian machine: the stored order is little-endian
        hashes = hashes.astype(np.uint32)
    counts, prints = np.frombuffer(samples, dtype=np.int64), np.frombuffer(fingerprints, dtype=np.int64)
    labels = group(counts, prints, hashes, scratch=True)
    del hashes, buffer
    return [[ids[i] for i in chunk] for chunk in members(labels)]


def _remember(
    conn: sqlite3.Connection, lock: store.WriterLock, stories: list[Story], generation: str | None
) -> None:
    """Keep the grouping for next time, unless another process is writing the index
    (then it is simply computed again next time)."""
    if lock.held or not lock.try_acquire():
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if store.meta(conn, "generation") == generation:
                conn.execute("DELETE FROM story_of")
                conn.executemany(
                    "INSERT INTO story_of (article, story, position) VALUES (?, ?, ?)",
                    ((m.id, s.story_id, i) for s in stories for i, m in enumerate(s.members)),
                )
                store.set_meta(conn, "stories", generation or "-1")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite undoes it itself after some errors
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error:
        pass  # only a cache: the grouping is computed again next time
    finally:
        lock.release()


class _Candidate(NamedTuple):
    """What :func:`reader.core.original.originality_key` reads of an article, taken from a
    row without building a Path for each of 100k rows."""

    agency: str | None
    date: str | None
    words: int
    outlet: str | None
    path: str
    row: Row


def _ordered(groups: list[list[Row]]) -> list[Story]:
    ordered = []
    for g in groups:
        if len(g) > 1:
            candidates = [_Candidate(r.agency, r.date, r.words, r.outlet, r.file, r) for r in g]
            g = [c.row for c in by_originality(candidates, path=lambda c: c.path)]
        if g:
            ordered.append(g)
    ordered.sort(key=lambda g: (-len(g), g[0].rel, g[0].record or 0))
    return [Story(i, tuple(g)) for i, g in enumerate(ordered, start=1)]


def _stop_limit(conn: sqlite3.Connection) -> int:
    return stop_limit(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
