"""Spark in local mode for the job's tests: one session for them all (starting Spark
costs seconds), on a generated folder of a couple of thousand articles."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZE = 1500


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("duckdb") is None:
        return "pyspark and duckdb are not installed (sh install.sh test installs them)"
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        return "Java is not installed (.ci/run installs default-jre-headless)"
    return None


# Here (READER_NEED_JAVA=1, as .ci/run sets) a missing Java or pyspark is a failure, not a skip.
needs_spark = pytest.mark.skipif(
    _missing() is not None and not os.environ.get("READER_NEED_JAVA"), reason=str(_missing())
)


@pytest.fixture(scope="session")
def spark():
    if (why := _missing()) is not None:
        if os.environ.get("READER_NEED_JAVA"):
            pytest.fail(why)
        pytest.skip(why)
    from reader.spark import job

    session = job.session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stories of 2-10 versions and unrelated articles, as benchmarks/bench_library.py makes them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_library import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    path = tmp_path_factory.mktemp("spark-input") / "archive"
    generate(path, SIZE)
    return path


@pytest.fixture(scope="session")
def tables(spark, folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reader.spark import job

    out = tmp_path_factory.mktemp("spark-output") / "tables"
    said: list[str] = []
    summary = job.run(spark, [str(folder)], str(out), said.append)
    assert said == [] and summary.problems == 0 and summary.articles == SIZE
    return out
