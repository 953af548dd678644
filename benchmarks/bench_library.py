"""Large folders: index, warm start, `similar`, `stories`, memory, and stories' precision/recall.

Generates a folder of N articles (never inside the repository: in a temporary
folder, or under --workdir): stories of 2-10 versions of one wire text with the
edits republishers make (a dropped dateline, a trimmed ending, merged and
split paragraphs, word edits, retyped quotes, a rewritten lede, an appended
donation appeal, JSON Lines feeds with dates), plus unrelated articles built
from the same stock of common phrases and stock sentences, some quoting a
sentence of a story as an independent write-up would. The truth (which
article belongs to which story) is written beside the folder, not in it.

For each size it reports, with the index in a fresh cache folder:
  cold index   Library.open + refresh of the new folder (a separate process)
  warm start   Library.open + the first 100 rows() (a separate process)
  warm refresh a refresh that finds nothing changed (stat of every file)
  similar      one similar() query in process (median of 199 seeds, index in memory)
  stories      stories() in a process of its own, first call (the answer is then cached)
  peak memory  max resident set of each process (and of the index workers): indexing,
               rows + similar, stories; the table shows the largest
  P / R        pairwise precision and recall of stories() against the truth
  original     share of stories whose first article is the generator's original

    python benchmarks/bench_library.py [--sizes 10000 100000] [--workdir DIR] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# --- the generator --------------------------------------------------------------

PLACES = [
    "SEOUL",
    "GENEVA",
    "WASHINGTON",
    "PARIS",
    "NAIROBI",
    "TOKYO",
    "KYIV",
    "LIMA",
    "CAIRO",
    "BERLIN",
    "NEW DELHI",
    "BOGOTA",
    "MANILA",
    "JAKARTA",
    "LAGOS",
    "MADRID",
    "ANKARA",
    "HANOI",
    "DAKAR",
    "ROME",
]
AGENCIES = [("AFP", ":"), ("Reuters", "–"), ("AP", "—"), ("AFP", "-"), ("Reuters", "-")]
# Phrases that every news text uses: shared by unrelated articles, they must not tie them together.
PHRASES = [
    "according to the ministry",
    "said in a statement",
    "told reporters on",
    "on Wednesday",
    "on Tuesday",
    "last year",
    "the prime minister",
    "the United Nations",
    "in a statement on",
    "the foreign ministry said",
    "local media reported",
    "officials said",
    "it was not immediately clear",
    "the country's",
    "security forces",
    "in the capital",
    "state media reported",
    "human rights groups",
    "the opposition",
    "the central bank",
    "interest rates",
    "the government said",
    "earlier this month",
    "the European Union",
    "the White House",
    "a spokesman for",
    "in recent weeks",
    "more than 100",
    "the head of",
    "the finance ministry",
    "the election commission",
    "police said",
    "the army said",
    "the president's office",
    "in a televised address",
    "under pressure",
    "at least",
    "for the first time",
]
STOCK = [
    "The ministry did not immediately respond to a request for comment.",
    "Police said an investigation was under way.",
    "The story has been updated with more details.",
    "It was not immediately clear how many people were affected.",
    "Officials did not give further details.",
    "The company declined to comment.",
    "The United Nations has called for restraint on all sides.",
    "More than 100 people have been killed since the fighting began, according to the United Nations.",
    "The government has repeatedly denied the allegations.",
    "The central bank is due to meet again next month to decide on interest rates.",
    "Rights groups have accused security forces of using excessive force.",
    "The opposition said it would challenge the result in court.",
    "Markets were closed for a public holiday.",
    "Analysts said the move was largely expected.",
    "The embassy said it was in contact with the families.",
    "This is a developing story.",
]
APPEAL = [
    "A Message from {outlet}:",
    "Dear readers,",
    "We are facing unprecedented challenges. Your support, no matter how small, makes a world of "
    "difference. If you can, please support us monthly starting from just $2.",
    "Remind me later.",
]
OUTLETS = [f"outlet-{i:02d}" for i in range(40)]
OUTLET_NAMES = ["The Daily Example", "The Harbour Times", "Metro Ledger", "The Northern Post", "Courier"]


def vocabulary(rnd: random.Random, size: int = 20000) -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    counts = Counter(w.strip(".,“”\"'’():—").lower() for w in text.split())
    counts.pop("", None)
    # Most frequent first: the Zipf draw below favours the head of the list, as prose does.
    words = sorted(counts, key=lambda w: (-counts[w], w))
    letters = "abcdefghijklmnopqrstuvwxyz"
    seen = set(words)
    while len(words) < size:
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(3, 10)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


class Writer:
    """Draws sentences and paragraphs: Zipf-like words, common phrases, stock sentences."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.vocab = vocabulary(rnd)

    def word(self) -> str:
        rnd = self.rnd
        if rnd.random() < 0.5:  # the common words recur, as in prose
            return self.vocab[min(int(rnd.paretovariate(1.1)) - 1, len(self.vocab) - 1)]
        return self.vocab[rnd.randrange(len(self.vocab))]

    def sentence(self) -> str:
        rnd = self.rnd
        ws = [self.word() for _ in range(rnd.randint(8, 26))]
        if rnd.random() < 0.45:
            k = rnd.randrange(len(ws))
            ws[k:k] = rnd.choice(PHRASES).split()
        if rnd.random() < 0.25:  # a quotation
            k = rnd.randrange(0, len(ws) - 3)
            ws[k] = "“" + ws[k]
            ws[k + 3] = ws[k + 3] + ",”"
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        return " ".join(ws) + "."

    def paragraphs(self, n: int) -> list[list[str]]:
        out = []
        for _ in range(n):
            para = [self.sentence() for _ in range(self.rnd.randint(1, 3))]
            if self.rnd.random() < 0.12:
                para.append(self.rnd.choice(STOCK))
            out.append(para)
        return out


def edited(rnd: random.Random, w: Writer, paras: list[list[str]]) -> list[list[str]]:
    """A republished version of ``paras``: the edits copy desks make."""
    paras = [list(p) for p in paras]
    if len(paras) > 3 and rnd.random() < 0.6:  # a trimmed ending
        paras = paras[: max(3, round(len(paras) * rnd.uniform(0.5, 0.95)))]
    if len(paras) > 4 and rnd.random() < 0.2:  # a paragraph cut from the middle
        del paras[rnd.randrange(1, len(paras) - 1)]
    for _ in range(rnd.choice((0, 0, 1, 2))):  # merged paragraphs
        if len(paras) > 2:
            k = rnd.randrange(len(paras) - 1)
            paras[k : k + 2] = [paras[k] + paras[k + 1]]
    if rnd.random() < 0.3:  # a split paragraph
        k = rnd.randrange(len(paras))
        if len(paras[k]) > 1:
            paras[k : k + 1] = [paras[k][:1], paras[k][1:]]
    for p in paras:  # word edits
        for i, s in enumerate(p):
            if rnd.random() < 0.15:
                ws = s.split()
                for _ in range(rnd.randint(1, 2)):
                    j = rnd.randrange(len(ws))
                    op = rnd.random()
                    if op < 0.5:
                        ws[j] = w.word()
                    elif op < 0.75:
                        ws.insert(j, w.word())
                    elif len(ws) > 4:
                        del ws[j]
                p[i] = " ".join(ws)
    if rnd.random() < 0.2:  # a rewritten lede
        ws = paras[0][0].split()
        half = len(ws) // 2
        paras[0][0] = " ".join([w.word() for _ in range(half)] + ws[half:])
    return paras


def retype_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("’", "'")


class Corpus:
    """Builds the folder: files, JSON Lines feeds, and the truth {label: story}."""

    def __init__(self, folder: Path, n: int, seed: int = 11) -> None:
        self.folder = folder
        self.n = n
        self.rnd = random.Random(seed)
        self.w = Writer(self.rnd)
        self.truth: dict[str, int] = {}
        self.originals: dict[int, str] = {}
        self.count = 0
        self.feeds: dict[str, list[dict]] = {}

    def build(self) -> None:
        rnd = self.rnd
        story = 0
        quotable: list[str] = []
        # About 60% of the articles are versions of stories, 40% unrelated.
        while self.count < self.n:
            left = self.n - self.count
            if rnd.random() < 0.2 and left >= 2:  # a story of 2-10 versions (mean 6): 60% of articles
                story += 1
                quotable.extend(self.story(story, min(rnd.randint(2, 10), left)))
            else:
                self.unrelated(quotable)
        for name, records in self.feeds.items():
            if len(records) == 1:  # the loader numbers records (from 1) only in files of several
                story_id = self.truth.pop(f"{name}#1")
                self.truth[name] = story_id
                for k, v in self.originals.items():
                    if v == f"{name}#1":
                        self.originals[k] = name
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8") as handle:
                for r in records:
                    handle.write(json.dumps(r, ensure_ascii=False) + "\n")

    def _write(self, paras: list[str], story: int | None, date: str, original: bool = False) -> None:
        rnd = self.rnd
        outlet = rnd.choice(OUTLETS)
        self.count += 1
        if rnd.random() < 0.1:  # a scraper's JSON Lines feed, one per outlet and month
            name = f"{outlet}/feed-{date[:7]}.jsonl"
            records = self.feeds.setdefault(name, [])
            label = f"{name}#{len(records) + 1}"
            title = " ".join(paras[0].split()[:8])
            records.append({"title": title, "text": "\n\n".join(paras), "date": date, "source": outlet})
        else:
            suffix = ".md" if rnd.random() < 0.05 else ".txt"
            name = f"{outlet}/{date[:7]}/{self.count:07d}{suffix}"
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
            label = name
        story_id = story if story is not None else -self.count
        self.truth[label] = story_id
        if original:
            self.originals[story_id] = label

    def _date(self, day: int, hour: int) -> str:
        return f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}T{hour:02d}:{self.rnd.randrange(60):02d}:00Z"

    def story(self, story: int, versions: int) -> list[str]:
        rnd = self.rnd
        paras = self.w.paragraphs(rnd.randint(4, 18))
        place = rnd.choice(PLACES)
        agency, sep = rnd.choice(AGENCIES)
        day, hour = rnd.randrange(300), rnd.randrange(6, 14)
        lead = f"{place} ({agency}) {sep} "
        texts = [" ".join(p) for p in paras]
        self._write([lead + texts[0], *texts[1:]], story, self._date(day, hour), original=True)
        made = [paras]
        for v in range(1, versions):
            base = made[rnd.randrange(len(made))] if rnd.random() < 0.3 else paras
            copy = edited(rnd, self.w, base)
            made.append(copy)
            texts = [" ".join(p) for p in copy]
            if rnd.random() < 0.3:  # the dateline kept
                texts[0] = lead + texts[0]
            if rnd.random() < 0.5:
                texts = [retype_quotes(t) for t in texts]
            if rnd.random() < 0.3:
                outlet = rnd.choice(OUTLET_NAMES)
                texts += [line.format(outlet=outlet) for line in APPEAL]
            self._write(texts, story, self._date(day, hour + v))
        # A sentence another outlet's own write-up of the news might quote.
        return [s for s in paras[rnd.randrange(len(paras))] if "“" in s][:1]

    def unrelated(self, quotable: list[str]) -> None:
        rnd = self.rnd
        size = rnd.choice((2, 3, 5, 8, 10, 12, 15))
        quoting = quotable and rnd.random() < 0.15  # an independent write-up of a story's news
        if quoting:
            size = max(size, 6)
        paras = self.w.paragraphs(size)
        for _ in range(rnd.randint(0, 3)):  # stock sentences, as agencies reuse them
            paras[rnd.randrange(size)].append(rnd.choice(STOCK))
        if quoting:  # ... which quotes what the story quotes
            paras[rnd.randrange(size)].append(rnd.choice(quotable[-200:]))
        texts = [" ".join(p) for p in paras]
        self._write(texts, None, self._date(rnd.randrange(300), rnd.randrange(24)))


def generate(folder: Path, n: int, kind: str = "wire") -> dict:
    """Write ``n`` articles into ``folder`` (which must not exist) and return the truth.
    ``kind``: "wire" (this module's generator) or "template" (template_corpus.py)."""
    folder.mkdir(parents=True)
    corpus = Corpus(folder, n)
    if kind == "template":
        from template_corpus import Desks, build

        build(corpus, Desks(corpus.rnd, corpus.w.vocab))
        corpus.n = 0  # written; build() below only writes the feeds
    corpus.build()
    return {"truth": corpus.truth, "originals": {str(k): v for k, v in corpus.originals.items()}}


# --- measuring ------------------------------------------------------------------


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def precision_recall(predicted: list[list[str]], truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall: over pairs of articles put in one story."""
    together = sum(pairs(len(group)) for group in predicted)
    sizes = Counter(truth.values())
    true_pairs = sum(pairs(c) for c in sizes.values())
    hits = 0
    for group in predicted:
        hits += sum(pairs(c) for c in Counter(truth[label] for label in group).values())
    precision = hits / together if together else 1.0
    recall = hits / true_pairs if true_pairs else 1.0
    return precision, recall


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def phase(name: str, folder: Path, workers: int | None) -> dict:
    """One measurement in this (fresh) process; printed as JSON for the parent."""
    from reader.library import Library

    out: dict = {"load": os.getloadavg()[0]}
    t0 = time.perf_counter()
    lib = Library.open(folder)
    if name == "cold":
        report = lib.refresh(workers=workers)
        out["seconds"] = time.perf_counter() - t0
        out["cpu"] = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
        out["articles"] = lib.count()
        out["files_read"] = report.read
        out["problems"] = len(report.problems)
    elif name == "warm":
        first = lib.rows(limit=100)
        out["seconds"] = time.perf_counter() - t0
        out["first_rows"] = len(first)
        t1 = time.perf_counter()
        all_rows = lib.rows()
        out["all_rows_seconds"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        report = lib.refresh(workers=workers)
        out["refresh_seconds"] = time.perf_counter() - t1
        out["refresh_read"] = report.read
        from reader.library.grouping import LINK

        rnd = random.Random(5)
        seeds = [all_rows[rnd.randrange(len(all_rows))] for _ in range(200)]
        t1 = time.perf_counter()
        lib.similar(seeds[0].id)  # the first query loads nothing more, but warms SQLite's cache
        out["similar_first_seconds"] = time.perf_counter() - t1
        times = []
        # What similar ranks at or above the story threshold, for its precision.
        out["similar_above"] = above = []
        for row in seeds[1:]:
            t1 = time.perf_counter()
            found = lib.similar(row.id, limit=20)
            times.append(time.perf_counter() - t1)
            above.append([row.label, [m.row.label for m in found if m.score >= LINK]])
        out["similar_seconds"] = statistics.median(times)
        out["similar_max_seconds"] = max(times)
    elif name == "stories":
        # A process of its own, so that its peak memory is the grouping's, not the
        # rows that the warm phase holds.
        t1 = time.perf_counter()
        stories = lib.stories()
        out["stories_seconds"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        lib.stories()
        out["stories_cached_seconds"] = time.perf_counter() - t1
        out["grouping_peak_mb"] = peak_mb()  # before the labels below are made for the report
        out["stories"] = [[m.label for m in s.members] for s in stories]
    lib.close()
    out["peak_mb"] = peak_mb()
    out["children_peak_mb"] = peak_mb(resource.RUSAGE_CHILDREN)
    return out


def run_phase(name: str, folder: Path, cache: Path, workers: int | None) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    cmd = [sys.executable, __file__, "--phase", name, "--folder", str(folder)]
    if workers:
        cmd += ["--workers", str(workers)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {name} failed")
    return json.loads(done.stdout)


def bench(size: int, workdir: Path, workers: int | None, kind: str = "wire") -> dict:
    name = str(size) if kind == "wire" else f"{kind}-{size}"
    folder = workdir / f"articles-{name}"
    truth_file = workdir / f"truth-{name}.json"
    if not truth_file.exists():
        if folder.exists():
            shutil.rmtree(folder)
        t0 = time.perf_counter()
        data = generate(folder, size, kind)
        truth_file.write_text(json.dumps(data), encoding="utf-8")
        print(f"generated {size} articles in {time.perf_counter() - t0:.1f} s: {folder}", file=sys.stderr)
    data = json.loads(truth_file.read_text(encoding="utf-8"))
    cache = Path(tempfile.mkdtemp(prefix="wire-reader-cache-"))
    try:
        cold = run_phase("cold", folder, cache, workers)
        warm = run_phase("warm", folder, cache, workers)
        grouped = run_phase("stories", folder, cache, workers)
        db_mb = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) / 1e6
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    precision, recall = precision_recall(grouped["stories"], data["truth"])
    truth = data["truth"]
    ranked = [(seed, m) for seed, found in warm["similar_above"] for m in found]
    similar_precision = sum(truth[s] == truth[m] for s, m in ranked) / len(ranked) if ranked else 1.0
    originals = set(data["originals"].values())
    multi = [s for s in grouped["stories"] if len(s) > 1]
    first_ok = sum(1 for s in multi if s[0] in originals)
    return {
        "kind": kind,
        "size": size,
        "articles": cold["articles"],
        "cold": cold["seconds"],
        "cold_cpu": cold["cpu"],
        "load": max(cold["load"], warm["load"], grouped["load"]),
        "warm": warm["seconds"],
        "all_rows": warm["all_rows_seconds"],
        "refresh": warm["refresh_seconds"],
        "similar": warm["similar_seconds"],
        "similar_max": warm["similar_max_seconds"],
        "stories": grouped["stories_seconds"],
        "stories_cached": grouped["stories_cached_seconds"],
        "peak": max(cold["peak_mb"], warm["peak_mb"], grouped["grouping_peak_mb"]),
        "cold_peak": cold["peak_mb"],
        "warm_peak": warm["peak_mb"],
        "stories_peak": grouped["grouping_peak_mb"],
        "workers_peak": cold["children_peak_mb"],
        "db_mb": db_mb,
        "precision": precision,
        "similar_precision": similar_precision,
        "similar_ranked": len(ranked),
        "recall": recall,
        "original_first": first_ok / len(multi) if multi else 1.0,
        "true_stories": len({v for v in data["truth"].values() if v > 0}),
        "found_stories": len(multi),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument(
        "--workdir", type=Path, help="generate (or reuse) the folders here instead of a temporary folder"
    )
    ap.add_argument("--workers", type=int, help="index worker processes (default: one per core)")
    ap.add_argument(
        "--kind",
        choices=("wire", "template", "both"),
        default="both",
        help="the generator: wire stories, template-heavy desk copy (template_corpus.py), or both",
    )
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.folder, args.workers)))
        return 0
    kinds = ("wire", "template") if args.kind == "both" else (args.kind,)
    if args.workdir is not None:
        workdir = args.workdir.resolve()
        if workdir == ROOT or ROOT in workdir.parents:
            ap.error("--workdir must be outside the repository")
        workdir.mkdir(parents=True, exist_ok=True)
        results = [bench(size, workdir, args.workers, kind) for kind in kinds for size in args.sizes]
    else:
        with tempfile.TemporaryDirectory(prefix="wire-reader-bench-") as tmp:
            results = [bench(size, Path(tmp), args.workers, kind) for kind in kinds for size in args.sizes]
    print(f"cores: {os.cpu_count()}, workers: {args.workers or 'one per core'}")
    head = (
        f"{'kind':>8} {'articles':>9} {'cold index':>10} {'warm start':>10} {'refresh':>8} {'similar':>8} "
        f"{'stories':>8} {'peak RSS':>9} {'workers':>8} {'index':>7} {'P':>6} {'R':>6} "
        f"{'sim P':>6} {'original':>8}"
    )
    print(head)
    for r in results:
        print(
            f"{r['kind']:>8} {r['articles']:>9} {r['cold']:>9.1f}s {r['warm'] * 1000:>8.0f}ms "
            f"{r['refresh']:>7.2f}s "
            f"{r['similar'] * 1000:>6.1f}ms {r['stories']:>7.1f}s {r['peak']:>6.0f} MB "
            f"{r['workers_peak']:>5.0f} MB {r['db_mb']:>4.0f} MB {r['precision']:>6.3f} {r['recall']:>6.3f} "
            f"{r['similar_precision']:>6.3f} {r['original_first']:>8.1%}"
        )
    for r in results:
        print(
            f"  {r['kind']} {r['articles']} articles: {r['similar_ranked']} matches of similar at or above "
            f"the story threshold; rows() of all in {r['all_rows']:.2f} s; similar max "
            f"{r['similar_max'] * 1000:.1f} ms; stories again (cached) {r['stories_cached'] * 1000:.0f} ms; "
            f"{r['found_stories']} stories of 2+ found, {r['true_stories']} made; cold index used "
            f"{r['cold_cpu']:.0f} s of CPU; peak RSS {r['cold_peak']:.0f} MB indexing, "
            f"{r['warm_peak']:.0f} MB for all rows + similar, {r['stories_peak']:.0f} MB for stories; "
            f"load average before the runs: {r['load']:.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
