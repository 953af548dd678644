"""What every command shares: exit statuses (as diff(1): 0 the same, 1 different,
2 trouble), the one-line trouble report, and JSON on stdout."""

from __future__ import annotations

import json
import sys

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130


class Trouble(Exception):
    """A problem to report in one line on stderr, with exit status 2."""


def say(message: str) -> None:
    """One line on stderr, as every message of the command: ``reader: ...``."""
    print(f"reader: {message}", file=sys.stderr, flush=True)


def status(same: bool) -> int:
    return EXIT_SAME if same else EXIT_DIFFERENT


def dump_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def write_page(page: str) -> None:
    """An HTML page on stdout, in UTF-8 whatever the locale says (it declares
    <meta charset="utf-8">)."""
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is None:
        sys.stdout.write(page)
        return
    sys.stdout.flush()
    out.write(page.encode("utf-8"))
