"""The diff body's rows as segments: each run of a ``reader.view`` layout row takes the
style of its role, read from the widget's component classes.

No Textual here, only Rich and the CSS of the roles (``DIFF_CSS``): the widget supplies
the styles and turns the segments into cached strips. Article text only ever becomes
``Segment`` text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.segment import Segment
from rich.style import Style

from reader.view.wrap import Run

# The layout names roles, not colours: the widget's CSS (themes, 16 colours, no colour)
# styles each role through its component class.
ROLE_CLASSES = {
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

# Declared on the widget, so that its CSS may style every role and the current block's gutter.
DIFF_COMPONENT_CLASSES = {*ROLE_CLASSES.values(), "diff-view--gutter-current"}

# The widget's DEFAULT_CSS: how each role looks in each theme, in 16 colours and without colour.
# Colours are solid: a component's partial style drops the alpha of a colour.
DIFF_CSS = """
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
DiffView > .diff-view--boilerplate { color: $text-muted; text-style: italic; }
DiffView > .diff-view--gutter { color: $text-muted; }
DiffView > .diff-view--gutter-edit { color: $text-primary; }
DiffView > .diff-view--gutter-delete { color: $text-error; }
DiffView > .diff-view--gutter-insert { color: $text-success; }
DiffView > .diff-view--gutter-moved { color: $text-warning; }
DiffView > .diff-view--gutter-current { background: $primary-muted; text-style: bold; }
DiffView > .diff-view--gutter-bar { color: $primary; }
DiffView > .diff-view--mark-delete { color: $text-error; text-style: bold; }
DiffView > .diff-view--mark-insert { color: $text-success; text-style: bold; }
DiffView > .diff-view--rule { color: $panel-lighten-2; }
DiffView > .diff-view--fold { color: $text-muted; text-style: italic; }
DiffView > .diff-view--ghost { color: $text-warning; text-style: italic; }
DiffView > .diff-view--collapsed { color: $text-muted; }

/* In the 16 ANSI colours, tinted backgrounds turn into solid blocks: colour the words only. */
App:ansi DiffView > .diff-view--delete { background: transparent; color: ansi_red; }
App:ansi DiffView > .diff-view--insert { background: transparent; color: ansi_green; }
App:ansi DiffView > .diff-view--fact-delete { background: transparent; color: ansi_red; }
App:ansi DiffView > .diff-view--fact-insert { background: transparent; color: ansi_green; }
App:ansi DiffView > .diff-view--gutter-current { background: transparent; text-style: bold reverse; }
App:ansi DiffView > .diff-view--rule { color: ansi_bright_black; }
/* The terminal's text colour is its only grey: hints are dim, as in `reader diff`. */
App:ansi DiffView > .diff-view--gutter { text-style: dim; }
App:ansi DiffView > .diff-view--collapsed { text-style: dim; }
App:ansi DiffView > .diff-view--boilerplate { text-style: dim italic; }
App:ansi DiffView > .diff-view--fold { text-style: dim italic; }
/* Without colour, the current block still needs to stand out. */
App:nocolor DiffView > .diff-view--gutter-current {
    color: $foreground; background: $background; text-style: bold reverse;
}
"""


def role_style(role: str, current: bool, base: Style, component: Callable[[str], Style]) -> Style:
    """The style of a role: ``base`` with its component's on top, and for a gutter of the
    current block the highlight too; ``component(name)`` is a component's own style."""
    name = ROLE_CLASSES.get(role)
    style = base + component(name) if name else base
    if current and role.startswith("gutter"):
        style += component("diff-view--gutter-current")
    return style


def row_segments(runs: Iterable[Run], current: bool, style: Callable[[str, bool], Style]) -> list[Segment]:
    """One row of the layout as segments; ``current`` when the row is in the current block.

    ``style(role, current)`` gives the style of a role, its gutter highlighted when current.
    """
    segments = []
    for text, role in runs:
        if current and role.startswith("gutter") and not text.strip():
            # Rows of the current block below its label: a bar marks its extent.
            segments.append(Segment("▌", style("bar", False)))
            segments.append(Segment(text[1:], style(role, False)))
        else:
            segments.append(Segment(text, style(role, current)))
    return segments
