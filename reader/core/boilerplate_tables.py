"""Page furniture in every language the tables know (``core/lang/<code>.json``), with
their patterns bundled so the regex engine scans each paragraph a few times, not once
a pattern. Apart from ``boilerplate`` because the bundling is its own piece of work.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lang, patterns
from .patterns import holds_any


def table_reason(t: str, lower: str) -> str | None:
    """Page furniture in every language the tables know ("Lire aussi :", "Anzeige",
    "Suscríbete a nuestro boletín...")."""
    if len(t) > 400:
        return None
    # One match of all the reasons' anchored bundles tells whether any of them matches:
    # most paragraphs then skip nine, and the reasons with no other patterns.
    anchored_any, unanchored = _anchored_any()
    if anchored_any is not None and anchored_any.match(lower):
        return _first_reason(lower, _table_checks())
    return _first_reason(lower, unanchored)


def _first_reason(lower: str, checks: tuple[_Check, ...]) -> str | None:
    """The first reason whose anchored, bounded or other patterns match."""
    for reason, anchored, bounded, gate, other, other_gate in checks:
        if (
            (anchored is not None and anchored.match(lower))
            or (bounded is not None and holds_any(gate, lower) and _search_bounded(bounded, lower))
            or (other is not None and holds_any(other_gate, lower) and other.search(lower))
        ):
            return reason
    return None


_BOUNDARY = patterns.compile(r"\b")

TYPE_CHECKING = False  # typing's, without importing typing at every start (checkers know it)
if TYPE_CHECKING:
    # A reason's patterns: (reason, anchored, bounded, the bounded ones' gate, other, the
    # other ones' gate); see _table_checks.
    _Check = tuple[
        str,
        re.Pattern[str] | None,
        re.Pattern[str] | None,
        tuple[str, ...] | None,
        re.Pattern[str] | None,
        tuple[str, ...] | None,
    ]


@lru_cache(maxsize=1)
def _table_checks() -> tuple[_Check, ...]:
    """The tables' patterns of each reason in three bundles that the regex engine scans
    fast: those anchored at the start (matched there only), those opening on a word
    boundary (searched without it, each hit checked for it: a leading ``\\b`` keeps the
    engine from skipping ahead to the pattern's first letters, ten times slower), and
    the rest. The last two come with the phrases they cannot match without
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
        bundle, rest = _union(bounded), _union(other)
        gate = patterns.required(bundle.pattern) if bundle is not None else None
        other_gate = patterns.required(rest.pattern) if rest is not None else None
        out.append((reason, _union(anchored), bundle, gate, rest, other_gate))
    return tuple(out)


@lru_cache(maxsize=1)
def _anchored_any() -> tuple[re.Pattern[str] | None, tuple[_Check, ...]]:
    """All the reasons' anchored bundles in one (it matches where one of them does), and
    the checks of the reasons that have other patterns, without their anchored bundle:
    where the one does not match, none of them does."""
    checks = _table_checks()
    anchored_any = _union([anchored.pattern for _, anchored, *_ in checks if anchored is not None])
    unanchored = tuple(
        (reason, None, bounded, gate, other, other_gate)
        for reason, _, bounded, gate, other, other_gate in checks
        if bounded is not None or other is not None
    )
    return anchored_any, unanchored


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
