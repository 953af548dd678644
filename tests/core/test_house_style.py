"""House conventions are typography, not edits: dashes, guillemets, percent signs and
thousands separators as each outlet sets them (hidden by default, exit status 0)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import tokens
from reader.core.compare import compare
from reader.core.diff import _letters_and_digits, word_diff
from reader.core.loading import article_from_text
from reader.core.tokens import typographic_key

NBSP, NNBSP = "\u00a0", "\u202f"

SAME_IN_HOUSE_STYLE = [
    ("They, respectively—and unusually—agreed.", "They, respectively - and unusually - agreed."),
    ("They, respectively—and unusually—agreed.", "They, respectively – and unusually – agreed."),
    ("Il a dit « non » hier.", 'Il a dit "non" hier.'),
    (f"Il a dit «{NBSP}non{NBSP}» hier.", "Il a dit “non” hier."),
    (f"Il a dit «{NNBSP}non{NNBSP}» hier.", "Il a dit „non“ hier."),
    ("La participation a atteint 12 %.", "La participation a atteint 12%."),
    (f"La participation a atteint 12{NBSP}%.", "La participation a atteint 12%."),
    (f"La participation a atteint 12{NNBSP}%.", "La participation a atteint 12 %."),
    ("Unas 10.000 personas marcharon.", "Unas 10 000 personas marcharon."),
    ("Unas 10.000 personas marcharon.", "Unas 10,000 personas marcharon."),
    (f"Soit 1.200.000 euros{NNBSP}!", f"Soit 1{NNBSP}200{NNBSP}000 euros !"),
    ("Rund 15'000 Tonnen", f"Rund 15{NBSP}000 Tonnen"),
    ("Le toit est tombé.Les pompiers sont là.", "Le toit est tombé. Les pompiers sont là."),
]

REAL_EDITS = [
    ("Unas 10.000 personas marcharon.", "Unas 12.000 personas marcharon."),
    ("Se vendieron 4.000 entradas.", "Se vendieron 4 mil entradas."),
    ("The rate rose to 10.5 percent.", "The rate rose to 105 percent."),
    ("a well-known case", "a well known case"),
]


@pytest.mark.parametrize(("a", "b"), SAME_IN_HOUSE_STYLE)
def test_house_style_is_typography(a: str, b: str) -> None:
    assert typographic_key(a) == typographic_key(b)
    ops = word_diff(a, b)
    assert {op.tag for op in ops} <= {"equal", "typography"}
    assert "typography" in {op.tag for op in ops}


@pytest.mark.parametrize(("a", "b"), REAL_EDITS)
def test_real_edits_stay_edits(a: str, b: str) -> None:
    assert typographic_key(a) != typographic_key(b)
    assert {op.tag for op in word_diff(a, b)} - {"equal", "typography"}


def test_a_changed_number_beside_a_restyled_one_is_the_only_change() -> None:
    ops = word_diff("De 10.000 a 20.000 personas, 12 %.", "De 10 000 a 25 000 personas, 12%.")
    changes = [(op.a, op.b) for op in ops if op.tag not in ("equal", "typography")]
    assert changes == [("20.000", "25 000")]


def _pair(a: str, b: str):
    head = "PARIS (AFP) - Le gouvernement a présenté mardi son plan pour les transports publics.\n\n"
    return article_from_text(head + a, "a.txt"), article_from_text(head + b, "b.txt")


@pytest.mark.parametrize(("a", "b"), SAME_IN_HOUSE_STYLE)
def test_a_paragraph_of_house_style_is_labelled_typography(a: str, b: str) -> None:
    comparison = compare(*_pair(a, b))
    assert [g.kind for g in comparison.groups] == ["identical", "typography"]
    assert comparison.equal


def test_reader_diff_exits_0_when_house_style_is_the_only_difference(tmp_path) -> None:
    a, b = SAME_IN_HOUSE_STYLE[3]
    (tmp_path / "a.txt").write_text(f"Titre\n\n{a}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Titre\n\n{b}\n", encoding="utf-8")
    run = [sys.executable, "-m", "reader.cli", "diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert subprocess.run(run, capture_output=True).returncode == 0
    shown = subprocess.run([*run, "--typography", "--color", "never"], capture_output=True, text=True)
    assert shown.returncode == 1


_STYLED = (
    tokens._SINGLE_QUOTES + tokens._DOUBLE_QUOTES + tokens._DASHES + "…`.,' 0123456789aZ\u00a0\u202f\u2009\n"
)


@settings(max_examples=1000, deadline=None)
@given(st.text(st.one_of(st.sampled_from(_STYLED), st.characters())))
@example("1.200.000 — «\u00a0Ϊ\u00a0» ﬁ ʼn ½ ²")
def test_house_style_keeps_every_letter_and_digit_in_order(text: str) -> None:
    """What lets the word diff tell two texts apart by their letters and digits alone."""
    assert _letters_and_digits(typographic_key(text)) == _letters_and_digits(text)
