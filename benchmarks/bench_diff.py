"""Speed of comparing two articles: in-process align+diff, and whole `reader diff` runs.

Generates pairs of 1k, 10k, 100k and 1M words: an "original" made of sentences in
paragraphs, and a "copy" with the edits copy desks make (merged and split
paragraphs, a trimmed ending, moved paragraphs and sentences, word edits,
retyped quotes, an appended donation appeal). Then the 100k pair with each side
as one paragraph (the word diff's worst case: no word occurs once on each side of
a long stretch), and a 19 MB one-line pair, for the peak memory of the process.

align+diff is compare() timed in a fresh process each time, once both articles are
loaded: repeated in one process it would find its caches warm. These runs go in
rounds that take each pair in turn, and a growth (100k -> 1M words, one paragraph
against paragraphs) is the median of its ratios within the rounds. Whole runs of
`reader diff --color never` alternate with dwdiff's on the same pair
(apt-get install dwdiff; skipped with a line when it is missing), and the ratio is
the median of the ratios of each turn: a shared machine slows both alike. The child
processes run with compiled bytecode, as an installed package does.

    python benchmarks/bench_diff.py [--sizes 1000 10000 100000 1000000] [--repeat 5]
                                    [--no-one-paragraph] [--no-memory]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
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

Case = tuple[int, bool]  # (words, as one paragraph)


APPEAL = [
    "A Message from The Daily Example:",
    "Dear readers,",
    "We are facing unprecedented challenges. Your support, no matter how small, makes a world of "
    "difference. If you can, please support us monthly starting from just $2.",
    "Remind me later.",
]


def vocabulary(rnd: random.Random, size: int = 6000) -> list[str]:
    seed_words = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    words = sorted({w.strip(".,“”\"'’():—") for w in seed_words.split()} - {""})
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(words) < size:
        words.append("".join(rnd.choice(letters) for _ in range(rnd.randint(3, 10))))
    return words


def sentence(rnd: random.Random, vocab: list[str]) -> str:
    n = rnd.randint(8, 28)
    # Zipf-like: common words recur, as in prose.
    ws = [
        vocab[
            min(int(rnd.paretovariate(1.1)) - 1, len(vocab) - 1)
            if rnd.random() < 0.5
            else rnd.randrange(len(vocab))
        ]
        for _ in range(n)
    ]
    ws[0] = ws[0].capitalize()
    if rnd.random() < 0.3:
        k = rnd.randrange(1, n - 2)
        ws[k] = "“" + ws[k]
        ws[k + 2] = ws[k + 2] + ",”"
    return " ".join(ws) + "."


def original(rnd: random.Random, vocab: list[str], words: int) -> list[list[str]]:
    paras, total = [], 0
    while total < words:
        para = [sentence(rnd, vocab) for _ in range(rnd.randint(1, 3))]
        total += sum(len(s.split()) for s in para)
        paras.append(para)
    return paras


def edited_copy(rnd: random.Random, vocab: list[str], paras: list[list[str]]) -> list[str]:
    paras = [list(p) for p in paras]
    # A trimmed ending.
    paras = paras[: max(1, int(len(paras) * 0.93))]
    out: list[list[str]] = []
    k = 0
    while k < len(paras):
        p = list(paras[k])
        r = rnd.random()
        if r < 0.06 and k + 1 < len(paras):  # merge with the next
            p += paras[k + 1]
            k += 1
        elif r < 0.09 and len(p) > 1:  # split
            out.append(p[:1])
            p = p[1:]
        if rnd.random() < 0.15:  # word edits
            s = rnd.randrange(len(p))
            ws = p[s].split()
            for _ in range(rnd.randint(1, 3)):
                ws[rnd.randrange(len(ws))] = rnd.choice(vocab)
            p[s] = " ".join(ws)
        out.append(p)
        k += 1
    for _ in range(max(1, len(out) // 50)):  # moved paragraphs
        src = rnd.randrange(len(out))
        para = out.pop(src)
        out.insert(rnd.randrange(len(out) + 1), para)
    if len(out) > 4:  # a sentence moved up into an earlier paragraph
        src = rnd.randrange(len(out) // 2, len(out))
        if len(out[src]) > 1:
            out[rnd.randrange(0, len(out) // 2)].append(out[src].pop())
    texts = [" ".join(p) for p in out]
    texts = [t.replace("“", '"').replace("”", '"') for t in texts]
    return texts + APPEAL


def make_pair(folder: Path, words: int, seed: int = 7, one_line: bool = False) -> tuple[Path, Path]:
    rnd = random.Random(seed + words)
    vocab = vocabulary(rnd)
    paras = original(rnd, vocab, words)
    sep = " " if one_line else "\n\n"
    tag = "line" if one_line else "paras"
    a = folder / f"a_{words}_{tag}.txt"
    b = folder / f"b_{words}_{tag}.txt"
    a.write_text(sep.join(" ".join(p) for p in paras) + "\n", encoding="utf-8")
    b.write_text(sep.join(edited_copy(rnd, vocab, paras)) + "\n", encoding="utf-8")
    return a, b


def child_env(cache: str) -> dict[str, str]:
    """The environment of the timed runs: bytecode compiled once, as pip does at install,
    kept out of the working tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def run_timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system) and exit status of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.stderr:  # a crash exits 1, as "different" does
        raise SystemExit(f"bench_diff: {' '.join(cmd)}: {done.stderr.decode(errors='replace')[-2000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done.returncode


def alternating(reader: list[str], dwdiff: list[str] | None, runs: int, env: dict[str, str]) -> dict:
    """Median wall and CPU times of each, and the median ratios of the turns."""
    rows = []
    for _ in range(runs):
        r_wall, r_cpu, status = run_timed(reader, env)
        if status not in (0, 1):
            raise SystemExit(f"bench_diff: {' '.join(reader)} exited with {status}")
        d_wall, d_cpu = run_timed(dwdiff, env)[:2] if dwdiff else (None, None)
        rows.append((r_wall, r_cpu, d_wall, d_cpu))
    med = statistics.median
    out = {"wall": med(r[0] for r in rows), "cpu": med(r[1] for r in rows)}
    if dwdiff:
        out["dw_wall"] = med(r[2] for r in rows)
        out["dw_cpu"] = med(r[3] for r in rows)
        out["ratio"] = med(r[0] / r[2] for r in rows)
        out["cpu_ratio"] = med(r[1] / max(r[3], 1e-3) for r in rows)
    return out


def in_process_once(a_path: Path, b_path: Path, env: dict[str, str]) -> tuple[int, int, int, float]:
    """(words of A, of B, groups, seconds of compare()) in a process of its own, once both
    articles are loaded. Repeated in one process, the comparison would find its caches
    warm (sentences' keys and specifics, up to some thousands): all of them at 100k
    words, few at 1M, which made the growth look worse than it is and the small pairs
    faster than a real comparison."""
    once = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from reader.core.compare import compare\n"
        "from reader.core.loading import load_file\n"
        "(a,), _ = load_file(Path(sys.argv[1]))\n"
        "(b,), _ = load_file(Path(sys.argv[2]))\n"
        "t0 = time.perf_counter()\n"
        "groups = compare(a, b).groups\n"
        "print(json.dumps([a.words, b.words, len(groups), time.perf_counter() - t0]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", once, str(a_path), str(b_path)],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    wa, wb, ng, t = json.loads(out.stdout)
    return wa, wb, ng, t


def in_process_rounds(
    pairs: dict[Case, tuple[Path, Path]], repeats: dict[Case, int], env: dict[str, str]
) -> tuple[dict[Case, list[float]], dict[Case, tuple[int, int, int]]]:
    """compare() times of every pair, in rounds that take each pair in turn: a ratio of
    two sizes' times (the growth) is then taken within a round, a few seconds apart, not
    between runs minutes apart on a shared machine that speeds up and slows down. Also
    each pair's words of A and B and its groups."""
    times: dict[Case, list[float]] = {case: [] for case in pairs}
    sizes: dict[Case, tuple[int, int, int]] = {}
    for turn in range(max(repeats.values())):
        # Every other round in reverse, so that no pair always follows the same one (the
        # 1M one leaves the host's caches and memory in another state than the 10k one).
        order = list(pairs.items())
        for case, (a_path, b_path) in order if turn % 2 == 0 else reversed(order):
            if turn < repeats[case]:
                wa, wb, ng, t = in_process_once(a_path, b_path, env)
                times[case].append(t)
                sizes[case] = (wa, wb, ng)
    return times, sizes


def _each(times: dict[Case, list[float]], hi: Case, lo: Case) -> str:
    return " ".join(f"{h / low:.2f}" for h, low in zip(times[hi], times[lo], strict=False))


def ratio_of_rounds(times: dict[Case, list[float]], hi: Case, lo: Case) -> float:
    """The median, over the rounds that timed both, of ``hi``'s time over ``lo``'s (the
    first three for the 1M pair, timed three times; the table's medians take all)."""
    return statistics.median(h / low for h, low in zip(times[hi], times[lo], strict=False))


def peak_memory(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, peak resident memory (MB) and exit status of one run, measured by a
    wrapper process whose only child it is."""
    wrap = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "s = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, s)"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrap, *cmd], capture_output=True, text=True, env=env, check=True
    )
    wall, rss_kb, status = out.stdout.split()
    return float(wall), int(rss_kb) / 1024, int(status)


def import_time(module: str, env: dict[str, str]) -> float:
    """Milliseconds ``python -X importtime`` gives for importing ``module`` (median of 5)."""
    times = []
    for _ in range(5):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=ROOT,
        ).stderr
        last = [line for line in err.splitlines() if re.search(rf"\| {re.escape(module)}$", line)][-1]
        times.append(int(last.split("|")[1]) / 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-one-paragraph", action="store_true", help="skip the one-paragraph 100k pair")
    ap.add_argument("--no-memory", action="store_true", help="skip the 19 MB one-line pair")
    ap.add_argument("--memory-words", type=int, default=3_150_000, help="words of the one-line pair (19 MB)")
    args = ap.parse_args()
    reader_cmd = [shutil.which("reader")] if shutil.which("reader") else [sys.executable, "-m", "reader.cli"]
    dwdiff = shutil.which("dwdiff")
    if not dwdiff:
        print("dwdiff is not installed (apt-get install dwdiff): no ratios")
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(str(Path(tmp) / "pycache"))
        subprocess.run([*reader_cmd, "--version"], stdout=subprocess.DEVNULL, env=env, check=False)
        for module in ("reader.cli", "reader.cli.compare"):
            print(f"import {module}: {import_time(module, env):.1f} ms (python -X importtime)")
        cases: list[Case] = [(w, False) for w in args.sizes]
        if not args.no_one_paragraph:
            cases.append((100_000, True))
        pairs = {case: make_pair(Path(tmp), case[0], one_line=case[1]) for case in cases}
        repeats = {case: args.repeat if case[0] < 1_000_000 else min(args.repeat, 3) for case in cases}
        times, sizes = in_process_rounds(pairs, repeats, env)
        print("median of alternating runs; ratio = reader diff / dwdiff (wall, CPU)")
        print(
            f"{'pair':>14} {'A words':>8} {'B words':>8} {'groups':>7} {'align+diff':>11} "
            f"{'reader diff':>17} {'dwdiff':>15} {'ratio':>13}"
        )
        whole: dict[Case, float] = {}
        for case in cases:
            words, one_line = case
            a_path, b_path = pairs[case]
            wa, wb, ng = sizes[case]
            t = statistics.median(times[case])
            cmd = [*reader_cmd, "diff", "--color", "never", str(a_path), str(b_path)]
            dw_cmd = [dwdiff, str(a_path), str(b_path)] if dwdiff else None
            m = alternating(cmd, dw_cmd, max(3, repeats[case]), env)
            whole[case] = m["wall"]
            name = f"{words // 1000}k" + (" one para" if one_line else "")
            dw_s = f"{m['dw_wall'] * 1000:6.0f}ms ({m['dw_cpu'] * 1000:5.0f})" if dwdiff else "n/a".rjust(15)
            ratio = f"{m['ratio']:4.1f}x / {m['cpu_ratio']:4.1f}x" if dwdiff else "n/a".rjust(13)
            print(
                f"{name:>14} {wa:>8} {wb:>8} {ng:>7} {t * 1000:9.0f}ms "
                f"{m['wall'] * 1000:7.0f}ms ({m['cpu'] * 1000:6.0f}) {dw_s} {ratio:>13}",
                flush=True,
            )
        for lo, hi in ((10_000, 100_000), (100_000, 1_000_000)):
            if (lo, False) in times and (hi, False) in times:
                print(
                    f"growth {lo // 1000}k -> {hi // 1000}k: "
                    f"{ratio_of_rounds(times, (hi, False), (lo, False)):.1f}x in process "
                    f"(rounds: {_each(times, (hi, False), (lo, False))}), "
                    f"{whole[(hi, False)] / whole[(lo, False)]:.1f}x whole process"
                )
        if (100_000, True) in times and (100_000, False) in times:
            print(
                "100k as one paragraph / in paragraphs: "
                f"{ratio_of_rounds(times, (100_000, True), (100_000, False)):.2f}x in process "
                f"(rounds: {_each(times, (100_000, True), (100_000, False))}), "
                f"{whole[(100_000, True)] / whole[(100_000, False)]:.2f}x whole process"
            )
        if not args.no_memory:
            a_path, b_path = make_pair(Path(tmp), args.memory_words, one_line=True)
            size = a_path.stat().st_size / 1e6
            wall, rss, status = peak_memory(
                [*reader_cmd, "diff", "--color", "never", str(a_path), str(b_path)], env
            )
            print(
                f"one line of {size:.1f} MB: reader diff {wall:.1f} s, "
                f"peak memory {rss:.0f} MB, exit {status}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
