"""The self-contained HTML reports: ``reader diff --html`` and ``reader story --html``."""

from .diff import pair_page
from .story import story_page

__all__ = ["pair_page", "story_page"]
