"""Hostile names in a folder's index: names that are not UTF-8 are stored, read back and
used as any other; names and folder names reach every message escaped, on one line."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.loading import load_file
from reader.core.model import Article
from reader.library import Library, index_path
from reader.library.store import SCHEMA_VERSION, WriterLock

from .conftest import COPY, OTHER, ROOT, WIRE

LATIN1 = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, as old archives and Windows shares have it
SHOWN = "caf\\xe9.txt"
HOSTILE = "evil\x1b]0;pwned\x07\x1b[2J\ndir"  # a folder name that retitles and clears a terminal
HOSTILE_SHOWN = "evil\\x1b]0;pwned\\x07\\x1b[2J\\ndir"


@pytest.fixture
def latin1(folder: Path) -> Path:
    """The seeds, the AFP story (WIRE) renamed to a name that is not UTF-8, and a file of
    that kind that cannot be read."""
    (folder / WIRE).rename(folder / LATIN1)
    (folder / os.fsdecode(b"vide\xe9.txt")).write_bytes(b"")
    return folder


def test_a_name_that_is_not_utf8_is_indexed_read_back_and_opened(latin1: Path) -> None:
    with Library.open(latin1) as lib:
        report = lib.refresh()
        assert (report.added, report.articles) == (4, 3)
        rows = lib.rows()
        assert [r.rel for r in rows] == [OTHER, COPY, LATIN1]  # in the order of the bytes
        row = rows[-1]
        assert row.path == latin1 / LATIN1 and row.path.exists()
        assert row.agency == "AFP"
        article = lib.load(row.id)
        assert isinstance(article, Article) and article.path == latin1 / LATIN1
        assert [str(p) for p in lib.problems()] == [f"{latin1}/vide\\xe9.txt: empty file"]
        # The article loaded from its file is known as the indexed one: it is not its own copy.
        (loaded,), _ = load_file(latin1 / LATIN1)
        assert [m.row.rel for m in lib.similar(loaded)][:1] == [COPY]
        assert lib.similar(row.id)[0].row.rel == COPY
        stories = lib.stories()
        assert [m.rel for m in stories[0].members] == [LATIN1, COPY]
    with Library.open(latin1) as lib:  # read back from the file, and nothing changed
        again = lib.refresh()
        assert (again.read, again.removed) == (0, 0)
        assert lib.stories()[0].members[0].rel == LATIN1


def test_an_index_of_the_previous_format_is_rebuilt(latin1: Path) -> None:
    with Library.open(latin1) as lib:
        lib.refresh()
        db = lib.db_path
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    notices: list[str] = []
    with Library.open(latin1, notify=notices.append) as lib:
        assert "another version of wire-reader" in notices[0]
        assert lib.refresh().articles == 3


def test_index_similar_and_stories_from_the_shell(latin1: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["index", str(latin1)]) == 2  # one file could not be read
    captured = capsys.readouterr()
    assert captured.err == f"reader: {latin1}/vide\\xe9.txt: empty file\n"
    # The empty file is still there: the answer comes, with status 2 (some input unread).
    assert main(["similar", str(latin1 / COPY), "--in", str(latin1)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[1] == f"{latin1}/{SHOWN}"
    assert main(["stories", str(latin1)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert f"{latin1}/{SHOWN}" in lines[1]


def _strict(*argv: str) -> subprocess.CompletedProcess[str]:
    # A stdout that takes nothing but UTF-8: a lone surrogate written there is a traceback.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def test_similar_and_stories_json_stay_utf8_and_name_the_bytes(latin1: Path) -> None:
    raw = os.fsencode(latin1 / LATIN1)
    proc = _strict("similar", str(latin1 / COPY), "--in", str(latin1), "--json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr  # the empty file
    best, other = json.loads(proc.stdout)
    assert best["path"] == f"{latin1}/{SHOWN}" and base64.b64decode(best["path_bytes"]) == raw
    assert set(other) == {"path", "score"}
    proc = _strict("stories", str(latin1), "--json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    first, alone = json.loads(proc.stdout)
    assert first["articles"] == [f"{latin1}/{SHOWN}", str(latin1 / COPY)]
    assert [r and base64.b64decode(r) for r in first["articles_bytes"]] == [raw, None]
    assert alone == {"story": 2, "articles": [str(latin1 / OTHER)]}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / HOSTILE
    folder.mkdir()
    (folder / COPY).write_bytes((ROOT / "seeds" / COPY).read_bytes())
    return folder


def test_a_folder_name_with_escape_sequences_reaches_no_message_raw(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    shown = f"{tmp_path}/{HOSTILE_SHOWN}"
    notices: list[str] = []
    with Library.open(hostile, notify=notices.append) as lib:
        lib.refresh()
        db = lib.db_path
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    assert main(["index", str(hostile)]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"reader: {shown}: rebuilding the index, because it was written by another version"
        f" of wire-reader (format {SCHEMA_VERSION + 1}, now {SCHEMA_VERSION})\n"
    )
    assert captured.out.splitlines()[0].startswith(f"{shown}: 1 articles in 1 files")
    # Another process holds the writer lock: the wait is said, and then given up.
    lock = WriterLock(Path(f"{index_path(hostile)}.lock"))
    assert lock.try_acquire()
    try:
        with Library.open(hostile, notify=notices.append) as lib:
            stop = threading.Event()
            stop.set()
            assert lib.refresh(cancel=stop).cancelled
    finally:
        lock.release()
    assert notices[-1].startswith("waiting for another reader process") and notices[-1].endswith(
        f"of {shown}"
    )
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text(
        "Rain is expected over the weekend in the valley, forecasters said.", encoding="utf-8"
    )
    assert main(["similar", str(unrelated), "--in", str(hostile)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"No article of {shown} shares text with")
    for said in (*notices, captured.out):
        assert "\x1b" not in said and "\x07" not in said
    assert all("\n" not in notice for notice in notices)
