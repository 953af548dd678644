"""Dateline leads, titles and outlets: found where they are, never invented."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.datelines import split_lead
from reader.core.metadata import detect_outlet, first_sentence, make_title


@pytest.mark.parametrize(
    ("paragraph", "lead", "dateline", "agency"),
    [
        ("SEOUL (AFP) : North Korean leader Kim", "SEOUL (AFP) : ", "SEOUL", "AFP"),
        ("GENEVA (Reuters) – The WHO said", "GENEVA (Reuters) – ", "GENEVA", "Reuters"),
        ("WASHINGTON (AP) — President Biden", "WASHINGTON (AP) — ", "WASHINGTON", "AP"),
        ("PARIS, June 12 (Reuters) - France said", "PARIS, June 12 (Reuters) - ", "PARIS", "Reuters"),
        ("NEW YORK (AP) —Stocks fell", "NEW YORK (AP) —", "NEW YORK", "AP"),
        ("Kyiv (AFP) - Ukraine said", "Kyiv (AFP) - ", "Kyiv", "AFP"),
        ("BERLIN (dpa) - Die Regierung", "BERLIN (dpa) - ", "BERLIN", "dpa"),
        ("MADRID, 12 jun (EFE).- x", "MADRID, 12 jun (EFE).- ", "MADRID", "EFE"),
        ("ROME (ANSA) - Italy", "ROME (ANSA) - ", "ROME", "ANSA"),
        ("BEIJING, June 12 (Xinhua) -- China", "BEIJING, June 12 (Xinhua) -- ", "BEIJING", "Xinhua"),
        ("TOKYO (Kyodo) -- Japan", "TOKYO (Kyodo) -- ", "TOKYO", "Kyodo"),
        ("SEOUL, June 12 (Yonhap) -- South Korea", "SEOUL, June 12 (Yonhap) -- ", "SEOUL", "Yonhap"),
        ("NEW DELHI (PTI) : India", "NEW DELHI (PTI) : ", "NEW DELHI", "PTI"),
        ("MOSCOW, June 12 (TASS) - Russia", "MOSCOW, June 12 (TASS) - ", "MOSCOW", "TASS"),
        ("Moscow, 12 June (Interfax) - x", "Moscow, 12 June (Interfax) - ", "Moscow", "Interfax"),
        ("ANKARA (Anadolu) - Turkey", "ANKARA (Anadolu) - ", "ANKARA", "Anadolu"),
        ("KUALA LUMPUR, Malaysia (AP) — A", "KUALA LUMPUR, Malaysia (AP) — ", "KUALA LUMPUR, Malaysia", "AP"),
        ("MINNEAPOLIS, Minn. (AP) — Police", "MINNEAPOLIS, Minn. (AP) — ", "MINNEAPOLIS, Minn.", "AP"),
        (
            "WASHINGTON, June 12, 2024 (Reuters) - x",
            "WASHINGTON, June 12, 2024 (Reuters) - ",
            "WASHINGTON",
            "Reuters",
        ),
        ("SÃO PAULO (Reuters) - Brazil", "SÃO PAULO (Reuters) - ", "SÃO PAULO", "Reuters"),
        ("PORT-AU-PRINCE, Haiti (AP) — x", "PORT-AU-PRINCE, Haiti (AP) — ", "PORT-AU-PRINCE, Haiti", "AP"),
        ("Dar es Salaam (AFP) - x", "Dar es Salaam (AFP) - ", "Dar es Salaam", "AFP"),
        ("ST. LOUIS (AP) — x", "ST. LOUIS (AP) — ", "ST. LOUIS", "AP"),
        ("N'DJAMENA (AFP) - Chad", "N'DJAMENA (AFP) - ", "N'DJAMENA", "AFP"),
        ("SEOUL (Newsis) - x", "SEOUL (Newsis) - ", "SEOUL", "Newsis"),
        ("JAKARTA (Tempo Media) - x", "JAKARTA (Tempo Media) - ", "JAKARTA", "Tempo Media"),
        ("GAZA (AFP/Reuters) - x", "GAZA (AFP/Reuters) - ", "GAZA", "AFP/Reuters"),
        ("(Reuters) - Apple Inc said", "(Reuters) - ", None, "Reuters"),
        (
            "HONG KONG/SHANGHAI (Reuters) - China's",
            "HONG KONG/SHANGHAI (Reuters) - ",
            "HONG KONG/SHANGHAI",
            "Reuters",
        ),
        ("UNITED NATIONS (AP) — The", "UNITED NATIONS (AP) — ", "UNITED NATIONS", "AP"),
        ("GAZA CITY, Gaza Strip (AP) — x", "GAZA CITY, Gaza Strip (AP) — ", "GAZA CITY, Gaza Strip", "AP"),
        ("WASHINGTON (AP) President Biden", "WASHINGTON (AP) ", "WASHINGTON", "AP"),
        (
            "NEW YORK, June 12, 2024 /PRNewswire/ -- Acme",
            "NEW YORK, June 12, 2024 /PRNewswire/ -- ",
            "NEW YORK",
            "PRNewswire",
        ),
        ("NEW YORK (AP) —", "NEW YORK (AP) —", "NEW YORK", "AP"),
    ],
)
def test_parses_wire_leads(
    paragraph: str, lead: str | None, dateline: str | None, agency: str | None
) -> None:
    got = split_lead(paragraph)
    assert got[:3] == (lead, dateline, agency)
    assert (got[0] or "") + got[3] == paragraph


@pytest.mark.parametrize(
    "sentence",
    [
        "Apple (AAPL) - shares rose on Monday.",
        "Smith (R-Texas) - who chairs the panel - said no.",
        "Kim (pictured) - a former analyst - disagreed.",
        "The report (AP) — which was leaked — says otherwise.",
        "Officials told (AFP) — without giving details — that talks failed.",
        "BREAKING (AP) - Stocks tumble.",
        "Seoul (Yonhap TV) - x",  # unknown agency after a place that is not in capitals
        "North Korea (DPRK): the country's official name.",
        "Putin (left) and Kim (right) shook hands.",
        "He said (AP) - and then left.",
        "In Seoul, officials (AFP) said so.",
        "Paris, said the minister (AFP) - x",
        "Reuters (Reuters) is an agency.",
        "(AP) reported the news.",
        "Mr Kim (AFP) said.",
        "",
    ],
)
def test_does_not_take_ordinary_sentences_for_leads(sentence: str) -> None:
    assert split_lead(sentence) == (None, None, None, sentence)


@given(st.text(max_size=200))
def test_lead_plus_rest_is_the_paragraph(text: str) -> None:
    lead, _, _, rest = split_lead(text)
    assert (lead or "") + rest == text


def test_first_sentence_skips_abbreviations_and_initials() -> None:
    text = "Mr. Kim met U.S. officials on Jan. 5 in Washington, D.C. on a visit. Then he left."
    assert first_sentence(text) == "Mr. Kim met U.S. officials on Jan. 5 in Washington, D.C. on a visit."
    assert first_sentence("“It is over,” he said. Then silence.") == "“It is over,” he said."


def test_make_title_shortens_on_a_word_boundary() -> None:
    text = (
        "North Korean leader Kim Jong Un on Wednesday hailed his country's ties with Russia, saying "
        "the two nations were invincible. More follows."
    )
    title = make_title(text)
    assert title == "North Korean leader Kim Jong Un on Wednesday hailed his country's ties with…"
    assert len(title) <= 81
    assert make_title("Short one. Second.") == "Short one"
    assert make_title("Is it over? Yes.") == "Is it over?"
    assert make_title(".") == "."
    assert make_title("  spaced\n  out  ") == "spaced out"
    assert make_title("x" * 200).endswith("…") and len(make_title("x" * 200)) == 81


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["A Message from The Moscow Times:"], "The Moscow Times"),
        (["Body text.", "A Note from Meduza."], "Meduza"),
        (["© 2024 The Paper. All rights reserved."], "The Paper"),
        (
            ["Copyright 2024 The Associated Press. All rights reserved. This material may not be published"],
            "The Associated Press",
        ),
        (["© Copyright 2024, Acme News Ltd."], "Acme News"),
        (["Copyright © 2023-2024 Kyiv Post"], "Kyiv Post"),
        (["Follow Reuters on X"], "Reuters"),
        (["Follow The Moscow Times on Telegram"], "The Moscow Times"),
        (["Subscribe to The Kyiv Independent today"], "The Kyiv Independent"),
        (["This article was originally published by Meduza."], "Meduza"),
        (["Read the original article on Business Insider."], "Business Insider"),
        # Not outlets:
        (["Follow us on Twitter"], None),
        (["Subscribe to our newsletter"], None),
        (["Copyright law is complex."], None),
        (["A message from the president was read aloud at the ceremony on Tuesday, officials said."], None),
        (["Copyright " + "x " * 100], None),
        ([], None),
    ],
)
def test_detect_outlet(lines: list[str], outlet: str | None) -> None:
    assert detect_outlet(lines) == outlet
