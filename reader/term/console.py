"""The rich console of the shell commands, and how roles of the shared layout are
drawn on a terminal.

Article text only ever enters rich as ``Text`` objects (never as markup), and
the console is made with markup, emoji and highlighting off. Changes are marked
twice: colour, plus strike-through and underline; where there is no colour to
rely on (a pipe, ``--color never``, ``NO_COLOR``) the text itself carries
``[-deleted-]`` and ``{+inserted+}`` markers, as ``git diff --word-diff`` does.
"""

from __future__ import annotations

import os

from reader.view.wrap import Line

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:  # rich is imported only where styling is drawn: a pipe never needs it
    from rich.console import Console

# The roles of reader.view.layout's runs, as SGR parameters. Colour goes with a second
# mark (strike, underline, bold) so that no change relies on colour.
SGR = {
    "del": "31;9",
    "ins": "32;4",
    "fact-del": "1;31;9",
    "fact-ins": "1;32;4",
    "typo": "2;33",
    "boiler": "2;3",
    "gutter": "2",
    "gutter-same": "2",
    "gutter-edit": "36",
    "gutter-del": "31",
    "gutter-ins": "32",
    "gutter-moved": "35",
    "gutter-fold": "2",
    "mark-del": "31",
    "mark-ins": "32",
    "mark-moved": "35",
    "rule": "2",
    "fold": "2;3",
    "ghost": "33;3",
    "collapsed": "2",
    "label": "1;36",
    "dim": "2",
}
SGR_NO_COLOR = {
    "del": "9",
    "ins": "4",
    "fact-del": "1;9",
    "fact-ins": "1;4",
    "typo": "2",
    "boiler": "2;3",
    "gutter": "2",
    "gutter-same": "2",
    "gutter-edit": "1",
    "gutter-moved": "1",
    "fold": "2;3",
    "ghost": "3",
    "collapsed": "2",
    "rule": "2",
    "label": "1",
    "dim": "2",
}


def make_console(width: int | None = None, color: str = "auto") -> Console:
    from rich.console import Console

    kwargs: dict = {"markup": False, "emoji": False, "highlight": False, "soft_wrap": False}
    if color == "never":
        kwargs.update(color_system=None, no_color=True, force_terminal=False)
    elif color == "always":
        kwargs.update(force_terminal=True, color_system="truecolor" if _truecolor() else "256")
    if width is not None:
        kwargs["width"] = max(20, width)
    return Console(**kwargs)


def _truecolor() -> bool:
    return os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")


def uses_markers(console: Console) -> bool:
    """Whether colour can be relied on; if not, changes carry [- -] / {+ +} markers."""
    return console.no_color or console.color_system is None or not console.is_terminal


def emit(line: Line, sgr: dict[str, str] | None) -> str:
    """A row of runs as terminal text: styled with ``sgr`` (None: plain text)."""
    if sgr is None:
        return "".join(text for text, _ in line).rstrip()
    out = []
    for text, role in line:
        code = sgr.get(role)
        out.append(f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text)
    return "".join(out).rstrip()
