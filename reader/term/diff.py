"""``reader diff`` on a terminal or in a pipe: a header, then the shared layout of the
comparison (reader.view) printed row by row.

The body can be 100k words: it is laid out once and written in chunks, not
rendered through rich, which would take seconds; a pipe never loads rich.
"""

from __future__ import annotations

import sys

from reader.core.model import Article, Comparison
from reader.view.layout import SIDE_BY_SIDE_MIN_WIDTH, Options
from reader.view.rows import Body
from reader.view.runs import FACT_MARK
from reader.view.words import facts_line, unrelated_note, verdict

from .console import SGR, SGR_NO_COLOR, emit, make_console, uses_markers

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    from rich.console import Console

    from reader.core.compare import Workers

# Given a way to share work, a diff's rows are made half there from this many characters
# of text: some 30k words, laid out in about 20 ms; sharing costs about 5.
SHARE_FROM = 200_000


def header_lines(comparison: Comparison) -> list[str]:
    """A and B (name, agency, place, outlet, size, title), the verdict and the facts."""
    lines = []
    for tag, article in (("A", comparison.a), ("B", comparison.b)):
        lines.append(f"{tag} {article.label}  ({', '.join(_facts(article))})")
        lines.append(f"   {article.title}")
    lines.append(verdict(comparison.summary))
    if comparison.facts:
        lines.append(f"{FACT_MARK} {facts_line(comparison.facts)}")
    return lines


def _facts(article: Article) -> list[str]:
    facts = [x for x in (article.agency, article.dateline, article.outlet) if x]
    facts.append(f"{article.words} words")
    return facts


def print_header(console: Console, comparison: Comparison) -> None:
    from rich.text import Text

    # Each line whole: in a pipe on one line (grep finds it, nothing is cut mid-word); on
    # a terminal cut to its width with an ellipsis rather than wrapped under the margin.
    whole = {"soft_wrap": True} if not console.is_terminal else {"no_wrap": True, "overflow": "ellipsis"}
    for tag, article in (("A", comparison.a), ("B", comparison.b)):
        line = Text(f"{tag} ", style="bold")
        line.append(article.label, style="bold")
        line.append(f"  ({', '.join(_facts(article))})", style="dim")
        console.print(line, **whole)
        console.print(Text(f"   {article.title}"), **whole)
    # One line even in a pipe, so that it can be grepped; a terminal wraps it itself.
    console.print(Text(verdict(comparison.summary), style="bold"), soft_wrap=True)
    if comparison.facts:
        console.print(Text(f"{FACT_MARK} {facts_line(comparison.facts)}", style="bold"), soft_wrap=True)


def print_diff(
    comparison: Comparison,
    width: int | None = None,
    color: str = "auto",
    context: int | None = None,
    typography: bool = False,
    workers: Workers | None = None,
) -> None:
    """The diff on stdout. ``workers`` lend another process: a long diff's rows are
    then made half in each."""
    write = sys.stdout.write
    if color == "never" or (color == "auto" and not sys.stdout.isatty()):
        # No styling at all: plain text with markers, without loading rich.
        sgr, markers, columns = None, True, max(20, width or 80)
        write("\n".join(header_lines(comparison)) + "\n")
    else:
        console = make_console(width, color)
        markers = uses_markers(console)
        columns = console.width
        print_header(console, comparison)
        sgr = SGR_NO_COLOR if console.no_color or console.color_system is None else SGR
    if not comparison.summary.related:
        write("\n" + unrelated_note(comparison) + "\n")
    side_by_side = columns >= SIDE_BY_SIDE_MIN_WIDTH
    options = Options(side_by_side, typography=typography, markers=markers, context=context)
    body = Body(comparison, columns, options)
    end = len(body.blocks)
    write("\n")

    def write_rows(start: int, stop: int) -> None:
        chunk: list[str] = []
        for row in body.rows(start, stop):
            chunk.append(emit(row, sgr))
            if len(chunk) >= 4096:
                write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            write("\n".join(chunk) + "\n")

    if workers is None or (cut := body.middle(SHARE_FROM)) is None:
        write_rows(0, end)
    else:
        # The rows after the cut are made there while these are written.
        _, rest = workers.share(
            lambda: write_rows(0, cut), lambda: "".join(emit(row, sgr) + "\n" for row in body.rows(cut, end))
        )
        write(rest)
    sys.stdout.flush()
