"""Terminal output of the shell commands, with rich.

Article text only ever enters rich as ``Text`` objects (never as markup), and
the console is made with markup, emoji and highlighting off.

Changes are marked twice: colour, plus strike-through and underline; where
there is no colour to rely on (a pipe, ``--color never``, ``NO_COLOR``) the
text itself carries ``[-deleted-]`` and ``{+inserted+}`` markers, as
``git diff --word-diff`` does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING

from ..core.facts import fact_places, holds_fact
from ..core.labels import boilerplate_line, edges, fact_words, facts_line, group_label, plural, unrelated_note
from ..core.model import Article, Comparison, Group
from ..ui.wrap import Line, Run, line_width, wrap_runs

if TYPE_CHECKING:  # rich is imported only where styling is drawn: a pipe never needs it
    from rich.console import Console
    from rich.text import Text

SIDE_BY_SIDE_MIN = 100

LABEL = "bold cyan"
DIM = "dim"


def make_console(width: int | None = None, color: str = "auto") -> Console:
    from rich.console import Console

    kwargs: dict = {"markup": False, "emoji": False, "highlight": False, "soft_wrap": False}
    if color == "never":
        kwargs.update(color_system=None, no_color=True, force_terminal=False)
    elif color == "always":
        kwargs.update(force_terminal=True, color_system="truecolor" if _truecolor() else "256")
    if width is not None:
        kwargs["width"] = max(20, width)
    return Console(**kwargs)


def _truecolor() -> bool:
    return os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")


def uses_markers(console: Console) -> bool:
    """Whether colour can be relied on; if not, changes carry [- -] / {+ +} markers."""
    return console.no_color or console.color_system is None or not console.is_terminal


# Roles of runs of text, and how each is drawn on a terminal (SGR parameters).
# Colour goes with a second mark (strike, underline) so that no change relies on colour.
SGR = {
    "del": "31;9",
    "ins": "32;4",
    "fdel": "1;31;9",
    "fins": "1;32;4",
    "tdel": "2;31",
    "tins": "2;32",
    "dim": "2",
    "label": "1;36",
}
SGR_NO_COLOR = {
    "del": "9", "ins": "4", "fdel": "1;9", "fins": "1;4", "tdel": "2", "tins": "2", "dim": "2", "label": "1"
}
# A change that is a fact (a number, a name, a quotation) carries this mark before it,
# and is bold: it reads without colour, in a pipe too.
FACT_MARK = "‼"


def side_runs(
    group: Group, side: str, markers: bool, typography: bool, facts: Sequence[str] = ()
) -> list[Run]:
    """One side of a group's word diff as (text, role) runs: A with its deletions,
    or B with its insertions. With ``markers`` the changes also carry [- -] / {+ +}.
    A change holding one of ``facts`` (texts of this side) is marked as a fact."""
    runs: list[Run] = []
    changed, typo = ("del", "tdel") if side == "a" else ("ins", "tins")
    fact_role = "fdel" if side == "a" else "fins"
    open_, close = ("[-", "-]") if side == "a" else ("{+", "+}")
    for op in group.ops:
        part = op.a if side == "a" else op.b
        if not part:
            continue
        if op.tag == "equal" or (op.tag == "typography" and not typography):
            runs.append((part, "text"))
            continue
        role = typo if op.tag == "typography" else changed
        lead, core, trail = edges(part)
        if lead:
            runs.append((lead, "text"))
        if core and role == changed and holds_fact(part, facts):
            runs.append((FACT_MARK, fact_role))
            role = fact_role
        if core:
            runs.append((f"{open_}{core}{close}" if markers else core, role))
        if trail:
            runs.append((trail, "text"))
    return runs


def _heading(group: Group) -> list[Run]:
    runs: list[Run] = [(group_label(group), "label")]
    if group.a and group.b and group.kind != "identical":
        runs.append((f"  {round(100 * group.similarity)}% same words", "dim"))
    return runs


def _unchanged(group: Group, typography: bool) -> bool:
    if group.moved or group.moved_a:
        return False
    return group.kind == "identical" or (group.kind == "typography" and not typography)


def _visible(groups: tuple[Group, ...], context: int | None, typography: bool) -> list[Group | int]:
    """Groups to show, with runs of hidden unchanged groups replaced by their count."""
    if context is None:
        return list(groups)
    changed = [k for k, g in enumerate(groups) if not _unchanged(g, typography)]
    keep = {k for c in changed for k in range(c - context, c + context + 1)}
    out: list[Group | int] = []
    for k, g in enumerate(groups):
        if k in keep or not _unchanged(g, typography):
            out.append(g)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


def _article_line(tag: str, article: Article) -> Text:
    from rich.text import Text

    line = Text(f"{tag} ", style="bold")
    line.append(article.label, style="bold")
    facts = [x for x in (article.agency, article.dateline, article.outlet) if x]
    facts.append(f"{article.words} words")
    line.append(f"  ({', '.join(facts)})", style=DIM)
    line.append("\n   ")
    line.append(article.title)
    return line


def _plain_header(comparison: Comparison) -> str:
    lines = []
    for tag, article in (("A", comparison.a), ("B", comparison.b)):
        facts = [x for x in (article.agency, article.dateline, article.outlet) if x]
        facts.append(f"{article.words} words")
        lines.append(f"{tag} {article.label}  ({', '.join(facts)})")
        lines.append(f"   {article.title}")
    lines.append(comparison.summary.verdict)
    if comparison.facts:
        lines.append(f"{FACT_MARK} {facts_line(comparison.facts)}")
    return "\n".join(lines) + "\n"


def print_header(console: Console, comparison: Comparison) -> None:
    from rich.console import Group as RichGroup
    from rich.text import Text

    console.print(RichGroup(_article_line("A", comparison.a), _article_line("B", comparison.b)))
    # One line even in a pipe, so that it can be grepped; a terminal wraps it itself.
    console.print(Text(comparison.summary.verdict, style="bold"), soft_wrap=True)
    if comparison.facts:
        console.print(Text(f"{FACT_MARK} {facts_line(comparison.facts)}", style="bold"), soft_wrap=True)


def diff_lines(
    comparison: Comparison, width: int, markers: bool, context: int | None = None, typography: bool = False
) -> Iterator[Line]:
    """The body of ``reader diff`` as lines of runs, wrapped to ``width`` with words whole:
    side by side from SIDE_BY_SIDE_MIN columns, stacked below."""
    if not comparison.summary.related:
        yield []
        yield from wrap_runs([(unrelated_note(comparison), "dim")], width)
        return
    wide = width >= SIDE_BY_SIDE_MIN
    indent = [("  ", "text")]
    places = fact_places(comparison.groups, comparison.facts)
    marks = {id(comparison.groups[k]): texts for k, texts in places.items()}
    column = (width - 2 - 3) // 2
    for item in _visible(comparison.groups, context, typography):
        yield []
        if isinstance(item, int):
            yield [(f"… {item} unchanged paragraph{'s' if item > 1 else ''} …", "dim")]
            continue
        group = item
        if group.kind == "boilerplate":
            yield [(boilerplate_line(group), "dim")]
            continue
        yield from wrap_runs(_heading(group), width)
        facts_a, facts_b = marks.get(id(group), ([], []))
        if group.kind == "rewritten":
            # Too little kept for a word diff to read: the two texts, side by side or one
            # above the other, as they are.
            a = [("".join(op.a for op in group.ops), "text")]
            b = [("".join(op.b for op in group.ops), "text")]
        else:
            a = side_runs(group, "a", markers, typography, facts_a)
            b = side_runs(group, "b", markers, typography, facts_b)
        if not group.b or not group.a or (_unchanged(group, typography) and not wide):
            for line in wrap_runs(a if not group.b else b, width - 2):
                yield indent + line
        elif wide:
            left, right = wrap_runs(a, column), wrap_runs(b, column)
            for la, lb in zip_longest(left, right, fillvalue=[]):
                pad = column - line_width(la)
                yield [*indent, *la, (" " * (pad + 3), "text"), *lb] if lb else [*indent, *la]
        else:
            for tag, runs in (("A ", a), ("B ", b)):
                for k, line in enumerate(wrap_runs(runs, width - 2)):
                    yield [(tag if k == 0 else "  ", "dim"), *line]


def _emit(line: Line, sgr: dict[str, str] | None) -> str:
    if sgr is None:
        return "".join(text for text, _ in line).rstrip()
    out = []
    for text, role in line:
        code = sgr.get(role)
        out.append(f"\x1b[{code}m{text}\x1b[0m" if code else text)
    return "".join(out)


def print_diff(
    comparison: Comparison,
    width: int | None = None,
    color: str = "auto",
    context: int | None = None,
    typography: bool = False,
) -> None:
    write = sys.stdout.write
    if color == "never" or (color == "auto" and not sys.stdout.isatty()):
        # No styling at all: plain text with markers, without loading rich.
        sgr, markers, columns = None, True, max(20, width or 80)
        write(_plain_header(comparison))
    else:
        console = make_console(width, color)
        markers = uses_markers(console)
        columns = console.width
        print_header(console, comparison)
        sgr = SGR_NO_COLOR if console.no_color or console.color_system is None else SGR
    # The body can be 100k words: it is laid out here and written in one go,
    # not rendered through rich, which would take seconds.
    chunk: list[str] = []
    for line in diff_lines(comparison, columns, markers, context, typography):
        chunk.append(_emit(line, sgr))
        if len(chunk) >= 4096:
            write("\n".join(chunk) + "\n")
            chunk = []
    if chunk:
        write("\n".join(chunk) + "\n")
    sys.stdout.flush()


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

    from reader.core.serialize import language_of

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
