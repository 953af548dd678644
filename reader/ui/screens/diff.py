"""The diff of two articles: header, aligned groups, keys to move through the changes."""

from __future__ import annotations

from time import perf_counter
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator

from reader.core.failures import failed
from reader.core.model import Article, Comparison
from reader.ui.messages import CompareDone, CompareFailed
from reader.ui.widgets.common.status_line import StatusLine
from reader.ui.widgets.diff.diff_header import DiffHeader
from reader.ui.widgets.diff.diff_view import DiffPosition, DiffView
from reader.view.layout import Options
from reader.view.rows import build_layout
from reader.view.runs import FACT_MARK
from reader.view.text import safe
from reader.view.words import fact_words


class DiffScreen(Screen[None]):
    CSS_PATH = "diff.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "swap", "Swap", tooltip="Swap A and B", id="diff.swap"),
        Binding("escape", "back", "Back", tooltip="Back to the list", id="diff.back"),
        Binding("q", "back", "Back", show=False, tooltip="Back to the list", id="diff.back_q"),
        Binding(
            "question_mark", "app.help", "Help", key_display="?", tooltip="Show every key", id="diff.help"
        ),
    ]

    def __init__(
        self, a: Article, b: Article, *, comparison: Comparison | None = None, group: int | None = None
    ) -> None:
        """``comparison``: of ``a`` with ``b`` when already made (the story view has one per copy);
        ``group``: the index of the group to show first."""
        super().__init__()
        self.a, self.b = a, b
        self.comparison: Comparison | None = None
        self._given = comparison
        self._start_group = group
        self.compare_seconds: float | None = None
        self.started = perf_counter()
        self._place: tuple[frozenset[int], frozenset[int]] | None = None  # kept across a swap

    def compose(self) -> ComposeResult:
        yield DiffHeader(self.a, self.b, id="diff-header")
        yield StatusLine(id="diff-status")
        yield DiffView(id="diff")
        yield LoadingIndicator(id="diff-loading")
        yield Footer()

    @property
    def view(self) -> DiffView:
        return self.query_one("#diff", DiffView)

    def on_mount(self) -> None:
        self.view.display = False
        self._start()

    def _start(self) -> None:
        self.comparison = None
        self.started = perf_counter()
        self.query_one("#diff-loading").display = True
        self.query_one("#diff-header", DiffHeader).set_articles(self.a, self.b, None)
        self.query_one("#diff-status", StatusLine).show(Content(""))
        view = self.view
        view.display = False
        # The view is hidden while comparing; it will get the terminal's full width, less its
        # scrollbar. Reading the app's size, not the view's, lets the worker start before layout.
        width = max(20, self.app.size.width - 1)
        self.compute(self.a, self.b, width, view.options(), self._given)

    @work(thread=True, exclusive=True, group="compare")
    def compute(
        self, a: Article, b: Article, width: int, options: Options, given: Comparison | None = None
    ) -> None:
        from reader.core.compare import compare

        started = perf_counter()
        try:
            comparison = given if given is not None and given.a is a and given.b is b else compare(a, b)
            layout = build_layout(comparison, width, options)
        except Exception as error:  # never let a core failure take the app down
            self.post_message(CompareFailed(failed(error)))
            return
        self.post_message(CompareDone(comparison, layout, perf_counter() - started))

    def on_compare_done(self, message: CompareDone) -> None:
        comparison = message.comparison
        assert isinstance(comparison, Comparison)
        if comparison.a is not self.a or comparison.b is not self.b:
            return  # a result for the pair before a swap
        self.comparison = comparison
        self.compare_seconds = message.seconds
        self.query_one("#diff-loading").display = False
        self.query_one("#diff-header", DiffHeader).set_articles(self.a, self.b, comparison)
        view = self.view
        view.display = True
        view.show(comparison, message.layout)  # type: ignore[arg-type]
        if self._start_group is not None:
            view.go_to_group(self._start_group)
            self._start_group = None
        elif self._place is not None:
            view.go_to_group(_group_seen_from_b(comparison, *self._place))
            self._place = None
        view.focus()
        self.refresh_bindings()

    def on_compare_failed(self, message: CompareFailed) -> None:
        self.app.notify(
            f"Could not compare these two articles: {message.reason}",
            severity="error",
            timeout=10,
            markup=False,
        )
        self.dismiss()

    def on_diff_position(self, message: DiffPosition) -> None:
        parts: list[tuple[str, str] | str] = []
        if message.changes:
            where = (
                f"change {message.change} of {message.changes}"
                if message.change
                else f"{message.changes} change{'s' if message.changes != 1 else ''}"
            )
        elif self.comparison is not None and not self.comparison.summary.related:
            where = "separate reports, read in parallel"
        else:
            where = "no changes"
        parts.append((where, "bold"))
        parts.append(("  ·  " + ("side by side" if message.side_by_side else "stacked"), "$text-muted"))
        parts.append(("  ·  typography " + ("shown" if message.typography else "hidden"), "$text-muted"))
        if message.collapse:
            parts.append(("  ·  unchanged collapsed", "$text-muted"))
        if message.facts and self.comparison is not None:
            facts = [self.comparison.facts[k] for k in message.facts if k < len(self.comparison.facts)]
            said = "; ".join(safe(fact_words(f, limit=60)) for f in facts)
            parts.append((f"\n{FACT_MARK} {said}", "bold"))
        self.query_one("#diff-status", StatusLine).show(Content.assemble(*parts))

    def say(self, text: str) -> None:
        """Passing information, in the status line (it covers nothing there)."""
        self.query_one("#diff-status", StatusLine).say(text)

    def action_swap(self) -> None:
        # The reader keeps their place: the group in view is the same paragraphs seen
        # from the other side (A's become B's), wherever it falls in the new order.
        self._place = self._current_paragraphs()
        self.a, self.b = self.b, self.a
        self._start()

    def _current_paragraphs(self) -> tuple[frozenset[int], frozenset[int]] | None:
        view = self.view
        layout, comparison = view.diff_layout, self.comparison
        if layout is None or comparison is None or not layout.blocks:
            return None
        groups = layout.blocks[min(view.current, len(layout.blocks) - 1)].groups
        if not groups or groups[0] is None or not isinstance(groups[0], int):
            return None
        group = comparison.groups[groups[0]]
        return frozenset(group.a), frozenset(group.b)

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "swap" and self.comparison is None:
            return None  # shown but disabled while comparing
        return True


def _group_seen_from_b(comparison: Comparison, a: frozenset[int], b: frozenset[int]) -> int:
    """The group of a swapped comparison holding the paragraphs a group held before the
    swap (its A paragraphs now B's): the one sharing the most of them, else the first."""

    def shared(n: int) -> int:
        group = comparison.groups[n]
        return len(b & set(group.a)) + len(a & set(group.b))

    return max(range(len(comparison.groups)), key=shared, default=0)
