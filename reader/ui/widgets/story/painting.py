"""The story matrix's lines as segments: the two header rows, a row of cells, a line of
the legend, each piece in the style of its components.

No Textual here, only Rich: ``style(*names)`` gives the widget's style with those
components' on top, and the widget turns the segments into cached strips. Article text
only ever becomes ``Segment`` text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.segment import Segment
from rich.style import Style

from reader.core.story import Cell, Status, Story
from reader.view.story_words import copy_names
from reader.view.wrap import fit

from .geometry import GAP, Geometry
from .texts import Run, cell_text, copy_summary

Styler = Callable[..., Style]

# Declared on the widget, so that its CSS may style them; ``style(*names)`` takes the
# names without the prefix.
STORY_COMPONENTS = {
    "story-matrix--header",
    "story-matrix--header-current",
    "story-matrix--muted",
    "story-matrix--cursor",
    "story-matrix--cursor-row",
    *(f"story-matrix--{status.value}" for status in Status),
}


def layered(base: Style, components: Iterable[tuple[Style, Style]]) -> Style:
    """``base`` with components' styles on top, later ones winning; each component as its
    partial style and its full style.

    A component adds only what its rules set (a status its colour, the cursor row its
    background), with colours as the full style blends them: partial styles keep
    semi-transparent colours such as ``$foreground 55%`` unblended, and so undimmed.
    """
    style = base
    for partial, full in components:
        style += partial.without_color + Style(
            color=full.color if partial.color else None,
            bgcolor=full.bgcolor if partial.bgcolor else None,
        )
    return style


def header_segments(
    story: Story, g: Geometry, columns: range, line: int, current: int, style: Styler
) -> list[Segment]:
    """Header row ``line`` (0: the copies' names, 1: their summaries) for the copy
    ``columns`` on screen, ``current`` the cursor's column."""
    header = style("header")
    count = len(story.copies)
    if line == 0:
        left = "¶ base paragraph"
    elif len(columns) < count:
        before = "◀ " if columns.start > 0 else "  "
        after = " ▶" if columns.stop < count else ""
        left = f"{before}copies {columns.start + 1}–{columns.stop} of {count}{after}"
    else:
        left = f"{count} {'copy' if count == 1 else 'copies'} of the base"
    segments = [Segment(fit(left, g.left), header if line == 0 else style("header", "muted"))]
    names = copy_names(story) if line == 0 else []
    for k in columns:
        copy = story.copies[k]
        if line == 0:
            text, text_style = names[k], style("header", "header-current") if k == current else header
        else:
            text = copy_summary(copy, g.cell)
            text_style = style("header", "unrelated" if not copy.related else "muted")
        segments.append(Segment(" " * GAP, header))
        segments.append(Segment(fit(text, g.cell), text_style))
    return segments


def row_segments(
    cells: Sequence[Cell | None],
    left: str,
    muted: bool,
    g: Geometry,
    columns: range,
    cursor: int | None,
    style: Styler,
) -> tuple[list[Segment], Style]:
    """A row of the matrix: its paragraph column ``left`` (``muted`` for added rows and
    boilerplate) and its ``cells`` in the copy ``columns`` on screen, ``cursor`` the
    cursor's column when the cursor is on this row. Also the style to pad the line with."""
    row_style = ("cursor-row",) if cursor is not None else ()
    left_style = style("muted", *row_style) if muted else style(*row_style)
    segments = [Segment(fit(left, g.left), left_style)]
    gap = style(*row_style)
    for k in columns:
        cell = cells[k]
        text = fit(cell_text(cell, g.sentences), g.cell)
        if k == cursor:
            cell_style = style(cell.status.value, "cursor") if cell else style("cursor")
        elif cell is None:
            cell_style = gap
        else:
            cell_style = style(cell.status.value, *row_style)
        segments.append(Segment(" " * GAP, gap))
        segments.append(Segment(text, cell_style))
    return segments, gap


def legend_segments(line: list[Run], style: Styler) -> list[Segment]:
    """A line of the legend: each symbol in its status's style, the words muted."""
    return [
        Segment(text, style(status.value) if status is not None else style("muted")) for text, status in line
    ]
