"""The reader's keys, screen by screen, as the README's Keys section lists them
(``python -m tests.ui.keys_doc`` prints the section; a test checks the README)."""

from __future__ import annotations

from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.screens.base_picker import BasePicker
from reader.ui.screens.diff import DiffScreen
from reader.ui.screens.list import ListScreen
from reader.ui.screens.preview import PreviewScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.screens.story import StoryScreen
from reader.ui.widgets.common.preview import ArticlePreview
from reader.ui.widgets.diff.diff_view import DiffView
from reader.ui.widgets.list.article_table import ArticleTable
from reader.ui.widgets.story.story_matrix import StoryMatrix

SECTIONS = {
    "The list": (ListScreen, ArticleTable),
    "The diff": (DiffScreen, DiffView),
    "The story view": (StoryScreen, StoryMatrix),
    "The preview": (PreviewScreen, ArticlePreview),
    "Files that could not be read (p)": (ProblemsScreen,),
    "Picking a base (b)": (BasePicker,),
    "Everywhere": (ReaderApp,),
}
NAMES = {
    "escape": "esc",
    "enter": "enter",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "f2": "F2",
}


def key_name(binding: Binding) -> str:
    if binding.key in NAMES:
        return NAMES[binding.key]
    if binding.key_display and binding.key_display != "⏎":
        return binding.key_display
    return binding.key


def sections() -> dict[str, list[tuple[list[str], str]]]:
    """Each section's rows: the keys of one action, and what it does."""
    out: dict[str, list[tuple[list[str], str]]] = {}
    for title, classes in SECTIONS.items():
        rows: dict[tuple[str, str], list[str]] = {}
        for cls in classes:
            for binding in cls.BINDINGS:
                if not isinstance(binding, Binding) or binding.id is None:
                    continue
                what = binding.tooltip or binding.description
                rows.setdefault((binding.action, what), []).append(key_name(binding))
        out[title] = [(keys, what) for (_, what), keys in rows.items()]
    return out


def markdown() -> str:
    lines = []
    for title, rows in sections().items():
        lines += [f"### {title}", "", "| key | does |", "|---|---|"]
        lines += [f"| {' '.join(f'`{k}`' for k in keys)} | {what} |" for keys, what in rows]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
