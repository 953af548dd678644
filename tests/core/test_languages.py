"""The languages agencies file in: detection, elisions, sentences, stems, datelines,
end credits and boilerplate, each from the language's own table."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.core import lang
from reader.core.align import align
from reader.core.boilerplate import classify
from reader.core.datelines import is_credit_line, lead_day, split_credit_suffix, split_lead
from reader.core.diff import word_diff
from reader.core.loading import article_from_text
from reader.core.sentences import keys, split

SAMPLES = {
    "en": "The fire broke out early on Tuesday in an apartment building in the city centre, they said.",
    "fr": "L'incendie s'est déclaré dans la nuit de mardi dans un immeuble d'habitation du centre-ville.",
    "es": "El incendio se declaró en la madrugada del martes en un edificio de viviendas del centro.",
    "de": "Der Brand brach in der Nacht zum Dienstag in einem Wohnhaus in der Innenstadt aus, wie es hieß.",
    "pt": "O incêndio começou na madrugada de terça-feira num prédio residencial no centro da cidade.",
    "it": "L'incendio è scoppiato nella notte di martedì in un palazzo residenziale del centro città.",
    "nl": "De brand brak dinsdagnacht uit in een woongebouw in het centrum van de stad, zei de brandweer.",
    "ar": "اندلع الحريق فجر الثلاثاء في مبنى سكني في وسط المدينة، بحسب ما أفاد رجال الإطفاء في بيان.",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_detects_the_language_of_a_paragraph(code: str, text: str) -> None:
    assert lang.detect(text) == code


def test_a_language_without_a_table_is_left_to_the_model() -> None:
    text = "Пожар вспыхнул в ночь на вторник в жилом доме в центре города, сообщили пожарные."
    assert lang.detect(text) is None  # comparisons never load the model
    assert lang.identify(text) == "ru"


def test_too_little_text_has_no_language() -> None:
    assert lang.detect("Kim meets Putin") is None
    assert lang.identify("Kim meets Putin") is None


def test_every_table_has_what_the_core_reads() -> None:
    for table in lang.languages():
        assert len(table.months) == 12, table.code
        assert table.function_words and table.agencies, table.code


def test_reader_list_shows_each_articles_language(tmp_path) -> None:
    for code, text in SAMPLES.items():
        (tmp_path / f"{code}.txt").write_text(f"{text} {text}\n", encoding="utf-8")
    run = [sys.executable, "-m", "reader.cli", "list", str(tmp_path)]
    listed = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True).stdout)
    assert {a["id"]: a["language"] for a in listed} == {code: code for code in SAMPLES}
    table = subprocess.run(run, capture_output=True, text=True).stdout
    assert "lang" in table.splitlines()[0]


# --- elisions ------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["'", "’"])
def test_elided_forms_are_compared_without_their_article(mark: str) -> None:
    text = f"l{mark}usine d{mark}un groupe qu{mark}il a fermé jusqu{mark}à lundi, dell{mark}anno"
    assert keys(text) == ["usine", "un", "groupe", "il", "a", "fermé", "à", "lundi", "anno"]


def test_an_elided_article_aligns_and_the_diff_shows_whole_words() -> None:
    a = ["Les ouvriers ont occupé l'usine de Grenoble jusqu'à mardi soir, selon les syndicats."]
    b = ["Les ouvriers ont occupé cette usine de Grenoble jusqu’au mardi soir, selon les syndicats."]
    assert align(a, b, code="fr").links == {(0, 0)}
    changed = [(op.a, op.b) for op in word_diff(a[0], b[0]) if op.tag not in ("equal", "typography")]
    assert ("l'usine", "cette usine") in changed


# --- sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("es", "El fuego destruyó parte del edificio.Todavía no se conocen las causas.", 2),
        ("fr", "M. Dupont et Mme Martin sont venus. Le Dr Leroy a parlé. MM. Petit et Roy ont voté.", 3),
        ("es", "El Sr. García y la Sra. López llegaron a EE.UU. el lunes. Dijo que no. Luego se fue.", 3),
        ("de", "Es geschah am 3. Oktober in Berlin. Er sagte z.B. nichts bzw. wenig. Es war der 12. Tag.", 3),
        ("pt", "O Sr. Silva chegou. A Dra. Souza disse que 1,5 milhão de pessoas foram afetadas.", 2),
        ("it", "Il sig. Rossi e il dott. Bianchi sono arrivati. La S.p.A. ha chiuso.", 2),
        ("en", "Mr. Kim met U.S. officials on Jan. 5. The vote was 3.5 percent. No. 3 came last.", 3),
    ],
)
def test_sentences_are_cut_where_they_end(code: str, text: str, expected: int) -> None:
    pieces = split(text, code)
    assert len(pieces) == expected, pieces
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


# --- stems -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "a", "b"),
    [
        (
            "es",
            "Los incendios forestales obligaron a evacuar a los vecinos de tres pueblos de la sierra.",
            "El incendio forestal obligó a evacuar a vecinos de tres pueblos de la sierra.",
        ),
        (
            "en",
            "Investigators said the blast caused damage to the buildings across the street.",
            "Investigators say the blasts cause damage to a building across the street.",
        ),
    ],
)
def test_inflected_sentences_still_match(code: str, a: str, b: str) -> None:
    assert align([a], [b], code=code).links == {(0, 0)}


# --- datelines and credits -------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline", "agency", "day"),
    [
        ("PARIS, 15 mai 2011 (AFP) - Le gouvernement", "PARIS", "AFP", (5, 15)),
        ("Madrid, 9 oct (EFE).- El Gobierno", "Madrid", "EFE", (10, 9)),
        ("MADRID, 12 jun (EFE).- El Gobierno", "MADRID", "EFE", (6, 12)),
        ("Lisboa, 12 abr (Lusa) - O Governo", "Lisboa", "Lusa", (4, 12)),
        ("BERLIN, 4. März 2022 (AFP) - Die Regierung", "BERLIN", "AFP", (3, 4)),
        ("SÃO PAULO, 3 março 2022 (AFP) - O governo", "SÃO PAULO", "AFP", (3, 3)),
        ("GENÈVE (Keystone-ATS) - Le Conseil fédéral", "GENÈVE", "Keystone-ATS", None),
        ("BUENOS AIRES (Télam) - El Gobierno", "BUENOS AIRES", "Télam", None),
        ("Wien (APA) - Die Regierung", "Wien", "APA", None),
        ("ROMA (ANSA) - Il governo", "ROMA", "ANSA", None),
        ("(ANSA) - PAVIA, 21 NOV - Un treno", "PAVIA", "ANSA", (11, 21)),
        ("(Europa Press) - El Gobierno", None, "Europa Press", None),
        ("VIGO (PONTEVEDRA), 17 Feb. (EUROPA PRESS) - Un", "VIGO, PONTEVEDRA", "EUROPA PRESS", (2, 17)),
        ("(Belga) Les élèves", None, "Belga", None),
        ("(Xinhua) -- China", None, "Xinhua", None),
        ("Antwerpen (AFP) Ein Streik", "Antwerpen", "AFP", None),
        ("بغداد (أ ف ب) - أعلنت الوزارة", "بغداد", "أ ف ب", None),
    ],
)
def test_datelines_of_every_language(paragraph: str, dateline: str | None, agency: str, day) -> None:
    lead, got_dateline, got_agency, rest = split_lead(paragraph)
    assert (got_dateline, got_agency) == (dateline, agency)
    assert lead + rest == paragraph
    assert lead_day(lead) == day


@pytest.mark.parametrize(
    "line",
    [
        "AGENCE FRANCE-PRESSE",
        "afp/nxp",
        "(afp/nxp)",
        "-- AFP",
        "© AFP",
        "Con información de EFE",
        "EFE",
        "fbe/ial/cbn",
        "dpa kbr yyzz n1 hs",
        "Lusa/Fim",
        "ACF // JMR",
        "(ANSA)",
        "(Reporting by Ana Lopez; Editing by Tom Hill)",
        "Mit Material der Nachrichtenagentur AFP.",
    ],
)
def test_end_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    ["and/or", "The AFP reported the figures on Monday.", "© 2025 The Ledger. All rights reserved.", "Paris"],
)
def test_lines_that_are_not_end_credits(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    ("paragraph", "credit"),
    [
        ("Las lluvias siguen. EFE", "EFE"),
        ("Il treno è ripartito. (ANSA).", "(ANSA)."),
        ("Le trafic a repris. (AFP)", "(AFP)"),
    ],
)
def test_an_end_credit_closing_the_last_paragraph_is_taken_off(paragraph: str, credit: str) -> None:
    rest, found = split_credit_suffix(paragraph)
    assert found == credit
    assert rest.rstrip() == paragraph[: -len(credit)].rstrip()


def test_the_article_keeps_its_credit_apart_and_names_the_agency() -> None:
    text = (
        "Título\n\nSantander, 4 mar (EFE).- Los equipos de rescate sacaron a tres espeleólogos.\n\n"
        "Se encuentran en buen estado. EFE\n\narl/ics\n"
    )
    article = article_from_text(text, "a.txt")
    assert article.agency == "EFE" and article.lead.startswith("Santander")
    assert article.credit == "EFE · arl/ics"
    assert article.paragraphs[-2].text == "Se encuentran en buen estado."
    assert article.paragraphs[-1].boilerplate == "credits"


# --- boilerplate -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Lire aussi : Le gouvernement recule sur la réforme", "also read"),
        ("À LIRE ÉGALEMENT", "also read"),
        ("Abonnez-vous à notre newsletter pour recevoir l'essentiel", "newsletter"),
        ("Lee también: El Gobierno aprueba el plan", "also read"),
        ("Suscríbete a nuestro boletín y recibe las noticias", "newsletter"),
        ("Lesen Sie auch: Streik im Hafen", "also read"),
        ("Den ganzen Artikel weiterlesen auf unserer Website", "also read"),
        ("Anzeige", "advertisement"),
        ("Publicité", "advertisement"),
        ("Leia também: Governo anuncia plano", "also read"),
        ("Tous droits réservés", "copyright"),
        ("Foto: AFP", "photo caption"),
        ("Leggi anche: Il governo approva", "also read"),
    ],
)
def test_boilerplate_of_every_language(line: str, reason: str) -> None:
    assert classify(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Le ministre a lu aussi une lettre des syndicats devant l'Assemblée.",
        "La publicité des débats a été décidée par le tribunal de Lyon.",
        "Die Anzeige gegen den Bürgermeister wurde am Montag zurückgezogen.",
    ],
)
def test_story_sentences_that_share_words_with_furniture_stay_story(line: str) -> None:
    assert classify(line) is None
