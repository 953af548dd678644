"""The two articles of ``reader align``, ``diff`` and ``stats``, read side by side.

Reading a long article (decoding, boilerplate, dateline, counts) is about a fifth of
a comparison's time, and the two files owe each other nothing: B is read in a forked
child while this process reads A, then handed over pickled (a few milliseconds for
100k words). Only when both files are long enough for that to pay, on a system that
forks, and while this process runs no other thread (a fork copies one thread: a lock
another held would stay held in the child). Whatever goes wrong in the child, B is
read here as it always was, so the command says and does exactly what it did.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

from ..core.model import Article
from .compare import load_one
from .errors import Trouble

# Both files at least this long (bytes): some 10k words, read in about 15 ms each;
# a fork and the hand-over cost about 2.
FORK_FROM = 48 * 1024


def load_pair(spec_a: str, spec_b: str) -> tuple[Article, Article]:
    """``load_one(spec_a), load_one(spec_b)``: the same articles, the same Trouble (A's
    first), B read in a child when it pays."""
    if not _worth_forking(spec_a, spec_b):
        return load_one(spec_a), load_one(spec_b)
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return load_one(spec_a), load_one(spec_b)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return load_one(spec_a), load_one(spec_b)
    if pid == 0:
        _child(spec_b, read_end, write_end)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    try:
        a = load_one(spec_a)
        data = pipe.read()
    except BaseException:  # A's trouble, or an interrupt: B's reading is of no use
        pipe.close()
        _stop(pid)
        raise
    pipe.close()
    return a, _from_child(pid, data, spec_b)


def _worth_forking(spec_a: str, spec_b: str) -> bool:
    if not hasattr(os, "fork") or _threaded():
        return False
    sizes = [_size(spec) for spec in (spec_a, spec_b)]
    return all(size is not None and size >= FORK_FROM for size in sizes)


def _threaded() -> bool:
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _size(spec: str) -> int | None:
    """The size of the file a spec names ("FILE" or "FILE#N"); None when it is not a
    regular file (a pipe, a missing file: read as before, in this process)."""
    path = Path(spec)
    try:
        if not path.exists() and "#" in spec:
            path = Path(spec.rpartition("#")[0])
        return path.stat().st_size if path.is_file() else None
    except (OSError, ValueError):
        return None


def _child(spec: str, read_end: int, write_end: int) -> None:
    """Read B, write the outcome to the pipe and leave at once: no cleanup of the
    parent's (atexit handlers, buffered output) runs twice."""
    import pickle

    status = 1
    try:
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent answers it
        try:
            outcome: tuple = ("article", load_one(spec))
        except Trouble as trouble:
            outcome = ("trouble", str(trouble))
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _from_child(pid: int, data: bytes, spec: str) -> Article:
    import pickle  # here: a short comparison never forks, and need not import it

    _, status = os.waitpid(pid, 0)
    outcome = None
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        try:
            outcome = pickle.loads(data)
        except Exception:  # a torn hand-over: read B here
            outcome = None
    if outcome is None:
        return load_one(spec)
    kind, value = outcome
    if kind == "trouble":
        raise Trouble(value)
    return value


def _stop(pid: int) -> None:
    """Stop the child and reap it."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):  # ChildProcessError is one
        os.waitpid(pid, 0)
