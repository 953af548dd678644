"""Speed of the story view in the app: from the `d` keypress to the matrix on screen.

Target: 20 copies of a 1k-word story open in <= 1 s. Drives the real app with
Textual's Pilot (headless, at 160x50 by default) on a generated story (one
1k-word wire base and 20 copies with realistic edits, from
tests/story/storygen.py): marks the 21 articles with `m`, then presses `d` and
waits until the story screen has drawn its matrix; `escape` and again. The
first opening pays for importing the story view's code; the others are the
median. The stories are built afresh each time (a new screen per `d`).

    python benchmarks/bench_story_view.py [--copies 20] [--words 1000] [--repeat 5] [--size 160x50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "story"))

from storygen import make_story  # noqa: E402

from reader.ui.app import ReaderApp  # noqa: E402

TARGET = 1.0


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def measure(folder: Path, size: tuple[int, int], repeat: int) -> list[tuple[float, float, float]]:
    """(keypress to matrix shown, the screen's own open-to-shown time, the build worker's time)."""
    from reader.ui.screens.list import ListScreen

    app = ReaderApp([folder])
    results = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ListScreen)
        table = screen.table
        for row in range(len(table.order)):
            table.move_cursor(row=row)
            await pilot.press("m")
        assert len(table.marks) == len(table.order)
        for _ in range(repeat):
            started = time.perf_counter()
            await pilot.press("d")
            story = app.screen
            while getattr(story, "shown_seconds", None) is None:
                await asyncio.sleep(0.001)
            wall = time.perf_counter() - started
            assert story.story is not None and story.matrix.display
            results.append((wall, story.shown_seconds, story.build_seconds or 0.0))
            await pilot.press("escape")
            await settle(pilot)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--size", default="160x50")
    args = ap.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        # The folder's index goes to a cache of the benchmark's own, never the user's.
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        folder = Path(tmp) / "story"
        case = make_story(2024, copies=args.copies, words=args.words, edits=6)
        case.write(folder)
        results = asyncio.run(measure(folder, (width, height), args.repeat + 1))
    first, rest = results[0], results[1:]
    print(f"story view: {args.copies} copies of a {args.words}-word story, at {width}x{height}")
    print(f"  first d (imports the view)      {1000 * first[0]:7.0f} ms   (build {1000 * first[2]:.0f} ms)")
    wall = statistics.median(r[0] for r in rest)
    inner = statistics.median(r[1] for r in rest)
    build = statistics.median(r[2] for r in rest)
    print(f"  d to matrix shown, median of {len(rest)}  {1000 * wall:7.0f} ms")
    print(f"    of which the screen's own      {1000 * inner:7.0f} ms   (build worker {1000 * build:.0f} ms)")
    worst = max(first[0], *(r[0] for r in rest))
    verdict = "ok" if worst <= TARGET else "TOO SLOW"
    print(f"slowest opening: {1000 * worst:.0f} ms, target <= {1000 * TARGET:.0f} ms: {verdict}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
