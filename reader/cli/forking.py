"""Another process's help: ``reader align``, ``diff`` and ``stats`` on long articles
use two of a machine's cores.

The work handed over is a pure function of what this process already holds (two
articles, a comparison): a fork gives the child all of it at once, copied on write.
``share`` runs one piece there while this process runs another, the answer coming
back pickled through a pipe; ``ahead`` has a child make values (groups diffed before
the aligner has run) into a file of no name until it is told to stop. Whatever
goes wrong in a child (an exception, a crash, a torn hand-over), what it did not
give is made here as it always was, so the help never changes what a command says
or does; an error raised making it is then raised here, as before.

Only on a system that forks and while this process runs no other thread: a fork
copies one thread, and a lock another held would stay held in the child. The app
runs comparisons in worker threads and never forks. A child left behind by a
killed command ends with its piece of work: each is finite.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import BinaryIO, TypeVar

    X = TypeVar("X")
    Y = TypeVar("Y")

# What a child answers when it has no answer: the caller does the work itself.
_FAILED = object()


def can_fork() -> bool:
    """Whether a fork is safe here: the system forks, no other thread runs, and this
    process can wait for its children (with SIGCHLD ignored, as a launcher may leave
    it, the system reaps them at once and there is no telling how one ended)."""
    if not hasattr(os, "fork") or signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() <= 1


# Held back from the moment of the fork until each process is ready for them: Ctrl-C
# (in a child not yet ready, it would unwind through the command and flush what this
# process had buffered a second time; here, it would leave the child running), and
# the stop sent to a child making values ahead (by default it ends the process).
_HELD = {signal.SIGINT, signal.SIGUSR1}


def _fork(child: Callable[[set[int]], None]) -> tuple[int, set[int]] | None:
    """Fork. The child runs ``child`` with the signal mask it should set back once it
    is ready, and never returns; here, the child's pid and that mask (for ``_release``),
    or None when the system would not fork. The signals stay held back until then."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return None
    if pid == 0:
        try:
            child(held)
        finally:
            os._exit(1)
    return pid, held


def _release(held: set[int], stop: Callable[[], None]) -> None:
    """Let the held signals through here; a Ctrl-C held back is raised now, once the
    child can be stopped."""
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    except BaseException:
        stop()
        raise


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


def ahead(produce: Callable[[], Iterable[object]]) -> Ahead:
    """Start taking ``produce()``'s values in a forked child while this process goes on
    with other work. ``take()`` then stops the child after the value in hand and gives
    the values it took, in order: all of them when it was done, none when it could not
    fork or failed. What it did not give, the caller makes itself."""
    if not can_fork():
        return Ahead(0, None)
    try:
        out = _scratch_file()
    except OSError:
        return Ahead(0, None)
    forked = _fork(lambda held: _produce(produce, out, held))
    if forked is None:
        out.close()
        return Ahead(0, None)
    pid, held = forked
    made = Ahead(pid, out)
    _release(held, made.cancel)
    return made


class Ahead:
    """A child producing values ahead of their use (see ``ahead``)."""

    __slots__ = ("_out", "_pid")

    def __init__(self, pid: int, out: BinaryIO | None) -> None:
        self._pid, self._out = pid, out

    def take(self) -> list:
        """Stop the child once the value in hand is made; the values it made, in order."""
        if not self._pid or self._out is None:
            return []
        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGUSR1)
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:  # reaped by someone else: no telling what it wrote
            self._pid = 0
            self.cancel()
            return []
        except BaseException:
            self.cancel()
            raise
        self._pid = 0
        with self._out as out:
            out.seek(0)
            data = out.read()
        self._out = None
        return _frames(data)

    def cancel(self) -> None:
        """Stop the child at once, its values unread (after an error or an interrupt)."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = 0
        if self._out is not None:
            self._out.close()
            self._out = None


def _frames(data: bytes) -> list:
    """The values of the frames (length, pickle) in ``data``; a frame the child did not
    finish, and any after it, are left out."""
    import pickle

    values: list = []
    at = 0
    while at + 8 <= len(data):
        size = int.from_bytes(data[at : at + 8], "little")
        frame = data[at + 8 : at + 8 + size]
        if len(frame) < size:
            break
        try:
            values.extend(pickle.loads(frame))
        except Exception:
            break
        at += 8 + size
    return values


def _scratch_file() -> BinaryIO:
    """A file of no name, in memory where the system allows it."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("reader-ahead"), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


# The values a child producing ahead writes at a time: about this many seconds' worth.
_FRAME_SECONDS = 0.005


def _produce(produce: Callable[[], Iterable[object]], out: BinaryIO, held: set[int]) -> None:
    """In the child: write ``produce()``'s values to ``out`` a frame at a time until
    told to stop, then leave at once (as ``_answer`` does)."""
    status = 1
    try:
        import pickle
        import time

        stopping = []
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent answers it
        signal.signal(signal.SIGUSR1, lambda *_: stopping.append(1))
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        fd = out.fileno()
        frame: list[object] = []
        since = time.perf_counter()
        for value in produce():
            frame.append(value)
            if stopping or time.perf_counter() - since >= _FRAME_SECONDS:
                _write_frame(fd, pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
                frame, since = [], time.perf_counter()
            if stopping:
                break
        if frame:
            _write_frame(fd, pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    except BaseException:  # what was written stands; the parent makes the rest
        pass
    finally:
        os._exit(status)


def _write_frame(fd: int, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


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
        forked = _fork(lambda held: _answer(work, read_end, write_end, held))
        if forked is None:
            os.close(read_end)
            os.close(write_end)
            return None
        pid, held = forked
        os.close(write_end)
        child = cls(pid, read_end)
        _release(held, child.stop)
        return child

    def answer(self) -> object:
        """The child's answer, or _FAILED; the child is reaped either way."""
        import pickle  # here: a short comparison never forks, and need not import it

        with self._pipe:
            data = self._pipe.read()
        # Read while the child leaves: the end of a process that shares all this one's
        # memory takes a millisecond or two, as long as reading a long answer.
        try:
            answer = pickle.loads(data)
        except Exception:  # a torn hand-over
            answer = _FAILED
        del data
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:  # reaped by someone else: no telling how it ended
            self._pid = 0
            return _FAILED
        self._pid = 0
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return _FAILED
        return answer

    def stop(self) -> None:
        """Stop the child and reap it (after an error or an interrupt here)."""
        self._pipe.close()
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):  # ChildProcessError is one
                os.waitpid(self._pid, 0)
            self._pid = 0


def _answer(work: Callable[[], object], read_end: int, write_end: int, held: set[int]) -> None:
    """In the child: do the work, write its answer to the pipe and leave at once, so
    that none of the parent's cleanup (exit handlers, buffered output) runs twice.
    Any failure leaves with status 1 and writes nothing of its own."""
    status = 1
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent answers it
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        import pickle

        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # the parent does the work itself
        pass
    finally:
        os._exit(status)
