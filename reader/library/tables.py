"""The tables ``reader spark INPUT... --out DIR`` writes, and the answers read from them.

Under DIR, three Parquet tables, each a directory of ``part-*.parquet`` files as
Spark writes them:

``articles``, one row per article, in the order the single-machine library lists
a folder (sorted by path, then record):
    id BIGINT           0-based, in that order
    uri STRING          the input file as Spark saw it: a local absolute path, or
                        hdfs://..., s3a://... (a local name that is not UTF-8 is
                        shown escaped here and kept exactly in ``uri_bytes``)
    uri_bytes BINARY    the raw bytes of such a name, else null
    record INT          N of FILE#N for a record of a JSON Lines or WARC file, else null
    title, format STRING
    agency, dateline, outlet, url, date, language STRING (nullable)
    words, paragraphs INT
    fingerprint BIGINT  reader.library.fingerprint's body fingerprint
    samples ARRAY<BIGINT>  the sorted sampled shingle hashes (unsigned 32-bit values,
                        hence BIGINT), exactly what ``reader index`` stores; similar()
                        ranks by them
    story BIGINT        the smallest id of the article's story (its own id when alone)

``pairs``, one row per linked pair of versions (verbatim copies are linked to the
first of them only, not to each other):
    a BIGINT, b BIGINT  a < b
    shared INT          samples the two have in common
    kept_share DOUBLE   the core aligner's share of a's words kept in b
    verdict STRING      the verdict ``reader stats A B`` prints for a, b

``stories``, one row per story of two articles or more:
    story BIGINT        the smallest article id of the story
    original BIGINT     the likely original (reader.core.original)
    members ARRAY<BIGINT>  its article ids, sorted

:func:`open_tables` reads them with DuckDB (imported only then), never pyspark:
``reader stories --from DIR`` and ``reader similar FILE --from DIR`` give what
the same commands give on a folder, and the app browses them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reader.core.model import Article, Problem
from reader.core.original import by_originality
from reader.core.sanitize import escape_name

from .fingerprint import article_sketch, stop_limit
from .queries import load
from .rows import LibraryError, Match, Row, Story

ARTICLES, PAIRS, STORIES = "articles", "pairs", "stories"
# The schemas, as Spark's DDL: the job writes them, the readers expect them.
ARTICLES_SCHEMA = (
    "id BIGINT, uri STRING, uri_bytes BINARY, record INT, title STRING, format STRING, agency STRING, "
    "dateline STRING, outlet STRING, url STRING, date STRING, language STRING, words INT, "
    "paragraphs INT, fingerprint BIGINT, samples ARRAY<BIGINT>, story BIGINT"
)
PAIRS_SCHEMA = "a BIGINT, b BIGINT, shared INT, kept_share DOUBLE, verdict STRING"
STORIES_SCHEMA = "story BIGINT, original BIGINT, members ARRAY<BIGINT>"

_ROW_COLUMNS = (
    "id, uri, uri_bytes, record, title, format, agency, dateline, outlet, date, url, words, paragraphs, "
    "language"
)


def local_path(uri: str, raw: bytes | None = None) -> str | None:
    """The local path of a uri (``/a/b``, ``file:/a/b``, ``file:///a/b``); None for a
    file on another filesystem (hdfs://, s3a://)."""
    if raw is not None:
        return os.fsdecode(raw)
    if uri.startswith("file://"):
        return uri[len("file://") :]
    if uri.startswith("file:"):
        return uri[len("file:") :]
    return None if "://" in uri else uri


def _shown(uri: str, raw: bytes | None) -> str:
    return local_path(uri, raw) or uri


def _parts(table: Path) -> list[str]:
    try:
        names = sorted(
            n for n in os.listdir(table) if n.endswith(".parquet") and not n.startswith((".", "_"))
        )
    except OSError:
        return []
    return [str(table / n) for n in names]


def _literal(files: Sequence[str]) -> str:
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"


class Tables:
    """The tables under one DIR, open for reading. Open with :func:`open_tables`."""

    def __init__(self, folder: Path, conn) -> None:
        self.folder = folder
        self._conn = conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Tables:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        import duckdb

        try:
            return self._conn.execute(sql, list(params)).fetchall()
        except duckdb.Error as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise LibraryError(f"{escape_name(self.folder)}: cannot read the tables ({reason})") from None

    def count(self) -> int:
        return self._query("SELECT count(*) FROM articles")[0][0]

    def rows(self, offset: int = 0, limit: int | None = None) -> list[Row]:
        """The articles in id order (path, then record), ``limit`` of them from ``offset``."""
        sql = f"SELECT {_ROW_COLUMNS} FROM articles ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {max(0, int(limit))}"
        return [_row(r) for r in self._query(f"{sql} OFFSET {max(0, int(offset))}")]

    def row(self, article_id: int) -> Row | None:
        found = self._query(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return _row(found[0]) if found else None

    def rows_by_id(self, ids: Sequence[int]) -> dict[int, Row]:
        sql = f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN (SELECT unnest(?::BIGINT[]))"
        return {r[0]: _row(r) for r in self._query(sql, (list(ids),))}

    def pairs(self, ids: Sequence[int]) -> list[tuple[int, int, int, float, str]]:
        """The linked pairs among ``ids``: (a, b, shared, kept_share, verdict)."""
        sql = (
            "SELECT a, b, shared, kept_share, verdict FROM pairs WHERE a IN (SELECT unnest($1::BIGINT[])) "
            "AND b IN (SELECT unnest($1::BIGINT[])) ORDER BY a, b"
        )
        return self._query(sql, (list(ids),))

    def stories(self) -> list[Story]:
        """Every article in exactly one story, as Library.stories() gives them: the stories
        with the most versions first, each with its likely original first."""
        rows = self.rows()
        by_id = {r.id: r for r in rows}
        groups = [
            [by_id[m] for m in members if m in by_id]
            for (members,) in self._query("SELECT members FROM stories")
        ]
        grouped = {r.id for g in groups for r in g}
        groups += [[r] for r in rows if r.id not in grouped]
        ordered = []
        for g in groups:
            if len(g) > 1:
                g = by_originality(g, path=lambda r: r.file)
            if g:
                ordered.append(g)
        ordered.sort(key=lambda g: (-len(g), g[0].rel, g[0].record or 0))
        return [Story(i, tuple(g)) for i, g in enumerate(ordered, start=1)]

    def similar(self, article: Article, limit: int = 20) -> list[Match]:
        """The articles sharing text with ``article``, best first, scored as
        Library.similar() scores them (reader.library.queries.similar: the larger of
        grouping.linked's shares either way); the article itself is left out when it
        is one of the table's."""
        return self.similar_samples(list(article_sketch(article)[0]), self._own_id(article), limit)

    def similar_samples(self, hashes: Sequence[int], own: int | None, limit: int = 20) -> list[Match]:
        """:meth:`similar` for a text's sorted samples; ``own``, its id here if it has one."""
        import numpy as np

        if not hashes:
            return []
        stop = stop_limit(self.count())
        df = self._frequencies(hashes)
        # Stock phrases held by a large share of the articles are not evidence of copying.
        used = [h for h in hashes if 0 < df.get(h, 0) <= stop]
        if not used:
            return []
        # Unnested and matched by hash: ten times faster than list_has_any on 100k articles.
        found = self._query(
            "SELECT id, count(DISTINCT h), any_value(n) FROM (SELECT id, unnest(samples) AS h, "
            "len(samples) AS n FROM articles) WHERE h IN (SELECT unnest($1::BIGINT[])) "
            "AND id IS DISTINCT FROM $2 GROUP BY id ORDER BY id",
            (used, own),
        )
        if not found:
            return []
        # A first ranking by the share of the smaller text held, to pick whom to score.
        ratio = [n / max(1, min(len(used), size or len(used))) for _, n, size in found]
        first = np.argsort(-np.array(ratio), kind="stable")[: max(0, limit) * 2 + 10]
        picked = [found[k][0] for k in first.tolist()]
        sketches = dict(
            self._query(
                "SELECT id, samples FROM articles WHERE id IN (SELECT unnest(?::BIGINT[]))", (picked,)
            )
        )
        others = {h for samples in sketches.values() for h in samples}
        df.update(self._frequencies(sorted(others - df.keys())))
        a = np.array(hashes, dtype=np.int64)
        a_df = np.array([df.get(h, 0) for h in hashes])
        scored = []
        for aid in picked:
            b = np.array(sketches[aid], dtype=np.int64)
            b_df = np.array([df.get(h, 0) for h in sketches[aid]])
            scored.append((max(_share(a, a_df, b, stop), _share(b, b_df, a, stop)), aid))
        rows = self.rows_by_id([aid for _, aid in scored])
        matches = [Match(rows[aid], round(score, 3)) for score, aid in scored if aid in rows and score > 0]
        matches.sort(key=lambda m: (-m.score, m.row.rel, m.row.record or 0))
        return matches[: max(0, limit)]

    def _frequencies(self, hashes: Sequence[int]) -> dict[int, int]:
        """How many articles hold each of ``hashes`` (those none holds are left out)."""
        if not hashes:
            return {}
        sql = (
            "SELECT h, count(*) FROM (SELECT unnest(samples) AS h FROM articles) "
            "WHERE h IN (SELECT unnest($1::BIGINT[])) GROUP BY h"
        )
        return dict(self._query(sql, (list(hashes),)))

    def _own_id(self, article: Article) -> int | None:
        for path in {os.path.abspath(article.path), os.path.realpath(article.path)}:
            for uri in (path, "file:" + path, "file://" + path):
                found = self._query(
                    "SELECT id FROM articles WHERE uri = ? AND record IS NOT DISTINCT FROM ?",
                    (uri, article.record),
                )
                if found:
                    return found[0][0]
        return None

    def load(self, article_id: int) -> Article | Problem:
        """The article, read again from its file (a local one: the tables say where)."""
        row = self.row(article_id)
        if row is not None and "://" in row.file:
            return Problem(Path(row.file), "not on this machine's filesystem")
        return load(self.folder, article_id, row, since="the job read it", where="the tables")


def _share(a, a_df, b, stop: int) -> float:
    """grouping.linked's share of a's examined samples held by b, as the index's similar
    scores it: below the story threshold when too few samples are shared to tell."""
    from .grouping import LINK, linked

    is_linked, _, share = linked(a, a_df, b, stop)
    return share if is_linked or share < LINK else min(share, LINK - 0.001)


def _row(r: Sequence) -> Row:
    shown = _shown(r[1], r[2])
    return Row(r[0], shown, shown, *r[3:])


def open_tables(folder: Path | str) -> Tables:
    """The tables of a Spark run under ``folder``; LibraryError (one line) when it is not one."""
    folder = Path(folder)
    name = escape_name(folder)
    if not folder.is_dir():
        raise LibraryError(f"{name}: {'not a folder' if folder.exists() else 'no such folder'}")
    parts = {t: _parts(folder / t) for t in (ARTICLES, PAIRS, STORIES)}
    for table, files in parts.items():
        if not files:
            raise LibraryError(f"{name}: not a reader spark output (no {table} table)")
    try:
        import duckdb
    except ImportError:
        raise LibraryError(
            f"{name}: reading Spark tables needs duckdb: pip install 'wire-reader[spark]'"
        ) from None
    conn = duckdb.connect(":memory:")
    try:
        for table, files in parts.items():
            conn.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_literal(files)})")
        missing = {"id", "uri", "samples", "story"} - {
            c[0] for c in conn.execute("DESCRIBE articles").fetchall()
        }
    except duckdb.Error as error:
        conn.close()
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise LibraryError(f"{name}: cannot read the tables ({reason})") from None
    if missing:
        conn.close()
        raise LibraryError(f"{name}: not a reader spark output (no {', '.join(sorted(missing))} in articles)")
    return Tables(folder, conn)


def similar_to(tables: Tables, article_id: int, limit: int = 20) -> list[Match]:
    """The articles sharing text with article ``article_id`` of the tables, best first,
    scored as ``reader similar --from`` scores them, from the samples the job stored (its
    text may be on a filesystem only the cluster reads); the article itself is left out.
    LibraryError (one line) when the tables cannot be read."""
    found = tables._query("SELECT samples FROM articles WHERE id = ?", (article_id,))
    hashes = sorted(set(found[0][0] or ())) if found else []
    return tables.similar_samples(hashes, article_id, limit)
