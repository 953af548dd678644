"""An article as a reader sees it: title, facts, then its paragraphs."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.core.model import Article
from reader.ui.text import article_facts, file_label, safe


def preview_content(article: Article) -> Content:
    """The article as Content: plain text parts with styles, never markup."""
    parts: list[tuple[str, str] | str] = [
        (safe(article.title) or "(untitled)", "bold"),
        "\n",
        (" · ".join(article_facts(article)), "$text-muted"),
        "\n",
        (file_label(article), "$text-muted italic"),
        "\n",
    ]
    for number, paragraph in enumerate(article.paragraphs):
        parts.append("\n")
        if number == 0 and article.lead:
            parts.append((safe(article.lead) + " ", "$text-muted"))
        text = paragraph.text.strip()
        if paragraph.is_boilerplate:
            parts.append((text, "$text-muted italic"))
        else:
            parts.append(text)
        parts.append("\n")
    return Content.assemble(*parts)


class ArticlePreview(VerticalScroll, can_focus=True):
    """Scrollable preview of one article."""

    DEFAULT_CSS = """
    ArticlePreview {
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    ArticlePreview > Static { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None

    def compose(self):
        yield Static(Content(""), id="preview-text")

    def show(self, article: Article | None) -> None:
        if article is self.article:
            return
        self.article = article
        text = self.query_one("#preview-text", Static)
        text.update(preview_content(article) if article is not None else Content(""))
        self.scroll_home(animate=False)
