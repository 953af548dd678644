"""The dateline lead is found after the lines copies put above a story."""

from __future__ import annotations

from reader.core.loading import article_from_text

LEDE = (
    "LUBBOCK, Texas (AP) — A measles outbreak in a rural West Texas county has grown to 48 cases, "
    "state health officials said Friday."
)


def test_lead_after_headline_note_byline_and_timestamp() -> None:
    text = "\n\n".join(
        [
            "Texas measles outbreak grows to 48 cases",
            "Editor’s note: This story has been corrected to show that the outbreak began in late January.",
            "By MARIA GONZALEZ Associated Press",
            "Updated 3:12 PM CST, February 28, 2025",
            LEDE,
            "Most of the cases are in children who had not been vaccinated.",
        ]
    )
    article = article_from_text(text)
    assert article is not None
    assert (article.agency, article.dateline) == ("AP", "LUBBOCK, Texas")
    assert article.paragraphs[4].text.startswith("A measles outbreak")


def test_a_dateline_deeper_in_the_story_is_not_a_lead() -> None:
    body = [f"Paragraph {n} of the story says what happened on Friday in the county." for n in range(5)]
    article = article_from_text("\n\n".join([*body, LEDE]))
    assert article is not None
    assert article.agency is None
    assert article.paragraphs[5].text == LEDE
