"""Work shared with a forked child (reader.cli.forking): the answers are those of
doing it all here, whatever becomes of the child."""

from __future__ import annotations

import os
import threading
import time

import pytest

from reader.cli import forking


@pytest.fixture(autouse=True)
def _forks_here() -> None:
    # pytest runs no other thread: if a plugin ever starts one, these tests would
    # quietly test the serial path; say so instead.
    assert forking.can_fork(), "a thread is running: nothing would be forked"


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_there_runs_in_a_child_while_here_runs_here() -> None:
    me = os.getpid()
    mine, theirs = forking.share(os.getpid, os.getpid)
    assert mine == me and theirs != me
    assert _no_child_left()


def test_big_answers_come_back_whole() -> None:
    text = "é—x " * 1_000_000  # far more than a pipe holds
    assert forking.share(lambda: 1, lambda: [text, {"k": (1, 2.5, None)}]) == (
        1,
        [text, {"k": (1, 2.5, None)}],
    )


def test_work_the_child_fails_is_done_here() -> None:
    me = os.getpid()

    def there() -> str:
        if os.getpid() != me:
            raise RuntimeError("only in the child")
        return "done here"

    assert forking.share(lambda: "mine", there) == ("mine", "done here")
    assert _no_child_left()


def test_an_answer_that_cannot_be_pickled_is_made_here() -> None:
    me = os.getpid()
    _, theirs = forking.share(lambda: 0, lambda: lambda: os.getpid())
    assert theirs() == me


def test_an_error_of_there_is_raised_here_as_it_would_be() -> None:
    def there() -> None:
        raise ValueError("bad record")

    with pytest.raises(ValueError, match="bad record"):
        forking.share(lambda: 0, there)
    assert _no_child_left()


def test_an_error_here_stops_the_child_at_once() -> None:
    def here() -> None:
        raise KeyError("A")

    started = time.monotonic()
    with pytest.raises(KeyError):
        forking.share(here, lambda: time.sleep(60))
    assert time.monotonic() - started < 30
    assert _no_child_left()


def test_nothing_is_forked_while_another_thread_runs() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not forking.can_fork()
        me = os.getpid()
        assert forking.share(os.getpid, os.getpid) == (me, me)
    finally:
        stop.set()
        worker.join()
    assert forking.can_fork()


def test_a_failed_fork_does_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("fork: out of memory")

    monkeypatch.setattr(os, "fork", no_fork)
    me = os.getpid()
    assert forking.share(os.getpid, os.getpid) == (me, me)
