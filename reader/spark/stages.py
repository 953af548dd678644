"""Stages 2 to 5 of the job, on the articles of stage 1 (a DataFrame with ``id``,
``samples``, ``fingerprint``, the metadata and ``blob``, the pickled article).

Every decision is taken by the single machine's own functions, called in the
executors on one article or one pair at a time: the verbatim collapse of
reader.library.grouping (the same rule, as a window), the lookup samples of
reader.library.candidates.prefix, the verification grouping.linked, the core
aligner (reader.core.compare) and the likely original (reader.core.original).
Spark only moves the data between them; the stories are the connected components
of the links, found by label propagation with joins, never collected to the driver.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator

import numpy as np
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from reader.core.compare import compare
from reader.core.original import by_originality
from reader.library import candidates as keys_of
from reader.library import grouping
from reader.library.fingerprint import stop_limit
from reader.library.tables import local_path
from reader.view.words import verdict

# Label propagation moves a label one link per round: a story's diameter is small,
# so this bound is only reached by a bug; it is reported, never hung on.
MAX_ROUNDS = 200
# What a story's task hands back: its pairs (kind "p") and itself (kind "s", a the original).
_DONE = (
    "kind STRING, story BIGINT, a BIGINT, b BIGINT, shared INT, kept_share DOUBLE, verdict STRING, "
    "members ARRAY<BIGINT>"
)


def collapse(articles: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(representatives, links of verbatim copies): as grouping._collapse_verbatim, the
    first article (smallest id) of each (fingerprint, sample count) with samples stands
    for the others, which are linked to it."""
    n = F.size("samples")
    first = F.min("id").over(Window.partitionBy("fingerprint", n))
    marked = articles.select("id", "samples", F.when(n > 0, first).otherwise(F.col("id")).alias("rep"))
    reps = marked.where(F.col("rep") == F.col("id")).select("id", "samples")
    copies = marked.where(F.col("rep") != F.col("id")).select(
        F.col("rep").alias("a"), F.col("id").alias("b"), F.size("samples").cast("int").alias("shared")
    )
    return reps, copies


def sketches(articles: DataFrame, reps: DataFrame) -> tuple[DataFrame, int]:
    """Each representative's samples with their document frequency (``id, hashes, dfs``,
    sorted by hash), and the stock limit. Frequencies count every article, verbatim
    copies included, as the single machine's postings do."""
    count = articles.count()
    df = (
        articles.select(F.explode("samples").alias("h"))
        .groupBy("h")
        .agg(F.count("*").cast("int").alias("df"))
    )
    held = reps.select("id", F.explode("samples").alias("h"))
    joined = (
        held.join(df, "h").groupBy("id").agg(F.sort_array(F.collect_list(F.struct("h", "df"))).alias("s"))
    )
    return joined.select("id", F.col("s.h").alias("hashes"), F.col("s.df").alias("dfs")), stop_limit(count)


def candidates(sketched: DataFrame, reps: DataFrame, stop: int) -> DataFrame:
    """The directed candidate pairs (a, b): b holds one of the samples
    reader.library.candidates.prefix picks of a (any b that a links to does)."""

    def prefixes(rows: Iterable) -> Iterator[tuple[int, int]]:
        for row in rows:
            hashes, dfs = np.asarray(row.hashes, dtype=np.int64), np.asarray(row.dfs, dtype=np.int64)
            if len(grouping.examined(dfs, stop)) == 0:
                continue  # no sample to examine (stock phrases only): it links to nothing
            for h in keys_of.prefix(hashes, dfs, stop).tolist():
                yield h, row.id

    looked_up = sketched.rdd.mapPartitions(prefixes).toDF("h BIGINT, a BIGINT")
    postings = reps.select(F.col("id").alias("b"), F.explode("samples").alias("h"))
    pairs = looked_up.join(postings, "h").where(F.col("a") != F.col("b"))
    return pairs.select("a", "b").distinct()


def verify(pairs: DataFrame, sketched: DataFrame, stop: int) -> DataFrame:
    """The linked pairs (a < b, shared): grouping.linked holds for a candidate (a, b),
    either way round."""
    a = sketched.select(F.col("id").alias("a"), F.col("hashes").alias("ha"), F.col("dfs").alias("da"))
    b = sketched.select(F.col("id").alias("b"), F.col("hashes").alias("hb"))
    joined = pairs.join(a, "a").join(b, "b")

    def check(rows: Iterable) -> Iterator[tuple[int, int, int]]:
        for row in rows:
            ha, hb = np.asarray(row.ha, dtype=np.int64), np.asarray(row.hb, dtype=np.int64)
            link, shared, _ = grouping.linked(ha, np.asarray(row.da, dtype=np.int64), hb, stop)
            if link:
                yield min(row.a, row.b), max(row.a, row.b), int(shared)

    found = joined.rdd.mapPartitions(check).toDF("a BIGINT, b BIGINT, shared INT")
    return found.groupBy("a", "b").agg(F.max("shared").alias("shared"))


def components(links: DataFrame) -> DataFrame:
    """(id, story) for every article with a link: the smallest id it is connected to.
    Each round every article takes the smallest label among its own and its
    neighbours'; rounds are checkpointed, and they end when no label changes."""
    edges = links.select(F.col("a").alias("src"), F.col("b").alias("dst")).union(
        links.select(F.col("b").alias("src"), F.col("a").alias("dst"))
    )
    edges = edges.localCheckpoint()
    labels = edges.select(F.col("src").alias("id")).distinct().withColumn("story", F.col("id"))
    labels = labels.localCheckpoint()
    for _ in range(MAX_ROUNDS):
        offered = edges.join(labels, edges.src == labels.id).select(F.col("dst").alias("id"), "story")
        new = offered.union(labels).groupBy("id").agg(F.min("story").alias("story")).localCheckpoint()
        old = labels.select("id", F.col("story").alias("was"))
        changed = new.join(old, "id").where(F.col("story") != F.col("was")).limit(1).count()
        labels = new
        if not changed:
            return labels
    raise RuntimeError(f"stories did not settle in {MAX_ROUNDS} rounds of label propagation")


def per_story(articles: DataFrame, links: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(pairs, stories): each story's members gathered in one task, where the core
    aligner runs on its links (kept_share, verdict) and the likely original is chosen."""
    members = (
        articles.where(F.col("story") != F.col("id"))
        .select("story")
        .distinct()
        .join(articles, "story")
        .groupBy("story")
        .agg(
            F.collect_list(
                F.struct("id", "uri", "uri_bytes", "agency", "date", "words", "outlet", "blob")
            ).alias("members")
        )
    )
    story_of = articles.select(F.col("id").alias("a"), "story")
    linked = (
        links.join(story_of, "a")
        .groupBy("story")
        .agg(F.collect_list(F.struct("a", "b", "shared")).alias("links"))
    )

    def work(rows: Iterable) -> Iterator[tuple]:
        for row in rows:
            yield from _story(row.story, row.members, row.links or [])

    done = members.join(linked, "story", "left").rdd.mapPartitions(work)
    done = done.toDF(_DONE).persist()
    pairs = done.where(F.col("kind") == "p").select("a", "b", "shared", "kept_share", "verdict")
    stories = done.where(F.col("kind") == "s").select("story", F.col("a").alias("original"), "members")
    return pairs, stories


class _Member:
    """What reader.core.original reads of an article, from a row of the table."""

    __slots__ = ("agency", "date", "id", "outlet", "path", "words")

    def __init__(self, row) -> None:
        self.id, self.agency, self.date, self.words, self.outlet = (
            row.id,
            row.agency,
            row.date,
            row.words,
            row.outlet,
        )
        self.path = local_path(row.uri, row.uri_bytes) or row.uri


def _story(story: int, members: list, links: list) -> Iterator[tuple]:
    blobs = {m.id: m.blob for m in members}
    loaded: dict = {}

    def article(aid: int):
        if aid not in loaded:
            loaded[aid] = pickle.loads(blobs[aid])
        return loaded[aid]

    for link in sorted(links, key=lambda k: (k.a, k.b)):
        summary = compare(article(link.a), article(link.b)).summary
        yield ("p", story, link.a, link.b, link.shared, float(summary.kept_share), verdict(summary), None)
    original = by_originality([_Member(m) for m in members], path=lambda m: m.path)[0]
    yield ("s", story, original.id, None, None, None, None, sorted(m.id for m in members))
