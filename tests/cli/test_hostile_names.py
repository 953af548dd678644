"""Hostile file and folder names on the command line: names that are not UTF-8, escape
sequences and newlines in names, each shown escaped on one line, JSON kept valid UTF-8."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
AFP = SEEDS / "002_990fca62850f33f5.txt"
MT = SEEDS / "003_574f2177cef51eb0.txt"
LATIN1 = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, as an old archive or a Windows share has it
SHOWN = "caf\\xe9.txt"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def strict(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a process whose stdout takes nothing but UTF-8 (as a pipe to a
    strict reader does): a lone surrogate written there is a traceback."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *argv], capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def latin1(tmp_path: Path) -> Path:
    """A folder with the AFP story under a name that is not UTF-8, and its copy."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / LATIN1).write_bytes(AFP.read_bytes())
    (folder / "copy.txt").write_bytes(MT.read_bytes())
    return folder


def test_a_name_that_is_not_utf8_is_listed_escaped(capsys, latin1: Path) -> None:
    code, out, err = run(capsys, "list", str(latin1))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 3 and lines[1].split()[0] == SHOWN


def test_list_json_names_the_bytes_under_a_strict_utf8_stdout(latin1: Path) -> None:
    proc = strict("list", "--json", str(latin1))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    first, second = json.loads(proc.stdout)
    assert first["path"] == f"{latin1}/{SHOWN}" and first["id"] == "caf\\xe9"
    assert base64.b64decode(first["path_bytes"]) == os.fsencode(latin1 / LATIN1)
    assert second["path"] == str(latin1 / "copy.txt") and "path_bytes" not in second


def test_diff_align_and_story_of_a_name_that_is_not_utf8(capsys, latin1: Path) -> None:
    name = str(latin1 / LATIN1)
    code, out, _ = run(capsys, "diff", name, str(latin1 / "copy.txt"), "--color", "never")
    assert code == 1 and out.startswith(f"A {SHOWN}  (AFP")
    code, out, err = run(capsys, "story", str(latin1))
    assert (code, err) == (1, "") and f"base {SHOWN} (AFP" in out
    for command in (("align", name, str(MT), "--json"), ("story", str(latin1), "--json")):
        proc = strict(*command)
        assert proc.returncode in (0, 1) and proc.stderr == "", proc.stderr
        data = json.loads(proc.stdout)
        meta = data["a"] if command[0] == "align" else data["base"]
        assert meta["path"] == f"{latin1}/{SHOWN}" and base64.b64decode(meta["path_bytes"]).endswith(
            b"\xe9.txt"
        )
    code, out, _ = run(capsys, "diff", name, str(MT), "--html")
    assert f"<h1>{SHOWN} → {MT.name}</h1>" in out


def test_a_newline_in_a_name_keeps_one_line_per_article_and_per_problem(capsys, tmp_path: Path) -> None:
    (tmp_path / "new\nline.txt").write_bytes(AFP.read_bytes())
    (tmp_path / "other.txt").write_bytes(MT.read_bytes())
    (tmp_path / "bad\nname.json").write_text("[[[[", encoding="utf-8")
    code, out, err = run(capsys, "list", str(tmp_path))
    assert code == 2
    assert len(out.splitlines()) == 3  # the header and two articles
    assert out.splitlines()[1].split()[0] == "new\\nline.txt"
    assert err == f"reader: {tmp_path}/bad\\nname.json: not valid JSON (line 1, column 5: Expecting value)\n"


def test_escape_sequences_in_a_folder_name_never_reach_the_terminal(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b]0;pwned\x07\x1b[2J\ndir"
    shown = f"{tmp_path}/evil\\x1b]0;pwned\\x07\\x1b[2J\\ndir"
    for argv, said in (
        (("list", str(folder)), f"{shown}: no such file or folder"),
        (("diff", str(folder / "a.txt"), str(AFP)), f"{shown}/a.txt: no such file or folder"),
        (("story", str(folder), str(AFP)), f"{shown}: no such file or folder"),
        (("index", str(folder)), f"{shown}: no such folder"),
        (("similar", str(AFP), "--in", str(folder)), f"{shown}: no such folder"),
        (("stories", str(folder)), f"{shown}: no such folder"),
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and err.startswith(f"reader: {said}\n"), (argv, err)
        assert "\x1b" not in err and "\x07" not in err
    with pytest.raises(SystemExit):
        main(["diff", str(AFP), str(MT), str(folder)])  # argparse quotes the extra argument
    err = capsys.readouterr().err
    assert "\x1b" not in err and f"unrecognized arguments: {shown}" in err


def test_a_file_with_escape_sequences_loads_and_shows_them_stripped(capsys, tmp_path: Path) -> None:
    # No NUL byte: a NUL would make it a binary file, and its text would never be shown.
    evil = tmp_path / "evil\x1b[31mname.txt"
    evil.write_text(
        "\x1b]0;pwned\x07Officials said \x1b[31mred\x1b[0m \x1b[2Jthings today.\n\n"
        + MT.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "list", str(tmp_path))
    assert (code, err) == (0, "")
    assert "evil\\x1b[31mname.txt" in out and "Officials said red things today" in out
    code, out, _ = run(capsys, "diff", str(evil), str(MT), "--color", "never")
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    assert out.startswith("A evil\\x1b[31mname.txt") and "Officials said red things today." in out
