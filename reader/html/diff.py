"""``reader diff A B --html``, and the word diffs the story report holds for each
copy: the shared layout's blocks (reader.view.layout), each group's two sides as
runs with roles turned into ``<del>``, ``<ins>`` and facts, side by side."""

from __future__ import annotations

from reader.core.facts import fact_places
from reader.core.model import Comparison, Group
from reader.view.layout import Block, Options, plan_blocks
from reader.view.runs import first_words, fold_summary, side_runs
from reader.view.words import (
    fact_words,
    facts_line,
    group_label,
    paragraphs,
    same_words,
    unrelated_note,
    verdict,
)
from reader.view.wrap import Run

from .page import article_line, esc, key, page, toggle

_TAGS = {
    "del": ("<del>", "</del>"),
    "ins": ("<ins>", "</ins>"),
    "fact-del": ('<del class="fact">', "</del>"),
    "fact-ins": ('<ins class="fact">', "</ins>"),
    "typo": ('<span class="ty">', "</span>"),
}


def runs_html(runs: list[Run]) -> str:
    out = []
    for text, role in runs:
        opening, closing = _TAGS.get(role, ("", ""))
        out.append(f"{opening}{esc(text)}{closing}")
    return "".join(out)


def facts_html(comparison: Comparison) -> str:
    """The facts of a comparison as a list."""
    if not comparison.facts:
        return ""
    items = "".join(f"<li>{esc(fact_words(f, limit=200))}</li>" for f in comparison.facts)
    return f'<p class="verdict">{esc(facts_line(comparison.facts))}</p>\n<ul class="facts">{items}</ul>\n'


def blocks_html(
    comparison: Comparison, prefix: str, typography: bool = False, names: tuple[str, str] = ("A", "B")
) -> str:
    """The comparison's blocks: each group side by side (A with its deletions, B with its
    insertions), labelled; boilerplate folded; where a moved paragraph stood; each
    group's anchor is ``{prefix}g{index}``."""
    out = [
        f'<div class="g cols"><div class="side">{esc(names[0])}: {esc(comparison.a.label)}</div>'
        f'<div class="side">{esc(names[1])}: {esc(comparison.b.label)}</div></div>\n'
    ]
    places = fact_places(comparison.groups, comparison.facts)
    for block in plan_blocks(comparison, Options(side_by_side=True, typography=typography)):
        out.append(_block_html(comparison, block, prefix, typography, places))
    return "".join(out)


def _block_html(comparison: Comparison, block: Block, prefix: str, typography: bool, places: dict) -> str:
    groups = [comparison.groups[i] for i in block.groups]
    anchor = f"{prefix}g{block.groups[0]}"
    if block.kind == "fold":
        sides_of = [(comparison.b if g.b else comparison.a, g.b or g.a) for g in groups]
        texts = [article.paragraphs[i].text for article, indices in sides_of for i in indices]
        body = "\n\n".join(esc(t) for t in texts)
        where = paragraphs(tuple(p for g in groups for p in (g.b or g.a)))
        return (
            f'<details class="bp" id="{anchor}"><summary>{esc(fold_summary(groups))} '
            f"({esc(where)})</summary><div>{body}</div></details>\n"
        )
    if block.kind == "ghost":
        dest = groups[0]
        quote = " ".join(first_words(comparison.a, block.moved).split())
        to = paragraphs(dest.b) if dest.b else "elsewhere"
        return (
            f'<p class="ghost">{esc(paragraphs(block.moved))} of A stood here, moved to '
            f'<a href="#{prefix}g{block.groups[0]}">{esc(to)}</a>: “{esc(quote[:160])}”</p>\n'
        )
    if block.kind == "pair":
        sides = "".join(f'<div class="side">{esc(_text(comparison, g))}</div>' for g in groups)
        return f'<div class="g">{sides}</div>\n'
    g = groups[0]
    facts_a, facts_b = places.get(block.groups[0], ([], []))
    label = " · ".join(x for x in (group_label(g), same_words(g)) if x)
    same = "" if block.change else " same"
    runs_a = side_runs(comparison, g, "a", typography, facts_a)
    runs_b = side_runs(comparison, g, "b", typography, facts_b)
    if g.a and g.b:
        sides = f'<div class="side">{runs_html(runs_a)}</div><div class="side">{runs_html(runs_b)}</div>'
    else:
        sides = f'<div class="side only">{runs_html(runs_a or runs_b)}</div>'
    return f'<div class="g{same}" id="{anchor}"><h3>{esc(label)}</h3>{sides}</div>\n'


def _text(comparison: Comparison, group: Group) -> str:
    """A paragraph of one of two separate reports, as it stands."""
    if group.b:
        return "\n".join(comparison.b.paragraphs[j].text for j in group.b)
    return "\n".join(comparison.a.paragraphs[i].text for i in group.a)


def unrelated_html(comparison: Comparison, prefix: str = "") -> str:
    """Two separate reports: the note, then both texts side by side."""
    return f'<p class="note">{esc(unrelated_note(comparison))}</p>\n' + blocks_html(comparison, prefix)


def pair_page(comparison: Comparison, typography: bool = False) -> str:
    """``reader diff A B --html``."""
    a, b = comparison.a, comparison.b
    body = [
        toggle(),
        "<main>\n",
        f"<h1>{esc(a.label)} → {esc(b.label)}</h1>\n",
        article_line("A", a),
        article_line("B", b),
        f'<p class="verdict">{esc(verdict(comparison.summary))}</p>\n',
        facts_html(comparison),
        key(typography),
    ]
    if comparison.summary.related:
        body.append(blocks_html(comparison, "", typography))
    else:
        body.append(unrelated_html(comparison))
    body.append("</main>\n")
    return page(f"{a.label} → {b.label}", body)
