"""The article list: loading, marks, preview, filter, sorting, similarity, problems."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.preview import PreviewScreen
from reader.ui.screens.problems import ProblemsScreen
from reader.ui.widgets.common.preview import ArticlePreview

from .conftest import (
    SEED_000,
    SEED_002,
    SEED_003,
    SEEDS,
    list_screen,
    mark,
    messages,
    move_to,
    screen_text,
    settle,
    status,
    table,
)


def file_order(app: ReaderApp) -> list[str]:
    articles = table(app)
    return [articles.articles[index].path.name for index in articles.order]


async def test_lists_the_seeds_sorted_by_file_name(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert file_order(app) == [SEED_000, SEED_002, SEED_003]
        text = screen_text(app)
        for header in ("Outlet", "Agency", "Place", "Title", "Words", "File"):
            assert header in text
        # At 80 columns the paragraph count gives way to the title (the preview says it).
        assert ("¶" in text) == (size[0] >= 100)
        assert "AFP" in text and "SEOUL" in text and "The Moscow Times" in text
        assert "3 articles" in text
        # Nothing is cut that matters: the full file names (wide), names told apart (narrow),
        # and the counts are on screen.
        shown = [table(app).cell_text(i, "file") for i in table(app).order]
        assert len(set(shown)) == 3 and all(name.endswith(".txt") for name in shown)
        for name in (SEED_000, SEED_002, SEED_003):
            assert size[0] < 100 or name in text
        for article in table(app).articles:
            assert f"{article.words:,}" in text
            assert size[0] < 100 or f" {len(article.paragraphs)} " in text


async def test_loading_shows_progress_then_the_table(tmp_path: Path) -> None:
    for n in range(30):
        (tmp_path / f"{n:03}.txt").write_text(f"Paragraph one of {n}.\n\nParagraph two.\n", encoding="utf-8")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Reading" in screen_text(app) or list_screen(app).loaded
        await settle(pilot)
        assert list_screen(app).loaded
        assert "30 articles" in screen_text(app)


async def test_marks_a_then_b_and_a_third_mark_replaces_the_older(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        articles = table(app)
        await mark(pilot, SEED_000, SEED_002)
        names = [articles.articles[i].path.name for i in articles.marks]
        assert names == [SEED_000, SEED_002]
        assert f"A: {SEED_000}" in screen_text(app) and f"B: {SEED_002}" in screen_text(app)
        assert articles.cell_text(articles.marks[0], "mark") == "A"
        assert articles.cell_text(articles.marks[1], "mark") == "B"
        await mark(pilot, SEED_003)
        names = [articles.articles[i].path.name for i in articles.marks]
        assert names == [SEED_002, SEED_003]  # 000 was the older mark; 002 is now A
        await mark(pilot, SEED_002)  # unmark
        assert [articles.articles[i].path.name for i in articles.marks] == [SEED_003]


async def test_d_without_two_marks_explains_what_to_do() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "Mark two articles" in messages(app)
        assert "Mark two articles" in screen_text(app)  # in the status line, not over the list
        assert not app._notifications
        assert list_screen(app) is app.screen


async def test_preview_beside_the_table_when_wide() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        preview = app.screen.query_one(ArticlePreview)
        assert preview.display and preview.region.width > 40
        await move_to(pilot, SEED_002)
        assert preview.article is not None and preview.article.path.name == SEED_002
        text = screen_text(app)
        assert "SEOUL (AFP) :" in text  # the dateline, shown dimmed before the first paragraph
        assert "Kim made a rare overseas trip" in text


async def test_preview_opens_on_enter_or_o_when_narrow() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ArticlePreview).region.width == 0
        await move_to(pilot, SEED_003)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert "North Korean leader Kim Jong Un" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        await pilot.press("q")
        await pilot.pause()
        assert list_screen(app) is app.screen


async def test_filter_by_title_outlet_or_text_as_you_type(size) -> None:
    # Opened on files, the articles are in memory and the filter also searches their text.
    app = ReaderApp([SEEDS / SEED_000, SEEDS / SEED_002, SEEDS / SEED_003])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"moscow times")  # the outlet of 003 only
        await pilot.pause()
        assert file_order(app) == [SEED_003]
        assert "1 of 3 articles" in screen_text(app)
        await pilot.press(*["backspace"] * 12, *"vostochny")  # text of 000 only
        await pilot.pause()
        assert file_order(app) == [SEED_000]
        # Letters that are keys elsewhere (q quits, s ranks) are typed into the filter.
        await pilot.press("backspace", "q", "s")
        await pilot.pause()
        assert app.is_running and list_screen(app).filter_text == "vostochnqs"
        await pilot.press("escape")
        await pilot.pause()
        assert file_order(app) == [SEED_000, SEED_002, SEED_003]
        assert not isinstance(app.focused, Input)


async def test_a_folder_filters_by_what_its_index_knows() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"moscow times")  # the outlet of 003 only
        await pilot.pause()
        assert file_order(app) == [SEED_003]
        assert "place or file" in app.screen.query_one(Input).placeholder
        await pilot.press(*["backspace"] * 12, *"002_")  # a file name
        await pilot.pause()
        assert file_order(app) == [SEED_002]


async def test_filter_kept_after_enter() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"afp", "enter")
        await pilot.pause()
        assert file_order(app) == [SEED_002]
        assert app.focused is table(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(file_order(app)) == 3


async def test_sort_by_column_from_the_keyboard() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        for _ in range(5):  # file -> mark -> outlet -> agency -> place -> title
            await pilot.press("greater_than_sign")
        await pilot.press("greater_than_sign")  # words
        await pilot.pause()
        assert table(app).sort_key == "words"
        assert file_order(app) == [SEED_003, SEED_002, SEED_000]  # 355, 477, 506 words
        assert "Words ▲" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert file_order(app) == [SEED_000, SEED_002, SEED_003]
        assert "Words ▼" in screen_text(app)


async def test_similarity_ranks_the_copies_first(size) -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await move_to(pilot, SEED_002)
        await pilot.press("s")
        await settle(pilot)
        articles = table(app)
        assert file_order(app) == [SEED_002, SEED_003, SEED_000]
        scores = {articles.articles[i].path.name: s for i, s in (articles.scores or {}).items()}
        assert scores[SEED_003] > 0.5 > 0.1 > scores[SEED_000]
        text = screen_text(app)
        assert "Shared" in text and "this" in text
        assert f"similar to: {SEED_002}" in status(app)
        assert "share text with it" in text  # the note, in the status line
        await pilot.press("escape")
        await pilot.pause()
        assert articles.scores is None and "Shared" not in screen_text(app)


async def test_a_folder_with_broken_files_lists_the_problems(seeds_copy: Path, size) -> None:
    (seeds_copy / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    (seeds_copy / "empty.txt").write_bytes(b"")
    app = ReaderApp([seeds_copy])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert file_order(app) == [SEED_000, SEED_002, SEED_003]
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert warnings and "2 files could not be read" in warnings[0].message
        assert "2 problems (p)" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert "broken.txt" in text and "empty.txt" in text
        await pilot.press("escape")
        await pilot.pause()
        assert list_screen(app) is app.screen
        # The rest keeps working.
        await mark(pilot, SEED_002, SEED_003)
        await pilot.press("d")
        await settle(pilot)
        assert "B keeps" in screen_text(app)


async def test_missing_path_and_empty_folder_do_not_crash(tmp_path: Path) -> None:
    app = ReaderApp([tmp_path / "nowhere"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No articles found" in text
        await pilot.press("d", "s", "space", "enter")
        await pilot.pause()
        assert app.is_running


async def test_untrusted_text_is_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(
        "[bold red]Alert[/bold red] \x1b[31mred\x1b[0m and [link=http://x]click[/link]\n\n"
        "Second paragraph with [reverse]markup[/reverse] and a bell\x07.\n",
        encoding="utf-8",
    )
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold red]Alert[/bold red]" in text
        assert "[reverse]markup[/reverse]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "red and" in text  # the escape sequence is stripped, the word stays


async def test_help_lists_every_key_of_the_list() -> None:
    app = ReaderApp([SEEDS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict(row for _, rows in app.screen.sections for row in rows)
        for key in ("space", "d", "o", "s", "/", ">", "<", "r", "p", "esc", "?", "q", "⏎"):
            assert key in rows, key
        await pilot.press("escape")
        await pilot.pause()
        assert list_screen(app) is app.screen


def test_the_readme_lists_every_key_the_app_has() -> None:
    from pathlib import Path

    from .keys_doc import markdown

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert markdown() in readme, "re-write README's Keys section: python -m tests.ui.keys_doc"
