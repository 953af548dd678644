"""Work cut in two shares, for two processes (reader.cli.forking): the comparison's
groups to diff, the diff's rows to lay out."""

from __future__ import annotations

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from collections.abc import Sequence


def halfway(weights: Sequence[int], least: int) -> int | None:
    """Where to cut items of these weights into two shares of about the same weight,
    the first share at least as heavy: None when they weigh less than ``least`` in
    all, or when the cut would leave the second share empty."""
    total = sum(weights)
    if total < least:
        return None
    done = 0
    for n, weight in enumerate(weights):
        done += weight
        if 2 * done >= total:
            return n + 1 if n + 1 < len(weights) else None
    return None
