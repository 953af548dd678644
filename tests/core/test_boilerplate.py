"""Boilerplate is marked precisely: page furniture yes, story text never."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.boilerplate import classify, mark_runs
from reader.core.formats import text_paragraphs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(name: str) -> list[str]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return text_paragraphs(path.read_text(encoding="utf-8"))


def test_seed_003_appeal_is_one_marked_block() -> None:
    reasons = mark_runs(seed("003"))
    assert len(reasons) == 19
    assert reasons[:11] == [None] * 11
    assert reasons[11:] == ["donation appeal"] * 8


def test_seed_000_marks_only_its_two_photo_captions() -> None:
    paragraphs = seed("000")
    reasons = mark_runs(paragraphs)
    marked = {i: r for i, r in enumerate(reasons) if r}
    assert marked == {4: "photo caption", 11: "photo caption"}
    assert paragraphs[4].endswith("(Sputnik, Kremlin Pool Photo via AP)")
    assert paragraphs[11].endswith("(Sputnik, Kremlin Pool Photo via AP, File)")


def test_seed_002_has_no_boilerplate() -> None:
    assert mark_runs(seed("002")) == [None] * 16


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Remind me later.", "remind me later"),
        ("Maybe later", "button text"),
        ("Read more", "read more"),
        ("READ MORE: Kim Jong Un hails ties with Russia", "read more"),
        ("Continue reading…", "read more"),
        ("ALSO READ | Putin to visit Pyongyang", "also read"),
        ("ALSO READ Putin to visit Pyongyang", "also read"),
        ("Also read: North Korea fires missiles", "also read"),
        ("Related: How the summit unfolded", "also read"),
        ("Related articles", "also read"),
        ("You might also like:", "also read"),
        ("The two leaders met (Sputnik, Kremlin Pool Photo via AP)", "photo caption"),
        ("Kim and Putin in 2023 (AFP Photo / KCNA via KNS)", "photo caption"),
        ("FILE PHOTO: Russian President Vladimir Putin attends a meeting in Moscow", "photo caption"),
        ("Kim Jong Un inspects a factory. REUTERS/Kim Hong-Ji", "photo caption"),
        ("Troops on parade in Pyongyang (Photo by Ed Jones/AFP via Getty Images)", "photo caption"),
        ("Image caption, Mr Kim in Vladivostok", "photo caption"),
        ("Kim waves to the crowd (File)", "photo caption"),
        ("Follow us on Twitter", "social"),
        ("Follow The Moscow Times on Telegram", "social"),
        ("Facebook Twitter WhatsApp Email", "social"),
        ("Share this article", "social"),
        ("© 2024 The Moscow Times. All rights reserved.", "copyright"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("Reporting by Hyonhee Shin; Editing by Ed Davies", "credits"),
        ("(Additional reporting by Josh Smith in Seoul)", "credits"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Sign up for our daily newsletter to get the news delivered to your inbox.", "newsletter"),
        ("Get the best of our journalism straight to your inbox.", "newsletter"),
        ("Subscribe now for unlimited access to our reporting.", "subscription appeal"),
        ("Already a subscriber? Log in to continue reading.", "subscription appeal"),
        ("This article is available to subscribers only.", "subscription appeal"),
        ("Your support, no matter how small, makes a world of difference.", "donation appeal"),
        ("Please consider supporting independent journalism with a monthly donation.", "donation appeal"),
        ("Donate now", "donation appeal"),
        ("We need your help to keep reporting from the front line.", "donation appeal"),
        ("If you value our work, make a contribution today. Every dollar helps us.", "donation appeal"),
        ("A Message from The Moscow Times:", "appeal"),
        ("Dear readers,", "appeal"),
        ("We use cookies to improve your experience on this site.", "cookie notice"),
        ("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}", "script"),
        ("googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });", "script"),
        ('{"@context": "https://schema.org", "@type": "NewsArticle"}', "script"),
        (".article-body p { margin: 0 0 1em; }", "script"),
        ("https://t.example.com/pixel.gif?utm_source=feed&id=42", "tracking junk"),
        ("https://www.example.com/news/kim-putin", "link"),
        ("Kim and Putin in 2023. Photograph: Vladimir Smirnov/AP", "photo caption"),
        ("Putin arrives. REUTERS/Maxim Shemetov/File Photo", "photo caption"),
        ("Associated Press writer Kim Tong-hyung in Seoul contributed to this report.", "credits"),
        ("The AP is solely responsible for all content.", "credits"),
        ("Download our free news app", "social"),
        ("Listen to this article", "button text"),
    ],
)
def test_classifies_page_furniture(text: str, reason: str) -> None:
    assert classify(text) == reason


# Story text that mentions the same words as appeals, captions or notices.
STORY_TEXT = [
    "The US, South Korea and their partners believe North Korea has supplied artillery to Russia to "
    "support its war in Ukraine in return for advanced military technologies and economic aid.",
    "Analysts said Beijing's support for Pyongyang remained crucial to its survival.",
    "The charity said donations had fallen by a third since the start of the war.",
    "Residents can make a donation at the town hall until Friday, the mayor's office said.",
    "“We thank you for your support,” Kim told the crowd, according to KCNA.",
    '"We need your help," the mayor told reporters, appealing for volunteers.',
    "“Please support us,” protesters chanted outside the embassy.",
    "The newspaper, which has 2 million subscribers, said it would raise prices.",
    "Subscribers to the satellite service lost their connection on Tuesday.",
    "The newsletter, first reported by Axios, was sent to party members on Monday.",
    "She said the photo was taken in 2019 and later shared by state media.",
    "The image released by KCNA shows Kim inspecting a missile launcher.",
    "The report was published in March (PDF).",
    "Officials met in Geneva (Switzerland) on Monday.",
    "Copyright holders sued the company over the use of their articles to train the model.",
    "The ministry said all rights to the land had been transferred to the state in 1991.",
    "Read more about the history of the talks in our explainer, the agency said.",
    "Related talks in Vienna ended without agreement, diplomats said.",
    "More than 9,000 containers were shipped, Mr Shin said.",
    "Follow-up talks are expected next month in Beijing.",
    "He said the advertisement campaign had cost $2 million.",
    "Their first summit took place in Vladivostok in April 2019.",
    "Share prices in Seoul rose 2% on the news.",
    "Trending topics on Chinese social media included the visit.",
    "Editing by the censors removed several paragraphs, the author said.",
    "Dear readers of the state newspaper were told the visit was a triumph.",
    "The function of the new committee is to oversee arms exports.",
    "We are facing unprecedented challenges, the prime minister said in a televised address.",
    "Putin (left) and Kim (right) shook hands at the cosmodrome.",
    "Support for the deal stood at 40%, according to a Reuters/Ipsos poll.",
    "The figures were compiled by Ipsos/Reuters.",
    "Satellite images released on Tuesday showed new structures (Maxar Technologies).",
    "More than 9,000 containers were shipped to Russia, he said.",
    "Watching the parade, analysts said the new missiles appeared larger.",
    "His colleague, who contributed to this report, was later detained.",
]


@pytest.mark.parametrize("text", STORY_TEXT)
def test_story_text_is_never_marked(text: str) -> None:
    assert classify(text) is None


def test_story_text_stays_unmarked_in_context() -> None:
    assert mark_runs(STORY_TEXT) == [None] * len(STORY_TEXT)


def test_appeal_block_ends_at_the_next_story_paragraph() -> None:
    paragraphs = [
        "Kim made a rare trip to Russia last year.",
        "Dear readers,",
        "We are a small team. Our reporters work in difficult conditions.",
        "Your support helps us continue.",
        "North Korea has denied the allegations, calling them absurd.",
        "Putin is expected to visit soon.",
    ]
    assert mark_runs(paragraphs) == [
        None,
        "donation appeal",
        "donation appeal",
        "donation appeal",
        None,
        None,
    ]


def test_trailing_reader_addressed_block_with_an_appeal_is_marked() -> None:
    paragraphs = [
        "Kim made a rare trip to Russia last year.",
        "Putin is expected to visit soon.",
        "North Korea has denied the allegations.",
        "We have reported on North Korea for 20 years.",
        "Please support our journalism today.",
    ]
    assert mark_runs(paragraphs) == [None, None, None, "donation appeal", "donation appeal"]


def test_an_op_ed_in_the_first_person_keeps_its_body() -> None:
    paragraphs = [
        "We Europeans have been too slow to see the danger.",
        "Our governments spoke of dialogue while our neighbours armed.",
        "We must now spend more on defence, and our voters know it.",
        "Please support our journalism today.",
    ]
    assert mark_runs(paragraphs) == [None, None, None, "donation appeal"]


def test_header_without_an_appeal_after_it_stays_a_header() -> None:
    paragraphs = ["Kim met Putin.", "A Message from The Moscow Times:", "Putin is expected to visit soon."]
    assert mark_runs(paragraphs) == [None, "appeal", None]


def test_empty_input() -> None:
    assert mark_runs([]) == []
    assert classify("") is None
    assert classify("   \n ") is None
