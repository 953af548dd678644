"""The keys of the article list, with ids (for user keymaps) and descriptions: short
ones for the footer, the tooltip in full for the help screen and the palette."""

from __future__ import annotations

from textual.binding import Binding, BindingType

LIST_BINDINGS: list[BindingType] = [
    Binding(
        "space",
        "mark",
        "Mark",
        tooltip="Mark or unmark as A, then B, and move to the next line "
        "(with two marked, a third replaces the older)",
        id="list.mark",
    ),
    Binding(
        "m",
        "mark_more",
        "Mark more",
        show=False,
        tooltip="Mark or unmark for a story of three or more, and move to the next line "
        "(no mark is replaced)",
        id="list.mark_more",
    ),
    Binding("u", "unmark_all", "Unmark all", show=False, tooltip="Unmark every article", id="list.unmark"),
    Binding(
        "d",
        "diff",
        "Diff",
        tooltip="Open the diff of the two marked articles, or the story view of three or more "
        "(or of the story on a grouped list's highlighted line)",
        id="list.diff",
    ),
    Binding(
        "o",
        "preview",
        "Preview",
        show=False,  # enter opens it too; the footer keeps room for g at 80 columns
        tooltip="Open the preview of the highlighted article",
        id="list.preview",
    ),
    Binding(
        "s",
        "similar",
        "Similar",
        tooltip="Rank the articles by the text they share with this one",
        id="list.similar",
    ),
    Binding(
        "g",
        "group",
        "Stories",
        tooltip="Group the list by story (enter or right opens one, left closes), or ungroup",
        id="list.group",
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        key_display="/",
        tooltip=(
            "Filter by title, outlet, agency, place, language or file name (and by text when opened on files)"
        ),
        id="list.filter",
    ),
    Binding(
        "greater_than_sign",
        "sort(1)",
        "Sort",
        show=False,
        key_display=">",
        tooltip="Sort by the next column",
        id="list.sort_next",
    ),
    Binding(
        "less_than_sign",
        "sort(-1)",
        "Sort",
        show=False,
        key_display="<",
        tooltip="Sort by the previous column",
        id="list.sort_previous",
    ),
    Binding(
        "r",
        "reverse_sort",
        "Reverse",
        show=False,
        tooltip="Reverse the sort order",
        id="list.sort_reverse",
    ),
    Binding(
        "p",
        "problems",
        "Problems",
        show=False,
        tooltip="List the files that could not be read",
        id="list.problems",
    ),
    Binding(
        "f5",
        "reload",
        "Reload",
        show=False,
        key_display="F5",
        tooltip="Read the tables again (the list opened on a Spark job's output: reader --from DIR)",
        id="list.reload",
    ),
    Binding(
        "escape",
        "clear",
        "Clear",
        show=False,
        tooltip="Clear the filter, then the similarity column or the grouping by story",
        id="list.clear",
    ),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key", id="list.help"),
    Binding("q", "app.quit", "Quit", tooltip="Quit", id="list.quit"),
]
