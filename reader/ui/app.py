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
from textual.filter import LineFilter, Monochrome, NoColor
from textual.screen import Screen

from reader.ui.screens.help import HelpScreen
from reader.ui.screens.list import ListScreen
from reader.ui.themes import ANSI, DARK, LIGHT, THEMES, theme_name

# What `App.theme` says: the names `--theme` and READER_THEME take.
DARK_THEME, LIGHT_THEME, ANSI_THEME = DARK, LIGHT, ANSI

_NO_COLOUR = NoColor()


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

    def __init__(
        self, paths: Sequence[Path], *, theme: str | None = None, tables: Path | None = None
    ) -> None:
        super().__init__()
        # Only the app's own themes: the palette's theme list, F2 and its message then use
        # the names --theme takes, and every theme on offer is one whose contrast is tested.
        for name in list(self.available_themes):
            self.unregister_theme(name)
        for own in THEMES.values():
            self.register_theme(own)
        self.set_reactive(App.theme, DARK)
        # Textual read its default theme's variables in App.__init__; the CSS is parsed later.
        self.stylesheet.set_variables(self.get_css_variables())
        self.paths = list(paths) or [Path.cwd()]
        self._requested_theme = theme
        self.tables = tables  # a Spark job's output, read instead of the paths (reader --from DIR)
        if tables is None and len(self.paths) == 1 and self.paths[0].is_dir():
            start_process_helper()

    def on_mount(self) -> None:
        self.theme = self._initial_theme()
        if self._has_16_colours():
            # Rich maps a theme's true colours to the nearest of 16 there, and insertions and
            # deletions come out white: offer (F2, the palette) only the theme made of them.
            for name in (DARK, LIGHT):
                self.unregister_theme(name)
        self.push_screen(ListScreen(self.paths, tables=self.tables))

    def _has_16_colours(self) -> bool:
        return not self.is_headless and self.console.color_system in ("standard", "windows")

    def _initial_theme(self) -> str:
        if self._has_16_colours():
            return ANSI
        return theme_name(self._requested_theme or os.environ.get("READER_THEME")) or DARK

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        if not (self.no_color and self.native_ansi_color):
            return filters
        # Textual chose its NO_COLOR filter for its default theme, in true colour; on the
        # terminal's own colours Monochrome makes text and background alike black.
        return [_NO_COLOUR if isinstance(f, Monochrome) else f for f in filters]

    def action_cycle_theme(self) -> None:
        names = list(self.available_themes)
        position = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(position + 1) % len(names)]
        message = f"Theme: {self.theme}"
        if len(names) == 1:
            message += " (the only one a terminal of 16 colours shows)"
        # Passing news goes in the screen's status line; a toast would cover the text.
        say = getattr(self.screen, "say", None)
        if callable(say):
            say(message)
        else:
            self.notify(message, timeout=2, markup=False)

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


def run_app(paths: list[Path], *, theme: str | None = None, tables: Path | None = None) -> int:
    """Run the app on these folders and files (the current folder when empty), or on the
    tables a Spark job wrote in ``tables``."""
    app = ReaderApp(paths, theme=theme, tables=tables)
    app.run()
    return app.return_code or 0
