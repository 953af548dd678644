"""What the core found, in words: group labels, verdicts, tallies and facts, said
once for the terminal, the HTML reports, the app and the JSON.

Paragraph numbers count from 0, as in ``reader align --json``, so a number
seen on screen can be looked up in the JSON.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.datelines import canonical_agency, credit_agency
from reader.core.facts import Fact
from reader.core.model import Comparison, Group, Summary, Tally
from reader.core.original import Choice


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
    if len(indices) < 2:
        return f"¶{indices[0]}" if indices else ""
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


def verdict(summary: Summary) -> str:
    """The comparison in one line: "B keeps 71% of A · 2 edited · 1 merge of 2
    paragraphs · ...", or "different write-ups, 6% shared text"."""
    if not summary.related:
        return f"different write-ups, {round(100 * summary.shared)}% shared text"
    parts = [f"B keeps {round(100 * summary.kept_share)}% of A", *tally_words(summary.tally)]
    typography = summary.kinds.get("typography", 0)
    if len(parts) == 1 and typography:
        parts.append(f"{typography} typography only")
    return " · ".join(parts)


def why(reason: Choice) -> str:
    """Why a version is the likely original, in one line: "AFP credit, the fullest
    credited version (474 words); a 52-word brief is not a full version"."""
    if reason.agency:
        if reason.date:
            line = f"{reason.agency} credit, the earliest full version ({reason.date})"
        elif reason.fuller_copies:
            line = (
                f"{reason.agency} credit, the fullest credited version no other outlet publishes "
                f"({reason.words} words)"
            )
        else:
            line = f"{reason.agency} credit, the fullest credited version ({reason.words} words)"
        if reason.brief is not None:
            line += f"; a {reason.brief}-word brief is not a full version"
        return line
    if reason.date:
        return f"no version carries an agency credit: the earliest of the full versions ({reason.date})"
    return f"no version carries an agency credit: the longest ({reason.words} words)"


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
            return (
                f"{who_a} credit moved from the dateline to the end"
                if fact.a_paragraph == 0
                or (fact.b_paragraph is not None and fact.b_paragraph > (fact.a_paragraph or 0))
                else f"{who_a} credit moved to the dateline"
            )
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


# What each kind of group is called (an identical group needs no word).
KIND_WORDS = {
    "identical": "",
    "typography": "typography",
    "edited": "edited",
    "rewritten": "rewritten",
    "merged": "merged",
    "split": "split",
    "moved": "moved",
    "deleted": "cut",
    "inserted": "added",
    "boilerplate": "boilerplate",
}


def pair_label(group: Group) -> str:
    """The paragraphs of a group: ``¶6+7 → ¶6``, ``¶3 = ¶3``, ``¶14``."""
    if group.a and group.b:
        arrow = "=" if group.kind == "identical" else "→"
        return f"{paragraphs(group.a)} {arrow} {paragraphs(group.b)}"
    return paragraphs(group.a or group.b)


def moved_notes(group: Group) -> list[str]:
    """What of a group moved: "moved", "¶11 moved", "B ¶9 moved"."""
    notes = []
    if group.moved and group.kind != "moved":
        notes.append("moved")
    if group.moved_a:
        notes.append(f"{paragraphs(group.moved_a)} moved")
    if group.moved_b:
        notes.append(f"B {paragraphs(group.moved_b)} moved")
    return notes


def group_label(group: Group) -> str:
    """``¶6+7 → ¶6 merged``, ``¶11 → ¶8 moved``, ``¶14 cut``, ``¶11 added, repeats A ¶3``:
    the pair, the kind's word, then what moved."""
    words = [pair_label(group)]
    if KIND_WORDS.get(group.kind, group.kind):
        words.append(KIND_WORDS.get(group.kind, group.kind))
    label = " ".join(words)
    if group.kind == "inserted" and group.repeats:
        label += f", repeats A {paragraphs(group.repeats)}"
    return ", ".join([label, *moved_notes(group)])


def same_words(group: Group) -> str:
    """How much of a changed group is kept: "71% same words" ("" when nothing to say)."""
    if not (group.a and group.b) or group.kind in ("identical", "boilerplate"):
        return ""
    return f"{round(100 * group.similarity)}% same words"


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
