"""An article as a reader sees it: title, facts, then its paragraphs.

Drawn lazily with the Line API, like the diff: the preview follows the table's
cursor, and a 100k-word article must not hold up the next key press. Text only
ever becomes segment text, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip

from reader.core.model import Article
from reader.ui.widgets.common.scrolling import ImmediateScrollView
from reader.view.text import article_facts, file_label, safe
from reader.view.wrap import Line, wrap_runs


def preview_lines(article: Article, width: int, words: int | None = None) -> list[Line]:
    """Every row of the preview at ``width`` cells, as (text, role) runs."""
    width = max(10, width)
    lines: list[Line] = []
    lines += wrap_runs([(safe(article.title) or "(untitled)", "title")], width)
    lines += wrap_runs([(" · ".join(article_facts(article, words)), "muted")], width)
    lines += wrap_runs([(file_label(article), "file")], width)
    for number, paragraph in enumerate(article.paragraphs):
        lines.append([])
        runs = []
        if number == 0 and article.lead:
            runs.append((safe(article.lead) + " ", "muted"))  # the dateline, dimmed
        runs.append((paragraph.text.strip(), "boilerplate" if paragraph.is_boilerplate else "text"))
        lines += wrap_runs(runs, width)
    return lines


class ArticlePreview(ImmediateScrollView, can_focus=True):
    """Scrollable preview of one article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_down", "Down", show=False, tooltip="Scroll down", id="preview.down"),
        Binding("j", "scroll_down", "Down", show=False, tooltip="Scroll down", id="preview.down_j"),
        Binding("up", "scroll_up", "Up", show=False, tooltip="Scroll up", id="preview.up"),
        Binding("k", "scroll_up", "Up", show=False, tooltip="Scroll up", id="preview.up_k"),
        Binding(
            "pagedown", "page_down", "Page down", show=False, tooltip="Page down", id="preview.page_down"
        ),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Page up", id="preview.page_up"),
        Binding("home", "scroll_home", "Top", show=False, tooltip="Go to the top", id="preview.home"),
        Binding("end", "scroll_end", "End", show=False, tooltip="Go to the end", id="preview.end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-preview--title",
        "article-preview--muted",
        "article-preview--file",
        "article-preview--boilerplate",
    }

    DEFAULT_CSS = """
    ArticlePreview {
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ArticlePreview > .article-preview--title { text-style: bold; }
    ArticlePreview > .article-preview--muted { color: $text-muted; }
    ArticlePreview > .article-preview--file { color: $text-muted; text-style: italic; }
    ArticlePreview > .article-preview--boilerplate { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self._words: int | None = None
        self._lines: list[Line] = []
        self._width = 0
        self._strips: LRUCache[int, Strip] = LRUCache(256)
        self._styles: dict[str, Style] = {}

    def show(self, article: Article | None, words: int | None = None) -> None:
        if article is self.article:
            return
        self.article = article
        self._words = words
        self._width = 0
        self._layout()
        self.scroll_home(animate=False, immediate=True)

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if not width or (width == self._width and self._lines):
            return
        self._width = width
        self._lines = preview_lines(self.article, width, self._words) if self.article is not None else []
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            style = self.rich_style
            if role != "text":
                style += self.get_component_rich_style(f"article-preview--{role}", partial=True)
            self._styles[role] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        if width != self._width:
            self._layout()
        row = y + round(self.scroll_y)
        if row >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(row)
        if strip is None:
            segments = [Segment(text, self._style(role)) for text, role in self._lines[row]]
            strip = Strip(segments).adjust_cell_length(width, self.rich_style)
            self._strips[row] = strip
        return strip

    @property
    def text(self) -> str:
        """Everything the preview shows, as plain text."""
        return "\n".join("".join(text for text, _ in line) for line in self._lines)
