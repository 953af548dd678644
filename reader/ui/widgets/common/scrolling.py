"""Scrolling without animation, for the long-text widgets."""

from __future__ import annotations

from textual.scroll_view import ScrollView


class ImmediateScrollView(ScrollView):
    """A ScrollView whose scroll keys move at once: over SSH an animation only delays the text."""

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)
