"""The diff screen: opening, moving through changes, views, folds, swap, back."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import LoadingIndicator

from reader.ui.app import ReaderApp
from reader.ui.screens.diff import DiffScreen
from reader.ui.screens.help import HelpScreen

from .bigpair import make_pair
from .conftest import (
    SEED_000,
    SEED_002,
    SEED_003,
    SEEDS,
    current_block,
    diff_view,
    list_screen,
    mark,
    open_diff,
    screen_text,
    settle,
    table,
)


def group_key(view, a: tuple[int, ...]) -> tuple[str, int]:
    assert view.comparison is not None
    return ("group", next(n for n, g in enumerate(view.comparison.groups) if g.a == a))


def visible(view, key) -> bool:
    layout = view.diff_layout
    index = layout.find(key)
    top = round(view.scroll_y)
    bottom = top + view.scrollable_content_region.height
    return index is not None and layout.starts[index] < bottom and layout.ends[index] > top


async def test_d_opens_the_diff_of_the_marked_pair(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        assert view.comparison is not None
        assert view.comparison.a.path.name == SEED_002 and view.comparison.b.path.name == SEED_003
        text = screen_text(app)
        assert "B keeps 66% of A" in text.replace("\n", " ") or "B keeps" in text
        assert "8 paragraphs of boilerplate added" in " ".join(text.split())
        assert "‼ AFP credit dropped" in text
        assert "AFP" in text and "The Moscow Times" in text
        assert view.side_by_side is (size[0] >= 100)
        assert "change 1 of" in text
        # The first change is current and on screen.
        assert current_block(view).change and visible(view, current_block(view).key)


async def test_enter_opens_the_diff_when_two_are_marked() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot, key="enter")
        assert view.comparison is not None and isinstance(app.screen, DiffScreen)


async def test_one_mark_and_the_cursor_make_a_pair() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await mark(pilot, SEED_003)
        from .conftest import move_to

        await move_to(pilot, SEED_002)
        await pilot.press("d")
        await settle(pilot)
        view = diff_view(app)
        assert view.comparison.a.path.name == SEED_003 and view.comparison.b.path.name == SEED_002


async def test_next_and_previous_change(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        layout = view.diff_layout
        changes = [n for n, block in enumerate(layout.blocks) if block.change]
        assert view.current == changes[0]
        await pilot.press("n")
        assert view.current == changes[1]
        await pilot.press("right_square_bracket")
        assert view.current == changes[2]
        assert visible(view, layout.blocks[changes[2]].key)
        await pilot.press("N")
        assert view.current == changes[1]
        await pilot.press("left_square_bracket")
        assert view.current == changes[0]
        for _ in range(len(changes) + 2):
            await pilot.press("n")
        assert view.current == changes[-1]
        assert visible(view, layout.blocks[changes[-1]].key)
        await pilot.pause()
        assert f"change {len(changes)} of {len(changes)}" in screen_text(app)
        # The typography-only groups are not stops while typography is hidden.
        assert all(layout.blocks[n].kind != "typography" for n in changes)


async def test_scroll_keys_move_the_view(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        await pilot.press("j", "j", "down")
        assert round(view.scroll_y) == 3
        await pilot.press("k")
        assert round(view.scroll_y) == 2
        await pilot.press("pagedown")
        assert view.scroll_y > 3
        await pilot.press("end")
        assert round(view.scroll_y) == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0
        # The current block follows the view when it scrolls away.
        await pilot.press("end")
        assert visible(view, current_block(view).key)


async def test_v_toggles_side_by_side_and_stacked(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        before = view.side_by_side
        await pilot.press("n", "n")
        key = current_block(view).key
        await pilot.press("v")
        await pilot.pause()
        assert view.side_by_side is not before
        assert view.diff_layout.options.side_by_side is not before
        assert current_block(view).key == key  # the place is kept
        assert ("side by side" if not before else "stacked") in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert view.side_by_side is before


async def test_boilerplate_unfolds_and_folds_again(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert "+8 paragraphs of boilerplate: donation appeal" in screen_text(app)
        assert "Dear readers," not in screen_text(app)
        for key in ("enter", "z"):
            await pilot.press("end")
            await pilot.press(key)
            await pilot.pause()
            block = current_block(view)
            assert block.kind == "fold" and not block.compact
            await pilot.press("end")
            await pilot.pause()
            assert "Remind me later." in screen_text(app)
            await pilot.press(key)
            await pilot.pause()
            assert current_block(view).compact
        # n reaches the fold as a change too.
        await pilot.press("home")
        for _ in range(20):
            await pilot.press("n")
        assert current_block(view).kind == "fold"


async def test_m_jumps_between_the_two_places_of_a_moved_paragraph(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        await pilot.press("m")  # from anywhere: to the next moved paragraph
        destination = group_key(view, (9, 11))
        assert current_block(view).key == destination
        await pilot.press("m")
        assert current_block(view).key == ("ghost", 11)
        assert visible(view, ("ghost", 11))
        await pilot.pause()
        assert "¶11 of A stood here, moved up to ¶8" in screen_text(app)
        await pilot.press("m")
        assert current_block(view).key == destination and visible(view, destination)


async def test_x_swaps_a_and_b(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert view.comparison.a.path.name == SEED_003 and view.comparison.b.path.name == SEED_002
        text = " ".join(screen_text(app).split())
        assert text.index(SEED_003) < text.index(SEED_002)  # the header names 003 as A now
        assert "split" in text and "merged" not in text  # what was merged in 002 -> 003 is split
        await pilot.press("x")
        await settle(pilot)
        assert view.comparison.a.path.name == SEED_002


async def test_passing_notes_go_to_the_status_line_not_over_the_text() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await open_diff(pilot, SEED_002, SEED_000)  # separate reports: nothing moved, no facts
        top = diff_view(app).region.y
        before = screen_text(app).splitlines()[top:-1]
        await pilot.press("m", "f")
        await pilot.pause()
        assert not app._notifications
        assert "No facts in this pair" in screen_text(app)
        # The text in view is as it was, where it was: only the status line changed.
        assert diff_view(app).region.y == top
        assert screen_text(app).splitlines()[top:-1] == before


async def test_x_keeps_the_readers_place() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        await pilot.press("n", "n", "n", "n")
        await settle(pilot)
        before = view.comparison.groups[view.diff_layout.blocks[view.current].groups[0]]
        assert "change 5 of" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        after = view.comparison.groups[view.diff_layout.blocks[view.current].groups[0]]
        # The same paragraphs, seen from the other side.
        assert set(after.a) & set(before.b) and set(after.b) & set(before.a)
        assert "change 1 of" not in screen_text(app)


async def test_t_shows_typography_and_c_collapses_unchanged(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        changes = sum(block.change for block in view.diff_layout.blocks)
        await pilot.press("t")
        await pilot.pause()
        assert sum(block.change for block in view.diff_layout.blocks) > changes
        assert "typography shown" in screen_text(app)
        roles = {role for row in view.diff_layout.rows for _, role in row}
        assert "typo" in roles
        await pilot.press("t")
        rows = view.diff_layout.height
        await pilot.press("c")
        await pilot.pause()
        assert view.diff_layout.height < rows
        unchanged = view.diff_layout.find(group_key(view, (10,)))
        assert view.diff_layout.blocks[unchanged].compact
        assert "unchanged collapsed" in screen_text(app)
        await pilot.press("c")
        assert view.diff_layout.height == rows


async def test_escape_and_q_go_back_keeping_the_list_place() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_diff(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert list_screen(app) is app.screen
        articles = table(app)
        assert [articles.articles[i].path.name for i in articles.marks] == [SEED_002, SEED_003]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DiffScreen)
        await pilot.press("q")
        await pilot.pause()
        assert list_screen(app) is app.screen and app.is_running


async def test_unrelated_write_ups_say_so() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await open_diff(pilot, SEED_000, SEED_002)
        assert "different write-ups" in screen_text(app)


async def test_resizing_keeps_the_place() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        for _ in range(6):
            await pilot.press("n")
        key = current_block(view).key
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not view.side_by_side
        assert current_block(view).key == key and visible(view, key)
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert view.side_by_side
        assert current_block(view).key == key and visible(view, key)
        assert max(len(line) for line in screen_text(app).splitlines()) <= 200


async def test_help_lists_every_diff_key_and_the_palette_runs_them() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {
            key for _, rows in app.screen.sections for row_keys, _ in rows for key in row_keys.split(", ")
        }
        for key in (
            "n",
            "N",
            "]",
            "[",
            "j",
            "k",
            "↑",
            "↓",
            "pgup",
            "pgdn",
            "home",
            "end",
            "m",
            "x",
            "v",
            "t",
            "c",
            "z",
            "⏎",
            "esc",
            "q",
            "?",
        ):
            assert key in keys, key
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"swap a and b")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert view.comparison.a.path.name == SEED_003


async def test_no_horizontal_scrolling_at_80_columns() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        assert view.virtual_size.width <= view.scrollable_content_region.width
        assert view.max_scroll_x == 0
        for line in screen_text(app).splitlines():
            assert len(line) <= 80


async def test_untrusted_text_in_the_diff_is_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said [bold red]nothing[/bold red] today.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Officials said \x1b[31m[link=x]something[/link] today.\n", encoding="utf-8"
    )
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await open_diff(pilot, "a.txt", "b.txt")
        text = screen_text(app)
        assert "[bold red]nothing[/bold red]" in text
        assert "[link=x]something[/link]" in text
        assert "\x1b" not in text


async def test_keys_work_while_the_worker_compares(monkeypatch) -> None:
    import reader.core.compare as core_compare

    release = threading.Event()
    real_compare = core_compare.compare

    def slow_compare(a, b, *args, **kwargs):
        release.wait(10)  # a comparison that takes as long as the test wants
        return real_compare(a, b, *args, **kwargs)

    monkeypatch.setattr(core_compare, "compare", slow_compare)
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await mark(pilot, SEED_002, SEED_003)
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert screen.query_one(LoadingIndicator).display and screen.comparison is None
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is screen and screen.comparison is None
        release.set()
        await settle(pilot)
        assert screen.comparison is not None and not screen.query_one(LoadingIndicator).display
        assert diff_view(app).diff_layout is not None


async def test_back_while_comparing_leaves_cleanly(monkeypatch) -> None:
    import reader.core.compare as core_compare

    release = threading.Event()
    real_compare = core_compare.compare
    monkeypatch.setattr(
        core_compare, "compare", lambda a, b, *r: (release.wait(10), real_compare(a, b, *r))[1]
    )
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await mark(pilot, SEED_002, SEED_003)
        await pilot.press("d", "escape")
        assert list_screen(app) is app.screen
        release.set()
        await settle(pilot)
        assert list_screen(app) is app.screen and app.is_running


async def test_a_long_pair_lays_out_in_the_background_keeping_the_place(tmp_path: Path) -> None:
    make_pair(tmp_path, 40_000)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot, "a.txt", "b.txt")
        assert view.comparison is not None and view.diff_layout.height > 2000
        await pilot.press("n", "n", "n", "pagedown", "n")
        key = current_block(view).key
        await pilot.press("v")
        await settle(pilot)
        assert not view.side_by_side and current_block(view).key == key and visible(view, key)
        await pilot.press("end")
        await pilot.pause()
        assert "paragraphs of boilerplate" in screen_text(app)


async def test_separate_reports_read_in_parallel_without_edits() -> None:
    from reader.core.compare import compare
    from reader.core.loading import load_file
    from reader.view.layout import Options
    from reader.view.rows import build_layout

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    (a,), _ = load_file(seeds / "000_4f549e9bf7ce5619.txt")
    (b,), _ = load_file(seeds / "002_990fca62850f33f5.txt")
    comparison = compare(a, b)
    layout = build_layout(comparison, 160, Options(side_by_side=True))
    roles = {role for row in layout.rows for _, role in row}
    assert not roles & {"del", "ins"}
    assert not any(block.change for block in layout.blocks)
    first = "".join(text for text, _ in layout.rows[0])
    assert "Kim Jong Un has hailed" in first and "North Korean leader" in first


async def test_f_and_shift_f_go_through_the_facts_and_the_status_line_names_them() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await open_diff(pilot)
        facts = view.comparison.facts
        assert facts[0].kind == "credit"
        # The header says them all; the first block holds the dropped credit.
        text = screen_text(app)
        assert "‼ AFP credit dropped · 2 quotations cut · 1 name changed" in text
        assert "‼ AFP credit dropped: SEOUL (AFP)" in text
        stops = [n for n, block in enumerate(view.diff_layout.blocks) if block.facts]
        seen = []
        for k in range(1, len(stops)):
            await pilot.press("f")
            await pilot.pause()
            seen.append(view.current)
            if k == 1:
                assert "‼ name changed: Putin → Kremlin" in screen_text(app)
        assert seen == stops[1:]
        await pilot.press("F")
        await pilot.pause()
        assert view.current == stops[-2]
        # The fact's change is drawn as a fact: its own role, marked ‼.
        row_roles = {role for row in view.diff_layout.rows for _, role in row}
        assert {"fact-del", "fact-ins"} <= row_roles
