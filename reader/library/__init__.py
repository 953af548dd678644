"""Large folders: an index of a folder in the user cache, copies of a story, stories.

Pure (no textual, no rich): the shell commands and the app both stand on it.
"""

from .health import IndexNotSaved, IndexRebuilt
from .library import Library
from .rows import LibraryError, Match, RefreshReport, Row, Story
from .store import cache_dir, index_path

__all__ = [
    "IndexNotSaved",
    "IndexRebuilt",
    "Library",
    "LibraryError",
    "Match",
    "RefreshReport",
    "Row",
    "Story",
    "cache_dir",
    "index_path",
]
