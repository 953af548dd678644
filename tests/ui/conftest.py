"""Helpers for driving the app with the Pilot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.ui.app import ReaderApp
from reader.ui.screens.diff import DiffScreen
from reader.ui.screens.list import ListScreen
from reader.ui.widgets.common.status_line import StatusLine
from reader.ui.widgets.diff.diff_view import DiffView
from reader.ui.widgets.list.article_table import ArticleTable

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = "000_4f549e9bf7ce5619.txt"
SEED_002 = "002_990fca62850f33f5.txt"
SEED_003 = "003_574f2177cef51eb0.txt"

SIZES = [(80, 24), (160, 50)]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """The seeds in a folder of the test's own, for tests that add files beside them."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def screen_text(app: ReaderApp) -> str:
    """What the terminal shows, as plain text, one line per row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def settle(pilot) -> None:
    """Wait until the workers (loading, comparing, ranking) are done and the screen is drawn."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def messages(app: ReaderApp) -> str:
    """Everything said so far: toasts, and the notes of every status line on the stack."""
    said = [str(notification.message) for notification in app._notifications]
    for screen in app.screen_stack:
        for line in screen.query(StatusLine):
            said.extend(line.said)
    return "\n".join(said)


def status(app: ReaderApp) -> str:
    """What the current screen's status line says, without the passing note (at 80
    columns a note takes the room of the status's end for a few seconds)."""
    return str(app.screen.query(StatusLine).first().standing)


def list_screen(app: ReaderApp) -> ListScreen:
    screen = app.screen
    assert isinstance(screen, ListScreen), screen
    return screen


def table(app: ReaderApp) -> ArticleTable:
    return app.screen.query_one(ArticleTable)


def diff_view(app: ReaderApp) -> DiffView:
    screen = app.screen
    assert isinstance(screen, DiffScreen), screen
    return screen.query_one(DiffView)


async def move_to(pilot, file_name: str) -> None:
    """Put the table cursor on the article whose file is ``file_name``."""
    articles = table(pilot.app)
    row = next(n for n, index in enumerate(articles.order) if articles.articles[index].path.name == file_name)
    articles.move_cursor(row=row, animate=False)
    await pilot.pause()


async def mark(pilot, *file_names: str) -> None:
    for name in file_names:
        await move_to(pilot, name)
        await pilot.press("space")
    await pilot.pause()


async def open_diff(pilot, a: str = SEED_002, b: str = SEED_003, key: str = "d") -> DiffView:
    await mark(pilot, a, b)
    await pilot.press(key)
    await settle(pilot)
    return diff_view(pilot.app)


def current_block(view: DiffView):
    assert view.diff_layout is not None
    return view.diff_layout.blocks[view.current]


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Folder indexes go to a cache of the test's own, never the real home."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache
