"""Every key of the screen it was opened from, read from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

SECTION_NAMES = {
    "DiffView": "Diff",
    "DiffScreen": "Diff",
    "ArticleTable": "Article list",
    "ListScreen": "Article list",
    "ArticlePreview": "Preview",
    "PreviewScreen": "Preview",
    "ProblemsScreen": "Problems",
    "Input": "Filter field",
    "ReaderApp": "Everywhere",
}

MOUSE_NOTE = (
    "The mouse works but is never needed: click a row or a column header (sorts), "
    "click a group in the diff to make it current, click a folded line to unfold it, "
    "and scroll with the wheel."
)


def key_rows(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, description)]) for the screen's active bindings, in binding order."""
    app = screen.app
    sections: dict[str, dict[tuple[str, str], list[str]]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        description = binding.tooltip or binding.description
        if not description:
            continue
        section = SECTION_NAMES.get(type(active.node).__name__, type(active.node).__name__)
        entries = sections.setdefault(section, {})
        entries.setdefault((binding.action, description), []).append(app.get_key_display(binding))
    order = [name for name in SECTION_NAMES.values() if name in sections]
    order += [name for name in sections if name not in order]
    result = []
    for name in dict.fromkeys(order):
        rows = [(", ".join(dict.fromkeys(keys)), text) for (_, text), keys in sections[name].items()]
        result.append((name, rows))
    return result


def help_content(screen: Screen) -> Content:
    parts: list[Content] = []
    for section, rows in key_rows(screen):
        parts.append(Content.assemble((section, "bold $text-accent")))
        width = max(len(keys) for keys, _ in rows)
        for keys, description in rows:
            parts.append(Content.assemble(("  " + keys.rjust(width), "bold"), "   ", description))
        parts.append(Content(""))
    parts.append(Content.assemble(("Mouse", "bold $text-accent")))
    parts.append(Content.assemble(("  " + MOUSE_NOTE, "$text-muted")))
    parts.append(Content(""))
    parts.append(Content.assemble(("Every action is also in the command palette (ctrl+p).", "$text-muted")))
    return Content("\n").join(parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 90;
        height: 90%;
        border: round $primary;
        border-title-align: center;
        border-subtitle-align: center;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close_q"),
        Binding("question_mark", "dismiss", "Close", show=False, key_display="?", id="help.close_question"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.content = help_content(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "escape closes"
            yield Static(self.content, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help").focus()
