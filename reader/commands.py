"""What each shell sub-command does, on top of the core. Printing goes through
rich (reader.term) or plain JSON; textual is never imported here."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import EXIT_DIFFERENT, EXIT_SAME, EXIT_TROUBLE, Trouble, dump_json
from .core.compare import compare
from .core.loading import load_file, load_paths
from .core.model import Article
from .view.json import article_meta, comparison_json


def load_one(spec: str) -> Article:
    """An article named on the command line: a file, or FILE#N for record N (from 1,
    as the app and error messages count them) of a JSON or JSON Lines file."""
    path, record = Path(spec), None
    if not path.exists() and "#" in spec:
        head, _, tail = spec.rpartition("#")
        if tail.isdigit():
            path, record = Path(head), int(tail)
    articles, problems = load_file(path)
    if problems and not articles:
        raise Trouble(str(problems[0]))
    if record is not None:
        for art in articles:
            if art.record == record or (art.record is None and record == 1):
                return art
        raise Trouble(f"{path}: no record {record} (it has {len(articles)})")
    if not articles:
        raise Trouble(f"{path}: no article found")
    if len(articles) > 1:
        raise Trouble(f"{path}: holds {len(articles)} articles; name one as {path}#N (N from 1)")
    return articles[0]


def load_pair(a: str, b: str) -> tuple[Article, Article]:
    return load_one(a), load_one(b)


def _status(same: bool) -> int:
    return EXIT_SAME if same else EXIT_DIFFERENT


def align(a: Article, b: Article, as_json: bool, typography: bool) -> int:
    comparison = compare(a, b, typography=typography)
    if as_json:
        dump_json(comparison_json(comparison))
    else:
        from .term.tables import print_groups

        print_groups(comparison)
    # The alignment is the output, so success is 0 (scripts and the scorer read the JSON);
    # `reader diff` and `reader stats` answer "same or different" with their status.
    return EXIT_SAME


def stats(a: Article, b: Article, as_json: bool, typography: bool) -> int:
    comparison = compare(a, b, typography=typography)
    if as_json:
        data = comparison_json(comparison)
        meta = {"a": article_meta(a), "b": article_meta(b)}
        dump_json({**meta, "summary": data["summary"], "facts": data["facts"]})
    else:
        from .term.tables import print_stats

        print_stats(comparison)
    return _status(comparison.equal)


def diff(a: Article, b: Article, width: int | None, color: str, context: int | None, typography: bool) -> int:
    from .term.diff import print_diff

    comparison = compare(a, b, typography=typography)
    print_diff(comparison, width=width, color=color, context=context, typography=typography)
    return _status(comparison.equal)


def list_articles(paths: list[Path], as_json: bool) -> int:
    result = load_paths(paths)
    for problem in result.problems:
        print(f"reader: {problem}", file=sys.stderr)
    if as_json:
        dump_json([article_meta(a) for a in result.articles])
    else:
        from .term.tables import print_list

        print_list(result.articles)
    if not result.articles and result.problems:
        return EXIT_TROUBLE
    return EXIT_SAME
