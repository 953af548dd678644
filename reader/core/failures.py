"""The fault in words when reading a file fails in a way the reader did not foresee.

The loader and the formats name the faults they know ("binary file, not text",
"JSON nested too deeply to read"); this is the last resort behind them, and it
never names a Python class: a reader of ``reader: FILE: reason`` wants to know
what is wrong with the file, not which exception was raised.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"has (\d+) digits")


def unforeseen(error: BaseException) -> str:
    """Why a file could not be read, from an exception nothing caught before."""
    if isinstance(error, RecursionError):
        return "nested too deeply to read"
    if isinstance(error, MemoryError):
        return "too large to read in the memory available"
    if isinstance(error, ValueError) and (found := _DIGITS.search(str(error))):
        return f"a number in it is too long ({int(found.group(1)):,} digits)"
    if isinstance(error, UnicodeError):
        return "holds characters that cannot be read as text"
    if isinstance(error, OSError):
        return (error.strerror or "the system could not read it").lower()
    return "could not be read: the reader failed on it in a way it does not know (please report it)"


def failed(error: BaseException) -> str:
    """Why a comparison, a grouping or a refresh failed, in words: what the user can act
    on (memory, disk, nesting) said plainly, and anything else named as a fault of the
    reader, with what to put in a report."""
    if isinstance(error, MemoryError):
        return "not enough memory"
    if isinstance(error, RecursionError):
        return "the text is nested too deeply"
    if isinstance(error, OSError):
        return (error.strerror or "the system refused").lower()
    detail = " ".join(str(error).split())[:200]
    name = type(error).__name__
    return f"the reader failed in a way it does not know; please report it with: {name}: {detail}"
