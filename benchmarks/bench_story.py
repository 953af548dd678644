"""Speed of the story view: one 1k-word base and 20 copies with realistic edits.

Target: the story for 20 copies of a 1k-word story opens in <= 1 s. Prints
the in-process times (loading the 21 files, build_story, and rendering the
JSON and HTML forms), then whole-process times of ``reader story`` (terminal
table, --json, --html), which include Python's start-up and imports: wall-clock
time and CPU time (the median wall time, and the mean CPU time, which a busy
machine does not inflate).

The copies come from tests/story/storygen.py: trimmed endings, cut, merged,
split and moved paragraphs, word edits, retyped quotes, added context and
appended donation appeals.

    python benchmarks/bench_story.py [--copies 20] [--words 1000] [--repeat 5] [--workers]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "story"))

from storygen import make_story  # noqa: E402

from reader.core.compare import compare  # noqa: E402
from reader.core.loading import load_file  # noqa: E402
from reader.core.story import build_story, story_from  # noqa: E402
from reader.html import story_page  # noqa: E402
from reader.view.story_json import story_json  # noqa: E402

TARGET = 1.0


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _compare_with(args: tuple) -> object:
    base, copy = args
    return compare(base, copy)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--workers", action="store_true", help="also time the comparisons in a 2-process pool, for reference"
    )
    args = ap.parse_args()
    reader_cmd = shutil.which("reader")
    cmd = [reader_cmd] if reader_cmd else [sys.executable, "-m", "reader.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        case = make_story(2024, copies=args.copies, words=args.words, edits=6)
        base_path, copy_paths = case.write(Path(tmp))
        paths = [base_path, *copy_paths]

        def load_all():
            return [load_file(p)[0][0] for p in paths]

        load_time = timed(load_all, args.repeat)
        base, *copies = load_all()
        build_time = timed(lambda: build_story(base, copies), args.repeat)
        story = build_story(base, copies)
        json_time = timed(lambda: story_json(story), args.repeat)
        html_time = timed(lambda: story_page(story), args.repeat)
        rows = [
            ("load 21 files", load_time),
            (f"build_story ({len(copies)} comparisons)", build_time),
            ("story JSON form", json_time),
            ("story HTML page", html_time),
        ]
        if args.workers:
            from concurrent.futures import ProcessPoolExecutor

            def pooled():
                with ProcessPoolExecutor(2) as pool:
                    return story_from(base, list(pool.map(_compare_with, [(base, c) for c in copies])))

            rows.append(("build_story, 2 processes (reference)", timed(pooled, args.repeat)))
        for label, extra in (("table", []), ("--json", ["--json"]), ("--html", ["--html"])):
            run = [*cmd, "story", *map(str, paths), "--width", "80", *extra]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            whole = timed(
                lambda run=run: subprocess.run(
                    run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
                ),
                args.repeat,
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / args.repeat
            rows.append((f"reader story {label} (whole process, wall)", whole))
            rows.append((f"reader story {label} (whole process, CPU)", cpu))
        page_kb = len(story_page(story).encode("utf-8")) / 1024
    print(
        f"story: {base.words}-word base, {len(copies)} copies, {len(story.rows)} rows; "
        f"HTML page {page_kb:.0f} KB"
    )
    for label, seconds in rows:
        print(f"  {label:<44} {1000 * seconds:8.1f} ms")
    in_app = load_time + build_time
    verdict = "ok" if in_app <= TARGET else "TOO SLOW"
    print(f"story view (load + build): {1000 * in_app:.0f} ms, target <= {1000 * TARGET:.0f} ms: {verdict}")
    return 0 if in_app <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
