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

    total = conn.execute("SELECT coalesce(sum(samples), 0) FROM articles").fetchone()[0]
    # Each entry as one 64-bit key (hash, then article), sorted in place: no permutation
    # array, so a million articles' 100M entries take 8 bytes each, not 24.
    keys = np.empty(total, dtype=np.uint64)
    at = 0
    for aid, blob in conn.execute("SELECT id, sketch FROM articles"):
        hashes = np.frombuffer(blob, dtype="<u4")
        end = at + len(hashes)
        if end > total:  # a sample count that disagrees with its sketch: grow rather than fail
            keys = np.concatenate((keys[:at], np.empty(end - at, dtype=np.uint64)))
            total = end
        keys[at:end] = (hashes.astype(np.uint64) << np.uint64(32)) | np.uint64(aid)
        at = end
    keys = keys[:at]
    keys.sort()
    conn.execute("DELETE FROM postings")
    if at == 0:
        return
    starts = _runs(keys)
    hashes_of = (keys[starts] >> np.uint64(32)).astype(np.uint32)
    owners = keys.astype("<u4")  # the low 32 bits: the article
    del keys
    packed = memoryview(owners).cast("B")
    # In slices, so that only one slice at a time is held as Python ints.
    step = 100_000
    for i in range(0, len(hashes_of), step):
        bounds = (starts[i : i + step + 1] * 4).tolist()
        if i + step >= len(starts):
            bounds.append(len(owners) * 4)
        rows = zip(hashes_of[i : i + step].tolist(), bounds[:-1], bounds[1:], strict=True)
        conn.executemany(
            "INSERT INTO postings (hash, articles) VALUES (?, ?)",
            ((h, bytes(packed[a:b])) for h, a, b in rows),
        )


def _runs(keys, step: int = 8_000_000):
    """Where each hash's run of sorted keys starts, a slice at a time (a whole-array
    shift would double the memory of a million articles' entries)."""
    import numpy as np

    found = [np.zeros(1, dtype=np.int64)]
    for lo in range(1, len(keys), step):
        part = keys[lo : lo + step] >> np.uint64(32)
        before = keys[lo - 1 : lo - 1 + len(part)] >> np.uint64(32)
        found.append(np.flatnonzero(part != before) + lo)
    return np.concatenate(found)
