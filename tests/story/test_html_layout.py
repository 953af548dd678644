"""The HTML reports' layout on a phone and a laptop, checked in the page's text (what
benchmarks/html_screens.py showed in Chromium at 390 and 1280 pixels): the columns
stack under 50em with each side named, nothing is wider than a phone unless it
scrolls inside its own wrapper, long names wrap. With Chromium installed, one test
also lays the pages out at 390 pixels and finds no horizontal overflow."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.html.page import CSS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
AFP = str(SEEDS / "002_990fca62850f33f5.txt")
MT = str(SEEDS / "003_574f2177cef51eb0.txt")
BBC = str(SEEDS / "000_4f549e9bf7ce5619.txt")
PHONE = 390  # CSS pixels
EM = 15  # the body's font size in pixels


def page(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main([*args, "--html"])
    return capsys.readouterr().out


def rules(css: str) -> dict[str, str]:
    """Selector -> declarations of the top-level rules, and of each ``@media`` block
    under the key ``@media …`` (its rules as text)."""
    out: dict[str, str] = {}
    depth, start, head = 0, 0, ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                head, start = css[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out[head] = out.get(head, "") + css[start:i]
                start = i + 1
    return out


def narrow() -> str:
    return rules(CSS)["@media (max-width: 50em)"]


def test_columns_stack_under_50em_and_each_side_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    media = rules(narrow())
    assert "grid-template-columns: 1fr;" in media[".g, .pairs"]
    assert "attr(data-side)" in media[".g .side[data-side]::before"]
    diff = page(capsys, "diff", AFP, MT)
    assert '<div class="side" data-side="A">' in diff and '<div class="side b" data-side="B">' in diff
    story = page(capsys, "story", AFP, MT, BBC)
    assert 'data-side="base"' in story and 'data-side="#1"' in story


def test_a_cut_paragraph_keeps_to_a_column(capsys: pytest.CaptureFixture[str]) -> None:
    diff = page(capsys, "diff", AFP, MT)
    cut = re.search(r'<div class="g" id="g\d+"><h3>¶14 cut</h3>(.*?)</div>\n', diff)
    assert cut and cut[1].startswith('<div class="side" data-side="A">') and 'data-side="B"' not in cut[1]
    assert "side only" not in diff and ".only" not in CSS  # no side spans both columns
    assert ".g .side.b { grid-column: 2; }" in CSS and ".g .side.b { grid-column: auto; }" in narrow()


def test_separate_reports_read_one_after_the_other_on_a_phone(capsys: pytest.CaptureFixture[str]) -> None:
    diff = page(capsys, "diff", AFP, BBC)
    grid = re.search(r'<div class="pairs">(.*?)</div>\n', diff, re.S)
    assert grid and grid[1].startswith('<div class="head">A: ') and '<div class="head b">B: ' in grid[1]
    assert grid[1].count('<div class="b">') >= 16  # one cell of B beside each paragraph of A
    assert ".pairs > .b { order: 1; }" in narrow()  # stacked: all of A, then all of B


def test_no_fixed_width_is_wider_than_a_phone() -> None:
    for prop, value, unit in re.findall(r"(?<![-\w])((?:min-)?width):\s*([\d.]+)(em|px)", CSS):
        pixels = float(value) * (EM if unit == "em" else 1)
        assert pixels <= PHONE, f"{prop}: {value}{unit}"
    assert "max-width: 80em" in rules(CSS)["body"]  # a maximum: the page narrows with the window


def test_tables_scroll_inside_a_wrapper(capsys: pytest.CaptureFixture[str]) -> None:
    story = page(capsys, "story", AFP, MT, BBC)
    assert story.count("<table") == 2
    assert story.count('<div class="table-wrap"><table') == 2
    assert "overflow-x: auto" in rules(CSS)[".table-wrap"]


def test_copies_become_cards_with_named_cells(capsys: pytest.CaptureFixture[str]) -> None:
    story = page(capsys, "story", AFP, MT, BBC)
    assert '<td class="n" data-label="kept">67%</td>' in story
    assert '<td class="n na" data-label="kept">–</td>' in story  # the write-up's: left out on a card
    assert story.count('<tr class="v">') == 2  # each verdict under its copy's numbers
    media = rules(narrow())
    assert "display: none" in media[".copies thead, .copies tr.v td:first-child"]
    assert "attr(data-label)" in media[".copies td[data-label]::before"]
    assert "display: none" in media[".copies td.na, .copies td:empty"]


def test_legend_units_wrap_whole(capsys: pytest.CaptureFixture[str]) -> None:
    story = page(capsys, "story", AFP, MT, BBC)
    legend = re.search(r'<p class="legend">(.*?)</p>', story)
    assert legend and "</span><span" not in legend[1] and legend[1].count("</span> <span") >= 10
    assert "white-space: nowrap" in rules(CSS)[".legend span"]


def test_long_names_wrap() -> None:
    assert "overflow-wrap: anywhere" in rules(CSS)["h1, h2, .meta, .note, .ghost, summary"]
    assert "overflow-wrap: break-word" in rules(CSS)["body"]


@pytest.mark.skipif(
    not shutil.which("chromium") and not os.environ.get("READER_NEED_CHROMIUM"),
    reason="Chromium is not installed (.ci/run installs it)",
)
def test_no_horizontal_overflow_at_390_pixels_in_chromium(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("html_screens", ROOT / "benchmarks" / "html_screens.py")
    assert spec and spec.loader
    screens = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screens)
    long_name = "www.example.com_world_asia_2024_06_12_north-korea-russia-kim-putin-ties-" * 2
    files = [tmp_path / f"{long_name}{n}.txt" for n in ("afp", "copy", "other")]
    for source, target in zip((AFP, MT, BBC), files, strict=True):
        target.write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
    for name, report in screens.write_reports(tmp_path, files).items():
        width, _ = screens.measure("chromium", report, PHONE, tmp_path / f"probe-{name}.html")
        assert width <= PHONE, f"{name} is {width} px wide at {PHONE} px"
