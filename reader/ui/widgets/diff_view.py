"""The diff body: aligned groups in reading order, drawn lazily with the Line API.

The layout (every row as styled runs) is computed once per width and set of
options by ``reader.view.layout``; drawing turns only the visible rows into
strips, cached, so a 100k-word pair scrolls as smoothly as the seed pair.
Article text only ever becomes ``Segment`` text: it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.core.model import Comparison
from reader.ui.widgets.scrolling import ImmediateScrollView
from reader.view.layout import SIDE_BY_SIDE_MIN_WIDTH, Layout, Options
from reader.view.rows import build_layout

_ROLE_CLASSES = {
    "del": "diff-view--delete",
    "ins": "diff-view--insert",
    "fact-del": "diff-view--fact-delete",
    "fact-ins": "diff-view--fact-insert",
    "typo": "diff-view--typography",
    "boiler": "diff-view--boilerplate",
    "gutter": "diff-view--gutter",
    "gutter-same": "diff-view--gutter",
    "gutter-edit": "diff-view--gutter-edit",
    "gutter-del": "diff-view--gutter-delete",
    "gutter-ins": "diff-view--gutter-insert",
    "gutter-moved": "diff-view--gutter-moved",
    "gutter-fold": "diff-view--gutter",
    "mark": "diff-view--gutter",
    "mark-del": "diff-view--mark-delete",
    "mark-ins": "diff-view--mark-insert",
    "mark-moved": "diff-view--gutter-moved",
    "rule": "diff-view--rule",
    "fold": "diff-view--fold",
    "ghost": "diff-view--ghost",
    "collapsed": "diff-view--collapsed",
    "bar": "diff-view--gutter-bar",
}


# Above this many words (A and B together), layouts are computed in a worker thread.
BACKGROUND_LAYOUT_WORDS = 30_000


@dataclass
class DiffPosition(Message):
    """Where the reader is: the current block and how many changes there are."""

    change: int  # 1-based number of the current change, 0 when not on a change
    changes: int
    side_by_side: bool
    typography: bool
    collapse: bool
    facts: tuple[int, ...] = ()  # the facts (indexes in Comparison.facts) the current block shows


class DiffView(ImmediateScrollView, can_focus=True):
    """Scrollable body of the diff screen, with a current block (highlighted gutter)."""

    # Short descriptions for the footer; the tooltip is the full text for help and the palette.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", "Next", tooltip="Next change", id="diff.next_change"),
        Binding(
            "right_square_bracket",
            "next_change",
            "Next",
            show=False,
            key_display="]",
            tooltip="Next change",
            id="diff.next_change_bracket",
        ),
        Binding(
            "N",
            "previous_change",
            "Prev",
            key_display="N",
            tooltip="Previous change",
            id="diff.previous_change",
        ),
        Binding(
            "left_square_bracket",
            "previous_change",
            "Prev",
            show=False,
            key_display="[",
            tooltip="Previous change",
            id="diff.previous_change_bracket",
        ),
        Binding(
            "f", "next_fact", "Fact", tooltip="Next fact: a credit, number, name or quotation changed",
            id="diff.next_fact",
        ),
        Binding(
            "F",
            "previous_fact",
            "Prev fact",
            show=False,
            key_display="F",
            tooltip="Previous fact: a credit, number, name or quotation changed",
            id="diff.previous_fact",
        ),
        Binding("v", "toggle_view", "Layout", tooltip="Side by side or stacked", id="diff.toggle_view"),
        Binding(
            "z",
            "toggle_fold",
            "Fold",
            tooltip="Unfold or fold the boilerplate run in view",
            id="diff.toggle_fold_z",
        ),
        Binding(
            "enter",
            "toggle_fold",
            "Fold",
            show=False,
            tooltip="Unfold or fold the boilerplate run in view",
            id="diff.toggle_fold",
        ),
        Binding(
            "m",
            "jump_moved",
            "Moved",
            show=False,
            tooltip="Jump between the two places of a moved paragraph",
            id="diff.jump_moved",
        ),
        Binding(
            "t",
            "toggle_typography",
            "Typography",
            show=False,
            tooltip="Show or hide typography-only changes (quotes, dashes, spaces)",
            id="diff.toggle_typography",
        ),
        Binding(
            "c",
            "toggle_collapse",
            "Collapse",
            show=False,
            tooltip="Collapse unchanged paragraphs to one line each, or expand them",
            id="diff.toggle_collapse",
        ),
        Binding("j", "scroll_down", "Down", show=False, tooltip="Scroll down", id="diff.down"),
        Binding("k", "scroll_up", "Up", show=False, tooltip="Scroll up", id="diff.up"),
        Binding("down", "scroll_down", "Down", show=False, tooltip="Scroll down", id="diff.down_arrow"),
        Binding("up", "scroll_up", "Up", show=False, tooltip="Scroll up", id="diff.up_arrow"),
        Binding("pagedown", "page_down", "Page down", show=False, tooltip="Page down", id="diff.page_down"),
        Binding(
            "space", "page_down", "Page down", show=False, tooltip="Page down", id="diff.page_down_space"
        ),
        Binding("pageup", "page_up", "Page up", show=False, tooltip="Page up", id="diff.page_up"),
        Binding("home", "scroll_home", "Top", show=False, tooltip="Go to the top", id="diff.home"),
        Binding("end", "scroll_end", "End", show=False, tooltip="Go to the end", id="diff.end"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *_ROLE_CLASSES.values(),
        "diff-view--gutter-current",
    }

    # Not scoped: the rules for 16 colours and no colour start from the App's pseudo-classes.
    SCOPED_CSS = False

    DEFAULT_CSS = """
    DiffView {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        background: $background;
    }
    DiffView:focus { background-tint: $foreground 0%; }
    DiffView > .diff-view--delete { color: $text-error; background: $error-muted; text-style: strike; }
    DiffView > .diff-view--insert { color: $text-success; background: $success-muted; text-style: underline; }
    DiffView > .diff-view--fact-delete {
        color: $text-error; background: $error-muted; text-style: bold strike;
    }
    DiffView > .diff-view--fact-insert {
        color: $text-success; background: $success-muted; text-style: bold underline;
    }
    DiffView > .diff-view--typography { color: $text-warning; text-style: dim; }
    DiffView > .diff-view--boilerplate { color: $foreground 55%; text-style: italic; }
    DiffView > .diff-view--gutter { color: $foreground 55%; }
    DiffView > .diff-view--gutter-edit { color: $text-primary; }
    DiffView > .diff-view--gutter-delete { color: $text-error; }
    DiffView > .diff-view--gutter-insert { color: $text-success; }
    DiffView > .diff-view--gutter-moved { color: $text-warning; }
    DiffView > .diff-view--gutter-current { background: $primary 40%; text-style: bold; }
    DiffView > .diff-view--gutter-bar { color: $primary; }
    DiffView > .diff-view--mark-delete { color: $text-error; text-style: bold; }
    DiffView > .diff-view--mark-insert { color: $text-success; text-style: bold; }
    DiffView > .diff-view--rule { color: $panel-lighten-2; }
    DiffView > .diff-view--fold { color: $foreground 55%; text-style: italic; }
    DiffView > .diff-view--ghost { color: $text-warning; text-style: italic; }
    DiffView > .diff-view--collapsed { color: $foreground 55%; }

    /* In the 16 ANSI colours, tinted backgrounds turn into solid blocks: colour the words only. */
    App:ansi DiffView > .diff-view--delete { background: transparent; color: ansi_red; }
    App:ansi DiffView > .diff-view--insert { background: transparent; color: ansi_green; }
    App:ansi DiffView > .diff-view--fact-delete { background: transparent; color: ansi_red; }
    App:ansi DiffView > .diff-view--fact-insert { background: transparent; color: ansi_green; }
    App:ansi DiffView > .diff-view--gutter-current { background: transparent; text-style: bold reverse; }
    App:ansi DiffView > .diff-view--rule { color: ansi_bright_black; }
    /* Without colour, the current block still needs to stand out. */
    App:nocolor DiffView > .diff-view--gutter-current { text-style: bold reverse; }
    """

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
        changes = [n for n, block in enumerate(layout.blocks) if block.change]
        self.current = changes[0] if changes else 0
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
        new_top = 0
        current_key = old.blocks[self.current].key if old.blocks and self.current < len(old.blocks) else None
        if old.blocks:
            # Anchor on the current block when it is on screen, else on the top one.
            index = self.current if current_key is not None else old.block_at(top)
            if not (old.starts[index] < bottom and old.ends[index] > top):
                index = old.block_at(top)
            start, span = old.starts[index], max(1, old.ends[index] - old.starts[index])
            new_index = layout.find(old.blocks[index].key)
            if new_index is not None:
                new_start = layout.starts[new_index]
                new_span = max(1, layout.ends[new_index] - new_start)
                if top <= start:
                    # Same place on screen, in proportion, but never in the bottom two thirds
                    # of a shorter view, so that the block stays readable.
                    seen, view = bottom - top, max(1, self.scrollable_content_region.height)
                    new_top = new_start - min(round((start - top) * view / max(1, seen)), view // 3)
                else:
                    new_top = new_start + min(new_span - 1, round((top - start) / span * new_span))
        if current_key is not None:
            self.current = layout.find(current_key) or 0
        self._install(layout, max(0, new_top))
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
            base = self.rich_style
            name = _ROLE_CLASSES.get(role)
            style = base + self.get_component_rich_style(name, partial=True) if name else base
            if current and role.startswith("gutter"):
                style += self.get_component_rich_style("diff-view--gutter-current", partial=True)
            self._styles[key] = style
        return style

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
            segments = []
            for text, role in layout.rows[row]:
                if current and role.startswith("gutter") and not text.strip():
                    # Rows of the current block below its label: a bar marks its extent.
                    segments.append(Segment("▌", self._style("bar", False)))
                    segments.append(Segment(text[1:], self._style(role, False)))
                else:
                    segments.append(Segment(text, self._style(role, current)))
            strip = Strip(segments).adjust_cell_length(width, self.rich_style)
            self._strips[row] = strip
        return strip

    # -- events ---------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        layout = self.diff_layout
        if (
            layout is not None
            and self.text_width
            and (layout.width != self.text_width or layout.options != self.options())
        ):
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
        bottom = top + self.scrollable_content_region.height
        start, end = layout.starts[self.current], layout.ends[self.current]
        if end <= top or start >= bottom:
            # The current block scrolled away: the first block on screen takes over.
            index = layout.block_at(top)
            if layout.ends[index] <= top and index + 1 < len(layout.blocks):
                index += 1
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
        layout = self.diff_layout
        if layout is None:
            return
        changes = [n for n, block in enumerate(layout.blocks) if block.change]
        number = changes.index(self.current) + 1 if self.current in changes else 0
        facts = layout.blocks[self.current].facts if 0 <= self.current < len(layout.blocks) else ()
        self.post_message(
            DiffPosition(
                number, len(changes), layout.options.side_by_side, self.typography, self.collapse, facts
            )
        )

    def _go_to(self, index: int) -> None:
        """Make a block current and bring it to the top of the view (one row of context above)."""
        assert self.diff_layout is not None
        self._set_current(index)
        start = self.diff_layout.starts[index]
        height = self.diff_layout.ends[index] - start
        view = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not (start >= top and start + min(height, view) <= top + view) or height > view:
            self.scroll_to(y=max(0, start - 1), animate=False, immediate=True)
        self._set_current(index)

    def go_to_group(self, group: int) -> None:
        """Make the block showing a group (index in ``Comparison.groups``) current and bring it
        into view: the story view opens the diff at a paragraph this way."""
        layout = self.diff_layout
        if layout is None:
            return
        index = next(
            (n for n, block in enumerate(layout.blocks) if block.kind != "ghost" and group in block.groups),
            None,
        )
        if index is None:
            return
        if self._target_top is not None:
            # A layout was just installed: its pending scroll must land on this block, not the top.
            self._target_top = max(0, layout.starts[index] - 1)
        self._go_to(index)

    # -- actions --------------------------------------------------------------

    def action_next_change(self) -> None:
        if self.diff_layout is None:
            return
        for index in range(self.current + 1, len(self.diff_layout.blocks)):
            if self.diff_layout.blocks[index].change:
                self._go_to(index)
                return
        self.notify("No more changes below.", timeout=2)

    def action_previous_change(self) -> None:
        if self.diff_layout is None:
            return
        for index in range(min(self.current, len(self.diff_layout.blocks)) - 1, -1, -1):
            if self.diff_layout.blocks[index].change:
                self._go_to(index)
                return
        self.notify("No more changes above.", timeout=2)

    def action_next_fact(self) -> None:
        self._step_fact(1)

    def action_previous_fact(self) -> None:
        self._step_fact(-1)

    def _step_fact(self, step: int) -> None:
        layout = self.diff_layout
        if layout is None:
            return
        with_facts = [n for n, block in enumerate(layout.blocks) if block.facts]
        if not with_facts:
            self.notify("No facts in this pair: no credit, number, name or quotation changed.", timeout=3)
            return
        ahead = [n for n in with_facts if (n > self.current if step > 0 else n < self.current)]
        if not ahead:
            self.notify("No more facts " + ("below." if step > 0 else "above."), timeout=2)
            return
        self._go_to(ahead[0] if step > 0 else ahead[-1])

    def action_toggle_view(self) -> None:
        self.view_mode = "stacked" if self.side_by_side else "side"

    def action_toggle_typography(self) -> None:
        self.typography = not self.typography
        self.notify(
            "Typography-only changes shown (dimmed)."
            if self.typography
            else "Typography-only changes hidden.",
            timeout=2,
        )

    def action_toggle_collapse(self) -> None:
        self.collapse = not self.collapse

    def action_toggle_fold(self) -> None:
        layout = self.diff_layout
        if layout is None or not layout.blocks:
            return
        folds = [n for n, block in enumerate(layout.blocks) if block.kind == "fold"]
        if not folds:
            self.notify("No boilerplate in this pair.", timeout=2)
            return
        if self.current in folds:
            index = self.current
        else:
            top = round(self.scroll_y)
            bottom = top + self.scrollable_content_region.height
            on_screen = [n for n in folds if layout.starts[n] < bottom and layout.ends[n] > top]
            # None on screen: go to the next run of boilerplate (they are few) and open it.
            later = [n for n in folds if n > self.current]
            index = (on_screen or later or folds)[0]
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
        block = layout.blocks[self.current]
        if block.kind == "ghost" and block.target is not None:
            target = layout.find(block.target)
            if target is not None:
                self._go_to(target)
                return
        ghosts = [n for n, b in enumerate(layout.blocks) if b.kind == "ghost"]
        if block.moved and block.kind != "ghost":
            mine = [n for n in ghosts if layout.blocks[n].target == block.key]
            if mine:
                self._moved_cycle = (self._moved_cycle + 1) % len(mine)
                self._go_to(mine[self._moved_cycle - 1] if len(mine) > 1 else mine[0])
                return
        moved = [n for n, b in enumerate(layout.blocks) if b.moved and b.kind != "ghost"]
        if not moved:
            self.notify("No moved paragraphs in this pair.", timeout=2)
            return
        after = [n for n in moved if n > self.current]
        self._go_to(after[0] if after else moved[0])
