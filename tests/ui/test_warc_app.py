"""The app lists the pages of a WARC file, given as a file and in a folder (the index)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from reader.ui.app import ReaderApp

from .conftest import screen_text, settle, table

PAGES = [
    ("https://news.example.org/ferry", "Ferry sails again", "The island ferry sailed again on Tuesday."),
    ("https://paper.example.net/ferry", "Island ferry back at sea", "The ferry sailed on Tuesday, at last."),
    ("https://news.example.org/logo.png", None, None),
    ("https://rail.example.com/bridge", "Bridge to close", "The old rail bridge will close next month."),
]


def crawl(path: Path) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "wire-reader tests"}))
        for uri, title, text in PAGES:
            kind = "image/png" if title is None else "text/html; charset=utf-8"
            html = f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>"
            payload = io.BytesIO(b"\x89PNG\r\n\x1a\n" if title is None else html.encode())
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
            )
    return path


@pytest.mark.parametrize("in_folder", [False, True])
async def test_the_app_lists_a_crawls_pages(tmp_path: Path, in_folder: bool) -> None:
    path = crawl(tmp_path / "crawl.warc.gz")
    app = ReaderApp([tmp_path if in_folder else path])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        articles = table(app)
        shown = [articles.rows[i].file for i in articles.order]
        assert [name.rpartition("/")[2] for name in shown] == [
            "crawl.warc.gz#2",
            "crawl.warc.gz#3",
            "crawl.warc.gz#5",
        ]
        text = screen_text(app)
        assert "Ferry sails again" in text and "Bridge to close" in text
        assert "paper.example.net" in text and "rail.example.com" in text
        assert "3 articles" in text
