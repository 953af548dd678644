"""The index: where it lives, what a refresh re-reads, and the faults it survives."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.core.model import Article, Problem
from reader.library import Library, LibraryError, cache_dir, index_path
from reader.library.store import SCHEMA_VERSION

from .conftest import COPY, OTHER, ROOT, WIRE, snapshot


def _open(folder: Path, notices: list[str] | None = None) -> Library:
    return Library.open(folder, notify=notices.append if notices is not None else None)


def _touch(path: Path, seconds: int = 10) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


def test_the_index_lives_in_the_cache_keyed_by_the_folder(folder: Path, cache: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        assert lib.db_path.parent == cache / "wire-reader"
        assert lib.db_path.name.startswith("articles-")
    # The same folder named another way shares the index; another folder does not.
    assert index_path(folder / ".") == index_path(folder.resolve())
    other = folder.parent / "other"
    other.mkdir()
    assert index_path(other) != index_path(folder)


def test_without_xdg_the_cache_is_under_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == tmp_path / "home" / ".cache" / "wire-reader"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG spec says: ignore it
    assert cache_dir() == tmp_path / "home" / ".cache" / "wire-reader"


def test_first_refresh_reads_everything_and_the_next_nothing(folder: Path) -> None:
    with _open(folder) as lib:
        first = lib.refresh()
        assert (first.files, first.read, first.added, first.articles) == (3, 3, 3, 3)
        assert first.problems == ()
        ids = [r.id for r in lib.rows()]
    with _open(folder) as lib:  # a new process would do the same: open and refresh
        assert [r.id for r in lib.rows()] == ids  # the list is there before any refresh
        second = lib.refresh()
        assert (second.read, second.added, second.changed, second.removed) == (0, 0, 0, 0)
        assert [r.id for r in lib.rows()] == ids


def test_touching_one_file_rereads_only_it(folder: Path) -> None:
    progress: list[tuple[int, int]] = []
    with _open(folder) as lib:
        lib.refresh()
        before = {r.rel: r.id for r in lib.rows()}
        _touch(folder / COPY)
        report = lib.refresh(lambda done, total: progress.append((done, total)))
        after = {r.rel: r.id for r in lib.rows()}
    assert (report.read, report.changed, report.added, report.removed) == (1, 1, 0, 0)
    assert progress[0] == (0, 1) and progress[-1] == (1, 1)
    assert after[WIRE] == before[WIRE] and after[OTHER] == before[OTHER]
    assert after[COPY] != before[COPY]  # read again, as a new row


def test_a_changed_size_is_a_change_even_with_the_same_mtime(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        path = folder / WIRE
        stamp = path.stat().st_mtime_ns
        path.write_text(
            path.read_text(encoding="utf-8") + "\nOne more paragraph at the end.\n", encoding="utf-8"
        )
        os.utime(path, ns=(stamp, stamp))
        report = lib.refresh()
        assert report.changed == 1
        (row,) = [r for r in lib.rows() if r.rel == WIRE]
        assert isinstance(lib.load(row.id), Article)


def test_added_and_removed_files(folder: Path) -> None:
    rows_seen: list[tuple[list, list]] = []
    with _open(folder) as lib:
        lib.refresh()
        (folder / "sub").mkdir()
        (folder / "sub" / "new.txt").write_text(
            "A brand new article.\n\nWith two paragraphs.\n", encoding="utf-8"
        )
        (folder / OTHER).unlink()
        report = lib.refresh(on_rows=lambda added, removed: rows_seen.append((added, removed)))
        labels = [r.label for r in lib.rows()]
    assert (report.added, report.removed, report.read, report.articles) == (1, 1, 1, 3)
    assert labels == [WIRE, COPY, "sub/new.txt"]
    removed_ids = [i for _, removed in rows_seen for i in removed]
    added_rows = [r for added, _ in rows_seen for r in added]
    assert len(removed_ids) == 1
    assert [r.label for r in added_rows] == ["sub/new.txt"]
    assert added_rows[0].path == folder / "sub" / "new.txt"


def test_rows_carry_metadata_and_page(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        rows = lib.rows()
        assert [r.rel for r in rows] == sorted([WIRE, COPY, OTHER])
        wire = next(r for r in rows if r.rel == WIRE)
        assert (wire.agency, wire.dateline, wire.format, wire.record) == ("AFP", "SEOUL", "text", None)
        assert wire.words > 400 and wire.paragraphs > 10
        assert wire.title.startswith("North Korean leader Kim Jong Un")
        assert lib.rows(offset=1, limit=1) == rows[1:2]
        assert lib.count() == 3
        assert lib.row(wire.id) == wire


def test_json_lines_records_are_rows_of_their_own(folder: Path) -> None:
    records = [
        {"title": "First record", "text": "The first story.\n\nIt has two paragraphs.", "date": "2024-06-12"},
        {"title": "Second record", "text": "The second story, in one paragraph.", "source": "Example Post"},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with _open(folder) as lib:
        lib.refresh()
        feed = [r for r in lib.rows() if r.rel == "feed.jsonl"]
        assert [(r.record, r.title, r.label) for r in feed] == [
            (1, "First record", "feed.jsonl#1"),
            (2, "Second record", "feed.jsonl#2"),
        ]
        second = lib.load(feed[1].id)
        assert isinstance(second, Article) and second.outlet == "Example Post"
        assert feed[1].name == f"{folder / 'feed.jsonl'}#2"


def test_bad_files_are_problems_kept_until_they_change(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with _open(folder) as lib:
        report = lib.refresh()
        assert sorted(p.path.name for p in report.problems) == ["binary.txt", "empty.txt"]
        assert all(isinstance(p, Problem) and p.reason for p in report.problems)
        assert report.articles == 3
        again = lib.refresh()
        assert again.read == 0 and again.problems == ()  # not read again: nothing changed
        assert sorted(p.path.name for p in lib.problems()) == ["binary.txt", "empty.txt"]
        (folder / "empty.txt").write_text("Now it has a sentence.\n", encoding="utf-8")
        lib.refresh()
        assert [p.path.name for p in lib.problems()] == ["binary.txt"]


def test_nothing_is_ever_written_into_the_article_folder(folder: Path) -> None:
    before = snapshot(folder)
    with _open(folder) as lib:
        lib.refresh()
        rows = lib.rows()
        lib.similar(rows[0].id)
        lib.stories()
        lib.load(rows[1].id)
        lib.problems()
    with _open(folder) as lib:
        lib.refresh()
    assert snapshot(folder) == before


def test_a_missing_folder_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match=r"nope: no such folder$"):
        Library.open(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("text", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"file.txt: not a folder$"):
        Library.open(tmp_path / "file.txt")


def test_a_corrupt_index_is_rebuilt_with_a_message(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        db = lib.db_path
    db.write_bytes(b"this is not a database at all" * 200)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    notices: list[str] = []
    with _open(folder, notices) as lib:
        assert len(notices) == 1
        assert "rebuilding the index" in notices[0] and "damaged" in notices[0]
        assert lib.needs_refresh
        report = lib.refresh()
        assert report.read == 3 and lib.count() == 3
        assert not lib.needs_refresh


def test_damage_found_while_reading_rebuilds_instead_of_crashing(folder: Path) -> None:
    notices: list[str] = []
    with _open(folder, notices) as lib:
        lib.refresh()
        # The pages of the articles table overwritten behind SQLite's back.
        conn = sqlite3.connect(lib.db_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.close()
        lib.close()
        with open(lib.db_path, "r+b") as handle:
            handle.seek((root - 1) * page)
            handle.write(b"\xff" * page)
        assert lib.rows() == []
        assert any("damaged" in n for n in notices)
        assert lib.needs_refresh
        assert lib.refresh().read == 3
        assert lib.count() == 3


def test_an_index_of_another_version_is_rebuilt_with_a_message(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        db = lib.db_path
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    notices: list[str] = []
    with _open(folder, notices) as lib:
        assert len(notices) == 1 and "another version of wire-reader" in notices[0]
        assert lib.count() == 0
        assert lib.refresh().read == 3


_HOLDER = """
import sys, time
from reader.library import Library
lib = Library.open(sys.argv[1])
def progress(done, total):
    if done == 0:
        print("indexing", flush=True)
        time.sleep(1.5)
report = lib.refresh(progress)
print("done", report.read, flush=True)
"""


def test_a_second_process_waits_for_the_first_writer(folder: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "indexing"  # it holds the writer lock now
        notices: list[str] = []
        with _open(folder, notices) as lib:
            started = time.monotonic()
            report = lib.refresh()
            waited = time.monotonic() - started
        assert holder.wait(timeout=30) == 0
        assert holder.stdout.read().split() == ["done", "3"]
    finally:
        holder.kill()
    assert len(notices) == 1
    assert notices[0].startswith(f"waiting for another reader process (pid {holder.pid})")
    assert waited > 0.5 and report.waited > 0.5
    assert report.read == 0  # the other process read everything; nothing left to do
    conn = sqlite3.connect(index_path(folder))
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)
    conn.close()


def test_a_waiting_refresh_can_be_cancelled(folder: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "indexing"
        cancel = threading.Event()
        with _open(folder, []) as lib:
            threading.Timer(0.2, cancel.set).start()
            report = lib.refresh(cancel=cancel)
        assert report.cancelled and report.read == 0
    finally:
        holder.wait(timeout=30)


def test_readers_see_the_index_while_it_is_written(folder: Path) -> None:
    seen: list[int] = []
    with _open(folder) as writer, _open(folder) as reader:
        writer.refresh(on_rows=lambda added, removed: seen.append(reader.count()))
    assert seen == [3]  # each saved batch is visible to other connections at once


def test_a_vanished_file_is_a_problem_not_a_crash(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        row = next(r for r in lib.rows() if r.rel == COPY)
        (folder / COPY).unlink()
        loaded = lib.load(row.id)
        assert isinstance(loaded, Problem)
        assert loaded.path == folder / COPY and "no longer there" in loaded.reason
        assert lib.similar(row.id)[0].row.rel == WIRE  # the index still knows its text


def test_a_changed_file_is_read_again_on_load(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        row = next(r for r in lib.rows() if r.rel == OTHER)
        (folder / OTHER).write_text("Replaced.\n\nThe whole text changed.\n", encoding="utf-8")
        loaded = lib.load(row.id)
        assert isinstance(loaded, Article) and loaded.paragraphs[1].text == "The whole text changed."
        (folder / OTHER).write_bytes(b"\x00\x01\x02" * 100)
        assert isinstance(lib.load(row.id), Problem)
        assert isinstance(lib.load(10**9), Problem)


def test_the_library_imports_neither_textual_nor_rich() -> None:
    code = "import reader.library, sys; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    assert "textual" not in loaded and "rich" not in loaded


def test_a_first_build_writes_the_inverted_index_at_the_end(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library.updating as library

    with _open(folder) as lib:
        lib.refresh()
        expected = {r.rel: [(m.row.rel, m.score) for m in lib.similar(r)] for r in lib.rows()}
        db = lib.db_path
    db.unlink()
    # As for a big folder: the postings are left for the end, and a cancel after the
    # first saved file still leaves an index whose postings match its articles.
    monkeypatch.setattr(library, "_BULK", 1)
    monkeypatch.setattr(library, "_BULK_SHARE", 1)
    monkeypatch.setattr(library, "_BATCH", 1)
    cancel = threading.Event()
    with _open(folder) as lib:
        first = lib.refresh(on_rows=lambda added, removed: cancel.set(), cancel=cancel)
        assert first.cancelled and lib.count() == 1
        assert lib.needs_refresh
        second = lib.refresh()
        assert second.read == 2 and not second.cancelled
        got = {r.rel: [(m.row.rel, m.score) for m in lib.similar(r)] for r in lib.rows()}
    assert got == expected


def test_an_interrupted_first_build_is_completed_by_the_next_refresh(folder: Path) -> None:
    with _open(folder) as lib:
        lib.refresh()
        expected = [(m.row.rel, m.score) for m in lib.similar(lib.rows()[1])]
        conn = sqlite3.connect(lib.db_path)
        with conn:  # as a build killed before writing its postings leaves it
            conn.execute("DELETE FROM postings")
            conn.execute("UPDATE meta SET value = 'pending' WHERE key = 'postings'")
        conn.close()
        assert lib.similar(lib.rows()[1]) == []
        assert not lib.searchable
        assert lib.refresh().read == 0
        assert lib.searchable
        assert [(m.row.rel, m.score) for m in lib.similar(lib.rows()[1])] == expected


def test_a_cache_inside_the_folder_is_not_indexed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
    monkeypatch.chdir(folder.parent)
    with _open(Path(folder.name)) as lib:  # named relative, the cache absolute
        assert lib.db_path.is_relative_to(folder)
        lib.refresh()
        assert lib.refresh().files == 3
        assert lib.problems() == []
