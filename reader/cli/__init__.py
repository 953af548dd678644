"""The ``reader`` command.

``reader [FOLDER|FILE...]`` opens the app; the sub-commands work from the shell
and in pipes, and never import textual (the app is imported only to open it).
Each group of commands is a module of its own; they share ``errors`` (exit
statuses, ``Trouble``, JSON) and none of them sees the parser.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from .errors import EXIT_INTERRUPTED, EXIT_SAME, EXIT_TROUBLE, Trouble, say


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and hasattr(signal, "SIGPIPE"):
        # A closed pipe (| head) ends the command as it ends cat or diff: by SIGPIPE,
        # status 141, whatever had been printed or computed.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        from .parser import parse

        args = parse(list(sys.argv[1:] if argv is None else argv))
        code = _run(args)
        if argv is None and args.command in _LEAVE_AT_ONCE:
            _leave(code)
        return code
    except Trouble as exc:
        say(str(exc))
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of a pipe went away (| head): not our trouble.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_SAME


# Commands that leave nothing running and no exit handler to run once their output is
# written: the process ends there, without the interpreter's tear-down.
_LEAVE_AT_ONCE = frozenset(("align", "diff", "stats"))


def _leave(code: int) -> None:
    """End the process with ``code`` now. Freeing every object of a comparison one by
    one, and a last collection, took 14 ms after a 100k-word diff and 4 ms after a
    short one (a tenth of its run), for memory the system takes back anyway."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None when the command was started with it closed
            stream.flush()
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    if args.command == "open":
        from .articles import open_app

        return open_app(args.paths, theme=args.theme, tables=args.tables)
    if args.command == "list":
        from .articles import list_articles

        return list_articles(args.paths, as_json=args.json)
    if args.command == "spark" or (getattr(args, "tables", None) and args.command in ("similar", "stories")):
        from . import spark

        if args.command == "spark":
            return spark.spark(args.inputs, args.out, master=args.master)
        if args.command == "similar":
            return spark.similar(args.file, args.tables, as_json=args.json, limit=args.limit)
        if args.folder is not None:
            raise Trouble("give a FOLDER or --from DIR, not both")
        return spark.stories(args.tables, as_json=args.json)
    if args.command == "stories" and args.folder is None:
        raise Trouble("stories: give a FOLDER, or --from DIR for the tables of reader spark")
    if args.command in ("index", "similar", "stories"):
        from . import library

        if args.command == "index":
            return library.index(args.folder)
        if args.command == "similar":
            return library.similar(args.file, args.folder, as_json=args.json, limit=args.limit)
        return library.stories(args.folder, as_json=args.json)
    if args.command == "story":
        from .story import story

        return story(args.files, base=args.base, as_json=args.json, as_html=args.html, width=args.width)
    from . import compare
    from .pair import load_pair

    a, b, keys = load_pair(args.a, args.b)
    if args.command == "align":
        return compare.align(a, b, as_json=args.json, typography=args.typography, keys=keys)
    if args.command == "stats":
        return compare.stats(a, b, as_json=args.json, typography=args.typography, keys=keys)
    if args.html:
        return compare.diff_html(a, b, typography=args.typography, keys=keys)
    return compare.diff(
        a, b, width=args.width, color=args.color, context=args.context, typography=args.typography, keys=keys
    )
