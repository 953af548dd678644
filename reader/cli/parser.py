"""The command line of ``reader``: sub-commands, options, help and examples.

Only ``reader.cli.main`` reads it; the commands receive plain arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core.sanitize import escape_controls
from .errors import EXIT_TROUBLE

COMMANDS = ("open", "align", "diff", "stats", "list", "index", "similar", "stories", "story", "spark")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as diff does
        self.print_usage(sys.stderr)
        # The message may quote an argument: a file name, with whatever it holds.
        self.exit(EXIT_TROUBLE, f"{self.prog}: {escape_controls(message)}\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's, told the terminal's width: left to find it, it imports shutil (and its
    compression modules) for every argument it checks, a few ms of every command's start."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width=None):
        super().__init__(prog, indent_increment, max_help_position, width or _columns() - 2)


def _columns() -> int:
    """``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def _at_least(low: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a whole number is needed, not {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}")
        return value

    return parse


def _examples(*lines: str) -> str:
    return "example:\n" + "\n".join(f"  {line}" for line in lines)


def build(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` the top level and that one sub-command:
    argparse looks up a translation on disk for each of its own words, and building
    the ten sub-commands took a fifth of the time of comparing two short articles."""
    fmt = _Formatter
    p = _Parser(
        prog="reader",
        description="Compare versions of news articles: which paragraphs were kept, edited, "
        "merged, split, moved, cut or added, and what changed word by word.",
        epilog=_examples(
            "reader seeds/                      # open the app on a folder",
            "reader diff afp.txt outlet.txt     # the comparison, in the terminal",
            "reader align afp.txt outlet.txt --json",
        ),
        formatter_class=fmt,
    )
    p.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = _Commands(p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser), only)

    o = sub.add_parser(
        "open",
        help="open the app on folders or files (the default command)",
        description="Open the app on folders (searched recursively) or files, or with --from "
        "on the tables `reader spark` wrote. "
        "When standard output is not a terminal, print the list instead.",
        epilog=_examples("reader open seeds/", "reader seeds/ > list.txt", "reader --from spark-out/"),
        formatter_class=fmt,
    )
    # No default here: with --from, a path given too is a mistake to say (open_app: ".").
    o.add_argument("paths", nargs="*", type=Path, metavar="FOLDER|FILE")
    o.add_argument(
        "--from",
        dest="tables",
        type=Path,
        metavar="DIR",
        help="browse the stories in the tables `reader spark ... --out DIR` wrote, "
        "reading each article from its file",
    )
    o.add_argument(
        "--theme",
        choices=("dark", "light", "16"),
        help="colours: dark (default), light, or the 16 ANSI colours (also: READER_THEME; F2 cycles)",
    )

    def pair(name: str, help_: str, description: str, example: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(
            name, help=help_, description=description, epilog=_examples(example), formatter_class=fmt
        )
        sp.add_argument("a", metavar="A", help="the original (a file; FILE#N for record N of a JSON file)")
        sp.add_argument("b", metavar="B", help="the other version")
        sp.add_argument(
            "--typography",
            action="store_true",
            help="count quote, dash, space and ellipsis style as changes and show them",
        )
        return sp

    a = pair(
        "align",
        "the paragraph alignment of two articles",
        "Align the paragraphs of A and B. With --json, print the alignment contract: "
        "both articles' paragraphs and the groups, each with kind, similarity and word-diff ops.",
        "reader align seeds/002_990fca62850f33f5.txt seeds/003_574f2177cef51eb0.txt --json",
    )
    a.add_argument("--json", action="store_true", help="print JSON (the default is a table of groups)")

    d = pair(
        "diff",
        "the comparison of two articles, for a terminal or a pipe",
        "Show the summary, then each aligned group of paragraphs with its word diff: "
        "side by side when the width is 100 columns or more, stacked below that. "
        "Without colour, deletions read [-like this-] and insertions {+like this+}.",
        "reader diff seeds/002_990fca62850f33f5.txt seeds/003_574f2177cef51eb0.txt --context 1",
    )
    d.add_argument(
        "--width",
        type=_at_least(20),
        help="columns to lay out for (default: the terminal's, else 80)",
    )
    d.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour (default: auto)"
    )
    d.add_argument("--html", action="store_true", help="write one self-contained HTML page to stdout")
    d.add_argument(
        "--context",
        type=_at_least(0),
        default=None,
        metavar="N",
        help="show N unchanged paragraphs around each change and fold the rest (default: show all)",
    )

    s = pair(
        "stats",
        "a one-screen summary of how B differs from A",
        "Words kept, inserted, deleted and replaced, paragraphs by kind, and the verdict.",
        "reader stats seeds/002_990fca62850f33f5.txt seeds/003_574f2177cef51eb0.txt",
    )
    s.add_argument("--json", action="store_true", help="print JSON")

    ls = sub.add_parser(
        "list",
        help="one line per article in folders or files",
        description="List the articles found: id, agency, dateline, words, paragraphs, title. "
        "Files that cannot be read are reported on stderr.",
        epilog=_examples("reader list seeds/", "reader list ~/archive --json | jq '.[].title'"),
        formatter_class=fmt,
    )
    ls.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="FOLDER|FILE")
    ls.add_argument("--json", action="store_true", help="print JSON")

    ix = sub.add_parser(
        "index",
        help="build or refresh a folder's index (kept in the user cache, never in the folder)",
        description="Build the index of a folder (article metadata, fingerprints, shingles) under "
        "$XDG_CACHE_HOME/wire-reader/ (else ~/.cache/wire-reader/), or refresh it: only files "
        "whose size or mtime changed, and added or removed files, are read again.",
        epilog=_examples("reader index ~/archive"),
        formatter_class=fmt,
    )
    ix.add_argument("folder", type=Path, metavar="FOLDER")

    si = sub.add_parser(
        "similar",
        help="rank the articles of a folder by the text they share with one article",
        description="Find the copies of a story: the articles of FOLDER that share text with FILE, "
        "best first, from the folder's index.",
        epilog=_examples("reader similar afp.txt --in ~/archive --json"),
        formatter_class=fmt,
    )
    si.add_argument("file", metavar="FILE")
    where = si.add_mutually_exclusive_group(required=True)
    where.add_argument("--in", dest="folder", type=Path, metavar="FOLDER")
    where.add_argument(
        "--from", dest="tables", type=Path, metavar="DIR", help="rank the articles of `reader spark`'s tables"
    )
    si.add_argument("--json", action="store_true", help='print JSON: [{"path", "score"}], best first')
    si.add_argument(
        "--limit", type=_at_least(1), default=20, metavar="N", help="show the best N (default 20)"
    )

    st = sub.add_parser(
        "stories",
        help="group a folder into stories: sets of versions of the same text",
        description="Group the articles of FOLDER into stories, each a set of versions of the "
        "same text, the likely original first.",
        epilog=_examples("reader stories ~/archive --json"),
        formatter_class=fmt,
    )
    st.add_argument("folder", type=Path, nargs="?", metavar="FOLDER")
    st.add_argument(
        "--from", dest="tables", type=Path, metavar="DIR", help="the stories `reader spark --out DIR` found"
    )
    st.add_argument("--json", action="store_true", help='print JSON: [{"story", "articles": [paths]}]')

    so = sub.add_parser(
        "story",
        help="one story across many outlets: what each copy kept, cut and changed",
        description="Compare every copy with the base (the likely original unless --base is "
        "given): one row per base paragraph, one column per copy.",
        epilog=_examples(
            "reader story afp.txt copy1.txt copy2.txt",
            "reader story ~/archive/story/*.txt --html > story.html",
        ),
        formatter_class=fmt,
    )
    so.add_argument(
        "files", nargs="+", metavar="FILE|FOLDER", help="the versions: files, folders or JSON Lines feeds"
    )
    so.add_argument("--base", metavar="FILE", help="the base article (default: the likely original)")
    out = so.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--html", action="store_true", help="write one self-contained HTML page to stdout")
    so.add_argument("--width", type=_at_least(20), help="columns to lay out for (default: the terminal's)")
    sp = sub.add_parser(
        "spark",
        help="index and group folders, JSON Lines or WARC files on Spark (local, HDFS, S3)",
        description="Run the index and the grouping into stories as a Spark job, with the same "
        "functions as `reader index` and `reader stories`, and write Parquet tables (articles, pairs, "
        "stories) under DIR; `reader stories --from DIR` and `reader similar FILE --from DIR` answer "
        "from them. Needs pyspark and Java: pip install 'wire-reader[spark]'.",
        epilog=_examples(
            "reader spark ~/archive --out ~/archive-spark --master 'local[2]'",
            "reader stories --from ~/archive-spark --json",
        ),
        formatter_class=fmt,
    )
    sp.add_argument("inputs", nargs="+", metavar="INPUT", help="folders, files, hdfs:// or s3a:// paths")
    sp.add_argument("--out", required=True, metavar="DIR", help="the tables' folder (not in an input)")
    sp.add_argument("--master", metavar="URL", help="Spark's master (default: local[*], every core here)")
    return p


class _Commands:
    """The sub-commands' parsers, only ``only``'s built when it is given."""

    def __init__(self, action, only: str | None) -> None:
        self._action, self._only = action, only

    def add_parser(self, name: str, **kwargs):
        if self._only is None or name == self._only:
            return self._action.add_parser(name, **kwargs)
        return _Unbuilt()


class _Unbuilt:
    """Stands for a sub-command's parser that is not built: takes its arguments and groups
    and keeps nothing."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


class _Version(argparse.Action):
    """--version, looked up only when asked for: reading the installed package's metadata
    costs every other command a fifth of its start-up."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        sys.stdout.write(f"{parser.prog} {_version()}\n")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wire-reader")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def parse(argv: list[str]) -> argparse.Namespace:
    """The arguments, ``open`` being the command when none is named."""
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["open", *argv]
    return build(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
