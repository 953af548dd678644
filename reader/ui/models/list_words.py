"""What the list screen says: its status line, and its one-line notes on problems
and rankings. Parts are (text, style) pairs for ``Content.assemble``; the text is
already cleaned of control sequences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.core.model import Problem
from reader.view.text import display_path, safe

from .listing import Listing

Part = tuple[str, str]


def status_parts(
    listing: Listing,
    total: int,
    *,
    loading: str | None,
    indexing: tuple[int, int] | None,
    filter_text: str,
    problems: int,
    reading: bool = False,
) -> list[Part]:
    """The status line: how many articles are shown, then what the list is doing
    (reading the index, indexing, filtered, ranked), the marks, and the problems."""
    if loading is not None:
        return [(f"Loading {loading}", "$text-muted")]
    parts: list[Part] = [(_count(listing, total), "bold")]
    if reading:
        parts.append(("  reading the rest of the index…", "$text-accent"))
    if indexing is not None:
        done, to_read = indexing
        parts.append((f"  indexing {done:,}/{to_read:,}", "$text-accent"))
    if filter_text:
        parts += [("  filter: ", "$text-muted"), (safe(filter_text), "$text-accent")]
    if listing.target is not None:
        parts += [("  similar to: ", "$text-muted"), (listing.rows[listing.target].file, "$text-accent")]
    marks = listing.marks
    if len(marks) > 2:
        parts.append((f"  {len(marks)} marked: d opens the story view", "bold"))
    else:
        for letter, index in zip("AB", marks, strict=False):
            parts += [(f"  {letter}: ", "$text-muted"), (listing.rows[index].file, "bold")]
    if problems:
        parts.append((f"  {problems} problem{'s' if problems != 1 else ''} (p)", "$text-warning"))
    return parts


def _count(listing: Listing, total: int) -> str:
    if listing.groups is not None:
        stories = sum(1 for i in listing.order if i < 0)
        singles = sum(1 for i in listing.order if i >= 0 and i not in listing.in_story)
        return (
            f"{stories:,} stor{'y' if stories == 1 else 'ies'}, {singles:,} single"
            f"{'' if singles == 1 else 's'} ({total:,} articles)"
        )
    shown = len(listing.order)
    return f"{shown:,} of {total:,} articles" if shown != total else f"{total:,} articles"


def problems_note(problems: Sequence[Problem], paths: Sequence[Path]) -> str:
    count = len(problems)
    first = problem_line(problems[0], paths)
    more = "" if count == 1 else f" (and {count - 1} more)"
    return (
        f"{count} {'file' if count == 1 else 'files'} could not be read: {first}{more}. Press p to list them."
    )


def problem_line(problem: Problem, paths: Sequence[Path]) -> str:
    return f"{display_path(problem.path, paths)}: {safe(problem.reason)}"


def ranking_note(matches: int, ranked: int) -> str:
    """What the index's ranking found (``ranked``: the most it returns)."""
    if matches >= ranked:
        return f"The {ranked:,} articles sharing the most text with it come first."
    if matches:
        return f"{matches:,} article{'s share' if matches != 1 else ' shares'} text with it."
    return "No other article shares text with it."


def not_saved_reason(reason: str, unread: int | None) -> str:
    """The index's line among the problems (`p`) when it could not be saved (a full disk)."""
    line = f"the index could not be saved: {reason}"
    if unread:
        line += f"; {unread:,} file{'s were' if unread != 1 else ' was'} not read"
    return line


def not_saved_note(error: str, shown: int, unread: int | None) -> str:
    """Said once when the index could not be saved: what the list holds, and what to do."""
    more = f"; {unread:,} file{'s were' if unread != 1 else ' was'} not read" if unread else ""
    return (
        f"{error}. The list shows the {shown:,} article{'s' if shown != 1 else ''} indexed{more}. "
        "Free some space and open the folder again to read the rest."
    )


def index_incomplete(reason: str, key: str) -> str:
    return (
        f"The index could not be saved ({reason}), and {key} needs it: "
        "free some space and open the folder again."
    )


def still_indexing(indexing: tuple[int, int] | None, key: str) -> str:
    done, to_read = indexing or (0, 0)
    return (
        f"The index is still being built ({done:,} of {to_read:,} files read): "
        f"press {key} again once it is done."
    )
