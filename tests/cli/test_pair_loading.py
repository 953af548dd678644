"""B read in a forked child while A is read, groups diffed in a child while the
aligner runs, then half of the rest and half the rows made in a child: the same
output, status and messages as doing it all in turn.
Each case runs in a fresh process (pytest's may hold threads, and then nothing is
forked), with the forks made to happen for files of any size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.pair import _size
from reader.core import compare as compare_module

ROOT = Path(__file__).resolve().parents[2]
AFP = str(ROOT / "seeds" / "002_990fca62850f33f5.txt")
MT = str(ROOT / "seeds" / "003_574f2177cef51eb0.txt")

# Runs `reader ARGS` with FORK_FROM set, and says on stderr how many forks were made
# (after the command, in this process only: the child leaves by os._exit).
SCRIPT = """
import os, signal, sys
# Ctrl-C as a terminal leaves it, whatever the suite was started from (a script's
# background job ignores it): the child interrupted at once must meet it.
signal.signal(signal.SIGINT, signal.default_int_handler)
import reader.cli.pair as pair, reader.core.compare as compare, reader.term.diff as diff
pair.FORK_FROM = compare.SHARE_FROM = compare.AHEAD_FROM = diff.SHARE_FROM = int(sys.argv[1])
if sys.argv[2] == "broken-hand-over":
    import pickle
    pickle.dumps = lambda *a, **k: 1 / 0
if sys.argv[2] == "sigchld-ignored":  # as a launcher may leave it
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
real, forks = os.fork, []
def fork():
    forks.append(1)
    pid = real()
    if pid == 0 and sys.argv[2] == "ctrl-c-at-once":
        os.kill(os.getpid(), signal.SIGINT)  # the child interrupted before it is ready
    return pid
os.fork = fork
from reader.cli import main
code = main(sys.argv[3:])
print(f"forks={len(forks)}", file=sys.stderr)
sys.exit(code)
"""


def reader(*argv: str, fork_from: int = 0, mode: str = "plain") -> tuple[int, str, str, int]:
    # Buffered output, as in a shell: a child that flushed this process's buffer would
    # print it twice.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(fork_from), mode, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    err, _, forks = proc.stderr.rpartition("forks=")
    return proc.returncode, proc.stdout, err, int(forks)


NEVER = 1 << 62


@pytest.mark.parametrize(
    ("argv", "forks"),
    [
        # reading; groups diffed ahead of the alignment; the rest; rows
        (("diff", "--color", "never", AFP, MT), 4),
        (("diff", "--color", "always", "--width", "150", MT, AFP), 4),
        (("diff", "--html", MT, AFP), 3),
        (("align", "--json", MT, AFP), 3),
        (("stats", "--json", AFP, MT), 3),
        (("stats", AFP, AFP), 3),
    ],
)
def test_the_same_output_side_by_side_or_in_turn(argv: tuple[str, ...], forks: int) -> None:
    forked = reader(*argv)
    in_turn = reader(*argv, fork_from=NEVER)
    assert forked[3] == forks and in_turn[3] == 0
    assert forked[:3] == in_turn[:3]
    assert forked[1]


def test_b_that_cannot_be_read_is_reported_as_before(tmp_path: Path) -> None:
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    forked = reader("diff", AFP, str(empty))
    in_turn = reader("diff", AFP, str(empty), fork_from=NEVER)
    assert forked[3] == 1
    assert forked[:3] == in_turn[:3]
    assert forked[0] == 2 and forked[2] == f"reader: {empty}: empty file\n"


def test_a_that_cannot_be_read_is_reported_first(tmp_path: Path) -> None:
    empty = tmp_path / "a.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "gone.txt"
    code, out, err, forks = reader("diff", str(empty), str(empty))
    assert (code, out, err, forks) == (2, "", f"reader: {empty}: empty file\n", 1)
    # A missing file is no regular file: nothing to read beside it.
    code, _, err, forks = reader("diff", AFP, str(missing))
    assert code == 2 and str(missing) in err and forks == 0


@pytest.mark.parametrize("mode", ["ctrl-c-at-once", "sigchld-ignored"])
def test_children_interrupted_at_once_or_not_waited_for(mode: str) -> None:
    # A child given Ctrl-C before it is ready dies of it (its work is done here); with
    # SIGCHLD ignored nothing is forked.
    argv = ("diff", "--color", "never", AFP, MT)
    done = reader(*argv, mode=mode)
    in_turn = reader(*argv, fork_from=NEVER)
    assert done[:3] == in_turn[:3]
    assert done[3] == (4 if mode == "ctrl-c-at-once" else 0)


def test_broken_hand_overs_do_the_work_here() -> None:
    forked = reader("diff", "--color", "never", AFP, MT, mode="broken-hand-over")
    in_turn = reader("diff", "--color", "never", AFP, MT, fork_from=NEVER)
    assert forked[3] == 4
    assert forked[:3] == in_turn[:3]


def test_short_files_are_read_in_turn() -> None:
    from reader.cli.pair import FORK_FROM

    assert _size(AFP) < FORK_FROM
    assert reader("diff", AFP, MT, fork_from=FORK_FROM)[3] == 0


def test_the_size_of_a_record_is_its_file_s(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "x"}\n', encoding="utf-8")
    assert _size(f"{feed}#1") == feed.stat().st_size
    assert _size(str(tmp_path)) is None
    assert _size(str(tmp_path / "none")) is None


def test_keys_are_not_made_beforehand_for_a_huge_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.cli import pair

    article, keys = pair._keyed(AFP)
    assert keys is not None and len(keys) == len(article.paragraphs)
    monkeypatch.setattr(compare_module, "HUGE_PARAGRAPH", max(len(p.text) for p in article.paragraphs) - 1)
    assert pair._keyed(AFP)[1] is None


def test_memory_is_given_back_after_comparing_a_huge_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.cli import compare as cli_compare

    a, b = cli_compare.load_one(AFP), cli_compare.load_one(MT)
    calls: list[int] = []
    monkeypatch.setattr(cli_compare, "_give_memory_back", lambda: calls.append(1))
    cli_compare._compared(a, b, False, None)
    assert calls == []
    longest = max(len(p.text) for art in (a, b) for p in art.paragraphs)
    monkeypatch.setattr(compare_module, "HUGE_PARAGRAPH", longest - 1)
    cli_compare._compared(a, b, False, None)
    assert calls == [1]
    monkeypatch.undo()
    cli_compare._give_memory_back()  # on any system: given back, or nothing to do
