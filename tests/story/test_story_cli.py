"""``reader story`` (terminal table, --json, --html) and ``reader diff --html``:
output shapes, a well-formed and self-contained page, escaping, exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from storygen import make_story

from reader.cli import main
from reader.core.loading import load_file
from reader.view.story_words import SYMBOLS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
AFP = str(SEEDS / "002_990fca62850f33f5.txt")
MT = str(SEEDS / "003_574f2177cef51eb0.txt")
BBC = str(SEEDS / "000_4f549e9bf7ce5619.txt")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    case = make_story(3, copies=20, words=1000)
    base, copies = case.write(tmp_path_factory.mktemp("twenty"))
    return [str(base), *map(str, copies)]


# -- terminal -------------------------------------------------------------------


def test_story_table_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "story", AFP, MT, BBC, "--width", "80")
    assert status == 1 and err == ""
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b" not in out
    assert "different write-ups" in out
    lines = out.splitlines()
    row11 = next(line for line in lines if line.startswith("11 North Korea has denied"))
    assert "↕ in ¶8" in row11
    row14 = next(line for line in lines if line.startswith("14 "))
    assert "✂ end" in row14
    assert "≠" in row14
    assert any("+ ¶11–18 donation" in line for line in lines)
    # The legend gives every symbol its meaning.
    assert all(symbol in lines[-1] or symbol in out.split("\n\n")[-1] for symbol in SYMBOLS.values())


def test_colour_marks_statuses_and_no_color_keeps_only_bold_and_dim(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    _, out, _ = run(capsys, "story", AFP, MT, "--width", "80")
    assert "\x1b[33m± 5% ¶0" in out and "\x1b[31m✂ end" in out and "\x1b[35m↕ in ¶8" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "story", AFP, MT, "--width", "80")
    assert set(re.findall(r"\x1b\[(\d+)m", out)) <= {"0", "1", "2"}
    assert "± 5% ¶0" in out and "✂ end" in out


def test_likely_original_is_the_base_unless_told(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "story", MT, AFP)
    assert out.startswith("base 002_990fca62850f33f5.txt")
    _, out, _ = run(capsys, "story", MT, AFP, "--base", MT)
    assert out.startswith("base 003_574f2177cef51eb0.txt")
    assert "#1 002_990fca62850f33f5.txt" in out and "#2" not in out


@pytest.mark.parametrize("width", [60, 80, 132])
def test_twenty_copies_page_to_fit_the_width(
    capsys: pytest.CaptureFixture[str], twenty: list[str], width: int
) -> None:
    status, out, _ = run(capsys, "story", *twenty, "--width", str(width))
    assert status == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    pages = [line for line in lines if line.startswith("copies #")]
    assert len(pages) >= 2 and pages[-1].endswith("of 20")
    headers = [line for line in lines if line.startswith("¶  base")]
    assert len(headers) == len(pages)
    for k in range(1, 21):
        assert any(f"#{k} " in h for h in headers), k
    # Each page lists every base paragraph.
    assert sum(1 for line in lines if line.startswith(" 0 ")) == len(pages)


# -- JSON -----------------------------------------------------------------------


def test_story_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "story", AFP, MT, BBC, "--json")
    assert status == 1
    data = json.loads(out)
    assert set(data) == {"base", "legend", "copies", "rows"}
    assert data["base"]["path"].endswith("002_990fca62850f33f5.txt")
    assert data["legend"]["cut"] == {"symbol": "✂", "meaning": "cut"}
    mt, bbc = data["copies"]
    assert mt["copy"] == 0 and mt["related"] and not mt["equal"]
    assert mt["cut"] == {"start": 0, "middle": 0, "end": 2, "words": mt["cut"]["words"]}
    assert mt["added"]["boilerplate"] == [{"reason": "donation appeal", "paragraphs": 8}]
    assert set(mt) >= {"article", "verdict", "summary", "kept_share", "words_changed", "paragraphs"}
    assert not bbc["related"] and bbc["verdict"].startswith("different write-ups")
    rows = data["rows"]
    assert [r["base"] for r in rows if r["base"] is not None] == list(range(16))
    for row in rows:
        assert len(row["cells"]) == 2
    row9 = rows[9]
    cell = row9["cells"][0]
    assert cell["status"] == "merged" and cell["b"] == [8] and cell["with"] == [11]
    assert cell["symbol"] == "⇉" and cell["label"].startswith("⇉")
    assert row9["cells"][1]["status"] == "unrelated"
    added = rows[-1]
    assert added["base"] is None and added["copy"] == 0 and added["after"] == 15
    assert added["cells"][1] is None and added["cells"][0]["status"] == "boilerplate"


def test_identical_copy_exits_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    same = tmp_path / "same.txt"
    same.write_bytes(Path(AFP).read_bytes())
    status, out, _ = run(capsys, "story", AFP, str(same), "--base", AFP, "--json")
    assert status == 0
    assert json.loads(out)["copies"][0]["equal"]


# -- trouble ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["story", AFP], 1),
        (["story", "nope.txt"], 2),  # the file, then why there is no story
        (["story", AFP, "--base", AFP], 1),
        (["story", AFP, MT, "--base", "missing.txt", "--html"], 1),
        (["diff", "nope.txt", AFP, "--html"], 1),
    ],
)
def test_trouble_is_reported_in_lines_and_exit_two(
    capsys: pytest.CaptureFixture[str], args: list[str], lines: int
) -> None:
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == lines
    assert all(line.startswith("reader: ") for line in err.splitlines())


def test_bad_files_are_reported_and_the_rest_compared(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    status, out, err = run(capsys, "story", AFP, str(empty), "nope.txt", MT, "--json")
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("reader: ") for line in lines)
    assert str(empty) in lines[0] and "nope.txt" in lines[1]
    data = json.loads(out)
    assert [c["article"]["path"] for c in data["copies"]] == [MT]


def test_a_json_lines_file_of_copies_and_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    records = [
        {"title": "AFP", "source": "AFP", "text": Path(AFP).read_text(encoding="utf-8")},
        {"title": "MT", "source": "The Moscow Times", "text": Path(MT).read_text(encoding="utf-8")},
        {"title": "no text"},
    ]
    jsonl = tmp_path / "outlets.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = (a.record for a in load_file(jsonl)[0])
    status, out, err = run(capsys, "story", str(jsonl), "--base", f"{jsonl}#{first}", "--json")
    assert status == 2 and err.count("\n") == 1 and "outlets.jsonl" in err  # the record with no text
    data = json.loads(out)
    assert data["base"]["record"] == first
    assert [c["article"]["record"] for c in data["copies"]] == [second]
    assert data["copies"][0]["article"]["outlet"] == "The Moscow Times"
    status, out, _ = run(capsys, "story", str(SEEDS), "--json")
    assert status == 1
    data = json.loads(out)
    assert data["base"]["path"] == AFP and len(data["copies"]) == 2


def test_story_does_not_import_textual() -> None:
    code = (
        "import contextlib, io, sys\nfrom reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['story', {AFP!r}, {MT!r}])\n"
        f"    main(['story', {AFP!r}, {MT!r}, '--json'])\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


# -- HTML ---------------------------------------------------------------------------

VOID = {"meta", "br", "input", "hr", "img", "link", "wbr", "col", "area", "base", "source"}


class Checker(HTMLParser):
    """Fails on a badly nested page; collects tags, attributes and anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id":
                if value in self.ids:
                    self.errors.append(f"duplicate id {value}")
                self.ids.add(value or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_page(page: str) -> Checker:
    assert page.startswith("<!DOCTYPE html>")
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    # Self-contained: no script, stylesheet link, image, frame or object; no URL anywhere.
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(checker.tags)
    for tag, name, value in checker.attrs:
        assert name != "src", tag
        assert not name.startswith("on"), (tag, name)
        if name == "href":
            assert value and value.startswith("#"), value
            assert value[1:] in checker.ids, value
    assert "http" not in page and "url(" not in page and "@import" not in page
    return checker


def test_story_html_is_well_formed_and_self_contained(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "story", AFP, MT, BBC, "--html")
    assert status == 1 and err == ""
    checker = check_page(out)
    text = "".join(checker.text)
    assert '<meta charset="utf-8">' in out
    assert "different write-ups, 6% shared text" in text
    assert "<del>imminently</del>" in out  # the word diff, deletions struck
    assert "<ins>" in out
    assert 'class="s-moved"' in out and "↕ in ¶8" in text
    assert "<details" in out and "donation appeal" in text
    # Typography is hidden: the straightened quotes of ¶3 are not marked as changes.
    assert "<ins>&quot;</ins>" not in out and "<del>“</del>" not in out


def test_story_html_has_each_copy_diff(capsys: pytest.CaptureFixture[str], twenty: list[str]) -> None:
    status, out, _ = run(capsys, "story", *twenty[:11], "--html")
    assert status == 1
    checker = check_page(out)
    assert {f"c{k}" for k in range(10)} <= checker.ids


def test_diff_html_page(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "diff", AFP, MT, "--html")
    assert status == 1 and err == ""
    checker = check_page(out)
    text = "".join(checker.text)
    assert "B keeps 67% of A" in text
    assert "¶9+11 → ¶8 merged, ¶11 moved" in text
    assert "¶14 cut" in text
    assert "+8 paragraphs of boilerplate: donation appeal" in text
    assert out.count("<details") == 1


def test_diff_html_typography_option_shows_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "diff", AFP, MT, "--html", "--typography")
    check_page(out)
    assert 'class="ty"' in out


def test_diff_html_of_equal_articles_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "diff", AFP, AFP, "--html")
    assert status == 0
    check_page(out)


def test_diff_html_of_unrelated_articles_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "diff", AFP, BBC, "--html")
    assert status == 1
    text = "".join(check_page(out).text)
    assert "different write-ups" in text and "no word diff is shown" in text


HOSTILE = (
    "Officials said <script>alert(1)</script> was \x1b[31mred\x1b[0m & \"quoted\" <b onclick='x'>here</b>."
)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[str, str]:
    paras = Path(AFP).read_text(encoding="utf-8").split("\n")
    base = tmp_path / "a<i>.txt"
    copy = tmp_path / "b\"'.txt"
    base.write_text("\n\n".join([HOSTILE, *paras[1:8]]), encoding="utf-8")
    copy.write_text("\n\n".join([HOSTILE.replace("was", "is"), *paras[1:7], HOSTILE]), encoding="utf-8")
    return str(base), str(copy)


@pytest.mark.parametrize("command", ["story", "diff"])
def test_html_escapes_article_text_and_names(
    capsys: pytest.CaptureFixture[str], hostile: tuple[str, str], command: str
) -> None:
    status, out, _ = run(capsys, command, *hostile, "--html")
    assert status == 1
    checker = check_page(out)
    assert "\x1b" not in out
    assert "<script>" not in out and "<b " not in out and "<i>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;i&gt;" in out  # the file name
    assert "script" not in checker.tags and "i" not in checker.tags  # and check_page found no onclick
    assert "red" in "".join(checker.text)  # the words stay, the escape sequence goes


def test_terminal_strips_control_sequences(
    capsys: pytest.CaptureFixture[str], hostile: tuple[str, str]
) -> None:
    status, out, _ = run(capsys, "story", *hostile)
    assert status == 1
    assert "\x1b" not in out
    assert " 0 Officials said <script>" in out  # shown as text, never parsed


def test_html_reports_show_the_facts(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "diff", AFP, MT, "--html")
    assert "AFP credit dropped · 2 quotations cut · 1 name changed" in page
    assert page.count('<ul class="facts">') == 1 and '<ins class="fact">' in page
    _, story, _ = run(capsys, "story", AFP, MT, BBC, "--html")
    assert "The likely original: AFP credit, the fullest credited version (474 words)" in story
    assert "<th>agency credit</th>" in story and '<td data-label="agency credit">dropped</td>' in story


def test_story_json_says_why_the_base_and_what_each_copy_did_with_the_credit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "story", AFP, MT, BBC, "--json")
    data = json.loads(out)
    assert data["base"]["why"] == "AFP credit, the fullest credited version (474 words)"
    mt = next(c for c in data["copies"] if c["article"]["outlet"] == "The Moscow Times")
    assert mt["credit"] == "dropped" and mt["facts"][0]["kind"] == "credit"
    assert mt["quotes_altered"] == 0 and mt["numbers_changed"] == 0
    assert mt["paragraphs"]["merges"] == 3 and mt["paragraphs"]["merged"] == 6
