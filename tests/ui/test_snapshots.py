"""How the app looks, on the seeds: the list, the diff side by side and stacked, help.

Review every SVG under ``__snapshots__`` before accepting it with ``--snapshot-update``.
"""

from __future__ import annotations

from reader.ui.app import ReaderApp

from .conftest import SEED_002, SEED_003, SEEDS, mark, move_to, settle


async def _loaded(pilot) -> None:
    await settle(pilot)


async def _diff(pilot) -> None:
    await settle(pilot)
    await mark(pilot, SEED_002, SEED_003)
    await pilot.press("d")
    await settle(pilot)


async def _diff_at_the_merge(pilot) -> None:
    await _diff(pilot)
    for _ in range(6):
        await pilot.press("n")
    await settle(pilot)


def test_list_with_preview(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot)
        await move_to(pilot, SEED_002)
        await settle(pilot)

    assert snap_compare(ReaderApp([SEEDS]), terminal_size=(160, 50), run_before=run_before)


def test_diff_side_by_side(snap_compare) -> None:
    assert snap_compare(ReaderApp([SEEDS]), terminal_size=(160, 50), run_before=_diff_at_the_merge)


def test_diff_stacked_at_80x24(snap_compare) -> None:
    assert snap_compare(ReaderApp([SEEDS]), terminal_size=(80, 24), run_before=_diff_at_the_merge)


def test_help_on_the_diff_screen(snap_compare) -> None:
    async def run_before(pilot) -> None:
        await _diff(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(ReaderApp([SEEDS]), terminal_size=(80, 24), run_before=run_before)
