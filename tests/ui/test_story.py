"""The story view: three or more marked articles, the matrix, the diff at a cell, another base."""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
from pathlib import Path

from reader.core.story import Status
from reader.ui.app import ReaderApp
from reader.ui.screens.base_picker import BasePicker
from reader.ui.screens.diff import DiffScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.story import StoryScreen
from reader.ui.widgets.story.story_matrix import StoryMatrix

from .conftest import (
    SEED_000,
    SEED_002,
    SEED_003,
    SEEDS,
    current_block,
    diff_view,
    list_screen,
    move_to,
    screen_text,
    settle,
    table,
)

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "data" / "seeds-002-003.json").read_text(encoding="utf-8"))


def storygen():
    """tests/story/storygen.py: generated stories whose copies have known edits."""
    module = sys.modules.get("storygen")
    if module is None:
        spec = importlib.util.spec_from_file_location("storygen", ROOT / "tests" / "story" / "storygen.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["storygen"] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
    return module


def story_screen(app: ReaderApp) -> StoryScreen:
    screen = app.screen
    assert isinstance(screen, StoryScreen), screen
    return screen


def matrix(app: ReaderApp) -> StoryMatrix:
    return story_screen(app).matrix


async def open_story(pilot, *names: str) -> StoryScreen:
    """Mark the articles with m, in this order, and press d."""
    for name in names:
        await move_to(pilot, name)
        await pilot.press("m")
    await pilot.press("d")
    await settle(pilot)
    return story_screen(pilot.app)


def column_of(screen: StoryScreen, file_name: str) -> int:
    assert screen.story is not None
    return next(k for k, c in enumerate(screen.story.copies) if c.article.path.name == file_name)


def statuses(screen: StoryScreen, column: int) -> dict[int, Status]:
    """Base paragraph -> its cell's status in a copy's column."""
    assert screen.story is not None
    return {
        row.base: cell.status
        for row in screen.story.rows
        if row.base is not None and (cell := row.cells[column]) is not None
    }


def expected_from_gold() -> dict[int, Status]:
    """What the gold alignment of 002 and 003 says each of 002's paragraphs became in 003."""
    expected = {}
    for group in GOLD["groups"]:
        if len(group["a"]) > 1:
            for a in group["a"]:
                expected[a] = Status.MOVED if f"{a} moved" in group["kind"] else Status.MERGED
    for a in GOLD["deleted_from_a"]:
        expected[a] = Status.CUT
    return expected


async def test_m_marks_more_than_two_and_u_unmarks_all() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = table(app)
        for name in (SEED_002, SEED_003):
            await move_to(pilot, name)
            await pilot.press("space")
        await move_to(pilot, SEED_000)
        await pilot.press("m")  # a third mark that replaces none
        await pilot.pause()
        names = [articles.articles[i].path.name for i in articles.marks]
        assert names == [SEED_002, SEED_003, SEED_000]
        assert [articles.cell_text(i, "mark") for i in articles.marks] == ["A", "B", "C"]
        assert "3 marked: d opens the story view" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert articles.marks == [] and "marked" not in screen_text(app)


async def test_d_with_three_marked_opens_the_story_of_the_likely_original(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_story(pilot, SEED_003, SEED_000, SEED_002)
        story = screen.story
        assert story is not None and matrix(app).display
        # The AFP wire copy is the likely original: the base; the copies in the order marked.
        assert story.base.path.name == SEED_002
        assert [c.article.path.name for c in story.copies] == [SEED_003, SEED_000]
        moscow = statuses(screen, column_of(screen, SEED_003))
        for paragraph, status in expected_from_gold().items():
            assert moscow[paragraph] is status, paragraph
        assert moscow[10] is Status.KEPT and moscow[3] is Status.TYPOGRAPHY
        # The donation appeal it added is one row of its own, where it stands: after the end.
        added = [row for row in story.rows if row.added]
        assert len(added) == 1 and added[0].cells[0].status is Status.BOILERPLATE
        # 000 is an independent write-up: its column says so rather than a column of cuts.
        assert set(statuses(screen, column_of(screen, SEED_000)).values()) == {Status.UNRELATED}
        text = screen_text(app)
        for shown in ("BASE", "likely original", "#1 The Moscow Times", "67% kept", "≠ write-up"):
            assert shown in text, shown
        # ¶1 holds a fact (Putin became "the Kremlin leader"): its cell says so with ‼.
        for label in ("⇉ ¶6 w/7", "↕ in ¶8", "⇉ ¶10 w/13", "±‼ 29% ¶1", "~ ¶3", "= ¶9"):
            assert label in text, label
        if size[1] >= 50:  # everything on screen, down to the trimmed end and the appeal
            assert "✂ end" in text and "donation appeal" in text
        # The details line: the copy under the cursor, then its cell in words.
        assert "#1 The Moscow Times · 003_574f2177cef51eb0.txt · 355 words: keeps 67%" in " ".join(
            text.split()
        )
        await pilot.press("l")
        text = " ".join(screen_text(app).split())
        assert "different write-ups" in text and "independent write-up" in text


async def test_the_cursor_moves_by_cell_and_by_change(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_story(pilot, SEED_002, SEED_003, SEED_000)
        grid = matrix(app)
        assert tuple(grid.cursor) == (0, 0) and app.focused is grid
        await pilot.press("j", "down", "l")
        assert tuple(grid.cursor) == (2, 1)
        await pilot.press("h", "k", "left", "up", "up")  # stops at the edges
        assert tuple(grid.cursor) == (0, 0)
        await pilot.press("end")
        assert grid.cursor.row == len(screen.story.rows) - 1
        await pilot.press("home")
        # n and N: the next and previous cell that is not kept as it was, in this copy.
        changes = [
            n
            for n, row in enumerate(screen.story.rows)
            if row.cells[0] and row.cells[0].status not in (Status.KEPT, Status.TYPOGRAPHY)
        ]
        assert changes[0] == 0  # the lead was edited
        await pilot.press("n", "n")
        assert grid.cursor.row == changes[2]
        await pilot.press("N")
        assert grid.cursor.row == changes[1]
        await pilot.press("pagedown")
        assert grid.cursor.row > changes[2]
        # The cell under the cursor is said in words below the matrix.
        await pilot.press("home", *["j"] * 6)
        assert "¶6 ⇉ merged with ¶7 into ¶6" in screen_text(app)


async def test_enter_opens_the_diff_at_the_cell_and_escape_comes_back(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_story(pilot, SEED_002, SEED_003, SEED_000)
        story = screen.story
        for paragraph in (12, 14, 11):  # merged late in the copy, cut from the end, moved up
            row = story.row_of(paragraph)
            matrix(app).move_to(row=row, column=0)
            await pilot.pause()
            cell = story.rows[row].cells[0]
            await pilot.press("enter")
            await settle(pilot)
            view = diff_view(app)
            # The comparison the story was built from, not a new one.
            assert view.comparison is story.copies[0].comparison
            block = current_block(view)
            assert cell.group in block.groups
            top = round(view.scroll_y)
            start = view.diff_layout.starts[view.current]
            assert top <= start < top + view.scrollable_content_region.height, paragraph
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen
            assert tuple(matrix(app).cursor) == (row, 0) and app.focused is matrix(app)


async def test_resizing_keeps_the_cell(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = await open_story(pilot, SEED_002, SEED_003, SEED_000)
        grid = matrix(app)
        row = screen.story.row_of(13)
        grid.move_to(row=row, column=1)
        await pilot.pause()
        other = (160, 50) if size == (80, 24) else (80, 24)
        await pilot.resize_terminal(*other)
        await settle(pilot)
        assert tuple(grid.cursor) == (row, 1) and 1 in grid.visible_columns
        top = round(grid.scroll_y)
        assert top <= grid.shown_rows.index(row) < top + grid.page_rows
        assert "¶13 ≠" in screen_text(app)  # the details line follows the width


async def test_b_picks_another_base() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_story(pilot, SEED_002, SEED_003, SEED_000)
        first = screen.story
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BasePicker)
        assert "likely original" in screen_text(app) and "Base of the story" in screen_text(app)
        await pilot.press("escape")  # cancel: nothing changes
        await pilot.pause()
        assert app.screen is screen and screen.story is first
        await pilot.press("b", "down", "enter")  # 003, the next in the order marked
        await settle(pilot)
        assert app.screen is screen
        story = screen.story
        assert story is not first and story.base.path.name == SEED_003
        assert [c.article.path.name for c in story.copies] == [SEED_002, SEED_000]
        afp = statuses(screen, 0)
        assert afp[6] is Status.SPLIT and afp[10] is Status.SPLIT  # 003's merges, seen from 003
        assert all(afp[p] is Status.CUT for p in range(11, 19))  # its appeal: not in the wire copy
        text = screen_text(app)
        assert "picked with b" in text and "#1 AFP" in text
        # Back to the likely original: the story already built comes back at once.
        await pilot.press("b", "up", "enter")
        await pilot.pause()
        assert screen.story is first


async def test_many_copies_scroll_sideways_with_the_paragraphs_in_place(tmp_path: Path, size) -> None:
    case = storygen().make_story(7, copies=10, words=400, edits=4)
    case.write(tmp_path)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*["m"] * 11, "d")  # m marks and moves down: the base, then the copies
        await settle(pilot)
        screen = story_screen(app)
        grid = matrix(app)
        assert screen.story.base.path.name == "base.txt"  # the dateline marks the wire original
        assert len(screen.story.copies) == 10
        shown = grid.visible_columns
        if size[0] < 100:
            assert len(shown) < 10 and f"copies 1–{shown.stop} of 10 ▶" in screen_text(app)
        for _ in range(9):
            await pilot.press("l")
        assert grid.cursor.column == 9 and 9 in grid.visible_columns
        text = screen_text(app)
        assert "#10 " in text
        assert " 0 " in text  # the paragraph column stays in place
        if size[0] < 100:
            assert "◀ copies" in text and grid.visible_columns.start > 0
        # Every base paragraph stays; the added rows drawn are those of the copies in view.
        rows = [screen.story.rows[n] for n in grid.shown_rows]
        assert [r.base for r in rows if not r.added] == list(range(len(screen.story.base.paragraphs)))
        assert all(r.copy in grid.visible_columns for r in rows if r.added)
        assert any(r.added for r in rows)
        # Back to the first copy: its added rows come back, the cursor on the same paragraph.
        await pilot.press("j", "j", "j")
        row = screen.story.rows[grid.cursor.row]
        for _ in range(9):
            await pilot.press("h")
        assert grid.cursor.column == 0 and grid.visible_columns.start == 0
        assert screen.story.rows[grid.cursor.row] is row or row.added
        # The whole matrix is wide enough for every copy at 160 columns.
        if size[0] >= 160:
            assert len(grid.visible_columns) == 10


async def test_the_story_is_built_in_a_worker_with_progress(monkeypatch) -> None:
    import reader.core.story as core_story

    release = threading.Event()
    real_compare = core_story.compare

    def slow_compare(a, b, *args, **kwargs):
        release.wait(10)
        return real_compare(a, b, *args, **kwargs)

    monkeypatch.setattr(core_story, "compare", slow_compare)
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for name in (SEED_002, SEED_003, SEED_000):
            await move_to(pilot, name)
            await pilot.press("m")
        await pilot.press("d")
        await pilot.pause()
        screen = story_screen(app)
        assert screen.story is None and not screen.matrix.display
        assert "Comparing 2 copies with 002_990fca62850f33f5.txt" in screen_text(app)
        await pilot.press("b")  # disabled while building
        assert app.screen is screen
        release.set()
        await settle(pilot)
        assert screen.story is not None and screen.matrix.display
        assert screen.shown_seconds is not None and screen.build_seconds is not None
        # Leaving while it builds leaves cleanly.
        release.clear()
        await pilot.press("escape")
        await pilot.pause()
        assert list_screen(app) is app.screen
        await pilot.press("d", "q")
        assert list_screen(app) is app.screen
        release.set()
        await settle(pilot)
        assert list_screen(app) is app.screen and app.is_running


async def test_help_and_palette_list_the_story_keys() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert any(title.startswith("Mark or unmark for a story of three or more") for title in titles)
        await open_story(pilot, SEED_002, SEED_003, SEED_000)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for title in (
            "Pick another base among the story's articles",
            "Open the diff at this cell",
            "Next change in this copy",
            "Back to the list",
        ):
            assert title in titles, title
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        sections = dict(help_screen.sections)
        keys = dict(sections["Story"])
        for key in ("b", "⏎", "n", "N", "esc, q", "?", "←, h", "→, l", "↑, k", "↓, j"):
            assert key in keys, key
        notes = dict(help_screen.notes)
        assert "⇉ merged" in notes["Symbols"] and "≠ different write-up" in notes["Symbols"]
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
        assert list_screen(app) is app.screen


async def test_statuses_read_in_16_colours_and_without_colour(monkeypatch) -> None:
    app = ReaderApp([SEEDS], theme="16")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_story(pilot, SEED_002, SEED_003, SEED_000)
        grid = matrix(app)
        for status, number in (
            (Status.CUT, 1),
            (Status.KEPT, 2),
            (Status.EDITED, 3),
            (Status.MOVED, 5),
            (Status.MERGED, 6),
        ):
            color = grid._style(status.value).color
            assert color is not None and color.number == number, status
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        await open_story(pilot, SEED_002, SEED_003, SEED_000)
        grid = matrix(app)
        # The cursor stands out without colour, and every status keeps its symbol.
        assert grid._style("kept", "cursor").reverse
        segments = [s for y in range(grid.size.height) for s in grid.render_line(y)]
        text = "".join(s.text for s in segments)
        for symbol in ("=", "~", "±", "⇉", "↕", "≠"):
            assert symbol in text, symbol


async def test_clicks_move_the_cursor_and_a_double_click_opens_the_diff() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await open_story(pilot, SEED_002, SEED_003, SEED_000)
        grid = matrix(app)
        geometry = grid._geometry
        x = geometry.left + geometry.cell + 1 + 2  # inside the second copy's column
        await pilot.click(grid, offset=(x, 2 + 4))
        assert tuple(grid.cursor) == (4, 1)
        await pilot.click(grid, offset=(geometry.left + 2, 0))  # the first copy's name
        assert tuple(grid.cursor) == (4, 0)
        await pilot.click(grid, offset=(geometry.left + 2, 2 + 6), times=2)
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)


def test_story_view_snapshot(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await open_story(pilot, SEED_002, SEED_003, SEED_000)
        await pilot.press(*["j"] * 9)  # the merge with the moved paragraph in it
        await settle(pilot)

    assert snap_compare(ReaderApp([SEEDS]), terminal_size=(120, 34), run_before=run_before)


def test_columns_say_more_when_wide_and_page_when_narrow() -> None:
    from reader.ui.widgets.story.story_matrix import LEFT_MIN, geometry

    # Two copies at 200 columns: every cell in words, the paragraphs still readable beside them.
    wide = geometry(199, 2, wanted=24, sentences=62)
    assert wide.sentences and wide.per_page == 2 and wide.left >= 60
    # At 160 the short labels, and the paragraph column takes the rest.
    labels = geometry(159, 2, wanted=24, sentences=62)
    assert not labels.sentences and labels.cell == 24 and labels.left == 159 - 2 * 25
    # Ten copies fit at 160 in narrower cells; twenty at 80 come a page at a time.
    assert geometry(159, 10, wanted=24).per_page == 10
    paged = geometry(79, 20, wanted=24)
    assert 1 < paged.per_page < 20 and paged.left >= LEFT_MIN
    assert paged.left + paged.per_page * (paged.cell + 1) == 79
