"""``reader story`` (one story across many copies) and ``reader diff --html``."""

from __future__ import annotations

import sys

from .cli import EXIT_DIFFERENT, EXIT_SAME, Trouble, dump_json
from .commands import load_one
from .core.compare import compare
from .core.model import Article
from .core.original import likely_original
from .core.story import build_story


def _same_file(a: Article, b: Article) -> bool:
    try:
        return a.path.resolve() == b.path.resolve() and a.record == b.record
    except OSError:
        return a.path == b.path and a.record == b.record


def story(files: list[str], base: str | None, as_json: bool, as_html: bool, width: int | None) -> int:
    articles = [load_one(spec) for spec in files]
    if base is not None:
        base_article = load_one(base)
        copies = [a for a in articles if not _same_file(a, base_article)]
    else:
        if len(articles) < 2:
            raise Trouble(f"{files[0]}: a story needs a base and at least one copy (give two files or more)")
        base_article = likely_original(articles)
        copies = [a for a in articles if a is not base_article]
    if not copies:
        raise Trouble(f"{base}: no copy to compare with the base (every file given is the base)")
    result = build_story(base_article, copies)
    if as_json:
        from .core.story_json import story_json

        dump_json(story_json(result))
    elif as_html:
        from .htmlreport import story_page

        _write(story_page(result))
    else:
        from .term.story import print_story

        print_story(result, width=width)
    return EXIT_SAME if result.equal else EXIT_DIFFERENT


def diff_html(a: Article, b: Article, typography: bool) -> int:
    from .htmlreport import pair_page

    comparison = compare(a, b, typography=typography)
    _write(pair_page(comparison, typography=typography))
    return EXIT_SAME if comparison.equal else EXIT_DIFFERENT


def _write(page: str) -> None:
    # The page is UTF-8 whatever the locale says: it declares <meta charset="utf-8">.
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is None:
        sys.stdout.write(page)
        return
    sys.stdout.flush()
    out.write(page.encode("utf-8"))
    out.flush()
