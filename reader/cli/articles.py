"""``reader list`` and ``reader [open]``: the articles of folders or files."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.loading import load_paths
from ..view.json import article_meta
from .errors import EXIT_SAME, EXIT_TROUBLE, dump_json, say


def open_app(paths: list[Path], theme: str | None) -> int:
    """The app on a terminal; the list when standard output is a pipe or a file."""
    if not sys.stdout.isatty():
        return list_articles(paths, as_json=False)
    from ..ui.app import run_app

    return run_app(list(paths), theme=theme)


def list_articles(paths: list[Path], as_json: bool) -> int:
    result = load_paths(paths)
    for problem in result.problems:
        say(str(problem))
    if as_json:
        dump_json([article_meta(a) for a in result.articles])
    else:
        from ..term.tables import print_list

        print_list(result.articles)
    # Some input could not be read: said on stderr, and in the status, as diff -r does.
    return EXIT_TROUBLE if result.problems else EXIT_SAME
