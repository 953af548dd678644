"""What changed that matters: credits, numbers, names and quotations, in English, French
and Spanish, and the traps (restyled quotation marks and numbers, a number moved but not
changed, a capital that opens a sentence)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.compare import compare
from reader.core.facts import _holds, credit_kept, fact_finder
from reader.core.loading import article_from_text, load_file
from reader.view.words import verdict

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

EN = [
    "LONDON (Reuters) - Six people were killed when a fire swept through a warehouse in east London "
    "early on Tuesday, the London Fire Brigade said.",
    "The blaze broke out at about 3 a.m. and took 120 firefighters four hours to bring under control, "
    "station commander Martin Keller told reporters.",
    '"We have never seen a fire spread so quickly in a building of this kind," Keller said.',
    "The company that owns the building, Thameside Storage, said it was cooperating with investigators "
    "and that the site had passed an inspection on March 3.",
    "Police said a 34-year-old man had been arrested on suspicion of arson.",
]
FR = [
    "PARIS (AFP) - Six personnes ont été tuées mardi dans l'incendie d'un entrepôt de la banlieue est "
    "de Paris, ont annoncé les pompiers.",
    "Le feu s'est déclaré vers 3h00 et il a fallu quatre heures à 120 pompiers pour le maîtriser, a "
    "indiqué le commandant Martin Keller.",
    "« Nous n'avons jamais vu un feu se propager aussi vite dans un bâtiment de ce type », a déclaré "
    "M. Keller.",
    "L'entreprise propriétaire, Seine Stockage, a assuré coopérer avec les enquêteurs.",
]
ES = [
    "MADRID, 12 jun (EFE).- Unas 10.000 personas se manifestaron este martes en el centro de Madrid "
    "contra el cierre de la fábrica, según la Delegación del Gobierno.",
    '"No vamos a permitir que cierren la planta sin negociar", dijo el portavoz sindical Martín Keller '
    "ante los manifestantes.",
    "La empresa anunció en mayo el despido de 2.000 trabajadores y el traslado de la producción a Marruecos.",
]


def pair(a_paras: list[str], b_paras: list[str]):
    a = article_from_text("Headline\n\n" + "\n\n".join(a_paras), "a.txt")
    b = article_from_text("Headline\n\n" + "\n\n".join(b_paras), "b.txt")
    return compare(a, b)


def facts_of(a_paras: list[str], b_paras: list[str]) -> list[tuple]:
    return [(f.kind, f.change, f.a, f.b) for f in pair(a_paras, b_paras).facts]


def edit(paras: list[str], k: int, old: str, new: str) -> list[str]:
    out = list(paras)
    assert old in out[k]
    out[k] = out[k].replace(old, new)
    return out


# --- credits ----------------------------------------------------------------------


def test_the_seed_copy_drops_the_afp_credit() -> None:
    (afp,), _ = load_file(SEEDS / "002_990fca62850f33f5.txt")
    (mt,), _ = load_file(SEEDS / "003_574f2177cef51eb0.txt")
    facts = compare(afp, mt).facts
    first = (facts[0].kind, facts[0].change, facts[0].a, facts[0].b)
    assert first == ("credit", "dropped", "SEOUL (AFP)", None)
    assert facts[0].a_paragraph == 0
    assert credit_kept(afp, mt) == "dropped"


def test_reader_align_and_diff_report_the_dropped_credit() -> None:
    a, b = str(SEEDS / "002_990fca62850f33f5.txt"), str(SEEDS / "003_574f2177cef51eb0.txt")
    run = [sys.executable, "-m", "reader.cli"]
    out = subprocess.run([*run, "align", a, b, "--json"], capture_output=True, text=True).stdout
    assert json.loads(out)["facts"][0] == {
        "kind": "credit",
        "change": "dropped",
        "a": "SEOUL (AFP)",
        "b": None,
        "a_paragraph": 0,
        "b_paragraph": 0,
    }
    shown = subprocess.run([*run, "diff", a, b, "--color", "never"], capture_output=True, text=True).stdout
    assert "AFP credit dropped" in shown.splitlines()[5]


@pytest.mark.parametrize(
    ("lead_b", "change", "kept"),
    [
        ("LONDON (The Daily Ledger) - ", "changed", "replaced"),
        ("", "dropped", "dropped"),
        ("LONDON (Reuters) — ", None, "kept"),  # the dash restyled: the same credit
    ],
)
def test_dateline_credit_kept_dropped_or_replaced(lead_b: str, change: str | None, kept: str) -> None:
    b = [lead_b + EN[0].removeprefix("LONDON (Reuters) - "), *EN[1:]]
    comparison = pair(EN, b)
    credits = [f.change for f in comparison.facts if f.kind == "credit"]
    assert credits == ([change] if change else [])
    assert credit_kept(comparison.a, comparison.b) == kept


def test_an_end_credit_removed_is_a_fact() -> None:
    a = [*ES[1:], "La protesta terminó sin incidentes. EFE"]
    facts = facts_of(a, ES[1:] + ["La protesta terminó sin incidentes."])
    assert ("credit", "dropped", "EFE", None) in facts


def test_a_dateline_moved_to_an_end_credit_keeps_the_credit() -> None:
    b = [ES[0].removeprefix("MADRID, 12 jun (EFE).- "), *ES[1:], "Con información de EFE"]
    comparison = pair(ES, b)
    credits = [f for f in comparison.facts if f.kind == "credit"]
    assert [(f.change, f.b) for f in credits] == [("changed", "Con información de EFE")]
    assert credit_kept(comparison.a, comparison.b) == "kept"


# --- numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paras", "k", "old", "new"),
    [
        (EN, 0, "Six people", "Nine people"),
        (EN, 1, "120 firefighters", "150 firefighters"),
        (EN, 3, "March 3", "March 4"),
        (EN, 4, "34-year-old", "43-year-old"),
        (FR, 0, "Six personnes", "Neuf personnes"),
        (ES, 0, "10.000 personas", "12.000 personas"),
        (ES, 2, "2.000 trabajadores", "3.000 trabajadores"),
    ],
)
def test_a_changed_number_is_a_fact(paras: list[str], k: int, old: str, new: str) -> None:
    numbers = [f for f in pair(paras, edit(paras, k, old, new)).facts if f.kind == "number"]
    assert [(f.change, f.a_paragraph, f.b_paragraph) for f in numbers] == [("changed", k + 1, k + 1)]
    assert numbers[0].a.lower() in old.lower() and numbers[0].b.lower() in new.lower()


def test_a_magnitude_is_part_of_the_number() -> None:
    a = ["The government pledged $2 billion for flood defences on Monday, the ministry said."]
    b = ["The government pledged $2 million for flood defences on Monday, the ministry said."]
    numbers = [x for x in facts_of(a, b) if x[0] == "number"]
    assert numbers == [("number", "changed", "$2 billion", "$2 million")]


@pytest.mark.parametrize(
    ("old", "new"), [("10.000", "10 000"), ("10.000", "10\u00a0000"), ("10.000", "10,000")]
)
def test_thousands_separators_are_typography_not_a_fact(old: str, new: str) -> None:
    assert pair(ES, edit(ES, 0, old, new)).facts == ()


def test_a_number_moved_but_not_changed_is_no_fact() -> None:
    moved = [
        EN[0],
        "It took 120 firefighters four hours to bring the blaze, which broke out at about 3 a.m., "
        "under control, station commander Martin Keller told reporters.",
        *EN[2:],
    ]
    assert [f for f in pair(EN, moved).facts if f.kind == "number"] == []


def test_a_number_cut_with_its_clause() -> None:
    b = edit(EN, 1, " and took 120 firefighters four hours to bring under control", "")
    numbers = [(f.change, f.a) for f in pair(EN, b).facts if f.kind == "number"]
    assert ("dropped", "120") in numbers


# --- names -------------------------------------------------------------------------


@pytest.mark.parametrize(("paras", "k", "first"), [(EN, 1, "Martin"), (FR, 1, "Martin"), (ES, 1, "Martín")])
def test_a_respelt_name_is_a_fact(paras: list[str], k: int, first: str) -> None:
    b = edit(paras, k, f"{first} Keller", f"{first} Kessler")
    names = [x for x in facts_of(paras, b) if x[0] == "name"]
    assert names == [("name", "changed", f"{first} Keller", f"{first} Kessler")]


def test_a_capital_opening_a_sentence_is_no_name() -> None:
    b = edit(EN, 4, "Police said a 34-year-old", "Investigators said a 34-year-old")
    assert [f for f in pair(EN, b).facts if f.kind == "name"] == []


# --- quotations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paras", "k", "old", "new"),
    [
        (EN, 2, "never seen a fire spread so quickly", "never seen a fire spread this fast"),
        (FR, 2, "aussi vite", "si rapidement"),
        (ES, 1, "sin negociar", "sin antes negociar"),
    ],
)
def test_an_altered_quotation_is_a_fact(paras: list[str], k: int, old: str, new: str) -> None:
    quotes = [f for f in pair(paras, edit(paras, k, old, new)).facts if f.kind == "quote"]
    assert [(f.change, f.a_paragraph, f.b_paragraph) for f in quotes] == [("changed", k + 1, k + 1)]


@pytest.mark.parametrize(
    ("paras", "k", "old", "new"),
    [
        (EN, 2, '"We have', "“We have"),
        (FR, 2, "« Nous", '"Nous'),
        (ES, 1, '"No vamos', "«No vamos"),
    ],
)
def test_restyled_quotation_marks_are_no_fact(paras: list[str], k: int, old: str, new: str) -> None:
    b = edit(paras, k, old, new)
    closing = {
        '"We have': ('kind," Keller', "kind,” Keller"),
        "« Nous": (" », a", '", a'),
        '"No vamos': ('negociar", dijo', "negociar», dijo"),
    }[old]
    b[k] = b[k].replace(*closing)
    assert pair(paras, b).facts == ()


def test_a_quotation_cut_and_one_added() -> None:
    b = [*EN[:2], *EN[3:], '"This is a tragedy for the whole neighbourhood," the mayor told local radio.']
    quotes = [(f.change, f.a is not None) for f in pair(EN, b).facts if f.kind == "quote"]
    assert quotes == [("dropped", True), ("added", False)]


# --- no facts ----------------------------------------------------------------------


def test_an_identical_pair_has_no_facts() -> None:
    assert pair(EN, EN).facts == ()


def test_different_write_ups_have_no_facts() -> None:
    (bbc,), _ = load_file(SEEDS / "000_4f549e9bf7ce5619.txt")
    (afp,), _ = load_file(SEEDS / "002_990fca62850f33f5.txt")
    assert compare(bbc, afp).facts == ()


# --- labels a reader can trust ----------------------------------------------------------


def test_a_paragraph_keeping_two_of_forty_words_is_rewritten_not_edited() -> None:
    a = EN[:2] + [
        "Police said on Wednesday that a 34-year-old man who had worked at the warehouse for several "
        "years was arrested late on Tuesday on suspicion of arson and was being questioned at a station "
        "in east London."
    ]
    b = EN[:2] + [
        "Arson is suspected: a former warehouse worker, 34, is being questioned after his arrest, police "
        "told reporters, saying he had worked there for years."
    ]
    comparison = pair(a, b)
    last = comparison.groups[-1]
    assert last.kind == "rewritten" and last.a == (3,) and last.b == (3,)
    said = verdict(comparison.summary)
    assert "1 rewritten" in said and "edited" not in said


def test_a_spun_copy_stays_a_word_diff() -> None:
    a = EN[:2] + [
        "Officials said the storm destroyed dozens of homes along the northern coast on Tuesday night, "
        "and rescue teams searched the rubble."
    ]
    b = EN[:2] + [
        "Authorities stated the tempest wrecked scores of houses along the northern shore on Tuesday "
        "evening, and rescue crews searched the debris."
    ]
    assert pair(a, b).groups[-1].kind == "edited"


def test_no_share_exceeds_all_of_the_text() -> None:
    text = (
        "Attackers hid a <script> tag in the page; the code, called from window.onload = steal(), "
        "sent cookies to a server."
    )
    comparison = pair([*EN, text, text], [*EN, text, text])
    assert comparison.summary.kept_share <= 1.0
    assert comparison.a.paragraphs[-1].boilerplate is None


def test_digits_in_web_addresses_are_no_figures() -> None:
    from reader.core.numbers import numbers_in

    text = "Read more at https://news.example.com/2024/06/12/fire-15.html or mail desk2@example.org: 15 died."
    assert [n.value for n in numbers_in(text, "en")] == [15.0]


_PIECES = st.text(alphabet="ab 1.", max_size=9)


@given(st.lists(_PIECES, min_size=9, max_size=20), st.text(alphabet="ab 1.", max_size=30))
def test_looking_facts_up_finds_what_trying_each_finds(texts: list[str], change: str) -> None:
    # A paragraph as long as a book has thousands of facts and of changes: they are
    # looked up (fact_finder), and must say what trying every fact says.
    assert fact_finder(texts)(change) == _holds(change, texts)
