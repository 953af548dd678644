"""``reader story`` in a terminal: the story matrix as a table.

The base paragraphs run down the left (number and first words), one narrow
column per copy. When the copies do not fit the width they are shown a page
of columns at a time, each page repeating the left column, so that every
table still reads across. Cells carry a symbol and a short label, so that
they read the same without colour.

The table is laid out here and written directly, measuring text with rich's
cell widths: rendering twenty copies' columns through rich's Table (and
importing rich.console) took longer than building the story.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator

from ..core.sanitize import clean
from ..core.story import Row, Status, Story, StoryCopy
from ..view.story_words import copy_names, copy_words, label, legend_units, paragraph_left
from ..view.wrap import cell_width, fit, wrap_units

# SGR colours per status; with NO_COLOR only bold and dim remain.
COLORS: dict[Status, str] = {
    Status.KEPT: "32",
    Status.TYPOGRAPHY: "32",
    Status.EDITED: "33",
    Status.REWRITTEN: "33;1",
    Status.MERGED: "36",
    Status.SPLIT: "36",
    Status.MOVED: "35",
    Status.CUT: "31",
    Status.ADDED: "34",
    Status.BOILERPLATE: "2",
    Status.UNRELATED: "2",
}
STYLE_CODES = {"bold": "1", "dim": "2"}

LEFT_MIN, LEFT_MAX = 16, 34
CELL_MIN, CELL_MAX = 10, 20
GAP = 1  # spaces between columns

Run = tuple[str, str]  # (text, style): "", "bold", "dim", or a status value


def layout(width: int, copies: int) -> tuple[int, int, int]:
    """(left column width, copy column width, copies per page) for a width."""
    left = max(LEFT_MIN, min(LEFT_MAX, width // 4))
    per_page = max(1, (width - left) // (CELL_MIN + GAP))
    per_page = min(per_page, max(copies, 1))
    cell = (width - left) // per_page - GAP
    cell = max(CELL_MIN, min(CELL_MAX, cell))
    if copies <= per_page:  # room to spare goes to the paragraph text
        left = max(left, min(60, width - per_page * (cell + GAP)))
    return left, cell, per_page


def wrap(text: str, width: int, indent: str = "   ") -> list[str]:
    """Words wrapped whole to ``width`` cells; continuation lines indented."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else (indent if lines else "") + word
        if line and cell_width(candidate) > width:
            lines.append(line)
            line = indent + word
        else:
            line = candidate
    if line:
        lines.append(line)
    return [fit(x, width).rstrip() if cell_width(x) > width else x for x in lines]


def _left(row: Row, width: int) -> Run:
    return fit(paragraph_left(row, 2), width), "dim" if row.added or row.boilerplate else ""


def _cell(row: Row, k: int, width: int) -> Run:
    cell = row.cells[k]
    if cell is None:
        return " " * width, ""
    return fit(label(cell), width), cell.status.value


def page_lines(story: Story, width: int) -> Iterator[list[Run]]:
    """The tables, one page of copies at a time, as lines of styled runs."""
    left, cell, per_page = layout(width, len(story.copies))
    n = len(story.copies)
    gap = (" " * GAP, "")
    names = copy_names(story)
    for start in range(0, n, per_page):
        page = range(start, min(start + per_page, n))
        yield []
        if n > per_page:
            span = f"#{page.start + 1}–#{page.stop}" if len(page) > 1 else f"#{page.start + 1}"
            yield [(f"copies {span} of {n}", "dim")]
        header: list[Run] = [(fit("¶  base", left), "bold")]
        for k in page:
            header += [gap, (fit(names[k], cell), "bold")]
        yield header
        for row in story.rows:
            if row.added and row.copy not in page:
                continue
            line = [_left(row, left)]
            for k in page:
                line += [gap, _cell(row, k, cell)]
            yield line


def legend(width: int) -> list[list[Run]]:
    """The legend wrapped between units: symbols in their status's colour, notes dim."""
    units = [
        [(text, status.value if status else ("" if len(unit) > 1 else "dim")) for text, status in unit]
        for unit in legend_units()
    ]
    return wrap_units(units, width, ("  ", ""))


def _copy_runs(k: int, copy: StoryCopy) -> str:
    a = copy.article
    facts = [x for x in (a.outlet, a.agency) if x]
    facts.append(f"{a.words} words")
    return f"#{k + 1} {a.label} ({', '.join(clean(f) for f in facts)}): {copy_words(copy)}"


def use_color() -> str | None:
    """ "color", "mono" (bold and dim only: NO_COLOR) or None (a pipe)."""
    if os.environ.get("FORCE_COLOR"):
        return "mono" if os.environ.get("NO_COLOR") else "color"
    if not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        return None
    return "mono" if os.environ.get("NO_COLOR") else "color"


def _emit(line: list[Run], mode: str | None) -> str:
    if mode is None:
        return "".join(text for text, _ in line).rstrip()
    out = []
    for text, style in line:
        if style in STYLE_CODES:
            code = STYLE_CODES[style]
        elif style and mode == "color":
            code = COLORS[Status(style)]
        elif style in (Status.BOILERPLATE.value, Status.UNRELATED.value):
            code = "2"
        else:
            code = ""
        out.append(f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text)
    return "".join(out).rstrip()


def story_lines(story: Story, width: int) -> Iterator[list[Run]]:
    base = story.base
    facts = [x for x in (base.agency, base.dateline, base.outlet) if x]
    facts.append(f"{base.words} words")
    head = f"base {base.label} ({', '.join(clean(f) for f in facts)})"
    yield [(fit(" ".join(head.split()), width).rstrip(), "bold")]
    yield [(fit("     " + " ".join(base.title.split()), width).rstrip(), "")]
    if story.why:
        for text in wrap(f"the likely original: {clean(story.why)}", width - 5, indent=""):
            yield [("     " + text, "dim")]
    for k, copy in enumerate(story.copies):
        for n, text in enumerate(wrap(_copy_runs(k, copy), width)):
            yield [(text, "bold" if n == 0 and not copy.related else "")]
    yield from page_lines(story, width)
    yield []
    yield from legend(width)


def print_story(story: Story, width: int | None = None) -> None:
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns
    width = max(40, width)
    mode = use_color()
    sys.stdout.write("".join(_emit(line, mode) + "\n" for line in story_lines(story, width)))
    sys.stdout.flush()
