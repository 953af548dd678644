"""``reader align`` (one line per group), ``reader stats`` and ``reader list`` on a
terminal, with rich tables. Article text only ever enters rich as ``Text``."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from reader.core.metadata import language_of
from reader.core.model import Article, Comparison
from reader.view.runs import FACT_MARK
from reader.view.words import boilerplate_line, fact_words, group_label, plural

from .console import make_console
from .diff import print_header

LABEL = "bold cyan"
DIM = "dim"


def print_groups(comparison: Comparison) -> None:
    from rich.text import Text

    """``reader align`` without --json: one line per group."""
    console = make_console()
    print_header(console, comparison)
    for group in comparison.groups:
        line = Text(f"{group.kind:<11} ", style=LABEL)
        line.append(boilerplate_line(group) if group.kind == "boilerplate" else group_label(group))
        if group.a and group.b:
            line.append(f"  {group.similarity:.2f}", style=DIM)
        console.print(line)


def print_stats(comparison: Comparison) -> None:
    from rich.table import Table
    from rich.text import Text

    console = make_console()
    s, c = comparison.summary, comparison.summary.counts
    print_header(console, comparison)
    words = Table(title="Words", title_justify="left", box=None, padding=(0, 1))
    words.add_column("", style="bold", no_wrap=True)
    words.add_column("", justify="right", no_wrap=True)
    rows = [
        ("in A", comparison.a.words),
        ("in B", comparison.b.words),
        ("kept", c.kept),
        ("deleted", c.deleted),
        ("inserted", c.inserted),
        ("replaced (A → B)", f"{c.replaced_a} → {c.replaced_b}"),
        ("share of A kept in B", f"{round(100 * s.kept_share)}%"),
    ]
    for name, value in rows:
        words.add_row(name, str(value))
    t = s.tally
    paragraphs = Table(title="Paragraphs", title_justify="left", box=None, padding=(0, 1))
    paragraphs.add_column("", style="bold", no_wrap=True)
    paragraphs.add_column("", justify="right", no_wrap=True)
    for name, value in (
        ("kept", t.kept),
        ("edited", t.edited),
        ("rewritten", t.rewritten),
        ("merged", f"{t.merged} in {plural(t.merges, 'merge')}" if t.merges else 0),
        ("split", f"{plural(t.splits, 'paragraph')} into {t.split_into}" if t.splits else 0),
        ("moved", t.moved),
        ("cut", f"{t.cut}, {t.cut_from_end} at the end" if t.cut_from_end else t.cut),
        ("added", t.added),
        ("boilerplate added", t.boilerplate_added),
        ("boilerplate cut", t.boilerplate_cut),
    ):
        if value:
            paragraphs.add_row(name, str(value))
    grid = Table.grid(padding=(0, 3))
    grid.add_row(words, paragraphs)
    console.print(Text(""))
    console.print(grid)
    if comparison.facts:
        console.print(Text(""))
        facts = Table(title="What changed that matters", title_justify="left", box=None, padding=(0, 1))
        facts.add_column("", style="bold", no_wrap=True)
        facts.add_column("")
        for fact in comparison.facts:
            facts.add_row(FACT_MARK, Text(fact_words(fact, limit=160)))
        console.print(facts)


def print_list(articles: Iterable[Article]) -> None:
    from rich.table import Table
    from rich.text import Text

    console = make_console(width=None if sys.stdout.isatty() else 200)
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    for name, justify in (
        ("id", "left"),
        ("agency", "left"),
        ("dateline", "left"),
        ("lang", "left"),
        ("words", "right"),
        ("paras", "right"),
        ("title", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True, overflow="ellipsis")
    for art in articles:
        table.add_row(
            Text(art.label),
            Text(art.agency or "-"),
            Text(art.dateline or "-"),
            language_of(art) or "-",
            str(art.words),
            str(len(art.paragraphs)),
            Text(art.title),
        )
    console.print(table)
