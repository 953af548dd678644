"""WARC files as a source of articles: which records are pages, their numbers and
metadata, the HTTP charset and encodings, and files cut short, damaged or not WARC."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from reader.core.loading import iter_article_files, load_file
from reader.core.warc import warc_articles

ROOT = Path(__file__).resolve().parents[2]

FERRY = (
    "The island ferry sailed again on Tuesday after a week of storms kept it in the harbour.",
    "Its captain said the crossing took two hours, forty minutes longer than usual.",
    "Shopkeepers on the island had run short of bread and fuel by the weekend.",
)
BRIDGE = (
    "The old rail bridge over the river will close for repairs from next month.",
    "Engineers found cracks in two of its stone arches during a routine survey.",
    "Trains will run on the coastal line instead, adding a quarter of an hour.",
)
GREEK = ("Το πλοίο της γραμμής έφυγε ξανά από το λιμάνι μετά από μια εβδομάδα καταιγίδων.",)


def page(title: str, paragraphs: tuple[str, ...]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def http(status: str = "200 OK", ctype: str = "text/html; charset=utf-8", **extra: str) -> StatusAndHeaders:
    headers = [("Content-Type", ctype), *((k.replace("_", "-"), v) for k, v in extra.items())]
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write(path: Path, records: list[tuple], *, gz: bool | None = None) -> Path:
    """A WARC file of ``records``: (type, uri, http headers or None, payload bytes)."""
    gz = path.name.endswith(".gz") if gz is None else gz
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "wire-reader tests"}))
        for kind, uri, headers, payload in records:
            writer.write_record(
                writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=headers)
            )
    return path


def crawl(path: Path) -> Path:
    """Two news pages among the records a crawler writes beside them."""
    ferry = page("Ferry sails again", FERRY).encode()
    return write(
        path,
        [
            ("request", "https://news.example.org/ferry", None, b"GET /ferry HTTP/1.1\r\nHost: x\r\n\r\n"),
            ("response", "https://news.example.org/ferry", http(), ferry),  # record 3
            ("response", "https://news.example.org/robots.txt", http(ctype="text/plain"), b"User-agent: *\n"),
            ("response", "https://news.example.org/logo.png", http(ctype="image/png"), b"\x89PNG\r\n\x1a\n"),
            ("response", "https://news.example.org/old", http("301 Moved", Location="/ferry"), b""),
            (
                "response",
                "https://news.example.org/gone",
                http("404 Not Found"),
                page("Gone", FERRY).encode(),
            ),
            ("metadata", "https://news.example.org/ferry", None, b"via: https://news.example.org/\n"),
            ("response", "https://wire.example.net/bridge", http(), page("Bridge to close", BRIDGE).encode()),
            ("response", "https://news.example.org/empty", http(), b"<html><body></body></html>"),
        ],
    )


def test_html_pages_are_articles_and_the_other_records_are_skipped(tmp_path: Path) -> None:
    path = crawl(tmp_path / "crawl.warc.gz")
    articles, problems = load_file(path)
    assert problems == []
    # N counts every record from 1 (warcinfo, request, ...), as JSON Lines counts its lines.
    assert [(a.record, a.id, a.title) for a in articles] == [
        (3, "crawl#3", "Ferry sails again"),
        (9, "crawl#9", "Bridge to close"),
    ]
    ferry, bridge = articles
    assert [p.text for p in ferry.paragraphs] == list(FERRY)
    assert ferry.url == "https://news.example.org/ferry" and bridge.url == "https://wire.example.net/bridge"
    assert (
        ferry.format == "warc" and ferry.outlet == "news.example.org" and bridge.outlet == "wire.example.net"
    )
    assert ferry.date and ferry.date[:4].isdigit() and ferry.date.endswith("Z")  # the crawl's WARC-Date


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_both_forms_are_found_in_a_folder_and_read_alike(tmp_path: Path, name: str) -> None:
    crawl(tmp_path / name)
    assert [p.name for p in iter_article_files(tmp_path)] == [name]
    assert [a.id for a in load_file(tmp_path / name)[0]] == ["crawl#3", "crawl#9"]


def test_the_http_charset_is_honoured(tmp_path: Path) -> None:
    greek = page("Λιμάνι", GREEK).encode("iso8859_7")  # no <meta charset>: only HTTP says it
    path = write(
        tmp_path / "greek.warc",
        [("response", "https://x.example.gr/", http(ctype="text/html; charset=ISO-8859-7"), greek)],
    )
    [article], _ = load_file(path)
    assert article.paragraphs[0].text == GREEK[0]


def test_compressed_and_chunked_pages_are_undone(tmp_path: Path) -> None:
    html = page("Ferry sails again", FERRY).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (html[:100], html[100:])) + b"0\r\n\r\n"
    bomb = gzip.compress(b"<html><body><p>" + b"a " * 15_000_000 + b"</p></body></html>")
    path = write(
        tmp_path / "coded.warc.gz",
        [
            ("response", "https://a.example/1", http(Content_Encoding="gzip"), gzip.compress(html)),
            ("response", "https://a.example/2", http(Transfer_Encoding="chunked"), chunked),
            ("response", "https://a.example/3", http(Content_Encoding="gzip"), bomb),  # 30 MB unpacked
        ],
    )
    articles, problems = load_file(path)
    assert problems == []
    assert [(a.record, [p.text for p in a.paragraphs]) for a in articles] == [
        (2, list(FERRY)),
        (3, list(FERRY)),
    ]


def _record_ends(data: bytes) -> list[int]:
    """Where each record of an uncompressed WARC ends (its block's last byte, plus one)."""
    ends, at = [], 0
    while (start := data.find(b"WARC/1", at)) != -1:
        head_end = data.index(b"\r\n\r\n", start) + 4
        length = int(data[start:head_end].split(b"Content-Length: ")[1].split(b"\r\n")[0])
        ends.append(head_end + length)
        at = head_end + length
    return ends


def test_a_cut_warc_gives_the_records_before_the_cut_and_one_line(tmp_path: Path) -> None:
    data = crawl(tmp_path / "whole.warc").read_bytes()
    ends = _record_ends(data)
    assert len(ends) == 10
    cut = tmp_path / "cut.warc"
    # Every cut: inside a header, inside a body, between records.
    for size in range(0, len(data), 7):
        cut.write_bytes(data[:size])
        articles, problems = load_file(cut)
        whole = sum(1 for end in ends if end <= size)
        assert [a.record for a in articles] == [n for n in (3, 9) if n <= whole], size
        reasons = [p.reason for p in problems]
        if size == 0:
            assert reasons == ["empty file"]
        elif whole == 0:
            assert reasons == ["truncated in its first record; nothing could be read"], size
        elif size <= ends[whole - 1] + 4:  # cut between two records: a shorter WARC, whole
            assert reasons == [], size
        else:
            assert reasons == [f"truncated after record {whole}; the rest could not be read"], size


def test_a_cut_warc_gz_gives_the_records_before_the_cut_and_one_line(tmp_path: Path) -> None:
    data = crawl(tmp_path / "whole.warc.gz").read_bytes()
    members = [i for i in range(len(data) - 1) if data[i : i + 3] == b"\x1f\x8b\x08"]
    assert len(members) == 10  # one gzip member per record
    cut = tmp_path / "cut.warc.gz"
    # Every cut from the gzip magic number on: inside a member's header, its deflate
    # data, its CRC, and between members.
    for size in range(2, len(data)):
        cut.write_bytes(data[:size])
        articles, problems = load_file(cut)
        before = sum(1 for m in members[1:] if m <= size)  # records whose member is whole
        reasons = [p.reason for p in problems]
        if size in members:  # cut between two members: a shorter WARC, whole
            assert reasons == [], size
            read = before
        elif before == 0 and reasons == ["truncated in its first record; nothing could be read"]:
            read = 0
        else:
            # A member cut in its last bytes (the CRC) may still have given its record whole.
            read = before + 1 if reasons == [_after(before + 1)] else before
            assert reasons == [_after(read)], size
        assert [a.record for a in articles] == [n for n in (3, 9) if n <= read], size


def _after(record: int) -> str:
    return f"truncated after record {record}; the rest could not be read"


def test_warc_articles_reads_a_stream_and_says_where_it_was_cut(tmp_path: Path) -> None:
    data = crawl(tmp_path / "c.warc.gz").read_bytes()
    reading = warc_articles(io.BytesIO(data), "s3://bucket/c.warc.gz")
    assert [(n, a.title) for n, a in reading] == [(3, "Ferry sails again"), (9, "Bridge to close")]
    assert reading.problems == [] and reading.records == 10
    cut = data[: len(data) - 300]
    reading = warc_articles(io.BytesIO(cut), "c.warc.gz")
    assert [n for n, _ in reading] == [3, 9]  # the cut is in the last record
    assert [str(p) for p in reading.problems] == [
        "c.warc.gz: truncated after record 9; the rest could not be read"
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.warc", b"", "empty file"),
        ("text.warc", b"Not a crawl at all, only a line of text.\n", "not a WARC file"),
        ("noise.warc", bytes(range(256)) * 40, "not a WARC file"),
        ("nul.warc", b"\0" * 70_000, "not a WARC file"),
        ("one-long-line.warc", b"x" * 200_000, "not a WARC file"),
        ("text.warc.gz", gzip.compress(b"Not a crawl either.\n"), "not a WARC file"),
        ("noise.warc.gz", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 10, "not a WARC file"),
        ("png.warc", b"\x89PNG\r\n\x1a\n" + bytes(300), "not a WARC file"),
    ],
)
def test_what_is_not_a_warc_is_one_line(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    articles, problems = load_file(path)
    assert articles == [] and [p.reason for p in problems] == [reason]


def test_damage_after_some_records_keeps_them(tmp_path: Path) -> None:
    data = crawl(tmp_path / "c.warc").read_bytes()
    path = tmp_path / "damaged.warc"
    path.write_bytes(data + b"a line of something else\r\n" + data)
    articles, problems = load_file(path)
    assert [a.record for a in articles] == [3, 9]
    assert [p.reason for p in problems] == [
        "damaged after record 10 (a record does not start where the one before it ends);"
        " the rest could not be read"
    ]
    gz = crawl(tmp_path / "c.warc.gz").read_bytes()
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(gz + b"\x1f\x8b\x08\x00" + bytes(range(200)))
    articles, problems = load_file(path)
    assert [a.record for a in articles] == [3, 9] and len(problems) == 1
    assert problems[0].reason.startswith("damaged after record 10")


def test_a_crawl_is_read_as_a_stream(tmp_path: Path) -> None:
    # A 25 MB image and a 25 MB page among the records: neither is ever held whole.
    big = write(
        tmp_path / "big.warc.gz",
        [
            ("response", "https://a.example/photo.jpg", http(ctype="image/jpeg"), bytes(25_000_000)),
            ("response", "https://a.example/huge", http(), b"<p>" + b"word " * 5_000_000),
            ("response", "https://a.example/ferry", http(), page("Ferry sails again", FERRY).encode()),
        ],
    )
    tracemalloc.start()
    try:
        articles, problems = load_file(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.record for a in articles] == [4] and problems == []
    assert peak < 8_000_000, peak


def test_warcio_is_imported_only_for_a_warc() -> None:
    code = (
        "import sys\nfrom reader.core.loading import load_paths\n"
        "assert len(load_paths(['seeds']).articles) == 3\n"
        "print('warcio' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_names_in_a_crawl_are_untrusted_text(tmp_path: Path) -> None:
    hostile = page("Ferry \x1b[31msails\x1b[0m [bold]again[/bold]", FERRY).encode()
    path = write(
        tmp_path / "c\x1b[2J.warc", [("response", "https://a.example/\x1b]0;x\x07", http(), hostile)]
    )
    [article], problems = load_file(path)
    assert problems == []
    assert "\x1b" not in article.title and "\x1b" not in article.id and "\x1b" not in (article.url or "")
