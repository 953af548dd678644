"""The diff body's rows as segments: each run of a ``reader.view`` layout row takes the
style of its role, read from the widget's component classes.

No Textual here, only Rich: the widget supplies the styles and turns the segments
into cached strips. Article text only ever becomes ``Segment`` text, never markup.
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
