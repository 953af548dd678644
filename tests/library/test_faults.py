"""Faults a server sees under the index: a full cache disk, damage in the middle of the
index file, a subfolder that cannot be listed. (Interruptions: test_interrupts.py.)"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import sqlite3
from pathlib import Path

import pytest

import reader.library.updating as updating
from reader.cli import main
from reader.library import Library, index_path

from .conftest import COPY, WIRE, write_articles

# --- a full disk ----------------------------------------------------------------------


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


@pytest.fixture
def filling_disk(monkeypatch: pytest.MonkeyPatch) -> type[_FillingDisk]:
    real_connect, real_write = sqlite3.connect, os.write

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", _FillingDisk)
        return real_connect(*args, **kwargs)

    def write(fd: int, data: bytes) -> int:
        if data == str(os.getpid()).encode():  # the lock file's pid, a few bytes the disk has no room for
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(updating, "_BATCH", 1)  # a commit a file
    _FillingDisk.room = 3  # the new index (emptied, then made), then one file
    return _FillingDisk


_NOT_SAVED = re.compile(r"reader: the index could not be saved: no space left on (/\S*) \((.+)\)")


def test_a_full_cache_disk_is_one_line_exit_2_and_what_was_saved_stays(
    folder: Path, filling_disk: type[_FillingDisk], capsys: pytest.CaptureFixture
) -> None:
    assert main(["index", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    said = _NOT_SAVED.fullmatch(line)
    assert said is not None, line
    assert os.path.ismount(said.group(1)) and said.group(2) == str(index_path(folder))
    assert index_path(folder).is_relative_to(said.group(1))
    for command in (["stories", str(folder)], ["similar", str(folder / WIRE), "--in", str(folder)]):
        assert main(command) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and _NOT_SAVED.fullmatch(captured.err.strip()), captured.err
    with Library.open(folder) as lib:
        assert lib.count() == 1  # the file saved before the disk filled up
    filling_disk.room = 100  # space freed
    assert main(["index", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"{folder}: 3 articles in 3 files, 2 added in ")


def test_a_full_disk_while_the_index_is_made_is_the_same_line(
    folder: Path, filling_disk: type[_FillingDisk], capsys: pytest.CaptureFixture
) -> None:
    filling_disk.room = 0
    assert main(["stories", str(folder)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and _NOT_SAVED.fullmatch(captured.err.strip()), captured.err


# --- damage in the middle of the file -------------------------------------------------


def _damage_middle(db: Path, seed: int = 7) -> int:
    """Garbage over the middle leaf page of the articles table (a bad sector, a half-copied
    file): the first and last pages, which SQLite reads on opening, stay sound."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    try:
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno"
            )
        ]
    except sqlite3.OperationalError:  # SQLite without the dbstat table
        pages = [conn.execute("PRAGMA page_count").fetchone()[0] // 2]
    conn.close()
    page = pages[len(pages) // 2]
    with open(db, "r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(random.Random(seed).randbytes(size))
    return page


@pytest.fixture
def bigger(folder: Path) -> Path:
    """The seeds and 150 articles of their own: an index of a few hundred pages."""
    write_articles(folder / "more", 150)
    return folder


def _answers(folder: Path, capsys: pytest.CaptureFixture) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["stories", str(folder), "--json"]) == 0
    stories = capsys.readouterr().out
    assert main(["similar", str(folder / COPY), "--in", str(folder), "--json"]) == 0
    return stories, capsys.readouterr().out


def test_damage_in_the_middle_is_found_rebuilt_and_answered_right(
    bigger: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["index", str(bigger)]) == 0
    right = _answers(bigger, capsys)
    assert len(json.loads(right[0])) == 152 and json.loads(right[1])[0]["path"] == str(bigger / WIRE)
    db = index_path(bigger)

    _damage_middle(db)
    assert main(["index", str(bigger)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"reader: {bigger}: rebuilding the index, because it is damaged (")
    assert len(captured.err.splitlines()) == 1
    assert "up to date" not in captured.out and "153 added" in captured.out
    assert captured.out.splitlines()[0].endswith("(index rebuilt)")

    for command in ("stories", "similar"):  # each on an index damaged anew
        _damage_middle(db)
        assert (
            main(
                ["stories", str(bigger), "--json"]
                if command == "stories"
                else ["similar", str(bigger / COPY), "--in", str(bigger), "--json"]
            )
            == 0
        )
        captured = capsys.readouterr()
        assert "rebuilding the index, because it is damaged" in captured.err
        assert captured.out == right[0 if command == "stories" else 1]


def test_damage_the_open_does_not_see_is_found_by_the_query(
    bigger: Path, capsys: pytest.CaptureFixture
) -> None:
    from reader.library import health

    assert main(["index", str(bigger)]) == 0
    right = _answers(bigger, capsys)[0]
    db = index_path(bigger)
    _damage_middle(db)
    health.leave(db)  # as if the file were as wire-reader left it: no check on opening
    assert main(["stories", str(bigger), "--json"]) == 0
    captured = capsys.readouterr()
    assert "rebuilding the index, because it is damaged" in captured.err
    assert captured.out == right  # read again and asked again, never an empty answer


def test_a_library_never_answers_from_a_damaged_index(bigger: Path) -> None:
    from reader.library import IndexRebuilt, health

    with Library.open(bigger) as lib:
        lib.refresh()
        stories = [[m.rel for m in s.members] for s in lib.stories()]
        wire = next(r.id for r in lib.rows() if r.rel == WIRE)
        copies = [m.row.rel for m in lib.similar(wire)]
    _damage_middle(index_path(bigger))
    health.leave(index_path(bigger))  # not checked on opening: the query meets the damage
    notices: list[str] = []
    with Library.open(bigger, notify=notices.append) as lib:
        with pytest.raises(IndexRebuilt):  # not an empty list, which would be a wrong answer
            lib.stories()
        assert lib.needs_refresh and lib.refresh().read == 153
        assert [[m.rel for m in s.members] for s in lib.stories()] == stories
        wire = next(r.id for r in lib.rows() if r.rel == WIRE)
        assert [m.row.rel for m in lib.similar(wire)] == copies
    assert len(notices) == 1 and "because it is damaged" in notices[0]


# --- a subfolder that cannot be listed ---------------------------------------------------


def lock_out(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a folder unreadable: chmod 000, and, for root (whom chmod does not stop),
    a listing of it that fails as it would for anyone else."""
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


def test_an_unreadable_subfolder_is_named_and_its_articles_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    locked = folder / "locked"
    write_articles(locked, 2)
    assert main(["index", str(folder)]) == 0
    capsys.readouterr()
    try:
        with monkeypatch.context() as patch:
            lock_out(locked, patch)
            assert main(["index", str(folder)]) == 2
            captured = capsys.readouterr()
            assert captured.err == f"reader: {locked}: permission denied\n"
            assert "5 articles in 5 files, up to date; 1 file could not be read" in captured.out
            assert main(["list", str(folder)]) == 2  # as `reader list` says it
            assert f"reader: {locked}: permission denied\n" in capsys.readouterr().err
            with Library.open(folder) as lib:
                report = lib.refresh()
                assert [(p.path, p.reason) for p in report.problems] == [(locked, "permission denied")]
                assert [(p.path, p.reason) for p in lib.problems()] == [(locked, "permission denied")]
                assert lib.count() == 5  # what was indexed under it is not taken for gone
    finally:
        locked.chmod(0o755)
    assert main(["index", str(folder)]) == 0
    assert "up to date" in capsys.readouterr().out
