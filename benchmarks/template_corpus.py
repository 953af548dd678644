"""A template-heavy folder for bench_library.py: market reports, sports results and
weather copy written from a shared pool of sentence templates, as such desks write.

Its property (printed by ``python benchmarks/template_corpus.py N``): most word
trigrams of an article are held by thousands of unrelated articles (at 100k),
a copy keeps about 96% of its original's trigrams, and two unrelated articles
of one desk share 7-12% of their trigrams. Copies are edited lightly (a word
changed here and there, a figure updated, a dateline kept or dropped), some are
trimmed to their first paragraphs, some carry a donation appeal. The truth is
kept as in bench_library's own generator: {label: story}, stories > 0,
unrelated articles < 0.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

DESKS = {
    "markets": [
        "shares of {co} rose {pct} percent to {num} in early trading on {date}",
        "shares of {co} fell {pct} percent to {num} after the company cut its forecast",
        "the benchmark index closed {pct} percent higher at {num} points on {date}",
        "the benchmark index closed {pct} percent lower at {num} points on {date}",
        "analysts had expected earnings of {num} per share according to a poll of analysts",
        "the company said net profit rose to {num} million from {num2} million a year earlier",
        "revenue fell {pct} percent to {num} million in the quarter the company said",
        "{co} said it would buy back shares worth up to {num} million",
        "the dollar was little changed against the yen at {num} on {date}",
        "oil prices rose {pct} percent to {num} a barrel as traders weighed supply concerns",
        "gold was steady at {num} an ounce in {city} on {date}",
        "trading volume was {pct} percent above the average of the past month",
        "the central bank is expected to keep interest rates on hold at its next meeting",
        "investors are waiting for inflation data due on {date} for clues on interest rates",
        "{name} an analyst at {co} said the results were better than expected",
        "the stock has gained {pct} percent so far this year",
        "{co} is due to report results on {date}",
        "bond yields rose to {num} percent the highest level since {month}",
    ],
    "sports": [
        "{team} beat {team2} {score} on {date} to move {pos} in the league",
        "{team} lost {score} at home to {team2} on {date}",
        "{name} scored twice as {team} came from behind to win in {city}",
        "the match was played in front of a crowd of {num} at the stadium",
        "{name} was sent off in the second half for a second yellow card",
        "the coach said after the game that his team had deserved the win",
        "{team} are {pos} in the table with {num2} points from {num3} games",
        "{name} has now scored {num3} goals this season in all competitions",
        "the result leaves {team2} {pos} with {num3} games left to play",
        "{team} will play {team2} in the next round on {date}",
        "{name} missed the game with an injury and is expected back next month",
        "the referee awarded a penalty after a review in the {num3}th minute",
        "{team} have not lost at home since {month}",
        "the two sides meet again in the cup final in {city} in {month}",
        "{name} said we played well in the first half but we have to keep going",
        "tickets for the game sold out within hours the club said",
    ],
    "weather": [
        "temperatures in {city} are expected to reach {num3} degrees on {date}",
        "the weather service issued a warning for heavy rain in {city} and surrounding areas",
        "up to {num3} centimetres of snow could fall in the mountains by {date}",
        "winds of up to {num} kilometres an hour are forecast along the coast",
        "the heat wave is expected to last until {date} forecasters said",
        "residents were advised to stay indoors and drink plenty of water",
        "flights at {city} airport were delayed because of fog on {date}",
        "the storm is moving north at {num3} kilometres an hour the weather service said",
        "schools in {city} will remain closed on {date} officials said",
        "rainfall in {month} was {pct} percent above the long term average",
        "the river in {city} rose to {num} metres its highest level since {month}",
        "farmers said the dry spell had damaged crops across the region",
        "forecasters said conditions would improve by the weekend",
        "power was cut to about {num} homes in {city} the utility said",
    ],
}
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
POSITIONS = ["top", "second", "third", "fourth", "fifth", "sixth", "bottom"]


class Desks:
    """The fillers of the templates' slots: names drawn from pools of a fixed size, so
    that a company or a team recurs across unrelated reports as it does on a desk."""

    def __init__(self, rnd: random.Random, vocab: list[str]) -> None:
        self.rnd = rnd
        words = [w for w in vocab if w.isalpha() and len(w) > 3][:8000]
        rnd.shuffle(words)
        self.companies = [
            f"{words[i]} {rnd.choice(('corp', 'group', 'holdings', 'bank'))}" for i in range(1000)
        ]
        self.teams = [
            f"{words[1000 + i]} {rnd.choice(('united', 'city', 'rovers', 'fc'))}" for i in range(400)
        ]
        self.people = [f"{words[1400 + i]} {words[3000 + i]}" for i in range(1500)]
        self.cities = [words[4500 + i] for i in range(1500)]

    def fill(self, template: str) -> str:
        rnd = self.rnd
        slots = {
            "co": rnd.choice(self.companies),
            "team": rnd.choice(self.teams),
            "team2": rnd.choice(self.teams),
            "name": rnd.choice(self.people),
            "city": rnd.choice(self.cities),
            "date": f"{rnd.choice(MONTHS)} {rnd.randrange(1, 29)}",
            "month": rnd.choice(MONTHS),
            "pos": f"{rnd.choice(POSITIONS)} on {rnd.randrange(10, 99)} points",
            "pct": f"{rnd.randrange(1, 30)}.{rnd.randrange(10)}",
            "num": f"{rnd.randrange(10, 9999)}.{rnd.randrange(100):02d}",
            "num2": str(rnd.randrange(10, 999)),
            "num3": str(rnd.randrange(2, 60)),
            "score": f"{rnd.randrange(6)}-{rnd.randrange(6)}",
        }
        return template.format(**slots)

    def sentence(self, desk: str) -> str:
        text = self.fill(self.rnd.choice(DESKS[desk]))
        return text[0].upper() + text[1:] + "."

    def paragraphs(self, desk: str, n: int) -> list[str]:
        return [" ".join(self.sentence(desk) for _ in range(self.rnd.randint(1, 2))) for _ in range(n)]


def lightly_edited(rnd: random.Random, desks: Desks, words: list[str], paras: list[str]) -> list[str]:
    """A copy as a republisher makes it: about one word in 40 changed or inserted, a
    figure updated; three copies in ten trimmed to their first paragraphs."""
    out = []
    for p in paras:
        ws = p.split()
        for _ in range(sum(1 for _ in ws if rnd.random() < 0.01)):
            j = rnd.randrange(len(ws))
            if rnd.random() < 0.5:
                ws[j] = rnd.choice(words)
            else:
                ws.insert(j, rnd.choice(words))
        out.append(" ".join(ws))
    if len(out) > 3 and rnd.random() < 0.3:
        out = out[: max(4, round(len(out) * rnd.uniform(0.35, 0.9)))]
    return out


def build(corpus, desks: Desks) -> None:
    """Fill ``corpus`` (a bench_library.Corpus) with template-heavy stories and reports."""
    rnd = corpus.rnd
    words = corpus.w.vocab[:3000]
    story = 0
    while corpus.count < corpus.n:
        left = corpus.n - corpus.count
        desk = rnd.choice(list(DESKS))
        paras = desks.paragraphs(desk, rnd.randint(6, 16))
        day, hour = rnd.randrange(300), rnd.randrange(6, 14)
        if rnd.random() < 0.2 and left >= 2:
            story += 1
            versions = min(rnd.randint(2, 10), left)
            lead = f"{rnd.choice(desks.cities).upper()} (Reuters) - "
            corpus._write([lead + paras[0], *paras[1:]], story, corpus._date(day, hour), original=True)
            for v in range(1, versions):
                copy = lightly_edited(rnd, desks, words, paras)
                if rnd.random() < 0.3:
                    copy[0] = lead + copy[0]
                if rnd.random() < 0.1:
                    copy += ["Support independent journalism: subscribe from 2 a month.", "Remind me later."]
                corpus._write(copy, story, corpus._date(day, hour + v))
        else:
            corpus._write(paras, None, corpus._date(day, rnd.randrange(24)))


def _trigrams(text: str) -> set[str]:
    ws = text.lower().replace(".", " ").split()
    return {" ".join(ws[i : i + 3]) for i in range(len(ws) - 2)}


def properties(n: int, seed: int = 11) -> dict[str, float]:
    """The generator's property, measured on n articles written in memory."""
    from collections import Counter

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_library import Corpus

    texts: dict[str, str] = {}

    class Memory(Corpus):
        def _write(self, paras, story, date, original=False):
            self.count += 1
            label = f"a{self.count}"
            texts[label] = "\n\n".join(paras)
            self.truth[label] = story if story is not None else -self.count
            if original:
                self.originals[story] = label

    corpus = Memory(Path("/nonexistent"), n, seed)
    build(corpus, Desks(corpus.rnd, corpus.w.vocab))
    grams = {k: _trigrams(t) for k, t in texts.items()}
    df = Counter(g for s in grams.values() for g in s)
    rnd = random.Random(1)
    labels = list(texts)
    common = [sum(df[g] >= 1000 for g in grams[k]) / max(1, len(grams[k])) for k in labels[:2000]]
    kept, shared = [], []
    by_story: dict[int, list[str]] = {}
    for k, s in corpus.truth.items():
        by_story.setdefault(s, []).append(k)
    for s, ks in by_story.items():
        if s > 0:
            orig = grams[corpus.originals[s]]
            for k in ks:
                if k != corpus.originals[s] and len(grams[k]) >= 0.95 * len(orig) * 0.9:
                    kept.append(len(orig & grams[k]) / len(orig))
    alone = [k for k in labels if corpus.truth[k] < 0]
    for _ in range(3000):
        a, b = rnd.sample(alone, 2)
        shared.append(len(grams[a] & grams[b]) / max(1, len(grams[a])))
    same_desk = sorted(shared)[len(shared) // 2 :]
    return {
        "articles": n,
        "share of an article's trigrams held by >= 1000 articles (median)": sorted(common)[len(common) // 2],
        "untrimmed copy keeps (mean)": sum(kept) / len(kept),
        "unrelated pair shares (mean, all)": sum(shared) / len(shared),
        "unrelated pair shares (mean, upper half: same desk)": sum(same_desk) / len(same_desk),
    }


if __name__ == "__main__":
    for key, value in properties(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000).items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
