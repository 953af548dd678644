"""Words for groups, shared by the terminal output and the app's gutter.

Paragraph numbers count from 0, as in ``reader align --json``, so a number
seen on screen can be looked up in the JSON.
"""

from __future__ import annotations

from collections.abc import Sequence

from .datelines import canonical_agency, credit_agency
from .facts import Fact
from .model import Comparison, Group, Tally


def edges(text: str) -> tuple[str, str, str]:
    """A change split into its leading white space, its words and its trailing white
    space: a highlight (or a [- -] marker) covers only the words, so a struck or
    underlined space never makes two words look glued together."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    return lead, core, text[len(lead) + len(core) :]


def paragraphs(indices: tuple[int, ...]) -> str:
    """¶6, ¶6+7, ¶11–18 (runs of three or more as a range), ¶9+11."""
    if not indices:
        return ""
    runs: list[list[int]] = [[indices[0]]]
    for i in indices[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0]}–{run[-1]}")
        else:
            parts.extend(str(i) for i in run)
    return "¶" + "+".join(parts)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def tally_words(t: Tally) -> list[str]:
    """A tally in words, the same in the diff's summary, ``stats`` and the story view:
    "2 edited", "1 rewritten", "2 merges of 5 paragraphs", "1 split into 3",
    "3 paragraphs moved", "2 paragraphs cut from the end", ..."""
    parts = []
    if t.edited:
        parts.append(f"{t.edited} edited")
    if t.rewritten:
        parts.append(f"{t.rewritten} rewritten")
    if t.merges:
        parts.append(f"{plural(t.merges, 'merge')} of {t.merged} paragraphs")
    if t.splits:
        parts.append(f"{plural(t.splits, 'split')} into {t.split_into}")
    if t.moved:
        parts.append(f"{plural(t.moved, 'paragraph')} moved")
    if t.cut_from_end:
        parts.append(f"{plural(t.cut_from_end, 'paragraph')} cut from the end")
    if t.cut > t.cut_from_end:
        parts.append(f"{plural(t.cut - t.cut_from_end, 'paragraph')} cut")
    if t.added:
        parts.append(f"{plural(t.added, 'paragraph')} added")
    if t.boilerplate_added:
        parts.append(f"{plural(t.boilerplate_added, 'paragraph')} of boilerplate added")
    if t.boilerplate_cut:
        parts.append(f"{plural(t.boilerplate_cut, 'paragraph')} of boilerplate cut")
    return parts


_FACT_WORDS = {
    ("quote", "changed"): ("quotation", "altered"),
    ("quote", "dropped"): ("quotation", "cut"),
    ("quote", "added"): ("quotation", "added"),
    ("number", "changed"): ("number", "changed"),
    ("number", "dropped"): ("number", "cut"),
    ("number", "added"): ("number", "added"),
    ("name", "changed"): ("name", "changed"),
    ("name", "dropped"): ("name", "cut"),
    ("name", "added"): ("name", "added"),
}


def facts_line(facts: Sequence[Fact]) -> str:
    """The facts of a comparison in one line: "AFP credit dropped · 1 quotation altered ·
    2 numbers changed" (credits first, then counts in reading order of kinds)."""
    parts = [credit_words(f) for f in facts if f.kind == "credit"]
    counts: dict[tuple[str, str], int] = {}
    for f in facts:
        if f.kind != "credit":
            counts[(f.kind, f.change)] = counts.get((f.kind, f.change), 0) + 1
    for key in _FACT_WORDS:
        if counts.get(key):
            noun, verb = _FACT_WORDS[key]
            parts.append(f"{plural(counts[key], noun)} {verb}")
    return " · ".join(parts)


def credit_words(fact: Fact) -> str:
    """ "AFP credit dropped", "credit changed: AFP → Reuters", "AFP credit moved to the
    end" (the dateline dropped, the agency credited below the story)."""
    who_a = credit_agency(fact.a) if fact.a else None
    who_b = credit_agency(fact.b) if fact.b else None
    if fact.change == "changed":
        if who_a and who_b and canonical_agency(who_a) == canonical_agency(who_b):
            return f"{who_a} credit moved from the dateline to the end" if fact.a_paragraph == 0 or (
                fact.b_paragraph is not None and fact.b_paragraph > (fact.a_paragraph or 0)
            ) else f"{who_a} credit moved to the dateline"
        return f"credit changed: {who_a or fact.a} → {who_b or fact.b}"
    who = who_a if fact.change == "dropped" else who_b
    return f"{who} credit {fact.change}" if who else f"agency credit {fact.change}"


def fact_words(fact: Fact, limit: int | None = None) -> str:
    """One fact in a sentence, for lists and tooltips; quotations shortened to about
    ``limit`` characters each."""

    def short(text: str | None) -> str:
        text = text or ""
        if limit is None or len(text) <= limit:
            return text
        return text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit].rstrip(" ,;:") + "…"

    if fact.kind == "credit":
        return credit_words(fact) + (f": {fact.a or fact.b}" if fact.change != "changed" else "")
    noun, verb = _FACT_WORDS[(fact.kind, fact.change)]
    if fact.change == "changed":
        return f"{noun} {verb}: {short(fact.a)} → {short(fact.b)}"
    return f"{noun} {verb}: {short(fact.a or fact.b)}"


def boilerplate_line(group: Group) -> str:
    """The one line a folded run of boilerplate stands for."""
    side = group.b or group.a
    sign = "+" if group.b else "-"
    return f"{sign}{plural(len(side), 'paragraph')} of boilerplate: {group.boilerplate or 'boilerplate'}"


def group_label(group: Group) -> str:
    """``¶6+7 → ¶6 merged``, ``¶11 → ¶8 moved``, ``¶14 cut``, ``¶11 added``."""
    a, b = paragraphs(group.a), paragraphs(group.b)
    kind = group.kind
    if kind == "boilerplate":
        return f"{a or b} boilerplate"
    if kind == "deleted":
        return f"{a} cut"
    if kind == "inserted":
        return f"{b} added" + (f", repeats A {paragraphs(group.repeats)}" if group.repeats else "")
    if kind == "identical":
        return f"{a} = {b}"
    words = {"typography": "typography", "edited": "edited"}.get(kind, kind)
    label = f"{a} → {b} {words}"
    if group.moved and kind != "moved":
        label += ", moved"
    if group.moved_a:
        label += f", {paragraphs(group.moved_a)} moved"
    if group.moved_b:
        label += f", B {paragraphs(group.moved_b)} moved"
    return label


def unrelated_note(comparison: Comparison) -> str:
    """What to say instead of a word diff when A and B are separate reports."""
    note = "These are separate reports of the same news, so no word diff is shown."
    repeated = [g for g in comparison.groups if g.a and g.b]
    if repeated:
        pairs = ", ".join(f"{paragraphs(g.a)} = {paragraphs(g.b)}" for g in repeated)
        note += f" B repeats {plural(len(repeated), 'paragraph')} of A word for word: {pairs}."
    else:
        note = "No paragraph of B is a version of one in A. " + note
    return note
