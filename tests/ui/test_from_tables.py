"""`reader --from DIR`: the app on the tables a Spark job wrote. The rows and stories
come from the tables; each article's text is read from its uri when shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.tables import open_tables
from reader.ui.app import ReaderApp
from reader.ui.screens.diff import DiffScreen
from reader.ui.screens.list import ListScreen
from reader.ui.screens.story import StoryScreen

from .conftest import list_screen, messages, settle, status, table

duckdb = pytest.importorskip("duckdb")

# Test texts of our own: one story told three times, another told twice (one copy
# in the cloud, one deleted since the job ran), and one article on its own.
HARBOUR = [
    "Port authorities closed the northern harbour on Tuesday after a cargo crane collapsed onto the quay.",
    "Nobody was injured, the harbour master said, but three ships were told to anchor offshore overnight.",
    "Engineers will inspect the remaining cranes before the harbour reopens, possibly by Friday.",
    "The crane had been installed in 1998 and was last certified in the spring.",
]
HARBOUR_EDITED = [
    HARBOUR[0],
    "Nobody was hurt, the harbour master said, though three ships had to anchor offshore overnight.",
    HARBOUR[2],
    "Local traders said the closure would delay fruit deliveries to the city's markets.",
]
ORCHARD = [
    "A late frost has damaged most of the apple blossom in the valley, growers said on Monday.",
    "Several orchards lost more than half of their expected harvest in a single night.",
]
LIBRARY = [
    "The city library will stay open until midnight during the exam season, the council announced.",
    "Students had petitioned for longer hours after the reading rooms filled up by ten each morning.",
]

REMOTE = "s3a://news-bucket/crawl/2024-05.warc.gz"


def write_articles(folder: Path) -> dict[str, str]:
    """Article files in `folder`; the uri of each, by a short name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agency.txt").write_text(
        "Harbour closed after crane collapse\n\n" + "\n\n".join(HARBOUR) + "\n"
    )
    (folder / "outlet.txt").write_text("Crane falls, harbour shut\n\n" + "\n\n".join(HARBOUR_EDITED) + "\n")
    feed = [
        {"title": "Harbour closed", "outlet": "Coast Daily", "text": "\n\n".join(HARBOUR[:3])},
        {"title": "Frost hits the apple harvest", "outlet": "Valley News", "text": "\n\n".join(ORCHARD)},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in feed))
    (folder / "library.txt").write_text("Library opens late for exams\n\n" + "\n\n".join(LIBRARY) + "\n")
    return {
        "agency": str(folder / "agency.txt"),
        "outlet": str(folder / "outlet.txt"),
        "feed": str(folder / "feed.jsonl"),
        "library": str(folder / "library.txt"),
        "gone": str(folder / "gone.txt"),  # never written: deleted since the job read it
    }


# (id, uri key, record, title, outlet, words, samples, story)
ARTICLES = [
    (0, "agency", None, "Harbour closed after crane collapse", None, 60, [1, 2, 3, 4, 5], 0),
    (1, "outlet", None, "Crane falls, harbour shut", None, 58, [1, 2, 3, 4, 6], 0),
    (2, "feed", 1, "Harbour closed", "Coast Daily", 45, [1, 2, 3], 0),
    (3, "feed", 2, "Frost hits the apple harvest", "Valley News", 30, [20, 21, 22], 3),
    (4, "remote", 3, "Apple harvest hit by frost", "Cloud Post", 30, [20, 21, 23], 3),
    (5, "gone", None, "Frost damages blossom", None, 29, [20, 22, 23], 3),
    (6, "library", None, "Library opens late for exams", None, 31, [40, 41], 6),
]
STORIES = [(0, 0, [0, 1, 2]), (3, 3, [3, 4, 5])]


def _sql(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(_sql(v) for v in value) + "]"
    return str(value)


def write_tables(out: Path, uris: dict[str, str], articles=ARTICLES, stories=STORIES) -> Path:
    """The three tables as Spark writes them: a folder of part files each, and _SUCCESS."""
    conn = duckdb.connect()
    rows = []
    for aid, key, record, title, outlet, words, samples, story in articles:
        uri = REMOTE if key == "remote" else uris[key]
        rows.append(
            f"({aid}::BIGINT, {_sql(uri)}, NULL::BLOB, {_sql(record)}::INT, {_sql(title)}, 'text', "
            f"NULL::VARCHAR, NULL::VARCHAR, {_sql(outlet)}::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, "
            f"'en', {words}::INT, 3::INT, {aid * 7}::BIGINT, {_sql(samples)}::BIGINT[], {story}::BIGINT)"
        )
    columns = (
        "id, uri, uri_bytes, record, title, format, agency, dateline, outlet, url, date, language, "
        "words, paragraphs, fingerprint, samples, story"
    )
    tables = {
        "articles": f"SELECT * FROM (VALUES {', '.join(rows)}) AS t({columns})",
        "pairs": "SELECT 0::BIGINT AS a, 1::BIGINT AS b, 4::INT AS shared, 0.8::DOUBLE AS kept_share, "
        "'edited' AS verdict",
        "stories": "SELECT * FROM (VALUES "
        + ", ".join(f"({s}::BIGINT, {o}::BIGINT, {_sql(m)}::BIGINT[])" for s, o, m in stories)
        + ") AS t(story, original, members)",
    }
    for name, query in tables.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.parquet"):
            old.unlink()
        conn.execute(f"COPY ({query}) TO '{folder / 'part-00000-a1b2.snappy.parquet'}' (FORMAT parquet)")
        (folder / "_SUCCESS").write_text("")
    conn.close()
    return out


@pytest.fixture
def spark_out(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    uris = write_articles(tmp_path / "inputs")
    return write_tables(tmp_path / "spark-out", uris), uris


def story_lines(app: ReaderApp) -> list[list[str]]:
    """Each story of the list: its versions' file names, the original first."""
    articles = table(app)
    return [
        [articles.rows[i].file for i in articles.groups[-entry - 1]] for entry in articles.order if entry < 0
    ]


async def open_story(pilot, member: str) -> None:
    """Put the cursor on the story holding this file and open it to its versions."""
    articles = table(pilot.app)
    story = next(
        g for g, members in enumerate(articles.groups) if member in {articles.rows[i].file for i in members}
    )
    articles.move_cursor(row=articles.order.index(-story - 1))
    await pilot.press("right")
    await pilot.pause()


async def mark_files(pilot, *files: str) -> None:
    articles = table(pilot.app)
    for file in files:
        line = next(n for n, i in enumerate(articles.order) if i >= 0 and articles.rows[i].file == file)
        articles.move_cursor(row=line)
        await pilot.press("space")
    await pilot.pause()


async def test_the_rows_of_the_tables_are_listed_grouped_by_story(spark_out) -> None:
    out, uris = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = list_screen(app)
        assert screen.total == 7 and screen.library is None
        # The stories first, each with its likely original first, as the tables say; then
        # the article on its own.
        with open_tables(out) as tables:
            expected = [[m.name for m in s.members] for s in tables.stories() if len(s.members) > 1]
        assert story_lines(app) == expected
        assert sorted(sorted(story) for story in expected) == [
            sorted([uris["agency"], uris["outlet"], uris["feed"] + "#1"]),
            sorted([uris["feed"] + "#2", REMOTE + "#3", uris["gone"]]),
        ]
        assert table(app).order[2:] == [6]
        assert status(app).startswith("2 stories, 1 single (7 articles)")
        # `g` ungroups, and groups again from the tables.
        await pilot.press("g")
        await pilot.pause()
        assert table(app).groups is None and len(table(app).order) == 7
        await pilot.press("g")
        await pilot.pause()
        assert len(story_lines(app)) == 2
        # Nothing was read from the folder as if it were articles, nor indexed.
        assert not any(isinstance(p, object) and "spark-out" in str(p.path) for p in screen.problems)


async def test_a_sort_or_a_resize_keeps_the_stories_first(spark_out) -> None:
    out, _ = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        articles = table(app)
        grouped = list(articles.order)
        assert grouped[:2] == [-1, -2]
        # A story's line is no row: sorted or laid out again, it once took the place of
        # the last rows of the list.
        await pilot.press("greater_than_sign")
        await pilot.press("r")
        await settle(pilot)
        assert articles.order == grouped
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert articles.order == grouped


async def test_two_marked_versions_open_their_diff_read_from_the_uris(spark_out) -> None:
    out, uris = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_story(pilot, uris["agency"])
        await mark_files(pilot, uris["agency"], uris["feed"] + "#1")
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen), messages(app)
        a, b = screen.a, screen.b
        assert (str(a.path), a.record) == (uris["agency"], None)
        assert (str(b.path), b.record) == (uris["feed"], 1)
        assert b.outlet == "Coast Daily"


async def test_a_story_line_opens_the_story_view_of_its_members(spark_out) -> None:
    out, uris = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        articles = table(app)
        story = next(g for g, members in enumerate(articles.groups) if 0 in members)  # agency.txt's
        articles.move_cursor(row=articles.order.index(-story - 1))
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryScreen), messages(app)
        assert sorted((str(a.path), a.record) for a in screen.articles) == sorted(
            [(uris["agency"], None), (uris["outlet"], None), (uris["feed"], 1)]
        )


@pytest.mark.parametrize(
    ("other", "said"),
    [
        (REMOTE + "#3", REMOTE + "#3: on s3a://, not on this machine"),
        ("gone", "gone.txt: no longer there"),
    ],
)
async def test_a_uri_that_cannot_be_read_is_said_and_the_list_keeps_its_place(
    spark_out, other: str, said: str
) -> None:
    out, uris = spark_out
    other = uris.get(other, other)
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(100, 30)) as pilot:  # narrow: no preview reads the rows first
        await settle(pilot)
        await open_story(pilot, uris["gone"])
        await mark_files(pilot, uris["feed"] + "#2", other)
        articles = table(app)
        line, order = articles.cursor_row, list(articles.order)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        assert said in messages(app)
        assert articles.cursor_row == line and articles.order == order
        assert list(articles.marks) and "1 problem (p)" in status(app)
        assert not app._notifications  # said in the status line, covering nothing


async def test_s_ranks_by_the_stored_samples(spark_out) -> None:
    out, uris = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")  # one article a line
        await pilot.pause()
        articles = table(app)
        articles.move_cursor(row=articles.order.index(0))  # agency.txt
        await pilot.press("s")
        await settle(pilot)
        # Scored as `reader similar --from` scores the same samples: feed.jsonl#1 is all in
        # agency.txt, outlet.txt four of five.
        ranked = [articles.rows[i].file for i in articles.order[:3]]
        assert ranked == [uris["agency"], uris["feed"] + "#1", uris["outlet"]]
        with open_tables(out) as tables:
            samples = tables._query("SELECT samples FROM articles WHERE id = 0")[0][0]
            expected = {m.row.id: m.score for m in tables.similar_samples(sorted(samples), 0)}
        assert articles.scores[2] == expected[2] > 0
        assert articles.scores[1] == expected[1] > 0
        assert articles.scores[2] > articles.scores[1]
        assert 6 not in articles.scores  # shares nothing


async def test_f5_reads_the_tables_again_and_keeps_the_cursor_on_its_article(spark_out) -> None:
    out, uris = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        articles = table(app)
        articles.move_cursor(row=articles.order.index(6))  # library.txt, on its own
        # The job ran again: a new article came first, so every id moved.
        (Path(uris["library"]).parent / "added.txt").write_text("An added article.\n\nIts text.\n")
        uris["added"] = str(Path(uris["library"]).parent / "added.txt")
        again = [(0, "added", None, "An added article", None, 4, [90], 0)] + [
            (aid + 1, key, record, title, outlet, words, samples, story + 1)
            for aid, key, record, title, outlet, words, samples, story in ARTICLES
        ]
        write_tables(out, uris, again, [(s + 1, o + 1, [m + 1 for m in ms]) for s, o, ms in STORIES])
        await pilot.press("f5")
        await settle(pilot)
        assert list_screen(app).total == 8
        current = articles.current_index
        assert current is not None and articles.rows[current].file == uris["library"]


async def test_tables_gone_on_f5_are_said_and_the_list_stays(spark_out) -> None:
    out, _ = spark_out
    app = ReaderApp([out], tables=out)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        order = list(table(app).order)
        for part in (out / "articles").iterdir():
            part.unlink()
        await pilot.press("f5")
        await settle(pilot)
        assert "Cannot read the tables: " in messages(app) and "no articles table" in messages(app)
        assert list_screen(app).total == 7 and table(app).order == order


# -- the command ------------------------------------------------------------------


def test_a_folder_that_is_not_spark_output_is_one_line_and_status_2(tmp_path: Path, capsys) -> None:
    plain = tmp_path / "articles"
    write_articles(plain)
    for folder, reason in ((plain, "not a reader spark output"), (tmp_path / "nowhere", "no such folder")):
        code = main(["--from", str(folder)])
        out, err = capsys.readouterr()
        assert code == 2 and out == ""
        assert err.startswith("reader: ") and reason in err and str(folder) in err
        assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_from_with_paths_too_is_refused(spark_out, capsys) -> None:
    out, uris = spark_out
    assert main([uris["agency"], "--from", str(out)]) == 2
    assert "not both" in capsys.readouterr().err


def test_from_in_a_pipe_prints_the_stories(spark_out, capsys) -> None:
    out, _ = spark_out
    assert main(["--from", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 versions" not in printed and "3 versions" in printed and "outlet.txt" in printed
