"""One article full screen, for terminals too narrow to show the preview beside the list."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from reader.core.model import Article
from reader.ui.widgets.common.preview import ArticlePreview


class PreviewScreen(Screen[None]):
    DEFAULT_CSS = """
    PreviewScreen ArticlePreview { height: 1fr; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="preview.back"),
        Binding("q", "app.pop_screen", "Back", show=False, id="preview.back_q"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="preview.help"),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ArticlePreview(id="article")
        yield Footer()

    def on_mount(self) -> None:
        preview = self.query_one(ArticlePreview)
        preview.show(self.article)
        preview.focus()
