"""A WARC file of news pages lists, diffs and indexes like a folder."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from reader.cli import main

FERRY = [
    "The island ferry sailed again on Tuesday after a week of storms kept it in the harbour, "
    "its owners said in a statement published on the company's website.",
    "Its captain said the crossing took two hours, forty minutes longer than usual, because the "
    "swell was still high off the northern cape and the ship had to slow down.",
    "Shopkeepers on the island had run short of bread, milk and fuel by the weekend, and the "
    "council opened the school hall to families whose heating had failed.",
    "The next sailing is planned for Thursday morning if the forecast holds.",
]
FERRY_COPY = [*FERRY[:3], "The next sailing is planned for Friday morning if the forecast holds."]
BRIDGE = [
    "The old rail bridge over the river will close for repairs from next month, the regional "
    "railway operator announced, after engineers inspected its foundations.",
    "Engineers found cracks in two of its stone arches during a routine survey in the spring, "
    "and divers saw stones missing below the waterline at the central pier.",
    "Trains will run on the coastal line instead, adding a quarter of an hour to each journey.",
]


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>".encode()


def crawl(path: Path) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "wire-reader tests"}))
        for uri, html in (
            ("https://news.example.org/ferry", page("Ferry sails again", FERRY)),
            ("https://paper.example.net/ferry", page("Island ferry back at sea", FERRY_COPY)),
            ("https://news.example.org/logo.png", None),
            ("https://rail.example.com/bridge", page("Bridge to close", BRIDGE)),
        ):
            kind = "image/png" if html is None else "text/html; charset=utf-8"
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            payload = io.BytesIO(html or b"\x89PNG\r\n\x1a\n")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
            )
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_each_page_with_its_record_number_and_outlet(tmp_path: Path, capsys) -> None:
    path = crawl(tmp_path / "crawl.warc.gz")
    code, out, err = run(capsys, "list", str(path), "--json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert [(r["record"], r["title"], r["outlet"]) for r in rows] == [
        (2, "Ferry sails again", "news.example.org"),
        (3, "Island ferry back at sea", "paper.example.net"),
        (5, "Bridge to close", "rail.example.com"),
    ]


def test_diff_names_two_records_of_one_crawl(tmp_path: Path, capsys) -> None:
    path = crawl(tmp_path / "crawl.warc.gz")
    code, out, _ = run(capsys, "diff", f"{path}#2", f"{path}#3", "--color", "never")
    assert code == 1
    assert "[-Thursday-]" in out and "{+Friday+}" in out
    code, _, err = run(capsys, "diff", f"{path}#1", f"{path}#3")
    assert code == 2 and err.strip().endswith("record 1 is not an article (these are: 2, 3, 5)")


def test_index_and_stories_read_a_crawl_in_a_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    crawl(folder / "crawl.warc.gz")
    code, out, err = run(capsys, "index", str(folder))
    assert code == 0, err
    code, out, err = run(capsys, "stories", str(folder), "--json")
    assert code == 0, err
    stories = json.loads(out)
    together = [s["articles"] for s in stories if len(s["articles"]) > 1]
    assert len(together) == 1 and sorted(a.rsplit("#", 1)[1] for a in together[0]) == ["2", "3"]


def test_a_cut_crawl_lists_what_came_before_and_exits_2(tmp_path: Path, capsys) -> None:
    whole = crawl(tmp_path / "whole.warc.gz").read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: len(whole) - 200])
    code, out, err = run(capsys, "list", str(path), "--json")
    assert code == 2
    assert [r["record"] for r in json.loads(out)] == [2, 3]
    assert err == f"reader: {path}: truncated after record 4; the rest could not be read\n"


def test_a_file_that_is_not_a_warc_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "noise.warc"
    path.write_bytes(bytes(range(256)) * 8)
    code, out, err = run(capsys, "list", str(path))
    assert code == 2 and err == f"reader: {path}: not a WARC file\n" and "Traceback" not in out + err
