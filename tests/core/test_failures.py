"""Failures said in words: what a user can act on is named plainly, anything else is
named as the reader's fault with what to put in a report, and never as a bare class name."""

from __future__ import annotations

import errno

from reader.core.failures import failed, unforeseen


def test_memory_and_nesting_are_said_plainly() -> None:
    assert failed(MemoryError()) == "not enough memory"
    assert failed(RecursionError("maximum recursion depth exceeded")) == "the text is nested too deeply"


def test_system_errors_say_the_systems_words() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert failed(full) == "no space left on device"
    assert unforeseen(full) == "no space left on device"


def test_anything_else_asks_for_a_report_on_one_line() -> None:
    said = failed(ValueError("bad\nthing   here" + "x" * 500))
    assert said.startswith(
        "the reader failed in a way it does not know; please report it with: ValueError: bad thing here"
    )
    assert "\n" not in said
    assert len(said) < 300


def test_unforeseen_load_failures_are_not_class_names() -> None:
    said = unforeseen(KeyError("x"))
    assert "KeyError" not in said
    assert said.startswith("could not be read")
