"""Warm start of the app on a large folder: from launch to the first rows on screen.

Target (issue 4): <= 1 s for 100k articles once the folder is indexed. Generates
the folder with bench_library.py's generator (under --workdir, reused when there),
indexes it once in a fresh cache, then starts the real app headless (80x24) in a
new process each time and reports, median of --repeat runs:

  first rows   ReaderApp created -> the table shows the index's first rows
  refreshed    ... -> the refresh that finds nothing changed has ended (stat of every file)

    python benchmarks/bench_app_start.py [--sizes 2000 100000] [--workdir DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


async def measure(folder: Path) -> dict:
    from reader.ui.app import ReaderApp

    started = time.perf_counter()
    app = ReaderApp([folder])
    first = None
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            await pilot.pause(0.005)
            screen = app.screen
            table = getattr(screen, "table", None) if type(screen).__name__ == "ListScreen" else None
            if first is None and table is not None and table.order:
                first = time.perf_counter() - started
            if getattr(screen, "loaded", False):
                break
        return {"first": first, "refreshed": time.perf_counter() - started, "rows": len(screen.table.order)}


def one_run(folder: Path, cache: Path) -> dict:
    """The app in a process of its own: nothing imported or cached from the last run."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = [sys.executable, __file__, "--measure", str(folder)]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 100000])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(asyncio.run(measure(args.measure))))
        return 0
    from bench_library import generate

    from reader.library import Library

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wire-reader-bench-"))
    print(f"{'articles':>9} {'index':>8} {'first rows':>11} {'refreshed':>10}")
    for size in args.sizes:
        folder = workdir / f"articles-{size}"
        if not folder.exists():
            generate(folder, size)
        with tempfile.TemporaryDirectory(prefix="wire-reader-cache-") as cache:
            os.environ["XDG_CACHE_HOME"] = cache
            t0 = time.perf_counter()
            with Library.open(folder) as lib:
                lib.refresh()
            index = time.perf_counter() - t0
            runs = [one_run(folder, Path(cache)) for _ in range(args.repeat)]
        first = statistics.median(r["first"] for r in runs)
        refreshed = statistics.median(r["refreshed"] for r in runs)
        print(f"{size:>9} {index:>7.1f}s {first:>10.2f}s {refreshed:>9.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
