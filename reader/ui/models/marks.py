"""The articles marked in the list: A and B for a diff, three or more for a story."""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def mark_letter(position: int) -> str:
    """A, B for a pair; marks for a story go on in the alphabet, then "+"."""
    return chr(ord("A") + position) if position < 26 else "+"


class Marks:
    """Positions in the list's rows, in the order they were marked."""

    def __init__(self) -> None:
        self._marked: list[int] = []

    def __iter__(self) -> Iterator[int]:
        return iter(self._marked)

    def __len__(self) -> int:
        return len(self._marked)

    def __getitem__(self, n: int) -> int:
        return self._marked[n]

    def __contains__(self, index: object) -> bool:
        return index in self._marked

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Marks):
            return self._marked == other._marked
        return isinstance(other, Sequence) and self._marked == list(other)

    __hash__ = None  # type: ignore[assignment]  # changes as marks are made

    def __repr__(self) -> str:
        return f"Marks({self._marked})"

    def index(self, index: int) -> int:
        return self._marked.index(index)

    def letter(self, index: int) -> str:
        """The mark shown on a row: its letter, or a space when unmarked."""
        return mark_letter(self._marked.index(index)) if index in self._marked else " "

    def toggle(self, index: int, pair: bool) -> None:
        """Mark or unmark. For a pair (space), a third mark replaces the older of two;
        once three or more are marked (with m, for a story) no mark is replaced."""
        if index in self._marked:
            self._marked.remove(index)
            return
        self._marked.append(index)
        if pair and len(self._marked) == 3:
            self._marked.pop(0)

    def discard(self, index: int) -> None:
        if index in self._marked:
            self._marked.remove(index)

    def clear(self) -> None:
        self._marked.clear()

    def pair(self, current: int | None) -> tuple[int, int] | None:
        """The two articles `d` compares: the two marked, or the one marked and the one
        under the cursor."""
        if len(self._marked) == 2:
            return self._marked[0], self._marked[1]
        if len(self._marked) == 1 and current is not None and current != self._marked[0]:
            return self._marked[0], current
        return None
