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
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.console import Group as RichGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..core.labels import boilerplate_line, group_label
from ..core.model import Article, Comparison, Group

SIDE_BY_SIDE_MIN = 100

DELETE = "red strike"
INSERT = "green underline"
TYPO_DELETE = "dim red"
TYPO_INSERT = "dim green"
LABEL = "bold cyan"
DIM = "dim"


def make_console(width: int | None = None, color: str = "auto") -> Console:
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


def side_text(group: Group, side: str, markers: bool, typography: bool) -> Text:
    """One side of a group's word diff: A with its deletions, or B with its insertions."""
    text = Text()
    gone, new = (DELETE, TYPO_DELETE) if side == "a" else (INSERT, TYPO_INSERT)
    open_, close = ("[-", "-]") if side == "a" else ("{+", "+}")
    for op in group.ops:
        part = op.a if side == "a" else op.b
        if not part:
            continue
        if op.tag == "equal" or (op.tag == "typography" and not typography):
            text.append(part)
        elif op.tag == "typography":
            text.append(f"{open_}{part}{close}" if markers else part, new)
        else:
            text.append(f"{open_}{part}{close}" if markers else part, gone)
    return text


def _heading(group: Group) -> Text:
    label = Text(group_label(group), style=LABEL)
    if group.a and group.b and group.kind != "identical":
        label.append(f"  {round(100 * group.similarity)}% same words", style=DIM)
    return label


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
    line = Text(f"{tag} ", style="bold")
    line.append(article.label, style="bold")
    facts = [x for x in (article.agency, article.dateline, article.outlet) if x]
    facts.append(f"{article.words} words")
    line.append(f"  ({', '.join(facts)})", style=DIM)
    line.append("\n   ")
    line.append(article.title)
    return line


def header(comparison: Comparison) -> RenderableType:
    return RichGroup(
        _article_line("A", comparison.a),
        _article_line("B", comparison.b),
        Text(comparison.summary.verdict, style="bold"),
    )


def render_diff(
    comparison: Comparison, width: int, markers: bool, context: int | None = None, typography: bool = False
) -> Iterable[RenderableType]:
    yield header(comparison)
    if not comparison.summary.related:
        yield Text(
            "\nNo paragraph of B is a version of one in A: these are separate reports "
            "of the same news, so no word diff is shown.",
            style=DIM,
        )
        return
    wide = width >= SIDE_BY_SIDE_MIN
    for item in _visible(comparison.groups, context, typography):
        yield Text("")
        if isinstance(item, int):
            yield Text(f"… {item} unchanged paragraph{'s' if item > 1 else ''} …", style=DIM)
            continue
        group = item
        if group.kind == "boilerplate":
            yield Text(boilerplate_line(group), style=DIM)
            continue
        yield _heading(group)
        a = side_text(group, "a", markers, typography)
        b = side_text(group, "b", markers, typography)
        if not group.b:
            yield Padding(a, (0, 0, 0, 2))
        elif not group.a or (_unchanged(group, typography) and not wide):
            yield Padding(b, (0, 0, 0, 2))
        elif wide:
            table = Table.grid(expand=True, padding=(0, 2))
            table.add_column(ratio=1)
            table.add_column(ratio=1)
            table.add_row(a, b)
            yield Padding(table, (0, 0, 0, 2))
        else:
            yield Padding(Text("A ", style=DIM) + a, (0, 0, 0, 0))
            yield Padding(Text("B ", style=DIM) + b, (0, 0, 0, 0))


def print_diff(
    comparison: Comparison,
    width: int | None = None,
    color: str = "auto",
    context: int | None = None,
    typography: bool = False,
) -> None:
    console = make_console(width, color)
    markers = uses_markers(console)
    for renderable in render_diff(comparison, console.width, markers, context, typography):
        console.print(renderable)


def print_groups(comparison: Comparison) -> None:
    """``reader align`` without --json: one line per group."""
    console = make_console()
    console.print(header(comparison))
    for group in comparison.groups:
        line = Text(f"{group.kind:<11} ", style=LABEL)
        line.append(boilerplate_line(group) if group.kind == "boilerplate" else group_label(group))
        if group.a and group.b:
            line.append(f"  {group.similarity:.2f}", style=DIM)
        console.print(line)


def print_stats(comparison: Comparison) -> None:
    console = make_console()
    s, c = comparison.summary, comparison.summary.counts
    console.print(header(comparison))
    words = Table(title="Words", title_justify="left", box=None, padding=(0, 2))
    words.add_column("", style="bold")
    words.add_column("", justify="right")
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
    kinds = Table(title="Paragraph groups", title_justify="left", box=None, padding=(0, 2))
    kinds.add_column("", style="bold")
    kinds.add_column("", justify="right")
    for kind in (
        "identical",
        "typography",
        "edited",
        "merged",
        "split",
        "moved",
        "deleted",
        "inserted",
        "boilerplate",
    ):
        if s.kinds.get(kind):
            kinds.add_row(kind, str(s.kinds[kind]))
    if s.cut_from_end:
        kinds.add_row("cut from the end", str(s.cut_from_end))
    grid = Table.grid(padding=(0, 6))
    grid.add_row(words, kinds)
    console.print(Text(""))
    console.print(grid)


def print_list(articles: Iterable[Article]) -> None:
    console = make_console(width=None if sys.stdout.isatty() else 200)
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    for name, justify in (
        ("id", "left"),
        ("agency", "left"),
        ("dateline", "left"),
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
            str(art.words),
            str(len(art.paragraphs)),
            Text(art.title),
        )
    console.print(table)
