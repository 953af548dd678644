"""``reader spark INPUT... --out DIR`` (the Spark job) and the answers read back from
its tables: ``reader stories --from DIR``, ``reader similar FILE --from DIR``.

pyspark is imported only by the job; the answers read the Parquet tables with
DuckDB (reader.library.tables), and print what the same commands print on a folder.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from ..core.sanitize import escape_name
from ..library import LibraryError, cache_dir
from ..term.library import print_similar, print_stories
from ..view.json import path_fields, paths_fields
from .compare import load_one
from .errors import EXIT_SAME, EXIT_TROUBLE, Trouble, dump_json, say

NEEDS = (
    "reader spark needs pyspark and Java: pip install 'wire-reader[spark]'; "
    "apt-get install default-jre-headless"
)
_QUIET = Path(__file__).resolve().parents[1] / "spark" / "log4j2.properties"


def missing() -> bool:
    """Whether pyspark or Java is not there."""
    java = os.environ.get("JAVA_HOME")
    has_java = bool(shutil.which("java")) or bool(
        java and os.access(os.path.join(java, "bin", "java"), os.X_OK)
    )
    return importlib.util.find_spec("pyspark") is None or not has_java


def spark(inputs: list[str], out: str, master: str | None) -> int:
    """Run the job on INPUT (folders, JSON Lines or WARC files; hdfs://, s3a:// too)."""
    if missing():
        say(NEEDS)
        return EXIT_TROUBLE
    from ..spark import job

    try:
        job.check_output(out, inputs)
    except job.OutputError as error:
        say(str(error))
        return EXIT_TROUBLE
    with _jvm_log() as log:
        session = job.session(master or "local[*]", quiet=_QUIET)
    try:
        summary = job.run(session, inputs, out, say)
    except job.OutputError as error:
        say(str(error))
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        raise
    except Exception as error:  # Spark's own failures (a lost executor, a full disk): one line
        say(
            f"the Spark job failed: {job.reason(error)}"
            + (f" (Spark's log: {escape_name(log)})" if log else "")
        )
        return EXIT_TROUBLE
    finally:
        session.stop()
    print(job.describe(summary, out))
    return EXIT_TROUBLE if summary.problems else EXIT_SAME


@contextlib.contextmanager
def _jvm_log() -> Iterator[Path | None]:
    """Java's and Spark's own messages (warnings at start, executors' logs) go to a file
    in the user cache, not to the terminal: the job says what matters in its lines. The
    JVM started meanwhile keeps the file as its stderr."""
    try:
        path = cache_dir() / "spark.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError:
        yield None
        return
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(fd, 2)
    try:
        yield path
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)


def _open(folder: Path):
    from ..library.tables import open_tables

    try:
        return open_tables(folder)
    except LibraryError as error:
        raise Trouble(str(error)) from None


def stories(folder: Path, as_json: bool) -> int:
    """The stories the job found, as ``reader stories FOLDER`` prints a folder's."""
    try:
        with _open(folder) as tables:
            found = tables.stories()
    except LibraryError as error:
        say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json(
            [{"story": s.story_id, **paths_fields([m.name for m in s.members], "articles")} for s in found]
        )
    else:
        print_stories(found)
    return EXIT_SAME


def similar(file: str, folder: Path, as_json: bool, limit: int) -> int:
    """The articles of the tables sharing text with FILE, as ``reader similar`` ranks them."""
    try:
        article = load_one(file)
        with _open(folder) as tables:
            matches = tables.similar(article, limit=limit)
    except LibraryError as error:
        say(str(error))
        return EXIT_TROUBLE
    if as_json:
        dump_json([{**path_fields(m.row.name), "score": m.score} for m in matches])
    else:
        print_similar(matches, folder, file)
    return EXIT_SAME
