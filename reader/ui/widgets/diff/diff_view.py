"""The diff body: aligned groups in reading order, drawn lazily with the Line API.

The layout (every row as styled runs) is computed once per width and set of
options by ``reader.view.layout``; drawing turns only the visible rows into
strips, cached, so a 100k-word pair scrolls as smoothly as the seed pair.
Article text only ever becomes ``Segment`` text: it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from textual import events, work
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.core.model import Comparison
from reader.ui.widgets.common.scrolling import ImmediateScrollView
from reader.ui.widgets.common.status_line import say
from reader.view.layout import SIDE_BY_SIDE_MIN_WIDTH, Layout, Options
from reader.view.rows import build_layout

from .keys import DIFF_BINDINGS
from .navigation import (
    block_of_group,
    block_taking_over,
    change_blocks,
    fact_blocks,
    first_change,
    fold_to_toggle,
    moved_partner,
    step_among,
)
from .painting import DIFF_COMPONENT_CLASSES, DIFF_CSS, role_style, row_segments
from .placement import kept_place, scroll_to_show
from .position import DiffPosition, position_in

# The diff screen imports the message from here, with the widget that posts it.
__all__ = ["DiffPosition", "DiffView"]

# Above this many words (A and B together), layouts are computed in a worker thread.
BACKGROUND_LAYOUT_WORDS = 30_000


class DiffView(ImmediateScrollView, can_focus=True):
    """Scrollable body of the diff screen, with a current block (highlighted gutter)."""

    BINDINGS: ClassVar[list[BindingType]] = DIFF_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = DIFF_COMPONENT_CLASSES

    # Not scoped: the rules for 16 colours and no colour start from the App's pseudo-classes.
    SCOPED_CSS = False

    DEFAULT_CSS = DIFF_CSS  # beside the roles it styles

    view_mode: reactive[str] = reactive("auto", init=False)  # auto | side | stacked
    typography: reactive[bool] = reactive(False, init=False)
    collapse: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.comparison: Comparison | None = None
        self.diff_layout: Layout | None = None
        self.unfolded: set[int] = set()
        self.current: int = 0  # block index in the layout
        self._styles: dict[tuple[str, bool], Style] = {}
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._moved_cycle = 0
        self._target_top: int | None = None  # where a new layout must end up scrolled to
        self._seen_height = 0  # rows last drawn: on a resize, what the reader saw before it

    # -- state ----------------------------------------------------------------

    @property
    def side_by_side(self) -> bool:
        if self.view_mode == "side":
            return True
        if self.view_mode == "stacked":
            return False
        return self.app.size.width >= SIDE_BY_SIDE_MIN_WIDTH

    @property
    def text_width(self) -> int:
        """Width available to rows: the widget minus its (always shown) scrollbar; 0 before layout."""
        return self.scrollable_content_region.width

    def options(self) -> Options:
        return Options(self.side_by_side, self.typography, self.collapse, frozenset(self.unfolded), keys=True)

    def show(self, comparison: Comparison, layout: Layout | None = None) -> None:
        """Display a comparison (``layout`` may have been computed in a worker)."""
        self.comparison = comparison
        self.unfolded.clear()
        self.current = 0
        width = self.text_width
        if layout is None or (width and (layout.width != width or layout.options != self.options())):
            layout = build_layout(comparison, width or 80, self.options())
        self._install(layout, top=0)
        self.current = first_change(layout)
        self._post_position()

    def clear(self) -> None:
        self.comparison = None
        self.diff_layout = None
        self.virtual_size = Size(0, 0)
        self._strips.clear()
        self.refresh()

    def _install(self, layout: Layout, top: int) -> None:
        self.diff_layout = layout
        self._strips.clear()
        self.virtual_size = Size(layout.width, layout.height)
        # Right after a resize the scroll limits still reflect the old size: scroll again
        # once the new size is in, and do not let the interim position move the current block.
        self._target_top = top
        self.scroll_to(y=top, animate=False, force=True, immediate=True)
        self.call_after_refresh(self._settle_scroll)
        self.refresh()

    def _settle_scroll(self) -> None:
        top = self._target_top
        self._target_top = None
        if top is not None and round(self.scroll_y) != top:
            self.scroll_to(y=top, animate=False, force=True, immediate=True)

    def relayout(self, then: Callable[[], None] | None = None) -> None:
        """Lay out again (new width or options), keeping the reader's place, then call ``then``.

        Long comparisons are laid out in a worker thread, the old layout staying on
        screen meanwhile, so that `v` or a resize never freezes the keyboard.
        """
        comparison = self.comparison
        width = self.text_width
        if comparison is None or self.diff_layout is None or not width:
            return
        options = self.options()
        if comparison.a.words + comparison.b.words > BACKGROUND_LAYOUT_WORDS:
            self._layout_in_background(comparison, width, options, then)
        else:
            self._install_keeping_place(build_layout(comparison, width, options), then)

    @work(thread=True, exclusive=True, group="layout")
    def _layout_in_background(
        self, comparison: Comparison, width: int, options: Options, then: Callable[[], None] | None
    ) -> None:
        layout = build_layout(comparison, width, options)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._install_keeping_place, layout, then)

    def _install_keeping_place(self, layout: Layout, then: Callable[[], None] | None = None) -> None:
        old = self.diff_layout
        if old is None or self.comparison is None or layout.options != self.options():
            return  # options changed again meanwhile: a newer layout is on its way
        top = round(self.scroll_y)
        # The height the reader saw (on a resize the region already has the new one).
        bottom = top + (self._seen_height or self.scrollable_content_region.height)
        new_top, self.current = kept_place(
            old, layout, self.current, top, bottom, self.scrollable_content_region.height
        )
        self._install(layout, new_top)
        self._post_position()
        if then is not None:
            then()

    # -- drawing --------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, role: str, current: bool) -> Style:
        key = (role, current)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = role_style(role, current, self.rich_style, self._component_style)
        return style

    def _component_style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        layout = self.diff_layout
        if y == 0 and layout is not None and layout.width == width:
            # Only drawings of the current layout count: a resize draws once at the new
            # size before the widget hears of it.
            self._seen_height = self.scrollable_content_region.height
        row = y + round(self.scroll_y)
        if layout is None or row >= layout.height:
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(row)
        if strip is None:
            current = layout.block_at(row) == self.current and row < layout.ends[self.current]
            segments = row_segments(layout.rows[row], current, self._style)
            strip = Strip(segments).adjust_cell_length(width, self.rich_style)
            self._strips[row] = strip
        return strip

    # -- events ---------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        layout, width = self.diff_layout, self.text_width
        if layout is not None and width and (layout.width != width or layout.options != self.options()):
            self.relayout()

    def watch_view_mode(self) -> None:
        self.relayout()

    def watch_typography(self) -> None:
        self.relayout()

    def watch_collapse(self) -> None:
        self.relayout()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        layout = self.diff_layout
        if layout is None or not layout.blocks or self._target_top is not None:
            return
        top = round(new_value)
        index = block_taking_over(layout, self.current, top, top + self.scrollable_content_region.height)
        if index is not None:
            self._set_current(index)

    def on_click(self, event: events.Click) -> None:
        if self.diff_layout is None or not self.diff_layout.blocks:
            return
        row = event.y + round(self.scroll_y)
        if row < self.diff_layout.height:
            index = self.diff_layout.block_at(row)
            self._set_current(index)
            if self.diff_layout.blocks[index].kind == "fold" and row == self.diff_layout.starts[index]:
                self.action_toggle_fold()

    def _set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self._strips.clear()
            self.refresh()
            self._post_position()

    def _post_position(self) -> None:
        if self.diff_layout is not None:
            self.post_message(position_in(self.diff_layout, self.current, self.typography, self.collapse))

    def _go_to(self, index: int) -> None:
        """Make a block current and bring it to the top of the view (one row of context above)."""
        assert self.diff_layout is not None
        self._set_current(index)
        top = scroll_to_show(
            self.diff_layout, index, round(self.scroll_y), self.scrollable_content_region.height
        )
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True)
        self._set_current(index)

    def go_to_group(self, group: int) -> None:
        """Make the block showing a group (index in ``Comparison.groups``) current and bring it
        into view: the story view opens the diff at a paragraph this way."""
        layout = self.diff_layout
        if layout is None:
            return
        index = block_of_group(layout, group)
        if index is None:
            return
        if self._target_top is not None:
            # A layout was just installed: its pending scroll must land on this block, not the top.
            self._target_top = max(0, layout.starts[index] - 1)
        self._go_to(index)

    # -- actions --------------------------------------------------------------

    def action_next_change(self) -> None:
        self._step_change(1)

    def action_previous_change(self) -> None:
        self._step_change(-1)

    def action_next_fact(self) -> None:
        self._step_fact(1)

    def action_previous_fact(self) -> None:
        self._step_fact(-1)

    def _step_change(self, step: int) -> None:
        if self.diff_layout is not None:
            self._step(change_blocks(self.diff_layout), step, "changes")

    def _step_fact(self, step: int) -> None:
        if self.diff_layout is None:
            return
        with_facts = fact_blocks(self.diff_layout)
        if not with_facts:
            say(self, "No facts in this pair: no credit, number, name or quotation changed.")
            return
        self._step(with_facts, step, "facts")

    def _step(self, stops: list[int], step: int, what: str) -> None:
        """Go to the next of ``stops`` (``step`` > 0) or the previous one, or say there is none."""
        index = step_among(stops, self.current, step)
        if index is None:
            say(self, f"No more {what} " + ("below." if step > 0 else "above."))
        else:
            self._go_to(index)

    def action_toggle_view(self) -> None:
        self.view_mode = "stacked" if self.side_by_side else "side"

    def action_toggle_typography(self) -> None:
        # The status line says "typography shown" or "hidden": no note needed.
        self.typography = not self.typography

    def action_toggle_collapse(self) -> None:
        self.collapse = not self.collapse

    def action_toggle_fold(self) -> None:
        layout = self.diff_layout
        if layout is None or not layout.blocks:
            return
        top = round(self.scroll_y)
        index = fold_to_toggle(layout, self.current, top, top + self.scrollable_content_region.height)
        if index is None:
            say(self, "No boilerplate in this pair.")
            return
        first = layout.blocks[index].groups[0]
        self.unfolded.symmetric_difference_update({first})
        self.current = index

        def go_to_fold() -> None:
            assert self.diff_layout is not None
            folded = self.diff_layout.find(("fold", first))
            if folded is not None:
                self._go_to(folded)

        self.relayout(then=go_to_fold)

    def action_jump_moved(self) -> None:
        layout = self.diff_layout
        if layout is None or not layout.blocks:
            return
        target, self._moved_cycle = moved_partner(layout, self.current, self._moved_cycle)
        if target is None:
            say(self, "No moved paragraphs in this pair.")
            return
        self._go_to(target)
