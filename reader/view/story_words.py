"""The story view in words and symbols: what each cell, copy and status says, the
same in the terminal table, the HTML report, the app's matrix and the JSON.

The symbols carry the meaning on their own (no colour needed, e.g. under
``NO_COLOR``); a cell holding a fact (a quotation, a number, a name changed)
carries ‼ after its symbol.
"""

from __future__ import annotations

from reader.core.story import Additions, Cell, Row, Status, Story, StoryCopy, Trim
from reader.view.names import own_parts, shared_prefix
from reader.view.text import file_label, safe
from reader.view.words import paragraphs as para_label
from reader.view.words import plural, tally_words, verdict

SYMBOLS: dict[Status, str] = {
    Status.KEPT: "=",
    Status.TYPOGRAPHY: "~",
    Status.EDITED: "±",
    Status.REWRITTEN: "✎",
    Status.MERGED: "⇉",
    Status.SPLIT: "÷",
    Status.MOVED: "↕",
    Status.CUT: "✂",
    Status.ADDED: "+",
    Status.BOILERPLATE: "+",
    Status.UNRELATED: "≠",
}

# What a cell says of the facts in it.
FACT_NOTES: dict[tuple[str, str], str] = {
    ("quote", "changed"): "quotation altered",
    ("quote", "dropped"): "quotation cut",
    ("number", "changed"): "number changed",
    ("number", "dropped"): "number cut",
    ("name", "changed"): "name changed",
}

# The legend, in the order a reader meets the statuses.
MEANINGS: dict[Status, str] = {
    Status.KEPT: "kept",
    Status.TYPOGRAPHY: "typography only",
    Status.EDITED: "edited (% of words changed)",
    Status.REWRITTEN: "rewritten",
    Status.MERGED: "merged",
    Status.SPLIT: "split",
    Status.MOVED: "moved",
    Status.CUT: "cut",
    Status.ADDED: "added",
    Status.BOILERPLATE: "boilerplate added",
    Status.UNRELATED: "different write-up",
}


def legend() -> list[tuple[Status, str, str]]:
    """(status, symbol, meaning) once per symbol, in reading order: "+" stands for
    anything a copy added, boilerplate included."""
    entries: list[tuple[Status, str, str]] = []
    seen: set[str] = set()
    for status, symbol in SYMBOLS.items():
        if symbol not in seen:
            seen.add(symbol)
            entries.append((status, symbol, "added" if status is Status.ADDED else MEANINGS[status]))
    return entries


# What the cells abbreviate, said under the legend's symbols: every cell names the
# copy's paragraph; only the short labels say "w/N" and "bp".
PARAGRAPH_NOTE = "¶N: the copy's paragraph"
LABEL_NOTES = ("w/N: merged with base ¶N", "bp: boilerplate")

# A legend unit: runs that wrap together, each with the status whose style it takes
# (None: plain words).
LegendUnit = list[tuple[str, Status | None]]


def legend_units(labels: bool = True) -> list[LegendUnit]:
    """The legend as units that wrap whole: each symbol with its meaning, then the notes
    (those of the short labels when ``labels``: cells said in full need none)."""
    units: list[LegendUnit] = [[(sym, status), (f" {meaning}", None)] for status, sym, meaning in legend()]
    notes = (PARAGRAPH_NOTE, *LABEL_NOTES) if labels else (PARAGRAPH_NOTE,)
    return units + [[(note, None)] for note in notes]


def copy_sources(story: Story) -> list[str]:
    """Who published each copy: its outlet, else what its file name does not share with
    the other versions' ("…-moscowtimes.txt" says "moscowtimes"), else its agency, else
    its file name; two copies that would read the same add their own part of the name."""
    labels = [file_label(story.base), *(file_label(c.article) for c in story.copies)]
    own = own_parts(labels)[1:]
    named = shared_prefix(labels) > 0
    sources = [
        safe(c.article.outlet) or (own[k] if named else "") or safe(c.article.agency) or own[k]
        for k, c in enumerate(story.copies)
    ]
    repeated = {s for s in sources if sources.count(s) > 1}
    return [f"{s} · {own[k]}" if s in repeated and s != own[k] else s for k, s in enumerate(sources)]


def copy_names(story: Story) -> list[str]:
    """The copies' column headers: each one's number, then who published it."""
    return [f"#{k + 1} {source}" for k, source in enumerate(copy_sources(story))]


def copy_summary(copy: StoryCopy) -> tuple[str, str]:
    """A copy in a few cells, for under its name: (how much it kept, what it cut and
    added), ‼ first when it dropped or replaced the credit, or altered a quotation or a
    number; "≠ write-up" and "= same text" say it all."""
    if not copy.related:
        return "≠ write-up", ""
    if copy.equal:
        return "= same text", ""
    kept = f"{round(100 * copy.kept_share)}% kept"
    if copy.credit in ("dropped", "replaced") or copy.quotes_altered or copy.numbers_changed:
        kept = "‼" + kept
    extras = []
    if copy.trim.paragraphs:
        extras.append(f"✂{copy.trim.paragraphs}")
    added = copy.added.paragraphs + copy.added.boilerplate_paragraphs
    if added:
        extras.append(f"+{added}")
    return kept, " ".join(extras)


def paragraph_left(row: Row, digits: int) -> str:
    """A row's paragraph column on one line: the base paragraph's number (in ``digits``),
    or the copy that added the paragraph, before its text."""
    text = safe(row.text)
    if row.added:
        return f"{' ' * digits}+#{(row.copy or 0) + 1} {text}"
    return f"{row.base:>{digits}} {text}"


def symbol(cell: Cell) -> str:
    return SYMBOLS[cell.status]


def fact_note(cell: Cell) -> str:
    """The facts in a few words: "quotation altered, number changed"."""
    said = []
    for fact in cell.facts:
        words = FACT_NOTES.get((fact.kind, fact.change))
        if words and words not in said:
            said.append(words)
    return ", ".join(said)


def percent(cell: Cell) -> str:
    """Words changed as a percentage, never "0%" for a real edit."""
    pct = round(100 * cell.changed)
    if pct == 0 and cell.changed > 0:
        return "<1%"
    return f"{pct}%"


def label(cell: Cell) -> str:
    """A short label for a narrow column: symbol first, then where and how much; a
    cell holding a fact starts with ‼."""
    text = _label(cell)
    return f"{symbol(cell)}‼{text[len(symbol(cell)) :]}" if cell.facts else text


def _label(cell: Cell) -> str:
    s, to = cell.status, para_label(cell.b)
    if s in (Status.KEPT, Status.TYPOGRAPHY):
        return f"{symbol(cell)} {to}"
    if s is Status.EDITED:
        return f"{symbol(cell)} {percent(cell)} {to}"
    if s is Status.REWRITTEN:
        return f"{symbol(cell)} {to}"
    if s is Status.MERGED:
        text = f"{symbol(cell)} {to} w/{para_label(cell.with_a)[1:]}"
        return text + " ↕" if cell.moved else text
    if s is Status.SPLIT:
        return f"{symbol(cell)} {to}" + (" ↕" if cell.moved else "")
    if s is Status.MOVED:
        text = f"{symbol(cell)} in {to}" if cell.with_a else f"{symbol(cell)} {to}"
        return text + (f" {percent(cell)}" if cell.changed >= 0.005 and not cell.with_a else "")
    if s is Status.CUT:
        where = {"end": " end", "start": " top", "middle": ""}[cell.cut or "middle"]
        return f"{symbol(cell)}{where}" + (" bp" if cell.boilerplate else "")
    if s is Status.ADDED:
        if cell.repeats:
            return f"+ {to} rep {para_label(cell.repeats)}"
        return f"+ {to} {cell.words}w"
    if s is Status.BOILERPLATE:
        return f"+ {to} {cell.boilerplate or 'boilerplate'}"
    return symbol(cell)


def description(cell: Cell) -> str:
    """The cell in a sentence (tooltips, the app's status line, the HTML title)."""
    text = _description(cell)
    return f"{text}; {fact_note(cell)}" if cell.facts else text


def _description(cell: Cell) -> str:
    s, to = cell.status, para_label(cell.b)
    if s is Status.KEPT:
        return f"kept as {to}" + (", moved" if cell.moved else "")
    if s is Status.TYPOGRAPHY:
        return f"kept as {to}, typography only"
    if s is Status.EDITED:
        return f"edited as {to}: {percent(cell)} of words changed"
    if s is Status.REWRITTEN:
        return f"rewritten as {to}: {percent(cell)} of words changed"
    if s is Status.MERGED:
        moved = ", moved" if cell.moved else ""
        return f"merged with {para_label(cell.with_a)} into {to}{moved}: {percent(cell)} of words changed"
    if s is Status.SPLIT:
        moved = ", moved" if cell.moved else ""
        return f"split into {to}{moved}: {percent(cell)} of words changed"
    if s is Status.MOVED:
        if cell.with_a:
            return f"moved into {to} (with {para_label(cell.with_a)}): {percent(cell)} of words changed"
        return f"moved to {to}: {percent(cell)} of words changed"
    if s is Status.CUT:
        what = f"boilerplate ({cell.boilerplate})" if cell.boilerplate else plural(cell.words, "word")
        where = {"end": "from the end", "start": "from the top", "middle": "in the middle"}
        return f"cut {where[cell.cut or 'middle']}: {what}"
    if s is Status.ADDED:
        rep = f", repeats {para_label(cell.repeats)}" if cell.repeats else ""
        return f"added {to}: {plural(cell.words, 'word')}{rep}"
    if s is Status.BOILERPLATE:
        return f"added {plural(len(cell.b), 'paragraph')} of boilerplate ({cell.boilerplate}) at {to}"
    return "an independent write-up: not compared paragraph by paragraph"


def trim_words(trim: Trim) -> str:
    """Where a copy cut the base: "2 ¶ from the end, 1 ¶ in the middle"."""
    parts = []
    if trim.end:
        parts.append(f"{trim.end} ¶ from the end")
    if trim.start:
        parts.append(f"{trim.start} ¶ from the top")
    if trim.middle:
        parts.append(f"{trim.middle} ¶ in the middle")
    return ", ".join(parts) or "nothing cut"


def added_words(added: Additions) -> str:
    """What a copy added: "2 paragraphs, 8 ¶ boilerplate (donation appeal)"."""
    parts = []
    if added.paragraphs:
        parts.append(plural(added.paragraphs, "paragraph"))
    if added.boilerplate:
        reasons = ", ".join(dict.fromkeys(reason for reason, _ in added.boilerplate))
        parts.append(f"{added.boilerplate_paragraphs} ¶ boilerplate ({reasons})")
    return ", ".join(parts) or "nothing added"


def copy_words(copy: StoryCopy) -> str:
    """A copy in one line: kept, changed, credit, facts, then the tally in the words of
    the diff's summary (or the verdict of a separate write-up)."""
    if not copy.related:
        return verdict(copy.comparison.summary)
    parts = [f"keeps {round(100 * copy.kept_share)}%", f"{plural(copy.words_changed, 'word')} changed"]
    if copy.credit in ("dropped", "replaced"):
        parts.append(f"credit {copy.credit}")
    if copy.quotes_altered:
        parts.append(f"{plural(copy.quotes_altered, 'quotation')} altered")
    if copy.numbers_changed:
        parts.append(f"{plural(copy.numbers_changed, 'number')} changed")
    parts.extend(tally_words(copy.comparison.summary.tally))
    return " · ".join(parts)
