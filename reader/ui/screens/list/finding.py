"""Finding copies from the article list: ranking by shared text (s) and grouping a
folder into stories (g), in workers, and showing the result in the table. A part
of ListScreen."""

from __future__ import annotations

from textual import work

from reader.core.failures import failed
from reader.library import IndexRebuilt, LibraryError
from reader.ui.messages import SimilarityRanked, StoriesGrouped
from reader.ui.models.list_words import index_incomplete, ranking_note, still_indexing
from reader.ui.models.sources import IndexSource
from reader.ui.models.tables_source import TablesSource

# Articles ranked by `s` on a folder (the index's best matches; the rest show 0%).
RANKED = 500


class Finding:
    """ListScreen's similarity and stories."""

    def _index_ready(self, key: str) -> bool:
        """Whether the index can answer (else: why not, in one line)."""
        if self.library is None or self.library.searchable:
            return True
        if self.index_trouble:  # it will not be done: the disk is full
            self.say(index_incomplete(self.index_trouble, key))
        else:
            self.say(still_indexing(self.indexing, key))
        return False

    def action_similar(self) -> None:
        index = self.table.current_index
        if index is None:
            return
        if self.total < 2:
            self.say("There is only one article.")
            return
        if not self._index_ready("s"):
            return
        file = self.source.rows[index].file
        self.say(f"Ranking the articles by text shared with {file}…")
        if isinstance(self.source, IndexSource):
            self.rank_indexed(index, self.source.id_at(index))
        elif isinstance(self.source, TablesSource):
            self.rank_tables(index, self.source.id_at(index))
        else:
            self.rank(index)

    @work(thread=True, exclusive=True, group="similar")
    def rank(self, index: int) -> None:
        from reader.core.similarity import rank_similar

        articles = self.source.articles
        others = [a for n, a in enumerate(articles) if n != index]
        position = {id(a): n for n, a in enumerate(articles)}
        scores = {position[id(article)]: score for article, score in rank_similar(articles[index], others)}
        scores[index] = 1.0
        self.post_message(SimilarityRanked(index, scores))

    @work(thread=True, exclusive=True, group="similar")
    def rank_indexed(self, index: int, article_id: int) -> None:
        """The index's ranking: the articles sharing sampled passages with this one."""
        source = self.source
        assert isinstance(source, IndexSource)
        try:
            matches = source.library.similar(article_id, limit=RANKED)
        except IndexRebuilt:  # said as it was rebuilt; the list is read again (feeding.py)
            return
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        scores = source.scores(matches)
        scores[index] = 1.0
        self.post_message(SimilarityRanked(index, scores, ranking_note(len(matches), RANKED)))

    def on_similarity_ranked(self, message: SimilarityRanked) -> None:
        table = self.table
        self.stories = None
        table.listing.rank(message.scores, message.target)
        table.populate(table.order)
        table.move_cursor(row=0)
        if message.note:
            self.say(message.note)
        self._update_status()

    # -- stories --------------------------------------------------------------

    def action_group(self) -> None:
        table = self.table
        if table.groups is not None:
            table.set_groups(None)
            self.stories = None
            self._apply_filter()
            self.say("The list, one article a line.")
            return
        if isinstance(self.source, TablesSource):
            self.show_table_stories()
            return
        if self.library is None:
            self.say(
                "Grouping by story uses a folder's index: open the folder (reader FOLDER), "
                "or mark versions with m and press d for the story view."
            )
            return
        if self._index_ready("g"):
            self.say("Grouping the folder into stories…")
            self.group_stories()

    @work(thread=True, exclusive=True, group="stories")
    def group_stories(self) -> None:
        assert self.library is not None
        try:
            stories = self.library.stories()
        except IndexRebuilt:  # said as it was rebuilt; the list is read again (feeding.py)
            return
        except Exception as error:  # one line, and the list stays as it was
            reason = f"could not group into stories: {failed(error)}"
            self.post_message(StoriesGrouped([], reason))
            return
        self.post_message(StoriesGrouped(stories))

    def on_stories_grouped(self, message: StoriesGrouped) -> None:
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            return
        source = self.source
        assert isinstance(source, IndexSource)
        table = self.table
        expanded = table.expanded if table.groups is not None else set()
        if table.scores is not None:
            table.listing.unrank()
        table.set_groups(source.groups(message.stories))
        table.expanded = {g for g in expanded if g < len(table.groups or ())}
        self.stories = message.stories
        self._apply_filter()
        table.move_cursor(row=0)
