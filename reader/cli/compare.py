"""``reader align``, ``reader diff`` and ``reader stats``: two articles compared.
Printing goes through rich (reader.term), HTML (reader.html) or plain JSON."""

from __future__ import annotations

import gc
from pathlib import Path

from ..core.compare import compare, huge_paragraph
from ..core.loading import load_file
from ..core.model import Article, Comparison
from ..core.patterns import keep
from ..core.sanitize import escape_name
from . import forking
from .errors import EXIT_SAME, Trouble, dump_json, status, write_page

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    # Each paragraph's comparison key, A's and B's, when made beforehand (reader.cli.pair).
    Keys = tuple[list[str], list[str]]


def load_one(spec: str) -> Article:
    """An article named on the command line: a file, or FILE#N for record N (from 1,
    as the app and error messages count them) of a JSON, JSON Lines or WARC file."""
    # What is alive now (the modules, the other article) lives until the command ends:
    # frozen, the collector stops walking it at every full collection (some 7% of a
    # diff's time, 1k or 100k words). _kept thaws it.
    gc.freeze()
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
        numbers = [a.record for a in articles if a.record is not None]
        if numbers and numbers != list(range(1, len(numbers) + 1)):  # a crawl: pages among other records
            shown = ", ".join(map(str, numbers[:8])) + (", …" if len(numbers) > 8 else "")
            raise Trouble(f"{escape_name(path)}: record {record} is not an article (these are: {shown})")
        raise Trouble(f"{escape_name(path)}: no record {record} (it has {len(articles)})")
    name = escape_name(path)
    if not articles:
        raise Trouble(f"{name}: no article found")
    if len(articles) > 1:
        raise Trouble(f"{name}: holds {len(articles)} articles; name one as {name}#N (N from 1)")
    return articles[0]


def align(a: Article, b: Article, as_json: bool, typography: bool, keys: Keys | None = None) -> int:
    comparison = _compared(a, b, typography, keys)
    if as_json:
        from ..view.json import comparison_json

        dump_json(comparison_json(comparison))
    else:
        from ..term.tables import print_groups

        print_groups(comparison)
    # The alignment is the output, so success is 0 (scripts and the scorer read the JSON);
    # `reader diff` and `reader stats` answer "same or different" with their status.
    return _kept(EXIT_SAME)


def stats(a: Article, b: Article, as_json: bool, typography: bool, keys: Keys | None = None) -> int:
    comparison = _compared(a, b, typography, keys)
    if as_json:
        from ..view.json import article_meta, comparison_json

        data = comparison_json(comparison)
        meta = {"a": article_meta(a), "b": article_meta(b)}
        dump_json({**meta, "summary": data["summary"], "facts": data["facts"]})
    else:
        from ..term.tables import print_stats

        print_stats(comparison)
    return _kept(status(comparison.equal))


def diff(
    a: Article,
    b: Article,
    width: int | None,
    color: str,
    context: int | None,
    typography: bool,
    keys: Keys | None = None,
) -> int:
    from ..term.diff import print_diff

    comparison = _compared(a, b, typography, keys)
    print_diff(comparison, width=width, color=color, context=context, typography=typography, workers=forking)
    return _kept(status(comparison.equal))


def diff_html(a: Article, b: Article, typography: bool, keys: Keys | None = None) -> int:
    from ..html import pair_page

    comparison = _compared(a, b, typography, keys)
    write_page(pair_page(comparison, typography=typography))
    return _kept(status(comparison.equal))


def _compared(a: Article, b: Article, typography: bool, keys: Keys | None) -> Comparison:
    """The comparison, made with a second core's help (reader.cli.forking)."""
    comparison = compare(a, b, typography=typography, workers=forking, keys=keys)
    # The articles (frozen by load_one, thawed by compare) and the comparison live until
    # the end, while the output is made: frozen, no collection walks them.
    gc.freeze()
    if huge_paragraph(a, b):
        _give_memory_back()
    return comparison


def _give_memory_back() -> None:
    """Hand the memory the comparison freed back to the system (glibc keeps it for the
    process otherwise): laying out the rows of a huge paragraph then starts from there.
    A 19 MB one-line pair peaked at 920 to 1,075 MB after the aligner's 910, as the
    allocator had kept from 650 to 810 MB; given back, at 480 MB (18 ms)."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc
        return
    trim(0)


def _kept(code: int) -> int:
    # Only once the output is written: the next run rebuilds the regular expressions
    # this one compiled (reader.core.patterns) instead of compiling them again.
    keep()
    gc.unfreeze()  # a caller that goes on (a test calling main) collects as usual
    return code
