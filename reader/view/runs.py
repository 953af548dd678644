"""The text of one side of a group as runs of text with roles (deleted, inserted,
typography, fact, boilerplate...), from the word diff: what every painter draws.

With ``markers`` (no colour to rely on: a pipe, ``--color never``) the changes
also carry ``[-…-]`` and ``{+…+}`` in their text, as ``git diff --word-diff``
does; a change that is a fact starts with ‼ in any case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.core.facts import fact_finder
from reader.core.model import Article, Comparison, Group
from reader.view.words import edges
from reader.view.wrap import Run

# A change that is a fact (a number, a name, a quotation) starts with this mark.
FACT_MARK = "‼"
# Markers around changes where colour cannot be relied on.
MARKERS = {"del": ("[-", "-]"), "ins": ("{+", "+}")}


def side_runs(
    comparison: Comparison,
    group: Group,
    side: str,
    typography: bool,
    facts: Sequence[str] = (),
    markers: bool = False,
) -> list[Run]:
    """The text of one side of a group, as runs whose roles come from the word diff; a
    change holding one of ``facts`` (this side's) is a fact, marked "‼"."""
    article = comparison.a if side == "a" else comparison.b
    indices = group.a if side == "a" else group.b
    if not indices:
        return []
    if group.kind == "rewritten":
        return [("".join(op.a if side == "a" else op.b for op in group.ops), "text")]
    if group.ops:
        # Pieces of one role are gathered, then joined once: adding each to a growing
        # string would copy a long paragraph over and over.
        pieces: list[tuple[list[str], str]] = []
        holds_fact = fact_finder(facts)
        for op in group.ops:
            text = op.a if side == "a" else op.b
            if not text:
                continue
            if op.tag == "equal":
                role = "text"
            elif op.tag == "typography":
                role = "typo" if typography else "text"
            else:
                role = "del" if side == "a" else "ins"
            if role == "text":
                _add_piece(pieces, text, role)
                continue
            lead, core, trail = edges(text)
            if markers and role != "text":
                opening, closing = MARKERS["del" if side == "a" else "ins"]
                core = f"{opening}{core}{closing}"
            if role in ("del", "ins") and holds_fact(text):
                role = "fact-" + role
                core = f"{FACT_MARK}{core}"
            for piece, piece_role in ((lead, "text"), (core, role), (trail, "text")):
                if piece:
                    _add_piece(pieces, piece, piece_role)
        return [("".join(texts), role) for texts, role in pieces]
    text = "\n".join(article.paragraphs[i].text for i in indices if i < len(article.paragraphs))
    if group.kind == "deleted" or (side == "a" and not group.b):
        return [_marked(text, "del", markers)]
    if group.kind == "inserted" or (side == "b" and not group.a):
        return [_marked(text, "ins", markers)]
    return [(text, "text")]


def _marked(text: str, role: str, markers: bool) -> Run:
    if not markers:
        return (text, role)
    opening, closing = MARKERS[role]
    return (f"{opening}{text}{closing}", role)


def _add_piece(pieces: list[tuple[list[str], str]], text: str, role: str) -> None:
    if pieces and pieces[-1][1] == role:
        pieces[-1][0].append(text)
    else:
        pieces.append(([text], role))


def first_words(article: Article, indices: Sequence[int]) -> str:
    for i in indices:
        if i < len(article.paragraphs) and article.paragraphs[i].text.strip():
            return article.paragraphs[i].text
    return ""


def fold_summary(groups: Iterable[Group]) -> str:
    """``+8 paragraphs of boilerplate: donation appeal`` for a run of boilerplate groups."""
    only_a = only_b = both = 0
    reasons: list[str] = []
    for group in groups:
        if group.a and group.b:
            both += max(len(group.a), len(group.b))
        elif group.a:
            only_a += len(group.a)
        else:
            only_b += len(group.b)
        reason = group.boilerplate or "boilerplate"
        if reason not in reasons:
            reasons.append(reason)
    parts = []
    if only_a:
        parts.append(f"-{only_a}")
    if only_b:
        parts.append(f"+{only_b}")
    if both:
        parts.append(str(both))
    total = only_a + only_b + both
    noun = "paragraph" if total == 1 else "paragraphs"
    return f"{' '.join(parts)} {noun} of boilerplate: {', '.join(reasons)}"
