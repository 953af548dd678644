"""Copies of one story told apart: the outlet column (from the record, the URL, the text,
else the file name's own part) and the story view's column headers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ui.app import ReaderApp
from reader.ui.screens.story import StoryScreen

from .conftest import list_screen, screen_text, settle, table

# A made-up wire story and its copies (our own text, modelled on agency copy).
WIRE = [
    "Volcano erupts again on Iceland's Reykjanes peninsula",
    "GRINDAVIK, Iceland, March 3 (AFP) - A volcano on Iceland's Reykjanes peninsula erupted "
    "for the fifth time in four months late on Saturday, sending lava towards the evacuated "
    "fishing town of Grindavik, the Icelandic Meteorological Office said.",
    "The fissure opened shortly after 8:30 pm between two craters and grew to about three "
    "kilometres within an hour, the office said in a statement.",
    "The town's 3,700 residents were evacuated in November and only a few dozen have "
    "returned, a civil protection official told AFP.",
    '"We have been expecting this for days, the pressure had been building," geophysicist '
    "Anna Jonsdottir said on public broadcaster RUV.",
    "Flights at Keflavik airport, the country's main international hub, were not affected, "
    "operator Isavia said.",
]
OTHER = [
    "Firefighters contain blaze at port warehouse",
    "ROTTERDAM, March 3 (Reuters) - Firefighters brought a large blaze at a warehouse in the "
    "port of Rotterdam under control on Sunday after a night-long battle, local authorities said.",
    "No one was hurt, but residents of two nearby districts were told to keep windows closed "
    "because of the smoke, the regional safety authority said.",
    "The cause of the fire was not yet known, a spokeswoman for the port authority said.",
]


def _copy(lines: list[str], change: str) -> list[str]:
    out = list(lines)
    out[2] = out[2].replace("three", change)
    return out


def _write(folder: Path) -> None:
    story = "iceland-volcano-eruption-march"
    (folder / f"{story}-afp.txt").write_text("\n\n".join(WIRE), encoding="utf-8")
    # The outlet as the record says it (NewsAPI style).
    record = {"title": WIRE[0], "text": "\n\n".join(_copy(WIRE, "3")[1:]), "source": {"name": "Nordic Daily"}}
    (folder / f"{story}-feed.json").write_text(json.dumps(record), encoding="utf-8")
    # Only a URL to go by.
    record = {
        "title": WIRE[0],
        "text": "\n\n".join(_copy(WIRE, "four")[1:]),
        "url": "https://www.lavawatch.is/news/1",
    }
    (folder / f"{story}-scrape.json").write_text(json.dumps(record), encoding="utf-8")
    # The text names its publisher.
    lines = [*_copy(WIRE, "nearly three"), "A Message from The Harbour Gazette:"]
    (folder / f"{story}-hg.txt").write_text("\n\n".join(lines), encoding="utf-8")
    # Nothing but the file name (and trimmed, as republished copies are).
    (folder / f"{story}-islandpost.txt").write_text(
        "\n\n".join(_copy(WIRE, "about 3")[:-1]), encoding="utf-8"
    )
    (folder / "rotterdam-port-fire-reuters.txt").write_text("\n\n".join(OTHER), encoding="utf-8")
    (folder / "rotterdam-port-fire-dutchnews.txt").write_text("\n\n".join(OTHER[:3]), encoding="utf-8")


OUTLETS = ["Nordic Daily", "lavawatch.is", "The Harbour Gazette", "islandpost"]


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    folder = tmp_path / "copies"
    folder.mkdir()
    _write(folder)
    return folder


async def test_filtering_to_one_story_at_80x24_shows_each_copys_outlet(copies: Path) -> None:
    app = ReaderApp([copies])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"volcano", "enter")
        await settle(pilot)
        assert len(table(app).order) == 5
        text = screen_text(app)
        assert "Outlet" in text
        for outlet in OUTLETS:
            assert outlet in text, (outlet, text)
        # The file names, cut to fit, keep the part that tells them apart.
        files = [table(app).cell_text(i, "file") for i in table(app).order]
        assert len(set(files)) == 5 and any(f.endswith("islandpost.txt") for f in files)


async def test_the_story_view_of_four_copies_names_each_column_by_its_outlet(copies: Path) -> None:
    app = ReaderApp([copies])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = list_screen(app)
        names = [screen.source.rows[i].file for i in table(app).order]
        base = next(n for n, name in enumerate(names) if name.endswith("-afp.txt"))
        await pilot.press(*(["down"] * base), "m")
        for n, name in enumerate(names):
            if "volcano" in name and n != base:
                table(app).move_cursor(row=n)
                await pilot.press("m")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, StoryScreen)
        text = screen_text(app)
        for k, outlet in enumerate(OUTLETS):
            assert any(f"#{j} {outlet[:8]}" in text for j in range(1, 5)), (k, outlet, text)
