"""The Spark job (reader spark) and the answers read back from its tables: the same
stories, pair for pair, as one machine's `reader stories`, and the same shapes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from reader.cli import main

from .conftest import needs_spark

pytestmark = needs_spark


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_stories_from_the_tables_are_one_machines(
    tables: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, single, _ = run_cli(capsys, "stories", str(folder), "--json")
    assert status == 0
    status, spark, err = run_cli(capsys, "stories", "--from", str(tables), "--json")
    assert (status, err) == (0, "")
    assert json.loads(spark) == json.loads(single)
    assert sum(len(s["articles"]) > 1 for s in json.loads(spark)) > 100
    # The table (not --json) is the one `reader stories FOLDER` prints.
    assert run_cli(capsys, "stories", "--from", str(tables))[1] == run_cli(capsys, "stories", str(folder))[1]


def test_similar_from_the_tables_ranks_as_one_machine(
    tables: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stories = json.loads(run_cli(capsys, "stories", "--from", str(tables), "--json")[1])
    copy = stories[0]["articles"][1]
    _, single, _ = run_cli(capsys, "similar", copy, "--in", str(folder), "--json", "--limit", "5")
    status, spark, err = run_cli(capsys, "similar", copy, "--from", str(tables), "--json", "--limit", "5")
    assert (status, err) == (0, "")
    assert json.loads(spark) == json.loads(single)
    assert copy not in [m["path"] for m in json.loads(spark)]
    assert set(json.loads(spark)[0]) == {"path", "score"}


def test_the_tables_keep_the_contract(tables: Path, folder: Path) -> None:
    from reader.core.loading import load_paths
    from reader.library.tables import open_tables

    with open_tables(tables) as t:
        rows = t.rows()
        expected = load_paths([folder]).articles
        assert [(r.file, r.record) for r in rows] == [(str(a.path), a.record) for a in expected]
        assert [r.id for r in rows] == list(range(len(rows)))
        stories = t._query("SELECT story, original, members FROM stories")
        pairs = t._query("SELECT a, b, shared, kept_share, verdict FROM pairs")
        story_of = dict(t._query("SELECT id, story FROM articles"))
    for story, original, members in stories:
        assert members == sorted(members) and story == members[0] and original in members
        assert all(story_of[m] == story for m in members)
    assert len(story_of) == len(rows)
    for a, b, shared, kept, verdict in pairs:
        assert a < b and story_of[a] == story_of[b] and shared > 0
        assert 0.0 <= kept <= 1.0 and verdict


def test_bad_input_is_one_line_each_and_the_rest_is_read(
    spark, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.library.tables import open_tables
    from reader.spark import job

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("A first paragraph of a test story about harbour cranes.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "bad.jsonl").write_text('{"text": "fine record of a test"}\n{"title": 3\n', encoding="utf-8")
    said: list[str] = []
    # The folder given as a file:// URI is read through Hadoop, as hdfs:// and s3a:// are.
    summary = job.run(spark, [src.as_uri(), str(tmp_path / "gone")], str(tmp_path / "out"), said.append)
    assert len(said) == 3, said
    assert f"{tmp_path / 'gone'}: no such file or folder" in said
    assert f"file:{src / 'empty.txt'}: empty file" in said
    assert any(line.startswith(f"file:{src / 'bad.jsonl'}: record 2: ") for line in said), said
    assert summary.articles == 2 and summary.problems == 3
    with open_tables(tmp_path / "out") as t:
        assert sorted((r.file, r.record) for r in t.rows()) == [
            (str(src / "a.txt"), None),
            (str(src / "bad.jsonl"), 1),
        ]


def test_the_output_is_never_inside_an_input(spark, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "spark", str(folder), "--out", str(folder / "tables"))
    assert status == 2 and out == ""
    assert err == f"reader: {folder / 'tables'}: inside the input {folder}; write the tables elsewhere\n"
    assert not (folder / "tables").exists()


def test_warc_input(spark, tmp_path: Path) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from reader.library.tables import open_tables
    from reader.spark import job

    body = "".join(
        f"<p>Paragraph {i} of the harbour crane story, told at length for the test.</p>" for i in range(6)
    )
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n, url in enumerate(("https://a.example/crane", "https://b.example/crane")):
            html = (
                f"<html><head><title>Cranes {n}</title></head><body><article>{body}</article></body></html>"
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
                )
            )
    assert warcio
    said: list[str] = []
    job.run(spark, [str(path)], str(tmp_path / "out"), said.append)
    assert said == []
    with open_tables(tmp_path / "out") as t:
        rows = t.rows()
        assert [(r.file, r.url) for r in rows] == [
            (str(path), "https://a.example/crane"),
            (str(path), "https://b.example/crane"),
        ]
        assert [[m.id for m in s.members] for s in t.stories()] == [[0, 1]]


def test_not_spark_output_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "stories", "--from", str(tmp_path))
    assert (status, out) == (2, "")
    assert err == f"reader: {tmp_path}: not a reader spark output (no articles table)\n"


def test_without_pyspark_or_java_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import spark as command

    monkeypatch.setattr(command, "missing", lambda: True)
    status, out, err = run_cli(capsys, "spark", str(tmp_path), "--out", str(tmp_path / "o"))
    assert (status, out) == (2, "")
    assert err == (
        "reader: reader spark needs pyspark and Java: pip install 'wire-reader[spark]'; "
        "apt-get install default-jre-headless\n"
    )
    assert os.listdir(tmp_path) == []
