"""The Spark job against one machine, on the same generated folder.

Generates a folder as benchmarks/bench_library.py does (or reuses --folder), then
times, each in a fresh process with a fresh cache:
  single   `reader stories FOLDER --json` on a cold index (index + grouping)
  spark    `reader spark FOLDER --out DIR --master local[N]`, then
           `reader stories --from DIR --json`
and reports the wall time, articles per second per core, and whether the two
give the same stories (pair for pair).

    nice python benchmarks/bench_spark.py [--size 100000] [--cores 2] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_library import generate, precision_recall  # noqa: E402

READER = [sys.executable, "-m", "reader.cli"]


def timed(args: list[str], env: dict, out: Path) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the command and the processes it waited for (the
    index's workers; not Spark's JVM, which pyspark leaves unreaped)."""
    cpu = _children_cpu()
    started = time.perf_counter()
    with out.open("wb") as handle:
        subprocess.run(args, env=env, stdout=handle, check=False)
    return time.perf_counter() - started, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pairs(stories: list[dict]) -> set[frozenset[str]]:
    return {frozenset(s["articles"]) for s in stories if len(s["articles"]) > 1}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=100_000)
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--workdir", type=Path, help="keep the folder and the outputs here")
    p.add_argument("--folder", type=Path, help="an existing folder to use instead of a generated one")
    args = p.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = (args.folder or work / f"folder-{args.size}").resolve()
    truth = None
    if not folder.exists():
        truth = generate(folder, args.size)["truth"]
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    subprocess.run(["rm", "-rf", str(work / "cache"), str(work / "spark-out")], check=True)

    single, single_cpu = timed([*READER, "stories", str(folder), "--json"], env, work / "single.json")
    spark, _ = timed(
        [*READER, "spark", str(folder), "--out", str(work / "spark-out"), "--master", f"local[{args.cores}]"],
        env,
        work / "spark.txt",
    )
    answer, _ = timed(
        [*READER, "stories", "--from", str(work / "spark-out"), "--json"], env, work / "from.json"
    )
    a = json.loads((work / "single.json").read_text(encoding="utf-8"))
    b = json.loads((work / "from.json").read_text(encoding="utf-8"))
    n = sum(len(s["articles"]) for s in a)
    report = {
        "articles": n,
        "cores": args.cores,
        "single_seconds": round(single, 1),
        "single_cpu_seconds": round(single_cpu, 1),
        "single_articles_per_cpu_second": round(n / single_cpu, 1),
        "spark_seconds": round(spark, 1),
        "spark_articles_per_core_second": round(n / spark / args.cores, 1),
        "spark_summary": (work / "spark.txt").read_text(encoding="utf-8").strip(),
        "load_average": os.getloadavg()[0],
        "stories_from_seconds": round(answer, 1),
        "same_stories": pairs(a) == pairs(b),
        "identical_json": a == b,
    }
    if truth is not None:
        offset = len(str(folder)) + 1
        found = [[path[offset:] for path in s["articles"]] for s in b]
        labelled = [[label for label in group if label in truth] for group in found]
        report["spark_precision"], report["spark_recall"] = (
            round(x, 3) for x in precision_recall(labelled, truth)
        )
    print(json.dumps(report, indent=1))
    return 0 if report["same_stories"] else 1


if __name__ == "__main__":
    sys.exit(main())
