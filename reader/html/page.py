"""The chrome of the self-contained HTML reports: one file, meant to be mailed.

Inline CSS, no script, no font, no image, no link to anything outside the page
(the only links are to anchors within it). A checkbox hides unchanged
paragraphs through CSS alone. Article text is untrusted: everything that comes
from a file is stripped of control characters and HTML-escaped, attributes
included.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from reader.core.model import Article
from reader.core.sanitize import clean
from reader.view.words import plural

CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --dim: #6b6b70; --line: #d8d8dc;
  --del: #a40e26; --delbg: #ffe4e6; --ins: #0b6b2c; --insbg: #dcfce7; --head: #f4f4f6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #151517; --dim: #a0a0a8;
  --line: #3a3a40; --del: #ff9aa8; --delbg: #4a1820; --ins: #8ee6a8; --insbg: #12391f; --head: #222227; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); margin: 1.5em auto; max-width: 80em; padding: 0 1em; overflow-wrap: break-word; }
h1 { font-size: 1.4em; margin: 0 0 .3em; } h2 { font-size: 1.15em; margin: 2em 0 .3em; }
h1, h2, .meta, .note, .ghost, summary { overflow-wrap: anywhere; }
.meta, .note, .dim { color: var(--dim); } .verdict { font-weight: 600; }
a { color: inherit; }
table { border-collapse: collapse; }
.table-wrap { overflow-x: auto; }
.copies td, .copies th { padding: .25em .6em; text-align: left; vertical-align: top; }
.copies th, .copies tr.v td { border-bottom: 1px solid var(--line); }
.copies tr.v td { padding-top: 0; }
.copies td.n { text-align: right; font-variant-numeric: tabular-nums; } .copies td.w { min-width: 7em; }
.matrix th, .matrix td { padding: .15em .5em; border-bottom: 1px solid var(--line); white-space: nowrap;
  text-align: left; }
.matrix thead th { background: var(--head); vertical-align: bottom; }
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
.legend span { display: inline-block; margin-right: 1.2em; white-space: nowrap; }
.g, .pairs { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.5em; }
.g { padding: .4em 0; border-top: 1px solid var(--line); }
.g h3 { grid-column: 1 / -1; font-size: .85em; font-weight: 600; margin: 0 0 .2em; color: var(--dim); }
.g .side, .pairs > div { white-space: pre-wrap; overflow-wrap: anywhere; }
.g .side.b { grid-column: 2; }
.g.cols, .pairs > .head { font-weight: 600; color: var(--dim); border-top: 0; white-space: normal; }
.pairs > div { padding: .4em 0; border-top: 1px solid var(--line); }
del { color: var(--del); background: var(--delbg); text-decoration: line-through; }
ins { color: var(--ins); background: var(--insbg); text-decoration: underline; }
.ty { text-decoration: underline dotted; }
.fact { font-weight: 700; }
.ghost, .hidden { color: var(--dim); font-style: italic; margin: 0; padding: .4em 0;
  border-top: 1px solid var(--line); }
.facts { margin: .3em 0 1em; padding-left: 1.2em; } .facts li { margin: .1em 0; overflow-wrap: anywhere; }
.facts li::marker { content: "‼ "; font-weight: 700; }
details.bp { border-top: 1px solid var(--line); padding: .4em 0; color: var(--dim); }
details.bp div { white-space: pre-wrap; overflow-wrap: anywhere; }
#hide-same:checked ~ main .same { display: none; }
@media (max-width: 50em) {
  body { margin-top: 1em; padding: 0 .75em; } h1 { font-size: 1.25em; }
  .g, .pairs { grid-template-columns: 1fr; }
  .g .side.b { grid-column: auto; }
  .g .side + .side { margin-top: .4em; }
  .g .side[data-side]::before { content: attr(data-side); display: block; font-size: .8em;
    font-weight: 600; color: var(--dim); }
  .pairs > .b { order: 1; } .pairs > :empty { display: none; } .pairs > .head.b { margin-top: 1em; }
  .matrix td.t { max-width: 9em; }
  .copies, .copies tbody { display: block; } .copies thead, .copies tr.v td:first-child { display: none; }
  .copies tbody { padding: .5em 0; border-bottom: 1px solid var(--line); }
  .copies tr { display: flex; flex-wrap: wrap; column-gap: 1.2em; }
  .copies td, .copies tr.v td { border: 0; padding: 0; min-width: 0; }
  .copies td.name { flex: 1 1 calc(100% - 4em); overflow-wrap: anywhere; }
  .copies td[data-label]::before { content: attr(data-label) " "; color: var(--dim); }
  .copies td.na, .copies td:empty { display: none; }
}
"""


def esc(text: object) -> str:
    """Untrusted text made safe for HTML content and quoted attributes."""
    return html.escape(clean(str(text)), quote=True)


def page(title: str, body: Iterable[str]) -> str:
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


def article_line(tag: str, article: Article) -> str:
    facts = [x for x in (article.agency, article.dateline, article.outlet, article.date) if x]
    facts.append(plural(article.words, "word"))
    return (
        f'<p class="meta"><b>{esc(tag)}</b> {esc(article.label)} ({esc(", ".join(facts))})'
        f"<br>{esc(article.title)}</p>\n"
    )


def toggle() -> str:
    return '<input type="checkbox" id="hide-same"> <label for="hide-same">hide unchanged paragraphs</label>\n'


def key(typography: bool) -> str:
    shown = "shown dotted" if typography else "hidden"
    return (
        f'<p class="note"><del>deleted</del> <ins>inserted</ins> · typography-only changes '
        f"(quotes, dashes, spaces) {shown} · paragraph numbers count from 0</p>\n"
    )
