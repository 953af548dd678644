"""The shell commands: output, the JSON contract, colour and markers, exit status."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import GROUP_KINDS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
BBC = str(SEEDS / "000_4f549e9bf7ce5619.txt")
AFP = str(SEEDS / "002_990fca62850f33f5.txt")
MT = str(SEEDS / "003_574f2177cef51eb0.txt")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_align_json_contract(capsys) -> None:
    code, out, _ = run(capsys, "align", AFP, MT, "--json")
    assert code == 0
    data = json.loads(out)
    a, b = data["a"]["paragraphs"], data["b"]["paragraphs"]
    seen_a = sorted(i for g in data["groups"] for i in g["a"])
    seen_b = sorted(j for g in data["groups"] for j in g["b"])
    assert seen_a == list(range(len(a))) and seen_b == list(range(len(b)))
    for g in data["groups"]:
        assert g["kind"] in GROUP_KINDS
        assert 0.0 <= g["similarity"] <= 1.0
        assert "".join(op[1] for op in g["ops"]) == "\n".join(a[i] for i in g["a"])
        assert "".join(op[2] for op in g["ops"]) == "\n".join(b[j] for j in g["b"])
        assert {op[0] for op in g["ops"]} <= {"equal", "typography", "delete", "insert", "replace"}
    assert data["a"]["agency"] == "AFP" and data["a"]["dateline"] == "SEOUL"
    assert data["a"]["paragraphs"][0].startswith("North Korean leader")


def test_ties_pair_shows_only_two_changes_by_default(capsys) -> None:
    data = json.loads(run(capsys, "align", AFP, MT, "--json")[1])
    group = next(g for g in data["groups"] if g["a"] == [4])
    visible = [op for op in group["ops"] if op[0] not in ("equal", "typography")]
    assert [(op[0], op[1].strip(), op[2].strip()) for op in visible] == [
        ("replace", "in", "by"),
        ("insert", "", "on"),
    ]
    _, out, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--width", "80")
    block = out.split("¶4 → ¶4", 1)[1].split("\n\n", 1)[0]
    assert block.count("[-") == 1 and block.count("{+") == 2
    assert "[-in-]" in block and "{+by+}" in block and "{+on+}" in block


def test_typography_flag_shows_quote_changes(capsys) -> None:
    _, plain, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--width", "80")
    _, typo, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--width", "80", "--typography")
    assert "[-“-]" not in plain
    assert typo.count("[-") > plain.count("[-")


def test_diff_side_by_side_from_100_columns(capsys) -> None:
    _, wide, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--width", "120")
    _, narrow, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--width", "80")
    # Stacked below 100 columns: A's lines (-) then B's (+), beside the group's label.
    assert re.search(r"\n¶1 → ¶1 +- Kim made a rare", narrow)
    assert re.search(r"\n +\+ Kim made a rare", narrow)
    assert re.search(r"Kim made a rare .+ │ . Kim made a rare", wide)
    for out, width in ((wide, 120), (narrow, 80)):
        body = out.splitlines()[6:]  # the summary and facts lines above stay whole, for grep
        assert max(len(line) for line in body) <= width


def test_words_are_never_cut(capsys) -> None:
    _, out, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--width", "100")
    text_words = set(re.findall(r"[A-Za-z]{4,}", Path(AFP).read_text() + Path(MT).read_text()))
    printed = set(re.findall(r"[A-Za-z]{4,}", out))
    assert printed <= text_words | {
        "words",
        "same",
        "edited",
        "merged",
        "moved",
        "boilerplate",
        "typography",
        "paragraph",
        "paragraphs",
        "keeps",
        "donation",
        "appeal",
        "from",
        "added",
        "merges",
        "credit",
        "dropped",
        "quotations",
        "name",
        "names",
        "stood",  # where a moved paragraph stood: "¶11 of A stood here, moved up to ¶8"
        "here",
        "changed",
    }


def test_summary_line(capsys) -> None:
    _, out, _ = run(capsys, "diff", AFP, MT, "--color", "never")
    summary = out.splitlines()[4]
    assert summary.startswith("B keeps ")
    for part in (
        "3 merges of 6 paragraphs",
        "1 paragraph moved",
        "2 paragraphs cut from the end",
        "8 paragraphs of boilerplate added",
    ):
        assert part in summary
    assert out.splitlines()[5] == "‼ AFP credit dropped · 2 quotations cut · 1 name changed"
    assert "+8 paragraphs of boilerplate: donation appeal" in out


def test_unrelated_write_ups_get_a_verdict_not_a_wall_of_edits(capsys) -> None:
    code, out, _ = run(capsys, "diff", BBC, AFP, "--color", "never")
    assert code == 1
    assert re.search(r"different write-ups, \d+% shared text", out)
    assert "[-" not in out and "{+" not in out


def test_context_folds_unchanged_paragraphs(capsys) -> None:
    _, out, _ = run(capsys, "diff", AFP, MT, "--color", "never", "--context", "0")
    assert "… 1 unchanged paragraph …" in out
    assert "¶3 → ¶3 typography" not in out


def test_color_always_uses_colour_and_a_second_mark(capsys) -> None:
    _, out, _ = run(capsys, "diff", AFP, MT, "--color", "always")
    assert "\x1b[31;9m" in out and "\x1b[32;4m" in out
    assert "[-" not in ANSI.sub("", out)


def test_no_color_keeps_markers_and_strike(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm-256color"}
    code = "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = (
        subprocess.run(
            ["script", "-qec", f"{sys.executable} -c '{code}' diff {AFP} {MT}", "/dev/null"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if _has_script()
        else None
    )
    if proc is None:
        pytest.skip("script(1) is not installed")
    out = proc.stdout
    assert "[-" in out and "{+" in out
    assert "\x1b[31" not in out and "\x1b[32" not in out


def _has_script() -> bool:
    from shutil import which

    return which("script") is not None


def test_exit_status_like_diff(capsys, tmp_path: Path) -> None:
    same = tmp_path / "same.txt"
    same.write_text(Path(MT).read_text(encoding="utf-8").replace("'", "’"), encoding="utf-8")
    assert run(capsys, "diff", MT, MT)[0] == 0
    assert run(capsys, "diff", MT, str(same))[0] == 0  # typography only
    assert run(capsys, "diff", MT, str(same), "--typography")[0] == 1
    assert run(capsys, "diff", AFP, MT)[0] == 1
    assert run(capsys, "stats", AFP, MT)[0] == 1


def test_trouble_is_one_line_on_stderr_and_status_2(capsys, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    for args in (
        ("diff", AFP, str(tmp_path / "missing.txt")),
        ("diff", AFP, str(empty)),
        ("align", str(binary), AFP, "--json"),
        ("stats", AFP, str(tmp_path)),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2, args
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: "), err
        assert "Traceback" not in err


def test_usage_error_is_status_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["diff", AFP])
    assert exc.value.code == 2


def test_stats(capsys) -> None:
    code, out, _ = run(capsys, "stats", AFP, MT)
    assert code == 1
    assert "share of A kept in B" in out and "merged" in out
    data = json.loads(run(capsys, "stats", AFP, MT, "--json")[1])
    assert data["summary"]["groups_by_kind"]["merged"] == 3
    assert data["summary"]["cut_from_end"] == 2


def test_list(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "list", str(SEEDS))
    assert code == 0 and err == ""
    assert "AFP" in out and "SEOUL" in out
    assert len([line for line in out.splitlines() if line.strip()]) == 4  # header + 3
    rows = json.loads(run(capsys, "list", str(SEEDS), "--json")[1])
    assert [r["id"] for r in rows] == ["000_4f549e9bf7ce5619", "002_990fca62850f33f5", "003_574f2177cef51eb0"]
    assert {"agency", "dateline", "words", "paragraphs", "title", "path"} <= set(rows[0])


def test_list_reports_bad_files_and_lists_the_rest(capsys, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(Path(MT).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir() if not p.is_symlink())
    code, out, err = run(capsys, "list", str(tmp_path))
    assert code == 2  # some input could not be read, as diff -r says it
    assert "a.txt" not in err and "b.txt" not in err
    assert "empty.txt" in err and "dangling.txt" in err
    assert all(line.startswith("reader: ") for line in err.strip().splitlines())
    assert "a" in out and "b" in out
    after = sorted((p.name, p.stat().st_mtime_ns) for p in tmp_path.iterdir() if not p.is_symlink())
    assert before == after


def test_piped_open_prints_the_list() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader.cli", str(SEEDS)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert "002_990fca62850f33f5" in proc.stdout


@pytest.mark.parametrize("command", ["open", "align", "diff", "stats", "list"])
def test_help_has_an_example(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "example:" in capsys.readouterr().out


def test_markup_and_escapes_in_articles_stay_plain(capsys, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The [bold red]minister[/] said \x1b[31mred\x1b[0m things.\n\nSecond paragraph here.\n")
    b.write_text("The [bold red]minister[/] said \x1b[31mblue\x1b[0m things.\n\nSecond paragraph here.\n")
    _, out, _ = run(capsys, "diff", str(a), str(b), "--color", "never")
    assert "[bold red]minister[/]" in out
    assert "\x1b" not in out


def test_escape_sequences_in_file_names_are_escaped(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "evil\x1b]0;pwned\x07name.txt"
    bad.write_text("")
    _, _, err = run(capsys, "list", str(tmp_path))
    assert "\x1b" not in err and "\x07" not in err
    assert err == f"reader: {tmp_path}/evil\\x1b]0;pwned\\x07name.txt: empty file\n"


def test_records_of_a_json_lines_file_are_named_from_1(capsys, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    body = Path(MT).read_text(encoding="utf-8")
    feed.write_text(
        json.dumps({"title": "one", "text": body})
        + "\n"
        + json.dumps({"title": "two", "text": body.replace("Kim", "Kim Jong Un")})
        + "\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "diff", str(feed), MT)
    assert code == 2 and "#N (N from 1)" in err
    assert run(capsys, "diff", f"{feed}#1", MT)[0] == 0
    assert run(capsys, "diff", f"{feed}#2", MT)[0] == 1
    code, _, err = run(capsys, "diff", f"{feed}#3", MT)
    assert code == 2 and "no record 3" in err


@pytest.mark.parametrize(
    "extra", [("--width", "5"), ("--width", "-1"), ("--context", "-1"), ("--width", "wide")]
)
def test_nonsense_options_are_usage_errors(extra: tuple[str, str], capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["diff", AFP, MT, *extra])
    assert exc.value.code == 2
    assert extra[0] in capsys.readouterr().err


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, shell=True, capture_output=True, text=True, check=False)


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    proc = _shell(
        f"{sys.executable} -c 'from reader.cli import main; main()' diff --color never {AFP} {MT} | head -1"
    )
    assert proc.stdout.startswith("A 002_")
    assert "Traceback" not in proc.stderr and "Broken pipe" not in proc.stderr


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert re.fullmatch(r"reader \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "a.txt", "b.txt", "--width", "90", "--color", "never", "--context", "1"],
        ["align", "a.txt", "b.txt", "--json", "--typography"],
        ["stats", "a.txt", "b.txt"],
        ["list", "seeds", "--json"],
        ["index", "seeds"],
        ["similar", "a.txt", "--in", "seeds", "--limit", "3"],
        ["stories", "seeds", "--json"],
        ["story", "a.txt", "b.txt", "c.txt", "--html"],
        ["open", "seeds", "--theme", "light"],
        ["spark", "seeds", "--out", "out"],
    ],
)
def test_a_command_parses_as_the_whole_command_line_would(argv: list[str]) -> None:
    """Only the named sub-command's parser is built (start-up time): its arguments and
    defaults are those of the whole command line's."""
    from reader.cli import parser

    assert parser.build(argv[0]).parse_args(argv) == parser.build().parse_args(argv)
    assert parser.parse(argv) == parser.build().parse_args(argv)


def test_the_top_level_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    from reader.cli.parser import COMMANDS

    assert all(re.search(rf"^\s+{c}\s", out, re.MULTILINE) for c in COMMANDS)


@pytest.mark.parametrize("columns", [None, "100", "40", "0", "x"])
def test_help_is_as_wide_as_argparse_would_make_it(monkeypatch, columns: str | None) -> None:
    """The formatter is given the width shutil would find (so that shutil is not imported)."""
    import shutil

    from reader.cli.parser import _columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize(
    ("argv", "code"), [(("diff", "--color", "never", AFP, MT), 1), (("stats", AFP, AFP), 0)]
)
def test_a_comparison_ends_the_process_when_written(argv: tuple[str, ...], code: int, capsys) -> None:
    # From the shell (main() without arguments), a comparison's process ends once its
    # output is written: no tear-down, so no exit handler runs. `list` ends as usual.
    script = (
        "import atexit, sys; from reader.cli import main;"
        "atexit.register(lambda: sys.stderr.write('torn down'));"
        "sys.exit(main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    expected_code, expected_out, _ = run(capsys, *argv)
    assert (done.returncode, done.stdout, done.stderr) == (code, expected_out, "")
    assert expected_code == code
    listed = subprocess.run(
        [sys.executable, "-c", script, "list", str(SEEDS)], capture_output=True, text=True, check=False
    )
    assert listed.returncode == 0 and listed.stderr == "torn down"


def test_a_comparison_started_with_stdout_closed_ends_as_before() -> None:
    done = _shell(f"{sys.executable} -m reader.cli stats {AFP} {AFP} >&-")
    assert (done.returncode, done.stderr) == (0, "")
