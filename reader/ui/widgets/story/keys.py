"""The keys of the story matrix, with ids (for user keymaps) and descriptions: short ones
for the footer, the tooltip in full for the help screen and the palette."""

from __future__ import annotations

from textual.binding import Binding, BindingType

STORY_BINDINGS: list[BindingType] = [
    Binding(
        "enter", "select", "Open", key_display="⏎", tooltip="Open the diff at this cell", id="story.open"
    ),
    Binding("down", "cell_down", "Down", show=False, tooltip="Next paragraph", id="story.down"),
    Binding("j", "cell_down", "Down", show=False, tooltip="Next paragraph", id="story.down_j"),
    Binding("up", "cell_up", "Up", show=False, tooltip="Previous paragraph", id="story.up"),
    Binding("k", "cell_up", "Up", show=False, tooltip="Previous paragraph", id="story.up_k"),
    Binding("right", "cell_right", "Right", show=False, tooltip="Next copy", id="story.right"),
    Binding("l", "cell_right", "Right", show=False, tooltip="Next copy", id="story.right_l"),
    Binding("left", "cell_left", "Left", show=False, tooltip="Previous copy", id="story.left"),
    Binding("h", "cell_left", "Left", show=False, tooltip="Previous copy", id="story.left_h"),
    Binding("n", "next_change", "Next", tooltip="Next change in this copy", id="story.next_change"),
    Binding(
        "N",
        "previous_change",
        "Prev",
        show=False,
        key_display="N",
        tooltip="Previous change in this copy",
        id="story.previous_change",
    ),
    Binding("pagedown", "page_down", "Page down", show=False, tooltip="Page down", id="story.page_down"),
    Binding("pageup", "page_up", "Page up", show=False, tooltip="Page up", id="story.page_up"),
    Binding("home", "first_row", "Top", show=False, tooltip="First paragraph", id="story.home"),
    Binding("end", "last_row", "End", show=False, tooltip="Last paragraph", id="story.end"),
]
