"""A screen's status line: what the screen shows, and passing notes at its end.

Passing information ("Sorted by Words.", "No moved paragraphs in this pair.") goes
here, where it covers nothing; toasts are kept for problems, which must be seen.
"""

from __future__ import annotations

from collections import deque

from textual.content import Content
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widgets import Static

# How long a note stays in front of the status (seconds); the next note replaces it.
NOTE_SECONDS = 4.0


class StatusLine(Static):
    """``show`` sets the standing status; ``say`` adds a note to it for a while."""

    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; padding: 0 1; background: $panel; }
    StatusLine.-note-only { text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.standing = Content("")
        self.note: str | None = None
        self.said: deque[str] = deque(maxlen=50)  # the notes so far, newest last
        self._timer: Timer | None = None

    def show(self, content: Content) -> None:
        self.standing = content
        self._draw()

    def say(self, text: str, seconds: float = NOTE_SECONDS) -> None:
        if self.note is None and self.size.height:
            # The line keeps its height while the note shows: what is under it must not move.
            self.styles.height = self.size.height
        self.note = text
        self.said.append(text)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(seconds, self._forget)
        self._draw()

    def _forget(self) -> None:
        self.note, self._timer = None, None
        self.styles.height = None  # back to the stylesheet's
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.note is None:
            self.update(self.standing)
            return
        # The note ends the first line, whole; what the line showed before gives it room
        # (cut with an ellipsis), and the lines after it stay as they were.
        width = self.content_region.width or self.app.size.width
        note = Content.styled(self.note, "bold $text-accent").truncate(max(1, width), ellipsis=True)
        lines = self.standing.split("\n", allow_blank=True) if self.standing else [Content("")]
        room = width - note.cell_length - 5  # the "  ·  " between them
        first = lines[0]
        if first.cell_length > room:
            first = first.truncate(max(0, room), ellipsis=True)
        first = Content.assemble(first, ("  ·  " if first.cell_length else "", "$text-muted"), note)
        self.update(Content("\n").join([first, *lines[1:]]))


def say(node: DOMNode, text: str) -> None:
    """Say ``text`` in the status line of ``node``'s screen (a toast where it has none)."""
    try:
        line = node.screen.query(StatusLine).first()
    except Exception:  # no screen yet, or no status line on it
        node.notify(text, timeout=3, markup=False)
        return
    line.say(text)
