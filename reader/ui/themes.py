"""The app's themes, named as the user types them everywhere (``--theme``, ``READER_THEME``,
F2, the command palette): dark, light and 16.

Each starts from Textual's own (textual-dark, textual-light, ansi-dark) and changes the
colours that did not read: every text needs 4.5:1 against its own background (WCAG 2),
a dimmed hint 3:1; ``tests/ui/test_contrast.py`` says what a hint is and measures both
on the screenshots and snapshots.

Colours that widgets draw through component styles (the diff, the list, the preview)
must be solid: a partial style is a Rich style, which drops the alpha of a colour such as
``$foreground 55%`` and draws it at full strength. So ``$text-muted``, the colour of every
hint, is one solid colour per theme, and the current block's gutter sits on
``$primary-muted``, a solid tint of the primary colour.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES, Theme

DARK = "dark"
LIGHT = "light"
ANSI = "16"

# The one colour of hints (muted and disabled text): 3:1 at least on every background of
# its theme, 4.5:1 on the backgrounds of text (background, surface, panel).
MUTED_DARK = "#9A9A9A"
MUTED_LIGHT = "#555555"


def _based_on(name: str, new_name: str, variables: dict[str, str], **colours: str) -> Theme:
    theme = BUILTIN_THEMES[name]
    return replace(theme, name=new_name, variables={**theme.variables, **variables}, **colours)


THEMES: dict[str, Theme] = {
    DARK: _based_on(
        "textual-dark",
        DARK,
        # Textual's primary is 3.7:1 on the surface, where it draws border titles.
        primary="#3A96E8",
        variables={
            "text-muted": MUTED_DARK,
            "text-disabled": MUTED_DARK,
            # Lighter, so that the A badge (reverse) still reads once NO_COLOR greys it.
            "text-error": "#E28A9E",
            # Textual's cursor, light text on the primary colour, is 3.8:1; this one is dark
            # enough for every text colour of the theme (the base picker colours its lines).
            "block-cursor-background": "#0A4A82",
            "block-cursor-foreground": "#FFFFFF",
            "block-cursor-blurred-background": "#1E3952",
            # The list's A and B marks: dark letters on the accent colour, in every row.
            "mark-foreground": "#121212",
        },
    ),
    LIGHT: _based_on(
        "textual-light",
        LIGHT,
        variables={
            "text-muted": MUTED_LIGHT,
            "text-disabled": MUTED_LIGHT,
            # Textual's text colours are 2.8:1 to 3.8:1 on these light backgrounds.
            "text-warning": "#734600",
            "text-accent": "#734600",
            "text-success": "#1D6332",
            "text-error": "#8A2440",
            # Insertions' and deletions' backgrounds, lighter under the darker text.
            "success-muted": "#C3E0CB",
            "error-muted": "#EBC9D1",
            # Textual's, #0178D4, is 2.9:1 on the footer.
            "footer-key-foreground": "#004578",
            # Textual's is a mid blue under which no text of the theme reads.
            "primary-muted": "#CBD6DF",
            # A light cursor: on Textual's dark blue, the theme's dark colours do not read.
            "block-cursor-background": "#BCD4EC",
            "block-cursor-foreground": "#1F1F1F",
            "block-cursor-blurred-background": "#D4DCE3",
            "mark-foreground": "#1F1F1F",
        },
    ),
    # The terminal's own colours: how well they read is its palette's doing, so only
    # the choice of colour and attribute is the app's (dim for hints, reverse for the cursor).
    ANSI: _based_on(
        "ansi-dark",
        ANSI,
        variables={
            # Reverse video: what the cursor covers keeps its colour, as the background.
            "block-cursor-foreground": "ansi_default",
            "block-cursor-background": "ansi_default",
            "block-cursor-text-style": "bold reverse",
            "mark-foreground": "ansi_black",
        },
    ),
}

# Names the app understood before its themes had their own; READER_THEME may still say them.
ALIASES = {"ansi": ANSI, "textual-dark": DARK, "textual-light": LIGHT, "ansi-dark": ANSI}


def theme_name(requested: str | None) -> str | None:
    """The theme a name asks for, or None for a name no theme has."""
    if not requested:
        return None
    name = ALIASES.get(requested, requested)
    return name if name in THEMES else None
