"""`b` in the story view: pick which of the story's articles is the base."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.view.text import file_label, safe
from reader.view.wrap import truncate


def option_content(article: Article, *, base: bool, original: bool, width: int) -> Content:
    """One article on two lines: its name and facts, then its title; which is base and original."""
    facts = [safe(f) for f in (article.agency, article.outlet) if f]
    facts.append(f"{article.words:,} words")
    tags = []
    if base:
        tags.append(("  base", "bold $text-accent"))
    if original:
        tags.append(("  likely original", "$text-success"))
    name = file_label(article)
    head = Content.assemble(
        ("● " if base else "  ", "bold"), (name, "bold"), ("  " + " · ".join(facts), "$text-muted"), *tags
    )
    title = truncate(safe(article.title) or "(untitled)", max(10, width - 4))
    return Content("\n").join([head, Content.assemble(("  " + title, ""))])


class BasePicker(ModalScreen[Article | None]):
    """The story's articles, the current base first marked; `enter` makes one the base."""

    DEFAULT_CSS = """
    BasePicker { align: center middle; }
    BasePicker > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 80%;
        border: round $primary;
        border-title-align: center;
        border-subtitle-align: center;
        background: $surface;
    }
    BasePicker OptionList { border: none; height: auto; max-height: 100%; background: $surface; }
    BasePicker OptionList:focus { border: none; }
    /* Textual's option lists cannot reverse, the 16 colours' cursor: the lines keep their colours. */
    BasePicker:ansi OptionList > .option-list--option-highlighted { text-style: bold underline; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="base.cancel"),
        Binding("q", "dismiss", "Cancel", show=False, id="base.cancel_q"),
    ]

    def __init__(self, articles: Sequence[Article], base: Article, original: Article) -> None:
        super().__init__()
        self.articles = list(articles)
        self.base = base
        self.original = original

    def compose(self) -> ComposeResult:
        width = min(100, self.app.size.width * 9 // 10) - 4
        options = [
            Option(
                option_content(a, base=a is self.base, original=a is self.original, width=width), id=str(n)
            )
            for n, a in enumerate(self.articles)
        ]
        with Vertical() as frame:
            frame.border_title = "Base of the story"
            frame.border_subtitle = "enter picks · escape cancels"
            yield OptionList(*options, id="base-options")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = next(n for n, a in enumerate(self.articles) if a is self.base)
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.articles[event.option_index])
