"""Every key of the screen it was opened from, read from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
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
    "StoryScreen": "Story",
    "StoryMatrix": "Story",
    "BasePicker": "Base picker",
    "Input": "Filter field",
    "ReaderApp": "Everywhere",
}

MOUSE_NOTE = (
    "The mouse works but is never needed: click a row or a column header (sorts), "
    "click a group in the diff to make it current, click a folded line to unfold it, "
    "and scroll with the wheel."
)


# Keys that exist but do nothing useful here (the list moves by rows, the diff never scrolls sideways).
IDLE_ACTIONS = frozenset(
    {"cursor_left", "cursor_right", "scroll_left", "scroll_right", "page_left", "page_right"}
)


# Textual's own keys (focus, copy, quit, the palette) come last, under this title.
GENERIC = "Every Textual app"


def key_rows(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, description)]) for the screen's active bindings: the reader's own
    keys (they all have ids) first, grouped by the part of the screen they belong to (the
    screen, the focused widget, the app), then Textual's generic keys in a section of
    their own."""
    app = screen.app

    def rank(node: object) -> int:
        return 0 if node is screen else 2 if node is app else 1

    actives = sorted(
        screen.active_bindings.values(), key=lambda active: (active.binding.id is None, rank(active.node))
    )
    sections: dict[str, dict[tuple[str, str], list[str]]] = {}
    for active in actives:
        binding = active.binding
        description = binding.tooltip or binding.description
        if not description or binding.action in IDLE_ACTIONS:
            continue
        if binding.id is None:
            section = GENERIC
        else:
            section = SECTION_NAMES.get(type(active.node).__name__, type(active.node).__name__)
        entries = sections.setdefault(section, {})
        entries.setdefault((binding.action, description), []).append(app.get_key_display(binding))
    order = [name for name in SECTION_NAMES.values() if name in sections]
    order += [name for name in sections if name not in order and name != GENERIC]
    order += [GENERIC] if GENERIC in sections else []
    result = []
    for name in dict.fromkeys(order):
        rows = [(", ".join(dict.fromkeys(keys)), text) for (_, text), keys in sections[name].items()]
        result.append((name, rows))
    return result


def help_text(screen: Screen) -> str:
    """The help as plain text (for tests and for anyone who wants to print it)."""
    lines = []
    for section, rows in key_rows(screen):
        lines.append(section)
        lines.extend(f"  {keys}  {description}" for keys, description in rows)
    return "\n".join(lines)


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
    HelpScreen .help-section { text-style: bold; color: $text-accent; margin-top: 1; }
    HelpScreen .help-keys { grid-size: 2; grid-columns: 16 1fr; grid-gutter: 0 2; height: auto; }
    HelpScreen .help-key { text-align: right; text-style: bold; }
    HelpScreen .help-note { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close_q"),
        Binding("question_mark", "dismiss", "Close", show=False, key_display="?", id="help.close_question"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.sections = key_rows(screen)
        # Sections a screen adds of its own: (title, text), e.g. the story view's symbols.
        notes = getattr(screen, "help_notes", None)
        self.notes: list[tuple[str, str]] = notes() if callable(notes) else []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "escape closes"
            for section, rows in self.sections:
                yield Static(Content(section), classes="help-section")
                with Grid(classes="help-keys"):
                    for keys, description in rows:
                        yield Static(Content(keys), classes="help-key")
                        yield Static(Content(description), classes="help-description")
            for title, text in self.notes:
                yield Static(Content(title), classes="help-section")
                yield Static(Content(text), classes="help-note")
            yield Static(Content("Mouse"), classes="help-section")
            yield Static(Content(MOUSE_NOTE), classes="help-note")
            yield Static(
                Content("Every action is also in the command palette (ctrl+p)."), classes="help-note"
            )

    def on_mount(self) -> None:
        self.query_one("#help").focus()
