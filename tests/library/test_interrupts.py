"""`reader index` interrupted: Ctrl-C at several moments (commits included, slowed down
so that the signal lands in them every time), and kill -9 of the parent while its pool
of readers works. Each run is a real process of its own."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import index_path

from .conftest import ROOT, write_articles

# A `reader index` whose commits (or inverted index, or reading) say when they happen and
# then take half a second, so that a Ctrl-C sent on that word lands where it is meant to.
_SLOWED = r"""
import signal, sqlite3, sys, time

# Ctrl-C as a terminal leaves it, whatever the suite was started from (a script's
# background job ignores it, and so would this process).
signal.signal(signal.SIGINT, signal.default_int_handler)

folder, moment = sys.argv[1], sys.argv[2]
real_connect = sqlite3.connect


def mark(word):
    print(word, flush=True)
    time.sleep(0.5)


class Slowed(sqlite3.Connection):
    def execute(self, sql, *args):
        if sql != "COMMIT" or not self.in_transaction:
            return super().execute(sql, *args)
        if moment == "before-commit":
            mark("commit")
            return super().execute(sql, *args)
        done = super().execute(sql, *args)
        if moment == "after-commit":  # committed: SQLite's transaction is over
            mark("commit")
        return done


def connect(*args, **kwargs):
    kwargs.setdefault("factory", Slowed)
    return real_connect(*args, **kwargs)


sqlite3.connect = connect
import reader.library.postings as postings
import reader.library.reading as reading
import reader.library.updating as updating

updating._BATCH = 1  # a commit a file
if moment == "postings":  # a first build: the inverted index written at the end
    updating._BULK = updating._BULK_SHARE = 1
    rewrite = postings.rewrite

    def slow_rewrite(conn):
        rewrite(conn)
        mark("postings")

    postings.rewrite = slow_rewrite
if moment == "reading":  # a pool of reader processes, even for a few files
    reading.POOL_THRESHOLD, reading.CHUNK = 1, 1
    save = updating.save

    def slow_save(*args, **kwargs):
        save(*args, **kwargs)
        mark("saved")

    updating.save = slow_save
if moment == "pool-start":  # the pool's processes are starting Python
    import multiprocessing.pool

    reading.POOL_THRESHOLD = 1
    start = multiprocessing.pool.Pool.__init__

    def started(self, *args, **kwargs):
        start(self, *args, **kwargs)
        print("pool", flush=True)
        time.sleep(0.5)

    multiprocessing.pool.Pool.__init__ = started
from reader.cli import main

sys.exit(main(["index", folder]))
"""


def _start(args: list[str]) -> subprocess.Popen:
    # A session of its own: the signals go to its whole group, as a terminal's Ctrl-C does.
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _files_indexed(folder: Path) -> int:
    conn = sqlite3.connect(index_path(folder))
    try:
        return conn.execute("SELECT count(*) FROM files").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("moment", "word", "nth", "kept"),
    [
        # The commits of a new index: emptied, made, then one a file.
        ("before-commit", "commit", 4, 1),  # the second file's transaction is undone
        ("after-commit", "commit", 4, 2),  # committed just before the Ctrl-C: kept
        ("postings", "postings", 1, 23),
        ("reading", "saved", 2, 2),
        ("pool-start", "pool", 1, 0),
    ],
)
def test_ctrl_c_exits_130_silently_and_keeps_what_was_committed(
    folder: Path, moment: str, word: str, nth: int, kept: int
) -> None:
    write_articles(folder / "more", 20)
    child = _start([sys.executable, "-c", _SLOWED, str(folder), moment])
    try:
        assert child.stdout is not None
        for _ in range(nth):
            assert child.stdout.readline().decode().strip() == word
        os.killpg(child.pid, signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert (child.returncode, err.decode()) == (130, "")
    assert _files_indexed(folder) == kept
    assert main(["index", str(folder)]) == 0  # the next run goes on from there
    assert _files_indexed(folder) == 23
    assert main(["similar", str(folder / "002_990fca62850f33f5.txt"), "--in", str(folder), "--json"]) == 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")
def test_kill_9_leaves_no_reader_process_that_prints(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    write_articles(folder, 1500)
    child = _start([sys.executable, "-m", "reader.cli", "index", str(folder)])
    try:
        workers: list[int] = []
        for _ in range(200):  # until the pool's processes are at work
            time.sleep(0.05)
            workers = _children(child.pid)
            if len(workers) >= 2:
                break
        assert workers, "the pool never started"
        time.sleep(0.8)
        os.kill(child.pid, signal.SIGKILL)
        # stderr is shared by the orphans: it ends when the last of them has gone.
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert err.decode() == ""
    time.sleep(0.5)
    assert [pid for pid in workers if _alive(pid)] == []
