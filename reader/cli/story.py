"""``reader story``: one story across many copies."""

from __future__ import annotations

from pathlib import Path

from ..core.loading import load_file, load_paths
from ..core.model import Article
from ..core.original import choice, likely_original
from ..core.sanitize import escape_name
from ..core.story import build_story
from ..view.words import why
from .compare import load_one
from .errors import EXIT_TROUBLE, Trouble, dump_json, say, status, write_page


def _same_article(a: Article, b: Article) -> bool:
    try:
        return a.path.resolve() == b.path.resolve() and a.record == b.record
    except OSError:
        return a.path == b.path and a.record == b.record


def _articles(spec: str, problems: list[str]) -> list[Article]:
    """The articles a command-line argument names: a file (every record of a JSON or
    JSON Lines file), FILE#N, or a folder (searched recursively)."""
    path = Path(spec)
    if path.is_dir():
        result = load_paths([path])
        problems.extend(str(p) for p in result.problems)
        if not result.articles:
            raise Trouble(f"{escape_name(spec)}: no article found")
        return list(result.articles)
    if path.is_file():
        articles, file_problems = load_file(path)
        if articles:  # records that could not be read are reported, the others used
            problems.extend(str(p) for p in file_problems)
            return articles
    return [load_one(spec)]


def story(files: list[str], base: str | None, as_json: bool, as_html: bool, width: int | None) -> int:
    """Files that cannot be read are reported on stderr, one line each, and the
    story is made of the rest (exit status 2, as diff -r does)."""
    problems: list[str] = []
    articles: list[Article] = []
    for spec in files:
        try:
            articles.extend(_articles(spec, problems))
        except Trouble as exc:
            problems.append(str(exc))
    for problem in problems:
        say(problem)
    if base is not None:
        base_article = load_one(base)
        copies = [a for a in articles if not _same_article(a, base_article)]
        if not copies:
            raise Trouble(f"{escape_name(base)}: no copy to compare with the base")
        reason = "chosen with --base"
    else:
        if len(articles) < 2:
            raise Trouble("a story needs a base and at least one copy: name two articles or more")
        base_article = likely_original(articles)
        copies = [a for a in articles if a is not base_article]
        reason = why(choice(base_article, articles))
    result = build_story(base_article, copies, why=reason)
    if as_json:
        from ..view.story_json import story_json

        dump_json(story_json(result))
    elif as_html:
        from ..html import story_page

        write_page(story_page(result))
    else:
        from ..term.story import print_story

        print_story(result, width=width)
    if problems:
        return EXIT_TROUBLE
    return status(result.equal)
