"""The inverted index: for each sampled shingle, the articles that hold it.

One row per shingle, its holders packed in a blob of sorted little-endian
uint32 ids: a lookup is one B-tree probe that gives the document frequency
and the holders at once, and the table has a row per distinct shingle
instead of one per (shingle, article) pair, which is what makes a first
build of 100k articles write it in seconds.
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence

_BIG_ENDIAN = sys.byteorder == "big"
# Bound on host parameters per statement (SQLite's default limit is 32766, 999 before 3.32).
_PARAMS = 900


def _ids(blob: bytes) -> array:
    ids = array("I")
    ids.frombytes(blob)
    if _BIG_ENDIAN:
        ids.byteswap()
    return ids


def _blob(ids: Iterable[int]) -> bytes:
    packed = array("I", ids)
    if _BIG_ENDIAN:
        packed.byteswap()
    return packed.tobytes()


def lookup(conn: sqlite3.Connection, hashes: Sequence[int]) -> dict[int, array]:
    """The holders of each of ``hashes`` that any article holds."""
    found: dict[int, array] = {}
    for i in range(0, len(hashes), _PARAMS):
        chunk = hashes[i : i + _PARAMS]
        marks = ",".join("?" * len(chunk))
        for h, blob in conn.execute(f"SELECT hash, articles FROM postings WHERE hash IN ({marks})", chunk):
            found[h] = _ids(blob)
    return found


def add(conn: sqlite3.Connection, articles: Iterable[tuple[int, Iterable[int]]]) -> None:
    """Record that each (article id, hashes) holds those hashes (inside a transaction)."""
    new: defaultdict[int, list[int]] = defaultdict(list)
    for aid, hashes in articles:
        for h in hashes:
            new[h].append(aid)
    _update(conn, new, adding=True)


def remove(conn: sqlite3.Connection, articles: Iterable[tuple[int, Iterable[int]]]) -> None:
    gone: defaultdict[int, list[int]] = defaultdict(list)
    for aid, hashes in articles:
        for h in hashes:
            gone[h].append(aid)
    _update(conn, gone, adding=False)


def _update(conn: sqlite3.Connection, changes: dict[int, list[int]], adding: bool) -> None:
    if not changes:
        return
    current = lookup(conn, list(changes))
    writes, deletes = [], []
    for h, ids in changes.items():
        held = set(current.get(h, ()))
        if adding:
            held.update(ids)
        else:
            held.difference_update(ids)
        if held:
            writes.append((h, _blob(sorted(held))))
        else:
            deletes.append((h,))
    conn.executemany("INSERT OR REPLACE INTO postings (hash, articles) VALUES (?, ?)", writes)
    conn.executemany("DELETE FROM postings WHERE hash = ?", deletes)


def rewrite(conn: sqlite3.Connection) -> None:
    """The whole inverted index again from the articles' sketches (inside a transaction):
    one sort in numpy, then one row per distinct shingle, in key order."""
    import numpy as np

    ids, counts, blobs = [], [], []
    for aid, n, blob in conn.execute("SELECT id, samples, sketch FROM articles"):
        ids.append(aid)
        counts.append(n)
        blobs.append(blob)
    hashes = np.frombuffer(b"".join(blobs), dtype="<u4")
    del blobs
    owners = np.repeat(np.array(ids, dtype="<u4"), counts)
    order = np.lexsort((owners, hashes))
    hashes, owners = hashes[order], owners[order]
    del order
    conn.execute("DELETE FROM postings")
    if len(hashes) == 0:
        return
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    ends = np.append(starts[1:], len(hashes))
    keys = hashes[starts]
    packed = owners.tobytes()
    del hashes, owners
    # In slices, so that only one slice at a time is held as Python ints.
    step = 100_000
    for i in range(0, len(keys), step):
        rows = zip(
            keys[i : i + step].tolist(),
            (starts[i : i + step] * 4).tolist(),
            (ends[i : i + step] * 4).tolist(),
            strict=True,
        )
        conn.executemany(
            "INSERT INTO postings (hash, articles) VALUES (?, ?)", ((h, packed[a:b]) for h, a, b in rows)
        )
