"""The files that could not be read, one line each: `path: reason`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.core.model import Problem
from reader.view.text import display_path, safe


def problems_content(problems: Sequence[Problem], roots: Sequence[Path] = ()) -> Content:
    if not problems:
        return Content.assemble(("Every file was read.", "$text-muted"))
    count = len(problems)
    lines = [Content.assemble((f"{count} file{'s' if count != 1 else ''} could not be read:", "bold"), "\n")]
    for problem in problems:
        lines.append(
            Content.assemble((display_path(problem.path, roots), "$text-warning"), ": ", safe(problem.reason))
        )
    return Content("\n").join(lines)


class ProblemsScreen(Screen[None]):
    DEFAULT_CSS = """
    ProblemsScreen VerticalScroll { height: 1fr; padding: 1 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="problems.back"),
        Binding("q", "app.pop_screen", "Back", show=False, id="problems.back_q"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="problems.help"),
    ]

    def __init__(self, problems: Sequence[Problem], roots: Sequence[Path] = ()) -> None:
        super().__init__()
        self.problems = list(problems)
        self.roots = list(roots)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems"):
            yield Static(problems_content(self.problems, self.roots), id="problems-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#problems").focus()
