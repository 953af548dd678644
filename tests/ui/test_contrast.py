"""Every text the app draws reads: WCAG 2 contrast of each run against its own cell.

The pictures are SVGs of Textual's screens as Rich exports them: the snapshots under
``__snapshots__`` and the screenshots ``screenshots/make.py`` makes (dark, light,
16 colours, NO_COLOR). In
them a run is ``<text class=…>``, its colour the ``fill`` of that class; its cell is the
``<rect fill=…>`` at the same row and column, or the terminal's background where none is
drawn. Dim text has no opacity there: Textual turns ``dim`` into the colour blended
towards the cell's background (``DIM_FACTOR``) and Rich's export blends what is left
(the 16-colour theme keeps the attribute), so a fill is what the eye sees.

The 16 ANSI colours are the terminal's: a picture shows them in one palette, the one
whose background its window has. ``App.export_screenshot`` uses Rich's
``SVG_EXPORT_THEME``, in which red is 3.5:1 on the background, whatever the app does;
``make.py`` draws the 16-colour theme in Textual's own (``App.ansi_theme``).

Text needs 4.5:1. A *dimmed hint* needs 3:1, and is exactly one of:

1. text in the theme's ``$text-muted``, one solid colour per theme
   (``reader/ui/themes.py``; ``$text-disabled`` is the same): what repeats or locates
   and is passed over, such as the unchanged paragraphs' gutter, folds, boilerplate,
   the list's file column, the header's word counts and file names, the labels of the
   status lines, placeholders;
2. text with the ``dim`` attribute: the same hints in the 16 colours (whose only grey
   is the terminal's own text dimmed), changes of typography alone (shown on `t`),
   the footer's disabled keys.

Everything else is text, bold or not (a terminal's bold is not large text). Runs of
box-drawing and block characters alone (scrollbars, rules, the current block's bar)
are graphics, not text, and are not judged here.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from rich.terminal_theme import SVG_EXPORT_THEME, TerminalTheme
from textual._ansi_theme import ALABASTER, MONOKAI
from textual.color import Color, ColorParseError
from textual.constants import DIM_FACTOR

from reader.ui.themes import DARK, THEMES, theme_name

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parents[1] / "screenshots"
SNAPSHOTS = HERE / "__snapshots__"

TEXT = 4.5
HINT = 3.0

SVG = "{http://www.w3.org/2000/svg}"
# Rich's export geometry: a cell is 0.61 x 1.22 of its 20px font.
CELL_WIDTH = 12.2
LINE_HEIGHT = 24.4
# Rich blends a dim colour 40% of the way to the background when it exports one.
EXPORT_DIM = 0.6
# Dim blends are rounded down on the way: a channel may be this far from the exact blend.
TOLERANCE = 2

Rgb = tuple[int, int, int]

PALETTES = [SVG_EXPORT_THEME, MONOKAI, ALABASTER]


def luminance(rgb: Rgb) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb, b: Rgb) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(hex_colour: str) -> Rgb:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def blend(background: Rgb, colour: Rgb, factor: float) -> Rgb:
    r, g, b = (int(bg + (c - bg) * factor) for bg, c in zip(background, colour, strict=True))
    return r, g, b


def close(a: Rgb, b: Rgb) -> bool:
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class Run:
    row: int
    text: str
    fill: Rgb
    background: Rgb


def runs(path: Path) -> tuple[TerminalTheme, list[Run]]:
    """The palette of an SVG exported by Rich and its text runs, each with its fill and
    its cell's background."""
    root = ElementTree.parse(path).getroot()
    style = root.findtext(f"{SVG}style") or ""
    classes = dict(re.findall(r"\.([\w-]+) \{ ([^}]*) \}", style))
    window = root.find(f"{SVG}rect")
    assert window is not None, f"{path}: not an SVG exported by Rich"
    terminal_background = rgb(window.get("fill", ""))
    palette = next((p for p in PALETTES if tuple(p.background_color) == terminal_background), None)
    assert palette is not None, f"{path}: a terminal palette this test does not know"
    cells: dict[int, list[tuple[int, int, Rgb]]] = {}
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("shape-rendering") != "crispEdges":
            continue
        row = round((float(rect.get("y", 0)) - 1.5) / LINE_HEIGHT)
        start = round(float(rect.get("x", 0)) / CELL_WIDTH)
        end = start + round(float(rect.get("width", 0)) / CELL_WIDTH)
        cells.setdefault(row, []).append((start, end, rgb(rect.get("fill", ""))))
    found = []
    for text in root.iter(f"{SVG}text"):
        line = re.search(r"-line-(\d+)\)", text.get("clip-path", ""))
        if line is None:
            continue  # the window's title, outside the terminal
        css = classes[text.get("class", "")]
        # A fill with opacity would need blending here; Rich exports none today.
        assert "opacity" not in css, f"{path}: {css}"
        fill = re.search(r"fill: (#[0-9a-fA-F]{6})", css)
        assert fill is not None, f"{path}: {css}"
        row, column = int(line.group(1)), round(float(text.get("x", 0)) / CELL_WIDTH)
        background = next(
            (colour for start, end, colour in cells.get(row, ()) if start <= column < end),
            terminal_background,
        )
        found.append(Run(row, (text.text or "").replace("\xa0", " "), rgb(fill.group(1)), background))
    return palette, found


def is_graphic(text: str) -> bool:
    """Box drawing and block elements only: scrollbars, rules, bars."""
    return all(ch.isspace() or "\u2500" <= ch <= "\u259f" for ch in text)


@dataclass(frozen=True)
class Look:
    """How a theme's colours come out in an SVG: ANSI ones in the picture's palette,
    all of them grey under NO_COLOR (Textual's Monochrome filter)."""

    theme: str
    no_colour: bool
    palette: TerminalTheme

    @cached_property
    def variables(self) -> dict[str, str]:
        theme = THEMES[self.theme]
        return {**theme.to_color_system().generate(), **theme.variables}

    def rendered(self, value: str) -> Rgb | None:
        """A CSS colour of the theme as drawn, or None for one that depends on what is under it."""
        try:
            colour = Color.parse(value)
        except ColorParseError:
            return None
        if colour.a < 1:
            return None
        if colour.ansi is not None:
            if colour.ansi < 0:
                triplet = self.palette.foreground_color
            else:
                triplet = self.palette.ansi_colors[colour.ansi]
            colour = Color(*triplet)
        if self.no_colour:
            colour = colour.monochrome
        return colour.r, colour.g, colour.b

    @cached_property
    def muted(self) -> Rgb | None:
        muted = self.rendered(self.variables["text-muted"])
        # A muted colour that is the text's own mutes nothing (the 16 colours dim instead).
        return None if muted == self.rendered(self.variables["foreground"]) else muted

    @cached_property
    def text_colours(self) -> list[Rgb]:
        """The colours text is drawn in, which the `dim` attribute may blend."""
        if THEMES[self.theme].ansi:
            # Reverse video makes the background a text colour too.
            palette = [
                self.palette.foreground_color,
                self.palette.background_color,
                *self.palette.ansi_colors,
            ]
            return [(c.red, c.green, c.blue) for c in palette]
        names = [
            n
            for n in self.variables
            if n == "foreground" or n.startswith("text") or n.endswith("-foreground")
        ]
        return [c for c in (self.rendered(self.variables[n]) for n in names) if c is not None]

    def is_hint(self, run: Run) -> bool:
        if run.fill == self.muted:
            return True
        factor = EXPORT_DIM if THEMES[self.theme].ansi else DIM_FACTOR
        return any(close(run.fill, blend(run.background, c, factor)) for c in self.text_colours)


def _shots() -> dict[str, tuple[str, bool]]:
    """Each screenshot's theme and environment, as ``screenshots/make.py`` makes it."""
    spec = importlib.util.spec_from_file_location("screenshots_make", SCREENSHOTS / "make.py")
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    looks = {}
    for name, _size, environment, _what, theme in make.SHOTS:
        resolved = theme_name(theme or DARK)
        assert resolved is not None, f"make.py asks for theme {theme!r}, which the app does not have"
        looks[name] = (resolved, "NO_COLOR" in environment)
    return looks


def _pictures() -> list[tuple[Path, tuple[str, bool]]]:
    shots = _shots()
    pictures = []
    for path in sorted(SCREENSHOTS.glob("*.svg")):
        assert path.stem in shots, f"{path.name} is not made by screenshots/make.py"
        pictures.append((path, shots[path.stem]))
    # The snapshot tests run the app as it starts: the dark theme, in colour.
    pictures += [(path, (DARK, False)) for path in sorted(SNAPSHOTS.rglob("*.svg"))]
    return pictures


PICTURES = _pictures()


def test_there_are_pictures_of_every_theme() -> None:
    looks = {look for _, look in PICTURES}
    assert {theme for theme, _ in looks} == set(THEMES)
    assert any(no_colour for _, no_colour in looks)


@pytest.mark.parametrize(
    ("path", "setting"), PICTURES, ids=[str(path.relative_to(HERE.parents[1])) for path, _ in PICTURES]
)
def test_every_text_reads(path: Path, setting: tuple[str, bool]) -> None:
    palette, found = runs(path)
    look = Look(*setting, palette)
    assert found, f"{path}: no text found"
    failures = []
    for run in found:
        if not run.text.strip() or is_graphic(run.text):
            continue
        need = HINT if look.is_hint(run) else TEXT
        ratio = contrast(run.fill, run.background)
        if ratio < need:
            fill, background = ("#{:02x}{:02x}{:02x}".format(*c) for c in (run.fill, run.background))
            failures.append(
                f"  line {run.row + 1:>2} {run.text.strip()!r}: {fill} on {background}"
                f" = {ratio:.2f}:1, needs {need}:1"
            )
    assert not failures, f"{path.name} ({look.theme}{', NO_COLOR' if look.no_colour else ''}):\n" + "\n".join(
        failures
    )
