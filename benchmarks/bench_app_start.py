"""Warm start of the app on a large folder: from launch to the first rows on screen.

Target (issue 4): <= 1 s for 100k articles once the folder is indexed. Generates
the folder with bench_library.py's generator (under --workdir, reused when there),
indexes it once in a fresh cache, then starts the real app headless (80x24) in a
new process each time and reports, median of --repeat runs:

  first rows   the app imported and created -> the table shows the index's first rows
  refreshed    ... -> the refresh that finds nothing changed has ended (stat of every file)
  longest stall  the longest the app's event loop did not answer meanwhile (keys wait
               that long), from the first rows to the end of the refresh

    python benchmarks/bench_app_start.py [--sizes 2000 100000] [--workdir DIR] [--repeat 3]
    python benchmarks/bench_app_start.py --indexed FOLDER   # a folder indexed by hand
                                       # (XDG_CACHE_HOME as it was indexed), e.g. 1M articles
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
    started = time.perf_counter()
    from reader.ui.app import ReaderApp

    app = ReaderApp([folder])
    first = None
    stall = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        last = time.perf_counter()
        while True:
            await pilot.pause(0.005)
            now = time.perf_counter()
            if first is not None:
                stall = max(stall, now - last - 0.005)
            last = now
            screen = app.screen
            table = getattr(screen, "table", None) if type(screen).__name__ == "ListScreen" else None
            if first is None and table is not None and table.order:
                first = now - started
            if getattr(screen, "loaded", False):
                break
        return {
            "first": first,
            "refreshed": time.perf_counter() - started,
            "stall": stall,
            "rows": len(screen.table.order),
        }


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
    parser.add_argument("--indexed", type=Path, help="measure this folder, already indexed, only")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(asyncio.run(measure(args.measure))))
        return 0
    head = f"{'articles':>9} {'index':>8} {'first rows':>11} {'refreshed':>10} {'longest stall':>14}"
    if args.indexed:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        runs = [one_run(args.indexed, cache) for _ in range(args.repeat)]
        print(head)
        _row(runs[0]["rows"], None, runs)
        return 0
    from bench_library import generate

    from reader.library import Library

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="wire-reader-bench-"))
    print(head)
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
        _row(size, index, runs)
    return 0


def _row(size: int, index: float | None, runs: list[dict]) -> None:
    first = statistics.median(r["first"] for r in runs)
    refreshed = statistics.median(r["refreshed"] for r in runs)
    stall = statistics.median(r["stall"] for r in runs)
    indexed = f"{index:>7.1f}s" if index is not None else f"{'(before)':>8}"
    print(f"{size:>9} {indexed} {first:>10.2f}s {refreshed:>9.2f}s {stall:>13.2f}s")


if __name__ == "__main__":
    sys.exit(main())
