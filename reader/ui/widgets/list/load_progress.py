"""What the list screen shows while the loading worker reads the files."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static


class LoadProgress(Vertical):
    DEFAULT_CSS = """
    LoadProgress {
        height: auto;
        width: 1fr;
        padding: 1 2;
    }
    LoadProgress > Static { width: 1fr; margin-bottom: 1; }
    """

    def __init__(self, what: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.what = what

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Reading {self.what}…"), id="load-label")
        yield ProgressBar(total=None, show_eta=False, id="load-bar")

    def update_progress(self, done: int, total: int) -> None:
        self.query_one("#load-label", Static).update(
            Content(f"Reading {self.what}… {done:,} of {total:,} files")
        )
        self.query_one("#load-bar", ProgressBar).update(total=max(total, 1), progress=done)
