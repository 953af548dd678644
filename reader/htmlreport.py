"""Self-contained HTML reports: a story matrix with each copy's word diff
(``reader story --html``) and a two-article comparison (``reader diff --html``).

One file, meant to be mailed: inline CSS, no script, no font, no image, no
link to anything outside the page (the only links are to anchors within it).
A checkbox hides unchanged paragraphs through CSS alone. Article text is
untrusted: everything that comes from a file is stripped of control
characters and HTML-escaped, attributes included.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from .core.facts import fact_places, holds_fact
from .core.labels import (
    boilerplate_line,
    fact_words,
    facts_line,
    group_label,
    paragraphs,
    plural,
    unrelated_note,
)
from .core.model import Article, Comparison, Group
from .core.sanitize import clean
from .core.story import MEANINGS, SYMBOLS, Cell, Row, Story, StoryCopy

CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --dim: #6b6b70; --line: #d8d8dc;
  --del: #a40e26; --delbg: #ffe4e6; --ins: #0b6b2c; --insbg: #dcfce7; --head: #f4f4f6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #151517; --dim: #a0a0a8;
  --line: #3a3a40; --del: #ff9aa8; --delbg: #4a1820; --ins: #8ee6a8; --insbg: #12391f; --head: #222227; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); margin: 1.5em auto; max-width: 80em; padding: 0 1em; }
h1 { font-size: 1.4em; margin: 0 0 .3em; } h2 { font-size: 1.15em; margin: 2em 0 .3em; }
.meta, .note, .dim { color: var(--dim); } .verdict { font-weight: 600; }
a { color: inherit; }
table { border-collapse: collapse; }
.copies td, .copies th { padding: .25em .6em; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
.copies td.n { text-align: right; font-variant-numeric: tabular-nums; }
.matrix-wrap { overflow-x: auto; }
.matrix th, .matrix td { padding: .15em .5em; border-bottom: 1px solid var(--line); white-space: nowrap;
  text-align: left; }
.matrix thead th { position: sticky; top: 0; background: var(--head); vertical-align: bottom; }
.matrix td.p { text-align: right; color: var(--dim); font-variant-numeric: tabular-nums; }
.matrix td.t { max-width: 26em; overflow: hidden; text-overflow: ellipsis; }
.matrix tr.added td.t { font-style: italic; color: var(--dim); }
.matrix td a { text-decoration: none; }
.s-kept, .s-typography { color: #1a7f37; } .s-edited, .s-rewritten { color: #9a6700; }
.s-merged, .s-split { color: #0969da; }
.s-moved { color: #8250df; } .s-cut { color: #cf222e; } .s-added { color: #0550ae; }
.s-boilerplate, .s-unrelated { color: var(--dim); }
@media (prefers-color-scheme: dark) { .s-kept, .s-typography { color: #4ac26b; }
  .s-edited, .s-rewritten { color: #d4a72c; }
  .s-merged, .s-split { color: #54aeff; } .s-moved { color: #c297ff; } .s-cut { color: #ff8182; }
  .s-added { color: #80ccff; } }
.legend span { margin-right: 1.2em; white-space: nowrap; }
.g { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.5em; padding: .4em 0;
  border-top: 1px solid var(--line); }
.g h3 { grid-column: 1 / -1; font-size: .85em; font-weight: 600; margin: 0 0 .2em; color: var(--dim); }
.g .side { white-space: pre-wrap; overflow-wrap: anywhere; }
.g .only { grid-column: 1 / -1; }
.g.cols { font-weight: 600; color: var(--dim); border-top: 0; }
del { color: var(--del); background: var(--delbg); text-decoration: line-through; }
ins { color: var(--ins); background: var(--insbg); text-decoration: underline; }
.ty { text-decoration: underline dotted; }
.fact { font-weight: 700; } .fact::before { content: "‼"; }
.facts { margin: .3em 0 1em; padding-left: 1.2em; } .facts li { margin: .1em 0; }
.facts li::marker { content: "‼ "; font-weight: 700; }
details.bp { border-top: 1px solid var(--line); padding: .4em 0; color: var(--dim); }
details.bp div { white-space: pre-wrap; }
#hide-same:checked ~ main .same { display: none; }
@media (max-width: 50em) { .g { grid-template-columns: 1fr; } .g .side + .side { margin-top: .4em; } }
"""


def esc(text: object) -> str:
    """Untrusted text made safe for HTML content and quoted attributes."""
    return html.escape(clean(str(text)), quote=True)


def _page(title: str, body: Iterable[str]) -> str:
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="wire-reader">\n',
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            *body,
            "</body>\n</html>\n",
        ]
    )


def _article_line(tag: str, article: Article) -> str:
    facts = [x for x in (article.agency, article.dateline, article.outlet, article.date) if x]
    facts.append(plural(article.words, "word"))
    return (
        f'<p class="meta"><b>{esc(tag)}</b> {esc(article.label)} ({esc(", ".join(facts))})'
        f"<br>{esc(article.title)}</p>\n"
    )


# -- word diffs ---------------------------------------------------------------


def _side(group: Group, side: str, typography: bool, facts: list[str] | tuple[str, ...] = ()) -> str:
    """One side of a group's word diff; a change holding one of ``facts`` is marked as a fact
    (bold, with ‼). A rewritten group is its plain text: a word diff would be a salad."""
    if group.kind == "rewritten":
        return esc("".join(op.a if side == "a" else op.b for op in group.ops))
    out = []
    mark = "del" if side == "a" else "ins"
    for op in group.ops:
        part = op.a if side == "a" else op.b
        if not part:
            continue
        if op.tag == "equal" or (op.tag == "typography" and not typography):
            out.append(esc(part))
        elif op.tag == "typography":
            out.append(f'<span class="ty">{esc(part)}</span>')
        elif holds_fact(part, facts):
            out.append(f'<{mark} class="fact">{esc(part)}</{mark}>')
        else:
            out.append(f"<{mark}>{esc(part)}</{mark}>")
    return "".join(out)


def facts_html(comparison: Comparison) -> str:
    """The facts of a comparison as a list, each linked to its place in the word diff."""
    if not comparison.facts:
        return ""
    items = "".join(f"<li>{esc(fact_words(f, limit=200))}</li>" for f in comparison.facts)
    return f'<p class="verdict">{esc(facts_line(comparison.facts))}</p>\n<ul class="facts">{items}</ul>\n'



def _unchanged(group: Group, typography: bool) -> bool:
    if group.moved or group.moved_a:
        return False
    return group.kind == "identical" or (group.kind == "typography" and not typography)


def groups_html(
    comparison: Comparison, prefix: str, typography: bool = False, names: tuple[str, str] = ("A", "B")
) -> str:
    """Each group side by side (A with its deletions, B with its insertions),
    labelled; boilerplate folded; each group's anchor is ``{prefix}g{index}``."""
    out = [
        f'<div class="g cols"><div class="side">{esc(names[0])}: {esc(comparison.a.label)}</div>'
        f'<div class="side">{esc(names[1])}: {esc(comparison.b.label)}</div></div>\n'
    ]
    places = fact_places(comparison.groups, comparison.facts)
    for gi, g in enumerate(comparison.groups):
        anchor = f"{prefix}g{gi}"
        facts_a, facts_b = places.get(gi, ([], []))
        if g.kind == "boilerplate":
            texts = [(comparison.b if g.b else comparison.a).paragraphs[i].text for i in (g.b or g.a)]
            body = "\n\n".join(esc(t) for t in texts)
            out.append(
                f'<details class="bp" id="{anchor}"><summary>{esc(boilerplate_line(g))} '
                f"({esc(paragraphs(g.b or g.a))})</summary><div>{body}</div></details>\n"
            )
            continue
        label = group_label(g)
        if g.a and g.b and g.kind != "identical":
            label += f" · {round(100 * g.similarity)}% same words"
        same = " same" if _unchanged(g, typography) else ""
        if g.a and g.b:
            sides = (
                f'<div class="side">{_side(g, "a", typography, facts_a)}</div>'
                f'<div class="side">{_side(g, "b", typography, facts_b)}</div>'
            )
        else:
            only = _side(g, "a" if g.a else "b", typography, facts_a or facts_b)
            sides = f'<div class="side only">{only}</div>'
        out.append(f'<div class="g{same}" id="{anchor}"><h3>{esc(label)}</h3>{sides}</div>\n')
    return "".join(out)


def _toggle() -> str:
    return '<input type="checkbox" id="hide-same"> <label for="hide-same">hide unchanged paragraphs</label>\n'


def _unrelated_html(comparison: Comparison) -> str:
    paras = "\n\n".join(esc(p.text) for p in comparison.b.paragraphs)
    return (
        f'<p class="note">{esc(unrelated_note(comparison))}</p>\n'
        f'<details class="bp"><summary>its text ({plural(len(comparison.b.paragraphs), "paragraph")})'
        f"</summary><div>{paras}</div></details>\n"
    )


def pair_page(comparison: Comparison, typography: bool = False) -> str:
    """``reader diff A B --html``."""
    a, b = comparison.a, comparison.b
    body = [
        _toggle(),
        "<main>\n",
        f"<h1>{esc(a.label)} → {esc(b.label)}</h1>\n",
        _article_line("A", a),
        _article_line("B", b),
        f'<p class="verdict">{esc(comparison.summary.verdict)}</p>\n',
        facts_html(comparison),
        _key(typography),
    ]
    if comparison.summary.related:
        body.append(groups_html(comparison, "", typography))
    else:
        body.append(_unrelated_html(comparison))
    body.append("</main>\n")
    return _page(f"{a.label} → {b.label}", body)


def _key(typography: bool) -> str:
    shown = "shown dotted" if typography else "hidden"
    return (
        f'<p class="note"><del>deleted</del> <ins>inserted</ins> · typography-only changes '
        f"(quotes, dashes, spaces) {shown} · paragraph numbers count from 0</p>\n"
    )


# -- the story matrix ---------------------------------------------------------


def _legend() -> str:
    spans = []
    for status, symbol in SYMBOLS.items():
        spans.append(f'<span class="s-{status.value}">{esc(symbol)} {esc(MEANINGS[status])}</span>')
    return f'<p class="legend">{"".join(spans)}</p>\n'


def _copy_name(article: Article) -> str:
    return article.outlet or article.label


def _copies_table(story: Story) -> str:
    rows = []
    for k, c in enumerate(story.copies):
        a = c.article
        if c.related:
            kept = f"{round(100 * c.kept_share)}%"
            changed, cut, added = str(c.words_changed), c.trim.describe(), c.added.describe()
            credit = c.credit or "–"
            quotes, numbers = str(c.quotes_altered), str(c.numbers_changed)
        else:
            kept = changed = credit = quotes = numbers = "–"
            cut = added = ""
        rows.append(
            f'<tr><td><a href="#c{k}">#{k + 1}</a></td><td>{esc(a.label)}<br>'
            f'<span class="dim">{esc(a.title)}</span></td>'
            f"<td>{esc(', '.join(x for x in (a.outlet, a.agency) if x))}</td>"
            f'<td class="n">{a.words}</td><td class="n">{kept}</td><td class="n">{changed}</td>'
            f'<td>{esc(credit)}</td><td class="n">{quotes}</td><td class="n">{numbers}</td>'
            f"<td>{esc(cut)}</td><td>{esc(added)}</td><td>{esc(c.verdict)}</td></tr>\n"
        )
    return (
        '<table class="copies"><thead><tr><th></th><th>copy</th><th>outlet</th><th>words</th>'
        "<th>kept</th><th>words changed</th><th>agency credit</th><th>quotations altered</th>"
        "<th>numbers changed</th><th>cut</th><th>added</th><th>verdict</th></tr></thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody></table>\n"
    )


def _cell_html(k: int, cell: Cell | None) -> str:
    if cell is None:
        return "<td></td>"
    text = esc(cell.label)
    if cell.group is not None:
        text = f'<a href="#c{k}g{cell.group}">{text}</a>'
    return f'<td class="s-{cell.status.value}" title="{esc(cell.description)}">{text}</td>'


def _matrix_row(row: Row) -> str:
    cells = "".join(_cell_html(k, c) for k, c in enumerate(row.cells))
    text = " ".join(row.text.split())
    if row.added:
        head = f'<td class="p">+#{(row.copy or 0) + 1}</td>'
        cls = ' class="added"'
    else:
        head = f'<td class="p">{row.base}</td>'
        cls = ' class="bp"' if row.boilerplate else ""
    short = text if len(text) <= 90 else text[:89] + "…"
    return f'<tr{cls}>{head}<td class="t" title="{esc(text)}">{esc(short)}</td>{cells}</tr>\n'


def _matrix(story: Story) -> str:
    heads = "".join(
        f'<th><a href="#c{k}">#{k + 1}</a><br>{esc(_short(_copy_name(c.article)))}</th>'
        for k, c in enumerate(story.copies)
    )
    rows = "".join(_matrix_row(r) for r in story.rows)
    return (
        '<div class="matrix-wrap"><table class="matrix"><thead><tr><th>¶</th><th>base paragraph</th>'
        f"{heads}</tr></thead>\n<tbody>\n{rows}</tbody></table></div>\n"
    )


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _copy_section(k: int, c: StoryCopy) -> str:
    head = (
        f'<h2 id="c{k}">#{k + 1} {esc(c.article.label)}</h2>\n'
        + _article_line("copy", c.article)
        + f'<p class="verdict">{esc(c.describe())}</p>\n'
        + facts_html(c.comparison)
    )
    if not c.related:
        return head + _unrelated_html(c.comparison)
    return head + groups_html(c.comparison, f"c{k}", names=("base", f"#{k + 1}"))


def story_page(story: Story) -> str:
    """``reader story --html``: the matrix, then each copy's word diff against the base."""
    base = story.base
    title = f"Story: {base.title}" if base.title else f"Story: {base.label}"
    unrelated = sum(1 for c in story.copies if not c.related)
    count = "1 copy" if len(story.copies) == 1 else f"{len(story.copies)} copies"
    extra = f", {unrelated} of them a different write-up" if unrelated else ""
    body = [
        _toggle(),
        "<main>\n",
        f"<h1>{esc(title)}</h1>\n",
        _article_line("base", base),
        f'<p class="note">The likely original: {esc(story.why)}</p>\n' if story.why else "",
        f'<p class="note">{count} compared with the base{esc(extra)}. Each cell says what the copy '
        "did with the base paragraph; ¶N is the copy's paragraph (click for its word diff).</p>\n",
        _legend(),
        _matrix(story),
        "<h2>Copies</h2>\n",
        _copies_table(story),
        _key(False),
        *(_copy_section(k, c) for k, c in enumerate(story.copies)),
        "</main>\n",
    ]
    return _page(title, body)
