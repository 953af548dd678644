"""Loading: every format and encoding, every kind of bad input, and a read-only folder walk."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.loading import article_from_text, iter_article_files, load_file, load_paths
from reader.core.model import Article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def seed(name: str) -> Article:
    (article,), problems = load_file(next(SEEDS.glob(f"{name}_*.txt")))
    assert problems == []
    return article


def only(path: Path) -> Article:
    articles, problems = load_file(path)
    assert problems == [], [str(p) for p in problems]
    assert len(articles) == 1
    return articles[0]


def problem(path: Path) -> str:
    articles, problems = load_file(path)
    assert articles == []
    assert len(problems) == 1
    assert problems[0].path == path
    assert "\n" not in str(problems[0])
    return problems[0].reason


# --- the seeds ------------------------------------------------------------------


def test_seed_paragraph_counts() -> None:
    # 000 and 002 separate paragraphs with blank lines, 003 has one paragraph per line.
    assert len(seed("000").paragraphs) == 20
    assert len(seed("002").paragraphs) == 16
    assert len(seed("003").paragraphs) == 19


def test_seed_002_dateline_is_split_off() -> None:
    article = seed("002")
    assert (article.lead, article.dateline, article.agency) == ("SEOUL (AFP) : ", "SEOUL", "AFP")
    assert article.paragraphs[0].text.startswith("North Korean leader Kim Jong Un on Wednesday")
    assert article.title == "North Korean leader Kim Jong Un on Wednesday hailed his country’s ties with…"
    assert article.id == "002_990fca62850f33f5"
    assert article.format == "text"


def test_seed_003_outlet_and_appeal() -> None:
    article = seed("003")
    assert article.outlet == "The Moscow Times"
    assert article.lead is None and article.agency is None
    assert [p.index for p in article.paragraphs if p.boilerplate] == list(range(11, 19))
    assert len(article.body) == 11
    assert article.words == sum(len(p.text.split()) for p in article.paragraphs[:11])


def test_seed_000_captions_and_counts() -> None:
    article = seed("000")
    assert [p.index for p in article.paragraphs if p.boilerplate] == [4, 11]
    assert article.lead is None and article.outlet is None
    assert article.words > 400


def test_seed_paragraph_indices_are_positions() -> None:
    for name in ("000", "002", "003"):
        article = seed(name)
        assert [p.index for p in article.paragraphs] == list(range(len(article.paragraphs)))


def test_load_paths_on_the_seeds_folder() -> None:
    calls: list[tuple[int, int]] = []
    result = load_paths([SEEDS], progress=lambda done, total: calls.append((done, total)))
    assert result.problems == ()
    assert [a.id for a in result.articles] == [
        "000_4f549e9bf7ce5619",
        "002_990fca62850f33f5",
        "003_574f2177cef51eb0",
    ]
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


# --- text layout and line ends ------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text("First line of one\nparagraph, wrapped.\n\n\n  Second   paragraph.  \n", encoding="utf-8")
    assert [p.text for p in only(path).paragraphs] == [
        "First line of one paragraph, wrapped.",
        "Second paragraph.",
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(newline.join(["One.", "", "Two,", "wrapped.", "", "Three."]).encode("utf-8"))
    assert [p.text for p in only(path).paragraphs] == ["One.", "Two, wrapped.", "Three."]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_one_paragraph_per_line_with_any_line_end(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(newline.join(["One.", "Two.", "Three."]).encode("utf-8"))
    assert [p.text for p in only(path).paragraphs] == ["One.", "Two.", "Three."]


def test_a_headline_line_becomes_the_title_of_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story"  # no extension: scrapers write such files
    path.write_text(
        "Kim hails ties with Russia\n\nSEOUL (AFP) - Kim said so.\n\nMore text.", encoding="utf-8"
    )
    article = only(path)
    assert article.title == "Kim hails ties with Russia"
    assert (article.dateline, article.agency) == ("SEOUL", "AFP")
    assert [p.text for p in article.paragraphs] == [
        "Kim hails ties with Russia",
        "Kim said so.",
        "More text.",
    ]


def test_a_dateline_on_its_own_line_is_not_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("WASHINGTON (AP) —\n\nThe president spoke.\n\nThen he left.", encoding="utf-8")
    article = only(path)
    assert (article.lead, article.dateline) == ("WASHINGTON (AP) —", "WASHINGTON")
    assert [p.text for p in article.paragraphs] == ["The president spoke.", "Then he left."]


def test_control_sequences_are_stripped_at_load(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("\x1b]0;pwned\x07\x1b[2JKim \x1b[31msaid\x1b[0m\u202e so.\n\n[bold]Markup[/bold] stays.")
    assert [p.text for p in only(path).paragraphs] == ["Kim said so.", "[bold]Markup[/bold] stays."]


# --- encodings ------------------------------------------------------------------------

CURLY = "“Invincible comrades,” said the café’s owner — déjà vu.\n\nSecond paragraph…"


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16"),
        lambda s: s.encode("utf-32"),
        lambda s: s.encode("cp1252"),
        lambda s: s.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16", "utf32", "cp1252", "cp1252-crlf"],
)
def test_encodings(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "enc.txt"
    path.write_bytes(encode(CURLY))
    article = only(path)
    assert [p.text for p in article.paragraphs] == [
        "“Invincible comrades,” said the café’s owner — déjà vu.",
        "Second paragraph…",
    ]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le président a dit : « Nous sommes à Genève », à 10 h.\n\nDeuxième paragraphe.", "latin-1"),
        ("Северная Корея и Россия укрепляют связи, заявил Ким Чен Ын.\n\nВторой абзац.", "cp1251"),
        ("Zażółć gęślą jaźń — powiedział prezydent w środę. Rząd przyjął ustawę.", "cp1250"),
        ("Cumhurbaşkanı Erdoğan, İstanbul'da konuştu. Şimdi görüşmeler başlıyor.", "cp1254"),
        ("Prices rose to €5 — up 10%.", "cp1252"),
        ("Café “x”", "cp1252"),
    ],
)
def test_legacy_single_byte_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert only(path).text == "\n".join(p.strip() for p in text.split("\n\n"))


@pytest.mark.parametrize(
    ("declared", "encoding", "body"),
    [
        ('<meta charset="windows-1251">', "cp1251", "Да, сказал он."),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "cp1252",
            "“Café” — €5.",
        ),
        ('<meta charset="koi8-r">', "koi8-r", "Привет."),
    ],
)
def test_html_declared_charset(tmp_path: Path, declared: str, encoding: str, body: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(f"<html><head>{declared}</head><body><p>{body}</p></body></html>".encode(encoding))
    assert only(path).text == body


def test_non_breaking_spaces_are_kept_and_ascii_spaces_squashed(tmp_path: Path) -> None:
    path = tmp_path / "nbsp.txt"
    path.write_text("Kim\u00a0Jong Un   said\u00a0: yes.\t Really.", encoding="utf-8")
    assert only(path).text == "Kim\u00a0Jong Un said\u00a0: yes. Really."


def test_utf8_with_one_broken_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(("Café crème, naïve résumé. " * 5).encode("utf-8") + b"\xff")
    assert only(path).text.startswith("Café crème, naïve résumé.")


# --- Markdown -----------------------------------------------------------------------------


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "# Kim hails *ties* with Russia\n\n"
        "SEOUL (AFP) : North Korean leader **Kim Jong Un** hailed [ties](https://example.com/t)\n"
        "with Russia ![a photo](kim.jpg) on _Wednesday_.\n\n"
        "## What comes next\n\n"
        "- Putin is `expected` to visit.\n"
        "- A ~~summer~~ trip.\n\n"
        "> “Invincible,” Kim said.\n\n"
        "---\n\n"
        "[ref]: https://example.com\n"
        "Snake_case_names and 5 * 3 stay \\*as written\\*.\n",
        encoding="utf-8",
    )
    article = only(path)
    assert article.format == "markdown"
    assert article.title == "Kim hails ties with Russia"
    assert (article.dateline, article.agency) == ("SEOUL", "AFP")
    assert [p.text for p in article.paragraphs] == [
        "North Korean leader Kim Jong Un hailed ties with Russia on Wednesday.",
        "What comes next",
        "Putin is expected to visit.",
        "A summer trip.",
        "“Invincible,” Kim said.",
        "Snake_case_names and 5 * 3 stay *as written*.",
    ]


def test_markdown_front_matter_and_setext_title(tmp_path: Path) -> None:
    path = tmp_path / "fm.markdown"
    path.write_text(
        "---\ntitle: 'Front title'\ndate: 2024-06-12\nurl: https://example.com/a\n---\n"
        "Setext headline\n===============\n\nBody text here.\n",
        encoding="utf-8",
    )
    article = only(path)
    assert (article.title, article.date, article.url) == (
        "Front title",
        "2024-06-12",
        "https://example.com/a",
    )
    assert [p.text for p in article.paragraphs] == ["Body text here."]


# --- HTML --------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>Kim hails ties | The Daily Example</title>
<meta property="og:title" content="Kim hails ties with Russia">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-06-12T08:00:00+00:00">
<link rel="canonical" href="https://example.com/world/kim-ties">
<style>body { font-family: serif } .nav { color: red }</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head><body>
<nav class="nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><a href="/">The Daily Example</a></header>
<main><article>
<h1>Kim hails ties with Russia</h1>
<p>SEOUL (AFP) : North Korean leader Kim Jong Un on Wednesday hailed his country&#8217;s ties with
Russia, saying the two nations were &ldquo;invincible comrades-in-arms.&rdquo;</p>
<p>Kim made a rare overseas trip to meet Putin in Russia&#8217;s far east last year, with Seoul and
Washington subsequently claiming Pyongyang was shipping weapons to Moscow.</p>
<script>trackPageview("kim-ties");</script>
<p>Putin was expected to pay a return visit to North Korea in the coming days, after the Kremlin told
Russian media in May that the trip was being prepared.</p>
<p>South Korea&#8217;s Yonhap news agency reported the visit could take place as early as next week,
as part of a tour that would also include a stop in Vietnam.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Something else entirely</a></li></ul></aside>
<footer><p>&copy; 2024 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only(path)
    assert article.format == "html"
    assert article.title == "Kim hails ties with Russia"
    assert (article.dateline, article.agency) == ("SEOUL", "AFP")
    assert article.outlet == "The Daily Example"
    assert article.url == "https://example.com/world/kim-ties"
    assert article.date == "2024-06-12"
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith(
        "North Korean leader Kim Jong Un on Wednesday hailed his country’s ties with Russia"
    )
    assert len(texts) == 4 and texts[3].endswith("a stop in Vietnam.")
    joined = " ".join(texts)
    for furniture in ("Home", "Sport", "Most read", "dataLayer", "trackPageview", "font-family", "Privacy"):
        assert furniture not in joined


def test_html_fallback_extraction_without_trafilatura(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # "import trafilatura" now fails
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    article = only(path)
    assert article.title == "Kim hails ties with Russia"
    assert (article.url, article.date) == ("https://example.com/world/kim-ties", "2024-06-12")
    assert article.outlet == "The Daily Example"
    assert [p.text[:20] for p in article.paragraphs] == [
        "North Korean leader ",
        "Kim made a rare over",
        "Putin was expected t",
        "South Korea’s Yonhap",
    ]


def test_tiny_html_page_uses_the_fallback(tmp_path: Path) -> None:
    path = tmp_path / "tiny.html"
    path.write_text("<html><body><nav>Menu</nav><p>Kim met Putin.</p><p>Talks went well.</p></body></html>")
    assert [p.text for p in only(path).paragraphs] == ["Kim met Putin.", "Talks went well."]


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>")
    assert problem(path) == "no article text found in the page"


def test_html_is_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert only(path).format == "html"


# --- JSON ---------------------------------------------------------------------------------

NEWS_PLEASE = {
    "authors": [],
    "date_download": "2024-06-13 09:00:00",
    "date_modify": None,
    "date_publish": "2024-06-12 08:00:00",
    "description": "Kim praises ties as Putin visit nears.",
    "filename": "https%3A%2F%2Fexample.com%2Fkim.json",
    "image_url": "https://example.com/kim.jpg",
    "language": "en",
    "localpath": None,
    "maintext": "SEOUL (AFP) : North Korean leader Kim Jong Un hailed ties with Russia.\n"
    "Kim made a rare trip last year.\nPutin is expected to visit soon.",
    "source_domain": "example.com",
    "title": "Kim hails ties with Russia",
    "title_page": None,
    "title_rss": None,
    "url": "https://example.com/kim",
}


def test_news_please_json(tmp_path: Path) -> None:
    path = tmp_path / "np.json"
    path.write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    article = only(path)
    assert article.format == "json"
    assert article.id == "np" and article.record is None
    assert (article.title, article.url, article.date) == (
        "Kim hails ties with Russia",
        "https://example.com/kim",
        "2024-06-12 08:00:00",
    )
    assert article.outlet == "example.com"
    assert (article.dateline, article.agency) == ("SEOUL", "AFP")
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].text == "North Korean leader Kim Jong Un hailed ties with Russia."


def test_json_lines_with_three_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": f"Story {i}", "text": f"Paragraph one of {i}.\n\nParagraph two."})
        for i in (1, 2, 3)
    ]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    articles, problems = load_file(path)
    assert problems == []
    assert [(a.id, a.record, a.title) for a in articles] == [
        ("feed#1", 1, "Story 1"),
        ("feed#2", 2, "Story 2"),
        ("feed#3", 3, "Story 3"),
    ]
    assert [a.label for a in articles] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3"]
    assert [p.text for p in articles[1].paragraphs] == ["Paragraph one of 2.", "Paragraph two."]


def test_json_list_and_other_field_names(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    records = [
        {
            "headline": "One",
            "body": ["First para.", "Second para."],
            "source": {"id": "r", "name": "Reuters"},
        },
        {
            "title": "Two",
            "content": "<p>HTML <b>body</b>.</p><p>Second.</p>",
            "publisher": "AP",
            "link": "u2",
        },
        {"title": "No text here"},
        "not an object",
        {"article": "Third article text.", "publishedAt": "2024-06-12"},
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    articles, problems = load_file(path)
    assert [(a.id, a.title, a.outlet) for a in articles] == [
        ("list#1", "One", "Reuters"),
        ("list#2", "Two", "AP"),
        ("list#5", "Third article text", None),
    ]
    assert [p.text for p in articles[0].paragraphs] == ["First para.", "Second para."]
    assert [p.text for p in articles[1].paragraphs] == ["HTML body.", "Second."]
    assert articles[1].url == "u2" and articles[2].date == "2024-06-12"
    assert [p.reason for p in problems] == ["record 3: no text/body/content field", "record 4: not an object"]


def test_json_object_holding_a_list(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": [{"content": "A."}, {"content": "B."}]}))
    assert [a.text for a in load_file(path)[0]] == ["A.", "B."]


def test_json_lines_in_a_json_file_and_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text('{"text": "One."}\n{"text": "Two."}\n{broken\n{"text": "Four."}\n')
    articles, problems = load_file(path)
    assert [a.text for a in articles] == ["One.", "Two.", "Four."]
    assert [a.record for a in articles] == [1, 2, 4]
    assert [p.reason for p in problems] == [
        "record 3: not valid JSON (line 3: Expecting property name enclosed in double quotes)"
    ]


def test_json_text_is_sanitised(tmp_path: Path) -> None:
    path = tmp_path / "esc.json"
    path.write_text(json.dumps({"title": "T\u001b[31m!", "text": "Body \u001b]0;x\u0007text \ud800here."}))
    article = only(path)
    assert (article.title, article.text) == ("T!", "Body text here.")


# --- bad input -----------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert problem(path) == "empty file"


def test_blank_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \r\n\n\t \n")
    assert problem(path) == "empty file"


def test_file_with_only_control_sequences(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"\x1b[2J\x1b[H\x1b[0m\n")
    assert problem(path) == "no readable text"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"some text\x00\x01\x02\x00\xff\xfe\x00binary" * 20)
    assert problem(path) == "binary file, not text"


def test_binary_file_named_by_its_signature(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert problem(path) == "binary file, not text (a PNG image)"


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 10)
    assert problem(path) == "cannot decode: not UTF-8 or any known text encoding"


def test_broken_utf16(tmp_path: Path) -> None:
    path = tmp_path / "half.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate
    assert problem(path).startswith("cannot decode: broken UTF-16-LE")


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written to disk
    assert problem(path) == "52.4 MB is larger than the 20 MB limit"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    assert problem(link) == "broken symbolic link"
    result = load_paths([tmp_path])
    assert [str(p) for p in result.problems] == [f"{link}: broken symbolic link"]


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert problem(loop) == "symbolic link loop"


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Kim said so.")
    path.chmod(0)
    try:
        assert problem(path) == "permission denied"
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests often run as root, for whom chmod 000 changes nothing: make open() refuse instead.
    path = tmp_path / "secret.txt"
    path.write_text("Kim said so.")
    other = tmp_path / "fine.txt"
    other.write_text("Putin said so.")
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    result = load_paths([tmp_path])
    assert [str(p) for p in result.problems] == [f"{path}: permission denied"]
    assert [a.text for a in result.articles] == ["Putin said so."]


@pytest.mark.skipif(AS_ROOT, reason="root lists folders whatever their mode")
def test_unreadable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("Kim said so.")
    folder.chmod(0)
    try:
        result = load_paths([tmp_path])
        assert [str(p) for p in result.problems] == [f"{folder}: permission denied"]
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert problem(fifo) == "not a regular file (a device, pipe or socket)"


def test_json_without_article_records(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"name": "settings", "values": [1, 2, 3]}))
    assert problem(path) == "JSON without article records (no text/body/content field)"
    numbers = tmp_path / "numbers.json"
    numbers.write_text("[1, 2, 3]")
    assert problem(numbers) == "JSON without article records (no text/body/content field)"
    scalar = tmp_path / "scalar.json"
    scalar.write_text('"just a string"')
    assert problem(scalar) == "JSON without article records (no text/body/content field)"


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated')
    assert problem(path).startswith("not valid JSON (line 1, column 10: Unterminated string")


def test_json_records_with_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "hollow.json"
    path.write_text(json.dumps([{"text": "  "}, {"text": ""}, {"body": "\n"}]))
    assert problem(path) in (
        "JSON article records with empty text",
        "JSON without article records (no text/body/content field)",
    )


def test_json_looking_text_file_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("[bold] is how rich marks up text, the manual says.")
    assert only(path).text == "[bold] is how rich marks up text, the manual says."


def test_missing_folder_and_file(tmp_path: Path) -> None:
    result = load_paths([tmp_path / "nowhere", tmp_path / "nothing.txt", SEEDS])
    assert sorted(str(p) for p in result.problems) == [
        f"{tmp_path / 'nothing.txt'}: no such file or folder",
        f"{tmp_path / 'nowhere'}: no such file or folder",
    ]
    assert len(result.articles) == 3


def test_bad_files_do_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good one.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "d.json").write_text("{}")
    (tmp_path / "e.txt").write_text("Good two.")
    result = load_paths([tmp_path])
    assert [a.text for a in result.articles] == ["Good one.", "Good two."]
    assert [(p.path.name, p.reason) for p in result.problems] == [
        ("b.txt", "empty file"),
        ("c.txt", "binary file, not text"),
        ("d.json", "JSON without article records (no text/body/content field)"),
    ]


# --- finding files ----------------------------------------------------------------------


def test_iter_article_files(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a.md",
        "c.html",
        "d.JSON",
        "feed.ndjson",
        "notes",
        "z/y.txt",
        "z/x.htm",
        ".hidden.txt",
        ".git/config",
        "photo.jpg",
        "archive.zip",
        "script.py",
        "draft.txt~",
        "Kim met Putin. Again",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_article_files(tmp_path)]
    assert found == [
        "Kim met Putin. Again",
        "a.md",
        "b.txt",
        "c.html",
        "d.JSON",
        "feed.ndjson",
        "notes",
        "z/x.htm",
        "z/y.txt",
    ]


def test_folder_symlink_loops_are_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Kim.")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    assert [p.name for p in iter_article_files(tmp_path)] == ["a.txt"]


def test_duplicates_are_loaded_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kim said so.")
    (tmp_path / "same.txt").symlink_to(tmp_path / "a.txt")
    result = load_paths([tmp_path, tmp_path / "a.txt", str(tmp_path / "a.txt")])
    assert [a.path.name for a in result.articles] == ["a.txt"]


def test_articles_sorted_by_path_then_record(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text('{"text": "b1"}\n{"text": "b2"}\n')
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("ca")
    result = load_paths([tmp_path / "c", tmp_path / "b.jsonl", tmp_path / "a.txt"])
    assert [a.text for a in result.articles] == ["a", "b1", "b2", "ca"]


def test_ids_are_unique_when_stems_collide(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"From {folder}.")
    (tmp_path / "other.txt").write_text("Other.")
    ids = [a.id for a in load_paths([tmp_path]).articles]
    assert len(set(ids)) == 3
    assert "other" in ids


# --- hostile names ------------------------------------------------------------------------

LATIN1 = os.fsdecode(b"caf\xe9.txt")  # "café" written by an old archiver: not UTF-8


def test_a_name_that_is_not_utf8_is_read_and_named_with_an_escape(tmp_path: Path) -> None:
    (tmp_path / LATIN1).write_text("Un article.\n\nDeux paragraphes.", encoding="utf-8")
    (tmp_path / os.fsdecode(b"caf\xe8.txt")).write_text("Another one.", encoding="utf-8")
    result = load_paths([tmp_path])
    assert result.problems == ()
    first = result.articles[1]  # in the order of the bytes: caf\xe8 first
    assert first.path == tmp_path / LATIN1 and first.text == "Un article.\nDeux paragraphes."
    assert (first.label, first.id) == ("caf\\xe9.txt", "caf\\xe9")
    assert [a.id for a in result.articles] == ["caf\\xe8", "caf\\xe9"]  # not both "caf"


def test_a_problem_names_its_file_escaped_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad\nname.json").write_text("[[[[", encoding="utf-8")
    (tmp_path / os.fsdecode(b"\xff\x1b[31m.txt")).write_bytes(b"")
    lines = sorted(str(p) for p in load_paths([tmp_path]).problems)
    assert lines == [
        f"{tmp_path}/\\xff\\x1b[31m.txt: empty file",
        f"{tmp_path}/bad\\nname.json: not valid JSON (line 1, column 5: Expecting value)",
    ]


# --- reasons in words ----------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


def test_json_nested_too_deeply_says_so(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP)
    assert problem(path) == "JSON nested too deeply to read"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "The first record reads."}) + "\n" + DEEP + "\n")
    articles, problems = load_file(feed)
    assert [a.text for a in articles] == ["The first record reads."]
    assert [p.reason for p in problems] == ["record 2: JSON nested too deeply to read (line 2)"]


def test_a_body_nested_as_deep_as_json_goes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text(
        '{"title": '
        + "[" * 900
        + '"T"'
        + "]" * 900
        + ', "text": '
        + "[" * 900
        + '"Deep text."'
        + "]" * 900
        + "}"
    )
    article = only(path)
    assert (article.title, article.text) == ("T", "Deep text.")


def test_a_number_too_long_for_python_does_not_lose_the_article(tmp_path: Path) -> None:
    path = tmp_path / "digits.json"
    path.write_text('{"text": "The body reads.", "views": ' + "7" * 5000 + "}")
    assert only(path).text == "The body reads."
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "One."}\n{"text": "Two.", "id": -' + "9" * 5000 + "}\n")
    assert [a.text for a in load_file(feed)[0]] == ["One.", "Two."]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (RecursionError("maximum recursion depth exceeded"), "nested too deeply to read"),
        (MemoryError(), "too large to read in the memory available"),
        (
            ValueError(
                "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits"
            ),
            "a number in it is too long (5,000 digits)",
        ),
        (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
            "holds characters that cannot be read as text",
        ),
        (
            KeyError("text"),
            "could not be read: the reader failed on it in a way it does not know (please report it)",
        ),
    ],
)
def test_what_the_loader_did_not_foresee_is_said_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, reason: str
) -> None:
    import reader.core.loading as loading

    def failing(path: Path) -> None:
        raise error

    monkeypatch.setattr(loading, "_load", failing)
    path = tmp_path / "odd.txt"
    path.write_text("Some text.")
    assert problem(path) == reason
    for python in ("Error", "Exception", "sys.", "KeyError", "digits;"):
        assert python not in reason


# --- properties ---------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            out[path.relative_to(folder).as_posix()] = (info.st_mtime_ns, info.st_size)
    return out


def test_loading_never_writes_into_the_folder(tmp_path: Path) -> None:
    for source in SEEDS.glob("*.txt"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "story.md").write_text("# T\n\nBody.", encoding="utf-8")
    (tmp_path / "np.json").write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(CURLY.encode("cp1252"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "dead.txt").symlink_to(tmp_path / "missing")
    before = _snapshot(tmp_path)
    os.utime(tmp_path, ns=(0, 0))  # the folder's own mtime changes if anything is created in it
    result = load_paths([tmp_path])
    assert len(result.articles) == 7 and len(result.problems) == 2
    assert _snapshot(tmp_path) == before
    assert tmp_path.stat().st_mtime_ns == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ""]))
def test_loading_never_raises_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        articles, problems = load_file(path)
        assert len(articles) + len(problems) >= 1
        for article in articles:
            for paragraph in article.paragraphs:
                assert paragraph.text and paragraph.text == paragraph.text.strip()
                assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in paragraph.text)
                paragraph.text.encode("utf-8")
        for p in problems:
            assert "\n" not in p.reason and "Traceback" not in p.reason


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_article_from_any_text(text: str) -> None:
    article = article_from_text(text)
    if article is not None:
        assert article.paragraphs and article.title
        assert "\n" not in article.title


def test_loading_imports_nothing_heavy_for_text_files() -> None:
    code = (
        "import sys\nfrom reader.core.loading import load_paths\n"
        "assert len(load_paths(['seeds']).articles) == 3\n"
        "print(sorted(m for m in ('trafilatura', 'charset_normalizer', 'lxml', 'textual', 'rich')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
