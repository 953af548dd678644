"""Page furniture in every language the tables know (``core/lang/<code>.json``), with
their patterns bundled so the regex engine scans each paragraph a few times, not once
a pattern. Apart from ``boilerplate`` because the bundling is its own piece of work.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lang, patterns


def table_reason(t: str, lower: str) -> str | None:
    """Page furniture in every language the tables know ("Lire aussi :", "Anzeige",
    "Suscríbete a nuestro boletín...")."""
    if len(t) > 400:
        return None
    for reason, anchored, bounded, gate, other in _table_checks():
        if (
            (anchored is not None and anchored.match(lower))
            or (bounded is not None and _holds_any(gate, lower) and _search_bounded(bounded, lower))
            or (other is not None and other.search(lower))
        ):
            return reason
    return None


def _holds_any(gate: tuple[str, ...] | None, text: str) -> bool:
    if gate is None:
        return True
    for part in gate:  # noqa: SIM110 - a loop: any() over a generator costs a quarter more
        if part in text:
            return True
    return False


_BOUNDARY = patterns.compile(r"\b")


@lru_cache(maxsize=1)
def _table_checks() -> tuple[
    tuple[
        str,
        re.Pattern[str] | None,
        re.Pattern[str] | None,
        tuple[str, ...] | None,
        re.Pattern[str] | None,
    ],
    ...,
]:
    """The tables' patterns of each reason in three bundles that the regex engine scans
    fast: those anchored at the start (matched there only), those opening on a word
    boundary (searched without it, each hit checked for it: a leading ``\\b`` keeps the
    engine from skipping ahead to the pattern's first letters, ten times slower), and
    the rest. The second comes with the phrases it cannot match without
    (``patterns.required``): an alternation of phrases is tried at every position of a
    paragraph, a few ``in`` tests are not (a third of loading a long article)."""
    out = []
    for reason, listed in lang.boilerplate_patterns():
        anchored, bounded, other = [], [], []
        for p in listed:
            if p.startswith("^") and _one_branch(p):
                anchored.append(p[1:])
            elif p.startswith("\\b") and _one_branch(p):
                bounded.append(p[2:])
            else:
                other.append(p)
        bundle = _union(bounded)
        gate = patterns.required(bundle.pattern) if bundle is not None else None
        out.append((reason, _union(anchored), bundle, gate, _union(other)))
    return tuple(out)


def _union(sources: list[str]) -> re.Pattern[str] | None:
    return patterns.compile("|".join(f"(?:{p})" for p in sources)) if sources else None


def _search_bounded(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``\\b`` followed by ``pattern`` occurs in ``text``."""
    m = pattern.search(text)
    while m is not None:
        if _BOUNDARY.match(text, m.start()):
            return True
        m = pattern.search(text, m.start() + 1)
    return False


def _one_branch(pattern: str) -> bool:
    """Whether a pattern has no ``|`` outside its groups (its opening ``^`` or ``\\b``
    then holds for all of it)."""
    depth = 0
    escaped = False
    class_start = -1  # where the character class being read opened, -1 outside one
    for k, c in enumerate(pattern):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif class_start >= 0:
            # "]" first in a class ("[]x]", "[^]x]") is a character of it.
            if c == "]" and pattern[class_start + 1 : k] not in ("", "^"):
                class_start = -1
        elif c == "[":
            class_start = k
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
    return True
