"""Work shared with a forked child (reader.cli.forking): the answers are those of
doing it all here, whatever becomes of the child."""

from __future__ import annotations

import itertools
import os
import signal
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


# --- values made ahead


def test_values_made_ahead_come_in_order() -> None:
    me = os.getpid()
    made = forking.ahead(lambda: (os.getpid() if n == 0 else n for n in range(2000)))
    time.sleep(0.3)  # the child is done long before: all of them
    values = made.take()
    assert values[0] != me and values[1:] == list(range(1, 2000))
    assert _no_child_left()


def test_a_child_stopped_at_once_gives_what_it_made() -> None:
    # A stop sent before the child could answer it is kept for it, not lost (the child
    # would count for ever) nor fatal (it would give nothing): the value in hand is made.
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the stop was lost"))
    signal.alarm(60)
    try:
        for _ in range(20):
            values = forking.ahead(lambda: itertools.count()).take()
            assert values and values == list(range(len(values)))
    finally:
        signal.alarm(0)
    assert _no_child_left()


def test_a_slow_value_in_hand_is_finished_then_the_child_stops() -> None:
    def produce():
        yield "quick"
        time.sleep(0.5)
        yield "slow"
        time.sleep(60)
        yield "never"

    made = forking.ahead(produce)
    time.sleep(0.2)
    started = time.monotonic()
    assert made.take() == ["quick", "slow"]
    assert time.monotonic() - started < 30


def test_a_failing_producer_gives_what_it_wrote() -> None:
    def produce():
        yield from range(5)
        time.sleep(0.1)  # a frame is written every few milliseconds
        yield 5
        raise RuntimeError("broken")

    made = forking.ahead(produce)
    time.sleep(0.5)
    assert made.take() == [0, 1, 2, 3, 4, 5]


def test_cancel_stops_the_child_at_once() -> None:
    made = forking.ahead(lambda: (time.sleep(60) for _ in range(3)))
    started = time.monotonic()
    made.cancel()
    assert time.monotonic() - started < 30
    assert _no_child_left()
    assert made.take() == []


def test_nothing_is_made_ahead_while_another_thread_runs() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert forking.ahead(lambda: [1, 2, 3]).take() == []
    finally:
        stop.set()
        worker.join()


def test_nothing_is_forked_when_children_cannot_be_waited_for() -> None:
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not forking.can_fork()
        me = os.getpid()
        assert forking.share(os.getpid, os.getpid) == (me, me)
        assert forking.ahead(lambda: [1]).take() == []
    finally:
        signal.signal(signal.SIGCHLD, before)
