"""Make the screenshots of the real app on the seeds: ``python screenshots/make.py``.

Writes SVG files next to this script. Re-run it whenever the UI changes; the
README shows them. Each shot drives the app with the same keys a user would press.
"""

from __future__ import annotations

import asyncio
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.screens.diff import DiffScreen  # noqa: E402
from reader.ui.screens.list import ListScreen  # noqa: E402
from reader.ui.screens.story import StoryScreen  # noqa: E402

A = "002_990fca62850f33f5.txt"
B = "003_574f2177cef51eb0.txt"
C = "000_4f549e9bf7ce5619.txt"  # an independent write-up of the same news

# name, terminal size, environment, what to do, theme
SHOTS: list[tuple[str, tuple[int, int], dict[str, str], str, str | None]] = [
    ("list-with-preview", (160, 45), {}, "list", None),
    ("list-grouped-80x24", (80, 24), {}, "grouped", None),
    ("diff-wide", (200, 56), {}, "diff", None),
    ("diff-80x24", (80, 24), {}, "diff", None),
    ("diff-no-colour", (120, 36), {"NO_COLOR": "1"}, "diff", None),
    ("diff-16-colours", (120, 36), {}, "diff", "16"),
    ("diff-light", (120, 36), {}, "diff", "light"),
    ("story-wide", (200, 56), {}, "story", None),
    ("story-80x24", (80, 24), {}, "story", None),
]


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def move_to(pilot, name: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, ListScreen)
    table = screen.table
    row = next(n for n, i in enumerate(table.order) if table.articles[i].path.name == name)
    table.move_cursor(row=row, animate=False)
    await pilot.pause()


async def shoot(
    name: str, size: tuple[int, int], environment: dict[str, str], what: str, theme: str | None
) -> Path:
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)  # NO_COLOR is read when the app is created
    try:
        app = ReaderApp([SEEDS], theme=theme)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await move_to(pilot, A)
        if what == "grouped":
            await pilot.press("g")  # the list by story; enter opens the story of A and B
            await settle(pilot)
            await pilot.press("enter")
        elif what == "diff":
            await pilot.press("space")
            await move_to(pilot, B)
            await pilot.press("space", "d")
            await settle(pilot)
            assert isinstance(app.screen, DiffScreen)
            for _ in range(6):  # to the merged paragraphs with the moved sentence
                await pilot.press("n")
        elif what == "story":
            await pilot.press("m")  # m marks without replacing: three for a story
            for copy in (B, C):
                await move_to(pilot, copy)
                await pilot.press("m")
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.screen, StoryScreen)
            await pilot.press(*["j"] * 9)  # to the merge that took in a moved paragraph
        await settle(pilot)
        path = HERE / f"{name}.svg"
        path.write_text(export_svg(app, f"wire-reader — {name}"), encoding="utf-8")
        return path


def export_svg(app: ReaderApp, title: str) -> str:
    """The screen as SVG; the 16-colour theme's colours in Textual's palette for them.

    Rich's own screenshot palette has reds of 3.5:1 on its background, in which no
    deletion could read; Textual draws ANSI colours as RGB with ``app.ansi_theme``.
    """
    if not app.current_theme.ansi:
        return app.export_screenshot(title=title)
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    # What App.export_screenshot prints, with a palette.
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_svg(title=title, theme=app.ansi_theme)


async def main(names: Sequence[str]) -> None:
    for name, size, environment, what, theme in SHOTS:
        if names and name not in names:
            continue
        path = await shoot(name, size, environment, what, theme)
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    import tempfile

    # The seeds' index goes to a cache of this run's own, not the user's.
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        asyncio.run(main(sys.argv[1:]))
