"""Work shared with a forked copy of this process: ``reader align``, ``diff`` and
``stats`` on long articles use both of a machine's cores.

The steps shared are pure functions of what this process already holds (two
articles, a comparison): a fork gives the child all of it at once, copied on write,
and its answer comes back pickled through a pipe while this process does its own
half. Whatever goes wrong in the child (an exception, a crash, a torn hand-over),
its half is done here as it always was, so sharing never changes what a command
says or does; an error that half raises is then raised here, as before.

Only on a system that forks and while this process runs no other thread: a fork
copies one thread, and a lock another held would stay held in the child. The app
runs comparisons in worker threads and never forks.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    X = TypeVar("X")
    Y = TypeVar("Y")

# What a child answers when it has no answer: the caller does the work itself.
_FAILED = object()


def can_fork() -> bool:
    """Whether a fork is safe here: the system forks and no other thread runs."""
    if not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() <= 1


def share(here: Callable[[], X], there: Callable[[], Y]) -> tuple[X, Y]:
    """``(here(), there())``, ``there`` run in a forked child while this process runs
    ``here``. An exception in ``here`` (or an interrupt) stops the child and goes on
    up; ``there`` is run here when the child gives no answer."""
    child = _Child.start(there)
    if child is None:
        return here(), there()
    try:
        mine = here()
        theirs = child.answer()
    except BaseException:
        child.stop()
        raise
    return mine, (there() if theirs is _FAILED else theirs)


class _Child:
    __slots__ = ("_pid", "_pipe")

    def __init__(self, pid: int, pipe_fd: int) -> None:
        self._pid = pid
        self._pipe = os.fdopen(pipe_fd, "rb")

    @classmethod
    def start(cls, work: Callable[[], object]) -> _Child | None:
        if not can_fork():
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:
            _answer(work, read_end, write_end)
        os.close(write_end)
        return cls(pid, read_end)

    def answer(self) -> object:
        """The child's answer, or _FAILED; the child is reaped either way."""
        import pickle  # here: a short comparison never forks, and need not import it

        with self._pipe:
            data = self._pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return _FAILED
        try:
            return pickle.loads(data)
        except Exception:  # a torn hand-over
            return _FAILED

    def stop(self) -> None:
        """Stop the child and reap it (after an error or an interrupt here)."""
        self._pipe.close()
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):  # ChildProcessError is one
                os.waitpid(self._pid, 0)
            self._pid = 0


def _answer(work: Callable[[], object], read_end: int, write_end: int) -> None:
    """In the child: do the work, write its answer to the pipe and leave at once, so
    that none of the parent's cleanup (exit handlers, buffered output) runs twice.
    Any failure leaves with status 1 and writes nothing of its own."""
    status = 1
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent answers it
        import pickle

        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # the parent does the work itself
        pass
    finally:
        os._exit(status)
