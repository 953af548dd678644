"""The Spark job: ``reader spark INPUT... --out DIR``, or
``spark-submit reader/spark/job.py INPUT... --out DIR``.

1. read and sketch every article in the executors (reader.spark.inputs);
2. collapse verbatim copies; 3. candidate pairs and their verification;
4. connected components; 5. per story, the aligner on its links and the likely
original (reader.spark.stages); 6. the Parquet tables reader.library.tables
reads (its docstring is the contract).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType, StructField, StructType

from reader.core.sanitize import escape_name
from reader.library import tables
from reader.spark import inputs, stages

# Files per task when local files are listed on the driver: enough to outweigh a
# task's start, few enough that two cores share the work evenly.
FILES_PER_TASK = 250


@dataclass(frozen=True)
class Summary:
    files: int  # local files listed (files read through Hadoop are not counted here)
    articles: int
    stories: int  # of two articles or more
    pairs: int
    problems: int
    seconds: float
    # Seconds spent reading and sketching, finding the links, and on the stories (the
    # components, the aligner on every link, the originals) with the tables written.
    stages: tuple[float, float, float] = (0.0, 0.0, 0.0)


class OutputError(Exception):
    """The output folder cannot be used; the message is one line."""


def session(master: str | None, quiet: Path | None = None) -> SparkSession:
    """A session for the job; ``quiet``, a log4j2 configuration, keeps Spark's own log off
    the terminal (the job says what matters in its own lines)."""
    # Executors run this very interpreter (its packages, reader among them) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("wire-reader").config("spark.ui.showConsoleProgress", "false")
    if quiet is not None:
        builder = builder.config(
            "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={quiet.as_uri()}"
        )
    if master:  # else spark-submit's
        builder = builder.master(master)
        if master.startswith("local"):
            # 200 shuffle partitions (Spark's default, sized for clusters) make every
            # round of the stories' label propagation 200 tiny tasks on one machine.
            builder = builder.config("spark.sql.shuffle.partitions", str(4 * _cores(master)))
            # Spark's 1 GB default holds 100k articles' sketches only by spilling them to disk.
            builder = builder.config("spark.driver.memory", "4g")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def check_output(out: str, given: list[str]) -> None:
    """Refuse an output inside an input folder (the articles are never written into) or
    a folder holding something other than a previous run's tables."""
    if inputs.has_scheme(out):
        return
    target = os.path.realpath(out)
    for src in given:
        if inputs.has_scheme(src) or not os.path.isdir(src):
            continue
        folder = os.path.realpath(src)
        if target == folder or target.startswith(folder.rstrip(os.sep) + os.sep):
            raise OutputError(
                f"{escape_name(out)}: inside the input {escape_name(src)}; write the tables elsewhere"
            )
    if os.path.isdir(out):
        extra = set(os.listdir(out)) - {tables.ARTICLES, tables.PAIRS, tables.STORIES, "_SUCCESS"}
        if extra:
            raise OutputError(
                f"{escape_name(out)}: not empty and not a reader spark output; choose a new folder"
            )
    elif os.path.exists(out):
        raise OutputError(f"{escape_name(out)}: not a folder")


def run(spark: SparkSession, given: list[str], out: str, say: Callable[[str], None]) -> Summary:
    """Run every stage and write the tables; each input file that cannot be read is said
    in one line (``say``) and left out."""
    started = time.monotonic()
    check_output(out, given)
    sc = spark.sparkContext
    local = [g for g in given if not inputs.has_scheme(g)]
    files, problems = inputs.local_files(local)
    remote, missing = inputs.remote_missing(spark, [g for g in given if inputs.has_scheme(g)])
    problems += missing
    for p in problems:
        say(str(p))
    parts = []
    if files:
        slices = max(sc.defaultParallelism * 2, -(-len(files) // FILES_PER_TASK))
        parts.append(sc.parallelize(sorted(files), slices).mapPartitions(inputs.read_local))
    if remote:
        sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
        parts.append(sc.binaryFiles(",".join(remote)).mapPartitions(inputs.read_remote))
    if not parts:
        parts.append(sc.emptyRDD())
    read = (sc.union(parts) if len(parts) > 1 else parts[0]).toDF(inputs.FIELDS)
    read = read.persist(StorageLevel.MEMORY_AND_DISK)
    unread = read.where(F.col("kind") == "p").select("title").collect()  # one line per bad file: few
    for row in unread:
        say(row.title)
    articles = _numbered(read.where(F.col("kind") == "a")).persist(StorageLevel.MEMORY_AND_DISK)
    articles.count()  # cached before the files' rows are dropped: never read twice
    read_at = time.monotonic()
    read.unpersist()

    reps, copies = stages.collapse(articles)
    sketched, stop = stages.sketches(articles, reps)
    sketched = sketched.persist(StorageLevel.MEMORY_AND_DISK)
    links = stages.verify(stages.candidates(sketched, reps, stop), sketched, stop).union(copies)
    links = links.localCheckpoint()
    linked_at = time.monotonic()
    sketched.unpersist()
    labels = stages.components(links)
    with_story = (
        articles.join(labels.withColumnRenamed("story", "label"), "id", "left")
        .withColumn("story", F.coalesce("label", "id"))
        .drop("label")
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    pairs, stories = stages.per_story(with_story, links)

    columns = [c.split()[0] for c in tables.ARTICLES_SCHEMA.split(", ")]
    _write(with_story.select(*columns), out, tables.ARTICLES)
    _write(pairs, out, tables.PAIRS)
    _write(stories, out, tables.STORIES)
    summary = Summary(
        files=len(files),
        articles=with_story.count(),
        stories=stories.count(),
        pairs=pairs.count(),
        problems=len(problems) + len(unread),
        seconds=time.monotonic() - started,
        stages=(read_at - started, linked_at - read_at, time.monotonic() - linked_at),
    )
    with_story.unpersist()
    articles.unpersist()
    return summary


def _cores(master: str) -> int:
    inside = master.partition("[")[2].partition("]")[0].split(",")[0]
    return int(inside) if inside.isdigit() else os.cpu_count() or 2


def reason(error: BaseException) -> str:
    """Spark's error in one line: the Python exception an executor raised, if it was one."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    for line in reversed(lines):
        if not line.startswith(("at ", "File ", "^")) and ("Error" in line or "Exception" in line):
            return line[:300]
    return (lines[0] if lines else type(error).__name__)[:300]


def _numbered(articles: DataFrame) -> DataFrame:
    """The articles with their ids: 0, 1, ... in path order, then record (nulls first),
    as the single-machine library numbers a folder's rows."""
    ordered = articles.orderBy(F.col("key").asc(), F.col("record").asc_nulls_first()).drop("kind", "key")
    schema = StructType([StructField("id", LongType(), False), *ordered.schema.fields])
    numbered = ordered.rdd.zipWithIndex().map(lambda pair: (pair[1], *pair[0]))
    return ordered.sparkSession.createDataFrame(numbered, schema)


def _write(df: DataFrame, out: str, name: str) -> None:
    df.write.mode("overwrite").parquet(_join(out, name))


def _join(out: str, name: str) -> str:
    return out.rstrip("/") + "/" + name


def main(argv: list[str] | None = None) -> int:
    """For spark-submit: the master and the resources come from spark-submit's options."""
    p = argparse.ArgumentParser(prog="reader/spark/job.py", description=__doc__.splitlines()[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, metavar="DIR")
    args = p.parse_args(argv)

    def say(line: str) -> None:
        print(f"reader: {line}", file=sys.stderr, flush=True)

    spark = session(None)
    try:
        summary = run(spark, args.inputs, args.out, say)
    except OutputError as error:
        say(str(error))
        return 2
    finally:
        spark.stop()
    print(describe(summary, args.out))
    return 2 if summary.problems else 0


def describe(summary: Summary, out: str) -> str:
    return (
        f"{escape_name(out)}: {summary.articles:,} articles, "
        f"{summary.stories:,} stories of several versions, {summary.pairs:,} linked pairs "
        f"in {summary.seconds:.1f} s (read {summary.stages[0]:.0f} s, links {summary.stages[1]:.0f} s, "
        f"stories {summary.stages[2]:.0f} s)" + (_unread(summary.problems) if summary.problems else "")
    )


def _unread(n: int) -> str:
    return f"; {n:,} {'input' if n == 1 else 'inputs'} could not be read"


if __name__ == "__main__":
    sys.exit(main())
