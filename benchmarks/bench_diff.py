"""Speed of comparing two articles: in-process align+diff, and whole `reader diff` runs.

Generates pairs of 1k, 10k and 100k words: an "original" made of sentences in
paragraphs, and a "copy" with the edits copy desks make (merged and split
paragraphs, a trimmed ending, moved paragraphs and sentences, word edits,
retyped quotes, an appended donation appeal). Prints a table of timings; where
dwdiff is installed (apt-get install dwdiff) it is timed on the same pair.

    python benchmarks/bench_diff.py [--sizes 1000 10000 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
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

from reader.core.compare import compare  # noqa: E402
from reader.core.loading import load_file  # noqa: E402

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


def make_pair(folder: Path, words: int, seed: int = 7) -> tuple[Path, Path]:
    rnd = random.Random(seed + words)
    vocab = vocabulary(rnd)
    paras = original(rnd, vocab, words)
    a = folder / f"a_{words}.txt"
    b = folder / f"b_{words}.txt"
    a.write_text("\n\n".join(" ".join(p) for p in paras) + "\n", encoding="utf-8")
    b.write_text("\n\n".join(edited_copy(rnd, vocab, paras)) + "\n", encoding="utf-8")
    return a, b


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def child_cpu(fn, repeat: int) -> float:
    """Median CPU time (user + system) of the child process ``fn`` runs: steadier than
    wall time on a shared machine."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        fn()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    reader_cmd = shutil.which("reader") or ""
    dwdiff = shutil.which("dwdiff")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for words in args.sizes:
            a_path, b_path = make_pair(Path(tmp), words)
            (a,), _ = load_file(a_path)
            (b,), _ = load_file(b_path)
            inproc = timed(lambda a=a, b=b: compare(a, b), args.repeat)
            groups = compare(a, b).groups
            cmd = [reader_cmd] if reader_cmd else [sys.executable, "-m", "reader.cli"]

            def run_reader(cmd=cmd, a_path=a_path, b_path=b_path):
                subprocess.run(
                    [*cmd, "diff", "--color", "never", str(a_path), str(b_path)],
                    stdout=subprocess.DEVNULL,
                    check=False,
                )

            def run_dwdiff(a_path=a_path, b_path=b_path):
                subprocess.run([dwdiff, str(a_path), str(b_path)], stdout=subprocess.DEVNULL, check=False)

            runs = max(3, args.repeat)
            whole, whole_cpu = timed(run_reader, runs), child_cpu(run_reader, runs)
            dw = dw_cpu = None
            if dwdiff:
                dw, dw_cpu = timed(run_dwdiff, runs), child_cpu(run_dwdiff, runs)
            rows.append((words, a.words, b.words, len(groups), inproc, whole, dw, whole_cpu, dw_cpu))
    print("median wall time (CPU time) of whole runs; ratio = reader diff / dwdiff, wall and CPU")
    print(
        f"{'words':>8} {'A words':>8} {'B words':>8} {'groups':>7} {'align+diff':>11} "
        f"{'reader diff':>18} {'dwdiff':>16} {'ratio':>14}"
    )
    for words, wa, wb, ng, inproc, whole, dw, whole_cpu, dw_cpu in rows:
        dw_s = f"{dw * 1000:6.0f}ms ({dw_cpu * 1000:4.0f})" if dw is not None else "n/a".rjust(16)
        ratio = f"{whole / dw:4.1f}x / {whole_cpu / dw_cpu:4.1f}x" if dw else "n/a".rjust(14)
        print(
            f"{words:>8} {wa:>8} {wb:>8} {ng:>7} {inproc * 1000:9.1f}ms "
            f"{whole * 1000:8.0f}ms ({whole_cpu * 1000:5.0f}) {dw_s} {ratio:>14}"
        )
    by_size = {r[0]: r[4] for r in rows}
    if 10_000 in by_size and 100_000 in by_size:
        print(f"growth 10k -> 100k (in process): {by_size[100_000] / by_size[10_000]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
