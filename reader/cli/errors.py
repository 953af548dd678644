"""What every command shares: exit statuses (as diff(1): 0 the same, 1 different,
2 trouble), the one-line trouble report, and JSON on stdout."""

from __future__ import annotations

import json
import sys

from ..core.sanitize import escape_controls

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130


class Trouble(Exception):
    """A problem to report in one line on stderr, with exit status 2."""


def say(message: str) -> None:
    """One line on stderr, as every message of the command: ``reader: ...``. Names in
    it are escaped where they are put in (escape_name); what else slipped in is escaped
    here, so that nothing reaches the terminal raw."""
    print(f"reader: {escape_controls(message)}", file=sys.stderr, flush=True)


def status(same: bool) -> int:
    return EXIT_SAME if same else EXIT_DIFFERENT


def dump_json(data: object) -> None:
    """JSON on stdout, in UTF-8 whatever the locale says (RFC 8259). Names that are not
    UTF-8 come escaped (view.json.path_fields); should a lone surrogate still be in the
    data, it is written as a \\u escape rather than as a byte no UTF-8 reader takes."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        encoded = json.dumps(data, ensure_ascii=True, indent=1).encode("ascii")
    _write_utf8(encoded + b"\n")


def write_page(page: str) -> None:
    """An HTML page on stdout, in UTF-8 whatever the locale says (it declares
    <meta charset="utf-8">)."""
    _write_utf8(page.encode("utf-8", "backslashreplace"))


def _write_utf8(data: bytes) -> None:
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    out.write(data)
