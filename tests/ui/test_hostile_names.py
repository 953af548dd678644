"""Hostile names in the app: a name that is not UTF-8, a newline or escape sequences in a
name are listed, previewed, compared and reported, each shown escaped on one line."""

from __future__ import annotations

import os
from pathlib import Path

from reader.ui.app import ReaderApp
from reader.ui.screens.diff import DiffScreen
from reader.ui.screens.problems import ProblemsScreen

from .conftest import SEED_002, SEED_003, SEEDS, list_screen, mark, move_to, screen_text, settle, table

LATIN1 = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, as old archives and Windows shares have it


def shown_files(app: ReaderApp) -> list[str]:
    articles = table(app)
    return [articles.rows[i].file for i in articles.order]


def lines_with(app: ReaderApp, text: str) -> list[str]:
    return [line for line in screen_text(app).splitlines() if text in line]


async def test_a_name_that_is_not_utf8_is_listed_escaped_and_compared(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / LATIN1).write_bytes((SEEDS / SEED_002).read_bytes())
    (folder / SEED_003).write_bytes((SEEDS / SEED_003).read_bytes())
    app = ReaderApp([folder])  # a folder: its rows come from the index
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert shown_files(app) == [SEED_003, "caf\\xe9.txt"]
        await move_to(pilot, LATIN1)
        assert len(lines_with(app, "caf\\xe9.txt")) == 2  # its line, and the preview's
        await mark(pilot, LATIN1, SEED_003)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        text = screen_text(app)
        assert "caf\\xe9.txt" in text and "B keeps" in text


async def test_newlines_and_escape_sequences_in_names_stay_on_one_line(tmp_path: Path) -> None:
    # No NUL byte in the hostile file: a NUL would make it a binary file, never shown.
    evil = "evil\x1b[31m\x1b]0;pwned\x07.txt"
    (tmp_path / evil).write_text(
        "Officials said \x1b[31mred\x1b[0m \x1b[2Jthings\x07 today.\n\n"
        + (SEEDS / SEED_003).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "new\nline.txt").write_bytes((SEEDS / SEED_003).read_bytes())
    (tmp_path / "bad\nname.json").write_text("[[[[", encoding="utf-8")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        evil_shown = "evil\\x1b[31m\\x1b]0;pwned\\x07.txt"
        assert shown_files(app) == [evil_shown, "new\\nline.txt"]
        assert len(lines_with(app, "new\\nline.txt")) == 1  # one line of the list
        await move_to(pilot, evil)
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert len(lines_with(app, "evil\\x1b[31m\\x1b")) == 2  # its line (cut to fit), the preview's
        assert lines_with(app, evil_shown)
        assert lines_with(app, "Officials said red things today.")  # the preview, stripped
        await mark(pilot, evil, "new\nline.txt")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        text = screen_text(app)
        assert evil_shown in text and "new\\nline.txt" in text
        assert "Officials said red things today." in text and "\x1b" not in text
        await pilot.press("escape")
        await pilot.pause()
        list_screen(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert lines_with(app, "bad\\nname.json: not valid JSON (line 1, column 5: Expecting value)")
