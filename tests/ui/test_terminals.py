"""Themes, 16 colours, NO_COLOR and the mouse."""

from __future__ import annotations

from reader.ui.app import ANSI_THEME, DARK_THEME, LIGHT_THEME, ReaderApp
from reader.ui.screens.list import ListScreen

from .conftest import SEEDS, current_block, diff_view, open_diff, screen_text, settle, table


async def test_dark_by_default_light_and_16_colours_on_request(monkeypatch) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == DARK_THEME
        await pilot.press("f2")
        assert app.theme == LIGHT_THEME
        await pilot.press("f2")
        assert app.theme == ANSI_THEME
    monkeypatch.setenv("READER_THEME", "light")
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == LIGHT_THEME
    app = ReaderApp([SEEDS], theme="16")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == ANSI_THEME


async def test_16_colours_colour_the_words_not_the_background() -> None:
    app = ReaderApp([SEEDS], theme="16")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        deleted, inserted = view._style("del", False), view._style("ins", False)
        assert deleted.strike and inserted.underline
        assert deleted.color is not None and deleted.color.number == 1  # the terminal's own red
        assert inserted.color is not None and inserted.color.number == 2  # and green
        # A tinted background would be a solid block of the same colour as the words.
        for style in (deleted, inserted):
            assert style.bgcolor is None or style.bgcolor.is_default


async def test_without_colour_every_highlight_still_reads(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        view = await open_diff(pilot)
        assert view._style("del", False).strike and view._style("ins", False).underline
        # Markers in the gutter: "-" on A's rows, "+" on B's rows of a changed group.
        text = screen_text(app)
        assert "- North Korean leader" in text and "+ North Korean leader" in text
        # The strip sent to the terminal keeps strike and underline after the colour filter.
        segments = [segment for y in range(view.size.height) for segment in view.render_line(y)]
        assert any(s.style and s.style.strike and "imminently" in s.text for s in segments)
        assert any(s.style and s.style.underline and "this summer" in s.text for s in segments)


async def test_the_mouse_works_but_is_not_needed() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        # A click on a column header sorts by it.
        assert isinstance(app.screen, ListScreen)
        header_region = table(app).region
        await pilot.click(table(app), offset=(header_region.width // 3, 0))
        await pilot.pause()
        assert table(app).sort_key != "file"
        view = await open_diff(pilot)
        layout = view.diff_layout
        target = next(
            n for n, block in enumerate(layout.blocks) if n > view.current and block.kind != "ghost"
        )
        await pilot.click(view, offset=(20, layout.starts[target] - round(view.scroll_y)))
        assert view.current == target
        await pilot.press("end")
        fold = next(n for n, block in enumerate(layout.blocks) if block.kind == "fold")
        await pilot.click(view, offset=(20, layout.starts[fold] - round(view.scroll_y)))
        await settle(pilot)
        assert current_block(diff_view(app)).kind == "fold" and not current_block(view).compact
