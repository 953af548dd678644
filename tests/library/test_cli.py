"""`reader index`, `reader similar` and `reader stories` from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

from .conftest import COPY, OTHER, WIRE, snapshot


def test_index_builds_then_finds_nothing_to_do(
    folder: Path, cache: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["index", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{folder}: 3 articles in 3 files, 3 added in ")
    assert out[1].startswith(f"index: {cache / 'wire-reader'}/articles-")
    assert main(["index", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"{folder}: 3 articles in 3 files, up to date"


def test_index_reports_bad_files_one_line_each(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "empty.txt").write_bytes(b"")
    assert main(["index", str(folder)]) == 2  # the index is made; one file could not be read
    captured = capsys.readouterr()
    assert captured.err == f"reader: {folder / 'empty.txt'}: empty file\n"
    assert "; 1 file could not be read" in captured.out


def test_index_of_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["index", str(tmp_path / "nope")]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"reader: {tmp_path / 'nope'}: no such folder\n"
    assert captured.out == ""


def test_similar_json(folder: Path, capsys: pytest.CaptureFixture) -> None:
    before = snapshot(folder)
    assert main(["similar", str(folder / WIRE), "--in", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["path"] for d in data] == [str(folder / COPY), str(folder / OTHER)]
    assert all(set(d) == {"path", "score"} for d in data)
    assert data[0]["score"] > 0.7 > 0.2 > data[1]["score"]
    assert main(["similar", str(folder / WIRE), "--in", str(folder), "--json", "--limit", "1"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert snapshot(folder) == before


def test_similar_table(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["similar", str(folder / COPY), "--in", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["shared", "path", "outlet", "agency"]
    assert str(folder / WIRE) in lines[1] and "AFP" in lines[1]
    assert str(folder / OTHER) in lines[2]


def test_similar_troubles(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["similar", str(tmp_path / "missing.txt"), "--in", str(folder)]) == 2
    assert capsys.readouterr().err == f"reader: {tmp_path / 'missing.txt'}: no such file or folder\n"
    assert main(["similar", str(folder / WIRE), "--in", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"reader: {tmp_path / 'nope'}: no such folder\n"
    with pytest.raises(SystemExit) as exc:  # a usage error, as for every option
        main(["similar", str(folder / WIRE), "--in", str(folder), "--limit", "0"])
    assert exc.value.code == 2
    assert "--limit: must be at least 1" in capsys.readouterr().err


def test_stories_json(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["stories", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {"story": 1, "articles": [str(folder / WIRE), str(folder / COPY)]},
        {"story": 2, "articles": [str(folder / OTHER)]},
    ]


def test_stories_text(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["stories", str(folder)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "story 1 · 2 versions"
    assert lines[1].split()[:2] == ["original", str(folder / WIRE)]
    assert str(folder / COPY) in lines[2]
    assert str(folder / OTHER) not in out  # it stands alone: counted, not listed
    assert lines[-1] == "1 of 3 articles has no other version in the folder."


def test_untrusted_titles_are_neither_markup_nor_escape_codes(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    (folder / "odd.txt").write_text(
        "[bold red]Not markup[/] \x1b[31mred\x1b[0m\n\n" + (folder / COPY).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert main(["similar", str(folder / COPY), "--in", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "[bold red]Not markup[/]" in out
    assert "\x1b" not in out


def test_similar_and_stories_exit_2_when_some_of_the_folder_could_not_be_read(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    (folder / "empty.txt").write_bytes(b"")
    assert main(["index", str(folder)]) == 2
    capsys.readouterr()
    assert main(["stories", str(folder), "--json"]) == 2  # the answer, and the status says the rest
    captured = capsys.readouterr()
    assert json.loads(captured.out) and "1 more file could not be read" in captured.err
    assert main(["similar", str(folder / COPY), "--in", str(folder), "--json"]) == 2
    (folder / "empty.txt").unlink()
    assert main(["stories", str(folder), "--json"]) == 0
