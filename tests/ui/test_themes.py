"""The themes go by the names the user types, and a terminal of 16 colours keeps the
colours of changes. How well each theme reads is ``test_contrast.py``'s."""

from __future__ import annotations

from reader.ui.app import ReaderApp

from .conftest import SEEDS, open_diff, screen_text, settle


def toasts(app: ReaderApp) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


async def test_f2_says_in_the_status_line_the_name_theme_takes() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # The palette's list of themes is these three too: Textual's own are gone.
        assert list(app.available_themes) == ["dark", "light", "16"]
        for name in ("light", "16", "dark"):
            await pilot.press("f2")
            await pilot.pause()
            assert app.theme == name
            assert f"Theme: {name}" in screen_text(app)
        assert "Theme" not in toasts(app)


async def test_the_names_textual_used_to_show_still_work(monkeypatch) -> None:
    monkeypatch.setenv("READER_THEME", "textual-light")
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)):
        assert app.theme == "light"


async def test_a_terminal_of_16_colours_gets_only_the_theme_made_of_them(monkeypatch) -> None:
    # Headless, the app cannot see the terminal; this is what it sees under TERM=xterm-16color.
    monkeypatch.setattr(ReaderApp, "_has_16_colours", lambda self: True)
    monkeypatch.setenv("READER_THEME", "light")
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "16" and list(app.available_themes) == ["16"]
        view = await open_diff(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.theme == "16"
        assert "Theme: 16" in screen_text(app)
        # Insertions and deletions keep the terminal's own green and red.
        assert view._style("del", False).color.number == 1
        assert view._style("ins", False).color.number == 2


async def test_without_colour_the_16_colours_leave_the_terminal_its_own(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp([SEEDS], theme="16")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_diff(pilot)
        # Textual's NO_COLOR filter for true colour would paint text and background black.
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                style = segment.style
                if style is not None:
                    assert style.color is None or style.color.is_default, segment
                    assert style.bgcolor is None or style.bgcolor.is_default, segment
