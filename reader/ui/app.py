"""The wire-reader app: list the articles, pick two, read the diff.

`reader [FOLDER|FILE...]` calls :func:`run_app` when stdout is a terminal.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.ui.screens.help import HelpScreen
from reader.ui.screens.list import ListScreen

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
ANSI_THEME = "ansi-dark"
THEMES = {"dark": DARK_THEME, "light": LIGHT_THEME, "16": ANSI_THEME, "ansi": ANSI_THEME}


def start_process_helper() -> None:
    """Start multiprocessing's resource tracker while stderr is still the terminal's.

    The folder's index reads files in a pool of processes. Started later, from inside
    the app, the tracker would be handed Textual's captured stderr (file number -1)
    and every pool would fail with "bad value(s) in fds_to_keep".
    """
    import contextlib
    from multiprocessing import resource_tracker

    with contextlib.suppress(Exception):  # the list then reads the files in one process
        resource_tracker.ensure_running()


class ReaderApp(App[int]):
    """Keyboard-first browser and differ for versions of news articles."""

    TITLE = "wire-reader"
    CSS_PATH = "app.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "cycle_theme", "Next theme (dark, light, 16 colours)", show=False, id="app.theme"),
    ]

    def __init__(self, paths: Sequence[Path], *, theme: str | None = None) -> None:
        super().__init__()
        self.paths = list(paths) or [Path.cwd()]
        self._requested_theme = theme
        if len(self.paths) == 1 and self.paths[0].is_dir():
            start_process_helper()

    def on_mount(self) -> None:
        self.theme = self._initial_theme()
        self.push_screen(ListScreen(self.paths))

    def _initial_theme(self) -> str:
        requested = self._requested_theme or os.environ.get("READER_THEME")
        if requested:
            return THEMES.get(requested, requested if requested in self.available_themes else DARK_THEME)
        # A terminal that only has the 16 ANSI colours gets the theme made of them.
        if not self.is_headless and self.console.color_system in ("standard", "windows"):
            return ANSI_THEME
        return DARK_THEME

    def action_cycle_theme(self) -> None:
        cycle = [DARK_THEME, LIGHT_THEME, ANSI_THEME]
        position = cycle.index(self.theme) if self.theme in cycle else -1
        self.theme = cycle[(position + 1) % len(cycle)]
        self.notify(f"Theme: {self.theme}", timeout=2, markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every keyed action of the current screen, then the app's own."""
        seen: set[tuple[int, str]] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            title = binding.tooltip or binding.description
            # Only the app's own keys (they have ids), not Textual's focus and copy keys.
            if not title or binding.id is None or binding.system or not active.enabled:
                continue
            key = (id(active.node), binding.action)
            if key in seen or binding.action in ("command_palette", "app.command_palette"):
                continue
            seen.add(key)
            yield SystemCommand(
                title,
                f"Key: {self.get_key_display(binding)}",
                partial(self._run_from_palette, active.node, binding.action),
            )
        yield from super().get_system_commands(screen)

    async def _run_from_palette(self, node, action: str) -> None:
        await self.run_action(action, node)


def run_app(paths: list[Path], *, theme: str | None = None) -> int:
    """Run the app on these folders and files (the current folder when empty)."""
    app = ReaderApp(paths, theme=theme)
    app.run()
    return app.return_code or 0
