"""The first screen: the articles found, a preview, marks, filter and similarity."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from reader.core.model import Article, LoadResult, Problem
from reader.ui.article_rows import ArticleRow, article_rows
from reader.ui.messages import ArticlesLoaded, LoadProgress, SimilarityRanked
from reader.ui.text import display_path, file_label, safe
from reader.ui.widgets.article_table import ArticleTable
from reader.ui.widgets.load_progress import LoadProgress as LoadProgressPanel
from reader.ui.widgets.preview import ArticlePreview

# The preview sits beside the table from this width; narrower, `enter`/`o` opens it.
PREVIEW_MIN_WIDTH = 120

NEED_ARTICLES = frozenset(
    {"mark", "mark_more", "unmark_all", "diff", "similar", "preview", "sort", "reverse_sort"}
)
LETTER_KEYS = frozenset({*NEED_ARTICLES, "problems", "help"})

SORTABLE = ("mark", "agency", "place", "title", "words", "paragraphs", "file")


def describe_paths(paths: Sequence[Path]) -> str:
    if len(paths) == 1:
        return safe(str(paths[0]))
    return f"{len(paths)} paths"


class ListScreen(Screen[None]):
    """Article table, preview beside it when wide, filter input and status line."""

    CSS_PATH = "list.tcss"

    # Short descriptions for the footer; the tooltip is the full text for help and the palette.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "mark",
            "Mark",
            tooltip="Mark or unmark as A, then B (with two marked, a third replaces the older)",
            id="list.mark",
        ),
        Binding(
            "m",
            "mark_more",
            "Mark more",
            show=False,
            tooltip="Mark or unmark for a story of three or more (no mark is replaced)",
            id="list.mark_more",
        ),
        Binding(
            "u", "unmark_all", "Unmark all", show=False, tooltip="Unmark every article", id="list.unmark"
        ),
        Binding(
            "d",
            "diff",
            "Diff",
            tooltip="Open the diff of the two marked articles, or the story view of three or more",
            id="list.diff",
        ),
        Binding(
            "o",
            "preview",
            "Preview",
            tooltip="Open the preview of the highlighted article",
            id="list.preview",
        ),
        Binding(
            "s",
            "similar",
            "Similar",
            tooltip="Rank all articles by the text they share with this one",
            id="list.similar",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            tooltip="Filter by title, outlet or text",
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
            "escape",
            "clear",
            "Clear",
            show=False,
            tooltip="Clear the filter and the similarity column",
            id="list.clear",
        ),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key", id="list.help"),
        Binding("q", "app.quit", "Quit", tooltip="Quit", id="list.quit"),
    ]

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__()
        self.paths = list(paths)
        self.articles: tuple[Article, ...] = ()
        self.problems: tuple[Problem, ...] = ()
        self.loaded = False
        self.filter_text = ""
        self.rows: list[ArticleRow] = []

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="list-body"):
            with Vertical(id="list-main"):
                yield LoadProgressPanel(describe_paths(self.paths), id="loading")
                yield ArticleTable(id="articles")
                yield Static(Content(""), id="empty")
            yield ArticlePreview(id="preview")
        yield Input(
            placeholder="Filter by title, outlet or text (enter: keep, escape: clear)",
            id="filter",
            compact=True,
        )
        yield Static(Content(""), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#articles").display = False
        self.query_one("#empty").display = False
        self.query_one("#filter").display = False
        self._apply_width(self.app.size.width)
        self._update_status()
        self.load()

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width >= PREVIEW_MIN_WIDTH, "-wide")

    @property
    def table(self) -> ArticleTable:
        return self.query_one("#articles", ArticleTable)

    @property
    def wide(self) -> bool:
        return self.has_class("-wide")

    # -- loading --------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        from reader.core.loading import load_paths

        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= 0.05 or done >= total:
                last = now
                self.post_message(LoadProgress(done, total))

        try:
            result = load_paths(self.paths, progress)
            rows = article_rows(result.articles)
        except Exception as error:  # the loader reports bad files itself; this is a last resort
            reason = f"could not load: {type(error).__name__}: {error}"
            result = LoadResult((), tuple(Problem(path, reason) for path in self.paths))
            rows = []
        self.post_message(ArticlesLoaded(result, rows))
        # Import the comparison code now, while the reader looks at the list, so the first
        # `d` does not pay for it.
        import reader.core.compare
        import reader.core.similarity  # noqa: F401

    def on_load_progress(self, message: LoadProgress) -> None:
        self.query_one("#loading", LoadProgressPanel).update_progress(message.done, message.total)

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        self.articles = message.result.articles
        self.problems = message.result.problems
        self.loaded = True
        self.rows = message.rows
        self.query_one("#loading").display = False
        table = self.table
        table.articles = self.articles
        table.rows = self.rows
        if self.articles:
            table.display = True
            table.populate(range(len(self.articles)))
            table.focus()
            self._show_preview()
            self.refresh_bindings()  # the footer was drawn before there were articles to mark
        else:
            empty = self.query_one("#empty", Static)
            empty.update(Content(f"No articles found in {describe_paths(self.paths)}."))
            empty.display = True
        if self.problems:
            count = len(self.problems)
            noun = "file" if count == 1 else "files"
            problem = self.problems[0]
            first = f"{display_path(problem.path, self.paths)}: {safe(problem.reason)}"
            more = "" if count == 1 else f" (and {count - 1} more)"
            self.notify(
                f"{count} {noun} could not be read: {first}{more}. Press p to list them.",
                title="Problems",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self._update_status()

    # -- status and preview ---------------------------------------------------

    def _update_status(self) -> None:
        parts: list[tuple[str, str] | str] = []
        if not self.loaded:
            parts.append((f"Loading {describe_paths(self.paths)}", "$text-muted"))
        else:
            shown = len(self.table.order)
            total = len(self.articles)
            count = f"{shown} of {total} articles" if shown != total else f"{total} articles"
            parts.append((count, "bold"))
            if self.filter_text:
                parts.append(("  filter: ", "$text-muted"))
                parts.append((safe(self.filter_text), "$text-accent"))
            if self.table.target is not None:
                parts.append(("  similar to: ", "$text-muted"))
                parts.append((file_label(self.articles[self.table.target]), "$text-accent"))
            marks = self.table.marks
            if len(marks) > 2:
                parts.append((f"  {len(marks)} marked: d opens the story view", "bold"))
            else:
                for letter, index in zip("AB", marks, strict=False):
                    parts.append((f"  {letter}: ", "$text-muted"))
                    parts.append((file_label(self.articles[index]), "bold"))
            if self.problems:
                parts.append(
                    (
                        f"  {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} (p)",
                        "$text-warning",
                    )
                )
        self.query_one("#status", Static).update(Content.assemble(*parts))

    def _show_preview(self) -> None:
        index = self.table.current_index
        preview = self.query_one("#preview", ArticlePreview)
        if index is None:
            preview.show(None)
        else:
            preview.show(self.articles[index], self.rows[index].words)

    def on_article_table_highlighted(self) -> None:
        if self.wide:
            self._show_preview()

    def on_article_table_selected(self) -> None:
        if len(self.table.marks) >= 2:
            self.action_diff()
        else:
            self.action_preview()

    def on_article_table_header_clicked(self, event: ArticleTable.HeaderClicked) -> None:
        key = event.key
        if key == self.table.sort_key:
            self.table.sort_reverse = not self.table.sort_reverse
        else:
            self.table.sort_key, self.table.sort_reverse = key, False
        self.table.populate(self.table.order)

    # -- actions --------------------------------------------------------------

    def action_mark(self) -> None:
        self._toggle_mark(pair=True)

    def action_mark_more(self) -> None:
        self._toggle_mark(pair=False)

    def _toggle_mark(self, pair: bool) -> None:
        """Mark or unmark the highlighted article. For a pair (space), a third mark replaces the
        older of two; once three or more are marked (with m, for a story) no mark is replaced."""
        index = self.table.current_index
        if index is None:
            return
        marks = self.table.marks
        if index in marks:
            marks.remove(index)
        else:
            marks.append(index)
            if pair and len(marks) == 3:
                marks.pop(0)
        self.table.refresh_marks()
        self._update_status()
        self.table.move_cursor(row=self.table.cursor_row + 1)

    def action_unmark_all(self) -> None:
        self.table.marks.clear()
        self.table.refresh_marks()
        self._update_status()

    def _pair(self) -> tuple[Article, Article] | None:
        marks = self.table.marks
        if len(marks) == 2:
            return self.articles[marks[0]], self.articles[marks[1]]
        current = self.table.current_index
        if len(marks) == 1 and current is not None and current != marks[0]:
            # One mark and the cursor on another article: compare those two.
            return self.articles[marks[0]], self.articles[current]
        return None

    def action_diff(self) -> None:
        if not self.loaded or not self.articles:
            return
        marks = self.table.marks
        if len(marks) > 2:
            from reader.ui.screens.story import StoryScreen

            self.app.push_screen(StoryScreen([self.articles[i] for i in marks]))
            return
        pair = self._pair()
        if pair is None:
            self.notify(
                "Mark two articles with space (A, then B), then press d; "
                "for the story view, mark three or more with m.",
                timeout=4,
            )
            return
        from reader.ui.screens.diff import DiffScreen

        self.app.push_screen(DiffScreen(*pair))

    def action_preview(self) -> None:
        index = self.table.current_index
        if index is None:
            return
        if self.wide:
            self.query_one("#preview", ArticlePreview).focus()
            return
        from reader.ui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(self.articles[index]))

    def action_similar(self) -> None:
        index = self.table.current_index
        if index is None:
            return
        if len(self.articles) < 2:
            self.notify("There is only one article.", timeout=3)
            return
        self.notify(
            f"Ranking the articles by text shared with {file_label(self.articles[index])}…",
            timeout=2,
            markup=False,
        )
        self.rank(index)

    @work(thread=True, exclusive=True, group="similar")
    def rank(self, index: int) -> None:
        from reader.core.similarity import rank_similar

        target = self.articles[index]
        others = [a for n, a in enumerate(self.articles) if n != index]
        position = {id(a): n for n, a in enumerate(self.articles)}
        ranked = rank_similar(target, others)
        scores = {position[id(article)]: score for article, score in ranked}
        scores[index] = 1.0
        self.post_message(SimilarityRanked(target, scores))

    def on_similarity_ranked(self, message: SimilarityRanked) -> None:
        table = self.table
        target = next(n for n, a in enumerate(self.articles) if a is message.target)
        table.scores = message.scores
        table.target = target
        table.sort_key, table.sort_reverse = "shared", False
        table.populate(table.order)
        table.move_cursor(row=0)
        self._update_status()

    def action_filter(self) -> None:
        if not self.loaded:
            return
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._apply_filter()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if not self.filter_text:
            self.query_one("#filter").display = False
        self.table.focus()

    def _apply_filter(self) -> None:
        words = self.filter_text.casefold().split()
        visible = [row.index for row in self.rows if row.matches(words)]
        self.table.populate(visible)
        if self.wide:
            self._show_preview()
        self._update_status()

    def action_clear(self) -> None:
        field = self.query_one("#filter", Input)
        cleared = False
        if self.filter_text or field.display:
            field.value = ""
            self.filter_text = ""
            field.display = False
            self._apply_filter()
            cleared = True
        table = self.table
        if table.scores is not None and not (cleared and self.focused is field):
            table.scores = None
            table.target = None
            table.sort_key, table.sort_reverse = "file", False
            table.populate(table.order)
            self._update_status()
        table.focus()

    def on_key(self, event) -> None:
        # Escape in the filter field clears it (the field itself has no use for escape).
        if event.key == "escape" and self.focused is self.query_one("#filter", Input):
            event.stop()
            field = self.query_one("#filter", Input)
            field.value = ""
            self.filter_text = ""
            field.display = False
            self._apply_filter()
            self.table.focus()

    def action_sort(self, step: int) -> None:
        table = self.table
        keys = [*SORTABLE, "shared"] if table.scores is not None else list(SORTABLE)
        position = keys.index(table.sort_key) if table.sort_key in keys else 0
        table.sort_key = keys[(position + step) % len(keys)]
        table.sort_reverse = False
        table.populate(table.order)
        label = next((c.label for c in table.columns_shown if c.key == table.sort_key), table.sort_key)
        self.notify(f"Sorted by {label.strip() or 'mark'}.", timeout=2, markup=False)

    def action_reverse_sort(self) -> None:
        self.table.sort_reverse = not self.table.sort_reverse
        self.table.populate(self.table.order)

    def action_problems(self) -> None:
        from reader.ui.screens.problems import ProblemsScreen

        self.app.push_screen(ProblemsScreen(self.problems, self.paths))

    def action_help(self) -> None:
        self.app.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NEED_ARTICLES and not self.articles:
            return False
        # While the filter field has focus, letters are typed into it, not taken as keys.
        return not (action in LETTER_KEYS and isinstance(self.focused, Input))
