"""``reader story --html``: the story matrix, a table of copies, and each copy's
facts and word diff against the base, in one self-contained page."""

from __future__ import annotations

from reader.core.story import Cell, Row, Story, StoryCopy
from reader.view.story_words import (
    added_words,
    copy_sources,
    copy_words,
    description,
    label,
    legend_units,
    trim_words,
)
from reader.view.words import verdict

from .diff import blocks_html, facts_html, unrelated_html
from .page import article_line, esc, key, page, toggle

# -- the story matrix ---------------------------------------------------------


def _legend() -> str:
    spans = []
    for unit in legend_units():
        if len(unit) == 1:  # a note on the labels
            spans.append(f'<span class="dim">{esc(unit[0][0])}</span>')
            continue
        (sym, status), (meaning, _) = unit
        spans.append(f'<span class="s-{status.value if status else ""}">{esc(sym)}{esc(meaning)}</span>')
    return f'<p class="legend">{" ".join(spans)}</p>\n'


_COLUMNS = ("outlet", "words", "kept", "words changed", "agency credit")
_COLUMNS += ("quotations altered", "numbers changed", "cut", "added")
_NUMERIC = {"words", "kept", "words changed", "quotations altered", "numbers changed"}
_WORDY = {"cut", "added"}  # a few words: never squeezed to one a line


def _copies_table(story: Story) -> str:
    """One body per copy: a row of its numbers, then its verdict across them. Under 50em
    each body is a card, its cells named by ``data-label`` (a different write-up's
    empty cells, ``na``, left out)."""
    bodies = []
    for k, c in enumerate(story.copies):
        a = c.article
        outlet = ", ".join(x for x in (a.outlet, a.agency) if x)
        if c.related:
            values = [
                outlet,
                str(a.words),
                f"{round(100 * c.kept_share)}%",
                str(c.words_changed),
                c.credit or "–",
                str(c.quotes_altered),
                str(c.numbers_changed),
                trim_words(c.trim),
                added_words(c.added),
            ]
        else:
            values = [outlet, str(a.words), *["–"] * 5, "", ""]
        cells = []
        for column, value in zip(_COLUMNS, values, strict=True):
            kind = "n" if column in _NUMERIC else "w" if column in _WORDY else ""
            classes = " ".join(x for x in (kind, "na" if value == "–" else "") if x)
            cls = f' class="{classes}"' if classes else ""
            cells.append(f'<td{cls} data-label="{column}">{esc(value)}</td>')
        bodies.append(
            f'<tbody><tr><td><a href="#c{k}">#{k + 1}</a></td><td class="name">{esc(a.label)}<br>'
            f'<span class="dim">{esc(a.title)}</span></td>{"".join(cells)}</tr>\n'
            f'<tr class="v"><td></td><td colspan="{len(_COLUMNS) + 1}">'
            f"{esc(verdict(c.comparison.summary))}</td></tr></tbody>\n"
        )
    heads = "".join(f"<th>{column}</th>" for column in _COLUMNS)
    return (
        '<div class="table-wrap"><table class="copies">'
        f"<thead><tr><th></th><th>copy</th>{heads}</tr></thead>\n{''.join(bodies)}</table></div>\n"
    )


def _cell_html(k: int, cell: Cell | None) -> str:
    if cell is None:
        return "<td></td>"
    text = esc(label(cell))
    if cell.group is not None:
        text = f'<a href="#c{k}g{cell.group}">{text}</a>'
    return f'<td class="s-{cell.status.value}" title="{esc(description(cell))}">{text}</td>'


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
        f'<th><a href="#c{k}">#{k + 1}</a><br>{esc(_short(source))}</th>'
        for k, source in enumerate(copy_sources(story))
    )
    rows = "".join(_matrix_row(r) for r in story.rows)
    return (
        '<div class="table-wrap"><table class="matrix"><thead><tr><th>¶</th><th>base paragraph</th>'
        f"{heads}</tr></thead>\n<tbody>\n{rows}</tbody></table></div>\n"
    )


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _copy_section(k: int, c: StoryCopy) -> str:
    head = (
        f'<h2 id="c{k}">#{k + 1} {esc(c.article.label)}</h2>\n'
        + article_line("copy", c.article)
        + f'<p class="verdict">{esc(copy_words(c))}</p>\n'
        + facts_html(c.comparison)
    )
    if not c.related:
        return head + unrelated_html(c.comparison, f"c{k}")
    return head + blocks_html(c.comparison, f"c{k}", names=("base", f"#{k + 1}"))


def story_page(story: Story) -> str:
    """``reader story --html``: the matrix, then each copy's word diff against the base."""
    base = story.base
    title = f"Story: {base.title}" if base.title else f"Story: {base.label}"
    unrelated = sum(1 for c in story.copies if not c.related)
    count = "1 copy" if len(story.copies) == 1 else f"{len(story.copies)} copies"
    extra = f", {unrelated} of them a different write-up" if unrelated else ""
    body = [
        toggle(),
        "<main>\n",
        f"<h1>{esc(title)}</h1>\n",
        article_line("base", base),
        f'<p class="note">The likely original: {esc(story.why)}</p>\n' if story.why else "",
        f'<p class="note">{count} compared with the base{esc(extra)}. Each cell says what the copy '
        "did with the base paragraph; ¶N is the copy's paragraph (click for its word diff).</p>\n",
        _legend(),
        _matrix(story),
        "<h2>Copies</h2>\n",
        _copies_table(story),
        key(False),
        *(_copy_section(k, c) for k, c in enumerate(story.copies)),
        "</main>\n",
    ]
    return page(title, body)
