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
    insertions; a cut paragraph in A's column, an added one in B's), labelled; boilerplate
    folded; where a moved paragraph stood; each group's anchor is ``{prefix}g{index}``.
    Under 50em the columns stack, each side headed by its name."""
    blocks = plan_blocks(comparison, Options(side_by_side=True, typography=typography))
    pairs = [b for b in blocks if b.kind == "pair"]
    heads = [f"{esc(names[0])}: {esc(comparison.a.label)}", f"{esc(names[1])}: {esc(comparison.b.label)}"]
    if pairs:
        out = [_pairs_html(comparison, pairs, heads)]
    else:
        out = ['<div class="g cols">' + "".join(f'<div class="side">{h}</div>' for h in heads) + "</div>\n"]
    places = fact_places(comparison.groups, comparison.facts)
    for block in blocks:
        if block.kind != "pair":
            out.append(_block_html(comparison, block, prefix, typography, places, names))
    return "".join(out)


def _side(name: str, html: str, b: bool = False) -> str:
    return f'<div class="side{" b" if b else ""}" data-side="{esc(name)}">{html}</div>'


def _pairs_html(comparison: Comparison, blocks: list[Block], heads: list[str]) -> str:
    """Two separate reports read in parallel: A's k-th paragraph beside B's k-th, in one
    grid whose cells of B come after all of A's once the columns stack."""
    cells = [f'<div class="head">{heads[0]}</div><div class="head b">{heads[1]}</div>']
    for block in blocks:
        groups = [comparison.groups[i] for i in block.groups]
        a = next((esc(_text(comparison, g)) for g in groups if not g.b), "")
        b = next((esc(_text(comparison, g)) for g in groups if g.b), "")
        cells.append(f'<div>{a}</div><div class="b">{b}</div>')
    return f'<div class="pairs">{"".join(cells)}</div>\n'


def _block_html(
    comparison: Comparison, block: Block, prefix: str, typography: bool, places: dict, names: tuple[str, str]
) -> str:
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
    g = groups[0]
    facts_a, facts_b = places.get(block.groups[0], ([], []))
    label = " · ".join(x for x in (group_label(g), same_words(g)) if x)
    same = "" if block.change else " same"
    sides = ""
    if g.a:
        sides += _side(names[0], runs_html(side_runs(comparison, g, "a", typography, facts_a)))
    if g.b:
        sides += _side(names[1], runs_html(side_runs(comparison, g, "b", typography, facts_b)), b=True)
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
