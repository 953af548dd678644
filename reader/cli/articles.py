"""``reader list`` and ``reader [open]``: the articles of folders or files."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.loading import load_paths
from ..view.json import article_meta
from .errors import EXIT_SAME, EXIT_TROUBLE, Trouble, dump_json, say


def open_app(paths: list[Path], theme: str | None, tables: Path | None = None) -> int:
    """The app on a terminal; the list when standard output is a pipe or a file."""
    if tables is not None:
        return _open_tables(paths, tables, theme)
    paths = paths or [Path(".")]
    if not sys.stdout.isatty():
        return list_articles(paths, as_json=False)
    from ..ui.app import run_app

    return run_app(list(paths), theme=theme)


def _open_tables(paths: list[Path], folder: Path, theme: str | None) -> int:
    """``reader --from DIR``: the app on a Spark job's tables; their stories in a pipe."""
    if paths:
        raise Trouble("give folders and files, or --from DIR, not both")
    from ..library import LibraryError
    from ..library.tables import open_tables

    try:  # not Spark output: one line and status 2 here, not an app opened on nothing
        with open_tables(folder) as tables:
            found = None if sys.stdout.isatty() else tables.stories()
    except LibraryError as error:
        raise Trouble(str(error)) from None
    if found is not None:
        from ..term.library import print_stories

        print_stories(found)
        return EXIT_SAME
    from ..ui.app import run_app

    return run_app([folder], theme=theme, tables=folder)


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
