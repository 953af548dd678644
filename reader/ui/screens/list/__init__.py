"""The article list, the app's first screen."""

from .screen import PREVIEW_MIN_WIDTH, ListScreen

__all__ = ["PREVIEW_MIN_WIDTH", "ListScreen"]
