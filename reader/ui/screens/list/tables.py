"""The list opened on a Spark job's tables (``reader --from DIR``): the articles and
their stories read from the tables in a worker, shown grouped by story; `s` ranks
by the stored samples, F5 reads the tables again. A part of ListScreen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.message import Message

from reader.core.failures import failed
from reader.core.model import Problem
from reader.library import LibraryError
from reader.ui.messages import SimilarityRanked
from reader.ui.models.list_words import ranking_note
from reader.ui.models.tables_source import TablesSource
from reader.view.text import safe

# Articles ranked by `s` (the best matches by shared samples; the rest show 0%).
RANKED = 500


@dataclass
class TablesRead(Message):
    """The tables read (``source``), or why they could not be (``error``)."""

    source: TablesSource | None
    stories: list  # list[reader.library.Story], every article in one
    error: str = ""
    keep: tuple[str, int] | None = None  # the uri and record the cursor was on


class Tables:
    """ListScreen's reading of a Spark job's tables."""

    tables_dir: Path | None = None

    @work(thread=True, exclusive=True, group="load")
    def read_tables(self, keep: tuple[str, int] | None = None) -> None:
        from reader.library.tables import open_tables

        assert self.tables_dir is not None
        try:
            handle = open_tables(self.tables_dir)
            source = TablesSource(handle, handle.rows(), self.tables_dir / "articles")
            stories = handle.stories()
        except LibraryError as error:  # one line ("DIR: reason"); a list shown stays as it was
            self.post_message(TablesRead(None, [], str(error)))
            return
        except Exception as error:
            self.post_message(TablesRead(None, [], failed(error)))
            return
        self.post_message(TablesRead(source, stories, keep=keep))
        import reader.core.compare  # noqa: F401  (the first `d` does not pay for it)

    def on_tables_read(self, message: TablesRead) -> None:
        self.loaded = True
        self.query_one("#loading").display = False
        if message.source is None:
            self.say(f"Cannot read the tables: {safe(message.error)}")
            self._update_status()
            return
        source = self.source = message.source
        self.problems, self.unreadable = (), []
        table = self.table
        table.marks.clear()
        table.listing.unrank()
        table.articles, table.rows = source.articles, source.rows
        source.story_groups = source.groups(message.stories)
        if not self.total:
            self._show_empty()
            self._update_status()
            return
        self.query_one("#empty").display = False
        first = not table.display
        table.display = True
        if first:
            table.focus()
        table.set_groups(source.story_groups)
        self.stories = message.stories
        self._apply_filter()
        keep = source.position_of(message.keep) if message.keep is not None else None
        table.move_cursor(row=table.listing.line_for(keep))
        self.refresh_bindings()
        self._update_status()

    def show_table_stories(self) -> None:
        """`g` on the tables: their stories, computed by the job."""
        source = self.source
        assert isinstance(source, TablesSource)
        table = self.table
        if table.scores is not None:
            table.listing.unrank()
        table.set_groups(source.story_groups)
        self.stories = source.story_groups
        self._apply_filter()
        table.move_cursor(row=0)
        self.say("Grouped into the stories of the tables.")

    def action_reload(self) -> None:
        if self.tables_dir is None:
            return
        index = self.table.current_index
        keep = self.source.rows[index].path_key if index is not None else None
        self.say("Reading the tables again…")
        self.read_tables(keep)

    @work(thread=True, exclusive=True, group="similar")
    def rank_tables(self, index: int, article_id: int) -> None:
        """The articles sharing sampled passages with this one, from the tables."""
        from reader.library.tables import similar_to

        source = self.source
        assert isinstance(source, TablesSource)
        try:
            matches = similar_to(source.tables, article_id, limit=RANKED)
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        except Exception as error:
            self.notify(f"Cannot rank from the tables: {failed(error)}", severity="error", markup=False)
            return
        scores = source.scores(matches)
        scores[index] = 1.0
        self.post_message(SimilarityRanked(index, scores, ranking_note(len(matches), RANKED)))

    def unreadable_line(self, problem: Problem) -> str:
        """The line that says why an article of the tables could not be read."""
        source = self.source
        assert isinstance(source, TablesSource)
        return f"Cannot read {source.problem_text(problem, self.paths)}"
