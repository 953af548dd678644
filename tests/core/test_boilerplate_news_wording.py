"""Wire-story sentences that share words with page furniture stay story text.

A body paragraph marked as boilerplate can only be paired with an identical
paragraph, so a copy that edits it loses the link (tests/data/wire, the
Iceland pair). These sentences are ordinary wire copy.
"""

from __future__ import annotations

import pytest

from reader.core.boilerplate import classify


@pytest.mark.parametrize(
    "text",
    [
        "Iceland applied to become a member of the European Union in 2009, after the collapse of "
        "its three biggest banks plunged the country into a deep financial crisis.",
        "Sweden's bid to become a member of NATO was held up for more than a year by Turkey and Hungary.",
        "The federal government has agreed to chip in $2 billion toward the cost of the new bridge.",
        "Employers will make a one-time contribution of 500 euros to each worker's pension account.",
        "The IAEA has demanded unlimited access to the Fordow site, which Iran says it will not grant.",
        "Under French law, the names of minors involved in criminal cases may not be published.",
        "Reporting by The Associated Press found that at least 40 people had died in police custody "
        "after being restrained.",
    ],
)
def test_news_wording_is_story_text(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Become a member today and get unlimited access.", "subscription appeal"),
        ("Get unlimited digital access for $1 a week.", "subscription appeal"),
        ("Members get unlimited access to our archive.", "subscription appeal"),
        ("Chip in $5 to keep our newsroom independent.", "donation appeal"),
        ("Make a one-time donation", "donation appeal"),
        ("Become a supporter", "donation appeal"),
        ("This article may not be reproduced.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        (
            "Reporting by Nikolaj Skydsgaard in Copenhagen; additional reporting by Anna Ringstrom in "
            "Stockholm; Editing by Alexander Smith",
            "credits",
        ),
        ("Reporting by Reuters staff; editing by Jane Doe", "credits"),
    ],
)
def test_the_same_words_as_furniture_are_still_marked(text: str, reason: str) -> None:
    assert classify(text) == reason
