"""Words for groups, shared by the terminal output and the app's gutter.

Paragraph numbers count from 0, as in ``reader align --json``, so a number
seen on screen can be looked up in the JSON.
"""

from __future__ import annotations

from .model import Comparison, Group


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
