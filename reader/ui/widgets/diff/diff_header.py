"""The top of the diff screen: which article is A, which is B, and the verdict."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.core.model import Article, Comparison
from reader.view.text import file_label, safe
from reader.view.words import facts_line, verdict
from reader.view.wrap import cell_width, truncate


def _article_line(letter: str, article: Article, width: int) -> Content:
    facts = [safe(f) for f in (article.agency, article.outlet) if f]
    facts.append(f"{article.words:,} words")
    facts.append(file_label(article))
    tail = " · ".join(facts)
    title = safe(article.title) or "(untitled)"
    room = width - 4 - cell_width(tail) - 2
    if cell_width(title) > room:
        # The title gives way first (down to 16 cells), then the facts.
        title = truncate(title, max(16, room))
        tail = truncate(tail, max(0, width - 4 - cell_width(title) - 2))
    style = "$text-error" if letter == "A" else "$text-success"
    return Content.assemble(
        (f" {letter} ", f"bold reverse {style}"),
        " ",
        (title, "bold"),
        "  ",
        (tail, "$text-muted"),
    )


def header_content(comparison: Comparison | None, a: Article, b: Article, width: int) -> Content:
    lines = [_article_line("A", a, width), _article_line("B", b, width)]
    if comparison is None:
        lines.append(Content.assemble(("Comparing…", "$text-muted italic")))
    else:
        summary = comparison.summary
        style = "bold" if summary.related else "bold $text-warning"
        # The verdict wraps rather than lose its end on a narrow terminal.
        lines.append(Content.assemble((safe(verdict(summary)), style)))
        if comparison.facts:
            lines.append(Content.assemble(("‼ " + safe(facts_line(comparison.facts)), "bold $text-warning")))
    return Content("\n").join(lines)


class DiffHeader(Static):
    """A, B, the summary verdict of the comparison and, when there are, its facts."""

    DEFAULT_CSS = """
    DiffHeader {
        height: auto;
        padding: 0 1 0 0;
        background: $panel;
    }
    """

    def __init__(self, a: Article, b: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.a, self.b = a, b
        self.comparison: Comparison | None = None

    def set_articles(self, a: Article, b: Article, comparison: Comparison | None) -> None:
        self.a, self.b, self.comparison = a, b, comparison
        self._redraw()

    def on_mount(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        width = self.content_region.width or self.app.size.width
        self.update(header_content(self.comparison, self.a, self.b, width))
