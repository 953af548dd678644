"""Telling copies apart by name: the shared part of file names gives way first, and
the outlet falls back on the URL's host."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.metadata import host_outlet
from reader.view.names import fit_name, kin_prefixes, own_part, own_parts, shared_prefix, shared_suffix
from reader.view.wrap import cell_width

COPIES = [
    "kim-putin-comrades-afp.txt",
    "kim-putin-comrades-moscowtimes.txt",
    "kim-putin-comrades-koreaherald.txt",
    "kim-putin-comrades-nknews.txt",
]


def test_own_parts_are_what_the_names_do_not_share() -> None:
    assert shared_prefix(COPIES) == len("kim-putin-comrades-")
    assert shared_suffix(COPIES) == len(".txt")
    assert own_parts(COPIES) == ["afp", "moscowtimes", "koreaherald", "nknews"]


def test_a_shared_stretch_is_cut_between_words_only() -> None:
    names = ["report-amsterdam.txt", "report-amstelveen.txt"]
    assert own_parts(names) == ["amsterdam", "amstelveen"]  # not "rdam" and "elveen"
    assert shared_prefix(["abc.txt"]) == 0 and own_parts(["abc.txt"]) == ["abc"]
    # Names sharing nothing but the extension keep their stems.
    assert own_parts(["000_4f54.txt", "003_574f.txt"]) == ["000_4f54", "003_574f"]


def test_narrow_names_lose_the_shared_part_not_the_part_that_tells_them_apart() -> None:
    prefix = shared_prefix(COPIES)
    cut = [fit_name(name, 16, prefix) for name in COPIES]
    assert cut == ["…afp.txt", "…moscowtimes.txt", "…koreaherald.txt", "…nknews.txt"]
    assert len(set(cut)) == len(cut)
    # Narrower still: the middle of the own part goes, the end (extension) stays.
    tight = fit_name(COPIES[1], 12, prefix)
    assert cell_width(tight) <= 12 and tight.endswith(".txt")


@given(st.text(min_size=1, max_size=60), st.integers(min_value=1, max_value=40), st.integers(0, 60))
@example("🏸0", 2, 0)  # a wide character where one cell is left before the ellipsis
def test_fit_name_never_exceeds_its_width(name: str, width: int, prefix: int) -> None:
    name = name.replace("\n", " ")
    assert cell_width(fit_name(name, width, prefix)) <= max(width, 1)


def test_outlet_from_the_url_host() -> None:
    assert host_outlet("https://www.themoscowtimes.com/2024/06/19/a-story") == "themoscowtimes.com"
    assert host_outlet("http://m.lemonde.fr/international/article/x.html") == "lemonde.fr"
    assert host_outlet("https://apnews.com/article/x") == "apnews.com"
    for not_a_site in (None, "", "not a url", "https://127.0.0.1/x", "file:///home/a.html"):
        assert host_outlet(not_a_site) is None


def test_kin_are_the_names_beside_each_other_in_sorted_order() -> None:
    names = [*COPIES, "wildfire-ap.txt", "wildfire-latimes.txt", "zebra.txt"]
    shared = kin_prefixes(names)
    assert [own_part(n, k, 0) for n, k in zip(names, shared, strict=True)][:6] == [
        "afp",
        "moscowtimes",
        "koreaherald",
        "nknews",
        "ap",
        "latimes",
    ]
    assert shared[-1] == 0  # a name alone keeps all of itself


_PIECES = st.sampled_from(["kim-", "putin-", "afp", "a", "-", ".txt", "_x", "b.json"])


@given(st.lists(st.lists(_PIECES, min_size=1, max_size=4).map("".join), max_size=30))
def test_kin_one_name_at_a_time_is_the_pairwise_definition(names: list[str]) -> None:
    """Each name against its neighbours in sorted order, names repeated (a JSON file's
    records) included: what the app computes for the rows it shows only."""
    from itertools import pairwise

    order = sorted(range(len(names)), key=names.__getitem__)
    expected = [0] * len(names)
    for before, after in pairwise(order):
        common = shared_prefix([names[before], names[after]])
        expected[before] = max(expected[before], common)
        expected[after] = max(expected[after], common)
    assert kin_prefixes(names) == expected
