"""The list on a folder: rows from the index at once, refreshed batch by batch, `s` and `g`
from the index, files that vanish, a damaged index, and an article folder left untouched."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.library import Library, index_path
from reader.ui.app import ReaderApp
from reader.ui.screens.list import ListScreen
from reader.ui.screens.problems import ProblemsScreen

from .conftest import SEED_000, SEED_002, SEED_003, list_screen, messages, screen_text, settle, status, table


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under a folder with its size and modification time."""
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def shown_files(app: ReaderApp) -> list[str]:
    """The file of each line, story lines as ``story:`` plus their original's file."""
    articles = table(app)
    names = []
    for entry in articles.order:
        if entry < 0:
            names.append("story:" + articles.rows[articles.groups[-entry - 1][0]].file)
        else:
            names.append(articles.rows[entry].file)
    return names


async def move_to_file(pilot, name: str) -> None:
    """Put the cursor on a file's line without reading the file (it may be gone)."""
    articles = table(pilot.app)
    row = next(n for n, i in enumerate(articles.order) if i >= 0 and articles.rows[i].file == name)
    articles.move_cursor(row=row)
    await pilot.pause()


async def index_once(folder: Path) -> None:
    app = ReaderApp([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert list_screen(app).loaded


async def test_warm_start_shows_the_index_rows_before_the_refresh_ends(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await index_once(seeds_copy)
    (seeds_copy / "004_added.txt").write_text("Added between two runs.\n\nA second one.\n", encoding="utf-8")
    (seeds_copy / SEED_000).unlink()
    before = snapshot(seeds_copy)

    # Hold the refresh until the test has seen the rows the index already had.
    release = threading.Event()
    refresh = Library.refresh

    def held_refresh(self, *args, **kwargs):
        release.wait(10)
        return refresh(self, *args, **kwargs)

    monkeypatch.setattr(Library, "refresh", held_refresh)
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if table(app).order:
                break
        assert not list_screen(app).loaded  # the refresh has not ended
        assert shown_files(app) == [SEED_000, SEED_002, SEED_003]
        assert "3 articles" in screen_text(app)
        release.set()
        await settle(pilot)
        assert shown_files(app) == [SEED_002, SEED_003, "004_added.txt"]
        assert "3 articles" in screen_text(app) and "indexing" not in screen_text(app)
    assert snapshot(seeds_copy) == before  # the article folder is never written to


async def test_refresh_shows_progress_and_fills_the_list(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1200):  # more than two batches of the index
        (folder / f"{n:04}.txt").write_text(f"Story number {n} begins.\n\nIt goes on.\n", encoding="utf-8")
    app = ReaderApp([folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(table(app).order) == 1200
        assert "1,200 articles" in screen_text(app)


async def test_s_ranks_from_the_index(seeds_copy: Path) -> None:
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await move_to_file(pilot, SEED_002)
        await pilot.press("s")
        await settle(pilot)
        assert shown_files(app)[:2] == [SEED_002, SEED_003]
        assert f"similar to: {SEED_002}" in status(app)
        articles = table(app)
        assert articles.cell_text(articles.order[1], "shared").endswith("%")


async def test_d_on_a_story_line_opens_the_story_view(seeds_copy: Path) -> None:
    from reader.ui.screens.story import StoryScreen

    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert shown_files(app) == [f"story:{SEED_002}", SEED_000]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        assert app.screen.original.path.name == SEED_002
        assert [a.path.name for a in app.screen.articles] == [SEED_002, SEED_003]
        await pilot.press("escape")
        assert isinstance(app.screen, ListScreen)


async def test_space_on_a_story_line_marks_nothing_and_says_why(seeds_copy: Path) -> None:
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert shown_files(app) == [f"story:{SEED_002}", SEED_000]
        await pilot.press("space")
        await pilot.pause()
        assert list(table(app).marks) == [] and table(app).cursor_row == 0
        assert "A story's line" in screen_text(app) and not app._notifications
        await pilot.press("down", "space")  # an article's line: marked, and the cursor moves on
        assert [table(app).rows[i].file for i in table(app).marks] == [SEED_000]


async def test_g_groups_by_story_and_opens_and_closes_a_story(seeds_copy: Path) -> None:
    before = snapshot(seeds_copy)
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        # 002 and 003 are one story, the AFP wire (002) its likely original; 000 stays alone.
        assert shown_files(app) == [f"story:{SEED_002}", SEED_000]
        assert "2 versions" in table(app).line_text(table(app).order[0])
        assert "1 story, 1 single" in screen_text(app)
        await pilot.press("enter")
        assert shown_files(app) == [f"story:{SEED_002}", SEED_002, SEED_003, SEED_000]
        await pilot.press("down", "down", "left")  # left on a version closes its story
        assert shown_files(app) == [f"story:{SEED_002}", SEED_000]
        assert table(app).cursor_row == 0
        await pilot.press("right", "down", "space", "space")  # space moves on to the next line
        assert [table(app).rows[i].file for i in table(app).marks] == [SEED_002, SEED_003]
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)  # the diff of the two versions
        await pilot.press("escape")
        await pilot.press("g")
        assert shown_files(app) == [SEED_000, SEED_002, SEED_003]
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("escape")  # escape ungroups too
        assert shown_files(app) == [SEED_000, SEED_002, SEED_003]
    assert snapshot(seeds_copy) == before


async def test_g_on_files_says_it_needs_a_folder(seeds_copy: Path) -> None:
    app = ReaderApp([seeds_copy / SEED_002, seeds_copy / SEED_003])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert table(app).groups is None
        assert "uses a folder's index" in messages(app)


async def test_a_broken_file_is_listed_in_problems(seeds_copy: Path) -> None:
    (seeds_copy / "broken.json").write_text('{"title": "cut off', encoding="utf-8")
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 problem (p)" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "broken.json" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
async def test_a_file_deleted_while_open_is_one_line_not_a_crash(seeds_copy: Path, size) -> None:
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        (seeds_copy / SEED_003).unlink()
        await move_to_file(pilot, SEED_003)
        await pilot.press("enter")  # the preview screen, or the preview beside the list
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ListScreen)
        assert f"{SEED_003}: no longer there" in messages(app)
        assert messages(app).count("no longer there") == 1
        # Marked with another, `d` says it again and stays on the list.
        await pilot.press("space")
        await move_to_file(pilot, SEED_002)
        await pilot.press("space", "d")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        assert messages(app).count("no longer there") == 2
        assert [p.path.name for p in list_screen(app).problems] == [SEED_003]


async def test_a_damaged_index_is_rebuilt_with_a_message(seeds_copy: Path) -> None:
    await index_once(seeds_copy)
    database = index_path(seeds_copy)
    database.write_bytes(b"this is not an index" * 200)
    for extra in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        extra.unlink(missing_ok=True)
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "rebuilt" in messages(app).lower() or "rebuild" in messages(app).lower()
        assert shown_files(app) == [SEED_000, SEED_002, SEED_003]


async def test_without_a_usable_cache_the_folder_is_read_into_memory(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert list_screen(app).library is None
        assert shown_files(app) == [SEED_000, SEED_002, SEED_003]
        assert "reading the folder without an index" in messages(app)


async def test_a_file_changed_while_open_is_read_again(seeds_copy: Path) -> None:
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await move_to_file(pilot, SEED_000)
        await pilot.press("enter")
        await pilot.pause()
        assert "Vostochny" in app.screen.article.text
        await pilot.press("escape")
        changed = seeds_copy / SEED_000
        changed.write_text("A new first paragraph.\n\nAnd a second one.\n", encoding="utf-8")
        stat = changed.stat()
        os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.article.text.startswith("A new first paragraph.")


async def test_s_and_g_wait_for_the_first_build_with_a_note(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Library, "searchable", property(lambda self: False))
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await move_to_file(pilot, SEED_002)
        await pilot.press("s", "g")
        await settle(pilot)
        assert messages(app).count("still being built") == 2
        assert table(app).scores is None and table(app).groups is None
        assert app.is_running


# --- faults a server sees -------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"extra-{n:02d}.txt").write_text(
            f"Extra report number {n} of the test\n\nThe council of district {n} met on day {n}.\n\n"
            f"Its members voted {n} times on the {n}th motion before the session closed.\n",
            encoding="utf-8",
        )


class _FillingDisk(sqlite3.Connection):
    """A connection to a disk with room for ``room`` more commits: the next one fails as
    SQLite fails then, having undone the transaction itself."""

    room = 0

    def execute(self, sql: str, *args):  # type: ignore[override]
        if sql == "COMMIT" and self.in_transaction:
            if _FillingDisk.room <= 0:
                super().execute("ROLLBACK")
                raise sqlite3.OperationalError("database or disk is full")
            _FillingDisk.room -= 1
        return super().execute(sql, *args)


async def test_a_full_cache_disk_keeps_the_rows_and_is_said_once(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library.updating as updating

    real_connect, real_write = sqlite3.connect, os.write

    def write(fd: int, data: bytes) -> int:
        if data == str(os.getpid()).encode():  # the lock file's pid: no room for it either
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: real_connect(*a, **{"factory": _FillingDisk, **k})
    )
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(updating, "_BATCH", 1)
    _FillingDisk.room = 3  # the new index (emptied, then made), then one file
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(100, 24)) as pilot:
        for _ in range(100):  # it once stalled here, waiting for itself
            await pilot.pause(0.05)
            if list_screen(app).loaded:
                break
        assert list_screen(app).loaded
        await settle(pilot)
        assert shown_files(app) == [SEED_000]  # the file indexed before the disk filled up
        said = messages(app)
        assert said.count("the index could not be saved: no space left on ") == 1
        assert "waiting for another reader" not in said
        assert "1 problem (p)" in status(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = " ".join(screen_text(app).split())
        assert "the index could not be saved: no space left on " in text and "2 files were not read" in text
        assert "Every file was read" not in text


_SLOW_WRITER = """
import sys, time
import reader.library.updating as updating
from reader.library import Library

updating._BATCH = 1


def saved(added, removed):
    print("saved", flush=True)
    time.sleep(0.25)


with Library.open(sys.argv[1]) as lib:
    lib.refresh(on_rows=saved)
"""


async def test_the_list_follows_another_process_building_the_index(seeds_copy: Path) -> None:
    write_articles(seeds_copy, 9)
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(seeds_copy)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        for _ in range(3):
            assert writer.stdout.readline().strip() == "saved"
        app = ReaderApp([seeds_copy])
        async with app.run_test(size=(80, 24)) as pilot:
            counts = []
            for _ in range(200):
                await pilot.pause(0.05)
                counts.append(list_screen(app).total)
                if writer.poll() is not None:
                    break
            assert "waiting for another reader process" in messages(app)
            # While the other process writes, its rows come in (the app waits for its lock).
            assert any(3 < n < 12 for n in counts), counts
            await settle(pilot)
            assert list_screen(app).loaded and list_screen(app).total == 12
            assert sorted(shown_files(app)) == sorted(p.name for p in seeds_copy.iterdir())
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()


def lock_out(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000, and for root, whom it does not stop, a listing that fails as for anyone."""
    path.chmod(0)
    try:
        os.scandir(path).close()
    except PermissionError:
        return
    real = os.scandir

    def scandir(target=".", *args):
        if os.fspath(target) == str(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        return real(target, *args)

    monkeypatch.setattr(os, "scandir", scandir)


async def test_an_unreadable_subfolder_is_among_the_problems(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = seeds_copy / "locked"
    write_articles(locked, 1)
    lock_out(locked, monkeypatch)
    try:
        app = ReaderApp([seeds_copy])
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert shown_files(app) == [SEED_000, SEED_002, SEED_003]
            assert "1 problem (p)" in status(app)
            await pilot.press("p")
            await pilot.pause()
            assert "locked: permission denied" in screen_text(app)
    finally:
        locked.chmod(0o755)


async def test_damage_met_by_s_rebuilds_and_reads_the_list_again(seeds_copy: Path) -> None:
    from reader.library import health

    await index_once(seeds_copy)
    db = index_path(seeds_copy)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'postings'").fetchone()
    conn.close()
    with open(db, "r+b") as handle:  # the inverted index, which only `s` reads
        handle.seek((page - 1) * size)
        handle.write(b"\xa5" * size)
    health.leave(db)  # as wire-reader left it: not read through on opening
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown_files(app) == [SEED_000, SEED_002, SEED_003]
        await move_to_file(pilot, SEED_002)
        await pilot.press("s")
        await settle(pilot)
        assert messages(app).count("rebuilding the index, because it is damaged") == 1
        assert "Worker" not in messages(app) and "rebuilt empty" not in messages(app)
        assert list_screen(app).loaded and shown_files(app) == [SEED_000, SEED_002, SEED_003]
        await move_to_file(pilot, SEED_002)
        await pilot.press("s")  # and now it answers
        await settle(pilot)
        assert shown_files(app)[:2] == [SEED_002, SEED_003]
