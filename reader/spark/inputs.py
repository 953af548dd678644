"""Stage 1 of the job: the input files, each read and sketched in an executor with the
same functions as ``reader index`` (reader.core.loading.load_file, then
reader.library.fingerprint.article_sketch).

Local inputs (a path without a scheme) are listed on the driver by the core's own
walk, so that the same files are candidates as on one machine; executors open them
by path, so on a cluster they must be on a filesystem every node mounts. Inputs
with a scheme (hdfs://, s3a://, file://) go through Hadoop: ``binaryFiles`` hands
each executor the bytes, which the loader reads from a private temporary copy
named as the original (its suffix says its format).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.core.loading import _is_candidate, iter_article_files, load_file
from reader.core.metadata import language_of
from reader.core.model import Article, Problem
from reader.core.sanitize import clean, escape_name
from reader.library.fingerprint import article_sketch

# A row of stage 1: an article, or a file's problem (kind "p", the reason as title).
KIND, URI, URI_BYTES, KEY, RECORD, TITLE = range(6)
FIELDS = (
    "kind STRING, uri STRING, uri_bytes BINARY, key BINARY, record INT, title STRING, format STRING, "
    "agency STRING, dateline STRING, outlet STRING, url STRING, date STRING, language STRING, "
    "words INT, paragraphs INT, fingerprint BIGINT, samples ARRAY<BIGINT>, blob BINARY"
)


def has_scheme(given: str) -> bool:
    head, sep, _ = given.partition("://")
    return (bool(sep) and head.isalnum()) or given.startswith("file:")


def local_files(inputs: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """The candidate files of the local inputs, as absolute paths, each once (as
    reader.core.loading.load_paths lists them), and the inputs that cannot be read."""
    files: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for given in inputs:
        path = Path(os.path.abspath(given))
        if path.is_dir():
            candidates: Iterable[Path] = iter_article_files(path, problems)
        elif path.exists() or path.is_symlink():
            candidates = (path,)
        else:
            problems.append(Problem(Path(given), "no such file or folder"))
            continue
        for file in candidates:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                files.append(str(file))
    return files, problems


def remote_missing(spark, inputs: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """The inputs Hadoop can find, and a problem for each one it cannot."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    found, problems = [], []
    for given in inputs:
        try:
            path = jvm.org.apache.hadoop.fs.Path(given)
            exists = path.getFileSystem(conf).exists(path)
        except Exception as error:  # py4j wraps whatever Hadoop says (no filesystem for the scheme)
            reason = str(error).strip().splitlines()
            problems.append(Problem(Path(given), reason[-1][:200] if reason else "cannot be read"))
            continue
        if exists:
            found.append(given)
        else:
            problems.append(Problem(Path(given), "no such file or folder"))
    return found, problems


def read_local(paths: Iterable[str]) -> Iterator[tuple]:
    """Executor side: the rows of local files, opened by path."""
    for path in paths:
        articles, problems = load_file(Path(path))
        yield from _rows(path, articles, problems)


def read_remote(files: Iterable[tuple[str, bytes]]) -> Iterator[tuple]:
    """Executor side: the rows of files Hadoop read, from (uri, bytes)."""
    with tempfile.TemporaryDirectory(prefix="reader-spark-") as scratch:
        for uri, data in files:
            name = uri.rstrip("/").rpartition("/")[2]
            if not _wanted(uri):
                continue
            copy = Path(scratch) / name
            copy.write_bytes(data)
            try:
                articles, problems = load_file(copy)
            finally:
                copy.unlink()
            yield from _rows(uri, articles, problems)


def _wanted(uri: str) -> bool:
    """A file the core's walk would take: no hidden part in its path, a candidate name."""
    parts = uri.split("://", 1)[-1].split("/")
    if any(p.startswith(".") or p.endswith("~") for p in parts[1:]):
        return False
    return _is_candidate(parts[-1])


def _rows(path: str, articles: list[Article], problems: list[Problem]) -> Iterator[tuple]:
    uri, raw = _uri(path)
    key = raw if raw is not None else uri.encode("utf-8")
    for a in articles:
        sketch, fingerprint = article_sketch(a)
        yield (
            "a",
            uri,
            raw,
            key,
            a.record,
            a.title,
            a.format,
            a.agency,
            a.dateline,
            a.outlet,
            a.url,
            a.date,
            language_of(a),
            a.words,
            len(a.paragraphs),
            fingerprint,
            list(sketch),
            pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL),
        )
    for p in problems:
        # Named by the input's path, not by the private copy a remote file was read from.
        line = f"{escape_name(path)}: {' '.join(clean(p.reason).split())}"
        yield ("p", uri, raw, key, None, line, *([None] * 12))


def _uri(path: str) -> tuple[str, bytes | None]:
    """A path as a Spark string (valid UTF-8), and its bytes when it is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return escape_name(path), os.fsencode(path)
    return path, None
